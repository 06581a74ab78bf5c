"""The pure schedule module: dates from a start, a weekday and skipped dates."""

from __future__ import annotations

import random
from datetime import date, timedelta

import pytest

from studygroup.groups import schedule
from studygroup.groups.schedule import Run, ScheduleError

TUESDAY = 1
# Tuesday 6 January 2026
JAN6 = date(2026, 1, 6)


def test_first_meeting_is_on_or_after_start():
    assert schedule.first_meeting(JAN6, TUESDAY) == JAN6
    assert schedule.first_meeting(date(2026, 1, 7), TUESDAY) == date(2026, 1, 13)
    assert schedule.first_meeting(date(2026, 1, 5), TUESDAY) == JAN6
    with pytest.raises(ScheduleError):
        schedule.first_meeting(JAN6, 7)


def test_weekly_cadence_from_start():
    assert schedule.schedule(start=date(2026, 1, 1), weekday=TUESDAY, readings=[1, 2, 3]) == [
        (1, JAN6),
        (2, date(2026, 1, 13)),
        (3, date(2026, 1, 20)),
    ]


def test_skipped_dates_push_later_readings_on():
    dated = schedule.schedule(
        start=JAN6, weekday=TUESDAY, readings=[1, 2, 3], skipped={date(2026, 1, 13)}
    )
    assert dated == [(1, JAN6), (2, date(2026, 1, 20)), (3, date(2026, 1, 27))]


def test_skipped_dates_off_the_meeting_day_change_nothing():
    plain = schedule.schedule(start=JAN6, weekday=TUESDAY, readings=[1, 2])
    assert (
        schedule.schedule(start=JAN6, weekday=TUESDAY, readings=[1, 2], skipped={date(2026, 1, 14)})
        == plain
    )


def test_no_readings_no_dates():
    assert schedule.schedule(start=JAN6, weekday=TUESDAY, readings=[]) == []


def test_later_run_follows_the_earlier_one():
    first = Run(start=JAN6, readings=(1, 2, 3))
    # Asks to start in the middle of the first run: it waits for it to end.
    second = Run(start=date(2026, 1, 13), readings=(1, 2))
    dated = schedule.chain([first, second], weekday=TUESDAY)
    assert [d for _, d in dated[1]] == [date(2026, 1, 27), date(2026, 2, 3)]
    schedule.check([first, second], dated)


def test_later_run_keeps_its_own_later_start():
    first = Run(start=JAN6, readings=(1,))
    second = Run(start=date(2026, 3, 1), readings=(1,))
    dated = schedule.chain([first, second], weekday=TUESDAY)
    assert dated[1] == [(1, date(2026, 3, 3))]


def test_shift_from_week_moves_it_and_later_weeks_only():
    run = Run(start=JAN6, readings=(1, 2, 3, 4))
    skipped = schedule.shift_from(run, weekday=TUESDAY, reading=2, weeks=2)
    dated = schedule.schedule(start=JAN6, weekday=TUESDAY, readings=run.readings, skipped=skipped)
    assert dated == [
        (1, JAN6),
        (2, date(2026, 1, 27)),
        (3, date(2026, 2, 3)),
        (4, date(2026, 2, 10)),
    ]
    with pytest.raises(ScheduleError):
        schedule.shift_from(run, weekday=TUESDAY, reading=9)
    with pytest.raises(ScheduleError):
        schedule.shift_from(run, weekday=TUESDAY, reading=1, weeks=0)


def test_shift_skips_over_already_skipped_dates():
    run = Run(start=JAN6, readings=(1, 2), skipped=frozenset({date(2026, 1, 20)}))
    skipped = schedule.shift_from(run, weekday=TUESDAY, reading=2)
    dated = schedule.schedule(start=JAN6, weekday=TUESDAY, readings=run.readings, skipped=skipped)
    assert dated == [(1, JAN6), (2, date(2026, 1, 27))]


def test_next_free_date():
    runs = [Run(start=JAN6, readings=(1, 2))]
    assert schedule.next_free_date(runs, weekday=TUESDAY, today=date(2026, 1, 1)) == date(
        2026, 1, 20
    )
    assert schedule.next_free_date([], weekday=TUESDAY, today=date(2026, 1, 7)) == date(2026, 1, 13)


def test_check_catches_lost_readings_and_shared_dates():
    run = Run(start=JAN6, readings=(1, 2))
    with pytest.raises(ScheduleError, match="lost"):
        schedule.check([run], [[(1, JAN6)]])
    with pytest.raises(ScheduleError, match="two readings"):
        schedule.check([run], [[(1, JAN6), (2, JAN6)]])
    with pytest.raises(ScheduleError, match="skipped"):
        schedule.check([Run(start=JAN6, readings=(1,), skipped=frozenset({JAN6}))], [[(1, JAN6)]])


def test_endless_skips_are_refused():
    skipped = {JAN6 + timedelta(weeks=n) for n in range(schedule.MAX_SKIPPED_IN_A_ROW + 1)}
    with pytest.raises(ScheduleError):
        schedule.schedule(start=JAN6, weekday=TUESDAY, readings=[1], skipped=skipped)


def test_any_sequence_of_changes_stays_consistent():
    """Random skips, unskips and shifts over three runs: never a lost reading, never a clash."""
    rng = random.Random(4)
    runs = [
        Run(start=JAN6, readings=tuple(range(1, 9))),
        Run(start=JAN6, readings=tuple(range(1, 6))),
        Run(start=date(2026, 6, 2), readings=tuple(range(1, 4))),
    ]
    for _ in range(200):
        i = rng.randrange(len(runs))
        run = runs[i]
        dated = schedule.chain(runs, weekday=TUESDAY)
        action = rng.choice(["skip", "unskip", "shift"])
        if action == "skip":
            day = rng.choice(dated[i])[1]
            runs[i] = Run(run.start, run.readings, run.skipped | {day})
        elif action == "unskip" and run.skipped:
            day = rng.choice(sorted(run.skipped))
            runs[i] = Run(run.start, run.readings, run.skipped - {day})
        elif action == "shift":
            reading = rng.choice(run.readings)
            skipped = schedule.shift_from(run, weekday=TUESDAY, reading=reading)
            runs[i] = Run(run.start, run.readings, skipped)
        dated = schedule.chain(runs, weekday=TUESDAY)
        schedule.check(runs, dated)
        assert all(day.weekday() == TUESDAY for weeks in dated for _, day in weeks)
