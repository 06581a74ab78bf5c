"""The API's access matrix equals the site's: every role × every resource, private and public.

For each resource the API's answer is compared with the site page that shows or changes
the same thing. Both are normalised to what they mean: "ok" (the site's 200 or its success
redirect; the API's 2xx), "login" (the site's redirect to sign in; the API's 401), 403, 404.
The API's request runs first inside a savepoint that is rolled back, so both act on the same
world.
"""

from __future__ import annotations

import pytest
from django.db import transaction
from django.urls import reverse

from tests.api.helpers import USERS, api_for, build_world

pytestmark = pytest.mark.django_db


def group_url(name, w, **kw):
    return reverse(f"groups:{name}", kwargs={"slug": w.group.slug, **kw})


def talk(name, w, **kw):
    return reverse(f"discussion:{name}", kwargs={"slug": w.group.slug, **kw})


def week_page(w):
    return talk("reading", w, number=w.reading.number)


def g(w):
    return f"/groups/{w.group.slug}"


# (label, API method, API path, API JSON, site method, site URL, site form data)
RESOURCES = [
    ("group", "get", lambda w: g(w), None, "get", lambda w: group_url("detail", w), None),
    (
        "schedule",
        "get",
        lambda w: f"{g(w)}/schedule",
        None,
        "get",
        lambda w: group_url("detail", w),
        None,
    ),
    (
        "questions",
        "get",
        lambda w: f"{g(w)}/readings/{w.reading.pk}/questions",
        None,
        "get",
        week_page,
        None,
    ),
    (
        "comments",
        "get",
        lambda w: f"{g(w)}/readings/{w.reading.pk}/comments",
        None,
        "get",
        week_page,
        None,
    ),
    (
        "restricted_text",
        "get",
        lambda w: f"/texts/{w.restricted_text.slug}",
        None,
        "get",
        lambda w: reverse("library:text", kwargs={"slug": w.restricted_text.slug}),
        None,
    ),
    (
        "post",
        "post",
        lambda w: f"{g(w)}/readings/{w.reading.pk}/comments",
        {"body": "Hello"},
        "post",
        lambda w: talk("post", w, reading=w.reading.pk),
        lambda w: {"body": "Hello"},
    ),
    (
        "reply",
        "post",
        lambda w: f"{g(w)}/readings/{w.reading.pk}/comments",
        lambda w: {"body": "Indeed", "parent": w.comment.pk},
        "post",
        lambda w: talk("post", w, reading=w.reading.pk),
        lambda w: {"body": "Indeed", "parent": w.comment.pk},
    ),
    (
        "edit_own",
        "patch",
        lambda w: f"{g(w)}/comments/{w.own_comment.pk}",
        {"body": "Mine, edited"},
        "post",
        lambda w: talk("edit", w, pk=w.own_comment.pk),
        lambda w: {"body": "Mine, edited"},
    ),
    (
        "edit_other",
        "patch",
        lambda w: f"{g(w)}/comments/{w.comment.pk}",
        {"body": "Not mine"},
        "post",
        lambda w: talk("edit", w, pk=w.comment.pk),
        lambda w: {"body": "Not mine"},
    ),
    (
        "delete_own",
        "delete",
        lambda w: f"{g(w)}/comments/{w.own_comment.pk}",
        None,
        "post",
        lambda w: talk("delete", w, pk=w.own_comment.pk),
        None,
    ),
    (
        "delete_other",
        "delete",
        lambda w: f"{g(w)}/comments/{w.comment.pk}",
        None,
        "post",
        lambda w: talk("delete", w, pk=w.comment.pk),
        None,
    ),
    (
        "react",
        "post",
        lambda w: f"{g(w)}/comments/{w.comment.pk}/reactions",
        {"kind": "agree"},
        "post",
        lambda w: talk("react", w, pk=w.comment.pk),
        lambda w: {"kind": "agree"},
    ),
    (
        "done",
        "put",
        lambda w: f"{g(w)}/readings/{w.reading.pk}/done",
        {"done": True},
        "post",
        lambda w: group_url("progress", w, reading=w.reading.pk),
        lambda w: {"done": "1"},
    ),
]


def site_meaning(response, who: str) -> object:
    if response.status_code == 302:
        login = response["Location"].startswith(reverse("account_login"))
        return "login" if login and who == "anonymous" else "ok"
    if response.status_code == 200:
        return "ok"
    return response.status_code


def api_meaning(response) -> object:
    if response.status_code == 401:
        return "login"
    if 200 <= response.status_code < 300:
        return "ok"
    return response.status_code


@pytest.mark.parametrize("visibility", ["private", "public"])
@pytest.mark.parametrize("who", USERS)
@pytest.mark.parametrize(
    ("label", "api_method", "api_path", "api_json", "site_method", "site_url", "site_data"),
    RESOURCES,
    ids=[r[0] for r in RESOURCES],
)
def test_api_answers_as_the_site_does(
    client, visibility, who, label, api_method, api_path, api_json, site_method, site_url, site_data
):
    w = build_world(is_public=visibility == "public")
    json = api_json(w) if callable(api_json) else api_json
    with transaction.atomic():
        api_response = getattr(api_for(w, who), api_method)(api_path(w), json)
        transaction.set_rollback(True)
    if w.users[who] is not None:
        client.force_login(w.users[who])
    site_response = getattr(client, site_method)(site_url(w), site_data(w) if site_data else {})
    site = site_meaning(site_response, who)
    assert api_meaning(api_response) == site, (label, who, visibility, api_response.content)
    assert site_response.status_code != 500


# Spot checks, so that the matrix cannot pass by both sides going wrong the same way.
@pytest.mark.parametrize(
    ("who", "visibility", "path", "expected"),
    [
        ("anonymous", "private", lambda w: g(w), 404),
        ("outsider", "private", lambda w: g(w), 404),
        ("outsider", "private", lambda w: f"/texts/{w.restricted_text.slug}", 404),
        ("curator", "private", lambda w: f"/texts/{w.restricted_text.slug}", 200),
        ("member", "private", lambda w: f"/texts/{w.restricted_text.slug}", 200),
        ("anonymous", "public", lambda w: f"{g(w)}/readings/{w.reading.pk}/comments", 200),
        ("admin", "private", lambda w: f"{g(w)}/schedule", 200),
    ],
)
def test_spot_checks(who, visibility, path, expected):
    w = build_world(is_public=visibility == "public")
    assert api_for(w, who).get(path(w)).status_code == expected


@pytest.mark.parametrize("visibility", ["private", "public"])
@pytest.mark.parametrize("who", USERS)
def test_hidden_text_is_shown_exactly_to_whom_the_site_shows_it(client, visibility, who):
    """A hidden comment's text: in the API's tree iff the site's history page shows it."""
    w = build_world(is_public=visibility == "public")
    response = api_for(w, who).get(f"{g(w)}/readings/{w.reading.pk}/comments")
    if w.users[who] is not None:
        client.force_login(w.users[who])
    site = client.get(talk("history", w, pk=w.hidden.pk)).status_code
    if response.status_code == 404:
        assert site == 404
        return
    items = {c["id"]: c for c in response.json()["items"]}
    hidden = items[w.hidden.pk]
    assert hidden["hidden"] is True
    assert (hidden["html"] is not None) == (site == 200), who
    assert items[w.comment.pk]["html"] is not None  # a visible comment, for everyone who sees


READS = [r for r in RESOURCES if r[1] == "get"]


@pytest.mark.parametrize("visibility", ["private", "public"])
@pytest.mark.parametrize("who", USERS)
@pytest.mark.parametrize(
    ("label", "api_method", "api_path", "api_json", "site_method", "site_url", "site_data"),
    READS,
    ids=[r[0] for r in READS],
)
def test_reads_by_session_answer_as_the_site_does(
    client, visibility, who, label, api_method, api_path, api_json, site_method, site_url, site_data
):
    """A browser's session reads the API as that member (writes need a token: test_endpoints)."""
    w = build_world(is_public=visibility == "public")
    if w.users[who] is not None:
        client.force_login(w.users[who])
    api_response = client.get(f"/api{api_path(w)}")
    site_response = client.get(site_url(w))
    assert api_meaning(api_response) == site_meaning(site_response, who), (label, who)
