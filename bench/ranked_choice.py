"""Instant-runoff count speed (studygroup/groups/ranked_choice.py), pure Python, no database.

    .venv/bin/python bench/ranked_choice.py [--runs 20]

Random ballots (each ranks a random 1..all of the candidates, in random order, seeded) for
12 candidates, the most a vote takes: median and p90 time of one full count, beside a
baseline measured in the same run (one pass that only reads every ballot's first choice),
so the figures compare across machines. The results page counts on every view: a vote of a
reading group (tens of ballots) must cost well under a millisecond.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from studygroup.groups.ranked_choice import count  # noqa: E402

CANDIDATES = list(range(12))


def ballots(n: int, rng: random.Random) -> list[list[int]]:
    return [rng.sample(CANDIDATES, rng.randint(1, len(CANDIDATES))) for _ in range(n)]


def timed(fn, runs: int) -> tuple[float, float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return statistics.median(times), times[int(len(times) * 0.9) - 1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    rng = random.Random(15)
    print(f"{'ballots':>8} {'rounds':>6} {'count ms (median / p90)':>24} {'baseline ms':>12}")
    for n in (3, 30, 300, 3000):
        box = ballots(n, rng)
        rounds = len(count(CANDIDATES, box).rounds)
        median, p90 = timed(lambda box=box: count(CANDIDATES, box), args.runs)
        base, _ = timed(lambda box=box: [b[0] for b in box], args.runs)
        print(f"{n:>8} {rounds:>6} {median:>12.3f} / {p90:<9.3f} {base:>12.4f}")


if __name__ == "__main__":
    main()
