"""Notes marked with symbols (*, †, ‡) after their passage (footnotes.extract_symbol_notes).

Written by hand, with prose of its own, so that the rule is pinned by what it means.
"""

from __future__ import annotations

from studygroup.library.importing.footnotes import extract_symbol_notes
from studygroup.library.importing.pipeline import parse_text

from .test_importing_structure import prose


def test_symbol_notes_are_numbered_through_the_text():
    lines = [
        "The pilots met at dawn on the quay and argued about the new tide tables.* The",
        "harbour master would not hear of it, whatever the ledgers said.†",
        "",
        "* The ledgers of 1911.",
        "† Minutes of the quay committee,",
        "  kept in the harbour office.",
        "",
        "The cranes came in spring, and nobody on the quay had asked for them.* That",
        "was the end of the matter for another year or so, as the pilots told it.",
        "",
        "* A letter from the crane makers.",
    ]
    out, notes = extract_symbol_notes(lines)
    assert notes == {
        1: ["The ledgers of 1911."],
        2: ["Minutes of the quay committee,", "  kept in the harbour office."],
        3: ["A letter from the crane makers."],
    }
    assert "tide tables.[1] The" in out[0] and out[1].endswith("said.[2]")
    assert "for them.[3] That" in out[7]
    assert not any(line.startswith(("*", "†")) for line in out)


def test_scene_breaks_lists_and_affiliations_are_no_notes():
    lines = [
        "Ada Marsh* and Ben Okafor†",
        "",
        "* Harbour College",
        "† Quay Institute",
        "",
        "The pilots met at dawn on the quay and argued about the new tide tables.",
        "",
        "* * *",
        "",
        "* apples",
        "* pears",
    ]
    assert extract_symbol_notes(lines) == (lines, {})


def test_an_ebook_with_symbol_notes_keeps_them_as_notes():
    text = "\n\n".join(
        [
            "The Harbour Book",
            "The Cold Morning",
            prose(3) + "* " + prose(2) + "†",
            "* The ledgers of 1911.\n† Minutes of the quay committee.",
            "The Long Winter",
            prose(3) + "*",
            "* A letter from the crane makers.",
        ]
    )
    parsed = parse_text(text)
    assert [f.text for f in parsed.footnotes] == [
        "The ledgers of 1911.",
        "Minutes of the quay committee.",
        "A letter from the crane makers.",
    ]
    assert [s.footnote_numbers for s in parsed.sections] == [[1, 2], [3]]
    assert "ledgers" not in " ".join(p.text for s in parsed.sections for p in s.paragraphs)
