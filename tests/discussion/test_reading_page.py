"""The reading page: text with markers, questions, the discussion; constant queries; polling."""

from __future__ import annotations

import random
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from studygroup import cache as versions
from studygroup.discussion import services
from studygroup.discussion.models import Comment, ParagraphFlag, QuestionDiscussed
from studygroup.discussion.threads import path_for
from studygroup.discussion.views.page_copies import frames, pages
from studygroup.library.models import Question
from tests.builders import make_circle
from tests.factories import make_question

pytestmark = pytest.mark.django_db
HX = {"HX-Request": "true"}


@pytest.fixture
def world():
    return make_circle()


def seed(world, n: int, *, seed: int = 1) -> None:
    """n comments in threads up to 8 deep, bulk-inserted, with a few reactions each."""
    from studygroup.discussion.models import Reaction

    rng = random.Random(seed)
    authors = [world.member, world.other, world.facilitator]
    made: list[Comment] = []
    for i in range(n):
        parent = rng.choice(made) if made and rng.random() < 0.7 else None
        if parent is not None and parent.depth >= 8:
            parent = None
        c = Comment.objects.create(
            group=world.group,
            reading=world.reading,
            parent=parent,
            author=authors[i % 3],
            body=f"Comment {i}",
            html=f"<p>Comment {i}</p>",
            path="",
        )
        c.path = path_for(c.pk, parent.path if parent else None)
        made.append(c)
    Comment.objects.bulk_update(made, ["path"])
    Reaction.objects.bulk_create(
        [Reaction(comment=c, user=u, kind="agree") for c in made[::3] for u in authors[:2]]
    )
    services.bump_version(group_id=world.group.pk, reading_id=world.reading.pk)


def test_page_shows_text_with_markers_questions_and_discussion(client, world):
    first = world.paragraphs()[0]
    world.post(body="On the first paragraph", paragraph=first)
    curated = make_question(world.reading, body="What is a circle?")
    own = make_question(world.reading, body="Our own question", group=world.group)
    make_question(world.reading, body="A proposal", group=world.group, status="proposed")
    client.force_login(world.other)
    html = client.get(world.page).content.decode()
    assert f'id="p-{first.pk}"' in html
    assert 'aria-label="1 comment on this paragraph"' in html
    assert f'?paragraph={first.pk}#discussion"' in html  # the no-JS link
    assert curated.body in html and own.body in html
    assert "A proposal" not in html  # only its author and facilitators see it
    assert "On the first paragraph" in html
    assert 'aria-live="polite"' in html
    assert 'id="fn-1"' in html  # footnotes come with the text


def test_paragraph_link_without_js_renders_the_passage_panel(client, world):
    p1, p2 = world.paragraphs()[:2]
    world.post(body="About p1", paragraph=p1)
    world.post(body="About p2", paragraph=p2)
    client.force_login(world.member)
    html = client.get(f"{world.page}?paragraph={p1.pk}").content.decode()
    assert "Comments on this passage" in html
    assert "About p1" in html and "About p2" not in html
    assert f'name="paragraph" value="{p1.pk}"' in html
    fragment = client.get(world.url("discussion") + f"?paragraph={p1.pk}", headers=HX)
    body = fragment.content.decode()
    assert "<html" not in body and 'id="discussion"' in body and "About p1" in body


def test_paragraph_from_another_week_is_404(client, world):
    from studygroup.library.models import Paragraph

    outside = Paragraph.objects.exclude(pk__in=[p.pk for p in world.paragraphs()]).first()
    client.force_login(world.member)
    assert client.get(f"{world.page}?paragraph={outside.pk}").status_code == 404


def test_confusing_flag_toggles_and_heatmap_shows_it(client, world):
    p1 = world.paragraphs()[0]
    client.force_login(world.member)
    url = world.url("flag", reading=world.reading.pk, paragraph=p1.pk)
    html = client.post(url, headers=HX).content.decode()
    assert 'aria-pressed="true"' in html
    assert ParagraphFlag.objects.filter(paragraph=p1, user=world.member).exists()
    world.post(body="Hmm", paragraph=p1)
    assert client.get(world.url("heatmap")).status_code == 403
    client.force_login(world.facilitator)
    heat = client.get(world.url("heatmap")).content.decode()
    assert "Confusing: </span>1" in heat and "Comments: </span>1" in heat


def test_question_workflow(client, world, django_capture_on_commit_callbacks):
    from studygroup.discussion.models import Notification

    client.force_login(world.member)
    client.post(world.url("propose"), {"body": "Why weekly?"}, headers=HX)
    question = Question.objects.get(body="Why weekly?")
    assert question.status == "proposed" and question.group_id == world.group.pk
    assert (
        client.post(world.url("question_action", pk=question.pk, action="approve")).status_code
        == 403
    )
    client.force_login(world.facilitator)
    with django_capture_on_commit_callbacks(execute=True):
        html = client.post(
            world.url("question_action", pk=question.pk, action="approve"), headers=HX
        ).content.decode()
    question.refresh_from_db()
    assert question.status == "approved" and "Why weekly?" in html
    assert Notification.objects.filter(question=question, recipient=world.other).exists()
    second = make_question(world.reading, body="Second", group=world.group, position=99)
    client.post(world.url("question_action", pk=second.pk, action="up"))
    ordered = list(
        services.group_questions(group=world.group, reading=world.reading).values_list(
            "body", flat=True
        )
    )
    assert ordered == ["Second", "Why weekly?"]
    client.post(
        world.url("question_action", pk=question.pk, action="tags"), {"tags": "method, time"}
    )
    assert sorted(question.tags.names()) == ["method", "time"]
    client.post(world.url("question_action", pk=question.pk, action="discussed"))
    assert QuestionDiscussed.objects.filter(group=world.group, question=question).exists()
    assert "Discussed at the meeting</span>" in client.get(world.page).content.decode()
    assert (
        client.post(world.url("question_action", pk=question.pk, action="nope")).status_code == 404
    )


def test_answering_a_question(client, world):
    question = make_question(world.reading, body="What is a circle?")
    client.force_login(world.member)
    client.post(world.url("post"), {"body": "A ring", "question": question.pk, "client_token": "q"})
    assert Comment.objects.get().question_id == question.pk


def _tables(ctx) -> list[str]:
    return [re.search(r'FROM "(\w+)"', q["sql"]).group(1) for q in ctx.captured_queries]


@pytest.mark.parametrize("n", [10, 1000])
def test_reading_page_queries_do_not_grow_with_the_thread(client, world, n):
    """Constant queries, whatever the size, and never a write.

    Always: session, user, group with the viewer's role, the week (its reading and text with
    the adoptions' schedules, in one query) and a member's own marks (done, shown anyway).
    The page's frame (everything but the thread and the text's comment markers) adds the
    questions with their "discussed" marks and the notification badge (counted when the
    cache holds no count for the user). At a new thread version: the comment counts per
    paragraph and the thread (boundary, comments, reactions); when the frame is kept, it comes
    with its week and the viewer's marks' verdict (folded or not). The first view of the
    week's text adds its six (sections, paragraphs, page starts, notes, citing paragraphs,
    the text's page map). The versions and the badge come from the shared cache; the frame,
    the rendered text and thread from this process's memory. Until the next write, the
    viewer's page is kept whole: only the session and the user remain (the copy comes with
    its access check: page_copies.kept_before_access).
    Compared as multisets: the order is the views', not the behaviour.
    """
    seed(world, n)
    client.force_login(world.member)
    always = [
        "django_session",
        "accounts_user",
        "groups_membership",  # the group, with the viewer's role as a subquery
        "library_reading",
        # A member's own marks: "done" (the form after the text) and "show anyway", which
        # with the week's date decide whether its thread is folded away (no spoilers).
        "groups_progress",
    ]
    frame = ["discussion_questiondiscussed"]  # the questions, with "discussed" as EXISTS
    thread = ["discussion_comment", "discussion_comment", "discussion_reaction"]
    markers = ["discussion_comment"]  # comments per paragraph
    text = [
        "library_section",
        "library_paragraph",
        "library_pagestart",  # the print edition's page starts, as margin markers
        "library_footnote",
        "library_paragraph",
        "library_pagestart",  # the page map, for the week's page range (none here)
    ]
    badge = ["discussion_notification"]

    def tables(ctx) -> list[str]:
        return sorted(_tables(ctx))

    def expected(*parts: list[str]) -> list[str]:
        return sorted(table for part in parts for table in part)

    with CaptureQueriesContext(connection) as first:
        assert client.get(world.page).status_code == 200
    assert tables(first) == expected(always, frame, thread, markers, text, badge)
    # A first visit (no CSRF cookie yet) is never kept; the second view is.
    with CaptureQueriesContext(connection) as warm:
        assert client.get(world.page).status_code == 200
    assert tables(warm) == expected(always, frame, badge)
    with CaptureQueriesContext(connection) as kept:
        assert client.get(world.page).status_code == 200
    assert tables(kept) == expected(always[:2])  # the page kept for this viewer
    # As after a write elsewhere in the group (its version and its frame's move): the page
    # is rendered, the thread is not.
    versions.bump(
        [versions.group_version_key(world.group.pk), versions.group_frame_key(world.group.pk)]
    )
    with CaptureQueriesContext(connection) as warm:
        assert client.get(world.page).status_code == 200
    assert tables(warm) == expected(always, frame, badge)
    # After a write to the thread: the thread and the markers, in the kept frame, which
    # comes with its week and whether its thread is folded (no week, no marks read).
    services.bump_version(group_id=world.group.pk, reading_id=world.reading.pk)
    with CaptureQueriesContext(connection) as written:
        assert client.get(world.page).status_code == 200
    assert tables(written) == expected(always[:3], thread, markers)
    # Nothing kept at all (a restart): everything again.
    pages().clear()
    frames().clear()
    services.bump_version(group_id=world.group.pk, reading_id=world.reading.pk)
    with CaptureQueriesContext(connection) as cold:
        assert client.get(world.page).status_code == 200
    assert tables(cold) == expected(always, frame, thread, markers, text, badge)
    for ctx in (first, kept, warm, written, cold):
        # (PostgreSQL puts each part of a UNION, the member's marks, in parentheses.)
        assert all(q["sql"].lstrip("(").startswith("SELECT") for q in ctx.captured_queries)


def test_the_badge_count_is_cached_and_follows_writes(
    client, world, django_capture_on_commit_callbacks
):
    """Once a notification was created or read, the badge costs no query on a page view."""
    client.force_login(world.member)
    first = world.post(author=world.member, body="First")
    with django_capture_on_commit_callbacks(execute=True):
        world.post(author=world.other, body="A reply", parent=first)
    with CaptureQueriesContext(connection) as ctx:
        html = client.get(world.page).content.decode()
    assert "discussion_notification" not in _tables(ctx)
    assert 'aria-label="Notifications, 1 unread"' in html
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("notifications:read_all"))
    with CaptureQueriesContext(connection) as ctx:
        html = client.get(world.page).content.decode()
    assert 'aria-label="Notifications, 0 unread"' in html
    assert "discussion_notification" not in _tables(ctx)


@pytest.mark.parametrize("n", [10, 1000])
def test_thread_fragment_queries_are_constant(client, world, n, django_assert_num_queries):
    seed(world, n)
    client.force_login(world.member)
    # session, user, group with role, reading, boundary, comments, reactions
    with django_assert_num_queries(7):
        response = client.get(world.url("thread"), headers=HX)
    assert response.status_code == 200
    # A second request at the same version comes from the fragment cache.
    with django_assert_num_queries(4):
        client.get(world.url("thread"), headers=HX)


def test_top_level_comments_are_paginated_with_show_more(client, world, settings):
    settings.COMMENT_PAGE_SIZE = 5
    settings.COMMENT_RATE_LIMIT = "100/m"
    for i in range(12):
        world.post(body=f"Top {i}")
    client.force_login(world.member)
    html = client.get(world.page).content.decode()
    assert "Top 11" in html and "Top 7" in html and "Top 6" not in html
    assert "Show more comments" in html and "upto=10#thread" in html
    more = client.get(world.url("thread") + "?upto=10", headers=HX).content.decode()
    assert "Top 2" in more and "Top 1<" not in more
    everything = client.get(world.url("thread") + "?upto=15", headers=HX).content.decode()
    assert "Top 0" in everything and "Show more comments" not in everything


def test_poll_answers_204_until_the_thread_changes(
    client, world, django_capture_on_commit_callbacks
):
    client.force_login(world.other)
    version = services.thread_version(group_id=world.group.pk, reading_id=world.reading.pk)
    poll = world.url("poll") + f"?v={version}&n=0"
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(poll, headers=HX).status_code == 204
    assert not [q for q in ctx.captured_queries if not q["sql"].startswith("SELECT")]
    with django_capture_on_commit_callbacks(execute=True):
        world.post(body="Live!")
    response = client.get(poll, headers=HX)
    html = response.content.decode()
    assert response.status_code == 200 and "Live!" in html
    assert 'id="live-status" hx-swap-oob="innerHTML">1 new comment' in html


def test_every_write_through_the_views_bumps_the_version(
    client, world, django_capture_on_commit_callbacks
):
    client.force_login(world.member)
    seen = {services.thread_version(group_id=world.group.pk, reading_id=world.reading.pk)}

    def bumped() -> bool:
        version = services.thread_version(group_id=world.group.pk, reading_id=world.reading.pk)
        new = version not in seen
        seen.add(version)
        return new

    with django_capture_on_commit_callbacks(execute=True):
        client.post(world.url("post"), {"body": "x", "client_token": "a"}, headers=HX)
    assert bumped()
    comment = Comment.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(world.url("edit", pk=comment.pk), {"body": "y"}, headers=HX)
    assert bumped()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(world.url("react", pk=comment.pk), {"kind": "agree"}, headers=HX)
    assert bumped()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(world.url("delete", pk=comment.pk), headers=HX)
    assert bumped()


def test_week_page_404s(client, world):
    client.force_login(world.member)
    url = world.page.replace("/weeks/1/", "/weeks/99/")
    assert client.get(url).status_code == 404


def test_htmx_history_restore_gets_the_whole_page(client, world):
    client.force_login(world.member)
    fragment = client.get(world.page, headers=HX).content.decode()
    assert "<html" not in fragment and 'id="discussion"' in fragment
    restore = client.get(world.page, headers={**HX, "HX-History-Restore-Request": "true"})
    assert "<html" in restore.content.decode()
