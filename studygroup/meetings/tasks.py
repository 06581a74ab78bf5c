"""The meeting reminder: an in-app notification and, for those who want email right away,
an email. Run by the task queue (`manage.py db_worker`); see `reminders.py`."""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django_tasks import task

from studygroup.accounts.models import EmailFrequency
from studygroup.accounts.translations import in_language_of
from studygroup.discussion.models import Notification
from studygroup.discussion.notifications import store_unread_on_commit
from studygroup.discussion.tasks import _message, absolute
from studygroup.groups.timeline import find_week
from studygroup.meetings.agenda import facilitator_names
from studygroup.meetings.models import Reminder


def reminder_message_id(reminder: Reminder) -> str:
    """The same Message-ID every time: a retried send shows once in a mail client."""
    domain = urlsplit(settings.SITE_URL).hostname or "localhost"
    return f"<meeting-reminder-{reminder.pk}@{domain}>"


def reminder_detail(reminder: Reminder, *, facilitators: list[str]) -> str:
    group = reminder.meeting.group
    reading = reminder.meeting.reading
    starts = group.meeting_start(reminder.for_date)
    parts = [
        _("Week %(number)d: %(title)s.") % {"number": reading.number, "title": reading.title},
        _("%(day)s at %(time)s (%(tz)s).")
        % {
            "day": date_format(reminder.for_date, _("l j F")),
            "time": starts.strftime("%H:%M"),
            "tz": group.timezone,
        },
    ]
    if group.location:
        parts.append(_("Place: %(place)s.") % {"place": group.location})
    if group.video_url:
        parts.append(_("Video call: %(url)s") % {"url": group.video_url})
    if facilitators:
        parts.append(_("Facilitating: %(names)s.") % {"names": ", ".join(facilitators)})
    return " ".join(parts)


def reminder_email(reminder: Reminder, *, url: str, detail: str) -> EmailMessage:
    group = reminder.meeting.group
    return _message(
        user=reminder.membership.user,
        subject=_("Reminder: %(group)s meets tomorrow") % {"group": group.name},
        template="meetings/email/reminder.txt",
        context={"group": group, "detail": detail, "url": url},
        message_id=reminder_message_id(reminder),
    )


@task()
def send_meeting_reminder(*, reminder_id: int) -> bool:
    """Remind one member of tomorrow's meeting, once.

    False (and nothing sent) when the reminder is gone (the member left), already sent, or
    the meeting has moved off the date it was made for.
    """
    reminder = (
        Reminder.objects.select_related(
            "meeting__group", "meeting__reading__text", "membership__user"
        )
        .filter(pk=reminder_id, sent_at__isnull=True)
        .first()
    )
    if reminder is None or not reminder.membership.user.is_active:
        return False
    meeting = reminder.meeting
    group = meeting.group
    week = find_week(group, meeting.reading.number, meeting.reading.text.slug)
    if week is None or week.date != reminder.for_date:
        return False
    user = reminder.membership.user
    url = reverse("meetings:detail", kwargs={"slug": group.slug, "reading": meeting.reading_id})
    wants_email = bool(user.email) and user.email_notifications == EmailFrequency.IMMEDIATE
    # The stored notification and the email both speak the member's language.
    with in_language_of(user):
        detail = reminder_detail(
            reminder,
            facilitators=facilitator_names(group, [meeting.reading_id]).get(meeting.reading_id, []),
        )
        message = (
            reminder_email(reminder, url=absolute(url), detail=detail) if wants_email else None
        )
    with get_connection() as mailer, transaction.atomic():
        claimed = Reminder.objects.filter(pk=reminder.pk, sent_at__isnull=True).update(
            sent_at=timezone.now()
        )
        if not claimed:
            return False
        Notification.objects.create(
            recipient=user,
            kind=Notification.Kind.MEETING,
            group=group,
            url=url,
            detail=detail,
            # Daily-digest readers get it in their digest; "never" readers only in the app.
            emailed_at=timezone.now() if message else None,
        )
        store_unread_on_commit([user.pk])
        if message is not None:
            # Inside the claim: a failure before the server has it rolls everything back.
            mailer.send_messages([message])
    return True
