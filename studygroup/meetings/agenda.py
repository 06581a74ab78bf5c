"""Reads: a group's meetings, each with its rota and RSVPs, in a fixed number of queries.

Weeks come from `groups/timeline.py`; the Meeting rows (made on demand) are matched to them
by reading. An RSVP counts only for the date it was given for (see `models.py`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Prefetch

from studygroup.groups.models import Membership, ReadingGroup
from studygroup.groups.timeline import Week
from studygroup.meetings.models import MAX_FACILITATORS, HandoverNote, Meeting, Rsvp


@dataclass
class Item:
    """One week's meeting as pages show it."""

    week: Week
    meeting: Meeting | None = None
    facilitators: list[Membership] = field(default_factory=list)
    answers: dict[str, list[str]] = field(
        default_factory=lambda: {a: [] for a in Rsvp.Answer.values}
    )
    my_answer: str = ""
    my_old_date: date | None = None  # answered for a date the meeting has left
    handovers: list[HandoverNote] = field(default_factory=list)  # from the meeting before

    @property
    def counts(self) -> dict[str, int]:
        return {answer: len(names) for answer, names in self.answers.items()}

    @property
    def facilitator_names(self) -> list[str]:
        return [m.user.name for m in self.facilitators]

    @property
    def facilitator_ids(self) -> list[int]:
        return [m.pk for m in self.facilitators]

    @property
    def has_record(self) -> bool:
        return self.meeting is not None and self.meeting.has_record

    @property
    def reading_id(self) -> int:
        return self.week.reading.pk

    @property
    def slots(self) -> list[int | None]:
        """The rota's places for this meeting: membership ids, None where nobody is."""
        ids: list[int | None] = list(self.facilitator_ids)
        return ids + [None] * (MAX_FACILITATORS - len(ids))


def meetings_for(
    group: ReadingGroup, reading_ids: Iterable[int], *, with_answers: bool = True
) -> dict[int, Meeting]:
    """The weeks' Meeting rows with facilitators and, `with_answers`, RSVPs (with their
    people): 3 queries (2 without answers), or 1 when there are none yet."""
    lookups: list[Prefetch] = [
        Prefetch(
            "facilitators",
            queryset=Membership.objects.select_related("user").order_by("user__display_name"),
        )
    ]
    if with_answers:
        lookups.append(
            Prefetch(
                "rsvps",
                queryset=Rsvp.objects.select_related("membership__user").order_by(
                    "membership__user__display_name", "pk"
                ),
            )
        )
    rows = Meeting.objects.filter(group=group, reading_id__in=list(reading_ids))
    return {m.reading_id: m for m in rows.prefetch_related(*lookups)}


def load_agenda(
    group: ReadingGroup,
    weeks: list[Week],
    *,
    membership: Membership | None = None,
    with_answers: bool = True,
    with_handovers: bool = False,
) -> list[Item]:
    """An Item per week, in the order given; `with_handovers` adds each meeting's handover
    notes from the meeting before it in `weeks` (1 more query)."""
    meetings = meetings_for(group, [w.reading.pk for w in weeks], with_answers=with_answers)
    items: list[Item] = []
    for week in weeks:
        item = Item(week=week, meeting=meetings.get(week.reading.pk))
        if item.meeting is not None:
            item.facilitators = list(item.meeting.facilitators.all())
            for rsvp in item.meeting.rsvps.all() if with_answers else ():
                mine = membership is not None and rsvp.membership_id == membership.pk
                if rsvp.for_date != week.date:
                    if mine:
                        item.my_old_date = rsvp.for_date
                    continue
                item.answers[rsvp.answer].append(rsvp.membership.user.name)
                if mine:
                    item.my_answer = rsvp.answer
        items.append(item)
    if with_handovers and meetings:
        notes: dict[int, list[HandoverNote]] = {}
        for note in HandoverNote.objects.filter(
            meeting__in=[m.pk for m in meetings.values()]
        ).select_related("author"):
            notes.setdefault(note.meeting_id, []).append(note)
        for before, after in zip(items, items[1:], strict=False):
            if before.meeting is not None:
                after.handovers = notes.get(before.meeting.pk, [])
    return items


def facilitator_names(group: ReadingGroup, reading_ids: Iterable[int]) -> dict[int, list[str]]:
    """Who facilitates which week, by reading id (1 query): for the calendar feed."""
    names: dict[int, list[str]] = {}
    rows = (
        Meeting.facilitators.through.objects.filter(
            meeting__group=group, meeting__reading_id__in=list(reading_ids)
        )
        .order_by("membership__user__display_name")
        .values_list(
            "meeting__reading_id", "membership__user__display_name", "membership__user__username"
        )
    )
    for reading_id, name, username in rows:
        names.setdefault(reading_id, []).append(name or username)
    return names
