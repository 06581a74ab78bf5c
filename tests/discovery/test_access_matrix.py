"""Who gets what from every discovery endpoint: five kinds of viewer × private and public group.

302 for an anonymous visitor is the redirect to sign in.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse

from studygroup.groups.models import GroupUpload
from studygroup.library.models import Paragraph, Reading
from tests.discovery.world import USERS, make_world
from tests.factories import adopt, make_text

pytestmark = pytest.mark.django_db

ALL = [200] * 5
NONE = [404] * 5
MANAGE = {"private": [404, 404, 403, 200, 200], "public": [302, 403, 403, 200, 200]}
SIGNED_IN = [302, 200, 200, 200, 200]
GROUP_SEES = {"private": [404, 404, 200, 200, 200], "public": ALL}
GROUP_ONLY = [404, 404, 200, 200, 200]


def member_token(w) -> str:
    """The member's own secret feed token (the URL works for whoever holds it)."""
    return w.group.memberships.get(user=w.member).feed_token


# endpoint: (url builder, {"private": codes, "public": codes}); columns follow USERS.
ENDPOINTS = {
    "tags": (lambda w: reverse("tags:list"), {"private": ALL, "public": ALL}),
    # The tag is only on the group's own question: visible as far as the group is.
    "tag_of_group_question": (
        lambda w: reverse("tags:detail", kwargs={"slug": "group-only"}),
        GROUP_SEES,
    ),
    "tag_of_curated_question": (
        lambda w: reverse("tags:detail", kwargs={"slug": "curated"}),
        {"private": ALL, "public": ALL},
    ),
    "readings_feed": (
        lambda w: reverse("groups:atom", kwargs={"slug": w.group.slug}),
        {"private": NONE, "public": ALL},
    ),
    "comments_feed": (
        lambda w: reverse("groups:comments_atom", kwargs={"slug": w.group.slug}),
        {"private": NONE, "public": ALL},
    ),
    "readings_feed_token": (
        lambda w: reverse(
            "groups:atom_token", kwargs={"slug": w.group.slug, "token": member_token(w)}
        ),
        {"private": ALL, "public": ALL},
    ),
    "comments_feed_token": (
        lambda w: reverse(
            "groups:comments_atom_token", kwargs={"slug": w.group.slug, "token": member_token(w)}
        ),
        {"private": ALL, "public": ALL},
    ),
    "comments_feed_bad_token": (
        lambda w: reverse(
            "groups:comments_atom_token", kwargs={"slug": w.group.slug, "token": "guess"}
        ),
        {"private": NONE, "public": NONE},
    ),
    # A group's private upload: 404 outside the group, even in a public group.
    "private_upload_text": (
        lambda w: reverse("library:text", kwargs={"slug": w.upload.text.slug}),
        {"private": GROUP_ONLY, "public": GROUP_ONLY},
    ),
    "private_upload_week": (
        lambda w: reverse(
            "discussion:reading_in_text",
            kwargs={"slug": w.group.slug, "text": w.upload.text.slug, "number": 1},
        ),
        {"private": GROUP_SEES["private"], "public": GROUP_SEES["private"]},
    ),
    # Its fragments too (every such route: tests/groups/test_private_upload_weeks.py).
    "private_upload_poll": (
        lambda w: reverse(
            "discussion:poll", kwargs={"slug": w.group.slug, "reading": group_week(w).pk}
        ),
        {"private": GROUP_SEES["private"], "public": GROUP_SEES["private"]},
    ),
    "export_page": (lambda w: reverse("export:group", kwargs={"slug": w.group.slug}), MANAGE),
    "export_group_md": (
        lambda w: reverse("export:group_file", kwargs={"slug": w.group.slug, "fmt": "md"}),
        MANAGE,
    ),
    "export_group_json": (
        lambda w: reverse("export:group_file", kwargs={"slug": w.group.slug, "fmt": "json"}),
        MANAGE,
    ),
    "export_week_md": (
        lambda w: reverse(
            "export:week_file",
            kwargs={"slug": w.group.slug, "reading": w.reading.pk, "fmt": "md"},
        ),
        MANAGE,
    ),
    "export_week_json": (
        lambda w: reverse(
            "export:week_file",
            kwargs={"slug": w.group.slug, "reading": w.reading.pk, "fmt": "json"},
        ),
        MANAGE,
    ),
    "member_export_page": (
        lambda w: reverse("export:member"),
        {"private": SIGNED_IN, "public": SIGNED_IN},
    ),
    "member_export_md": (
        lambda w: reverse("export:member_file", kwargs={"fmt": "md"}),
        {"private": SIGNED_IN, "public": SIGNED_IN},
    ),
    "member_export_json": (
        lambda w: reverse("export:member_file", kwargs={"fmt": "json"}),
        {"private": SIGNED_IN, "public": SIGNED_IN},
    ),
}


@pytest.fixture(params=["private", "public"])
def world(request):
    w = make_world(is_public=request.param == "public")
    w.kind = request.param
    w.questions["group"].tags.add("group-only")
    w.questions["curated"].tags.add("curated")
    w.upload = add_private_upload(w)
    return w


def group_week(w) -> Reading:
    """The group's own first week of its upload (fragments take the group's week ids)."""
    return Reading.objects.get(adoption__group=w.group, text=w.upload.text, number=1)


def add_private_upload(w):
    """The group's own upload, private to it even when the group is public, and read now."""
    text = make_text(title="Our Own Pamphlet", is_public=False)
    upload = GroupUpload.objects.create(group=w.group, text=text, size=100)
    adoption = adopt(w.group, text, start_date=w.group.today() - timedelta(days=7), weeks=2)
    w.upload_reading = Reading.objects.filter(text=adoption.text).order_by("number").first()
    return upload


@pytest.mark.parametrize("endpoint", list(ENDPOINTS))
def test_matrix(client, world, endpoint):
    build, expected = ENDPOINTS[endpoint]
    url = build(world)
    got = []
    for who in USERS:
        client.logout()
        if world.users[who] is not None:
            client.force_login(world.users[who])
        response = client.get(url)
        got.append(response.status_code)
        if response.status_code == 302 and who == "anonymous":
            assert response["Location"].startswith(reverse("account_login"))
    assert got == expected[world.kind], dict(zip(USERS, got, strict=True))


def test_no_endpoint_writes():
    """Every endpoint here is read-only: a POST is refused."""
    from django.test import Client

    world = make_world(is_public=True, discussion=False)
    world.upload = add_private_upload(world)
    client = Client()
    client.force_login(world.facilitator)
    for build, _ in ENDPOINTS.values():
        assert client.post(build(world)).status_code == 405


@pytest.mark.parametrize("who", USERS)
def test_a_private_upload_is_nowhere_outside_the_group(client, world, who):
    """Library list, search and the readings feed never show another group's upload."""
    user = world.users[who]
    client.logout()
    if user is not None:
        client.force_login(user)
    inside = who in ("member", "facilitator", "admin")
    title = "Our Own Pamphlet"
    listing = client.get(reverse("library:texts")).content.decode()
    assert (title in listing) is inside, "library list"
    first = Paragraph.objects.filter(section__text=world.upload.text).first().text
    word = max(first.split(), key=len).strip(".,;:")
    found = client.get(reverse("search:search"), {"q": word}).content.decode()
    assert (world.upload.text.slug in found) is inside, "search"
    if world.kind == "public":
        feed = client.get(reverse("groups:atom", kwargs={"slug": world.group.slug}))
        assert (title in feed.content.decode()) is False, "the plain feed is for everyone"
        calendar = client.get(reverse("groups:feed", kwargs={"slug": world.group.slug}))
        shown = world.upload_reading.title in calendar.content.decode()
        assert shown is (who in ("member", "facilitator", "admin")), "the plain calendar"
