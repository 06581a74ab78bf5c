"""Notes printed in a page's margin (margins.py), and a numbered heading above a page's
notes (formats._page_notes): PDF layout text written by hand."""

from __future__ import annotations

from studygroup.library.importing import formats
from studygroup.library.importing.margins import split_margin_notes

BODY = [
    "The harbour board met on a wet Tuesday and argued about the cranes for an hour.",
    "Nobody could agree on the order of business, so the chair called a vote on it.",
    "Afterwards the pilots walked down to the quay and talked about the new rota.",
    "In the evening a long letter came from the branch on the other side of the bay.",
    "It raised questions that kept the board busy for the rest of that long winter.",
    "The letter asked who had paid for the ropes, and who had sold the old ones.",
    "Nobody on the board could say, so they wrote back to ask the branch itself.",
    "The answer came a month later, in the same hand and on the same blue paper.",
]


def test_a_gloss_in_the_margin_is_taken_off_the_line_beside_it():
    lines = list(BODY)
    lines[1] = lines[1] + " " * 30 + "Cf. rule 9"
    lines[3] = lines[3] + " " * 24 + "Carrow, 1943"
    lines.append(" " * 140 + "2 / 5")  # the page number, far right: not the column's edge
    kept, notes = split_margin_notes(lines)
    assert notes == ["Cf. rule 9", "Carrow, 1943"]
    assert kept[1] == BODY[1] and kept[3] == BODY[3]


def test_a_wide_gap_inside_the_text_column_is_no_margin_note():
    # A table row's gap, or a page header's page number, stands within the column.
    lines = [*BODY, "Quay          1912          1934", "The Harbour Book" + " " * 20 + "12"]
    # Two pages printed on one sheet: the right one's number is far out, but no note.
    lines.append(" " * 40 + "— 3 —" + " " * 90 + "— 4 —")
    assert split_margin_notes(lines) == (lines, [])
    # Too few ordinary lines to know where the column ends: nothing is taken.
    short = [BODY[0] + " " * 30 + "Cf. rule 9", BODY[1]]
    assert split_margin_notes(short) == (short, [])


def test_a_numbered_heading_above_the_pages_own_note_is_not_that_note():
    lines = [
        *BODY[:4],
        "The ropes were sold in the spring.3 The pilots left.",
        "",
        "   3 The Cranes Question",
        "The crane drivers asked for a vote on the new rota, and the board",
        "agreed to it in the spring.",
        "",
        "3 Minutes of the board, 1913.",
    ]
    body_end, first, numbers = formats._page_notes(lines, expected=3)
    assert (lines[first], numbers) == ("3 Minutes of the board, 1913.", [3])
