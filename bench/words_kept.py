"""Words kept by an import, per family, beside the simplest reader's (issue #13).

.venv/bin/python bench/words_kept.py [--seeds 4] [--pdf-seeds 2] [--no-pdf] [--family NAME ...]

Expected words: a family's input words less those of its truth's furniture lines (the words
a reader expects to keep); an ordinary document's every word (families/ordinary.py); a
real text's every word (figure only: it legitimately drops its contents and headers).
A PDF's input is its text as pypdf extracts it. "kept" is the share of expected words
the import holds; "extra" the words it holds beyond them (furniture let through). The
baseline reads the same input split on blank lines and drops nothing. Counting:
tests/library/families/words.py.
"""

from __future__ import annotations

import argparse
import io
import re
import sys
import time
from collections import Counter

import _harness as harness

harness.setup()

from studygroup.library.importing.document import ImportProblem  # noqa: E402
from studygroup.library.importing.formats import read_document  # noqa: E402
from tests.library.families import FAMILIES, PDF_FAMILIES, Case, generate  # noqa: E402
from tests.library.families.ordinary import KINDS  # noqa: E402
from tests.library.families.roundtrip import Renderer  # noqa: E402
from tests.library.families.words import lost, output_text, reader_text, words  # noqa: E402

MAX_BYTES = 20_000_000


def pdf_text(data: bytes) -> str:
    from pypdf import PdfReader

    return "\n\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages)


def source_text(case: Case) -> str:
    return pdf_text(case.pdf) if case.is_pdf else reader_text(case.text, case.filename)


def expected_words(source: str, furniture: list[str]) -> Counter[str]:
    """The source's words less those of lines that are (or carry) furniture."""
    marks = [re.sub(r"\s+", " ", f).strip() for f in furniture if f.strip()]
    kept_lines = [
        line
        for line in source.splitlines()
        if not any(m and m in re.sub(r"\s+", " ", line) for m in marks)
    ]
    return words("\n".join(kept_lines))


def simplest_reader(source: str) -> str:
    return "\n".join(p for p in re.split(r"\n\s*\n", source) if p.strip())


class Tally:
    def __init__(self) -> None:
        self.expected = self.kept = self.extra = 0
        self.base_kept = self.base_extra = 0
        self.texts = 0

    def add(self, source: str, expected: Counter[str], output: str | None) -> None:
        self.texts += 1
        total = sum(expected.values())
        self.expected += total
        for reader, attr in ((output, ""), (simplest_reader(source), "base_")):
            if reader is None:  # refused: nothing kept
                continue
            missing = lost(source, reader, expected)
            extra = words(reader) - expected
            setattr(
                self, f"{attr}kept", getattr(self, f"{attr}kept") + total - sum(missing.values())
            )
            setattr(self, f"{attr}extra", getattr(self, f"{attr}extra") + sum(extra.values()))

    def row(self, name: str) -> str:
        n = max(self.expected, 1)
        return (
            f"{name:26} {self.texts:5} {self.expected:8} {self.kept / n:8.2%} {self.extra / n:7.2%}"
            f"   {self.base_kept / n:8.2%} {self.base_extra / n:7.2%}"
        )


def imported(data: bytes, filename: str) -> str | None:
    try:
        return output_text(read_document(data, filename, max_bytes=MAX_BYTES))
    except ImportProblem:
        return None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=4)
    parser.add_argument("--pdf-seeds", type=int, default=2)
    parser.add_argument("--no-pdf", action="store_true")
    parser.add_argument("--family", nargs="*", default=None)
    args = parser.parse_args()
    families = args.family or FAMILIES
    if args.no_pdf:
        families = [f for f in families if f not in PDF_FAMILIES]
    started = time.perf_counter()
    header = (
        f"{'':26} {'texts':>5} {'expected':>8} {'kept':>8} {'extra':>7}"
        f"   {'base kept':>8} {'extra':>7}"
    )
    print(header)
    groups: dict[str, Tally] = {}
    with Renderer() as renderer:
        print("evaluation families (expected: input less the truth's furniture lines)")
        overall = Tally()
        for family in families:
            tally = Tally()
            seeds = args.pdf_seeds if family in PDF_FAMILIES else args.seeds
            for seed in range(seeds):
                case = generate(family, seed, renderer)
                source = source_text(case)
                expected = expected_words(source, [f.text for f in case.truth.furniture])
                data = case.pdf if case.is_pdf else case.text.encode()
                output = imported(data, case.filename)
                for t in (tally, overall):
                    t.add(source, expected, output)
            print(tally.row(family))
        groups["all evaluation families"] = overall
    print("ordinary documents (expected: every word)")
    ordinary = Tally()
    for kind, make in KINDS.items():
        tally = Tally()
        for seed in range(args.seeds):
            case = make(seed)
            source = reader_text(case.text, case.filename)
            output = imported(case.text.encode(), case.filename)
            for t in (tally, ordinary):
                t.add(source, words(source), output)
        print(tally.row(kind))
    groups["all ordinary documents"] = ordinary
    print("real texts (figure only: contents and headers legitimately go)")
    real = Tally()
    for path in sorted(harness.TEXTS.glob("*.txt")):
        source = path.read_text(encoding="utf-8", errors="replace")
        tally = Tally()
        tally.add(source, words(source), imported(path.read_bytes(), path.name))
        real.add(source, words(source), imported(path.read_bytes(), path.name))
        print(tally.row(path.name[:26]))
    groups["all real texts"] = real
    print()
    print(header)
    for name, tally in groups.items():
        print(tally.row(name))
    print(f"({time.perf_counter() - started:.0f} s)", file=sys.stderr)


if __name__ == "__main__":
    main()
