"""Instant-runoff counting (studygroup/groups/ranked_choice.py): plain Python, no database."""

from __future__ import annotations

from studygroup.groups.ranked_choice import Why, clean, count


def tallies(round_) -> dict:
    return dict(round_.tallies)


def test_no_ballots_no_rounds_no_winner():
    result = count(["A", "B"], [])
    assert result.rounds == ()
    assert result.winner is None
    assert result.ballots == 0


def test_only_empty_ballots_is_no_winner_either():
    result = count(["A", "B"], [[], ["Z"]])
    assert result.winner is None
    assert result.ballots == 2


def test_no_candidates():
    assert count([], [["A"]]).winner is None


def test_a_single_candidate_wins_in_round_one():
    result = count(["A"], [["A"]])
    assert result.winner == "A"
    [only] = result.rounds
    assert only.why is Why.LAST_STANDING
    assert tallies(only) == {"A": 1}


def test_a_majority_in_round_one_ends_the_count():
    result = count(["A", "B", "C"], [["A"], ["A", "B"], ["B"], ["C", "A"], ["A"]])
    [first] = result.rounds
    assert first.why is Why.MAJORITY
    assert first.winner == "A"
    assert first.counting == 5
    assert first.needed == 3
    assert tallies(first) == {"A": 3, "B": 1, "C": 1}
    assert [c for c, _ in first.tallies] == ["A", "B", "C"]  # most votes first


def test_half_is_not_a_majority():
    result = count(["A", "B", "C"], [["A"], ["A"], ["B"], ["C", "B"]])
    first, second, third = result.rounds
    assert (first.counting, first.needed, first.winner) == (4, 3, None)
    assert first.eliminated == ("C",)  # tied with B, but ranked on fewer ballots
    assert tallies(second) == {"A": 2, "B": 2}
    assert second.winner is None
    assert second.eliminated == ("B",)
    assert third.why is Why.LAST_STANDING
    assert result.winner == "A"


def test_transfers_elect_the_broadly_preferred_candidate():
    # A leads on first preferences, but C's voters prefer B, and B wins on transfers.
    ballots = [["A"]] * 4 + [["B", "A"]] * 3 + [["C", "B"]] * 2
    result = count(["A", "B", "C"], ballots)
    first, second = result.rounds
    assert tallies(first) == {"A": 4, "B": 3, "C": 2}
    assert first.why is Why.FEWEST
    assert first.eliminated == ("C",)
    assert tallies(second) == {"A": 4, "B": 5}
    assert second.why is Why.MAJORITY
    assert result.winner == "B"


def test_exhausted_ballots_drop_out_and_the_majority_shrinks():
    ballots = [["A"]] * 3 + [["B"]] * 2 + [["C"]] * 2 + [["D", "B"]]
    result = count(["A", "B", "C", "D"], ballots)
    first, second, third, _last = result.rounds
    assert first.eliminated == ("D",)
    assert first.exhausted == 0
    # D's ballot moves to B; then C's two ballots rank nobody else: exhausted.
    assert tallies(second) == {"A": 3, "B": 3, "C": 2}
    assert second.eliminated == ("C",)
    assert third.exhausted == 2
    assert third.counting == 6
    assert third.needed == 4
    assert tallies(third) == {"A": 3, "B": 3}
    # A and B tie in round 3; in round 2 too; in round 1 B had fewer (2 against 3).
    assert third.why is Why.EARLIER_ROUND
    assert third.eliminated == ("B",)
    assert third.earlier_round == 1
    assert len(result.rounds) == 4
    assert result.winner == "A"
    assert result.rounds[-1].why is Why.LAST_STANDING


def test_a_candidate_with_no_first_preferences_goes_first_even_if_everyone_ranks_it_second():
    ballots = [["A", "C"]] * 2 + [["B", "C"]] * 2 + [["D", "C"]]
    result = count(["A", "B", "C", "D"], ballots)
    first = result.rounds[0]
    assert tallies(first)["C"] == 0
    assert first.why is Why.NO_VOTES
    assert first.eliminated == ("C",)


def test_every_candidate_without_votes_goes_in_one_round():
    ballots = [["A"], ["A"], ["B"], ["B"], ["E", "A"]]
    result = count(["A", "B", "C", "D", "E"], ballots)
    first, second, third = result.rounds
    assert first.why is Why.NO_VOTES
    assert first.eliminated == ("C", "D")
    assert second.eliminated == ("E",)
    assert tallies(third) == {"A": 3, "B": 2}
    assert result.winner == "A"


def test_a_first_round_tie_is_broken_by_how_many_ballots_rank_each():
    # The browser journey's vote: a three-way tie, broken by support anywhere on the ballots.
    ballots = [["A"], ["B", "A"], ["C", "B", "A"]]
    result = count(["A", "B", "C"], ballots)
    first, second = result.rounds
    assert tallies(first) == {"A": 1, "B": 1, "C": 1}
    assert first.why is Why.FEWER_RANKINGS
    assert first.tied == ("A", "B", "C")
    assert dict(first.rankings) == {"A": 3, "B": 2, "C": 1}
    assert first.eliminated == ("C",)
    assert tallies(second) == {"A": 1, "B": 2}
    assert second.why is Why.MAJORITY
    assert result.winner == "B"


def test_a_tie_in_every_way_is_decided_by_the_lot():
    ballots = [["A"], ["B"]]
    result = count(["A", "B"], ballots, lot=["B", "A"])
    first, second = result.rounds
    assert first.why is Why.LOT
    assert first.eliminated == ("A",)  # drawn last in the lot
    assert result.winner == "B"
    assert result.used_lot
    assert count(["A", "B"], ballots, lot=["A", "B"]).winner == "A"


def test_the_lot_defaults_to_the_candidates_order_and_keeps_forgotten_candidates():
    result = count(["A", "B", "C"], [["A"], ["B"]], lot=["C"])
    assert result.lot == ("C", "A", "B")


def test_counting_is_deterministic_whatever_the_ballot_order():
    ballots = [["A", "B"], ["B", "C"], ["C", "A"], ["A"], ["B"], ["C", "B"]]
    first = count(["A", "B", "C"], ballots, lot=["C", "B", "A"])
    assert count(["A", "B", "C"], list(reversed(ballots)), lot=["C", "B", "A"]) == first


def test_clean_keeps_each_known_candidate_once_in_order():
    assert clean(["B", "X", "A", "B"], ["A", "B"]) == ("B", "A")
