"""The day-before reminder: who gets one, recorded once, sent by the task queue.

`queue_reminders` (run by `manage.py send_meeting_reminders`) finds each group's meeting
tomorrow, in the group's own time zone, writes one Reminder row per recipient (a unique key:
re-runs add none) and enqueues `send_meeting_reminder` for each new row, after the commit. The
task claims the row before it writes anything, so a re-run, a retried task or a second worker
never reminds anyone twice. A row still unsent after TASK_STALE_AFTER seconds (its run died
before enqueueing, or its task was lost) is enqueued again by the next run.

Recipients: members who said coming or maybe, or did not answer for that date; never those
who said they are not coming.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from studygroup.groups.models import ReadingGroup
from studygroup.groups.timeline import Week, load_timeline
from studygroup.meetings.models import Meeting, Reminder, Rsvp
from studygroup.meetings.tasks import send_meeting_reminder


@dataclass
class Queued:
    group: ReadingGroup
    week: Week
    created: int
    enqueued: int


def tomorrows_week(group: ReadingGroup, *, now: datetime) -> Week | None:
    """The group's meeting on the day after `now`, in the group's time zone."""
    tomorrow = now.astimezone(group.tz).date() + timedelta(days=1)
    if tomorrow.weekday() != group.meeting_weekday:  # no meeting that day: no query
        return None
    today = tomorrow - timedelta(days=1)
    weeks = load_timeline(group, today=today, with_sections=False, with_progress=False).weeks
    return next((w for w in weeks if w.date == tomorrow), None)


def recipients(meeting: Meeting, day: date) -> list[int]:
    """Membership ids of active members who have not said "not coming" for `day`."""
    declined = Rsvp.objects.filter(
        meeting=meeting, for_date=day, answer=Rsvp.Answer.NOT_COMING
    ).values("membership_id")
    return list(
        meeting.group.memberships.filter(user__is_active=True)
        .exclude(pk__in=declined)
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def queue_for(group: ReadingGroup, week: Week, *, dry_run: bool = False) -> Queued:
    with transaction.atomic():
        meeting, _created = Meeting.objects.get_or_create(group=group, reading=week.reading)
        members = recipients(meeting, week.date)
        if dry_run:
            return Queued(group=group, week=week, created=0, enqueued=len(members))
        reminders = Reminder.objects.filter(meeting=meeting, for_date=week.date)
        before = set(reminders.values_list("pk", flat=True))
        Reminder.objects.bulk_create(
            [Reminder(meeting=meeting, membership_id=pk, for_date=week.date) for pk in members],
            ignore_conflicts=True,
        )
        # New rows, and rows left unsent for longer than any task takes (their task was lost,
        # or its run died before enqueueing): one still waiting for a busy worker is left be.
        stale = timezone.now() - timedelta(seconds=settings.TASK_STALE_AFTER)
        unsent = [
            pk
            for pk, created_at in reminders.filter(sent_at__isnull=True).values_list(
                "pk", "created_at"
            )
            if pk not in before or created_at < stale
        ]
        created = reminders.count() - len(before)
        for pk in unsent:
            transaction.on_commit(
                lambda pk=pk: send_meeting_reminder.enqueue(reminder_id=pk), robust=True
            )
    return Queued(group=group, week=week, created=created, enqueued=len(unsent))


def queue_reminders(*, now: datetime | None = None, dry_run: bool = False) -> list[Queued]:
    """Reminders for every group that meets tomorrow (in its own time zone)."""
    now = now or timezone.now()
    queued = []
    for group in ReadingGroup.objects.filter(adoptions__isnull=False).distinct().order_by("pk"):
        week = tomorrows_week(group, now=now)
        if week is not None:
            queued.append(queue_for(group, week, dry_run=dry_run))
    return queued
