"""The day-before reminder: who gets it, once, in the app and by email as each one chose."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from studygroup.discussion.models import Notification
from studygroup.groups import services as group_services
from studygroup.groups.models import ReadingGroup
from studygroup.groups.timeline import load_timeline
from studygroup.meetings import services
from studygroup.meetings.models import Reminder
from studygroup.meetings.reminders import queue_reminders
from studygroup.meetings.tasks import send_meeting_reminder
from tests.factories import add_member, adopt, make_group, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def remind(django_capture_on_commit_callbacks):
    """Run `send_meeting_reminders` as cron would: its tasks are enqueued after its commit."""

    def run(*args: str) -> None:
        with django_capture_on_commit_callbacks(execute=True):
            call_command("send_meeting_reminders", *args)

    return run


def meeting_tomorrow(timezone_name: str = "UTC", *, now: datetime | None = None):
    """A group whose first meeting is tomorrow in its own time zone; with three members."""
    probe = ReadingGroup(timezone=timezone_name)
    today = (now or datetime.now(UTC)).astimezone(probe.tz).date()
    tomorrow = today + timedelta(days=1)
    group = make_group(
        facilitator=make_user(display_name="Frances F", email_notifications="never"),
        name="Reminder Circle",
        timezone_name=timezone_name,
        meeting_weekday=tomorrow.weekday(),
        location="The library, room 2",
    )
    adoption = adopt(group, start_date=tomorrow, weeks=3)
    members = {
        kind: add_member(group, make_user(display_name=kind.title(), email_notifications=kind))
        for kind in ("immediate", "daily", "never")
    }
    week = load_timeline(group, today=today, with_sections=False, with_progress=False).weeks[0]
    assert week.date == tomorrow
    return group, adoption, week, members


def test_the_command_reminds_everyone_but_those_not_coming_by_their_own_channel(client, remind):
    group, _adoption, week, members = meeting_tomorrow()
    services.answer(membership=members["immediate"], week=week, answer="coming")
    services.answer(membership=members["daily"], week=week, answer="maybe")
    not_coming = add_member(group, make_user(display_name="Absent A"))
    services.answer(membership=not_coming, week=week, answer="not_coming")
    remind()

    reminded = set(Notification.objects.filter(kind="meeting").values_list("recipient", flat=True))
    fac = group.memberships.get(role="facilitator").user_id
    assert reminded == {fac, *(m.user_id for m in members.values())}
    # Email only for "right away"; the daily reader's waits for the digest.
    assert [m.to for m in mail.outbox] == [[members["immediate"].user.email]]
    message = mail.outbox[0]
    assert "Reminder Circle meets tomorrow" in message.subject
    assert "The library, room 2" in message.body and "Week 1:" in message.body
    assert reverse("meetings:detail", args=[group.slug, week.reading.pk]) in message.body
    assert "List-Unsubscribe" in message.extra_headers
    daily = Notification.objects.get(recipient=members["daily"].user)
    assert daily.emailed_at is None
    never = Notification.objects.get(recipient=members["never"].user)
    assert never.emailed_at is None

    call_command("send_digests")
    digest = [m for m in mail.outbox if m.to == [members["daily"].user.email]]
    assert len(digest) == 1 and "Reminder Circle meets tomorrow." in digest[0].body

    # In the app: the member's notifications page shows it.
    client.force_login(members["never"].user)
    page = client.get(reverse("notifications:list")).content.decode()
    assert "Reminder: your group meets tomorrow" in page and "The library, room 2" in page


def test_re_runs_and_retried_tasks_remind_nobody_twice(remind):
    group, _adoption, _week, _members = meeting_tomorrow()
    remind()
    remind()
    assert Notification.objects.filter(kind="meeting").count() == 4
    assert Reminder.objects.filter(sent_at__isnull=False).count() == 4
    assert len(mail.outbox) == 1
    for reminder in Reminder.objects.all():
        assert send_meeting_reminder.call(reminder_id=reminder.pk) is False
    assert Notification.objects.filter(kind="meeting").count() == 4


def test_a_run_that_died_before_its_tasks_ran_is_made_good_by_the_next(remind):
    group, _adoption, week, members = meeting_tomorrow()
    # What a crash after the commit, before any task ran, leaves behind: unsent rows.
    meeting = services.meeting_for(group=group, week=week)
    lost = Reminder.objects.create(
        meeting=meeting, membership=members["immediate"], for_date=week.date
    )
    # Unsent for a moment only: its task may still be waiting for a busy worker.
    remind()
    assert Reminder.objects.get(pk=lost.pk).sent_at is None
    assert Reminder.objects.filter(sent_at__isnull=False).count() == 3
    # Unsent for longer than any task takes: the next run enqueues it again.
    Reminder.objects.filter(pk=lost.pk).update(created_at=timezone.now() - timedelta(hours=1))
    remind()
    assert Reminder.objects.count() == 4 and not Reminder.objects.filter(sent_at=None).exists()
    assert Notification.objects.filter(recipient=members["immediate"].user).count() == 1
    assert len(mail.outbox) == 1


def test_a_failed_email_rolls_back_the_claim_so_a_later_run_sends_it(settings, remind):
    group, _adoption, week, members = meeting_tomorrow()
    settings.EMAIL_BACKEND = "tests.meetings.test_reminders.BrokenBackend"
    remind()  # the failure is logged; the other members' reminders still go
    unsent = Reminder.objects.get(membership=members["immediate"])
    assert unsent.sent_at is None
    assert not Notification.objects.filter(recipient=members["immediate"].user).exists()
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    Reminder.objects.filter(pk=unsent.pk).update(created_at=timezone.now() - timedelta(hours=1))
    remind()  # the next hourly run
    assert Reminder.objects.get(pk=unsent.pk).sent_at is not None
    assert [m.to for m in mail.outbox] == [[members["immediate"].user.email]]


class BrokenBackend:
    def __init__(self, *args, **kwargs) -> None:
        pass

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        pass

    def open(self) -> None:
        pass

    def close(self) -> None:
        pass

    def send_messages(self, messages) -> int:
        raise ConnectionError("the mail server is down")


def test_tomorrow_is_the_groups_own_tomorrow():
    # 20:00 UTC on a day is already the next morning in Auckland (UTC+12/13).
    now = datetime(2031, 3, 3, 20, 0, tzinfo=UTC)
    group, _adoption, week, _members = meeting_tomorrow("Pacific/Auckland", now=now)
    assert week.date == datetime(2031, 3, 5).date()
    assert queue_reminders(now=now)[0].group == group
    # From UTC's point of view tomorrow is the 4th: nothing for a group meeting on UTC's 5th.
    utc_group, *_ = meeting_tomorrow("UTC", now=now + timedelta(days=1))
    assert [q.group for q in queue_reminders(now=now)] == [group]
    assert utc_group not in [q.group for q in queue_reminders(now=now)]


def test_a_meeting_moved_after_its_reminders_were_queued_is_not_announced(settings):
    group, adoption, week, members = meeting_tomorrow()
    meeting = services.meeting_for(group=group, week=week)
    reminder = Reminder.objects.create(
        meeting=meeting, membership=members["never"], for_date=week.date
    )
    group_services.skip_date(adoption=adoption, on=week.date)
    assert send_meeting_reminder.call(reminder_id=reminder.pk) is False
    assert not Notification.objects.exists()


def test_dry_run_records_nothing(capsys, remind):
    meeting_tomorrow()
    remind("--dry-run")
    assert "would remind 4" in capsys.readouterr().out
    assert not Reminder.objects.exists() and not Notification.objects.exists()
