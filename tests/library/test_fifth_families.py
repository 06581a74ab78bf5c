"""The fifth families (held out until round seven, tuning since): what is particular to them.

test_family_sets.py runs the generic checks over them with the earlier sets: deterministic,
varied, truth present in the input, words shared with no earlier set, a perfect parse gets
full marks and a flawed one loses, round-trip sources and PDFs that hold their truth. Here:
the split, and that each family's own trap is really in its input and really out of its
truth. Nothing here measures the importer.
"""

from __future__ import annotations

import re

from tests.library.families import (
    FAMILIES,
    FIFTH_FAMILIES,
    FIFTH_PDF_FAMILIES,
    HELD_OUT,
    HELD_OUT_SETS,
    PDF_FAMILIES,
    SETS,
    TUNING,
    generate,
)
from tests.library.families.fifth_roundtrip import LAYOUTS, build

SEEDS = range(8)


def test_the_fifth_families_are_tuning_now():
    # Held out until the sixth set was written and scored; tuned on from round seven.
    assert [*FIFTH_FAMILIES, *FIFTH_PDF_FAMILIES] == SETS["fifth"]
    assert "fifth" not in HELD_OUT_SETS
    assert len(SETS["fifth"]) >= 9
    assert len(FIFTH_PDF_FAMILIES) >= 2
    assert set(FIFTH_PDF_FAMILIES) <= set(PDF_FAMILIES)
    assert set(SETS["fifth"]) <= set(TUNING) & set(FAMILIES)
    assert not set(SETS["fifth"]) & set(HELD_OUT)
    assert [f"pdf_fifth_{layout}" for layout in LAYOUTS] == FIFTH_PDF_FAMILIES


def test_handbook_boxes_are_furniture_round_probes_and_their_labels_no_headings():
    frames = set()
    for seed in SEEDS:
        case = generate("handbook", seed)
        printed = {h.printed for h in case.truth.headings}
        labels = re.findall(
            r"(?m)^[|│]? ?((?:Activity \d+\.\d+ \(\d+ minutes\))|KEY POINTS)", case.text
        )
        assert labels and not set(labels) & printed
        edges = {f.text for f in case.truth.furniture if re.fullmatch(r"[+─=-]+", f.text)}
        assert len(edges) == 1, edges
        frames.add(next(iter(edges))[1])
        # Inside a framed box, a probe's words run on past a "|" at the line's end.
        if "| " in case.text:
            inside = [s for s in case.truth.sentences if s not in _unboxed(case.text)]
            assert inside
    assert frames == {"-", "─", "="}


def _unboxed(text: str) -> str:
    """The text outside the boxes, lines joined."""
    return " ".join(line for line in text.split("\n") if not line.startswith(("|", "│")))


def test_translation_page_numbers_stay_out_of_every_probe():
    """The original's page numbers are in the text, beside and inside sentences; a probe is a
    sentence the importer must keep whole whether or not it keeps the bracket."""
    inside = beside = 0
    for seed in SEEDS:
        case = generate("translation", seed)
        marks = re.findall(r"\[p\. \d+\]|\[\d+\]|\{\d+\}", case.text)
        assert marks
        for sentence in case.truth.sentences:
            assert not re.search(r"\[p\. \d+\]|\[\d+\]|\{\d+\}|\[that is", sentence)
        inside += len(re.findall(r"[a-z,] (?:\[p\. \d+\]|\[\d+\]|\{\d+\}) [a-z]", case.text))
        beside += len(re.findall(r"\. (?:\[p\. \d+\]|\[\d+\]|\{\d+\})", case.text))
        notes = re.findall(r"(?m)^(?:[⁰¹²³⁴⁵⁶⁷⁸⁹]+|\d+) .+ — Trans\.$", case.text)
        assert len(notes) == case.truth.footnotes
    assert inside and beside


def test_slide_labels_and_notes_labels_are_no_headings_and_levels_follow_the_slides():
    for seed in SEEDS:
        case = generate("slides", seed)
        printed = {h.printed for h in case.truth.headings}
        assert not any(
            re.match(r"(?:--- )?Slide \d+|\d+$|Notes:|Speaker|Presenter", p) for p in printed
        )
        lines = case.text.split("\n")
        for heading in case.truth.headings:
            k = lines.index(heading.printed)
            after = next(line for line in lines[k + 1 :] if line.strip())
            # A section slide holds its title alone; a content slide's title tops its bullets.
            assert (heading.level == 2) == bool(re.match(r"[•*o-] ", after)), (seed, heading)


def test_record_speakers_times_and_column_numbers_are_not_headings():
    for seed in SEEDS:
        hansard = generate("hansard", seed)
        printed = {h.printed for h in hansard.truth.headings}
        times = re.findall(r"(?m)^\d{1,2}\.\d{1,2} p\.m\.$", hansard.text)
        assert times and not set(times) & printed
        asked = re.findall(r"(?m)^\d+\. ((?:\w+ )+asked the Minister .+)$", hansard.text)
        assert asked
        for question in asked:
            assert any(p.startswith(question) for p in hansard.truth.sentences)
        assert {h.level for h in hansard.truth.headings if h.printed.isupper()} == {1}
        judgment = generate("judgment", seed)
        printed = {h.printed for h in judgment.truth.headings}
        numbers = [int(n) for n in re.findall(r"(?m)^\[?(\d{1,3})[.\]] [A-Z“]", judgment.text)]
        assert numbers == list(range(1, len(numbers) + 1))
        assert not any(re.match(r"\[?\d+[.\]] ", p) for p in printed)


def test_lecture_time_codes_and_sounds_are_out_of_the_probes():
    sounds = 0
    for seed in SEEDS:
        case = generate("lecture", seed)
        sounds += len(re.findall(r"\[(?:laughter|inaudible|slide|applause|pause)\]", case.text))
        assert re.search(r"(?m)^\[?\d\d:\d\d", case.text)
        for sentence in case.truth.sentences:
            assert not re.search(r"\[\w+\]|^\[?\d\d:\d\d", sentence), sentence
    assert sounds


def test_markup_notes_in_each_syntax_are_counted():
    kinds = set()
    for seed in range(12):
        case = generate("markup", seed)
        text = case.text
        if text.startswith("#+TITLE"):
            kind, written = "org", len(re.findall(r"(?m)^\[fn:\d+\] ", text))
        elif text.startswith("= "):
            kind, written = "asciidoc", text.count("footnote:[")
        else:
            kind, written = "wiki", text.count("<ref>")
        kinds.add(kind)
        assert written == case.truth.footnotes
        for heading in case.truth.headings:  # "*" is level 1 in org; "==" in the others
            mark = heading.printed.split()[0]
            assert len(mark) == heading.level + (kind != "org"), heading
    assert kinds == {"wiki", "org", "asciidoc"}


def test_letters_notes_restart_in_each_letter_and_brief_notes_sit_on_their_page():
    for seed in (0, 3):
        source, _options, truth = build("letters", seed)
        letters = source.split("<h3>")[1:]
        cited = [re.findall(r"<sup>(\d+)</sup>", letter) for letter in letters]
        assert all(n == [str(k) for k in range(1, len(n) + 1)] for n in cited)
        assert sum(len(n) for n in cited) == truth.footnotes
        brief, _options, truth = build("brief", seed)
        pages = brief.split("<div class='page'>")[1:]
        assert len(pages) >= 2
        for page in pages:
            body, _sep, foot = page.partition("<div class='foot'>")
            cited = re.findall(r"<sup>(\d+)</sup>", body)
            feet = re.findall(r"<div>([⁰¹²³⁴⁵⁶⁷⁸⁹]+) ", foot)
            assert [n.translate(str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")) for n in feet] == cited
        assert brief.count("<sup>") == truth.footnotes
