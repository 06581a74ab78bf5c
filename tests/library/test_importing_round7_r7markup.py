"""Round seven, part A (issue #13): a text pasted as the source of a wiki page, an
org-mode outline or an AsciiDoc document is read by that markup's own conventions
(markup.py): its headings, its notes, its declared title and author, and no trace of its
templates, drawers or directives in the paragraphs.

Each input is written by hand with its own prose, so a rule is pinned by what it means.
"""

from __future__ import annotations

from studygroup.library.importing.pipeline import parse_text

# --- Markdown's note markers, which every markup here becomes --------------------------


def test_a_short_paragraph_ending_in_a_note_marker_is_a_sentence_not_a_heading():
    text = (
        "## Ropes\n\nHemp swells in the rain.[^1]\n\n"
        "## Knots\n\nA reef knot spills under load. Use a sheet bend instead.\n\n"
        "[^1]: So it is stored dry.\n"
    )
    parsed = parse_text(text, markdown=True)
    assert [(s.level, s.title) for s in parsed.sections] == [(1, "Ropes"), (1, "Knots")]
    assert parsed.sections[0].paragraphs[0].text == "Hemp swells in the rain."


def test_a_sentence_ending_in_a_note_marker_is_not_carried_on_by_the_next_paragraph():
    text = (
        "## Ropes\n\nHemp swells in the rain. Store it dry.[^1]\n\n"
        "## Knots\n\nA reef knot spills under load.\n\nand a granny knot slips.\n\n"
        "[^1]: Or it rots.\n"
    )
    parsed = parse_text(text, markdown=True)
    assert [(s.level, s.title) for s in parsed.sections] == [(1, "Ropes"), (1, "Knots")]
    assert [p.text for p in parsed.sections[0].paragraphs] == [
        "Hemp swells in the rain. Store it dry."
    ]
