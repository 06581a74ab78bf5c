"""How long the weekly split takes on large texts, beside a baseline over the same input.

The inputs are the test suite's large books (tests/library/test_splitting.py: 500 chapters,
or one headless unit of 5,000 paragraphs), split into 6 and 30 weeks and by 45 minutes a
week. The baseline walks the same paragraphs once, summing their words: the least any split
must do. The target is under 10 s for all six plans together.

    .venv/bin/python bench/split_speed.py [--runs 5]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # run as a script: the project is not installed into the venv

from studygroup.library.splitting import propose_readings  # noqa: E402
from tests.library.test_splitting import large_books  # noqa: E402

MODES = ({"weeks": 6}, {"weeks": 30}, {"minutes_per_week": 45})


def timed(work) -> float:
    started = time.perf_counter()
    work()
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    books = large_books()
    names = ("500 chapters", "5,000 paragraphs, no headings")
    print(f"{'input':32} {'plan':22} {'median ms':>10} {'baseline ms':>12}")
    total = 0.0
    for name, book in zip(names, books, strict=True):
        baseline = statistics.median(
            timed(lambda book=book: sum(sum(s.paragraph_words) for s in book)) for _ in range(runs)
        )
        for kwargs in MODES:
            plan = ", ".join(f"{k}={v}" for k, v in kwargs.items())
            median = statistics.median(
                timed(lambda book=book, kwargs=kwargs: propose_readings(book, **kwargs))
                for _ in range(runs)
            )
            total += median
            print(f"{name:32} {plan:22} {median * 1000:10.1f} {baseline * 1000:12.2f}")
    verdict = "ok" if total < 10 else "MISSED"
    print(f"all six plans (medians of {runs}): {total:.2f} s  target < 10 s: {verdict}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
