"""Threaded comments: posting, replying, editing, deleting, reacting — services and endpoints."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.test import Client

from studygroup.discussion import services
from studygroup.discussion.models import Comment, CommentRevision, ModerationEntry, Reaction
from studygroup.discussion.threads import MAX_DEPTH

pytestmark = pytest.mark.django_db
HX = {"HX-Request": "true"}


# --- Services ---------------------------------------------------------------------------


def test_post_sets_path_renders_markdown_and_links_member_mentions(world):
    comment = world.post(body="**Yes**, @ola and @nobody <script>x</script>")
    assert comment.path == f"{comment.pk:010d}"
    assert "<strong>Yes</strong>" in comment.html
    assert 'class="mention"' in comment.html and "@ola</a>" in comment.html
    assert "@nobody" in comment.html and "nobody</a>" not in comment.html
    assert "<script>" not in comment.html


def test_reply_nests_and_inherits_the_anchor(world):
    paragraph = world.paragraphs()[1]
    root = world.post(body="On this passage", paragraph=paragraph, quote="paragraph 2")
    reply = world.post(author=world.other, body="Agreed", parent=root)
    assert reply.path == f"{root.path}/{reply.pk:010d}"
    assert reply.paragraph_id == paragraph.pk and reply.quote == ""
    assert root.quote == "paragraph 2"


def test_quote_must_come_from_the_paragraph(world):
    paragraph = world.paragraphs()[0]
    comment = world.post(body="x", paragraph=paragraph, quote="words that are not there")
    assert comment.quote == ""


def test_paragraph_outside_the_week_is_refused(world):
    from studygroup.library.models import Paragraph

    outside = Paragraph.objects.exclude(pk__in=[p.pk for p in world.paragraphs()]).first()
    with pytest.raises(services.DiscussionError):
        world.post(body="x", paragraph=outside)


def test_length_limit_and_empty_body(world, settings):
    settings.COMMENT_MAX_LENGTH = 20
    with pytest.raises(services.DiscussionError):
        world.post(body="x" * 21)
    with pytest.raises(services.DiscussionError):
        world.post(body="   ")
    assert world.post(body="x" * 20).body == "x" * 20


def test_same_client_token_returns_the_first_comment(world):
    first = world.post(body="Once", client_token="tok-1")
    again = world.post(body="Once", client_token="tok-1")
    assert again.pk == first.pk
    assert Comment.objects.count() == 1


def test_one_token_with_other_words_is_another_comment_each_posted_once(world):
    """Two tabs showing one page the browser kept (a 304) send one token with their own words:
    not a form sent twice. Each is posted, and each, sent twice, is still one comment."""
    first = world.post(body="From one tab.", client_token="tok-1")
    second = world.post(body="From the other.", client_token="tok-1")
    reply = world.post(body="From one tab.", client_token="tok-1", parent=first)
    assert len({first.pk, second.pk, reply.pk}) == 3
    assert world.post(body="From the other.", client_token="tok-1").pk == second.pk
    assert world.post(body="From one tab.", client_token="tok-1", parent=first).pk == reply.pk
    assert world.post(body="From one tab.", client_token="tok-1").pk == first.pk
    assert Comment.objects.count() == 3


def test_a_form_sent_again_after_its_comment_was_edited_is_still_one_comment(world):
    """The retry is matched by what the form sent, not by the comment's words now."""
    first = world.post(body="Draft words.", client_token="tok-1")
    services.edit_comment(comment=first, body="Better words.")
    assert world.post(body="Draft words.", client_token="tok-1").pk == first.pk
    assert Comment.objects.count() == 1


def test_one_token_with_the_same_words_on_two_passages_or_questions_is_two_comments(world):
    """Two tabs of one page the browser kept, each posting "Yes." on its own passage: two."""
    from tests.factories import make_question

    one, two = world.paragraphs()[:2]
    on_one = world.post(body="Yes.", client_token="tok-1", paragraph=one)
    on_two = world.post(body="Yes.", client_token="tok-1", paragraph=two)
    asked = make_question(world.reading, group=world.group, status="approved")
    on_question = world.post(body="Yes.", client_token="tok-1", question=asked)
    assert len({on_one.pk, on_two.pk, on_question.pk}) == 3
    assert (on_one.paragraph_id, on_two.paragraph_id) == (one.pk, two.pk)
    assert world.post(body="Yes.", client_token="tok-1", paragraph=two).pk == on_two.pk
    assert Comment.objects.count() == 3


def test_rate_limit_counts_in_the_shared_cache(world, settings):
    settings.COMMENT_RATE_LIMIT = "3/m"
    for n in range(3):
        world.post(body=f"n{n}")
    with pytest.raises(services.RateLimited):
        world.post(body="one too many")
    # another member has their own allowance
    world.post(author=world.other, body="fine")


def test_edit_keeps_a_revision_and_marks_edited(world):
    comment = world.post(body="First")
    services.edit_comment(comment=comment, body="Second")
    comment.refresh_from_db()
    assert comment.body == "Second" and comment.edited_at is not None
    assert list(comment.revisions.values_list("body", flat=True)) == ["First"]


def test_delete_leaves_a_tombstone_and_erases_text_and_history(world):
    comment = world.post(body="Secret")
    reply = world.post(author=world.other, body="Reply", parent=comment)
    services.edit_comment(comment=comment, body="Secret 2")
    Reaction.objects.create(comment=comment, user=world.other, kind="agree")
    services.delete_comment(comment=comment, actor=world.member)
    comment.refresh_from_db()
    assert comment.is_deleted and comment.body == "" and comment.html == ""
    assert not CommentRevision.objects.filter(comment=comment).exists()
    assert not Reaction.objects.filter(comment=comment).exists()
    assert Comment.objects.filter(pk=reply.pk).exists()
    assert not ModerationEntry.objects.exists()  # the author deleted it


def test_facilitator_delete_is_logged(world):
    comment = world.post(body="Rude")
    services.delete_comment(comment=comment, actor=world.facilitator, reason="Off topic")
    entry = ModerationEntry.objects.get()
    assert entry.action == "delete" and entry.reason == "Off topic"


def test_no_reply_to_a_deleted_comment(world):
    comment = world.post(body="x")
    services.delete_comment(comment=comment, actor=world.member)
    with pytest.raises(services.DiscussionError):
        world.post(body="y", parent=comment)


def test_version_changes_after_each_committed_write(world, django_capture_on_commit_callbacks):
    v0 = services.thread_version(group_id=world.group.pk, reading_id=world.reading.pk)
    with django_capture_on_commit_callbacks(execute=True):
        comment = world.post(body="x")
    v1 = services.thread_version(group_id=world.group.pk, reading_id=world.reading.pk)
    with django_capture_on_commit_callbacks(execute=True):
        services.edit_comment(comment=comment, body="y")
    v2 = services.thread_version(group_id=world.group.pk, reading_id=world.reading.pk)
    assert len({v0, v1, v2}) == 3


def test_version_falls_back_to_the_database_when_the_cache_forgot(world):
    comment = world.post(body="x")
    cache.clear()
    v1 = services.thread_version(group_id=world.group.pk, reading_id=world.reading.pk)
    assert v1 == services.thread_version(group_id=world.group.pk, reading_id=world.reading.pk)
    services.edit_comment(comment=comment, body="y")
    cache.clear()
    assert services.thread_version(group_id=world.group.pk, reading_id=world.reading.pk) != v1


def test_depth_is_capped_and_deeper_replies_say_whom_they_answer(world):
    parent = world.post(body="level 1")
    chain = [parent]
    for level in range(2, MAX_DEPTH + 3):
        parent = world.post(author=world.other, body=f"level {level}", parent=parent)
        chain.append(parent)
    thread = services.load_thread(
        group=world.group, reading=world.reading, user=world.member, can_moderate=False, upto=50
    )
    depths = {item.comment.pk: item.node.depth for item in thread.items}
    level = {n: c.pk for n, c in enumerate(chain, start=1)}
    assert depths[level[5]] == 5 and depths[level[6]] == MAX_DEPTH
    assert depths[level[8]] == MAX_DEPTH
    level8 = next(i for i in thread.items if i.comment.pk == level[8])
    assert level8.node.replying_to.pk == level[7]
    assert "replying to @ola" in client_html(world)


def client_html(world) -> str:
    from django.test import Client

    client = Client()
    client.force_login(world.member)
    return client.get(world.url("thread"), headers=HX).content.decode()


# --- Endpoints --------------------------------------------------------------------------


def _post(client, world, **data):
    data.setdefault("client_token", "t-" + data.get("body", "")[:20])
    return client.post(world.url("post"), data, headers=HX)


def test_htmx_post_returns_the_thread_with_the_new_comment_focused_and_a_fresh_form(
    member_client, world
):
    response = _post(member_client, world, body="Hello *all*", form_id="compose")
    html = response.content.decode()
    comment = Comment.objects.get()
    assert response.status_code == 200
    assert html.startswith('\n<section id="thread"') or 'id="thread"' in html
    assert f'id="c-{comment.pk}"' in html and "autofocus" in html
    assert "<em>all</em>" in html
    assert 'hx-swap-oob="true"' in html and 'id="compose"' in html
    assert "<html" not in html


def test_invalid_post_rerenders_the_form_with_errors_retargeted(member_client, world):
    response = _post(member_client, world, body="", form_id="compose")
    assert response.status_code == 200
    assert response.headers["HX-Retarget"] == "#compose"
    assert 'role="alert"' in response.content.decode()
    assert not Comment.objects.exists()


def test_plain_post_redirects_to_the_comment(member_client, world):
    response = member_client.post(world.url("post"), {"body": "No JS", "client_token": "nojs"})
    comment = Comment.objects.get()
    assert response.status_code == 302 and response.url.endswith(f"#c-{comment.pk}")


def test_double_submit_creates_one_comment(member_client, world):
    for _ in range(2):
        member_client.post(world.url("post"), {"body": "Twice", "client_token": "same"})
    assert Comment.objects.count() == 1


def test_rate_limited_post_shows_a_message_with_429_and_retry_after(member_client, world, settings):
    settings.COMMENT_RATE_LIMIT = "1/m"
    _post(member_client, world, body="one")
    response = _post(member_client, world, body="two")
    assert response.status_code == 429
    assert 0 < int(response["Retry-After"]) <= 60
    assert response["HX-Retarget"] == "#compose"  # the form, with the message in it
    assert "faster than the group can read" in response.content.decode()
    page = member_client.post(world.url("post"), {"body": "three", "client_token": "t3"})
    assert page.status_code == 429 and "faster than the group can read" in page.content.decode()
    assert 0 < int(page["Retry-After"]) <= 60
    assert Comment.objects.count() == 1


def test_reply_form_and_reply(member_client, world):
    root = world.post(author=world.other, body="Root")
    form = member_client.get(world.url("reply", pk=root.pk), headers=HX).content.decode()
    assert f'name="parent" value="{root.pk}"' in form and "<html" not in form
    assert "autofocus" in form
    response = _post(
        member_client, world, body="A reply", parent=root.pk, form_id=f"reply-{root.pk}"
    )
    reply = Comment.objects.get(parent=root)
    assert f'id="c-{reply.pk}"' in response.content.decode()
    # no-JS: the reply form has a page of its own
    page = member_client.get(world.url("reply", pk=root.pk))
    assert page.status_code == 200 and "<html" in page.content.decode()


def test_edit_in_place_and_history(member_client, world):
    comment = world.post(body="Before")
    form = member_client.get(world.url("edit", pk=comment.pk), headers=HX).content.decode()
    assert "Before</textarea>" in form
    response = member_client.post(world.url("edit", pk=comment.pk), {"body": "After"}, headers=HX)
    html = response.content.decode()
    assert "After" in html and "edited" in html and f'id="c-{comment.pk}"' in html
    history = member_client.get(world.url("history", pk=comment.pk), headers=HX).content.decode()
    assert "Before" in history


def test_only_the_author_edits(client, world):
    comment = world.post(body="Mine")
    client.force_login(world.other)
    assert client.post(world.url("edit", pk=comment.pk), {"body": "x"}).status_code == 403
    client.force_login(world.facilitator)
    assert client.post(world.url("edit", pk=comment.pk), {"body": "x"}).status_code == 403


def test_delete_by_author_facilitator_not_other_member(client, world):
    first, second = world.post(body="one"), world.post(body="two")
    client.force_login(world.other)
    assert client.post(world.url("delete", pk=first.pk)).status_code == 403
    client.force_login(world.member)
    response = client.post(world.url("delete", pk=first.pk), headers=HX)
    assert "[deleted]" in response.content.decode()
    client.force_login(world.facilitator)
    assert client.post(world.url("delete", pk=second.pk)).status_code == 302
    assert Comment.objects.filter(deleted_at__isnull=False).count() == 2


def test_reactions_toggle(member_client, world):
    comment = world.post(author=world.other, body="Insight")
    url = world.url("react", pk=comment.pk)
    html = member_client.post(url, {"kind": "insightful"}, headers=HX).content.decode()
    assert 'aria-pressed="true"' in html and 'class="reaction-count">1<' in html
    member_client.post(url, {"kind": "insightful"}, headers=HX)
    assert not Reaction.objects.exists()
    assert member_client.post(url, {"kind": "bogus"}, headers=HX).status_code == 400


def test_every_htmx_post_without_csrf_is_refused(world):
    comment = world.post(body="x")
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.member)
    posts = [
        (world.url("post"), {"body": "y"}),
        (world.url("edit", pk=comment.pk), {"body": "z"}),
        (world.url("delete", pk=comment.pk), {}),
        (world.url("react", pk=comment.pk), {"kind": "agree"}),
        (world.url("flag", reading=world.reading.pk, paragraph=world.paragraphs()[0].pk), {}),
        (world.url("propose"), {"body": "Why?"}),
    ]
    for url, data in posts:
        assert client.post(url, data, headers=HX).status_code == 403, url
    assert Comment.objects.count() == 1


def test_notification_is_scheduled_after_commit(
    member_client, world, django_capture_on_commit_callbacks
):
    from studygroup.discussion.models import Notification

    root = world.post(author=world.other, body="Root")
    with django_capture_on_commit_callbacks(execute=True):
        _post(member_client, world, body="Reply", parent=root.pk, form_id=f"reply-{root.pk}")
    assert Notification.objects.filter(recipient=world.other, kind="reply").exists()


def test_hidden_comments_show_a_placeholder_except_to_facilitators(client, world):
    comment = world.post(body="Something rude")
    Comment.objects.filter(pk=comment.pk).update(is_hidden=True)
    client.force_login(world.other)
    html = client.get(world.url("thread"), headers=HX).content.decode()
    assert "Something rude" not in html and "Hidden by a facilitator" in html
    client.force_login(world.facilitator)
    html = client.get(world.url("thread"), headers=HX).content.decode()
    assert "Something rude" in html and "Hidden from members" in html


def test_other_writes_are_rate_limited_too(member_client, world, settings):
    settings.WRITE_RATE_LIMIT = "2/m"
    comment = world.post(author=world.other, body="x")
    url = world.url("react", pk=comment.pk)
    responses = [member_client.post(url, {"kind": "agree"}, headers=HX) for _ in range(3)]
    assert [r.status_code for r in responses] == [200, 200, 429]
    assert 0 < int(responses[-1]["Retry-After"]) <= 60
