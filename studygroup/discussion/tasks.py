"""Notification email: composed here, sent by the task queue (`manage.py db_worker`).

Every email carries a one-click unsubscribe link, a signed token that needs no login, and
the RFC 8058 headers (`List-Unsubscribe`, `List-Unsubscribe-Post`) so mail clients can
offer their own unsubscribe button.
"""

from __future__ import annotations

from collections.abc import Sequence
from urllib.parse import urlsplit

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, ngettext
from django_tasks import task

from studygroup import policy
from studygroup.accounts.models import EmailFrequency, User
from studygroup.accounts.translations import in_language_of
from studygroup.discussion.models import Notification
from studygroup.discussion.spoilers import mark_notifications
from studygroup.site import email_subject

UNSUBSCRIBE_SALT = "studygroup.notifications.unsubscribe"


def absolute(url: str) -> str:
    return url if "://" in url else f"{settings.SITE_URL}{url}"


def unsubscribe_token(user: User) -> str:
    """A signed token naming the user: holding it is the authorisation to stop emails."""
    return signing.dumps(user.pk, salt=UNSUBSCRIBE_SALT)


def user_for_unsubscribe_token(token: str) -> User | None:
    try:
        pk = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        return None
    return User.objects.filter(pk=pk).first()


def unsubscribe_url(user: User) -> str:
    return absolute(reverse("notifications:unsubscribe", kwargs={"token": unsubscribe_token(user)}))


def _message(
    *, user: User, subject: str, template: str, context: dict, message_id: str | None = None
) -> EmailMessage:
    unsubscribe = unsubscribe_url(user)
    context = {
        **context,
        "user": user,
        "unsubscribe_url": unsubscribe,
        "settings_url": absolute(reverse("notifications:settings")),
        "site_url": settings.SITE_URL,
    }
    return EmailMessage(
        subject=email_subject(subject),
        body=render_to_string(template, context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[user.email],
        headers={
            "List-Unsubscribe": f"<{unsubscribe}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            **({"Message-ID": message_id} if message_id else {}),
        },
    )


def notification_message_id(notification: Notification) -> str:
    """The same Message-ID every time this notification is emailed.

    A worker that dies after the mail server accepted the message but before our COMMIT
    sends it again on retry; with the same id, mail clients show it once.
    """
    domain = urlsplit(settings.SITE_URL).hostname or "localhost"
    return f"<notification-{notification.pk}@{domain}>"


def notification_email(notification: Notification) -> EmailMessage:
    """Select `comment` with it. A comment on a week the reader has not reached is not
    quoted (`spoilers.mark_notifications`)."""
    with in_language_of(notification.recipient):  # the recipient's, in a task too
        return _notification_email(notification)


def _notification_email(notification: Notification) -> EmailMessage:
    mark_notifications(notification.recipient, [notification])
    actor = notification.actor.name if notification.actor else gettext("Someone")
    return _message(
        user=notification.recipient,
        subject=gettext("%(actor)s %(action)s in %(group)s")
        % {
            "actor": actor,
            "action": notification.get_kind_display(),
            "group": notification.group.name,
        },
        template="discussion/email/notification.txt",
        context={
            "notification": notification,
            "actor": actor,
            "url": absolute(notification.url),
        },
        message_id=notification_message_id(notification),
    )


@task()
def send_notification_email(*, notification_id: int) -> bool:
    """Email one notification to a reader who wants email right away.

    False (and nothing sent) when the notification is gone, already emailed or read, the
    reader changed their mind, or may no longer read it (`policy.readable_notifications`).
    """
    notification = (
        Notification.objects.select_related("recipient", "actor", "group", "comment", "question")
        .filter(pk=notification_id)
        .first()
    )
    if (
        notification is None
        or notification.emailed_at is not None
        or notification.read_at is not None
        or notification.recipient.email_notifications != EmailFrequency.IMMEDIATE
        or not notification.recipient.is_active  # closed, its deletion pending
        # Hidden text stays on the site, even for the facilitators who may read it there.
        or (
            notification.comment is not None and not policy.may_leave_the_site(notification.comment)
        )
    ):
        return False
    # Everything slow happens outside the claim: rendering, and connecting to the mail server
    # (closed only after the commit, so its QUIT round trip is not inside the window below).
    message = notification_email(notification)
    with get_connection() as mailer, transaction.atomic():
        # Claim it, so a retried task (see our db_worker) never sends the same email twice;
        # only while the recipient may still read what it points at (they may have left).
        claimed = (
            policy.readable_notifications(notification.recipient)
            .filter(pk=notification.pk, emailed_at__isnull=True)
            .update(emailed_at=timezone.now())
        )
        if not claimed:
            return False
        # Sent inside the claim's transaction: an error, or a crash, before the mail server
        # has the message rolls the claim back, and the retry sends it. What remains is the
        # moment between the server's "accepted" and our COMMIT: a crash exactly then (or a
        # failed COMMIT) sends it twice. Nothing is ever lost.
        mailer.send_messages([message])
    return True


def digest_email(user: User, notifications: Sequence[Notification]) -> EmailMessage:
    """Annotate `comment_reading_id` (or select `comment`): a comment on a week the reader
    has not reached is named as such (`spoilers.mark_notifications`)."""
    with in_language_of(user):  # the recipient's, in a task or a command too
        return _digest_email(user, notifications)


def _digest_email(user: User, notifications: Sequence[Notification]) -> EmailMessage:
    mark_notifications(user, notifications)
    count = len(notifications)
    return _message(
        user=user,
        subject=ngettext(
            "Your study groups today: %(count)d new notification",
            "Your study groups today: %(count)d new notifications",
            count,
        )
        % {"count": count},
        template="discussion/email/digest.txt",
        context={
            "notifications": [
                {
                    "notification": n,
                    "url": absolute(n.url),
                    "actor": n.actor.name if n.actor else gettext("Someone"),
                }
                for n in notifications
            ],
        },
    )
