"""Dated weeks for a reading group: pure date arithmetic, no Django.

A group meets weekly on one weekday. A *run* is one adopted text: its reading numbers, in
order, from a start date, minus the dates the group skips (holidays). Runs follow one another:
a later run never starts before the week after the earlier run's last meeting, so two runs
can never share a date.

Every change a facilitator makes is expressed as a new start date or a new set of skipped
dates, and the weeks are recomputed from them. So "no two readings on one date" and "no
reading lost" hold by construction; `check` verifies it anyway.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

WEEK = timedelta(weeks=1)
# Guard against a pathological set of skipped dates (every week for decades).
MAX_SKIPPED_IN_A_ROW = 520


class ScheduleError(ValueError):
    """The requested change would break the schedule."""


class PastTheCalendar(ScheduleError):
    """A date would fall past the year 9999, where Python's dates end."""


def first_meeting(start: date, weekday: int) -> date:
    """The first meeting day (0 = Monday … 6 = Sunday) on or after `start`."""
    if not 0 <= weekday <= 6:
        raise ScheduleError(f"weekday must be 0 (Monday) to 6 (Sunday), not {weekday}")
    return _later(start, timedelta(days=(weekday - start.weekday()) % 7))


def _later(day: date, delta: timedelta) -> date:
    """`day + delta`, or a ScheduleError where Python's calendar ends (the year 9999)."""
    try:
        return day + delta
    except OverflowError as error:
        raise PastTheCalendar("the schedule runs past the year 9999") from error


def meeting_dates(
    *, start: date, weekday: int, count: int, skipped: Iterable[date] = ()
) -> list[date]:
    """`count` weekly meeting dates from `start`, leaving out the skipped ones."""
    skip = set(skipped)
    day = first_meeting(start, weekday)
    dates: list[date] = []
    in_a_row = 0
    while len(dates) < count:
        if day in skip:
            in_a_row += 1
            if in_a_row > MAX_SKIPPED_IN_A_ROW:
                raise ScheduleError("too many skipped weeks in a row")
        else:
            dates.append(day)
            in_a_row = 0
        if len(dates) < count:
            day = _later(day, WEEK)
    return dates


def schedule(
    *, start: date, weekday: int, readings: Sequence[int], skipped: Iterable[date] = ()
) -> list[tuple[int, date]]:
    """(reading number, meeting date) for each reading, in order."""
    dates = meeting_dates(start=start, weekday=weekday, count=len(readings), skipped=skipped)
    return list(zip(readings, dates, strict=True))


@dataclass(frozen=True)
class Run:
    """One adopted text: its reading numbers from a start date, minus skipped dates."""

    start: date
    readings: tuple[int, ...]
    skipped: frozenset[date] = field(default_factory=frozenset)


def chain(runs: Sequence[Run], *, weekday: int) -> list[list[tuple[int, date]]]:
    """Date every run; each later run starts no earlier than a week after the one before."""
    dated: list[list[tuple[int, date]]] = []
    earliest: date | None = None
    for run in runs:
        start = run.start if earliest is None else max(run.start, earliest)
        weeks = schedule(start=start, weekday=weekday, readings=run.readings, skipped=run.skipped)
        dated.append(weeks)
        if weeks:
            earliest = _later(weeks[-1][1], WEEK)
    return dated


def next_free_date(runs: Sequence[Run], *, weekday: int, today: date) -> date:
    """Where a new run would start: the first meeting on or after today, after every run."""
    dated = chain(runs, weekday=weekday)
    last = max((weeks[-1][1] for weeks in dated if weeks), default=None)
    start = today if last is None else max(today, _later(last, WEEK))
    return first_meeting(start, weekday)


def shift_from(run: Run, *, weekday: int, reading: int, weeks: int = 1) -> frozenset[date]:
    """The skipped dates that move `reading` and every later one `weeks` meetings later.

    Shifting by one means skipping the date that reading was on; the rest follow.
    """
    if weeks < 1:
        raise ScheduleError("shift by at least one week")
    if reading not in run.readings:
        raise ScheduleError(f"week {reading} is not in this schedule")
    skipped = set(run.skipped)
    for _ in range(weeks):
        dated = dict(
            schedule(start=run.start, weekday=weekday, readings=run.readings, skipped=skipped)
        )
        skipped.add(dated[reading])
    return frozenset(skipped)


def check(runs: Sequence[Run], dated: Sequence[Sequence[tuple[int, date]]]) -> None:
    """Raise ScheduleError unless every reading has exactly one date and no date has two."""
    seen: set[date] = set()
    for run, weeks in zip(runs, dated, strict=True):
        if [number for number, _ in weeks] != list(run.readings):
            raise ScheduleError("a reading was lost or repeated")
        for _, day in weeks:
            if day in seen:
                raise ScheduleError(f"two readings on {day.isoformat()}")
            if day in run.skipped:
                raise ScheduleError(f"a reading falls on the skipped date {day.isoformat()}")
            seen.add(day)
