"""Rules added in round seven, part E (issue #13): a volume of letters with each
letter's notes after it.

Each layout is written by hand with its own words, so a rule is pinned by what it means.
"""

from __future__ import annotations

from studygroup.library.importing.clean import Block
from studygroup.library.importing.footnotes import extract_passage_notes
from studygroup.library.importing.pipeline import parse_text
from studygroup.library.importing.structure import split_letter_openings

# --- a volume of letters ---------------------------------------------------------------

_LETTER_ONE = """\
    The mill pond froze early that winter and the skaters came down from the
town in their dozens, which pleased the baker more than anyone.1 We walked
along the bank until the light failed and the lamps were lit on the bridge.

    Your parcel came on Tuesday, with the seed catalogue and the wool.2 Mother
says the colours are too bright for a kitchen, but she wears the scarf anyway.
                    With love,
                    Maud

1. The baker kept a stall by the weir from 1911.
2. The catalogue survives among the family papers."""

_LETTER_TWO = """\
    The thaw has flooded the lower meadow and the ducks have taken it over, to
the fury of the farmer who meant to sow it with barley this spring.1 Nobody
in the village remembers a wetter March than this one, or a colder Easter.
                    With love,
                    Maud

1. The farmer was her cousin on the mother's side."""


def test_notes_after_each_letter_numbered_afresh_are_counted_through_the_volume():
    text = (
        "Letters from the Mill\n\n\n1. To Ada Hart\n\nMillbrook, 3 January 1912\n\n"
        f"Dear Ada,\n{_LETTER_ONE}\n\n\n2. To Ben Stroud\n\nMillbrook, 9 March 1912\n\n"
        f"Dear Ben,\n{_LETTER_TWO}\n"
    )
    parsed = parse_text(text)
    assert [(f.number, f.text) for f in parsed.footnotes] == [
        (1, "The baker kept a stall by the weir from 1911."),
        (2, "The catalogue survives among the family papers."),
        (3, "The farmer was her cousin on the mother's side."),
    ]
    refs = [r.number for s in parsed.sections for p in s.paragraphs for r in p.refs]
    assert refs == [1, 2, 3]
    body = " ".join(p.text for s in parsed.sections for p in s.paragraphs)
    assert "kept a stall" not in body
    assert [s.title for s in parsed.sections if s.kind == "body"] == [
        "1. To Ada Hart",
        "2. To Ben Stroud",
    ]


def test_notes_under_a_notes_heading_in_each_chapter_are_left_to_the_notes_sections():
    chapter = (
        "    The harbour wall was rebuilt in stone after the storm of that autumn.1 The\n"
        "fishermen paid for half of it themselves, and the council for the rest.2\n\n"
        "Notes\n\n1. The council minutes record the sum.\n\n2. The fishermen kept a ledger.\n"
    )
    text = f"The Harbour\n\n\nChapter 1: Stone\n\n{chapter}\n\nChapter 2: Timber\n\n{chapter}"
    parsed = parse_text(text)
    assert len(parsed.footnotes) == 4
    assert [f.text for f in parsed.footnotes] == [
        "The council minutes record the sum.",
        "The fishermen kept a ledger.",
    ] * 2


def test_one_group_of_numbered_lines_is_left_to_the_other_note_rules():
    lines = [
        "    The harbour wall was rebuilt in stone after the storm.1 The fishermen paid",
        "for half of it themselves, and the council for the rest of the work.",
        "",
        "1. The council minutes record the sum.",
    ]
    assert extract_passage_notes(lines) == (lines, {})


def test_names_with_affiliation_marks_are_no_passage_for_notes():
    lines = [
        "Ada Hart1 and Ben Stroud2",
        "",
        "1. University of Millbrook",
        "2. The Weir Trust",
        "",
        "    The mill pond froze early that winter and the skaters came down from the",
        "town in their dozens.1 The baker was pleased with the trade it brought him.",
        "",
        "1. He kept a stall by the weir.",
    ]
    out, notes = extract_passage_notes(lines)
    assert notes == {}  # one real group only: left to the page-note rules
    assert out == lines


def test_letters_to_the_same_person_are_each_a_heading():
    letters = []
    for n, (place, day) in enumerate(
        [("Millbrook", "3 January"), ("Fenwick", "9 March"), ("Millbrook", "2 June")], 1
    ):
        letters.append(
            f"{n}. To Ada Hart\n\n{place}, {day} 1912\n\nDear Ada,\n\n"
            "The mill pond froze early that winter and the skaters came down from the "
            "town in their dozens, which pleased the baker more than anyone. We walked "
            "along the bank until the light failed.\n\nWith love,\nMaud"
        )
    parsed = parse_text("Letters from the Mill\n\n\n" + "\n\n\n".join(letters) + "\n")
    assert [s.title for s in parsed.sections if s.kind == "body"] == [
        "1. To Ada Hart",
        "2. To Ada Hart",
        "3. To Ada Hart",
    ]


def test_a_letters_dateline_and_greeting_stand_apart_from_its_heading_and_first_paragraph():
    block = Block(
        [
            "2. To Ben Stroud",
            "Fenwick, 9 March 1912",
            "Dear Ben,",
            "    The thaw has flooded the lower meadow and the ducks have taken it over.",
        ]
    )
    assert [b.lines for b in split_letter_openings([block])] == [
        ["2. To Ben Stroud"],
        ["Fenwick, 9 March 1912"],
        ["Dear Ben,"],
        ["    The thaw has flooded the lower meadow and the ducks have taken it over."],
    ]
    prose = Block(["Fenwick is a town. It has a mill.", "Dear me, what a wet March it was."])
    assert split_letter_openings([prose]) == [prose]


def test_a_letter_run_into_its_heading_is_headed_and_its_place_is_no_heading():
    text = (
        "Letters from the Mill\n\n\n"
        "1. To Ada Hart\nMillbrook, 3 January 1912\nDear Ada,\n"
        "    The mill pond froze early that winter and the skaters came down from the\n"
        "town in their dozens, which pleased the baker more than anyone at all.\n\n\n"
        "2. To Ben Stroud\nFenwick, 9 March 1912\nDear Ben,\n"
        "    The thaw has flooded the lower meadow and the ducks have taken it over, to\n"
        "the fury of the farmer who meant to sow it with barley this spring.\n"
    )
    titles = [s.title for s in parse_text(text).sections if s.kind == "body"]
    assert titles == ["1. To Ada Hart", "2. To Ben Stroud"]
