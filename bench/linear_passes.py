"""The importer's newer layout passes stay linear (issue #13): three inputs built to make
them work hard, at 1 MB and at 2 MB, imported beside a plain pass over the same bytes.

    .venv/bin/python bench/linear_passes.py

The record fills a page with what the new rules look at: numbered motions with movers
and outcomes after them (recurring closing lines), a signature, a labelled note under
each heading, a heading naming the chapters it covers, column heads over figures and a
bracketed cue. The novel has parts covering spans of chapters, a discussion heading per
chapter and a long run of numbered notes at the back. The blanks are lines padded with
thousands of spaces (a 0.8 MB file of them took minutes before runs were capped). Twice
the bytes should take about twice the time; the plain pass (decoding, splitting at blank
lines) is the baseline.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from studygroup.library.importing.formats import read_document  # noqa: E402

SIZES_MB = (1, 2)


def record(target: int) -> bytes:
    out = ["Annual Report of the Riverside Reading Group", ""]
    g = 0
    while sum(map(len, out)) < target:
        g += 1
        out += [
            f"Section {g} Matters",
            "",
            f"{2 * g - 1}. Motion on the hall, number {g}",
            "",
            "The committee agreed that the hall would be booked again for the spring term.",
            "",
            "Moved by: Ely Branch",
            "",
            "CARRIED",
            "",
            f"{2 * g}. Motion on books, number {g}",
            "",
            "Tune: The Water of Tyne",
            "",
            "A paragraph about which books were bought this year and why the group chose them.",
            "",
            "Ada Vance",
            "Treasurer",
            "",
            "Discussing Chapters 1-7",
            "",
            "  This year     Last year",
            "Hall hire  £633  £821",
            "Books  £120  £98",
            "",
            "(Chorus)",
            "",
            "All sing together now, once more, loudly.",
            "",
        ]
    return "\n".join(out).encode()


def novel(target: int) -> bytes:
    out = ["The Salt Road", "", "by Ida Marsh", ""]
    chapters: list[str] = []
    g = 0
    while sum(map(len, out)) + sum(map(len, chapters)) < target:
        g += 1
        if g % 7 == 1:
            chapters += [f"Part {g}", "The Road North", f"Chapters {g}-{g + 6}", ""]
        chapters += [
            f"Chapter {g}",
            "",
            f"The Crossing {g}",
            "",
            "She walked to the quay before dawn and waited for a boat that did not come.[1]",
            "",
            f"Discussing Chapters {g}-{g + 6}",
            "",
            "Nobody on the quay would tell her where the ferryman had gone, or why.",
            "",
        ]
        out.append(f"{g % 999 + 1}. A note on the crossing, which the author made in {g}.")
        out.append("")
    return "\n".join([*out[:4], *chapters, "Notes", "", *out[4:]]).encode()


def blank_runs(target: int) -> bytes:
    """Lines padded with thousands of spaces, as a careless export leaves them: every
    line-shape pattern meets a long run of blanks (capped by clean.cap_blank_runs)."""
    para = "The group met on Thursday and read the second chapter together, slowly."
    out = ["A Title", ""]
    size, i = 0, 0
    while size < target:
        lines = [f"Line {i}" + " " * 3000 + "end", " " * 3000, para, ""]
        out += lines
        size += sum(len(line) + 1 for line in lines)
        i += 1
    return "\n".join(out).encode()


def plain_pass(data: bytes) -> int:
    return len(data.decode("utf-8").split("\n\n"))


def timed(fn, data: bytes) -> float:
    start = time.perf_counter()
    fn(data)
    return time.perf_counter() - start


def main() -> None:
    print(f"{'input':8} {'MB':>4} {'plain s':>8} {'import s':>9} {'import s/MB':>12}")
    for name, build in (("record", record), ("novel", novel), ("blanks", blank_runs)):
        per_mb = []
        for mb in SIZES_MB:
            data = build(mb * 1_000_000)
            plain = timed(plain_pass, data)
            imported = timed(lambda d: read_document(d, "big.txt", max_bytes=50_000_000), data)
            per_mb.append(imported / mb)
            print(f"{name:8} {mb:4} {plain:8.3f} {imported:9.2f} {imported / mb:12.2f}")
        print(
            f"{name:8} growth of s/MB from 1 to 2 MB: x{per_mb[-1] / per_mb[0]:.2f} (1.0 is linear)"
        )


if __name__ == "__main__":
    main()
