"""Structure rules added for the third families (issue #13, round three, part A): time
codes, newsletters' headlines and rubrics, a document's kind over its title, epigraphs,
footers naming the text, and lettered clauses.

Each layout is written by hand with its own prose, so a rule is pinned by what it means.
"""

from __future__ import annotations

from studygroup.library.importing.clean import starts_lower, starts_upper
from studygroup.library.importing.pipeline import parse_text

from .test_importing_structure import PROSE, outline, plain_text, prose, wrapped


def _body(parsed) -> str:
    return " ".join(p.text for s in parsed.sections for p in s.paragraphs)


# --- transcripts: time codes and the kind of document over its title -------------------------


def test_a_transcripts_time_codes_are_furniture():
    text = "\n\n".join(
        [
            "Voices from the Quay",
            "ADA VANCE: " + wrapped(prose()),
            "[00:14:05]",
            "BEN STROUD: " + wrapped(prose()),
            "(01:02:33)",
            "ADA VANCE: " + wrapped(prose()),
        ]
    )
    parsed = parse_text(text)
    everything = " ".join([*(s.title for s in parsed.sections), _body(parsed)])
    assert "00:14:05" not in everything and "01:02:33" not in everything
    assert "BEN STROUD:" in everything


def test_the_kind_of_document_over_its_title_is_not_the_title():
    text = "\n\n".join(
        [
            "TRANSCRIPT",
            "Voices from the Quay",
            "Oral history interview with Ada Vance\nInterviewer: Ben Stroud\nPlace: Carrow",
            "The Lodge Question",
            "ADA VANCE: " + wrapped(prose()),
        ]
    )
    parsed = parse_text(text)
    assert parsed.title == "Voices from the Quay"
    assert [s.title for s in parsed.sections] == ["Voices from the Quay", "The Lodge Question"]


# --- newsletters: a headline over its byline, under a rubric -----------------------------------


def test_a_headline_over_its_byline_heads_the_article_and_its_rubric_goes():
    text = plain_text(
        "THE QUAY BULLETIN",
        "Issue 12 · Spring 1961",
        "OBITUARY",
        "The Last Harbour Master",
        "By Ada Vance",
        PROSE,
        "Who Kept the Ropes?",
        PROSE,
        "ON THE WATER",
        "Cranes at Night",
        "Ben Stroud, branch correspondent",
        PROSE,
    )
    parsed = parse_text(text)
    assert [(s.level, s.title) for s in parsed.sections if s.kind == "body"][-3:] == [
        (1, "The Last Harbour Master"),
        (2, "Who Kept the Ropes?"),
        (1, "Cranes at Night"),
    ]
    body = _body(parsed)
    for furniture in ("OBITUARY", "ON THE WATER", "By Ada Vance", "branch correspondent"):
        assert furniture not in body


def test_a_rubric_goes_over_a_title_whose_byline_is_a_name_alone():
    # bylines.py takes "Ada Vance" alone as a byline first; the rubric over its title is
    # still the periodical's, not a heading (the two rules met when merged).
    text = plain_text(
        "THE QUAY BULLETIN",
        "Issue 12 · Spring 1961",
        PROSE,
        "OBITUARY",
        "The Last Harbour Master",
        "Ada Vance",
        PROSE,
        "ON THE WATER",
        "Cranes at Night",
        "Ben Stroud",
        PROSE,
    )
    parsed = parse_text(text)
    assert [(s.level, s.title) for s in parsed.sections if s.kind == "body"][-2:] == [
        (1, "The Last Harbour Master"),
        (1, "Cranes at Night"),
    ]
    body = _body(parsed)
    assert "OBITUARY" not in body and "ON THE WATER" not in body
    assert not any(s.title in {"Obituary", "On the Water"} for s in parsed.sections)


# --- epigraphs and bylines on a title page ------------------------------------------------


def test_an_epigraph_under_the_title_is_text_and_names_no_author():
    text = plain_text(
        "The Harbour Theses",
        "    By most accounts the quay was never sold.\n                — Ada Vance, 1894",
        PROSE,
        "ON THE COMMON QUAY",
        PROSE,
    )
    parsed = parse_text(text)
    assert (parsed.title, parsed.author) == ("The Harbour Theses", None)
    # On one line, unsigned, "By most accounts …" is still a sentence, not a byline.
    unsigned = text.replace("\n                — Ada Vance, 1894", "")
    assert parse_text(unsigned).author is None
    assert "By most accounts the quay was never sold." in _body(parsed)
    assert [s.title for s in parsed.sections][-1] == "On the Common Quay"


# --- footers naming the text ---------------------------------------------------------


def test_a_page_footer_naming_the_text_with_its_page_number_is_dropped():
    text = plain_text(
        "HARBOUR PILOTS' UNION",
        "§ 1\nName and Office",
        PROSE,
        "Rules of the Harbour Pilots' Union                1",
    )
    assert "Rules of the" not in _body(parse_text(text))


# --- lettered clauses ----------------------------------------------------------------


def test_a_lettered_clauses_case_is_that_of_its_words():
    assert not starts_lower("(b) The committee shall meet.")
    assert starts_upper("(iv) Members pay dues.")
    assert starts_lower("(b) the rest of the sentence")
    text = "\n\n".join(
        [
            "HARBOUR PILOTS' UNION",
            "§ 1\nName and Office",
            "(a) " + wrapped(prose()) + " For years the argument went on on",
            "Rules of the Harbour Pilots' Union                1\n\f",
            "the old quay.",
            "(b) " + wrapped(prose()),
        ]
    )
    paragraphs = [p.text for s in parse_text(text).sections for p in s.paragraphs]
    assert any(p.endswith("went on on the old quay.") for p in paragraphs)
    assert any(p.startswith("(b) ") for p in paragraphs)


def test_rule_books_outline_is_read_whole():
    assert [title for _, _, title in outline("§ 1\nName\n\n" + wrapped(prose()))] == ["§ 1 Name"]
