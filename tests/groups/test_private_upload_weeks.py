"""A public group's private upload is its members' alone, on every week-scoped URL.

The reading page has always checked `policy.may_read_in_group`; its fragments, the comment
pages and the API loaded the week by id and checked only the group (ids are sequential, so an
anonymous visitor could read the thread of any week). Every route of the site and the API
that takes a week, a comment or a question id is walked here, from the URL resolver: a new
route is covered without being listed, and one with a parameter this file cannot fill fails.
"""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from studygroup.api.tokens import create_token
from studygroup.discussion.services import post_comment
from studygroup.groups.models import GroupUpload
from studygroup.library.models import Paragraph, Question, Reading
from tests.factories import add_member, adopt, make_group, make_readings, make_text, make_user

pytestmark = pytest.mark.django_db

SECRET = "The quillwort secret of the pamphlet's second chapter"
MISSING = 987654  # no week, comment or question has this id
PARAM = re.compile(r"<(?:\w+:)?(\w+)>")


def walk(patterns, prefix: str = ""):
    for p in patterns:
        if isinstance(p, URLResolver):
            yield from walk(p.url_patterns, prefix + str(p.pattern))
        elif isinstance(p, URLPattern):
            yield prefix + str(p.pattern)


def names(route: str) -> list[str]:
    return PARAM.findall(route)


def object_param(route: str) -> str | None:
    """The parameter naming what the route acts on in one week: the week itself, or one of
    its comments or questions."""
    if "reading" in names(route):
        return "reading"
    if re.search(r"/(comments|questions)/<(?:\w+:)?pk>", route):
        return "pk"
    return None


def week_routes() -> list[str]:
    routes = {
        r
        for r in walk(get_resolver().url_patterns)
        if r.startswith(("groups/", "api/groups/"))
        and object_param(r)
        # A member's own secret feed URL: the token is the check (tests/groups/test_feeds*).
        and "token" not in names(r)
    }
    return sorted(routes)


ROUTES = week_routes()


class World:
    def __init__(self) -> None:
        self.facilitator = make_user()
        self.member = make_user()
        self.outsider = make_user()
        self.group = make_group(facilitator=self.facilitator, is_public=True)
        add_member(self.group, self.member)
        text = make_text(title="Our Own Pamphlet", is_public=False)
        GroupUpload.objects.create(group=self.group, text=text, size=100)
        start = self.group.today() - timedelta(days=7)
        adoption = adopt(self.group, text, start_date=start, weeks=2)
        self.week = Reading.objects.filter(adoption=adoption).order_by("number").first()
        self.paragraph = Paragraph.objects.filter(section=self.week.start_section).first()
        self.comment = post_comment(
            author=self.member, group=self.group, reading=self.week, body=SECRET
        )
        self.question = Question.objects.create(
            reading=self.week, group=self.group, body=SECRET, status=Question.Status.APPROVED
        )
        self.tokens = {
            "outsider": create_token(user=self.outsider, name="t").secret,
            "member": create_token(user=self.member, name="t").secret,
        }

    def url(self, route: str, *, missing: bool = False) -> str:
        obj = object_param(route)
        ids = {"reading": self.week.pk, "pk": self.comment.pk}
        if "/questions/" in route and obj == "pk":
            ids["pk"] = self.question.pk
        values = {
            "slug": self.group.slug,
            **ids,
            "paragraph": self.paragraph.pk,
            "fmt": "md",
            "action": "approve",
        }
        if missing:
            values[obj] = MISSING

        def fill(match: re.Match) -> str:
            name = match.group(1)
            assert name in values, f"{route}: say which value its <{name}> takes"
            return str(values[name])

        return "/" + PARAM.sub(fill, route)

    def client(self, who: str, route: str) -> Client:
        client = Client()
        if route.startswith("api/"):
            if who in self.tokens:
                client.defaults["HTTP_AUTHORIZATION"] = f"Bearer {self.tokens[who]}"
        else:
            client.defaults["HTTP_HX_REQUEST"] = "true"
            if who != "anonymous":
                client.force_login(getattr(self, who))
        return client


def methods(route: str) -> list[str]:
    return (
        ["get", "post", "put", "patch", "delete"] if route.startswith("api/") else ["get", "post"]
    )


def call(client: Client, method: str, url: str):
    if method == "get":
        return client.get(url)
    return getattr(client, method)(url, data="{}", content_type="application/json")


def test_the_walk_finds_the_week_routes():
    """The routes of the bug report are among those walked (the walk itself can fail)."""
    for route in [
        "groups/<slug:slug>/readings/<id:reading>/thread/",
        "groups/<slug:slug>/readings/<id:reading>/discussion/",
        "groups/<slug:slug>/readings/<id:reading>/poll/",
        "groups/<slug:slug>/comments/<id:pk>/history/",
        "api/groups/<slug>/readings/<reading>/comments",
    ]:
        assert route in ROUTES


@pytest.mark.parametrize("route", ROUTES)
def test_a_private_upload_week_is_nothing_to_outsiders(route):
    """Anonymous visitors and signed-in outsiders get exactly what a week that does not exist
    gets (404 where the group lets them look, else its sign-in or 403), and never its
    comments; a member gets past the week (whatever the empty form then says)."""
    w = World()
    url, missing = w.url(route), w.url(route, missing=True)
    tried = 0
    for method in methods(route):
        for who in ["anonymous", "outsider"]:
            client = w.client(who, route)
            as_if_missing = call(client, method, missing)
            response = call(client, method, url)
            if as_if_missing.status_code == 405:
                continue
            assert response.status_code == as_if_missing.status_code, (who, method, url)
            assert response.status_code not in (200, 201, 204), (who, method, url)
            assert SECRET.encode() not in response.content
        response = call(w.client("member", route), method, url)
        if response.status_code == 405:
            continue
        tried += 1
        assert response.status_code != 404, (method, url)
    assert tried, f"{route}: no method answered"


@pytest.mark.parametrize(
    "route",
    [
        "groups/<slug:slug>/readings/<id:reading>/thread/",
        "groups/<slug:slug>/readings/<id:reading>/discussion/",
        "groups/<slug:slug>/comments/<id:pk>/",
        "api/groups/<slug>/readings/<reading>/comments",
    ],
)
def test_a_member_reads_the_private_upload_week(route):
    w = World()
    response = w.client("member", route).get(w.url(route))
    assert response.status_code == 200
    assert SECRET.encode() in response.content


# --- The group page asks for the private uploads once, however many weeks -------------------


def group_page_queries(weeks: int) -> int:
    """Queries of an anonymous visit to a public group's page reading a private upload of
    `weeks` weeks (and a public text, so that some weeks stay listed)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    group = make_group(is_public=True)
    text = make_text(title=f"Pamphlet of {weeks}", is_public=False, chapters=weeks)
    make_readings(text)
    GroupUpload.objects.create(group=group, text=text, size=100)
    adopt(group, text, start_date=group.today() - timedelta(days=7))
    adopt(group, weeks=2)
    assert Reading.objects.filter(adoption__group=group, text=text).count() == weeks
    client = Client()
    client.get(f"/groups/{group.slug}/")  # warm whatever is cached once per process
    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"/groups/{group.slug}/")
    assert response.status_code == 200
    assert b"Pamphlet of" not in response.content  # the upload is the group's own
    return len(queries)


def test_the_group_page_does_not_ask_again_per_week():
    assert group_page_queries(6) == group_page_queries(2)


# --- Search: no snippet of the week for outsiders -------------------------------------------


def hits(user, kind: str) -> list[str]:
    from studygroup.search import services as search

    return [
        hit.url
        for group in search.search(user=user, text="quillwort", kind=kind).groups
        for hit in group.hits
    ]


@pytest.mark.parametrize("kind", ["comment", "question"])
def test_search_finds_the_week_for_members_only(kind):
    from django.contrib.auth.models import AnonymousUser

    w = World()
    assert hits(w.member, kind), "the member finds it (so the search itself works)"
    assert hits(AnonymousUser(), kind) == []
    assert hits(w.outsider, kind) == []


def test_a_former_member_hears_nothing_more_of_the_week():
    """A reply to someone who has since left the group: their notifications (list, digest,
    email all read `readable_notifications`) drop it, as the week is no longer theirs."""
    from studygroup.discussion.models import Notification
    from studygroup.policy import readable_notifications

    w = World()
    post_comment(author=w.facilitator, group=w.group, reading=w.week, body="Yes", parent=w.comment)
    assert readable_notifications(w.member).count() == 1  # while a member
    w.group.memberships.filter(user=w.member).delete()
    assert Notification.objects.filter(recipient=w.member).exists()
    assert readable_notifications(w.member).count() == 0
