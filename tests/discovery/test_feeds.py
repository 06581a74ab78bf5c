"""Atom feeds of a group, parsed back with xml.etree."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import timedelta

import pytest
from django.urls import reverse

from studygroup.groups import feeds, services
from studygroup.policy import Viewer
from tests.discovery.world import make_world
from tests.factories import make_question

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


def url(world, name: str, token: str | None = None) -> str:
    kwargs = {"slug": world.group.slug}
    if token is not None:
        kwargs["token"] = token
        name += "_token"
    return reverse(f"groups:{name}", kwargs=kwargs)


def parse(response) -> tuple[ET.Element, list[dict]]:
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)
    assert root.tag == f"{ATOM}feed"
    entries = []
    for entry in root.findall(f"{ATOM}entry"):
        entries.append(
            {
                "title": entry.findtext(f"{ATOM}title"),
                "link": entry.find(f"{ATOM}link").get("href"),
                "id": entry.findtext(f"{ATOM}id"),
                "published": entry.findtext(f"{ATOM}published"),
                "updated": entry.findtext(f"{ATOM}updated"),
                "author": entry.findtext(f"{ATOM}author/{ATOM}name"),
                "summary": entry.findtext(f"{ATOM}summary") or "",
            }
        )
    return root, entries


def test_readings_feed_has_each_week_as_it_comes_up_and_the_questions(client):
    world = make_world(is_public=True)
    root, entries = parse(client.get(url(world, "atom")))
    assert root.findtext(f"{ATOM}title") == "Tuesday Circle: readings and questions"
    links = {link.get("rel"): link.get("href") for link in root.findall(f"{ATOM}link")}
    assert links["alternate"] == "http://127.0.0.1:8000" + world.group.get_absolute_url()
    assert links["self"] == "http://127.0.0.1:8000" + url(world, "atom")

    titles = [e["title"] for e in entries]
    for n in (1, 2, 3):
        assert f"Week {n}: Chapter {n}" in titles
    assert "Week 5: Chapter 5" not in titles  # more than a week ahead: not come up yet
    week1 = next(e for e in entries if e["title"] == "Week 1: Chapter 1")
    page = reverse(
        "discussion:reading_in_text",
        kwargs={"slug": world.group.slug, "text": world.reading.text.slug, "number": 1},
    )
    assert week1["link"] == "http://127.0.0.1:8000" + page
    assert "Meeting: Tuesday" in week1["summary"] and "19:00" in week1["summary"]

    questions = [e for e in entries if e["title"].startswith("Question on week 1")]
    assert {e["title"] for e in questions} == {
        "Question on week 1: What is a *circle*, for the author?",
        "Question on week 1: Who chairs the meeting?",
    }
    own = next(e for e in questions if "chairs" in e["title"])
    curated = next(e for e in questions if "circle" in e["title"])
    assert own["author"] == "Mo" and curated["author"] is None
    assert own["link"].endswith(f"#q-{world.questions['group'].pk}")
    assert not any("read faster" in t for t in titles)  # proposed, not approved
    # Newest first; ids are unique.
    assert [e["published"] for e in entries] == sorted(
        (e["published"] for e in entries), reverse=True
    )
    assert len({e["id"] for e in entries}) == len(entries)


def test_a_week_comes_up_seven_days_before_its_meeting():
    world = make_world(is_public=True, discussion=False)
    week5_start = world.group.meeting_start(
        feeds.load_timeline(world.group, with_progress=False).weeks[4].date
    )
    absolute = "http://x".__add__
    before = feeds.reading_entries(world.group, absolute, now=week5_start - timedelta(days=8))
    after = feeds.reading_entries(world.group, absolute, now=week5_start - timedelta(days=6))
    assert "Week 5: Chapter 5" not in [e.title for e in before]
    assert "Week 5: Chapter 5" in [e.title for e in after]


def test_comments_feed_leaves_out_hidden_and_deleted(client):
    world = make_world(is_public=True)
    root, entries = parse(client.get(url(world, "comments_atom")))
    assert root.findtext(f"{ATOM}title") == "Tuesday Circle: new comments"
    c = world.comments
    expected = [c[k] for k in ("week2", "question", "reply2", "reply", "root")]
    assert [e["link"].rsplit("#", 1)[1] for e in entries] == [x.anchor for x in expected]
    summaries = " ".join(e["summary"] for e in entries)
    assert "Something rude" not in summaries and "Never mind" not in summaries
    root_entry = entries[-1]
    assert root_entry["title"] == "Mo on week 1: Chapter 1"
    assert root_entry["author"] == "Mo"
    assert "<blockquote>the circle meets weekly</blockquote>" in root_entry["summary"]
    assert "<strong>not</strong>" in root_entry["summary"]


def token_of(world, user) -> str:
    return world.group.memberships.get(user=user).feed_token


def test_private_feeds_need_a_members_own_token(client):
    world = make_world()
    token = token_of(world, world.member)
    client.force_login(world.member)  # even a member's session does not open the plain URL
    for name in ("atom", "comments_atom"):
        assert client.get(url(world, name)).status_code == 404
        assert client.get(url(world, name, token="nope")).status_code == 404
    client.logout()
    _, entries = parse(client.get(url(world, "comments_atom", token=token)))
    assert len(entries) == 5
    parse(client.get(url(world, "atom", token=token)))

    membership = world.group.memberships.get(user=world.member)
    services.reset_feed_token(membership=membership)
    assert client.get(url(world, "comments_atom", token=token)).status_code == 404
    parse(client.get(url(world, "comments_atom", token=token_of(world, world.member))))
    # Another member's link is their own, and one member's reset leaves it alone.
    parse(client.get(url(world, "comments_atom", token=token_of(world, world.facilitator))))


def test_group_page_links_the_feeds(client):
    public = make_world(is_public=True, discussion=False)
    page = client.get(public.group.get_absolute_url()).content.decode()
    titles = {"atom": "readings and questions", "comments_atom": "new comments"}
    for name, title in titles.items():
        link = (
            '<link rel="alternate" type="application/atom+xml" '
            f'title="Tuesday Circle: {title}" href="{url(public, name)}">'
        )
        assert link in page

    private = make_world(suffix="-p", discussion=False)
    client.force_login(private.member)
    page = client.get(private.group.get_absolute_url()).content.decode()
    secret = url(private, "comments_atom", token=token_of(private, private.member))
    assert f'title="Tuesday Circle-p: new comments" href="{secret}"' in page
    assert f'href="{url(private, "comments_atom")}"' not in page


def test_feed_links_follow_access():
    world = make_world(discussion=False)
    outsider = Viewer(role=None, is_admin=False, is_authenticated=True)
    admin = Viewer(role=None, is_admin=True, is_authenticated=True)
    member = Viewer(role="member", is_admin=False, is_authenticated=True)
    assert feeds.feed_links(world.group, outsider, None) == []
    # A site admin who is not a member has no token of their own, so no secret link.
    assert feeds.feed_links(world.group, admin, None) == []
    token = token_of(world, world.member)
    assert all(token in link.url for link in feeds.feed_links(world.group, member, token))


@pytest.mark.parametrize("name", ["atom", "comments_atom"])
def test_feeds_take_constant_queries(client, django_assert_num_queries, name):
    world = make_world(is_public=True)
    # group; timeline 2 + where curated questions land 2 + questions, or comments
    expected = 1 + (5 if name == "atom" else 1)
    with django_assert_num_queries(expected):
        small = client.get(url(world, name))
    for i in range(10):
        reading = world.readings[i % 3]
        parent = world.post(body=f"More {i}", reading=reading)
        world.post(world.facilitator, body=f"Reply {i}", parent=parent, reading=reading)
    for reading in world.readings:
        make_question(reading, body=f"Curated on {reading.number}")
    with django_assert_num_queries(expected):
        large = client.get(url(world, name))
    assert len(large.content) > len(small.content)
