"""A wiki page copied out of a browser (importing/wiki.py): its article, not the site.

Written by hand, with prose of its own, so that the rule is pinned by what it means.
"""

from __future__ import annotations

from studygroup.library.importing.pipeline import parse_text
from studygroup.library.importing.wiki import strip_wiki_chrome

from .test_importing_structure import prose


def _page(edit: str = "[edit]", *, contents: bool = True) -> str:
    """A page with long unwrapped paragraphs, as a browser copies them."""
    parts = [
        "The Harbour Cooperative",
        "From Wikiwiki, the free encyclopedia",
        "Jump to navigation",
        "",
        prose(4) + "[1]",
    ]
    if contents:
        parts += ["", "Contents", "hide", "1 History", "1.1 The first cranes", "2 Members"]
        parts += ["3 See also", "4 References"]
    parts += [
        "",
        f"History{edit}",
        "",
        prose(5) + "[citation needed] " + prose(2) + "[2][3]",
        "",
        f"The first cranes{edit}",
        "",
        prose(5),
        "",
        f"Members{edit}",
        "",
        prose(5) + "[4]",
        "",
        f"See also{edit}",
        "",
        "• Dock labour",
        "",
        f"References{edit}",
        "",
        *[f"{n}. ^ Marsh, Ada. The Harbour. Leeds: Quay Press, 19{n}0." for n in range(1, 5)],
        "",
        'Retrieved from "https://wikiwiki.example/wiki/The_Harbour_Cooperative"',
        "Categories: Harbours | Cooperatives",
        "",
        "This page was last edited on 2 May 2024, at 14:20.",
        "",
        "Privacy policy   About Wikiwiki   Disclaimers",
    ]
    return "\n".join(parts)


def test_a_wiki_page_loses_its_chrome_and_edit_links():
    lines, found = strip_wiki_chrome(_page().split("\n"))
    assert found
    text = "\n".join(lines)
    for chrome in ("free encyclopedia", "Jump to", "Retrieved from", "Categories:", "[edit]"):
        assert chrome not in text
    assert "last edited" not in text and "Privacy policy" not in text
    assert "[citation needed]" not in text
    assert "History" in text and "[2][3]" in text  # the citation markers are notes


def test_one_sign_of_a_wiki_is_not_enough():
    lines = ["Jump to navigation", "", prose(), "", "History[edit]", "", prose()]
    assert strip_wiki_chrome(lines) == (lines, False)
    quoted = ["She wrote: [edit] is what the link said.", "", "Privacy policy", "", prose()]
    assert strip_wiki_chrome(quoted) == (quoted, False)


def test_a_wiki_page_is_chaptered_by_its_contents_box():
    parsed = parse_text(_page())
    assert parsed.title == "The Harbour Cooperative"
    assert [(s.level, s.kind, s.title) for s in parsed.sections[1:]] == [
        (1, "body", "History"),
        (2, "body", "The first cranes"),  # "1.1" in the contents box
        (1, "body", "Members"),
        (1, "back", "See also"),
        (1, "back", "References"),
    ]
    body = " ".join(p.text for s in parsed.sections for p in s.paragraphs)
    assert "Wikiwiki" not in body and "Categories" not in body
    assert len(parsed.footnotes) == 4


def test_a_wiki_page_without_edit_links_is_still_known_by_its_chrome():
    parsed = parse_text(_page(edit="", contents=False))
    assert [s.title for s in parsed.sections[1:]] == [
        "History",
        "The first cranes",
        "Members",
        "See also",
        "References",
    ]
    assert not any("free encyclopedia" in p.text for s in parsed.sections for p in s.paragraphs)


def test_bracketed_markers_after_a_full_stop_end_the_sentence():
    # Before the rule, "…[2][3]" left the paragraph open, and the heading after it was
    # read as the rest of its sentence.
    text = "\n\n".join(
        ["The Quay", prose(4) + "[1][2]", "The New Cranes", prose(4) + "[3]", "Dock Rules", prose()]
    )
    assert [s.title for s in parse_text(text).sections[1:]] == ["The New Cranes", "Dock Rules"]
