"""Tag pages show only what the viewer may see, in a constant number of queries."""

from __future__ import annotations

import pytest
from django.urls import reverse

from studygroup.discussion import services
from studygroup.library.models import Reading
from tests.discovery.world import make_world
from tests.factories import add_member, adopt, make_group, make_question, make_readings, make_text

pytestmark = pytest.mark.django_db


def build():
    """Everything tagged "ethics", each thing visible to a different set of people."""
    private = make_world(suffix="-p", discussion=False)  # a private group
    public = make_world(is_public=True, suffix="-o", discussion=False)
    things = {}

    things["public_text"] = make_text(title="Open Ethics")
    things["restricted_text"] = make_text(title="Closed Ethics", is_public=False)
    things["adopted_text"] = make_text(title="Ethics for the Circle", is_public=False)
    make_readings(things["adopted_text"])
    adopt(private.group, things["adopted_text"])  # its members may read it

    # The library's (curated) week 1 of a public text: the one that tags show.
    reading = Reading.objects.curated().get(text=private.reading.text, number=1)
    things["reading"] = reading
    unpublished = Reading.objects.curated().filter(text=reading.text, number=2).get()
    unpublished.is_published = False
    unpublished.save()
    things["unpublished"] = unpublished
    things["curated"] = make_question(reading, body="Is the circle fair?")
    things["curated_restricted"] = make_question(
        Reading.objects.curated().filter(text=things["adopted_text"]).first(),
        body="Closed question?",
    )
    things["private_q"] = services.propose_question(
        group=private.group, reading=private.reading, body="Private thought?", by=private.member,
        approved=True,
    )  # fmt: skip
    things["proposed_q"] = services.propose_question(
        group=public.group, reading=public.reading, body="Only proposed?", by=public.member
    )
    things["public_q"] = services.propose_question(
        group=public.group, reading=public.reading, body="Public thought?", by=public.member,
        approved=True,
    )  # fmt: skip
    for thing in things.values():
        thing.tags.add("Ethics")
    things["private_q"].tags.add("Secret plans")
    return private, public, things


VISIBLE = {
    # who: what they see tagged "ethics"
    "anonymous": {"public_text", "reading", "curated", "public_q"},
    "outsider": {"public_text", "reading", "curated", "public_q"},
    "member": {
        "public_text", "adopted_text", "reading", "curated", "curated_restricted", "private_q",
        "public_q",
    },
    "admin": {
        "public_text", "restricted_text", "adopted_text", "reading", "curated",
        "curated_restricted", "private_q", "public_q",
    },
}  # fmt: skip


def shown(page: str, things: dict) -> set[str]:
    labels = {
        "public_text": "Open Ethics",
        "restricted_text": "Closed Ethics",
        "adopted_text": "Ethics for the Circle",
        "reading": "Week 1: Chapter 1",
        "unpublished": "Week 2: Chapter 2",
        "curated": "Is the circle fair?",
        "curated_restricted": "Closed question?",
        "private_q": "Private thought?",
        "proposed_q": "Only proposed?",
        "public_q": "Public thought?",
    }
    return {key for key, label in labels.items() if label in page}


@pytest.mark.parametrize("who", list(VISIBLE))
def test_tag_page_shows_only_what_the_viewer_may_see(client, who):
    private, public, things = build()
    user = {
        "anonymous": None,
        "outsider": private.users["outsider"],
        "member": private.member,
        "admin": private.users["admin"],
    }[who]
    if user is not None:
        client.force_login(user)
    page = client.get(reverse("tags:detail", kwargs={"slug": "ethics"}))
    assert page.status_code == 200
    assert shown(page.content.decode(), things) == VISIBLE[who]

    listing = client.get(reverse("tags:list")).content.decode()
    assert f"{len(VISIBLE[who])} items" in listing
    secret = reverse("tags:detail", kwargs={"slug": "secret-plans"})
    can_see_secret = "private_q" in VISIBLE[who]
    assert (secret in listing) is can_see_secret
    assert client.get(secret).status_code == (200 if can_see_secret else 404)


def test_group_questions_link_to_the_group_week_and_curated_ones_to_the_library(client):
    private, public, things = build()
    page = client.get(reverse("tags:detail", kwargs={"slug": "ethics"})).content.decode()
    week = reverse(
        "discussion:reading_in_text",
        kwargs={"slug": public.group.slug, "text": public.reading.text.slug, "number": 1},
    )
    assert f"{week}#q-{things['public_q'].pk}" in page
    assert reverse("library:reading", args=[things["reading"].text.slug, 1]) in page


def test_unknown_tag_is_404(client):
    assert client.get(reverse("tags:detail", kwargs={"slug": "nothing"})).status_code == 404


def test_text_pages_link_their_tags(client):
    text = make_text(title="Tagged")
    text.tags.add("Political theory")
    tag_url = reverse("tags:detail", kwargs={"slug": "political-theory"})
    assert tag_url in client.get(reverse("library:texts")).content.decode()
    assert tag_url in client.get(text.get_absolute_url()).content.decode()
    assert "Tagged" in client.get(tag_url).content.decode()


def _more(n: int) -> None:
    for i in range(n):
        text = make_text(title=f"More {i}")
        text.tags.add("Ethics", f"topic-{i}")
        for reading in make_readings(text):
            reading.tags.add("Ethics")
            make_question(reading, body=f"More {i}?").tags.add("Ethics")
        group = make_group(is_public=bool(i % 2))
        add_member(group)


@pytest.mark.parametrize("who", ["anonymous", "member"])
def test_tag_pages_take_constant_queries(client, django_assert_num_queries, who):
    private, public, things = build()
    session = 0
    if who == "member":
        client.force_login(private.member)
        session = 3  # session, user, the notification bell
    list_url = reverse("tags:list")
    detail_url = reverse("tags:detail", kwargs={"slug": "ethics"})
    with django_assert_num_queries(session + 1):
        small_list = client.get(list_url)
    with django_assert_num_queries(session + 4):  # tag, texts, readings, questions
        small_detail = client.get(detail_url)
    _more(4)
    with django_assert_num_queries(session + 1):
        large_list = client.get(list_url)
    with django_assert_num_queries(session + 4):
        large_detail = client.get(detail_url)
    assert len(large_list.content) > len(small_list.content)
    assert len(large_detail.content) > len(small_detail.content)
