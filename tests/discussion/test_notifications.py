"""Notifications: who hears what, the bell and list, email right away or daily, unsubscribe."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from studygroup.accounts.models import EmailFrequency
from studygroup.discussion import notifications
from studygroup.discussion import services as discussion_services
from studygroup.discussion.models import Comment, Notification
from studygroup.discussion.tasks import send_notification_email, unsubscribe_token
from studygroup.discussion.threads import path_for
from studygroup.groups import services as group_services
from studygroup.library.models import Question
from tests import factories
from tests.factories import make_question, make_text, make_user

pytestmark = pytest.mark.django_db


# --- Builders -------------------------------------------------------------------------


def make_group(*, facilitator=None, members=(), is_public=False, text=None, name="Circle"):
    """A group reading a text, with these members."""
    group = factories.make_group(facilitator=facilitator, is_public=is_public, name=name)
    for member in members:
        factories.add_member(group, member)
    group_services.adopt_text(group=group, text=text or make_text())
    return group


def first_reading(group):
    return group.adoptions.get().readings.order_by("number").first()


def post(group, author, body="A thought.", parent=None) -> Comment:
    comment = Comment.objects.create(
        group=group, reading=parent.reading if parent else first_reading(group),
        parent=parent, author=author, body=body, html=f"<p>{body}</p>",
    )  # fmt: skip
    comment.path = path_for(comment.pk, parent.path if parent else None)
    comment.save(update_fields=["path"])
    return comment


@pytest.fixture
def circle():
    """A private group: Ada facilitates; Ben and Cy are members; Dee is an outsider."""
    ada = make_user(username="ada", display_name="Ada")
    ben = make_user(username="Ben", display_name="Ben")
    cy = make_user(username="cy", display_name="Cy")
    dee = make_user(username="dee", display_name="Dee")
    group = make_group(facilitator=ada, members=[ben, cy])
    return {"group": group, "ada": ada, "ben": ben, "cy": cy, "dee": dee}


def received(user) -> list[Notification]:
    return list(Notification.objects.filter(recipient=user))


# --- Who hears about a comment --------------------------------------------------------


def test_a_reply_notifies_the_parents_author(circle):
    parent = post(circle["group"], circle["ben"])
    reply = post(circle["group"], circle["cy"], "I disagree.", parent=parent)
    notifications.notify_comment_posted(reply)
    [n] = received(circle["ben"])
    assert (n.kind, n.actor, n.comment, n.group) == ("reply", circle["cy"], reply, circle["group"])
    assert n.url.endswith(f"#c-{reply.pk}")
    assert not received(circle["cy"])


def test_mentions_reach_members_once_and_never_the_author_or_outsiders(circle):
    parent = post(circle["group"], circle["ben"])
    body = "@ben @BEN @ada @cy @dee @nobody see `@ada`"
    reply = post(circle["group"], circle["cy"], body, parent=parent)
    notifications.notify_comment_posted(reply)
    assert [n.kind for n in received(circle["ben"])] == ["reply"]  # a reply, not also a mention
    assert [n.kind for n in received(circle["ada"])] == ["mention"]
    assert not received(circle["cy"])  # the author
    assert not received(circle["dee"])  # not a member
    assert Notification.objects.count() == 2


def test_replying_to_yourself_notifies_nobody(circle):
    parent = post(circle["group"], circle["ben"])
    notifications.notify_comment_posted(post(circle["group"], circle["ben"], parent=parent))
    assert not Notification.objects.exists()


def test_no_reply_notification_for_someone_who_left_a_private_group(circle):
    parent = post(circle["group"], circle["ben"])
    group_services.leave_group(group=circle["group"], user=circle["ben"])
    notifications.notify_comment_posted(post(circle["group"], circle["cy"], parent=parent))
    assert not Notification.objects.exists()


def test_no_reply_notification_for_a_deleted_parent(circle):
    parent = post(circle["group"], circle["ben"])
    Comment.objects.filter(pk=parent.pk).update(deleted_at=timezone.now())
    parent.refresh_from_db()
    notifications.notify_comment_posted(post(circle["group"], circle["cy"], parent=parent))
    assert not Notification.objects.exists()


def test_posting_through_the_service_notifies_in_the_comments_own_transaction(circle, settings):
    # The real queue: its task rows are written in the same transaction as the comment.
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    group, reading = circle["group"], first_reading(circle["group"])
    parent = post(group, circle["ben"])
    with pytest.raises(RuntimeError), transaction.atomic():
        discussion_services.post_comment(
            author=circle["cy"], group=group, reading=reading, body="Hm, @ada.", parent=parent
        )
        assert Notification.objects.count() == DBTaskResult.objects.count() == 2
        raise RuntimeError("the request dies before its commit")
    # Rolled back together: no notification and no email task outlive the comment.
    assert not Notification.objects.exists()
    assert not DBTaskResult.objects.exists()

    reply = discussion_services.post_comment(
        author=circle["cy"], group=group, reading=reading, body="Agreed, @ada.", parent=parent
    )
    assert {(n.recipient, n.kind) for n in Notification.objects.all()} == {
        (circle["ben"], "reply"),
        (circle["ada"], "mention"),
    }
    assert DBTaskResult.objects.filter(status="READY").count() == 2
    page = reverse(
        "discussion:reading_in_text",
        kwargs={"slug": group.slug, "text": reading.text.slug, "number": reading.number},
    )
    assert {n.url for n in Notification.objects.all()} == {f"{page}#c-{reply.pk}"}


def test_notifying_takes_a_fixed_number_of_queries(circle, django_assert_max_num_queries):
    for n in range(5):
        group_services.add_member(
            group=circle["group"], user=make_user(username=f"m{n}", email_notifications="never")
        )
    parent = post(circle["group"], circle["ben"])
    reply = post(circle["group"], circle["cy"], "@m0 @m1 @m2 @m3 @m4 @ada", parent=parent)
    reply = Comment.objects.select_related("group", "parent", "reading").get(pk=reply.pk)
    # reading and text (for the URL), mentions, visibility, bulk insert, who wants email
    # now; then one email task per immediate recipient (Ada and Ben), inline in tests.
    with django_assert_max_num_queries(5 + 2 * 4):
        notifications.notify_comment_posted(reply)
    assert Notification.objects.count() == 7


# --- Who hears about a question -------------------------------------------------------


def test_a_group_question_notifies_its_members_but_not_its_author(circle):
    question = make_question(
        first_reading(circle["group"]), group=circle["group"], proposed_by=circle["ben"]
    )
    notifications.notify_question_added(question)
    assert {n.recipient for n in Notification.objects.all()} == {circle["ada"], circle["cy"]}
    assert all(n.kind == "question" and n.url.endswith(f"#q-{question.pk}") for n in
               Notification.objects.all())  # fmt: skip


def test_a_curated_question_reaches_every_adopting_group_once_per_person(circle):
    text = circle["group"].adoptions.get().text
    eve = make_user(username="eve")
    other = make_group(members=[circle["cy"], eve], text=text, name="Other circle")
    unrelated = make_group(members=[make_user()], name="Unrelated")
    question = make_question(first_reading(circle["group"]))
    notifications.notify_question_added(question)
    recipients = list(Notification.objects.values_list("recipient", flat=True))
    assert len(recipients) == len(set(recipients))
    assert set(recipients) == {
        circle["ada"].pk, circle["ben"].pk, circle["cy"].pk, eve.pk,
        other.memberships.get(role="facilitator").user_id,
    }  # fmt: skip
    assert not Notification.objects.filter(group=unrelated).exists()


def test_a_proposed_question_notifies_nobody_yet(circle):
    question = make_question(
        first_reading(circle["group"]), group=circle["group"], status=Question.Status.PROPOSED
    )
    notifications.notify_question_added(question)
    assert not Notification.objects.exists()


# --- Email right away -----------------------------------------------------------------


def test_immediate_readers_get_one_email_with_unsubscribe_headers(circle):
    circle["ada"].email_notifications = EmailFrequency.DAILY
    circle["ada"].save()
    parent = post(circle["group"], circle["ben"])
    reply = post(circle["group"], circle["cy"], "Look, @ada.", parent=parent)
    notifications.notify_comment_posted(reply)
    [email] = mail.outbox  # Ben only: Ada takes the daily digest
    assert email.to == [circle["ben"].email]
    assert email.subject == "[127.0.0.1:8000] Cy replied to your comment in Circle"
    assert f"#c-{reply.pk}" in email.body
    unsubscribe = reverse("notifications:unsubscribe", args=[unsubscribe_token(circle["ben"])])
    assert unsubscribe in email.body
    assert email.extra_headers["List-Unsubscribe"] == f"<http://127.0.0.1:8000{unsubscribe}>"
    assert email.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert Notification.objects.get(recipient=circle["ben"]).emailed_at is not None
    assert Notification.objects.get(recipient=circle["ada"]).emailed_at is None


def test_the_email_task_sends_once_and_not_for_read_or_hidden(circle):
    circle["ben"].email_notifications = EmailFrequency.NEVER
    circle["ben"].save()
    parent = post(circle["group"], circle["ben"])
    notifications.notify_comment_posted(post(circle["group"], circle["cy"], parent=parent))
    assert not mail.outbox
    n = Notification.objects.get()
    Notification.objects.filter(pk=n.pk).update(recipient=circle["ada"])  # immediate
    assert send_notification_email.enqueue(notification_id=n.pk).return_value is True
    assert send_notification_email.enqueue(notification_id=n.pk).return_value is False
    assert len(mail.outbox) == 1

    Notification.objects.filter(pk=n.pk).update(emailed_at=None, read_at=timezone.now())
    assert send_notification_email.enqueue(notification_id=n.pk).return_value is False
    Notification.objects.filter(pk=n.pk).update(read_at=None)
    Comment.objects.filter(pk=n.comment_id).update(is_hidden=True)
    assert send_notification_email.enqueue(notification_id=n.pk).return_value is False
    assert send_notification_email.enqueue(notification_id=0).return_value is False
    assert len(mail.outbox) == 1


@pytest.mark.django_db(transaction=True)
def test_the_database_queue_sends_the_email_only_when_the_worker_runs(settings):
    """The real queue: enqueue writes a task row; `db_worker --batch` sends the email.

    Needs committed rows (transaction=True): the worker claims tasks in its own
    transaction, which cannot nest inside the test's.
    """
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    ben, cy = make_user(username="ben"), make_user(username="cy")
    group = make_group(members=[ben, cy])
    parent = post(group, ben)
    notifications.notify_comment_posted(post(group, cy, "Yes!", parent=parent))
    assert DBTaskResult.objects.count() == 1
    assert not mail.outbox
    assert Notification.objects.get().emailed_at is None

    call_command("db_worker", "--batch", "--no-startup-delay", "--interval", "0", verbosity=0)

    [email] = mail.outbox
    assert email.to == [ben.email]
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"
    assert Notification.objects.get().emailed_at is not None


# --- The daily digest -----------------------------------------------------------------


def test_send_digests_sends_one_email_per_daily_reader_and_marks_them(circle):
    for user in (circle["ben"], circle["ada"]):
        user.email_notifications = EmailFrequency.DAILY
        user.save()
    parent = post(circle["group"], circle["ben"])
    notifications.notify_comment_posted(post(circle["group"], circle["cy"], "@ada", parent=parent))
    notifications.notify_comment_posted(post(circle["group"], circle["ada"], "@ben", parent=parent))
    old = Notification.objects.create(
        recipient=circle["ben"], kind="mention", group=circle["group"], url="/old"
    )
    Notification.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=2))
    assert not mail.outbox

    call_command("send_digests", "--dry-run", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert not mail.outbox

    call_command("send_digests", stdout=open("/dev/null", "w"))  # noqa: SIM115
    by_recipient = {m.to[0]: m for m in mail.outbox}
    assert set(by_recipient) == {circle["ben"].email, circle["ada"].email}
    ben_mail = by_recipient[circle["ben"].email]
    assert "2 new notifications" in ben_mail.subject
    assert "Cy replied to your comment" in ben_mail.body
    assert "Ada replied to your comment" in ben_mail.body  # a reply that mentions: once
    assert "/old" not in ben_mail.body
    assert ben_mail.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert not Notification.objects.filter(emailed_at__isnull=True).exclude(pk=old.pk).exists()

    mail.outbox.clear()
    call_command("send_digests", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert not mail.outbox


# --- Unsubscribe ----------------------------------------------------------------------


def test_unsubscribe_get_asks_and_one_click_post_works_without_login_or_csrf(circle):
    ben = circle["ben"]
    url = reverse("notifications:unsubscribe", args=[unsubscribe_token(ben)])
    client = Client(enforce_csrf_checks=True)
    response = client.get(url)
    assert response.status_code == 200
    assert b"Unsubscribe" in response.content
    ben.refresh_from_db()
    assert ben.email_notifications == EmailFrequency.IMMEDIATE  # a GET changes nothing

    response = client.post(url, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    ben.refresh_from_db()
    assert ben.email_notifications == EmailFrequency.NEVER


def test_unsubscribe_rejects_a_forged_token(circle):
    token = unsubscribe_token(circle["ben"])
    assert (
        Client().post(reverse("notifications:unsubscribe", args=[token + "x"])).status_code == 404
    )
    assert Client().post(reverse("notifications:unsubscribe", args=["1"])).status_code == 404


def test_email_settings_page(client, circle):
    url = reverse("notifications:settings")
    assert client.get(url).status_code == 302  # sign in first
    client.force_login(circle["ben"])
    assert client.get(url).status_code == 200
    response = client.post(url, {"email_notifications": "daily"})
    assert response.status_code == 302
    circle["ben"].refresh_from_db()
    assert circle["ben"].email_notifications == "daily"
    assert client.post(url, {"email_notifications": "hourly"}).status_code == 200  # re-shown


# --- The bell and the list ------------------------------------------------------------


def notify(circle, n=2):
    parent = post(circle["group"], circle["ben"])
    for _ in range(n):
        notifications.notify_comment_posted(post(circle["group"], circle["cy"], parent=parent))


def test_the_bell_shows_the_unread_count(client, circle):
    notify(circle)
    client.force_login(circle["ben"])
    html = client.get(reverse("home")).content.decode()
    assert 'aria-label="Notifications, 2 unread"' in html
    assert reverse("notifications:settings") in html


def test_the_bell_costs_no_query_for_visitors_and_one_for_readers(client, circle):
    def notification_queries() -> list[str]:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("home")).status_code == 200
        return [q["sql"] for q in queries if "discussion_notification" in q["sql"]]

    client.get(reverse("home"))
    with CaptureQueriesContext(connection) as queries:
        client.get(reverse("home"))
    assert len(queries) == 0  # the whole page, for a visitor
    client.force_login(circle["ben"])
    [count] = notification_queries()
    assert "COUNT(" in count


def test_list_and_mark_read_without_javascript(client, circle):
    notify(circle)
    client.force_login(circle["ben"])
    response = client.get(reverse("notifications:list"))
    assert response.status_code == 200
    [first, second] = Notification.objects.filter(recipient=circle["ben"]).order_by("pk")
    assert first.url.encode() in response.content
    response = client.post(reverse("notifications:read", args=[first.pk]))
    assert response.status_code == 302
    first.refresh_from_db()
    assert first.read_at is not None
    assert client.post(reverse("notifications:read_all")).status_code == 302
    assert not Notification.objects.filter(read_at__isnull=True).exists()


def test_mark_read_with_htmx_returns_the_list_and_the_updated_bell(client, circle):
    notify(circle)
    client.force_login(circle["ben"])
    n = Notification.objects.filter(recipient=circle["ben"]).first()
    response = client.post(
        reverse("notifications:read", args=[n.pk]), headers={"HX-Request": "true"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith('<section id="notifications"')
    assert "<html" not in html
    assert 'hx-swap-oob="true"' in html and "Notifications, 1 unread" in html
    assert response.headers["Vary"].count("HX-Request") == 1


def test_nobody_reads_or_marks_anyone_elses_notifications(client, circle):
    notify(circle, n=1)
    n = Notification.objects.get()
    client.force_login(circle["cy"])
    assert n.url not in client.get(reverse("notifications:list")).content.decode()
    assert client.post(reverse("notifications:read", args=[n.pk])).status_code == 404
    client.post(reverse("notifications:read_all"))
    n.refresh_from_db()
    assert n.read_at is None


def test_mark_read_needs_post_login_and_csrf(circle):
    notify(circle, n=1)
    n = Notification.objects.get()
    anonymous = Client()
    response = anonymous.post(reverse("notifications:read", args=[n.pk]))
    assert response.status_code == 302 and "login" in response.url
    client = Client(enforce_csrf_checks=True)
    client.force_login(circle["ben"])
    assert client.get(reverse("notifications:read", args=[n.pk])).status_code == 405
    assert client.post(reverse("notifications:read", args=[n.pk])).status_code == 403
    assert client.post(reverse("notifications:read_all")).status_code == 403
    assert (
        client.post(reverse("notifications:settings"), {"email_notifications": "never"}).status_code
        == 403
    )
    n.refresh_from_db()
    assert n.read_at is None


# --- The badge counts what the list shows ---------------------------------------------


def test_the_badge_drops_a_notification_of_a_comment_deleted_since(client, circle):
    parent = post(circle["group"], circle["ben"])
    kept = post(circle["group"], circle["cy"], "Kept.", parent=parent)
    gone = post(circle["group"], circle["cy"], "Soon gone.", parent=parent)
    notifications.notify_comment_posted(kept)
    notifications.notify_comment_posted(gone)
    client.force_login(circle["ben"])
    assert "Notifications, 2 unread" in client.get(reverse("notifications:list")).content.decode()
    discussion_services.delete_comment(comment=gone, actor=circle["cy"])
    html = client.get(reverse("notifications:list")).content.decode()
    assert gone.anchor not in html and kept.anchor in html
    assert "Notifications, 1 unread" in html
    # Even with nothing cached, the count is the list's rule, not every unread row.
    notifications.cache.delete(notifications.unread_key(circle["ben"].pk))
    assert notifications.unread_count(circle["ben"]) == 1


def test_digests_and_immediate_emails_skip_comments_deleted_since(circle):
    circle["ben"].email_notifications = EmailFrequency.DAILY
    circle["ben"].save(update_fields=["email_notifications"])
    circle["cy"].email_notifications = EmailFrequency.IMMEDIATE
    circle["cy"].save(update_fields=["email_notifications"])
    parent = post(circle["group"], circle["ben"])
    kept = post(circle["group"], circle["cy"], "Kept.", parent=parent)
    gone = post(circle["group"], circle["cy"], "Soon gone.", parent=parent)
    notifications.notify_comment_posted(kept)
    notifications.notify_comment_posted(gone)
    discussion_services.delete_comment(comment=gone, actor=circle["cy"])
    call_command("send_digests", stdout=open("/dev/null", "w"))  # noqa: SIM115
    [digest] = mail.outbox
    assert kept.anchor in digest.body and gone.anchor not in digest.body
    assert "1 new notification" in digest.subject
    # An immediate email of a comment deleted before the worker ran is not sent either.
    mail.outbox.clear()
    cy_parent = post(circle["group"], circle["cy"])
    doomed = post(circle["group"], circle["ben"], "Gone before the email.", parent=cy_parent)
    Notification.objects.bulk_create(
        [Notification(recipient=circle["cy"], kind="reply", group=circle["group"],
                      actor=circle["ben"], comment=doomed, url="/x")]
    )  # fmt: skip
    discussion_services.delete_comment(comment=doomed, actor=circle["ben"])
    n = Notification.objects.get(comment=doomed)
    assert send_notification_email.call(notification_id=n.pk) is False
    assert not mail.outbox
