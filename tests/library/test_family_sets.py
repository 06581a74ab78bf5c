"""The generic checks every later set of families passes, written once and run per set.

test_families.py runs its checks over TEXT_FAMILIES (the fresh families among them); the
third, fourth, fifth, sixth and seventh sets live apart (their notes are marked in ways those checks
do not read), so here each set is a parameter: deterministic and varied, truth present in
the input, a perfect parse gets full marks and a flawed one loses, prose that shares no
phrase with an earlier set, round-trip sources that hold their truth. test_fresh_families.py,
test_third_families.py, test_fourth_families.py, test_fifth_families.py,
test_sixth_families.py and test_seventh_families.py keep what is particular to each set.
Nothing here measures the importer.
"""

from __future__ import annotations

import html
import io
import re
import unicodedata

import pytest

from studygroup.library.importing.document import ParsedSection
from tests.library.families import (
    FIFTH_FAMILIES,
    FIFTH_PDF_FAMILIES,
    FOURTH_FAMILIES,
    FOURTH_PDF_FAMILIES,
    FRESH_FAMILIES,
    FRESH_PDF_FAMILIES,
    SEVENTH_FAMILIES,
    SEVENTH_PDF_FAMILIES,
    SIXTH_FAMILIES,
    SIXTH_PDF_FAMILIES,
    THIRD_FAMILIES,
    THIRD_PDF_FAMILIES,
    fifth_prose,
    fifth_roundtrip,
    fourth_prose,
    fourth_roundtrip,
    fresh_prose,
    fresh_roundtrip,
    generate,
    prose,
    seventh_prose,
    seventh_roundtrip,
    sixth_prose,
    sixth_roundtrip,
    third_prose,
    third_roundtrip,
)
from tests.library.families.roundtrip import Renderer
from tests.library.families.scoring import score, text_key
from tests.library.test_families import _perfect, _squash, appears

SEEDS = range(8)
# Each set in the order it was written: its text families, PDF families, prose, round-trips.
SETS = {
    "fresh": (FRESH_FAMILIES, FRESH_PDF_FAMILIES, fresh_prose, fresh_roundtrip),
    "third": (THIRD_FAMILIES, THIRD_PDF_FAMILIES, third_prose, third_roundtrip),
    "fourth": (FOURTH_FAMILIES, FOURTH_PDF_FAMILIES, fourth_prose, fourth_roundtrip),
    "fifth": (FIFTH_FAMILIES, FIFTH_PDF_FAMILIES, fifth_prose, fifth_roundtrip),
    "sixth": (SIXTH_FAMILIES, SIXTH_PDF_FAMILIES, sixth_prose, sixth_roundtrip),
    "seventh": (SEVENTH_FAMILIES, SEVENTH_PDF_FAMILIES, seventh_prose, seventh_roundtrip),
}
TEXT = [(name, family) for name, (families, *_rest) in SETS.items() for family in families]
# Sets whose text families test_families.py does not already check against their input.
APART = [(name, family) for name, family in TEXT if name != "fresh"]
PDF = [(name, family) for name, (_t, families, *_rest) in SETS.items() for family in families]
TUNING_SUBJECTS = ["harbour", "ferry", "tide", "quay", "estuary", "lighthouse", "printer"]
# A note's first line: "3. Text", "¹ Text", "[2] Text", "† Text", "4. ^ Text".
NOTE_LINE = re.compile(r"(?m)^(?:[⁰¹²³⁴⁵⁶⁷⁸⁹]+|\d{1,3}\.?(?: \^)?|\[\d{1,3}\]|[*†‡§]) [A-Z]")
# A note written inside its sentence ("<ref>…</ref>", "footnote:[…]") or as "[fn:2] Text".
INLINE_NOTE = re.compile(r"(?m)<ref>|footnote:\[|^\[fn:\d+\] ")
# Citation marks and note symbols glued to a sentence's end, which appears() does not know.
_GLUED = re.compile(
    r"(?<=[.!?”])(?:\[\d{1,3}\]|\[citation needed\]|[*†‡§]"
    r"|\[fn:\d+\]|<ref>[^<]*</ref>|footnote:\[[^\]]*\])+"  # a markup's notes, in the sentence
)


def _readable(text: str) -> str:
    """Text (or HTML) as appears() reads it: glued marks gone, and the brackets that open and
    close a line, an element or a sentence, as around a stage direction ("[Nobody came.]")."""
    return re.sub(r"(?m)(^|>|\s)\[(?=[A-Z“])|(?<=[.!?”])\](?=<|\s|$)", r"\1", _GLUED.sub("", text))


def _phrases(module) -> list[str]:
    """The words of a vocabulary that mark its world: people, things, places, times, titles."""
    if module is prose:
        lists = [prose.PEOPLE, prose.THINGS, prose.PLACES, prose.TIMES, prose.TITLE_NOUNS]
        return [p.casefold() for p in [*sum(lists, []), *TUNING_SUBJECTS]]
    lists = [module.AGENTS, module.OBJECTS, module.SETTINGS, module.WHENS, module.IDEAS]
    return [p.casefold() for p in [*sum(lists, []), *module.T_NOUNS]]


def _shape(printed: str, title: str) -> str:
    """A heading's form with its words taken out: "CHAPTER IV. THE COLD BELL." → "CHAPTER R. T."."""
    shape = printed.replace(title, "T").replace(title.upper(), "U")
    shape = re.sub(r"\b[IVXL]+\b", "R", shape)
    return re.sub(r"\d", "9", shape)


@pytest.mark.parametrize("name", list(SETS))
def test_a_set_shares_no_phrase_with_the_sets_before_it(name):
    earlier = [prose, *(SETS[n][2] for n in list(SETS)[: list(SETS).index(name)])]
    phrases = [p for module in earlier for p in _phrases(module)]
    for family in SETS[name][0]:
        for seed in (0, 1, 2):
            text = generate(family, seed).text.casefold()
            shared = [p for p in phrases if re.search(rf"\b{re.escape(p)}\b", text)]
            assert not shared, f"{family} #{seed} uses an earlier set's words: {shared}"


@pytest.mark.parametrize(("name", "family"), TEXT)
def test_family_is_deterministic_and_varies(name, family):
    a, b = generate(family, 3), generate(family, 3)
    assert a.text == b.text
    assert a.truth == b.truth
    cases = [generate(family, seed) for seed in SEEDS]
    assert len({c.text for c in cases}) == len(SEEDS)
    shapes = {frozenset(_shape(h.printed, h.title) for h in c.truth.headings) for c in cases}
    firsts = {tuple(c.text.splitlines()[:5]) for c in cases}
    # Either the heading style or the front of the text changes between seeds.
    assert len(shapes) > 1 or len({_squash(re.sub(r"\w", "x", "".join(f))) for f in firsts}) > 1


@pytest.mark.parametrize(("name", "family"), APART)
def test_family_truth_matches_its_text(name, family):
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
        readable = _readable(case.text)
        for sentence in truth.sentences:
            assert appears(sentence, readable), f"{family} #{seed}: probe {sentence!r}"
        if truth.footnotes:
            notes = NOTE_LINE.findall(case.text) + INLINE_NOTE.findall(case.text)
            assert len(notes) >= truth.footnotes, f"{family} #{seed}"


@pytest.mark.parametrize(("name", "family"), TEXT)
def test_a_perfect_parse_gets_full_marks_and_a_flawed_one_loses(name, family):
    for seed in (0, 5):
        case = generate(family, seed)
        perfect = score(_perfect(case), case.truth)
        assert (perfect.precision, perfect.recall, perfect.f1) == (1.0, 1.0, 1.0)
        assert perfect.probe_rate == 1.0
        assert perfect.furniture_rate in {None, 1.0}
        assert perfect.notes_error in {None, 0.0}
        if perfect.subs_expected:
            assert perfect.sub_recall == 1.0

        misread = _perfect(case)
        misread.sections[-1].level = 3 - misread.sections[-1].level  # a level misread
        misread.sections.append(ParsedSection(title="Share this article", level=1))
        result = score(misread, case.truth)
        assert result.matched == perfect.matched - 1
        assert result.matched_any_level == perfect.matched_any_level
        wrong = misread.sections[-2]
        assert result.extra == [f"({wrong.level}) {wrong.title}", "(1) Share this article"]

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
        if case.truth.furniture:  # and a running head that repeats the lost heading
            lost = text_key(dropped.title)
            first, *rest = case.truth.furniture
            assert result.leaked == [
                first.text,
                *(f.text for f in rest if text_key(f.text) == lost),
            ]
        if case.truth.footnotes:
            assert result.notes_abs_error == 1


ROUND_TRIPS = [
    (name, layout) for name, (*_rest, module) in SETS.items() for layout in module.LAYOUTS
]


def _by_template(item: str, templates: str) -> bool:
    """Whether a furniture line is what a header or footer template prints on some page."""
    numbered = re.sub(r"<span class='(?:pageNumber|totalPages)'></span>", "\x00", templates)
    return item in templates or any(
        re.fullmatch(re.escape(line).replace("\x00", r"\d+"), item)
        for line in re.findall(r">([^<>]*\x00[^<>]*(?:\x00[^<>]*)?)<", numbered)
    )


@pytest.mark.parametrize(("name", "layout"), ROUND_TRIPS)
def test_round_trip_source_is_deterministic_and_holds_its_truth(name, layout):
    build = SETS[name][3].build
    for seed in (0, 3):
        source, options, truth = build(layout, seed)
        assert build(layout, seed) == (source, options, truth)
        plain = _squash(html.unescape(re.sub(r"<sup>\d+</sup>", " ", _readable(source))))
        plain = plain.replace("<b>", "").replace("</b>", "")  # a drop capital
        plain = _squash(re.sub(r"<[^>]+>", " ", plain))
        assert len(truth.headings) >= 3
        for heading in truth.headings:
            assert heading.printed in plain, heading
            assert heading.level in {1, 2}
        for sentence in truth.sentences:
            assert appears(sentence, plain), sentence
        templates = html.unescape(
            options.get("header_template", "") + options.get("footer_template", "")
        )
        for item in truth.furniture:  # in the page, or printed by the templates
            assert item.text in plain or _by_template(item.text, templates), item
        assert truth.footnotes == len(re.findall(r"<sup>\d+</sup>", source))


# The fresh and third sets set each page's notes at its foot; the fourth's coursepack sets
# them after each reading (test_fourth_families.py checks those).
FOOT_NOTES = [(name, layout) for name, layout in ROUND_TRIPS if name in {"fresh", "third"}]


@pytest.mark.parametrize(("name", "layout"), FOOT_NOTES)
def test_round_trip_notes_stand_at_their_pages_foot(name, layout):
    for seed in (0, 3):
        source, _options, truth = SETS[name][3].build(layout, seed)
        foot = re.findall(r"<div class='foot'><hr>(.*?)</div></div>", source)
        assert sum(part.count("<div>") for part in foot) == truth.footnotes


@pytest.fixture(scope="module")
def renderer(tmp_path_factory, browser):
    with Renderer(cache=tmp_path_factory.mktemp("set-pdfs"), browser=browser) as renderer:
        yield renderer


@pytest.mark.browser
@pytest.mark.parametrize(("name", "family"), PDF)
def test_pdf_text_layer_holds_headings_furniture_and_every_sentence(name, family, renderer):
    from pypdf import PdfReader

    case = generate(family, 1, renderer)
    assert case.filename == f"{family}.pdf"
    reader = PdfReader(io.BytesIO(case.pdf))
    layer = unicodedata.normalize("NFKC", " ".join(p.extract_text() for p in reader.pages))
    layer = _readable(layer)
    assert len(reader.pages) >= 2
    # Synthesised small capitals come out of the text layer parted: "T OWARDS THE C OMMON".
    letters = re.sub(r"\s", "", layer).casefold()
    for heading in case.truth.headings:  # the fresh book's labels are letter-spaced apart
        shown = heading.title if name == "fresh" else heading.printed
        assert re.sub(r"\s", "", shown).casefold() in letters, heading
    for item in case.truth.furniture:  # glosses, running heads and folios really are printed
        assert re.sub(r"\s", "", item.text).casefold() in letters, item
    # Nothing was cut off by a full page (the fresh book's drop capital parts a first word).
    for sentence in case.truth.sentences:
        words = sentence.split()[1:] if name == "fresh" else sentence.split()
        assert appears(" ".join(words), layer), sentence
    perfect = score(_perfect(case), case.truth)
    assert perfect.f1 == 1.0
    assert perfect.furniture_rate in {None, 1.0}
