"""The meetings' part of "Download my data" (studygroup/accounts/data_export.py)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from studygroup.accounts.data_export import Part, register, rows
from studygroup.meetings.models import HandoverNote, Meeting, Reminder, Rsvp


def _meetings(user) -> dict:
    return {
        "rsvps": rows(
            Rsvp.objects.filter(membership__user=user).order_by("for_date"),
            "meeting__group__name",
            "meeting__reading__title",
            "answer",
            "for_date",
            "updated_at",
        ),
        "reminders_sent": rows(
            Reminder.objects.filter(membership__user=user).order_by("for_date"),
            "meeting__group__name",
            "for_date",
            "sent_at",
        ),
        "attended": rows(
            Meeting.objects.filter(attended__user=user).order_by("created_at"),
            "group__name",
            "reading__title",
        ),
        "facilitated": rows(
            Meeting.objects.filter(facilitators__user=user).order_by("created_at"),
            "group__name",
            "reading__title",
        ),
        "records_you_wrote": rows(
            Meeting.objects.filter(recorded_by=user).order_by("created_at"),
            "group__name",
            "reading__title",
            "decisions",
            "recorded_at",
        ),
        "handover_notes": rows(
            HandoverNote.objects.filter(author=user).order_by("updated_at"),
            "meeting__group__name",
            "meeting__reading__title",
            "body",
            "updated_at",
        ),
    }


def register_parts() -> None:
    register(
        Part(
            name="meetings",
            about=lambda: _(
                "Your answers to meetings (RSVPs), reminders sent to you, the meetings you "
                "attended or facilitated, records you wrote and your handover notes."
            ),
            covers=(
                "meetings.Rsvp.membership",
                "meetings.Reminder.membership",
                "meetings.Meeting.attended",
                "meetings.Meeting.facilitators",
                "meetings.Meeting.recorded_by",
                "meetings.HandoverNote.author",
            ),
            build=_meetings,
        )
    )
