"""The fresh families (held out once, tuning now): what is particular to them.

test_families.py runs the generic generator checks (deterministic, truth present in the
input) over every text family, these included, and test_family_sets.py the checks every
later set passes (varied, their own words, a perfect parse gets full marks and a flawed one
loses, round-trip sources and PDFs that hold their truth). As there, nothing here measures
the importer.
"""

from __future__ import annotations

import re

from studygroup.library.importing.document import ParsedSection
from tests.library.families import FRESH_FAMILIES, FRESH_PDF_FAMILIES, HELD_OUT, generate
from tests.library.families.fresh_roundtrip import LAYOUTS
from tests.library.families.scoring import score

SEEDS = range(8)


def test_levels_follow_the_documented_rule():
    """ "1." level 1; "1.1" and "1.1.1" level 2; "##" under "#" in Markdown is level 2."""
    seen = set()
    for seed in SEEDS:
        for h in generate("word_processor", seed).truth.headings:
            label = h.printed.split()[0].rstrip(".")
            seen.add(label.count(".") + 1)
            assert h.level == (1 if "." not in label else 2), h
        for h in generate("journal", seed).truth.headings:
            assert h.level == (2 if re.match(r"\d+\.\d", h.printed) else 1), h
    assert seen == {1, 2, 3}


def test_notes_in_the_truth_are_the_notes_written():
    for seed in SEEDS:
        md = generate("markdown", seed)
        assert md.truth.footnotes == len(re.findall(r"(?m)^\[\^\d+\]: ", md.text))
        assert md.truth.footnotes == len(set(re.findall(r"\[\^(\d+)\](?!:)", md.text)))
        wp = generate("word_processor", seed)
        notes = re.findall(
            r"(?m)^(?:[⁰¹²³⁴⁵⁶⁷⁸⁹]+|\[\d+\]) (?:Minutes|Interview|The|Compare)", wp.text
        )
        assert wp.truth.footnotes == len(notes)


def test_fresh_families_are_tuning_now():
    # Held out once; the third families replaced them, and the fourth those.
    assert not set(FRESH_PDF_FAMILIES) & set(HELD_OUT)
    assert not set(FRESH_FAMILIES) & set(HELD_OUT)
    assert [f"pdf_fresh_{layout}" for layout in LAYOUTS] == FRESH_PDF_FAMILIES


def test_a_bare_number_matches_only_the_heading_printed_so():
    """A year alone ("1908") heads a part of letters; a promoted page number is not it."""
    from studygroup.library.importing.document import ParsedText
    from tests.library.families import Heading, Truth

    truth = Truth(family="letters", seed=0, title="Letters", headings=[Heading("1908", 1, "1908")])

    def parsed(title: str) -> ParsedText:
        return ParsedText(title="Letters", author=None, sections=[ParsedSection(title=title)])

    assert score(parsed("1908"), truth).matched == 1
    wrong = score(parsed("12"), truth)
    assert (wrong.matched, wrong.matched_any_level, wrong.extra) == (0, 0, ["(1) 12"])
