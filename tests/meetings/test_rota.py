"""Taking turns (meetings/rota.py): pure, no database."""

from __future__ import annotations

from studygroup.meetings.rota import fill_in_turn


def test_empty_rota_is_filled_in_turn():
    assert fill_in_turn([[], [], [], []], [1, 2, 3]) == [[1], [2], [3], [1]]


def test_filled_places_stay_and_the_turn_continues_after_them():
    assert fill_in_turn([[], [2], [], []], [1, 2, 3]) == [[1], [2], [3], [1]]
    assert fill_in_turn([[3], [], []], [1, 2, 3]) == [[3], [1], [2]]


def test_nobody_gets_two_meetings_in_a_row_when_there_is_a_choice():
    # After 1's turn the next in line would be 2, who facilitates the next meeting anyway.
    assert fill_in_turn([[1], [], [2]], [1, 2]) == [[1], [2], [2]]
    assert fill_in_turn([[], [1]], [1, 2]) == [[2], [1]]


def test_the_turn_starts_after_whoever_facilitated_last():
    assert fill_in_turn([[], []], [1, 2, 3], last=2) == [[3], [1]]


def test_a_pair_is_kept_and_a_lone_volunteer_takes_every_meeting():
    assert fill_in_turn([[1, 2], []], [1, 2, 3]) == [[1, 2], [3]]
    assert fill_in_turn([[], [], []], [5]) == [[5], [5], [5]]


def test_no_volunteers_fills_nothing():
    assert fill_in_turn([[], [4]], []) == [[], [4]]
