"""How balanced are the proposed weekly readings on the five real texts?

Prints, for each text in ../shared/texts at a given reading time per week (45 minutes by
default): the number of readings, the longest and shortest week in words, and their ratio.
The corpus test in tests/library/test_splitting.py pins bounds taken from this output.

    .venv/bin/python bench/split_balance.py [--minutes 45] [--weeks N]
"""

from __future__ import annotations

import argparse
import importlib
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TEXTS = ROOT.parent / "shared" / "texts"

# Run as a script from anywhere: the project is not installed into the venv.
sys.path.insert(0, str(ROOT))

from studygroup.library.splitting import (  # noqa: E402
    balance,
    propose_readings,
    sections_from_parsed,
)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=int, default=45, help="reading time per week")
    parser.add_argument("--weeks", type=int, help="a fixed number of weeks instead")
    args = parser.parse_args()

    try:
        pipeline = importlib.import_module("studygroup.library.importing.pipeline")
    except ModuleNotFoundError as exc:
        sys.exit(f"needs the import pipeline (studygroup.library.importing.pipeline): {exc}")
    paths = sorted(TEXTS.glob("*.txt")) if TEXTS.is_dir() else []
    if not paths:
        sys.exit(f"no texts found in {TEXTS}")

    mode = {"weeks": args.weeks} if args.weeks else {"minutes_per_week": args.minutes}
    print(f"{'text':<28} {'words':>7} {'sections':>8} {'weeks':>5} {'max':>7} {'min':>7} ratio")
    for path in paths:
        sections = sections_from_parsed(pipeline.parse_bytes(path.read_bytes(), path.name))
        body = sum(s.words for s in sections if s.kind == "body")
        plan = propose_readings(sections, **mode)
        most, least = balance(plan)
        ratio = most / least if least else float("inf")
        print(
            f"{path.name:<28} {body:>7} {len(sections):>8} {len(plan):>5} "
            f"{most:>7} {least:>7} {ratio:5.2f}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
