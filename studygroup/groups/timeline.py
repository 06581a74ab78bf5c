"""Reads: a group's dated weeks, from its adoptions and their own published readings.

A thin layer over the pure `schedule` module: a fixed number of queries whatever the number
of adoptions, readings or members.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime

from django.db.models import Count, F

from studygroup import policy
from studygroup.groups import schedule
from studygroup.groups.models import Adoption, Membership, Progress, ReadingGroup
from studygroup.library.models import Reading, Section


@dataclass
class Week:
    adoption: Adoption
    reading: Reading
    date: date
    starts_at: datetime
    ends_at: datetime
    is_past: bool = False
    is_current: bool = False
    sections: list[Section] = field(default_factory=list)
    done: int = 0
    members: int = 0
    done_by_me: bool = False
    readers: list[str] = field(default_factory=list)  # by name, for facilitators only
    # This week's reading and every later one in the group's order (`find_week` only): a
    # done mark on any of them opens this week's discussion (see `spoilers`).
    from_here_on: frozenset[int] = frozenset()

    @property
    def number(self) -> int:
        return self.reading.number

    @property
    def done_percent(self) -> int:
        return round(100 * self.done / self.members) if self.members else 0


@dataclass
class Timeline:
    group: ReadingGroup
    adoptions: list[Adoption]
    weeks: list[Week]
    runs: list[schedule.Run]

    @property
    def current(self) -> Week | None:
        return next((w for w in self.weeks if w.is_current), None)

    def for_adoption(self, adoption: Adoption) -> list[Week]:
        return [w for w in self.weeks if w.adoption.pk == adoption.pk]


def published_readings(adoption_ids: Iterable[int]) -> dict[int, list[Reading]]:
    """Each adoption's own published weeks, in order, by adoption pk: one query."""
    by_adoption: dict[int, list[Reading]] = {}
    for reading in (
        Reading.objects.published()
        .filter(adoption_id__in=list(adoption_ids))
        .order_by("adoption_id", "number")
    ):
        by_adoption.setdefault(reading.adoption_id, []).append(reading)
    return by_adoption


def reading_sections(reading: Reading, sections: list[Section]) -> list[Section]:
    """The sections a reading covers, from its start up to its (exclusive) end."""
    ids = [s.pk for s in sections]
    try:
        first = ids.index(reading.start_section_id)
    except ValueError:
        return []
    if reading.end_section_id is None or reading.end_section_id not in ids:
        last = len(sections)
    else:
        last = ids.index(reading.end_section_id) + (1 if reading.end_paragraph > 0 else 0)
    return sections[first : max(last, first + 1)]


def dated_week(
    group: ReadingGroup, adoption: Adoption, reading: Reading, day: date, today: date
) -> Week:
    """A reading on its meeting day, with the meeting's hours."""
    return Week(
        adoption=adoption,
        reading=reading,
        date=day,
        starts_at=group.meeting_start(day),
        ends_at=group.meeting_end(day),
        is_past=day < today,
    )


def load_timeline(
    group: ReadingGroup,
    *,
    today: date | None = None,
    membership: Membership | None = None,
    member_count: int | None = None,
    with_sections: bool = True,
    with_progress: bool = True,
    with_names: bool = False,
) -> Timeline:
    """Every dated week of the group, oldest first, with progress counts.

    Queries: adoptions (with texts), readings, sections, progress counts, the viewer's own
    progress (when a membership is given), the member count (unless given) and, `with_names`,
    who read which week (`attach_progress`).
    """
    today = today or group.today()
    adoptions = list(group.adoptions.select_related("text").order_by("position", "pk"))
    readings = published_readings(a.pk for a in adoptions)
    runs = [a.run([r.number for r in readings.get(a.pk, [])]) for a in adoptions]
    dated = schedule.chain(runs, weekday=group.meeting_weekday)

    sections_by_text: dict[int, list[Section]] = {}
    if with_sections:
        for section in Section.objects.filter(text_id__in=[a.text_id for a in adoptions]).only(
            "id", "title", "level", "position", "text_id"
        ):
            sections_by_text.setdefault(section.text_id, []).append(section)

    weeks: list[Week] = []
    for adoption, run_weeks in zip(adoptions, dated, strict=True):
        by_number = {r.number: r for r in readings.get(adoption.pk, [])}
        for number, day in run_weeks:
            reading = by_number[number]
            week = dated_week(group, adoption, reading, day, today)
            week.sections = reading_sections(reading, sections_by_text.get(adoption.text_id, []))
            weeks.append(week)
    current = next((w for w in weeks if w.date >= today), None)
    if current is not None:
        current.is_current = True

    if with_progress and weeks:
        attach_progress(
            group,
            weeks,
            membership=membership,
            member_count=member_count,
            with_names=with_names,
        )
    return Timeline(group=group, adoptions=adoptions, weeks=weeks, runs=runs)


def attach_progress(
    group: ReadingGroup,
    weeks: list[Week],
    *,
    membership: Membership | None = None,
    member_count: int | None = None,
    with_names: bool = False,
) -> None:
    """Counts per week, the viewer's own marks and, `with_names` (ask
    `policy.may_see_progress_names` first), who read each week among those who allow it."""
    reading_ids = [w.reading.pk for w in weeks]
    counts = dict(
        Progress.objects.filter(membership__group=group, reading_id__in=reading_ids)
        .values("reading_id")
        .annotate(n=Count("pk"))
        .values_list("reading_id", "n")
    )
    mine: set[int] = set()
    if membership is not None:
        mine = set(
            Progress.objects.filter(membership=membership, reading_id__in=reading_ids).values_list(
                "reading_id", flat=True
            )
        )
    if member_count is None:
        member_count = group.memberships.count()
    readers: dict[int, list[str]] = {}
    if with_names:
        rows = (
            policy.named_progress(group)
            .filter(reading_id__in=reading_ids)
            .order_by("membership__user__display_name", "membership__user__username")
            .values_list(
                "reading_id", "membership__user__display_name", "membership__user__username"
            )
        )
        for reading_id, name, username in rows:
            readers.setdefault(reading_id, []).append(name or username)
    for week in weeks:
        week.readers = readers.get(week.reading.pk, [])
        week.done = counts.get(week.reading.pk, 0)
        week.members = member_count
        week.done_by_me = week.reading.pk in mine


def find_week(
    group: ReadingGroup, number: int, text_slug: str | None = None, *, today: date | None = None
) -> Week | None:
    """One week of the timeline, dated as `load_timeline` dates it, in one query.

    Fetches the group's published readings with their texts and the adoptions' schedule
    fields (no sections, no progress), chains the runs in Python and returns week `number`
    (of the text `text_slug` when given). When two texts have a week of that number: the
    current or next one, else the latest. None when there is no such week.
    """
    today = today or group.today()
    rows = list(
        Reading.objects.published()
        .of_group(group)
        .annotate(
            adoption_pk=F("adoption_id"),
            adoption_position=F("adoption__position"),
            adoption_start=F("adoption__start_date"),
            adoption_skipped=F("adoption__skipped_dates"),
        )
        .select_related("text")
        .defer("text__source", "text__warnings")
        .order_by("adoption_position", "adoption_pk", "number")
    )
    adoptions: list[Adoption] = []
    readings: dict[int, list[Reading]] = {}
    for reading in rows:
        if not adoptions or adoptions[-1].pk != reading.adoption_pk:
            adoptions.append(
                Adoption(
                    pk=reading.adoption_pk,
                    group=group,
                    text=reading.text,
                    position=reading.adoption_position,
                    start_date=reading.adoption_start,
                    skipped_dates=reading.adoption_skipped or [],
                )
            )
        readings.setdefault(reading.adoption_pk, []).append(reading)
    runs = [a.run([r.number for r in readings[a.pk]]) for a in adoptions]
    dated = schedule.chain(runs, weekday=group.meeting_weekday)
    first_date = next((day for weeks in dated for _, day in weeks if day >= today), None)
    in_order: list[int] = []  # reading ids in the order the group meets them
    for adoption, run_weeks in zip(adoptions, dated, strict=True):
        pks = {r.number: r.pk for r in readings[adoption.pk]}
        in_order.extend(pks[n] for n, _ in run_weeks)
    weeks: list[Week] = []
    for adoption, run_weeks in zip(adoptions, dated, strict=True):
        if text_slug is not None and adoption.text.slug != text_slug:
            continue
        by_number = {r.number: r for r in readings[adoption.pk]}
        for n, day in run_weeks:
            if n != number:
                continue
            reading = by_number[n]
            reading.text = adoption.text
            week = dated_week(group, adoption, reading, day, today)
            week.is_current = day == first_date
            week.from_here_on = frozenset(in_order[in_order.index(reading.pk) :])
            weeks.append(week)
    if not weeks:
        return None
    return next((w for w in weeks if w.is_current or not w.is_past), weeks[-1])
