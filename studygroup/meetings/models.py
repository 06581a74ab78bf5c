"""Meetings: each dated week of a group is a meeting.

A Meeting row is made on demand (the first RSVP, rota entry, record or handover note) and is
keyed by (group, reading): the week, not the date. The date comes from the schedule
(`groups/timeline.py`), so a week that moves keeps its rota, record and handover notes.
An RSVP answers for one date (`for_date`): when the meeting moves, the answer no longer
counts (it is shown to its author as given for the old date) until they answer again.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

MAX_FACILITATORS = 2  # a facilitator, or a pair


class Meeting(models.Model):
    group = models.ForeignKey(
        "groups.ReadingGroup", on_delete=models.CASCADE, related_name="meetings"
    )
    reading = models.ForeignKey("library.Reading", on_delete=models.CASCADE, related_name="+")
    # The rota: who facilitates this meeting (MAX_FACILITATORS at most, see services).
    facilitators = models.ManyToManyField(
        "groups.Membership", blank=True, related_name="facilitating"
    )
    # The record, written after the meeting.
    attended = models.ManyToManyField("groups.Membership", blank=True, related_name="attended")
    # Members who attended and have since deleted their account: the record still counts them,
    # as "a former member", with no link to who they were (accounts/deletion.py).
    former_attendees = models.PositiveSmallIntegerField(default=0, editable=False)
    decisions = models.TextField(_("what was decided"), blank=True, max_length=5000)
    decisions_html = models.TextField(blank=True, editable=False)
    questions = models.ManyToManyField("library.Question", blank=True, related_name="+")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["group", "reading"], name="one_meeting_per_week"),
        ]

    def __str__(self) -> str:
        return f"{self.group} meets on week {self.reading_id}"

    @property
    def has_record(self) -> bool:
        return self.recorded_at is not None


class Rsvp(models.Model):
    class Answer(models.TextChoices):
        COMING = "coming", _("Coming")
        MAYBE = "maybe", _("Maybe")
        NOT_COMING = "not_coming", _("Not coming")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="rsvps")
    membership = models.ForeignKey(
        "groups.Membership", on_delete=models.CASCADE, related_name="rsvps"
    )
    answer = models.CharField(max_length=12, choices=Answer.choices)
    for_date = models.DateField(help_text=_("The meeting's date when the member answered."))
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "RSVP"
        constraints = [
            models.UniqueConstraint(fields=["meeting", "membership"], name="one_rsvp_per_member"),
            models.CheckConstraint(
                condition=Q(answer__in=["coming", "maybe", "not_coming"]), name="rsvp_answer"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.membership_id}: {self.answer} on {self.for_date}"


class HandoverNote(models.Model):
    """A meeting's facilitator writes to whoever facilitates the next one; members read it."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="handovers")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    body = models.TextField(max_length=5000)
    html = models.TextField(editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["updated_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "author"], name="one_handover_per_author"),
        ]

    def __str__(self) -> str:
        return f"Handover from {self.author_id} on meeting {self.meeting_id}"


class Reminder(models.Model):
    """One reminder, to one member, for one meeting date: made once, sent once.

    `send_meeting_reminders` creates the rows (a unique key, so re-runs add nothing) and
    enqueues a task per row still unsent; the task claims `sent_at` before it writes the
    notification and the email, so a retried or duplicated task sends nothing twice.
    """

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="reminders")
    membership = models.ForeignKey("groups.Membership", on_delete=models.CASCADE, related_name="+")
    for_date = models.DateField()
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "membership", "for_date"], name="one_reminder_per_date"
            ),
        ]

    def __str__(self) -> str:
        return f"Reminder for {self.membership_id} on {self.for_date}"
