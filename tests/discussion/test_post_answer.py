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
    # A reply from a page that may lack the list it goes in (its thread was not at the last
    # version, or it does not say): the thread is rendered.
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


# --- Replies: alone, under their parent -------------------------------------------------

OOB = re.compile(r'<(div|a) id="[^"]+"[^>]*hx-swap-oob="true"[^>]*>.*?</\1>', re.S)


def thread(client, world) -> str:
    return client.get(world.url("thread"), headers=HTMX).content.decode()


def reply(client, world, parent, body: str, token: str, **fields):
    """A reply as reading.js sends it: with the version the poller holds (`seen`)."""
    data = {
        "body": body,
        "client_token": token,
        "parent": parent.pk,
        "form_id": f"reply-{parent.pk}",
        "seen": version(world),
    }
    return client.post(post_url(world), {**data, **fields}, headers=HTMX)


def _closing_ol(html: str, start: int) -> int:
    """Where the <ol> opened at `start` closes (lists nest)."""
    depth, at = 0, start
    for match in re.finditer(r"<ol\b|</ol>", html[start:]):
        depth += 1 if match.group(0) == "<ol" else -1
        if depth == 0:
            return start + match.start()
        at = match.end()
    raise AssertionError(f"unclosed list at {at}")


def swapped(before: str, response) -> str:
    """The thread on screen once htmx put the answer in (out-of-band parts aside)."""
    main = OOB.sub("", response.content.decode()).replace(" autofocus", "")
    target, swap = response["HX-Retarget"], response["HX-Reswap"]
    if swap == "afterend":  # after the parent's <article>
        opened = before.index(f'<article id="{target[1:]}"')
        at = before.index("</article>", opened) + len("</article>")
    else:  # beforeend: at the end of the parent's list of replies
        assert swap == "beforeend"
        at = _closing_ol(before, before.index(f'id="{target[1:]}"') - len('<ol class="replies" '))
    return before[:at] + main + before[at:]


def without_poller(html: str) -> str:
    """The thread but its poller (the version and count it asks with) and CSRF tokens (each
    answer masks the secret anew)."""
    html = re.sub(r'<div id="poller".*?</div>', "", html, flags=re.S)
    html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "csrf", html)
    return re.sub(r' data-version="[^"]*"', "", html)


def test_a_first_reply_comes_back_alone_opening_its_parents_list(client, world):
    parent = world.post(author=world.other, body="Answer me.")
    world.post(author=world.other, body="Another thread.")
    client.force_login(world.member)
    response = reply(client, world, parent, "A *first* answer.", "r1")
    html = response.content.decode()
    assert response.status_code == 200
    assert response["HX-Retarget"] == f"#c-{parent.pk}"
    assert response["HX-Reswap"] == "afterend"
    assert html.startswith(
        f'<ol class="replies" id="c-{parent.pk}-replies"><li class="comment-item depth-2">'
    )
    assert "<em>first</em>" in html and "autofocus" in html
    assert "Answer me." not in html and "Another thread." not in html  # no thread again
    # The reply form goes: its slot comes back empty, out of band.
    assert f'<div id="c-{parent.pk}-slot" class="comment-slot" hx-swap-oob="true"></div>' in html
    assert 'id="compose"' not in html  # the compose form stays as it is
    event = json.loads(response["HX-Trigger"])["discussion-version"]
    assert event == {"version": version(world), "added": 1}


def test_a_later_reply_comes_back_alone_at_the_end_of_its_parents_list(client, world):
    parent = world.post(author=world.other, body="Answer me.")
    world.post(author=world.other, body="Already answered.", parent=parent)
    client.force_login(world.member)
    response = reply(client, world, parent, "A second answer.", "r2")
    assert response["HX-Retarget"] == f"#c-{parent.pk}-replies"
    assert response["HX-Reswap"] == "beforeend"
    html = response.content.decode()
    assert html.startswith('<li class="comment-item depth-2"><article id="c-')
    assert "Already answered." not in html


@pytest.mark.parametrize("depth", [1, 2, 5, 6])
def test_a_reply_put_in_place_is_the_thread_rendered_again(client, world, depth, settings):
    """What the browser shows after the swap is what a reload would: the same HTML (but the
    focus and the poller), for a first and a later reply, down to the deepest level."""
    settings.COMMENT_RATE_LIMIT = "1000/m"
    world.post(author=world.other, body="An older thread.")
    parent = world.post(author=world.other, body="Level 1.")
    for level in range(2, depth + 1):
        world.post(author=world.other, body="A side reply.", parent=parent)
        parent = world.post(author=world.other, body=f"Level {level}.", parent=parent)
    world.post(author=world.other, body="After it all.")
    client.force_login(world.member)
    for n in range(2):  # the first reply opens the list, the second joins it
        before = thread(client, world)
        response = reply(client, world, parent, f"Reply {n} at depth {depth}.", f"d{depth}{n}")
        assert "HX-Reswap" in response, response.content.decode()[:200]
        after = thread(client, world)
        assert f"Reply {n} at depth {depth}." in after
        assert without_poller(swapped(before, response)) == without_poller(after)


def test_a_reply_past_the_deepest_level_comes_with_the_thread(client, world, settings):
    """Flattened at MAX_DEPTH, it goes between others: the thread is rendered."""
    from studygroup.discussion.threads import MAX_DEPTH

    settings.COMMENT_RATE_LIMIT = "1000/m"
    parent = world.post(author=world.other, body="Level 1.")
    for level in range(2, MAX_DEPTH + 2):
        parent = world.post(author=world.other, body=f"Level {level}.", parent=parent)
    client.force_login(world.member)
    response = reply(client, world, parent, "Too deep to go alone.", "deep")
    assert "HX-Reswap" not in response and 'id="thread"' in response.content.decode()
    assert "Too deep to go alone." in response.content.decode()


def test_a_reply_from_a_page_behind_the_thread_comes_with_the_thread(client, world):
    parent = world.post(author=world.other, body="Answer me.")
    client.force_login(world.member)
    seen = version(world)
    world.post(author=world.other, body="Someone else, meanwhile.", parent=parent)
    response = client.post(
        post_url(world),
        {"body": "Mine.", "client_token": "late", "parent": parent.pk, "seen": seen},
        headers=HTMX,
    )
    html = response.content.decode()
    assert "HX-Reswap" not in response and 'id="thread"' in html
    assert "Someone else, meanwhile." in html and "Mine." in html


def test_a_reply_on_a_passage_updates_that_passages_marker(client, world):
    paragraph = world.paragraphs()[0]
    parent = world.post(author=world.other, body="On it.", paragraph=paragraph)
    client.force_login(world.member)
    response = reply(client, world, parent, "Replying on it.", "pr", **{"in": paragraph.pk})
    html = response.content.decode()
    assert response["HX-Reswap"] == "afterend"
    marker = re.search(rf'<a id="m-{paragraph.pk}"[^>]*>(\d+)</a>', html)
    assert marker and marker.group(1) == "2" and 'hx-swap-oob="true"' in marker.group(0)
    assert f"?in={paragraph.pk}" in html  # its own Reply link keeps the passage filter


def test_a_replys_cost_does_not_grow_with_the_thread(client, world, settings):
    settings.COMMENT_RATE_LIMIT = "1000/m"
    parent = world.post(author=world.other, body="Answer me.")
    world.post(author=world.other, body="Answered.", parent=parent)
    client.force_login(world.member)
    reply(client, world, parent, "Settling in.", "s")
    counts = []
    for size, more in ((3, 1), (30, 27)):
        for _ in range(more):
            world.post(author=world.other, body="More.", parent=parent)
        with CaptureQueriesContext(connection) as ctx:
            response = reply(client, world, parent, "Mine.", f"s{size}")
        assert response["HX-Reswap"] == "beforeend"
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1]


def test_without_javascript_a_reply_redirects_to_it(client, world):
    parent = world.post(author=world.other, body="Answer me.")
    client.force_login(world.member)
    response = client.post(
        post_url(world), {"body": "A plain reply.", "client_token": "nr", "parent": parent.pk}
    )
    assert response.status_code == 302 and re.search(r"#c-\d+$", response.url)
    assert "A plain reply." in client.get(response.url.split("#")[0]).content.decode()


def test_deleting_a_comment_on_a_passage_updates_that_passages_marker(client, world):
    paragraph = world.paragraphs()[0]
    world.post(author=world.other, body="Stays.", paragraph=paragraph)
    mine = world.post(author=world.member, body="Goes.", paragraph=paragraph)
    client.force_login(world.member)
    response = client.post(world.url("delete", pk=mine.pk), headers=HTMX)
    html = response.content.decode()
    assert response.status_code == 200 and f'id="c-{mine.pk}"' in html
    marker = re.search(rf'<a id="m-{paragraph.pk}"[^>]*>(\d+)</a>', html)
    assert marker and marker.group(1) == "1" and 'hx-swap-oob="true"' in marker.group(0)
