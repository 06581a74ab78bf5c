"""A hidden comment's text reaches only its author and the group's facilitators; a deleted
comment's text and author reach nobody. Each place comment text can surface is asked here."""

from __future__ import annotations

import json

import pytest
from django.core import mail
from django.urls import reverse

from studygroup.discussion import moderation, services
from studygroup.discussion.models import Notification
from studygroup.discussion.tasks import send_notification_email
from studygroup.library.roles import ensure_curator_group
from tests.builders import make_circle
from tests.factories import make_question

pytestmark = pytest.mark.django_db
HX = {"HX-Request": "true"}
SECRET = "Xylophonesecret"
EARLIER = "Earlierversionword"


@pytest.fixture
def hidden():
    """A public group, a comment by `other` edited once, then hidden by the facilitator."""
    world = make_circle(is_public=True)
    comment = world.post(author=world.other, body=EARLIER)
    services.edit_comment(comment=comment, body=SECRET)
    moderation.hide_comment(actor=world.facilitator, comment=comment, reason="Off topic")
    comment.refresh_from_db()
    return world, comment


def _as(client, user):
    client.logout()
    if user is not None:
        client.force_login(user)
    return client


@pytest.mark.parametrize("who", ["anonymous", "outsider", "member"])
@pytest.mark.parametrize("htmx", [False, True], ids=["page", "fragment"])
def test_history_of_a_hidden_comment_is_404_to_those_who_may_not_read_it(client, hidden, who, htmx):
    world, comment = hidden
    user = {"anonymous": None, "outsider": world.outsider, "member": world.member}[who]
    response = _as(client, user).get(
        world.url("history", pk=comment.pk), headers=HX if htmx else {}
    )
    assert response.status_code == 404
    assert SECRET not in response.content.decode()
    assert EARLIER not in response.content.decode()


@pytest.mark.parametrize("who", ["other", "facilitator", "admin"])
def test_history_of_a_hidden_comment_is_shown_to_its_author_and_facilitators(client, hidden, who):
    world, comment = hidden
    html = _as(client, getattr(world, who)).get(world.url("history", pk=comment.pk)).content
    assert SECRET in html.decode() and EARLIER in html.decode()


def test_history_of_a_deleted_comment_is_404(client):
    world = make_circle(is_public=True)
    comment = world.post(author=world.other, body=EARLIER)
    services.edit_comment(comment=comment, body=SECRET)
    services.delete_comment(comment=comment, actor=world.other)
    assert _as(client, world.other).get(world.url("history", pk=comment.pk)).status_code == 404


def test_reply_page_of_a_hidden_comment_neither_quotes_nor_serves_it(client, hidden):
    world, comment = hidden
    response = _as(client, world.member).get(world.url("reply", pk=comment.pk))
    assert response.status_code == 404
    assert SECRET not in response.content.decode()


def test_a_refused_reply_to_a_hidden_comment_does_not_quote_it(client, hidden):
    """Posting a reply to a hidden comment fails, and the form shown again must not quote it."""
    world, comment = hidden
    response = _as(client, world.member).post(
        world.url("post"), {"body": "Me too", "parent": comment.pk, "client_token": "t1"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "can no longer be answered" in html
    assert SECRET not in html


def test_reply_page_of_a_deleted_comment_does_not_name_its_author(client):
    world = make_circle(is_public=True)
    comment = world.post(author=world.other, body="Soon gone")
    services.delete_comment(comment=comment, actor=world.other)
    response = _as(client, world.member).post(
        world.url("post"), {"body": "Me too", "parent": comment.pk, "client_token": "t2"}
    )
    html = response.content.decode()
    assert "Replying to a deleted comment" in html
    assert world.other.name not in html
    assert _as(client, world.member).get(world.url("reply", pk=comment.pk)).status_code == 404


def test_reply_page_names_and_quotes_a_visible_parent(client):
    world = make_circle(is_public=True)
    comment = world.post(author=world.other, body="Visible words")
    html = _as(client, world.member).get(world.url("reply", pk=comment.pk)).content.decode()
    assert "Visible words" in html and f"Replying to {world.other.name}" in html


def test_thread_shows_a_hidden_comment_to_its_author_only_among_members(client, hidden):
    world, comment = hidden

    def thread(user) -> str:
        return _as(client, user).get(world.url("thread"), headers=HX).content.decode()

    assert SECRET not in thread(world.member)
    assert SECRET not in thread(None)
    assert SECRET in thread(world.other)
    assert SECRET in thread(world.facilitator)


@pytest.mark.parametrize("who", ["anonymous", "member"])
def test_single_comment_fragment_and_poll_keep_hidden_text(client, hidden, who):
    world, comment = hidden
    user = None if who == "anonymous" else world.member
    c = _as(client, user)
    for url in (world.url("comment", pk=comment.pk), world.url("poll") + "?v=old"):
        assert SECRET not in c.get(url, headers=HX).content.decode(), url


def test_a_reply_under_a_deleted_comment_does_not_name_its_author_when_flattened(client):
    """Deep replies say whom they answer: a deleted parent is "[deleted]", not its handle."""
    world = make_circle(is_public=True)
    parent = None
    for depth in range(8):
        parent = world.post(author=world.other if depth == 6 else world.member, parent=parent)
    services.delete_comment(comment=parent.parent, actor=world.other)
    html = _as(client, world.member).get(world.url("thread"), headers=HX).content.decode()
    assert "replying to @[deleted]" in html
    assert f"@{world.other.username}" not in html


def test_report_page_of_a_hidden_comment_does_not_show_it(client, hidden):
    world, comment = hidden
    response = _as(client, world.member).get(
        reverse("moderation:report", kwargs={"slug": world.group.slug, "pk": comment.pk})
    )
    assert SECRET not in response.content.decode()


def test_moderation_log_does_not_name_a_deleted_comments_author(client):
    world = make_circle(is_public=True)
    comment = world.post(author=world.other, body="Rude words")
    services.delete_comment(comment=comment, actor=world.facilitator, reason="Rude")
    html = (
        _as(client, world.member)
        .get(reverse("moderation:log", kwargs={"slug": world.group.slug}))
        .content.decode()
    )
    assert "deleted a comment" in html
    assert world.other.name not in html


def test_search_finds_a_hidden_comment_for_its_author_and_facilitators_only(client, hidden):
    world, comment = hidden
    url = reverse("search:search") + "?q=" + SECRET

    def hits(user) -> int:
        return _as(client, user).get(url).content.decode().count('class="search-hit"')

    assert hits(world.member) == hits(None) == 0
    assert hits(world.other) == hits(world.facilitator) == 1


def test_public_comments_feed_leaves_hidden_comments_out(client, hidden):
    world, comment = hidden
    url = reverse("groups:comments_atom", kwargs={"slug": world.group.slug})
    assert SECRET not in _as(client, None).get(url).content.decode()


def test_group_json_export_does_not_name_a_deleted_comments_author(client):
    world = make_circle(is_public=True)
    comment = world.post(author=world.other, body="Soon gone")
    services.delete_comment(comment=comment, actor=world.other)
    url = reverse("export:group_file", kwargs={"slug": world.group.slug, "fmt": "json"})
    data = json.loads(_as(client, world.facilitator).get(url).content)
    [row] = [c for c in data["comments"] if c["id"] == comment.pk]
    assert row["author"] is None and row["body"] == ""


def test_no_email_with_a_comments_text_to_a_reader_removed_from_the_group():
    """A reply notification emailed later must not carry the text to someone who left."""
    world = make_circle(is_public=False)
    world.member.email_notifications = "immediate"
    world.member.save()
    parent = world.post(author=world.member, body="My question")
    reply = world.post(author=world.other, body=SECRET, parent=parent)
    notification = Notification.objects.create(
        recipient=world.member,
        kind=Notification.Kind.REPLY,
        group=world.group,
        actor=world.other,
        comment=reply,
        url="/",
    )
    moderation.remove_member(
        actor=world.facilitator, group=world.group, user=world.member, reason="Left town"
    )
    mail.outbox.clear()
    assert send_notification_email.enqueue(notification_id=notification.pk).return_value is False
    assert not mail.outbox


def test_notification_list_does_not_name_the_author_of_a_deleted_reply(client):
    world = make_circle(is_public=True)
    parent = world.post(author=world.member, body="My question")
    reply = world.post(author=world.other, body="An answer", parent=parent)
    Notification.objects.create(
        recipient=world.member,
        kind=Notification.Kind.REPLY,
        group=world.group,
        actor=world.other,
        comment=reply,
        url="/",
    )
    services.delete_comment(comment=reply, actor=world.other)
    html = _as(client, world.member).get(reverse("notifications:list")).content.decode()
    assert world.other.name not in html


# --- Curated questions are the curators' -----------------------------------------------


def _tags(question) -> set[str]:
    return set(question.tags.names())


def test_a_facilitator_cannot_retag_a_curated_question_shared_by_every_group(client):
    world = make_circle(is_public=True)
    curated = make_question(world.reading, body="Curated for all")
    curated.tags.add("curated")
    url = world.url("question_action", pk=curated.pk, action="tags")
    response = _as(client, world.facilitator).post(url, {"tags": "vandalised"})
    assert response.status_code == 403
    assert _tags(curated) == {"curated"}
    page = _as(client, world.facilitator).get(world.page).content.decode()
    assert url not in page  # no tags form offered for it either


def test_a_facilitator_tags_their_own_groups_question(client):
    world = make_circle(is_public=True)
    own = make_question(world.reading, body="Ours", group=world.group, status="approved")
    url = world.url("question_action", pk=own.pk, action="tags")
    assert _as(client, world.facilitator).post(url, {"tags": "ours, week one"}).status_code == 302
    assert _tags(own) == {"ours", "week one"}
    assert url in _as(client, world.facilitator).get(world.page).content.decode()


def test_a_curator_who_facilitates_may_retag_a_curated_question(client):
    world = make_circle(is_public=True)
    curator = world.facilitator
    curator.is_staff = True
    curator.save()
    curator.groups.add(ensure_curator_group())
    curated = make_question(world.reading, body="Curated for all")
    url = world.url("question_action", pk=curated.pk, action="tags")
    assert _as(client, curator).post(url, {"tags": "refined"}).status_code == 302
    assert _tags(curated) == {"refined"}
