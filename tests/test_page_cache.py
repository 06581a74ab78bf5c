"""Whole reading pages kept by explicit versions (discussion/views/page_copies.py).

A kept page costs three queries: the session, the user and the access check; the versions
it hangs on come from the shared cache in one round trip, everything else from this
process's memory. What these tests pin is the behaviour: never a stale page after a write
(whichever service or process made it), one copy for every anonymous reader, a 304 for a
browser that holds the current page.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.messages import constants
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection, transaction
from django.http import HttpResponse
from django.test import Client, RequestFactory, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from studygroup import cache as versions
from studygroup.discussion import notifications, services
from studygroup.discussion.models import Comment
from studygroup.discussion.views.page_copies import CLIENT_TOKEN_SLOT, CSRF_SLOT, pages
from studygroup.groups.models import Membership
from tests.builders import make_circle
from tests.factories import make_question

KEPT_QUERIES = 2  # session, user: the access check comes with the copy (kept_before_access)
ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def world(db):
    return make_circle()


def signed_in(client, user, page: str):
    """Signed in, with the CSRF cookie a first visit gets (first visits are never kept)."""
    client.force_login(user)
    assert client.get(page).status_code == 200
    return client


def test_a_kept_page_is_served_until_a_write_it_shows(client, world, django_assert_num_queries):
    question = make_question(
        world.reading, body="What is a circle?", group=world.group, status="approved"
    )
    signed_in(client, world.member, world.page)
    assert "What is a circle?" in client.get(world.page).content.decode()
    with django_assert_num_queries(KEPT_QUERIES):
        assert "What is a circle?" in client.get(world.page).content.decode()

    # Through the service a facilitator's edit goes through.
    services.edit_question(
        group=world.group, question=question, body="What is a spiral?", actor=world.facilitator
    )
    assert "What is a spiral?" in client.get(world.page).content.decode()

    # A plain save elsewhere (the admin, a script): its row moves the group's version.
    question.body = "What is a line?"
    question.save()
    html = client.get(world.page).content.decode()
    assert "What is a line?" in html and "spiral" not in html

    # A comment, as a member posts it.
    services.post_comment(
        author=world.other, group=world.group, reading=world.reading, body="A new thought."
    )
    assert "A new thought." in client.get(world.page).content.decode()


def client_token(html: str) -> str:
    return re.search(r'name="client_token" value="([^"]*)"', html).group(1)


def test_after_a_comment_the_kept_frame_gets_the_new_thread_and_counts(client, world):
    """A comment moves the thread's version, not the frame's: the page is the kept frame with
    the thread and the markers rendered again, never the old ones; its form a fresh token."""
    paragraph = world.paragraphs()[0]
    signed_in(client, world.member, world.page)
    first = client.get(world.page).content.decode()
    assert f'id="m-{paragraph.pk}"' in first and "No comments yet." in first
    services.post_comment(
        author=world.other,
        group=world.group,
        reading=world.reading,
        body="On the first paragraph.",
        paragraph=paragraph,
    )
    html = client.get(world.page).content.decode()
    assert "On the first paragraph." in html and "No comments yet." not in html
    assert re.search(rf'<a id="m-{paragraph.pk}" class="para-marker has-comments"[^>]*>1</a>', html)
    assert client_token(html) != client_token(first)  # a form sent twice is told apart
    services.edit_comment(
        comment=Comment.objects.get(body="On the first paragraph."), body="Better put."
    )
    html = client.get(world.page).content.decode()
    assert "Better put." in html and "On the first paragraph." not in html


def test_a_reply_to_the_viewer_reaches_their_badge_through_a_kept_frame(
    client, world, django_capture_on_commit_callbacks
):
    """Notifications do not move the group's frame: they move their reader's own version."""
    mine = world.post(author=world.member, body="Mine.")
    signed_in(client, world.member, world.page)
    assert 'aria-label="Notifications, 0 unread"' in client.get(world.page).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        world.post(author=world.other, body="A reply to Mo.", parent=mine)
    html = client.get(world.page).content.decode()
    assert "A reply to Mo." in html and 'aria-label="Notifications, 1 unread"' in html


def test_a_renamed_member_is_renamed_on_their_own_page(client, world):
    signed_in(client, world.member, world.page)
    assert "Signed in as <strong>Mo</strong>" in client.get(world.page).content.decode()
    world.member.display_name = "Maureen"
    world.member.save()
    assert "Signed in as <strong>Maureen</strong>" in client.get(world.page).content.decode()


def test_each_viewer_gets_their_own_copy(client, world, django_assert_num_queries):
    signed_in(client, world.member, world.page)
    assert "Signed in as <strong>Mo</strong>" in client.get(world.page).content.decode()
    with django_assert_num_queries(KEPT_QUERIES):
        client.get(world.page)

    signed_in(client, world.other, world.page)
    html = client.get(world.page).content.decode()
    assert "Signed in as <strong>Ola</strong>" in html and "<strong>Mo</strong>" not in html
    with django_assert_num_queries(KEPT_QUERIES):
        assert "Signed in as <strong>Ola</strong>" in client.get(world.page).content.decode()


def test_access_is_decided_before_a_kept_page_is_served(client, world):
    signed_in(client, world.member, world.page)
    client.get(world.page)
    assert client.get(world.page).status_code == 200  # kept

    client.force_login(world.outsider)
    assert client.get(world.page).status_code == 404
    client.logout()
    assert client.get(world.page).status_code == 404

    Membership.objects.filter(group=world.group, user=world.member).delete()
    client.force_login(world.member)
    assert client.get(world.page).status_code == 404


def test_a_kept_copy_served_before_the_access_check_follows_access_changes(client, public):
    """Kept copies are served before the group is loaded (kept_before_access): a group made
    private, or a member removed (same session, no new sign-in), is a 404 at once."""
    anonymous = Client()
    anonymous.get(public.page)
    assert anonymous.get(public.page).status_code == 200  # served before the access check
    signed_in(client, public.member, public.page)
    assert client.get(public.page).status_code == 200

    Membership.objects.filter(group=public.group, user=public.member).delete()
    public.group.is_public = False
    public.group.save()
    assert anonymous.get(public.page).status_code == 404
    assert client.get(public.page).status_code == 404


def test_htmx_fragments_are_never_served_from_a_kept_page(client, world):
    signed_in(client, world.member, world.page)
    client.get(world.page)
    client.get(world.page)
    fragment = client.get(world.page, headers={"HX-Request": "true"}).content.decode()
    assert 'id="discussion"' in fragment and "<html" not in fragment


def test_a_pending_flash_message_is_shown_not_a_kept_page(client, world):
    signed_in(client, world.member, world.page)
    client.get(world.page)
    client.get(world.page)
    storage = CookieStorage(RequestFactory().get("/"))
    storage.add(constants.SUCCESS, "Your note was saved.")
    carrier = HttpResponse()
    storage.update(carrier)
    client.cookies["messages"] = carrier.cookies["messages"].value
    assert "Your note was saved." in client.get(world.page).content.decode()


DATABASE_CACHE = {
    **settings.CACHES,
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "studygroup_cache",
    },
}


def test_on_the_database_cache_without_its_versions_nothing_is_kept(client, world):
    """A flushed database cache: the page is rendered and not kept (a GET writes nothing)."""
    with override_settings(CACHES=DATABASE_CACHE):
        call_command("createcachetable")
        cache.clear()
        signed_in(client, world.member, world.page)
        for _ in range(2):
            response = client.get(world.page)
            assert response.status_code == 200 and not response.has_header("ETag")  # not kept


def test_versions_lost_from_redis_start_afresh_and_still_follow_writes(client, world):
    signed_in(client, world.member, world.page)
    client.get(world.page)
    cache.clear()  # a Redis restart
    etag = client.get(world.page)["ETag"]
    assert client.get(world.page)["ETag"] == etag  # kept again
    services.post_comment(
        author=world.other, group=world.group, reading=world.reading, body="After the restart."
    )
    assert "After the restart." in client.get(world.page).content.decode()


def test_a_session_write_does_not_drop_pages(client, world, django_assert_num_queries):
    signed_in(client, world.member, world.page)
    client.get(world.page)
    session = client.session
    session["seen_tour"] = True
    session.save()  # a django_session row written
    with django_assert_num_queries(KEPT_QUERIES):
        client.get(world.page)


def test_a_views_write_is_on_the_next_page(client, world):
    signed_in(client, world.member, world.page)
    assert "reader-at-100" in client.get(world.page).content.decode()
    client.get(world.page)
    response = client.post("/accounts/reader-size/", {"size": "larger", "next": world.page})
    assert response.status_code == 302
    assert "reader-at-115" in client.get(world.page).content.decode()


def test_a_first_visit_is_rendered_and_not_kept(client, world):
    """Without a CSRF cookie a member's page gets a new secret: a copy could never be reused."""
    signed_in(client, world.member, world.page)
    client.get(world.page)
    pages().clear()
    del client.cookies["csrftoken"]
    first = client.get(world.page)
    assert first.status_code == 200 and not first.has_header("ETag")  # not kept
    assert "csrftoken" in client.cookies  # the next request is no longer a first visit
    assert pages().get(client.get(world.page)["ETag"]) is not None


# --- Anonymous readers share one copy; browsers revalidate with the ETag ----------------


@pytest.fixture
def public(db):
    return make_circle(is_public=True, suffix="-pub")


def test_anonymous_readers_share_one_copy_each_with_their_own_token(
    public, django_assert_num_queries
):
    services.post_comment(
        author=public.member, group=public.group, reading=public.reading, body="Out loud."
    )
    first_visitor = Client(enforce_csrf_checks=True)
    first = first_visitor.get(public.page)
    assert first.status_code == 200 and "Out loud." in first.content.decode()
    assert pages().get(first["ETag"]) is not None
    second_visitor = Client(enforce_csrf_checks=True)
    # No group, no session, no user: the copy comes with its access check (kept_before_access).
    with django_assert_num_queries(0):
        second = second_visitor.get(public.page)
    assert second["ETag"] == first["ETag"]  # the same copy, kept under it
    tokens = [
        re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', r.content.decode()).group(1)
        for r in (first, second)
    ]
    assert tokens[0] != tokens[1] and CSRF_SLOT not in second.content.decode()
    # Each visitor's own token works for the page's one form (the text size).
    for visitor, token in zip((first_visitor, second_visitor), tokens, strict=True):
        answer = visitor.post(
            "/accounts/reader-size/",
            {"size": "larger", "next": public.page, "csrfmiddlewaretoken": token},
        )
        assert answer.status_code == 302
    assert "reader-at-115" in second_visitor.get(public.page).content.decode()
    assert "reader-at-100" in Client().get(public.page).content.decode()


def test_a_browser_holding_the_page_gets_304_until_a_write(client, public):
    first = client.get(public.page)
    etag = first["ETag"]
    again = client.get(public.page, headers={"If-None-Match": etag})
    assert again.status_code == 304 and again["ETag"] == etag
    services.post_comment(
        author=public.member, group=public.group, reading=public.reading, body="Late news."
    )
    after = client.get(public.page, headers={"If-None-Match": etag})
    assert after.status_code == 200 and "Late news." in after.content.decode()
    assert after["ETag"] != etag


def test_a_members_304_is_theirs(client, world):
    signed_in(client, world.member, world.page)
    etag = client.get(world.page)["ETag"]
    assert client.get(world.page, headers={"If-None-Match": etag}).status_code == 304
    client.force_login(world.other)
    client.get(world.page)
    assert client.get(world.page, headers={"If-None-Match": etag}).status_code == 200


def post_from(client, world, page_html: str, body: str):
    """Post the page's compose form, as HTMX sends it."""
    data = {"body": body, "client_token": client_token(page_html)}
    answer = client.post(world.url("post"), data, headers={"HX-Request": "true"})
    assert answer.status_code == 200
    return answer


def test_two_tabs_of_a_kept_page_post_two_comments(client, world):
    """A kept page's compose form gets a fresh one-time token every time it is served, as a
    frame's does: two tabs of one kept page, each posting its own comment, post two."""
    signed_in(client, world.member, world.page)
    tabs = [client.get(world.page) for _ in range(2)]
    assert tabs[1]["ETag"] == tabs[0]["ETag"] and pages().get(tabs[0]["ETag"])  # the kept copy
    html = [tab.content.decode() for tab in tabs]
    assert client_token(html[0]) != client_token(html[1])
    assert CLIENT_TOKEN_SLOT not in html[0] + html[1]
    post_from(client, world, html[0], "From the first tab.")
    post_from(client, world, html[1], "From the second tab.")
    post_from(client, world, html[1], "From the second tab.")  # sent twice: still one
    bodies = sorted(Comment.objects.values_list("body", flat=True))
    assert bodies == ["From the first tab.", "From the second tab."]
    # After the comments the page is the kept frame filled, kept whole again: fresh each time.
    after = [client.get(world.page).content.decode() for _ in range(2)]
    assert len({client_token(page) for page in [*html, *after]}) == 4


def test_tabs_a_browser_fills_from_its_own_copy_still_post_two_comments(client, world):
    """A 304 leaves the browser showing the page it holds, token and all, in every tab that
    revalidates. The same token with other words is another page's comment, not a repeat."""
    signed_in(client, world.member, world.page)
    held = client.get(world.page)
    assert client.get(world.page, headers={"If-None-Match": held["ETag"]}).status_code == 304
    page = held.content.decode()
    post_from(client, world, page, "From the first tab.")
    post_from(client, world, page, "From the second tab.")
    post_from(client, world, page, "From the second tab.")  # sent twice: still one
    bodies = sorted(Comment.objects.values_list("body", flat=True))
    assert bodies == ["From the first tab.", "From the second tab."]


def test_user_text_quoting_the_token_slot_leaves_each_page_its_own_token(client, world):
    """The slot's letters in a question (before the compose form) or a comment stay text;
    each serve's compose form still gets its own fresh token."""
    make_question(
        world.reading, body=f"Why {CLIENT_TOKEN_SLOT}?", group=world.group, status="approved"
    )
    world.post(author=world.other, body=f"Quoting {CLIENT_TOKEN_SLOT} here.")
    signed_in(client, world.member, world.page)
    served = [client.get(world.page) for _ in range(2)]
    assert served[0]["ETag"] == served[1]["ETag"]  # the second is the kept copy
    html = [response.content.decode() for response in served]
    for page in html:
        assert f"Why {CLIENT_TOKEN_SLOT}?" in page and f"Quoting {CLIENT_TOKEN_SLOT} here." in page
        assert client_token(page) != CLIENT_TOKEN_SLOT
    assert client_token(html[0]) != client_token(html[1])


def test_a_comment_quoting_the_csrf_slot_stays_text_for_anonymous_readers(public):
    """The slot's letters in a comment an anonymous reader sees are not their CSRF token."""
    services.post_comment(
        author=public.member,
        group=public.group,
        reading=public.reading,
        body=f"Quoting {CSRF_SLOT} here.",
    )
    visitor = Client()
    for _ in range(2):  # rendered, then the kept copy
        html = visitor.get(public.page).content.decode()
        assert f"Quoting {CSRF_SLOT} here." in html
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)[1]
        assert token != CSRF_SLOT and f'"x-csrftoken": "{token}"' in html


def test_a_kept_page_has_a_weak_etag_compared_weakly(client, world):
    """A member's copy gets a fresh compose token each serve: the same page, not the same
    bytes, so a weak ETag; `If-None-Match` matches it with or without its `W/`, in a list."""
    signed_in(client, world.member, world.page)
    etag = client.get(world.page)["ETag"]
    assert re.fullmatch(r'W/"[0-9a-f]{32}"', etag)
    for held in (etag, etag.removeprefix("W/"), f'"other", {etag}', "*"):
        answer = client.get(world.page, headers={"If-None-Match": held})
        assert answer.status_code == 304 and answer["ETag"] == etag
    for held in ('"other"', 'W/"other"', etag[:-3] + '"'):
        assert client.get(world.page, headers={"If-None-Match": held}).status_code == 200


def test_an_anonymous_copy_has_no_compose_form_and_each_its_own_csrf_token(client, public):
    served = [Client().get(public.page) for _ in range(2)]
    assert served[0]["ETag"] == served[1]["ETag"] and pages().get(served[0]["ETag"])  # one copy
    pages_html = [response.content.decode() for response in served]
    for html in pages_html:
        assert 'name="client_token"' not in html
        assert CLIENT_TOKEN_SLOT not in html and CSRF_SLOT not in html
    tokens = {re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', h)[1] for h in pages_html}
    assert len(tokens) == 2


def test_a_member_still_posts_with_csrf_enforced(world):
    client = Client(enforce_csrf_checks=True)
    signed_in(client, world.member, world.page)
    post_url = reverse(
        "discussion:post", kwargs={"slug": world.group.slug, "reading": world.reading.pk}
    )
    html = client.get(world.page).content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    refused = client.post(post_url, {"body": "No token."}, headers={"HX-Request": "true"})
    assert refused.status_code == 403
    posted = client.post(
        post_url,
        {"body": "With a token.", "csrfmiddlewaretoken": token},
        headers={"HX-Request": "true"},
    )
    assert posted.status_code == 200


# --- After the commit, for every process ----------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_a_rolled_back_write_leaves_no_stale_page_and_a_commit_shows():
    world = make_circle(suffix="-tx")
    client = signed_in(Client(), world.member, world.page)
    client.get(world.page)
    with pytest.raises(RuntimeError), transaction.atomic():
        make_question(world.reading, body="Never asked?")
        raise RuntimeError("rolled back")
    assert "Never asked?" not in client.get(world.page).content.decode()
    with transaction.atomic():
        make_question(world.reading, body="Asked at last?")
        # Its own reads, before the commit: the write is on the page already.
        assert "Asked at last?" in client.get(world.page).content.decode()
    assert "Asked at last?" in client.get(world.page).content.decode()


COUNT_WRITER = """
import os, sys, django
sys.path.insert(0, {root!r})
os.environ.update(DJANGO_SETTINGS_MODULE="studygroup.settings", DATABASE_URL={url!r})
django.setup()
from studygroup.library.models import Question
question = Question.objects.get(pk={pk})
question.body = "Changed in another process?"
question.save()
"""


def _database_url() -> str | None:
    """The test database as a URL another process can open, or None (SQLite in memory)."""
    db = settings.DATABASES["default"]
    name = str(db["NAME"])
    if db["ENGINE"] == "django.db.backends.sqlite3":
        return None if ":memory:" in name or "mode=memory" in name else f"sqlite:///{name}"
    user = db.get("USER") or "postgres"
    auth = f"{user}:{db['PASSWORD']}" if db.get("PASSWORD") else user
    return f"postgres://{auth}@{db.get('HOST') or '127.0.0.1'}:{db.get('PORT') or 5432}/{name}"


@pytest.mark.django_db(transaction=True)
def test_a_write_in_another_process_is_on_the_next_page():
    """Two processes, one database and the database cache: what one writes, the other shows
    (run it on PostgreSQL: DATABASE_URL=postgres://...; SQLite's test database is in memory)."""
    url = _database_url()
    if url is None:
        pytest.skip("needs a database another process can open")
    with override_settings(CACHES=DATABASE_CACHE):
        call_command("createcachetable")
        world = make_circle(suffix="-proc")
        question = make_question(world.reading, body="Asked here?")
        client = signed_in(Client(), world.member, world.page)
        assert "Asked here?" in client.get(world.page).content.decode()
        kept = client.get(world.page)
        assert "Asked here?" in kept.content.decode() and kept.has_header("ETag")
        script = COUNT_WRITER.format(root=str(ROOT), url=url, pk=question.pk)
        env = {k: v for k, v in os.environ.items() if k != "REDIS_URL"}
        subprocess.run([sys.executable, "-c", script], check=True, timeout=60, env=env)
        assert "Changed in another process?" in client.get(world.page).content.decode()


def test_a_page_rendered_asks_the_shared_cache_for_the_badge_once(client, world):
    """The unread count is read with the page's versions; rendering the page (its frame, the
    header's bell) does not ask the shared cache for it again, held or not."""
    with override_settings(CACHES=DATABASE_CACHE):
        call_command("createcachetable")
        signed_in(client, world.member, world.page)
        for held in (None, 3):
            if held is not None:
                cache.set(notifications.unread_key(world.member.pk), held)
            versions.bump(  # every copy and frame of the page dropped: rendered afresh
                [
                    versions.group_version_key(world.group.pk),
                    versions.group_frame_key(world.group.pk),
                    versions.LIBRARY,
                    versions.viewer_version_key(world.member.pk),
                ]
            )
            with CaptureQueriesContext(connection) as queries:
                html = client.get(world.page).content.decode()
            assert f'aria-label="Notifications, {held or 0} unread"' in html
            unread_reads = [q for q in queries if "notifications:unread" in q["sql"]]
            assert len(unread_reads) == 1


def test_with_the_production_cache_a_kept_page_reads_and_never_writes(client, world):
    """Without Redis, sessions and versions live in the database cache: still only SELECTs."""
    engine = "django.contrib.sessions.backends.cached_db"
    with override_settings(CACHES=DATABASE_CACHE, SESSION_ENGINE=engine):
        call_command("createcachetable")
        versions.bump(
            [
                versions.group_version_key(world.group.pk),
                versions.LIBRARY,
                versions.viewer_version_key(world.member.pk),
            ]
        )
        signed_in(client, world.member, world.page)
        client.get(world.page)
        with CaptureQueriesContext(connection) as views:
            for _ in range(3):
                assert "Signed in as <strong>Mo</strong>" in client.get(world.page).text
    tables = [re.search(r'FROM "(\w+)"', q["sql"]).group(1) for q in views.captured_queries]
    # The session and the versions through the cache (two reads), and the user: none of the
    # page's own rows (the group and the access check come with the copy: kept_before_access).
    assert sorted(tables) == sorted(["studygroup_cache"] * 2 * 3 + ["accounts_user"] * 3)
    assert all(q["sql"].startswith("SELECT") for q in views.captured_queries)


# --- Each comment's HTML, kept by its content ----------------------------------------


@pytest.fixture
def rendered_comments(monkeypatch):
    """The ids of the comments rendered (not taken from `markup.comment_html`)."""
    from studygroup.discussion import markup

    markup.comment_html.clear()
    seen: list[int] = []
    real = markup.comment

    def counting(node, ctx, **kwargs):
        seen.append(node.comment.pk)
        return real(node, ctx, **kwargs)

    monkeypatch.setattr(markup, "comment", counting)
    return seen


def thread_html(client, world) -> str:
    url = reverse(
        "discussion:thread", kwargs={"slug": world.group.slug, "reading": world.reading.pk}
    )
    return client.get(url, headers={"HX-Request": "true"}).content.decode()


def test_after_a_write_only_the_changed_comment_is_rendered_again(client, world, rendered_comments):
    comments = [world.post(author=world.other, body=f"Thought {i}.") for i in range(5)]
    client.force_login(world.member)
    thread_html(client, world)
    assert sorted(rendered_comments) == sorted(c.pk for c in comments)
    rendered_comments.clear()

    services.edit_comment(comment=comments[2], body="Thought 2, better put.")
    html = thread_html(client, world)
    assert "Thought 2, better put." in html
    assert rendered_comments == [comments[2].pk]
    rendered_comments.clear()

    services.toggle_reaction(comment=comments[4], user=world.member, kind="agree")
    html = thread_html(client, world)
    assert rendered_comments == [comments[4].pk]
    assert f'id="c-{comments[4].pk}-agree" class="reaction" aria-pressed="true"' in html


def test_members_share_kept_comments_each_with_their_own_csrf_token(world, rendered_comments):
    comment = world.post(author=world.facilitator, body="Shared.")
    mo, ola = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    signed_in(mo, world.member, world.page)
    signed_in(ola, world.other, world.page)
    thread_html(mo, world)
    rendered_comments.clear()
    html = thread_html(ola, world)
    assert rendered_comments == []  # Ola stands towards it as Mo does: Mo's copy
    assert "\x00" not in html
    token = re.search(
        rf'id="c-{comment.pk}-reactions".*?name="csrfmiddlewaretoken" value="([^"]+)"', html
    ).group(1)
    react = reverse("discussion:react", kwargs={"slug": world.group.slug, "pk": comment.pk})
    answer = ola.post(react, {"kind": "agree", "csrfmiddlewaretoken": token})
    assert answer.status_code in (200, 302)
    assert mo.post(react, {"kind": "agree", "csrfmiddlewaretoken": "x" * 64}).status_code == 403
