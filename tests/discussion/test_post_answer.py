"""Posting a comment with HTMX answers with the new comment and the changed counts, not a
re-rendered thread (views/thread_html.py: `posted_alone`); without JavaScript, a redirect."""

from __future__ import annotations

import json
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from studygroup.discussion import services
from tests.builders import make_circle

HTMX = {"HX-Request": "true"}


@pytest.fixture
def world(db):
    return make_circle()


def post_url(world) -> str:
    return reverse(
        "discussion:post", kwargs={"slug": world.group.slug, "reading": world.reading.pk}
    )


def version(world) -> str:
    return services.thread_version(group_id=world.group.pk, reading_id=world.reading.pk)


def test_a_new_comment_comes_back_alone_at_the_top_of_the_thread(client, world):
    world.post(author=world.other, body="An older thought.")
    client.force_login(world.member)
    response = client.post(
        post_url(world), {"body": "A *newer* thought.", "client_token": "t1"}, headers=HTMX
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert response["HX-Retarget"] == "#thread > ol.comments"
    assert response["HX-Reswap"] == "afterbegin"
    assert html.startswith('<li class="comment-item depth-1"><article id="c-')
    assert "<em>newer</em>" in html and "autofocus" in html
    assert "An older thought." not in html  # the thread is not rendered again
    assert 'id="compose"' in html and 'hx-swap-oob="true"' in html  # a fresh form


def test_its_cost_does_not_grow_with_the_thread(client, world, settings):
    settings.COMMENT_RATE_LIMIT = "1000/m"
    client.force_login(world.member)
    world.post(author=world.other, body="The first.")
    client.post(post_url(world), {"body": "Settling in.", "client_token": "s"}, headers=HTMX)
    counts = []
    for size, more in ((3, 1), (30, 27)):
        for _ in range(more):
            world.post(author=world.other, body="More.")
        with CaptureQueriesContext(connection) as ctx:
            response = client.post(
                post_url(world), {"body": "Mine.", "client_token": f"s{size}"}, headers=HTMX
            )
        assert response["HX-Reswap"] == "afterbegin"
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1]


def test_the_posters_poller_moves_on_only_when_nobody_else_wrote(client, world):
    world.post(author=world.other, body="Before.")
    client.force_login(world.member)
    seen = version(world)
    response = client.post(
        post_url(world), {"body": "Mine.", "client_token": "a", "seen": seen}, headers=HTMX
    )
    event = json.loads(response["HX-Trigger"])["discussion-version"]
    assert event == {"version": version(world), "added": 1}

    stale = version(world)
    world.post(author=world.other, body="Someone else, meanwhile.")
    response = client.post(
        post_url(world), {"body": "Mine again.", "client_token": "b", "seen": stale}, headers=HTMX
    )
    assert response["HX-Reswap"] == "afterbegin"
    assert "HX-Trigger" not in response  # the poller fetches what the other wrote


def test_a_comment_on_a_passage_updates_that_passages_marker(client, world):
    paragraph = world.paragraphs()[0]
    world.post(author=world.other, body="On it.", paragraph=paragraph)
    client.force_login(world.member)
    response = client.post(
        post_url(world),
        {"body": "Also on it.", "client_token": "p", "paragraph": paragraph.pk, "in": paragraph.pk},
        headers=HTMX,
    )
    html = response.content.decode()
    assert response["HX-Reswap"] == "afterbegin"
    marker = re.search(rf'<a id="m-{paragraph.pk}"[^>]*>(\d+)</a>', html)
    assert marker and marker.group(1) == "2" and 'hx-swap-oob="true"' in marker.group(0)


def test_the_whole_thread_comes_back_when_the_comment_cannot_go_alone(client, world):
    client.force_login(world.member)
    # The first comment: the thread on screen has no list to put it in.
    first = client.post(post_url(world), {"body": "First!", "client_token": "f"}, headers=HTMX)
    assert "HX-Reswap" not in first and 'id="thread"' in first.content.decode()
    # A reply goes inside its parent: the thread is rendered.
    parent = world.post(author=world.other, body="Answer me.")
    reply = client.post(
        post_url(world),
        {"body": "An answer.", "client_token": "r", "parent": parent.pk},
        headers=HTMX,
    )
    assert "HX-Reswap" not in reply and 'id="thread"' in reply.content.decode()
    # The same form sent twice: nothing new, the thread as it is.
    again = client.post(post_url(world), {"body": "First!", "client_token": "f"}, headers=HTMX)
    assert "HX-Reswap" not in again and again.content.decode().count("First!") == 1


def test_without_javascript_a_post_redirects_to_the_comment(client, world):
    world.post(author=world.other, body="Before.")
    client.force_login(world.member)
    response = client.post(post_url(world), {"body": "Plain form.", "client_token": "n"})
    assert response.status_code == 302 and re.search(r"#c-\d+$", response.url)
    assert "Plain form." in client.get(response.url.split("#")[0]).content.decode()
