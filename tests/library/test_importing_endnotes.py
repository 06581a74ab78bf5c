"""End-notes: a "Notes" section at the end of the text or of each chapter."""

from __future__ import annotations

import pytest

from studygroup.library.importing.pipeline import parse_text

from .test_importing_structure import prose, wrapped


def marked(number: int) -> str:
    """A paragraph whose second sentence carries note marker `number`."""
    return f"{prose(1)} The minutes were read again.{number} {prose(1)}"


def chapter(n: int, first_marker: int) -> str:
    paragraphs = "\n\n".join(marked(first_marker + k) for k in range(3))
    return f"Chapter {n}: The Meeting\n\n{paragraphs}"


def notes(numbers: range, tag: str) -> str:
    return "Notes\n\n" + "\n".join(f"{k}. {tag} note {k}, in the minutes book." for k in numbers)


def test_notes_after_each_chapter_numbered_again_from_one():
    text = "The Harbour Book\n\n" + "\n\n".join(
        f"{chapter(n, 1)}\n\n{notes(range(1, 4), f'Chapter {n}')}" for n in (1, 2, 3)
    )
    parsed = parse_text(text)
    assert [s.title for s in parsed.sections] == [
        "Chapter 1: The Meeting",
        "Chapter 2: The Meeting",
        "Chapter 3: The Meeting",
    ]
    assert [(f.number, f.text) for f in parsed.footnotes][2:5] == [
        (3, "Chapter 1 note 3, in the minutes book."),
        (4, "Chapter 2 note 1, in the minutes book."),
        (5, "Chapter 2 note 2, in the minutes book."),
    ]
    assert len(parsed.footnotes) == 9
    # Each chapter's markers point at its own notes, and no note text is left in the body.
    assert [s.footnote_numbers for s in parsed.sections] == [[1, 2, 3], [4, 5, 6], [7, 8, 9]]
    body = " ".join(p.text for s in parsed.sections for p in s.paragraphs)
    assert "minutes book" not in body
    assert parsed.warnings == []


def test_notes_after_each_chapter_numbered_through():
    text = "The Harbour Book\n\n" + "\n\n".join(
        f"{chapter(n, 3 * n - 2)}\n\n{notes(range(3 * n - 2, 3 * n + 1), 'A')}" for n in (1, 2)
    )
    parsed = parse_text(text)
    assert [f.number for f in parsed.footnotes] == [1, 2, 3, 4, 5, 6]
    assert [s.footnote_numbers for s in parsed.sections] == [[1, 2, 3], [4, 5, 6]]
    assert all(f.text.startswith("A note") for f in parsed.footnotes)


def test_a_notes_section_longer_than_the_text_before_it():
    # Many notes after a short text: the "Notes" heading stands before the middle.
    body = "\n\n".join(marked(k) for k in range(1, 4))
    listed = "\n\n".join(f"{k}. Source number {k}, cited in the newsletter." for k in range(1, 30))
    parsed = parse_text(
        f"The Harbour Book\n\nChapter 1: The Meeting\n\n{body}\n\nNotes\n\n{listed}"
    )
    assert len(parsed.footnotes) == 29
    assert parsed.footnotes[28].text == "Source number 29, cited in the newsletter."
    assert [s.title for s in parsed.sections] == ["Chapter 1: The Meeting"]


def test_a_running_header_inside_the_notes_does_not_end_them():
    body = "\n\n".join(marked(k) for k in range(1, 4))
    text = (
        f"The Harbour Book\n\nChapter 1: The Meeting\n\n{body}\n\n{prose(4)}\n\n{prose(4)}\n\n"
        "Notes\n\n1. First source, the minutes.\n\n2. Second source, read over several\n\n"
        "THE HARBOUR BOOK\n\nweeks.\n\n3. Third source, the ledger.\n"
    )
    parsed = parse_text(text)
    assert [f.text for f in parsed.footnotes] == [
        "First source, the minutes.",
        "Second source, read over several THE HARBOUR BOOK weeks.",
        "Third source, the ledger.",
    ]


def test_page_bottom_notes_without_a_rule_and_the_sentence_they_cut():
    first = wrapped(f"{prose(3)} The committee met at the quay.1 After the vote they")
    second = wrapped(f"decided to strike for a week. The council answered.2 {prose(3)}")
    text = (
        f"The Harbour Book\n\nChapter 1: The Early Years\n\n{first}\n\n"
        "1 See the minutes of the meeting, page 4.\n2 The ledger is kept in the library.\n\n"
        f"– 12 –\n\nTHE HARBOUR BOOK\n\n{second}\n\n{wrapped(prose(3))}\n"
    )
    parsed = parse_text(text)
    assert [(f.number, f.text) for f in parsed.footnotes] == [
        (1, "See the minutes of the meeting, page 4."),
        (2, "The ledger is kept in the library."),
    ]
    paragraphs = [p.text for s in parsed.sections for p in s.paragraphs]
    assert len(paragraphs) == 2
    assert "After the vote they decided to strike for a week." in paragraphs[0]
    assert parsed.warnings == []


def test_contents_lines_left_in_the_body_are_dropped():
    text = (
        f"The Harbour Book\n\nChapter 1: The Early Years\n\n{wrapped(prose(3))}\n\n"
        "Contents (continued)\n\nThe Strike ...................... 9\n"
        f"The Council ..................... 14\n\n{wrapped(prose(3))}\n"
    )
    paragraphs = [p.text for s in parse_text(text).sections for p in s.paragraphs]
    assert len(paragraphs) == 2
    assert not any("Contents" in p or "...." in p for p in paragraphs)


@pytest.mark.parametrize("heading", ["NOTES:", "Notes and References", "Chapter Notes"])
def test_notes_headings_and_superscript_note_numbers(heading):
    body = "\n\n".join(
        f"{prose(1)} The minutes were read again.{mark} {prose(1)}" for mark in "¹²³"
    )
    listed = "\n".join(
        f"{mark} Source number {k}, the newsletter." for k, mark in enumerate("¹²³", 1)
    )
    text = (
        f"The Harbour Book\n\nChapter 1: The Meeting\n\n{body}\n\n{prose(3)}\n\n{prose(3)}\n\n"
        f"{heading}\n\n{listed}\n"
    )
    parsed = parse_text(text)
    assert [(f.number, f.text) for f in parsed.footnotes] == [
        (k, f"Source number {k}, the newsletter.") for k in (1, 2, 3)
    ]
    assert [s.title for s in parsed.sections] == ["Chapter 1: The Meeting"]
