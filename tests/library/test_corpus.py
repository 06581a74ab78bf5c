"""The import pipeline on the five real texts in ../shared/texts (never copied here).

Only short phrases are quoted, enough to prove a break was mended or a marker removed.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest

from studygroup.library.importing.document import ParsedText
from studygroup.library.importing.pipeline import parse_bytes

pytestmark = pytest.mark.corpus


@cache
def _parse(path: Path) -> ParsedText:
    return parse_bytes(path.read_bytes(), path.name)


@pytest.fixture
def parsed(shared_texts):
    def get(prefix: str) -> ParsedText:
        [path] = sorted(shared_texts.glob(f"{prefix}_*.txt"))
        return _parse(path)

    return get


def paragraphs(text: ParsedText, kind: str | None = None) -> list[str]:
    return [p.text for s in text.sections for p in s.paragraphs if kind in (None, p.kind)]


def body_text(text: ParsedText) -> str:
    return "\n".join(paragraphs(text))


def refs(text: ParsedText) -> list[int]:
    return [r.number for s in text.sections for p in s.paragraphs for r in p.refs]


# --- every text --------------------------------------------------------------------------


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_no_page_furniture_or_broken_lines_inside_paragraphs(parsed, prefix):
    text = parsed(prefix)
    for para in paragraphs(text):
        assert para and "\n" not in para and para == para.strip()
        assert not re.fullmatch(r"[\divxlc\s.–-]+", para, re.I), para  # a bare page number
        assert "  " not in para
    for section in text.sections:
        assert section.level in (1, 2) and section.kind in ("front", "body", "back")
        for para in section.paragraphs:
            for ref in para.refs:
                assert 0 <= ref.offset <= len(para.text)


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_prose_paragraphs_do_not_start_mid_sentence(parsed, prefix):
    web = re.compile(r"(?:www\.|https?:|\S+@\S+\.)")  # addresses may start in lower case
    prose = paragraphs(parsed(prefix), "prose")
    starts = [p[:40] for p in prose if p[0].islower() and not web.match(p)]
    assert starts == []


def test_all_five_parse_quickly(shared_texts):
    import time

    files = sorted(shared_texts.glob("*.txt"))
    assert len(files) == 5
    start = time.process_time()
    for path in files:
        parse_bytes(path.read_bytes(), path.name)
    assert time.process_time() - start < 1.0


# --- 000: a short book with a contents list ----------------------------------------------

CHAPTERS_000 = [
    "Introduction",
    "Stalinism",
    "Camps",
    "Bodies",
    "Identity",
    "Organisation",
    "Freedom",
    "Commons",
    "Intersections",
    "Plurality",
    "Transitions",
]


def test_000_title_author_and_chapters(parsed):
    text = parsed("000")
    assert text.title == "Stalinist Realism and Open Communism"
    assert text.author == "Ian Parker"
    level1 = [(s.kind, s.title) for s in text.sections if s.level == 1]
    assert [t for k, t in level1 if k == "body"] == CHAPTERS_000
    assert [t for k, t in level1 if k == "back"] == ["Further Reading", "Glossary"]
    assert [t for k, t in level1 if k == "front"] == ["Copyright", "Front matter"]
    # Front matter comes first, back matter last.
    kinds = [k for k, _ in level1]
    assert kinds == sorted(kinds, key=["front", "body", "back"].index)
    assert not any("no chapters" in w for w in text.warnings)


def test_000_sub_headings_under_their_chapters(parsed):
    text = parsed("000")
    order = [(s.level, s.title) for s in text.sections]
    subs = {t for lvl, t in order if lvl == 2}
    assert {
        "Stalinist Realism",
        "Open communism",
        "Democracy",
        "Reform",
        "Strength",
        "Sides",
        "Fantasy",
        "Centralisation",
        "Cooperation",
        "Internationalism",
        "Identity",
        "Prefigurative",
        "Means",
    } <= subs
    assert order.index((2, "Democracy")) < order.index((1, "Camps"))
    assert order.index((1, "Intersections")) < order.index((2, "Identity"))
    assert order.index((1, "Identity")) < order.index((1, "Organisation"))


def test_000_contents_copyright_and_headers_stay_out_of_the_body(parsed):
    text = parsed("000")
    for section in text.sections:
        assert section.title.upper() != "CONTENTS"
    joined = body_text(text)
    assert "\t" not in joined and "■" not in joined
    assert "STALINIST REALISM AND OPEN COMMUNISM" not in joined
    assert "IAN PARKER" not in joined
    copyright_section = next(s for s in text.sections if s.title == "Copyright")
    assert any("ISBN" in p.text for p in copyright_section.paragraphs)
    assert not any("ISBN" in p for s in text.sections if s.kind == "body" for p in paragraphs_of(s))


def paragraphs_of(section) -> list[str]:
    return [p.text for p in section.paragraphs]


def test_000_sentences_split_by_page_breaks_are_rejoined(parsed):
    joined = body_text(parsed("000"))
    assert "accountable and can be quickly" in joined
    assert "things, a form of organisation" in joined  # across a running header
    assert "claims against capitalism for what is ours" in joined  # across the author header
    assert "anti-capitalist" in joined


# --- 001: an article with one sub-heading -------------------------------------------------


def test_001_article(parsed):
    text = parsed("001")
    assert text.title == "Russian Federation"
    assert [(s.level, s.title) for s in text.sections] == [
        (1, "Russian Federation"),
        (2, "State and Revolution"),
    ]
    assert any(w.startswith("no chapters found") for w in text.warnings)
    assert "series of FIIMG articles" not in body_text(text)
    assert "de-Stalini" in body_text(text)


# --- 002: a pamphlet with markers but no notes --------------------------------------------

SECTIONS_002 = [
    "Opening",
    "Polarized Politics: Danger from the Right, Openings for the Left",
    "A Moment of Danger . . . and of Socialist Possibility",
    "What kind of Left? What kind of Socialism?",
    "Socialism from Below: Principles and Practices",
    "Socialism from Below after Marx",
    "Unforgiving Years: Socialism from Below before the New Left of the 1960s",
    "Socialism from Below Today: New Directions",
    "Identity, Diversity and Justice",
    "Organizing for Socialism Today",
]


def test_002_section_headings(parsed):
    text = parsed("002")
    assert [s.title for s in text.sections] == SECTIONS_002
    assert all(s.level == 1 and s.kind == "body" for s in text.sections)


def test_002_hyphenation(parsed):
    joined = body_text(parsed("002"))
    assert "which has produced years" in joined
    assert "hopeful possibilities for" in joined
    assert "de-stabilizing" in joined
    assert "anti-racist" in joined
    assert "pre-1917 radicals" in joined
    assert "(1871-1919)" in joined
    assert not re.search(r"\b(pro-duced|possibili-ties|pro- duced)\b", joined)


def test_002_markers_without_notes(parsed):
    text = parsed("002")
    assert refs(text) == list(range(1, 88))
    assert [f.number for f in text.footnotes] == list(range(1, 88))
    assert all(f.text == "" for f in text.footnotes)
    assert "87 note markers have no note text in the source" in text.warnings
    first = text.sections[0].paragraphs[0]
    assert first.text.startswith("TREMORS COME BEFORE EARTHQUAKES. OFTEN THEY ARE FELT for")
    assert first.text[: first.refs[0].offset].endswith("EARTHQUAKES.")


def test_002_real_numbers_survive(parsed):
    joined = body_text(parsed("002"))
    for phrase in ["(ages 18-29)", "7.7 million voters", "3.2 billion Euros", "2009-10,"]:
        assert phrase in joined
    assert "minimum wage to $15." in joined
    assert "Americans.4" not in joined and "Americans." in joined


def test_002_captions_and_pull_quotes_are_moved_out_of_sentences(parsed):
    text = parsed("002")
    prose = paragraphs(text, "prose")
    for credit in ["JALANI MORGAN", "GOPNIK", "EVERYDAY FEMINISM", "speaking at a rally"]:
        assert not any(credit in p for p in prose), credit
    captions = paragraphs(text, "caption")
    assert any("JALANI MORGAN" in c for c in captions)
    assert any(c.startswith("Paris Commune") for c in captions)
    joined = "\n".join(prose)
    assert "The laboring people of Paris" in joined
    assert "Those subscribing to a class" in joined
    assert "outside Russia, one which claimed" in joined
    assert "wonderful pamphlet on ancient" in joined  # across a caption and page "22"
    assert "consciousness of white people" in joined  # across a pull-quote and page "26"
    quotes = paragraphs(text, "quote")
    assert any(q.startswith("Eco-socialists have rightly shown how") for q in quotes)


def test_002_verse_and_block_quotes(parsed):
    text = parsed("002")
    verse = paragraphs(text, "verse")
    assert len(verse) == 1 and verse[0].count(" / ") == 5
    quotes = paragraphs(text, "quote")
    assert any(q.startswith("We are not among those communists") for q in quotes)
    assert not any(s.title.startswith("Ferguson") for s in text.sections)


# --- 003: a web article -------------------------------------------------------------------


def test_003_title_author_and_boilerplate(parsed):
    text = parsed("003")
    title = (
        "100 years since the founding of the Left Opposition: "
        "What is the relevance of the fight against Stalin today?"
    )
    assert text.title == title
    assert text.author == "Drew Walton"
    assert [(s.level, s.title) for s in text.sections] == [
        (1, title),
        (2, "Internationalism and workers democracy"),
        (2, "The need for a new workers’ party"),
    ]
    joined = body_text(text)
    assert "Leave a Reply" not in joined and "email address" not in joined
    assert "International Socialist Alternative" not in text.sections[0].paragraphs[0].text
    assert text.sections[0].paragraphs[0].text.startswith("2023 marks the 100th anniversary")


# --- 004: a double-spaced article with notes at the foot of each page ---------------------

SECTIONS_004 = [
    "Opening",
    "Marxism and anarchism/ syndicalism: convergence and blurred lines",
    "Presence: the historical impact of anarchism and syndicalism",
    "On sources: avoiding misreadings",
    "Some misunderstandings: anarchism and the armed defence of the revolution",
    "Setting the record straight: the Spanish anarchists versus the Popular Front",
    "Again: power, freedom and anarchist revolution",
    "Black Flame, debates within anarchism/ syndicalism and the question of "
    "specifically anarchist political organisations",
    "Some clarity: the relation between anarchism, syndicalism and “real democracy”",
    "The interplay of anarchist democracy and armed defence of the revolution",
    "Some clarity: the Paris Commune, the anarchists, and “the state”",
    "Judgement: do anarchists have a “massive misunderstanding” of the “Marxist tradition”?",
    "Track record: the Soviet Union, 1917-1928 and the Bolshevik myth",
    "Explanations: once more, did Lenin lead to “Stalinism”?",
    "Lenin and Trotsky’s ambiguous legacy",
    "In conclusion: to which tradition should we look for 21st century resistance?",
]


def test_004_headings(parsed):
    assert [s.title for s in parsed("004").sections] == SECTIONS_004


def test_004_page_notes_extracted_and_linked(parsed):
    text = parsed("004")
    notes = {f.number: f.text for f in text.footnotes}
    assert notes[2].startswith("I use the term “syndicalist” in its correct")
    assert "seizure and self-management of the means of production" in notes[2]
    assert notes[4].endswith("no. 125 (2010)., p. 132")  # "125" starts a line: not a new note
    assert notes[3].endswith("http://black-flame-anarchism.blogspot.com/")
    assert sum(1 for t in notes.values() if t) >= 90
    numbers = refs(text)
    assert numbers == sorted(numbers) and len(set(numbers)) == len(numbers)
    assert set(range(2, 244)) <= set(numbers)
    first = text.sections[0].paragraphs[0]
    assert first.refs[0].number == 2
    assert first.text[: first.refs[0].offset].endswith("anarchist and syndicalist")
    assert any("without a marker in the text (1)" in w for w in text.warnings)


def test_004_notes_and_page_numbers_stay_out_of_the_body(parsed):
    joined = body_text(parsed("004"))
    assert "Black Flame is volume one of our" not in joined
    assert "Cliff, Marxism at the Millennium" not in joined
    assert "Ibid." not in joined
    assert "defending a new one)." in joined and "16 defending" not in joined
    assert "(issue 125)" in joined and "(issue 127)" in joined
    assert "a wealth of historical material" in joined
    assert "self-management" in joined and "anti-capitalist" in joined


def test_004_block_quotes(parsed):
    quotes = paragraphs(parsed("004"), "quote")
    assert any(q.startswith("Dictatorship of the proletariat is a term") for q in quotes)
    assert any(q.startswith("… if the civil war had not plundered") for q in quotes)


def test_002_line_end_hyphens_small_caps_and_epigraph(parsed):
    text = parsed("002")
    joined = body_text(text)
    for word in ("Facebook", "predominantly", "preserving", "movement-building"):
        assert word in joined, word
    assert "FOR THE RADICAL Left" in joined and "IDENTITY politics" in joined
    assert not re.search(r"Face-book|pre-dominantly|pre-serving|RADIcal|IDENtity", joined)
    assert "We can’t breathe. And we won’t stop until Freedom." in paragraphs(text, "quote")


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_titles_are_never_file_names_or_hashes(parsed, prefix, shared_texts):
    text = parsed(prefix)
    [path] = sorted(shared_texts.glob(f"{prefix}_*.txt"))
    stem = path.stem
    assert not re.search(r"[0-9a-f]{8,}", text.title), text.title
    assert stem.split("_")[0] not in text.title.split()
    assert all(stem.split("_")[-1] not in s.title for s in text.sections)
    # One warning about the title at most, and none when the text stated one.
    assert sum("no title found" in w for w in text.warnings) <= 1


def test_002_and_004_state_no_title_so_they_open_with_their_own_words(parsed):
    assert parsed("002").title == "Tremors Come before Earthquakes"
    assert parsed("004").title.startswith("The growth of a significant anarchist")
    assert "syndicalist2" not in parsed("004").title
