"""The fresh families (held out once, tuning now): their own words, varied layouts, truth
a perfect parse meets.

test_families.py runs the generic generator checks (deterministic, truth present in the
input) over every text family, these included; here is what is particular to them. As
there, nothing here measures the importer.
"""

from __future__ import annotations

import html
import io
import re
import unicodedata

import pytest

from studygroup.library.importing.document import ParsedSection
from tests.library.families import (
    FRESH_FAMILIES,
    FRESH_PDF_FAMILIES,
    HELD_OUT,
    generate,
    prose,
)
from tests.library.families.fresh_roundtrip import LAYOUTS, Renderer, build
from tests.library.families.scoring import score
from tests.library.test_families import _perfect, _squash, appears

SEEDS = range(8)


TUNING_SUBJECTS = ["harbour", "ferry", "tide", "quay", "estuary", "lighthouse", "printer"]


def test_fresh_prose_shares_no_phrase_or_subject_with_the_tuning_prose():
    phrases = [p.casefold() for p in prose.PEOPLE + prose.THINGS + prose.PLACES + prose.TIMES]
    phrases += [t.casefold() for t in prose.TITLE_NOUNS + TUNING_SUBJECTS]
    for family in FRESH_FAMILIES:
        for seed in (0, 1, 2):
            text = generate(family, seed).text.casefold()
            shared = [p for p in phrases if re.search(rf"\b{re.escape(p)}", text)]
            assert not shared, f"{family} #{seed} uses the tuning prose's words: {shared}"


def _shape(printed: str, title: str) -> str:
    """A heading's form with its words taken out: "CHAPTER IV. THE COLD BELL." → "CHAPTER R. T."."""
    shape = printed.replace(title, "T").replace(title.upper(), "U")
    shape = re.sub(r"\b[IVXL]+\b", "R", shape)
    return re.sub(r"\d", "9", shape)


@pytest.mark.parametrize("family", list(FRESH_FAMILIES))
def test_fresh_family_varies_across_seeds(family):
    cases = [generate(family, seed) for seed in SEEDS]
    assert len({c.text for c in cases}) == len(SEEDS)
    shapes = {frozenset(_shape(h.printed, h.title) for h in c.truth.headings) for c in cases}
    firsts = {tuple(c.text.splitlines()[:4]) for c in cases}
    # Either the heading style or the front of the text changes between seeds.
    assert len(shapes) > 1 or len({_squash(re.sub(r"\w", "x", "".join(f))) for f in firsts}) > 1


@pytest.mark.parametrize("family", list(FRESH_FAMILIES))
def test_a_perfect_parse_gets_full_marks_and_a_flawed_one_loses(family):
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
        flawed.sections[-1].level = 3 - flawed.sections[-1].level  # a level misread
        flawed.sections.append(ParsedSection(title="Share this article", level=1))
        result = score(flawed, case.truth)
        assert result.matched == perfect.matched - 1
        assert result.matched_any_level == perfect.matched_any_level
        misread = flawed.sections[-2]
        assert result.extra == [f"({misread.level}) {misread.title}", "(1) Share this article"]


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


@pytest.mark.parametrize("layout", LAYOUTS)
def test_fresh_round_trip_source_is_deterministic_and_holds_its_truth(layout):
    for seed in (0, 3):
        source, options, truth = build(layout, seed)
        assert build(layout, seed) == (source, options, truth)
        plain = _squash(html.unescape(re.sub(r"<sup>\d+</sup>", " ", source)))
        plain = plain.replace("<b>", "").replace("</b>", "")  # the drop capital
        plain = _squash(re.sub(r"<[^>]+>", " ", plain))
        for heading in truth.headings:
            assert heading.printed in plain, heading
            assert heading.level in {1, 2}
        for sentence in truth.sentences:
            assert appears(sentence, plain), sentence
        templates = html.unescape(
            options.get("header_template", "") + options.get("footer_template", "")
        )
        for item in truth.furniture:  # in the page, or printed by the templates
            by_template = item.text in templates or (
                re.fullmatch(r"Page \d+", item.text)
                and "Page <span class='pageNumber'>" in templates
            )
            assert item.text in plain or by_template, item
        assert truth.footnotes == len(re.findall(r"<sup>\d+</sup>", source))
        foot = re.findall(r"<div class='foot'><hr>(.*?)</div></div>", source)
        assert sum(part.count("<div>") for part in foot) == truth.footnotes


def test_fresh_families_are_tuning_now():
    # Held out once; the third families (test_third_families.py) replaced them.
    assert not set(FRESH_PDF_FAMILIES) & set(HELD_OUT)
    assert not set(FRESH_FAMILIES) & set(HELD_OUT)
    assert [f"pdf_fresh_{layout}" for layout in LAYOUTS] == FRESH_PDF_FAMILIES


@pytest.fixture(scope="module")
def renderer(tmp_path_factory, browser):
    with Renderer(cache=tmp_path_factory.mktemp("fresh-pdfs"), browser=browser) as renderer:
        yield renderer


@pytest.mark.browser
@pytest.mark.parametrize("family", FRESH_PDF_FAMILIES)
def test_fresh_pdf_text_layer_holds_headings_heads_and_every_sentence(family, renderer):
    from pypdf import PdfReader

    case = generate(family, 1, renderer)
    reader = PdfReader(io.BytesIO(case.pdf))
    layer = unicodedata.normalize("NFKC", " ".join(p.extract_text() for p in reader.pages))
    assert len(reader.pages) >= 3  # "Page 2" and "Page 3" are printed
    # Synthesised small capitals come out of the text layer parted: "T OWARDS THE C OMMON".
    letters = re.sub(r"\s", "", layer).casefold()
    for heading in case.truth.headings:
        assert re.sub(r"\s", "", heading.title).casefold() in letters, heading
    for item in case.truth.furniture:  # the running heads really are printed
        assert re.sub(r"\s", "", item.text).casefold() in letters, item
    # Nothing was cut off by a full page (a drop capital may part the first word).
    for sentence in case.truth.sentences:
        assert appears(" ".join(sentence.split()[1:]), layer), sentence


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
