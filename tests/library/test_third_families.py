"""The third held-out families: the generic generator checks, and what is particular to them.

They live apart from TEXT_FAMILIES (their notes are marked with symbols or "^" back-links),
so the checks test_families.py runs over every text family are run here for them:
deterministic, varied, truth present in the input, a perfect parse gets full marks and a
flawed one loses. As there, nothing here measures the importer.
"""

from __future__ import annotations

import html
import io
import re

import pytest

from studygroup.library.importing.document import ParsedSection
from tests.library.families import (
    FAMILIES,
    HELD_OUT,
    PDF_FAMILIES,
    THIRD_FAMILIES,
    THIRD_PDF_FAMILIES,
    TUNING,
    fresh_prose,
    generate,
    prose,
)
from tests.library.families.third_roundtrip import LAYOUTS, Renderer, build
from tests.library.test_families import _perfect, _squash, appears
from tests.library.test_fresh_families import TUNING_SUBJECTS, _shape

SEEDS = range(8)
# A note's first line: "3. Text", "¹ Text", "[2] Text", "† Text", "4. ^ Text".
NOTE_LINE = re.compile(r"(?m)^(?:[⁰¹²³⁴⁵⁶⁷⁸⁹]+|\d{1,3}\.?(?: \^)?|\[\d{1,3}\]|[*†‡§]) [A-Z]")
# Citation marks and note symbols glued to a sentence's end, which appears() does not know.
_GLUED = re.compile(r"(?<=[.!?”])(?:\[\d{1,3}\]|\[citation needed\]|[*†‡§])+")


def test_the_third_families_alone_are_held_out():
    assert [*THIRD_FAMILIES, *THIRD_PDF_FAMILIES] == HELD_OUT
    assert len(HELD_OUT) >= 8
    assert set(THIRD_PDF_FAMILIES) <= set(PDF_FAMILIES)
    assert set(HELD_OUT) <= set(FAMILIES)
    assert not set(HELD_OUT) & set(TUNING)
    assert [f"pdf_third_{layout}" for layout in LAYOUTS] == THIRD_PDF_FAMILIES


def test_third_prose_shares_no_phrase_with_the_tuning_prose():
    phrases = [p.casefold() for p in prose.PEOPLE + prose.THINGS + prose.PLACES + prose.TIMES]
    phrases += [t.casefold() for t in prose.TITLE_NOUNS + TUNING_SUBJECTS]
    phrases += [p.casefold() for p in fresh_prose.AGENTS + fresh_prose.OBJECTS]
    phrases += [p.casefold() for p in fresh_prose.SETTINGS + fresh_prose.WHENS]
    phrases += [t.casefold() for t in fresh_prose.T_NOUNS + fresh_prose.IDEAS]
    for family in THIRD_FAMILIES:
        for seed in (0, 1, 2):
            text = generate(family, seed).text.casefold()
            shared = [p for p in phrases if re.search(rf"\b{re.escape(p)}\b", text)]
            assert not shared, f"{family} #{seed} uses another family's words: {shared}"


@pytest.mark.parametrize("family", list(THIRD_FAMILIES))
def test_third_family_is_deterministic_and_varies(family):
    a, b = generate(family, 3), generate(family, 3)
    assert a.text == b.text
    assert a.truth == b.truth
    cases = [generate(family, seed) for seed in SEEDS]
    assert len({c.text for c in cases}) == len(SEEDS)
    shapes = {frozenset(_shape(h.printed, h.title) for h in c.truth.headings) for c in cases}
    firsts = {tuple(c.text.splitlines()[:5]) for c in cases}
    assert len(shapes) > 1 or len({_squash(re.sub(r"\w", "x", "".join(f))) for f in firsts}) > 1


@pytest.mark.parametrize("family", list(THIRD_FAMILIES))
def test_third_family_truth_matches_its_text(family):
    for seed in SEEDS:
        case = generate(family, seed)
        truth, flat = case.truth, _squash(case.text)
        assert case.filename == f"{family}.txt"
        assert len(truth.headings) >= 2, f"{family} #{seed}: too few headings"
        assert truth.sentences, f"{family} #{seed} has no sentence probes"
        assert len({h.title.casefold() for h in truth.headings}) == len(truth.headings)
        for heading in truth.headings:
            assert heading.printed in flat, f"{family} #{seed}: heading {heading.printed!r}"
            assert heading.level in {1, 2}
            assert heading.title.casefold() != truth.title.casefold()
        for item in truth.furniture:
            assert _squash(item.text) in flat, f"{family} #{seed}: furniture {item.text!r}"
        for sentence in truth.sentences:
            readable = _GLUED.sub("", case.text)
            assert appears(sentence, readable), f"{family} #{seed}: probe {sentence!r}"
        if truth.footnotes:
            assert len(NOTE_LINE.findall(case.text)) >= truth.footnotes, f"{family} #{seed}"


@pytest.mark.parametrize("family", list(THIRD_FAMILIES))
def test_a_perfect_parse_gets_full_marks_and_a_flawed_one_loses(family):
    from tests.library.families.scoring import score

    for seed in (0, 5):
        case = generate(family, seed)
        perfect = score(_perfect(case), case.truth)
        assert (perfect.precision, perfect.recall, perfect.f1) == (1.0, 1.0, 1.0)
        assert perfect.probe_rate == 1.0
        assert perfect.furniture_rate in {None, 1.0}
        assert perfect.notes_error in {None, 0.0}
        if perfect.subs_expected:
            assert perfect.sub_recall == 1.0

        flawed = _perfect(case)
        dropped = flawed.sections.pop(1)
        flawed.sections[0].paragraphs[0].text += " " + dropped.title  # a heading lost
        flawed.sections.append(ParsedSection(title="Page 12", level=2))
        flawed.sections[0].paragraphs[-1].text = flawed.sections[0].paragraphs[-1].text[:-12]
        if case.truth.furniture:
            flawed.sections[0].paragraphs[0].text += " " + case.truth.furniture[0].text
        flawed.footnotes = flawed.footnotes[1:]
        result = score(flawed, case.truth)
        assert result.matched == perfect.matched - 1
        assert result.extra == ["(2) Page 12"]
        assert result.probes_ok == perfect.probes_ok - 1
        if case.truth.furniture:
            assert result.leaked == [case.truth.furniture[0].text]
        if case.truth.footnotes:
            assert result.notes_abs_error == 1


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


@pytest.mark.parametrize("layout", LAYOUTS)
def test_third_round_trip_source_is_deterministic_and_holds_its_truth(layout):
    for seed in (0, 3):
        source, options, truth = build(layout, seed)
        assert build(layout, seed) == (source, options, truth)
        plain = _squash(html.unescape(re.sub(r"<sup>\d+</sup>", " ", source)))
        plain = _squash(re.sub(r"<[^>]+>", " ", plain))
        assert len(truth.headings) >= 3
        for heading in truth.headings:
            assert heading.printed in plain, heading
            assert heading.level in {1, 2}
        for sentence in truth.sentences:
            assert appears(sentence, plain), sentence
        templates = options.get("header_template", "") + options.get("footer_template", "")
        for item in truth.furniture:  # in the page, or printed by the templates
            by_template = item.text in html.unescape(templates) or (
                re.fullmatch(r"\d+ / \d+", item.text) and "totalPages" in templates
            )
            assert item.text in plain or by_template, item
        assert truth.footnotes == len(re.findall(r"<sup>\d+</sup>", source))
        foot = re.findall(r"<div class='foot'><hr>(.*?)</div></div>", source)
        assert sum(part.count("<div>") for part in foot) == truth.footnotes


@pytest.fixture(scope="module")
def renderer(tmp_path_factory, browser):
    with Renderer(cache=tmp_path_factory.mktemp("third-pdfs"), browser=browser) as renderer:
        yield renderer


@pytest.mark.browser
@pytest.mark.parametrize("family", THIRD_PDF_FAMILIES)
def test_third_pdf_text_layer_holds_headings_furniture_and_every_sentence(family, renderer):
    from pypdf import PdfReader

    from tests.library.families.scoring import score

    case = generate(family, 1, renderer)
    assert case.filename == f"{family}.pdf"
    reader = PdfReader(io.BytesIO(case.pdf))
    layer = " ".join(p.extract_text() for p in reader.pages)
    assert len(reader.pages) >= 2
    letters = re.sub(r"\s", "", layer).casefold()
    for heading in case.truth.headings:
        assert re.sub(r"\s", "", heading.printed).casefold() in letters, heading
    for item in case.truth.furniture:  # glosses, running heads and folios really are printed
        assert re.sub(r"\s", "", item.text).casefold() in letters, item
    # Nothing was cut off by a full page or a full half-sheet.
    for sentence in case.truth.sentences:
        assert appears(sentence, layer), sentence
    perfect = score(_perfect(case), case.truth)
    assert perfect.f1 == 1.0
    assert perfect.furniture_rate in {None, 1.0}
