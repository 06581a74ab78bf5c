"""The third families (held out once, tuning now): what is particular to them.

They live apart from TEXT_FAMILIES (their notes are marked with symbols or "^" back-links);
test_family_sets.py runs the generic checks over them with every later set: deterministic,
varied, truth present in the input, their own words, a perfect parse gets full marks and a
flawed one loses, round-trip sources and PDFs that hold their truth. As there, nothing here
measures the importer.
"""

from __future__ import annotations

import re

from tests.library.families import (
    FAMILIES,
    HELD_OUT,
    PDF_FAMILIES,
    THIRD_FAMILIES,
    THIRD_PDF_FAMILIES,
    TUNING,
    generate,
)
from tests.library.families.third_roundtrip import LAYOUTS

SEEDS = range(8)


def test_the_third_families_are_tuning_now():
    # Held out once; the fourth families (test_fourth_families.py) replaced them.
    assert set(THIRD_PDF_FAMILIES) <= set(PDF_FAMILIES)
    assert {*THIRD_FAMILIES, *THIRD_PDF_FAMILIES} <= set(TUNING)
    assert not {*THIRD_FAMILIES, *THIRD_PDF_FAMILIES} & set(HELD_OUT)
    assert set(HELD_OUT) <= set(FAMILIES)
    assert [f"pdf_third_{layout}" for layout in LAYOUTS] == THIRD_PDF_FAMILIES


def test_numbered_lines_that_are_not_headings_stay_out_of_the_truth():
    """Clauses "(a)", "3.1", theses "7." and speaker turns are paragraphs, written as probes."""
    seen = {"clause": 0, "thesis": 0, "turn": 0}
    for seed in SEEDS:
        for family, pattern, kind in (
            ("rulebook", r"(?m)^(?:\([a-h]\)|\d+\.\d+) (.+)$", "clause"),
            ("manifesto", r"(?m)^\d+[.)] {1,2}(.+)$", "thesis"),
            ("transcript", r"(?m)^(?:Q|A|[A-Z ]+): (.+)$", "turn"),
        ):
            case = generate(family, seed)
            printed = {h.printed for h in case.truth.headings}
            for line in re.findall(pattern, case.text):
                assert line not in printed
                seen[kind] += 1
    assert all(seen.values()), seen


def test_notes_in_the_truth_are_the_notes_written():
    for seed in SEEDS:
        wiki = generate("encyclopedia", seed)
        markers = {int(n) for n in re.findall(r"\[(\d+)\]", wiki.text)}
        assert wiki.truth.footnotes == len(markers)
        references = re.findall(r"(?m)^\d+\. (?:\^ )?[A-Z]\w+, ", wiki.text)
        assert wiki.truth.footnotes == len(references)
        book = generate("ebook", seed)
        assert book.truth.footnotes == len(re.findall(r"(?m)^[*†‡§] [A-Z]", book.text))
        essays = generate("anthology", seed)
        blocks = essays.text.split("\nNotes\n")[1:]
        numbers = [re.findall(r"(?m)^(\d+)\. [A-Z]", block.split("\n\n\n")[0]) for block in blocks]
        assert essays.truth.footnotes == sum(len(n) for n in numbers)
        for found in numbers:  # each essay numbers its own notes from 1
            assert found == [str(k) for k in range(1, len(found) + 1)]
