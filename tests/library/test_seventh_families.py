"""The seventh families, held out: what is particular to them.

test_family_sets.py runs the generic checks over them with the earlier sets: deterministic,
varied, truth present in the input, words shared with no earlier set, a perfect parse gets
full marks and a flawed one loses, round-trip sources and PDFs that hold their truth. Here:
the split, and that each family's own trap is really in its input and really out of its
truth. Nothing here measures the importer.
"""

from __future__ import annotations

import html
import re

import pytest

from tests.library.families import (
    FAMILIES,
    HELD_OUT,
    HELD_OUT_SETS,
    PDF_FAMILIES,
    SETS,
    SEVENTH_FAMILIES,
    SEVENTH_PDF_FAMILIES,
    TUNING,
    generate,
)
from tests.library.families.seventh_roundtrip import LAYOUTS, build
from tests.library.test_family_sets import _shape

SEEDS = range(8)


def test_the_seventh_families_are_held_out_and_the_sixth_tuning():
    assert [*SEVENTH_FAMILIES, *SEVENTH_PDF_FAMILIES] == HELD_OUT_SETS["seventh"]
    assert HELD_OUT_SETS["seventh"] == SETS["seventh"]
    assert list(HELD_OUT_SETS) == ["seventh"]
    assert len(SEVENTH_FAMILIES) == 7
    assert [f"pdf_seventh_{layout}" for layout in LAYOUTS] == SEVENTH_PDF_FAMILIES
    assert set(SEVENTH_PDF_FAMILIES) <= set(PDF_FAMILIES)
    assert set(HELD_OUT) == set(SETS["seventh"]) and set(HELD_OUT) <= set(FAMILIES)
    assert not set(HELD_OUT) & set(TUNING)
    assert set(SETS["sixth"]) <= set(TUNING)


@pytest.mark.parametrize("family", list(SEVENTH_FAMILIES))
def test_seeds_vary_the_layout_not_only_the_words(family):
    """Across seeds a family prints its headings of a level in more than one way, or lays
    its page out otherwise (width, furniture, notes)."""
    cases = [generate(family, seed) for seed in range(12)]
    shapes = {
        frozenset((_shape(h.printed, h.title), h.level) for h in c.truth.headings) for c in cases
    }
    widths = {max(len(line) for line in c.text.splitlines()) for c in cases}
    notes = {c.truth.footnotes > 0 for c in cases}
    assert len(shapes) > 1 or len(widths) > 1 or len(notes) > 1


TIMING = re.compile(r"\d\d:\d\d:\d\d[,.]\d{3} --> |^\d+:\d\d$", re.M)


def test_captions_cut_sentences_across_cues_and_keep_timings_and_sounds_out():
    styles, cut = set(), 0
    for seed in range(12):
        case = generate("captions", seed)
        vtt, srt = case.text.startswith("WEBVTT"), " --> " in case.text
        styles.add("vtt" if vtt else "srt" if srt else "panel")
        assert TIMING.search(case.text)
        assert {h.level for h in case.truth.headings} == {1}
        furniture = [f.text for f in case.truth.furniture]
        assert any(TIMING.search(f) for f in furniture)
        cues = re.split(r"\n(?:\d+\n)?(?:\S+ --> \S+|\d+:\d\d)\n", case.text)
        for sentence in case.truth.sentences:
            assert not re.search(r"\[[A-Z ]+\]|\(audience", sentence)
            assert not TIMING.search(sentence)
            cut += not any(sentence in cue for cue in cues)
    assert len(styles) == 3
    assert cut  # most sentences run across cues; the probes ask for them whole


def test_study_pack_exercise_labels_are_no_headings_and_answers_follow_them():
    exercises = 0
    for seed in SEEDS:
        case = generate("study_pack", seed)
        labels = re.findall(r"(?m)^(Exercise \d+\.\d+)$", case.text)
        exercises += len(labels)
        printed = {h.printed for h in case.truth.headings}
        assert not set(labels) & printed
        for label in set(labels):
            assert case.text.count(f"\n{label}\n") == 2  # set, then answered at the back
        for sentence in case.truth.sentences:
            assert not re.match(r"\([abc]\) |Exercise|Stop and think", sentence)
        subs = [h for h in case.truth.headings if h.level == 2]
        assert all(re.match(r"\d+\.\d+ ", h.printed) for h in subs)
    assert exercises


def test_sermon_heads_are_printed_or_run_in_and_page_notes_counted():
    run_in = printed_heads = 0
    for seed in range(12):
        case = generate("sermons", seed)
        openers = re.findall(r"(?m)^\s*(Firstly|Secondly|Thirdly), ", case.text)
        run_in += len(openers)
        printed_heads += sum(h.level == 2 for h in case.truth.headings)
        assert not any(h.printed.startswith(("Firstly", "Secondly")) for h in case.truth.headings)
        notes = re.findall(r"(?m)^(?:[¹²³⁴⁵⁶⁷⁸⁹]+|\d+) [A-Z]", case.text)
        assert len(notes) >= case.truth.footnotes
        assert case.truth.furniture  # running heads
    assert run_in and printed_heads


def test_diary_notes_restart_each_year_and_dates_stay_in_their_entries():
    illegible = restarts = 0
    for seed in SEEDS:
        case = generate("diary", seed)
        blocks = re.findall(r"(?ms)^Notes\n\n(.*?)(?=\n\n\n|\Z)", case.text)
        numbers = [re.findall(r"(?m)^(\d+)\. ", block) for block in blocks]
        assert all(n == [str(k) for k in range(1, len(n) + 1)] for n in numbers)
        assert sum(len(n) for n in numbers) == case.truth.footnotes
        restarts += len(blocks) > 1
        illegible += case.text.count("[illegible]")
        for sentence in case.truth.sentences:
            assert "[illegible]" not in sentence
            assert not re.match(r"(?:Mon|Tues|Wed|Thurs|Fri|Sat|Sun)\.|\d+ [A-Z]", sentence)
        assert {h.level for h in case.truth.headings[1:]} == {1, 2}
    assert illegible and restarts


def test_gazette_adverts_and_page_heads_are_furniture_and_datelines_no_probes():
    for seed in SEEDS:
        case = generate("gazette", seed)
        furniture = {f.text for f in case.truth.furniture}
        assert any(", SATURDAY, " in f for f in furniture)
        adverts = [f for f in furniture if re.match(r"[A-Z]{4,}", f) and "SATURDAY" not in f]
        for sentence in case.truth.sentences:
            assert sentence not in adverts
            assert not re.match(r"[A-Z ]+, (?:Tuesday|Thursday)\.—", sentence)
        assert re.search(r"(?m)^[A-Z ]+, (?:Tuesday|Thursday)\.—", case.text)
        decks = re.findall(r"(?m)^(Meeting in the Hall\.|A Lively Discussion\.)$", case.text)
        assert not set(decks) & {h.printed for h in case.truth.headings}


def test_screenplay_speeches_cross_pages_with_more_and_contd_as_furniture():
    crossed = 0
    for seed in SEEDS:
        case = generate("screenplay", seed)
        furniture = {f.text for f in case.truth.furniture}
        if "(MORE)" in case.text:
            crossed += 1
            assert "(MORE)" in furniture
            assert any(f.endswith("(CONT'D)") for f in furniture)
        slugs = [h for h in case.truth.headings if re.search(r"(?:INT|EXT)\. ", h.title)]
        assert slugs and len({h.title for h in slugs}) == len(slugs)
        names = set(re.findall(r"(?m)^ {20}([A-Z]+)$", case.text))
        for sentence in case.truth.sentences:
            assert sentence.split()[0] not in names
            assert not sentence.endswith("TO:")
    assert crossed


def test_catalogue_entry_details_are_no_probes_and_plates_are_captions():
    plates = 0
    for seed in SEEDS:
        case = generate("catalogue", seed)
        details = re.findall(r"(?m)^(?:Oil|Watercolour|Woven|Linocut|Carved) .+ cm$", case.text)
        assert details
        for sentence in case.truth.sentences:
            assert not any(sentence in line for line in details)
        captions = [f for f in case.truth.furniture if f.text.startswith("Plate ")]
        plates += len(captions)
        assert all(f.tolerated == ("caption",) for f in captions)
        entries = [h for h in case.truth.headings if h.level == 2]
        assert len(entries) >= 4
    assert plates


def test_proceedings_citations_are_no_notes_and_programme_adverts_are_furniture():
    for seed in (0, 3):
        source, _options, truth = build("proceedings", seed)
        assert re.search(r" \[\d\]\.", source)
        assert truth.footnotes == 0
        for sentence in truth.sentences:  # a sentence with a citation inside is no probe
            assert html.escape(sentence, quote=False) in source
        assert "<b>Abstract.</b>" in source
        assert "Abstract" not in {h.title for h in truth.headings}
        programme, _options, truth = build("programme", seed)
        adverts = [
            f.text
            for f in truth.furniture
            if f"<div class='advert'>{html.escape(f.text, quote=False)}" in programme
        ]
        assert adverts
        assert truth.footnotes == len(re.findall(r"<sup>\d+</sup>", programme))
        for sentence in truth.sentences:
            assert sentence not in adverts
        assert {h.level for h in truth.headings} == {1, 2}
