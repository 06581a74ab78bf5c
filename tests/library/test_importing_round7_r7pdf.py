"""Rules added in round seven, part E (issue #13): a volume of letters with each
letter's notes after it, a course pack of readings under numbered kickers, and the
title page of a paper whose header template runs over it too.

Each layout is written by hand with its own words, so a rule is pinned by what it means.
"""

from __future__ import annotations

from studygroup.library.importing import formats
from studygroup.library.importing.clean import Block, unspace_letters
from studygroup.library.importing.document import ParsedSection, ParsedText
from studygroup.library.importing.footnotes import extract_passage_notes
from studygroup.library.importing.headings import BARE_LABEL, CHAPTER
from studygroup.library.importing.pipeline import parse_text
from studygroup.library.importing.structure import split_letter_openings

from .test_importing_structure import PROSE, plain_text

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


# --- a course pack -----------------------------------------------------------------------

_LONG = "The depot's minute book records every tram that left the yard in the strike week."


def test_a_page_indented_under_a_wider_header_is_set_back_to_its_text_block():
    page = "\n".join(
        [
            "     Notes",
            "",
            "     17. The minute book, page four.",
            f"     {_LONG}",
            "         indented",
        ]
    )
    title_page = "\n".join(["                The Tram Depot", "", "     Compiled by Ada Hart"])
    assert formats._align_text_block([title_page, page]) == [
        title_page,
        "\n".join(["Notes", "", "17. The minute book, page four.", _LONG, "    indented"]),
    ]


def _pack_page(kicker: str, title: str, folio: int) -> str:
    return "\n".join(
        [
            "HIST 210 · The Tram Depot",
            kicker,
            title,
            "",
            _LONG,
            _LONG,
            "",
            f"Course pack page {folio}",
        ]
    )


def test_a_numbered_kicker_over_each_reading_is_kept_and_the_folio_dropped():
    # Each reading runs over two pages; the folio is on every page, the kicker on its first.
    overleaf = [_pack_page("", _LONG, folio) for folio in (3, 5, 7)]
    pages = [
        "The Tram Depot\n\nCompiled by Ada Hart",
        _pack_page("READING 1", "Strike Week", 2),
        overleaf[0],
        _pack_page("READING 2", "The Night Cars", 4),
        overleaf[1],
        _pack_page("READING 3", "Fares and Tolls", 6),
        overleaf[2],
    ]
    out = formats._strip_page_furniture(pages)
    for page, (kicker, title) in zip(
        out[1::2],
        [
            ("READING 1", "Strike Week"),
            ("READING 2", "The Night Cars"),
            ("READING 3", "Fares and Tolls"),
        ],
        strict=True,
    ):
        lines = [line for line in page.split("\n") if line.strip()]
        assert lines[:2] == [kicker, title]
        assert not any("Course pack page" in line or "HIST 210" in line for line in lines)


def test_a_letter_spaced_label_keeps_its_number_apart():
    assert unspace_letters(["R E A D I N G 3"]) == ["READING 3"]
    assert unspace_letters(["     W E E K 2"]) == ["     WEEK 2"]


def test_a_reading_label_numbers_a_unit_but_not_a_reading_inside_a_week():
    assert BARE_LABEL.match("READING 3")
    assert CHAPTER.match("Reading 3: Strike Week")
    assert not CHAPTER.match("Reading 1.2")
    assert not BARE_LABEL.match("Reading 1.2")


# --- the title page of a paper -------------------------------------------------------------


def _paper_page(n: int) -> str:
    return "\n".join(["Paper 7 — The Night Cars", "", _LONG, _LONG, "", f"Paper 7 · page {n}"])


def test_the_header_template_over_the_title_page_is_dropped_but_the_title_kept():
    title_page = "\n".join(
        [
            "Paper 7 — The Night Cars",
            "",
            "Millbrook Transport Trust",
            "The Night Cars",
            "by Ada Hart",
            "",
            "Paper 7 · page 1",
        ]
    )
    out = formats._strip_page_furniture([title_page, *(_paper_page(n) for n in (2, 3, 4))])
    assert [line for line in out[0].split("\n") if line.strip()] == [
        "Millbrook Transport Trust",
        "The Night Cars",
        "by Ada Hart",
    ]


def test_a_header_that_is_the_title_alone_stays_on_the_title_page():
    title_page = "The Night Cars\n\nby Ada Hart\n\nMillbrook, 1931"
    pages = [title_page, *("\n".join(["The Night Cars", "", _LONG, _LONG]) for _ in range(3))]
    assert formats._strip_page_furniture(pages)[0] == title_page


def test_the_opening_is_named_after_the_files_title_over_the_body_that_issued_it():
    parsed = ParsedText(
        title="Millbrook Transport Trust",
        author=None,
        sections=[
            ParsedSection(title="Millbrook Transport Trust"),
            ParsedSection(title="1. Fares"),
        ],
    )
    formats._retitle_opening(parsed, "The Night Cars")
    assert [s.title for s in parsed.sections] == ["The Night Cars", "1. Fares"]
    heading = ParsedText(
        title="The Night Cars", author=None, sections=[ParsedSection(title="1. Fares")]
    )
    formats._retitle_opening(heading, "The Night Cars")
    assert heading.sections[0].title == "1. Fares"


# --- a briefing paper's panels -----------------------------------------------------------


def test_a_panels_label_in_a_numbered_paper_is_no_section():
    def section(number: str, title: str) -> list[object]:
        return [f"{number} {title}", PROSE]

    text = plain_text(
        *section("1.", "Where the Trams Ran"),
        *section("1.1", "The Night Cars"),
        "EXAMPLE: THE FENWICK LINE",
        PROSE,
        *section("2.", "What the Fares Paid For"),
        *section("3.", "What Comes Next"),
    )
    parsed = parse_text(text)
    assert [s.title for s in parsed.sections if s.kind == "body"] == [
        "1. Where the Trams Ran",
        "1.1 The Night Cars",
        "2. What the Fares Paid For",
        "3. What Comes Next",
    ]
    body = " ".join(p.text for s in parsed.sections for p in s.paragraphs)
    assert "EXAMPLE: THE FENWICK LINE" in body


# --- a report ------------------------------------------------------------------------------


def test_a_reports_recommendations_close_it_at_the_level_of_its_summary():
    text = plain_text(
        "Summary",
        PROSE,
        "1 Where the Trams Ran",
        PROSE,
        "2 What the Fares Paid For",
        PROSE,
        "2.1 The Night Cars",
        PROSE,
        "3 What the Depot Kept",
        PROSE,
        "Recommendations",
        PROSE,
    )
    assert [(s.level, s.title) for s in parse_text(text).sections if s.kind == "body"] == [
        (1, "Summary"),
        (1, "1 Where the Trams Ran"),
        (1, "2 What the Fares Paid For"),
        (2, "2.1 The Night Cars"),
        (1, "3 What the Depot Kept"),
        (1, "Recommendations"),
    ]
