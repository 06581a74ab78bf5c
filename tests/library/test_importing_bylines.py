"""Bylines and signatures in collections of essays (importing/bylines.py).

Written by hand, with prose of its own, so that the rule is pinned by what it means.
"""

from __future__ import annotations

from studygroup.library.importing.bylines import (
    byline_name,
    is_byline,
    lowercase_words,
    personal_name,
)
from studygroup.library.importing.clean import Block
from studygroup.library.importing.pipeline import parse_text

from .test_importing_structure import PROSE, plain_text, prose, wrapped


def _essays(byline=lambda name: name, title=lambda t: t) -> str:
    return plain_text(
        "Voices from the Quay",
        "Essays edited by Ada Marsh",
        "Introduction",
        PROSE,
        f"{' ' * 40}A. Marsh",
        title("The Cold Morning"),
        byline("Ben Okafor"),
        PROSE,
        "Who Paid the Pilots?",
        PROSE,
        title("Cranes against Sails"),
        byline("Cleo Varga"),
        PROSE,
        "The Long Winter",
        PROSE,
        sentences=4,
    )


def _paragraphs(parsed) -> str:
    return " ".join(p.text for s in parsed.sections for p in s.paragraphs)


def test_a_name_is_told_from_a_title_by_the_texts_own_words():
    lower = lowercase_words([Block(["the long winter came to the harbour and the quay"])])
    assert personal_name("Ben Okafor", lower)
    assert personal_name("BEN OKAFOR", lower)
    assert personal_name("A. Marsh", lower)
    assert not personal_name("The Long Winter", lower)  # small words, and used in the prose
    assert not personal_name("Harbour Quay", lower)  # both words are the prose's own
    assert not personal_name("Okafor", lower)  # one word: not a name alone


def test_a_byline_says_so_itself_or_is_a_name_alone():
    lower = lowercase_words([Block(["the long winter came to the harbour"])])
    assert is_byline(Block(["By Ada Vance and Ben Stroud"]))
    assert is_byline(Block(["Ada Vance, branch correspondent"]))
    assert not is_byline(Block(["Ada Vance"]))  # a name alone: only in a collection
    assert byline_name("Ada Vance", lower) and byline_name("by Ada Vance", lower)
    assert not byline_name("Ada Vance, branch correspondent", lower)
    assert not byline_name("The Long Winter", lower)


def test_bylines_go_and_their_titles_head_the_essays():
    parsed = parse_text(_essays())
    assert [(s.level, s.title) for s in parsed.sections] == [
        (1, "Introduction"),
        (1, "The Cold Morning"),
        (2, "Who Paid the Pilots?"),  # a cross-head inside the essay
        (1, "Cranes against Sails"),
        (2, "The Long Winter"),
    ]
    text = _paragraphs(parsed)
    assert "Okafor" not in text and "Varga" not in text
    assert "A. Marsh" not in text  # the editor's signature under the introduction


def test_by_bylines_and_capital_titles():
    parsed = parse_text(_essays(byline=lambda name: f"by {name}", title=str.upper))
    assert [(s.level, s.title) for s in parsed.sections][1:4] == [
        (1, "The Cold Morning"),
        (2, "Who Paid the Pilots?"),
        (1, "Cranes Against Sails"),
    ]
    assert "Okafor" not in _paragraphs(parsed)


def test_one_name_under_one_title_is_left_alone():
    # A single short line under a heading (an addressee, a subtitle) is no collection.
    text = plain_text(
        "The Harbour Book",
        PROSE,
        "The Cold Morning",
        "Ben Okafor",
        PROSE,
        "The Long Winter",
        PROSE,
        sentences=4,
    )
    parsed = parse_text(text)
    assert "Ben Okafor" in _paragraphs(parsed) + " ".join(s.title for s in parsed.sections)


def test_an_anthologys_contents_lists_authors_under_titles():
    text = plain_text(
        "Voices from the Quay",
        "Contents\n\nIntroduction\nThe Cold Morning\n    Ben Okafor\n"
        "Cranes against Sails\n    Cleo Varga",
        "Introduction",
        PROSE,
        "The Cold Morning",
        "Ben Okafor",
        PROSE,
        "Cranes against Sails",
        "Cleo Varga",
        PROSE,
        sentences=4,
    )
    parsed = parse_text(text)
    assert [(s.level, s.title) for s in parsed.sections] == [
        (1, "Introduction"),
        (1, "The Cold Morning"),
        (1, "Cranes against Sails"),
    ]
    assert "Okafor" not in _paragraphs(parsed)


def test_each_essays_notes_end_at_the_next_essays_title_and_byline():
    def essay(title: str, author: str) -> list[str]:
        return [
            title,
            author,
            "    " + prose(1),  # an epigraph
            f"{' ' * 20}— Ida Strand",
            wrapped(prose(4) + "1 " + prose(2) + "2"),
            "Notes",
            "1. Minutes of the quay committee.\n\n2. The harbour ledger, 1911.",
        ]

    text = "\n\n".join(
        ["Voices from the Quay", "Introduction", wrapped(prose(4))]
        + essay("The Cold Morning", "Ben Okafor")
        + essay("Cranes against Sails", "Cleo Varga")
    )
    parsed = parse_text(text)
    assert [s.title for s in parsed.sections if s.kind == "body"] == [
        "Introduction",
        "The Cold Morning",
        "Cranes against Sails",
    ]
    assert len(parsed.footnotes) == 4
    assert all(f.text for f in parsed.footnotes)
