"""Instant-runoff (ranked-choice) counting: plain Python, no Django.

Each round counts every ballot for its highest-ranked candidate still in the count. A
candidate with more than half of those ballots wins; when only one candidate is left, it
wins. Otherwise the candidate with the fewest votes is eliminated and its ballots move to
their next choice. A ballot whose ranked candidates are all eliminated is *exhausted*: it
counts in no later round, and the majority is measured on the ballots still counting.

Who is eliminated is decided in this order, and every round says which rule decided it:

1. Candidates with no votes at all go together (no ballot moves, so the order is moot).
2. Otherwise the one with the fewest votes.
3. A tie for fewest: the tied candidate with fewer votes in the latest earlier round where
   they differ (round 1 is the first preferences).
4. Still tied: the one ranked (at any place) on fewer ballots, i.e. with less support overall.
5. Still tied: the lot, an order drawn at random when the vote opened and shown with the
   result; the tied candidate drawn last is eliminated.

Everything is deterministic given the ballots and the lot, so anyone can recount by hand.
"""

from __future__ import annotations

import enum
from collections.abc import Hashable, Sequence
from dataclasses import dataclass, field

Candidate = Hashable


class Why(enum.Enum):
    """Why a round ended as it did."""

    MAJORITY = "majority"  # the winner has more than half the counting ballots
    LAST_STANDING = "last_standing"  # every other candidate was eliminated
    NO_VOTES = "no_votes"  # candidates without a single vote, eliminated together
    FEWEST = "fewest"  # the fewest votes, alone
    EARLIER_ROUND = "earlier_round"  # tied for fewest; fewer votes in an earlier round
    FEWER_RANKINGS = "fewer_rankings"  # tied in every round; ranked on fewer ballots
    LOT = "lot"  # tied in every way; the lot decided


@dataclass(frozen=True)
class Round:
    number: int
    tallies: tuple[tuple[Candidate, int], ...]  # continuing candidates, most votes first
    counting: int  # ballots that count in this round
    exhausted: int  # ballots with no continuing candidate left, by the end of earlier rounds
    needed: int  # votes that make a majority of the counting ballots
    why: Why
    eliminated: tuple[Candidate, ...] = ()
    tied: tuple[Candidate, ...] = ()  # those tied for fewest, when a tie-break was needed
    earlier_round: int | None = None  # the round that broke the tie (Why.EARLIER_ROUND)
    rankings: tuple[tuple[Candidate, int], ...] = ()  # ballots ranking each tied candidate
    winner: Candidate | None = None


@dataclass(frozen=True)
class Result:
    ballots: int
    rounds: tuple[Round, ...] = field(default_factory=tuple)
    lot: tuple[Candidate, ...] = ()

    @property
    def winner(self) -> Candidate | None:
        return self.rounds[-1].winner if self.rounds else None

    @property
    def used_lot(self) -> bool:
        return any(r.why is Why.LOT for r in self.rounds)


def clean(ballot: Sequence[Candidate], candidates: Sequence[Candidate]) -> tuple[Candidate, ...]:
    """A ballot's preferences among `candidates`, each once, in order; the rest dropped."""
    allowed = set(candidates)
    seen: set[Candidate] = set()
    kept = []
    for choice in ballot:
        if choice in allowed and choice not in seen:
            seen.add(choice)
            kept.append(choice)
    return tuple(kept)


def count(
    candidates: Sequence[Candidate],
    ballots: Sequence[Sequence[Candidate]],
    *,
    lot: Sequence[Candidate] | None = None,
) -> Result:
    """Count `ballots` (each a sequence of candidates, most preferred first).

    `lot` orders the candidates for the last tie-break (earlier in the lot survives); by
    default the order of `candidates`. Empty ballots count as exhausted from the start.
    """
    candidates = list(dict.fromkeys(candidates))
    lot_order = clean(lot if lot is not None else candidates, candidates)
    lot_order += tuple(c for c in candidates if c not in lot_order)
    cleaned = [clean(b, candidates) for b in ballots]
    result_ballots = len(cleaned)
    if not candidates or not any(cleaned):
        return Result(ballots=result_ballots, lot=lot_order)

    rankings = dict.fromkeys(candidates, 0)
    for ballot in cleaned:
        for choice in ballot:
            rankings[choice] += 1

    continuing = list(candidates)
    history: list[dict[Candidate, int]] = []
    rounds: list[Round] = []
    while True:
        tally = dict.fromkeys(continuing, 0)
        exhausted = 0
        for ballot in cleaned:
            top = next((c for c in ballot if c in tally), None)
            if top is None:
                exhausted += 1
            else:
                tally[top] += 1
        history.append(tally)
        counting = result_ballots - exhausted
        needed = counting // 2 + 1
        ordered = tuple(
            sorted(tally.items(), key=lambda item: (-item[1], lot_order.index(item[0])))
        )
        base = {
            "number": len(rounds) + 1,
            "tallies": ordered,
            "counting": counting,
            "exhausted": exhausted,
            "needed": needed,
        }
        leader, most = ordered[0]
        if len(continuing) == 1:
            rounds.append(Round(**base, why=Why.LAST_STANDING, winner=leader))
            break
        if most >= needed:
            rounds.append(Round(**base, why=Why.MAJORITY, winner=leader))
            break
        round_ = _eliminate(base, tally, history, rankings, lot_order)
        rounds.append(round_)
        continuing = [c for c in continuing if c not in round_.eliminated]
    return Result(ballots=result_ballots, rounds=tuple(rounds), lot=lot_order)


def _eliminate(
    base: dict,
    tally: dict[Candidate, int],
    history: list[dict[Candidate, int]],
    rankings: dict[Candidate, int],
    lot_order: tuple[Candidate, ...],
) -> Round:
    """The round's eliminated candidate(s), and the rule that chose them."""
    in_order = sorted(tally, key=lot_order.index)
    without = tuple(c for c in in_order if tally[c] == 0)
    if without:
        return Round(**base, why=Why.NO_VOTES, eliminated=without)
    fewest = min(tally.values())
    tied = [c for c in in_order if tally[c] == fewest]
    if len(tied) == 1:
        return Round(**base, why=Why.FEWEST, eliminated=(tied[0],))
    tied_at = tuple(tied)
    # Back through the earlier rounds, latest first: the first that tells them apart decides.
    for back in range(len(history) - 2, -1, -1):
        earlier = history[back]
        low = min(earlier[c] for c in tied)
        lowest = [c for c in tied if earlier[c] == low]
        if len(lowest) < len(tied):
            tied = lowest
            if len(tied) == 1:
                return Round(
                    **base,
                    why=Why.EARLIER_ROUND,
                    eliminated=(tied[0],),
                    tied=tied_at,
                    earlier_round=back + 1,
                )
    counts = tuple((c, rankings[c]) for c in tied)
    least = min(rankings[c] for c in tied)
    rarest = [c for c in tied if rankings[c] == least]
    if len(rarest) == 1:
        return Round(
            **base,
            why=Why.FEWER_RANKINGS,
            eliminated=(rarest[0],),
            tied=tied_at,
            rankings=counts,
        )
    return Round(
        **base,
        why=Why.LOT,
        eliminated=(max(rarest, key=lot_order.index),),
        tied=tied_at,
        rankings=counts,
    )
