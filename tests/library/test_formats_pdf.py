"""PDF: notes at the page bottom, and the title from the document's metadata."""

from __future__ import annotations

import textwrap

import pytest

from studygroup.library.importing.formats import read_document

from .test_formats import make_pdf

LIMIT = 10 * 1024 * 1024
PLACES = ["the harbour", "the library", "the customs house", "the station", "the yard", "a cafe"]


def page_text(page: int, markers: list[int | str]) -> list[str]:
    """Two paragraphs a page; each carries its marker (or "" for none)."""
    lines: list[str] = []
    for k, marker in enumerate(markers):
        place = PLACES[(page * 2 + k) % len(PLACES)]
        paragraph = (
            f"On page {page} the circle met at {place} and read the pamphlet aloud.{marker} "
            f"Nobody could agree on the order of business at {place}, so the chair "
            "proposed that they vote on it first, and the treasurer wrote it down."
        )
        lines += [*textwrap.wrap(paragraph, 70), ""]
    return lines


def book(separator: list[str], *, title: str | None = "Reading Together") -> bytes:
    pages = [["Reading Together", "", "by Ada Hartley"]]
    for page in range(3):
        first = 2 * page + 1
        heading = [f"Chapter {page + 1}: The Meeting", ""]
        notes = [
            f"{first} See the minutes of the meeting, page {page}.",
            f"{first + 1} The ledger is kept in the library, shelf {page}.",
        ]
        pages.append(
            [*heading, *page_text(page, [first, first + 1]), *separator, *notes, "", str(page + 2)]
        )
    return make_pdf(pages, title=title)


@pytest.mark.parametrize(
    "separator",
    [
        pytest.param(["", ""], id="under a rule (the text layer shows a gap)"),
        pytest.param(["", "Notes"], id="under a Notes line"),
    ],
)
def test_page_bottom_notes_are_taken_out_of_the_text(separator):
    parsed = read_document(book(separator), "book.pdf", max_bytes=LIMIT)
    assert [f.number for f in parsed.footnotes] == [1, 2, 3, 4, 5, 6]
    assert parsed.footnotes[2].text == "See the minutes of the meeting, page 1."
    body = " ".join(p.text for s in parsed.sections for p in s.paragraphs)
    assert "minutes of the meeting" not in body and "ledger is kept" not in body
    assert [s.footnote_numbers for s in parsed.sections] == [[1, 2], [3, 4], [5, 6]]
    assert not any("note text" in w for w in parsed.warnings)


def test_a_numbered_list_at_a_page_bottom_without_markers_stays_text():
    checklist = ["1 Bring the minutes book.", "2 Bring the ledger."]
    pages = [
        ["Reading Together", "", "by Ada Hartley"],
        ["Chapter 1: The Meeting", "", *page_text(0, ["", ""]), *checklist],
    ]
    parsed = read_document(make_pdf(pages), "list.pdf", max_bytes=LIMIT)
    assert parsed.footnotes == []
    assert "Bring the ledger." in " ".join(p.text for p in parsed.sections[-1].paragraphs)


@pytest.mark.parametrize(
    "meta", ["about:blank", "https://example.org/reading", "2e9606730db105a4", "draft_final"]
)
def test_a_browser_or_file_name_metadata_title_is_not_the_title(meta):
    parsed = read_document(book(["", ""], title=meta), "book.pdf", max_bytes=LIMIT)
    assert parsed.title == "Reading Together"


def test_a_metadata_title_clears_the_no_title_warning():
    pages = [["Chapter 1: The Meeting", "", *page_text(0, ["", ""])], ["", *page_text(1, ["", ""])]]
    parsed = read_document(make_pdf(pages, title="The Harbour Book"), "x.pdf", max_bytes=LIMIT)
    assert parsed.title == "The Harbour Book"
    assert not any("no title found" in w for w in parsed.warnings)
