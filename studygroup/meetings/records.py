"""Meeting records, as the week's export shows them (discussion/export.py)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Q, QuerySet
from django.utils.translation import gettext

from studygroup.groups.models import ReadingGroup
from studygroup.library import readings
from studygroup.library.models import Question, Reading
from studygroup.meetings.models import Meeting


@dataclass
class Record:
    decisions: str
    recorded_at: datetime
    recorded_by: str | None
    attended: list[str] = field(default_factory=list)
    question_ids: list[int] = field(default_factory=list)


def meeting_records(group: ReadingGroup, reading_ids: Iterable[int] | None = None) -> dict:
    """Written records by reading id, in 3 queries whatever their number."""
    meetings = Meeting.objects.filter(group=group, recorded_at__isnull=False)
    if reading_ids is not None:
        meetings = meetings.filter(reading_id__in=list(reading_ids))
    records: dict[int, Record] = {}
    reading_of: dict[int, int] = {}
    former: dict[int, int] = {}
    for m in meetings.select_related("recorded_by"):
        reading_of[m.pk] = m.reading_id
        former[m.reading_id] = m.former_attendees
        records[m.reading_id] = Record(
            decisions=m.decisions,
            recorded_at=m.recorded_at,
            recorded_by=m.recorded_by.name if m.recorded_by else None,
        )
    came = (
        Meeting.attended.through.objects.filter(meeting__in=meetings.values("pk"))
        .order_by("membership__user__display_name", "membership__user__username")
        .values_list("meeting_id", "membership__user__display_name", "membership__user__username")
    )
    for meeting_id, name, username in came:
        if meeting_id in reading_of:
            records[reading_of[meeting_id]].attended.append(name or username)
    for reading_id, count in former.items():  # who deleted their account since
        records[reading_id].attended += [gettext("a former member")] * count
    asked = (
        Meeting.questions.through.objects.filter(meeting__in=meetings.values("pk"))
        .order_by("question__position", "question_id")
        .values_list("meeting_id", "question_id")
    )
    for meeting_id, question_id in asked:
        if meeting_id in reading_of:
            records[reading_of[meeting_id]].question_ids.append(question_id)
    return records


def week_questions(group: ReadingGroup, reading: Reading) -> QuerySet[Question]:
    """The questions a group discusses in a week: the curated ones that land in its week (see
    `readings.week_questions`) and its own approved ones."""
    return Question.objects.filter(
        readings.week_questions(reading),
        Q(group__isnull=True) | Q(group=group),
        status=Question.Status.APPROVED,
    ).order_by("position", "pk")
