"""How long taking frames off text panels takes on a large text of boxed notes.

The input is about 5 MB of "+----+" boxes whose rows stop matching at once (a label row,
then a blank line: not a panel), the worst case for a scan that looked past every top
edge. The baseline walks the same lines once, matching each against the row pattern: the
least the scan must do. The time should stay within a small multiple of the baseline.

    .venv/bin/python bench/framed_panels.py [--runs 3] [--mb 5]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # run as a script: the project is not installed into the venv

from studygroup.library.importing import clean  # noqa: E402

PARA = "The men came down to the quay before light, as their fathers had done, and waited.\n"
UNIT = "+------------------+\n| Key point |\n\n" + PARA * 3 + "\n"


def timed(work) -> float:
    started = time.perf_counter()
    work()
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--mb", type=float, default=5.0)
    args = parser.parse_args()
    text = "The Boxes\n\n" + UNIT * int(args.mb * 1_000_000 // len(UNIT))
    lines = text.split("\n")

    def baseline() -> None:
        for line in lines:
            clean._PANEL_ROW.match(line)

    base = statistics.median(timed(baseline) for _ in range(args.runs))
    scan = statistics.median(
        timed(lambda: clean.unframe_text_panels(lines)) for _ in range(args.runs)
    )
    print(f"{len(text) / 1e6:.1f} MB, {len(lines)} lines, {text.count('+---')} top edges")
    print(f"baseline (one pass)   {base:8.3f} s")
    print(f"unframe_text_panels   {scan:8.3f} s   ({scan / base:.1f}x baseline)")


if __name__ == "__main__":
    main()
