"""The sixth families (held out until round eight, tuning since): what is particular to them.

test_family_sets.py runs the generic checks over them with the earlier sets: deterministic,
varied, truth present in the input, words shared with no earlier set, a perfect parse gets
full marks and a flawed one loses, round-trip sources and PDFs that hold their truth. Here:
the split, and that each family's own trap is really in its input and really out of its
truth. Nothing here measures the importer.
"""

from __future__ import annotations

import re

import pytest

from tests.library.families import (
    FAMILIES,
    HELD_OUT,
    HELD_OUT_SETS,
    PDF_FAMILIES,
    SETS,
    SIXTH_FAMILIES,
    SIXTH_PDF_FAMILIES,
    TUNING,
    generate,
)
from tests.library.families.sixth_roundtrip import LAYOUTS, build
from tests.library.test_family_sets import _shape

SEEDS = range(8)


def test_the_sixth_families_are_tuning_now():
    # Held out until the seventh set was written and scored; tuned on from round eight.
    assert [*SIXTH_FAMILIES, *SIXTH_PDF_FAMILIES] == SETS["sixth"]
    assert "sixth" not in HELD_OUT_SETS
    assert len(SIXTH_FAMILIES) == 7
    assert [f"pdf_sixth_{layout}" for layout in LAYOUTS] == SIXTH_PDF_FAMILIES
    assert set(SIXTH_PDF_FAMILIES) <= set(PDF_FAMILIES)
    assert set(SETS["sixth"]) <= set(TUNING) & set(FAMILIES)
    assert not set(SETS["sixth"]) & set(HELD_OUT)


@pytest.mark.parametrize("family", list(SIXTH_FAMILIES))
def test_seeds_vary_the_layout_not_only_the_words(family):
    """Across seeds a family prints its headings of a level in more than one way, or lays
    its page out otherwise (width, furniture, notes)."""
    cases = [generate(family, seed) for seed in range(12)]
    shapes = {
        frozenset((_shape(h.printed, h.title), h.level) for h in c.truth.headings) for c in cases
    }
    widths = {max(len(line) for line in c.text.splitlines()) > 100 for c in cases}
    furniture = {len(c.truth.furniture) > 0 for c in cases}
    notes = {c.truth.footnotes > 0 for c in cases}
    assert len(shapes) > 1 or len(widths) > 1 or len(furniture) > 1 or len(notes) > 1


def test_agenda_outcomes_movers_and_amendments_are_neither_headings_nor_probes():
    outcomes = amendments = 0
    for seed in SEEDS:
        case = generate("resolutions", seed)
        printed = {h.printed for h in case.truth.headings}
        found = re.findall(
            r"(?m)^(CARRIED|LOST|REMITTED|WITHDRAWN|Carried unanimously)$", case.text
        )
        outcomes += len(found)
        assert not set(found) & printed
        assert re.search(r"(?m)^(?:Moved by|Movers): .+ Branch", case.text)
        amendments += len(re.findall(r"(?m)^Delete \"", case.text))
        for sentence in case.truth.sentences:
            assert not sentence.startswith(("Delete", "Moved", "Conference notes:")), sentence
        assert {h.level for h in case.truth.headings[1:]} == {1, 2}
    assert outcomes and amendments


def test_interview_notes_restart_in_each_interview_and_sounds_stay_out_of_probes():
    sounds = 0
    for seed in SEEDS:
        case = generate("oral_history", seed)
        blocks = re.findall(r"(?ms)^Notes\n\n(.*?)(?=\n\n\n|\Z)", case.text)
        numbers = [re.findall(r"(?m)^(\d+)\. ", block) for block in blocks]
        assert all(n == [str(k) for k in range(1, len(n) + 1)] for n in numbers)
        assert sum(len(n) for n in numbers) == case.truth.footnotes
        sounds += len(re.findall(r"\((?:laughs|pause|taps|sings)|\[inaudible\]", case.text))
        for sentence in case.truth.sentences:
            assert not re.search(r"\((?:laughs|pause|taps|sings)|\[inaudible\]", sentence)
        # The editor's headnote is indented under each interview's heading, and probed.
        headnotes = re.findall(r"(?m)^    (\S.*)$", case.text)
        assert headnotes
    assert sounds


def test_digest_messages_are_headed_by_subject_and_the_frame_is_furniture():
    replies = 0
    for seed in SEEDS:
        case = generate("digest", seed)
        levels = {h.printed.split(":")[0]: h.level for h in case.truth.headings}
        assert levels.get("Subject") == 2
        assert all(h.level == 1 for h in case.truth.headings if "Digest, Vol" in h.printed)
        furniture = {f.text for f in case.truth.furniture}
        assert {f"Message: {n}" for n in (1, 2)} <= furniture
        for line in re.findall(r"(?m)^Subject: (.+)$", case.text):
            assert f"{line} (" in case.text  # listed among Today's Topics
        replies += sum(h.title.startswith("Re: ") for h in case.truth.headings)
        for sentence in case.truth.sentences:
            assert not sentence.startswith(">")
    assert replies


def test_guide_questions_probe_their_statement_and_number_in_two_ways():
    restarts = set()
    for seed in range(12):
        case = generate("reading_guide", seed)
        numbers = [int(n) for n in re.findall(r"(?m)^(\d+)\. [A-Z“]", case.text)]
        assert numbers
        restarts.add(numbers.count(1) > 1)
        for ask in ["Is this fair?", "Discuss.", "What would you have done?"]:
            assert ask not in case.truth.sentences
        levels = [h.level for h in case.truth.headings]
        assert levels.count(2) >= 2
    assert restarts == {True, False}


def test_syllabus_reading_lists_are_not_probes_and_weeks_sit_under_the_schedule():
    for seed in SEEDS:
        case = generate("syllabus", seed)
        entries = re.findall(r"(?m)^  (?!- )(\S.*)$", case.text)
        assert entries
        for sentence in case.truth.sentences:
            assert not any(sentence in entry for entry in entries)
        levels = [h.level for h in case.truth.headings]
        first_week = levels.index(2)
        assert levels[first_week:] == [2] * (len(levels) - first_week)
        assert "Reading week" in {h.title for h in case.truth.headings}


def test_annual_report_contents_and_accounts_are_no_headings():
    contents = 0
    for seed in SEEDS:
        case = generate("annual_report", seed)
        printed = {h.printed for h in case.truth.headings}
        rows = re.findall(r"(?m)^(\S.*?) \.{3,} +(?:£?\d+)", case.text)
        assert rows
        assert not set(rows) & printed
        if "CONTENTS" in case.text:
            contents += 1
            listed = re.findall(r"(?m)^(.+?) \.+ +\d+$", case.text)
            level_one = [h.title for h in case.truth.headings if h.level == 1]
            assert listed[: len(level_one)] == level_one
    assert contents


def test_shared_doc_comments_are_not_notes_and_levels_follow_the_numbering():
    comments = 0
    for seed in range(12):
        case = generate("shared_doc", seed)
        notes = re.findall(r"(?m)^\[(\d+)\] ", case.text)
        assert len(notes) == case.truth.footnotes
        comments += len(re.findall(r"(?m)^\[[a-z]\]\w", case.text))
        for sentence in case.truth.sentences:
            assert not re.search(r"\[[a-z]\]", sentence)
        for heading in case.truth.headings:
            number = re.match(r"\d+(\.\d+)?\. ?|\d+\.\d+ ", heading.printed)
            if number:
                assert heading.level == (2 if re.match(r"\d+\.\d+ ", heading.printed) else 1)
            else:
                assert heading.level == (1 if heading.printed.isupper() else 2)
    assert comments


def test_songbook_notes_are_cited_once_and_magazine_jumps_are_furniture():
    for seed in (0, 3):
        source, _options, truth = build("songbook", seed)
        cited = re.findall(r"<sup>(\d+)</sup>", source)
        assert cited == [str(k) for k in range(1, len(cited) + 1)]
        assert len(cited) == truth.footnotes
        assert source.count("class='stanza'") >= 4
        for sentence in truth.sentences:  # verse lines are never probes
            assert sentence not in re.findall(r"<br>([^<]+)", source)
        magazine, _options, truth = build("magazine", seed)
        furniture = {f.text for f in truth.furniture}
        jumps = [f for f in furniture if f.startswith("Continued on page")]
        labels = [f for f in furniture if ", continued from page" in f]
        assert len(jumps) == 1 and len(labels) == 1
        assert magazine.index(jumps[0]) < magazine.index(labels[0].split(",")[0] + ", continued")
        assert {h.level for h in truth.headings} <= {1, 2}
