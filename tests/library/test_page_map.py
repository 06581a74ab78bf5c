"""The page map at import: where each printed page starts (importing/pages.py).

PDFs are written by the small PDF writer in test_formats; text files are built here.
The corpus test at the end reads the five real texts (never copied here).
"""

from __future__ import annotations

import json

import pytest

from studygroup.library.importing.document import ParsedText
from studygroup.library.importing.formats import page_labels, read_document
from studygroup.library.importing.pages import cuts_from_number_lines, next_label
from studygroup.library.importing.pipeline import parse_bytes
from tests.library.epubs import make_epub
from tests.library.test_formats import LIMIT, make_pdf

TOPICS = ["harbour", "lantern", "orchard", "quarry", "meadow", "granary", "bellows", "ferry"]


def page_body(n: int) -> list[str]:
    """Two paragraphs whose words differ from page to page (so each opening is unique)."""
    topic = TOPICS[n % len(TOPICS)]
    return [
        f"The {topic} was quiet on the morning we came to it, and the members",
        f"read aloud in turn about the {topic} while the light came up slowly.",
        "",
        f"Later the {topic} filled with people who had walked a long way to",
        f"hear the reading; each of them brought a copy of the {topic} book.",
    ]


def located(parsed: ParsedText) -> list[tuple[str, str]]:
    """(label, the first words of the page) for each page start."""
    paragraphs = [p for s in parsed.sections for p in s.paragraphs]
    return [(ps.label, paragraphs[ps.paragraph].text[ps.offset :][:20]) for ps in parsed.pages]


# --------------------------------------------------------------------------- PDF


def test_a_pdf_with_printed_numbers_maps_each_page_to_its_printed_number():
    pages = [["The Harbour Book", "", "Ada Hartley"]]
    pages += [[*page_body(n), "", "", f"{30 + n}"] for n in range(1, 6)]
    parsed = read_document(make_pdf(pages), "harbour.pdf", max_bytes=LIMIT)
    assert [label for label, _ in located(parsed)] == ["31", "32", "33", "34", "35"]
    for (_label, opening), n in zip(located(parsed), range(1, 6), strict=True):
        assert opening.startswith(f"The {TOPICS[n % len(TOPICS)]}")
    # The printed numbers themselves are not text.
    assert not any(p.text.strip() in {"31", "32"} for s in parsed.sections for p in s.paragraphs)


def test_a_pdf_without_printed_numbers_uses_the_pdf_page_numbers():
    pages = [page_body(n) for n in range(1, 5)]
    parsed = read_document(make_pdf(pages), "plain.pdf", max_bytes=LIMIT)
    labels = [label for label, _ in located(parsed)]
    assert labels[-3:] == ["2", "3", "4"]


def test_a_page_break_inside_a_paragraph_starts_at_the_word_that_opens_the_page():
    pages = [
        ["The Harbour Book", "", "Ada Hartley"],
        [*page_body(1)[:4], "", "", "11"],
        ["hear the reading; each of them brought a copy of the book.", "", "", "12"],
    ]
    parsed = read_document(make_pdf(pages), "harbour.pdf", max_bytes=LIMIT)
    paragraphs = [p for s in parsed.sections for p in s.paragraphs]
    start = parsed.pages[-1]
    assert start.label == "12"
    text = paragraphs[start.paragraph].text
    assert start.offset > 0  # inside the paragraph the page break cut
    assert text[start.offset :].startswith("hear the reading")


def test_pdf_labels_count_on_over_an_unnumbered_chapter_opening_and_keep_roman_front_matter():
    pages = ["Title page", "Preface text\n\nii", "Chapter One\n\nBody", "Body\n\n2", "Body\n\n3"]
    assert page_labels(pages, ["1", "2", "3", "4", "5"]) == [None, "ii", "1", "2", "3"]


def test_pdf_labels_ignore_a_number_that_goes_back():
    pages = ["Body\n\n7", "Body\n\n8", "A table\n\n3", "Body\n\n10"]
    assert page_labels(pages, ["1", "2", "3", "4"]) == ["7", "8", "9", "10"]


# --------------------------------------------------------------------------- EPUB


def test_epub_page_breaks_become_the_page_map(tmp_path):
    """EPUB 3 marks print pages in the markup: between paragraphs, inside one, with the
    number as a title, an aria-label or the element's own text (kept out of the text)."""
    body = (
        '<h1>The Long Table</h1><span epub:type="pagebreak" id="page11" title="11"/>'
        "<p>We bought a long table second hand from a school that was closing.</p>"
        "<p>It seats fourteen if nobody minds elbows, and nobody ever has "
        '<span role="doc-pagebreak" aria-label="12"/>minded them at our meetings.</p>'
        '<div epub:type="pagebreak" id="p13">13</div>'
        "<p>The lantern hangs above it on the darkest evenings of the winter.</p>"
    )
    data = make_epub(tmp_path, with_toc=False, chapters=[("ch.xhtml", body)])
    parsed = read_document(data, "table.epub", max_bytes=LIMIT)
    assert located(parsed) == [
        ("11", "We bought a long tab"),
        ("12", "minded them at our m"),
        ("13", "The lantern hangs ab"),
    ]
    texts = [p.text for s in parsed.sections for p in s.paragraphs]
    assert "13" not in texts and not any(t.endswith(" 13") for t in texts)


# --------------------------------------------------------------------------- text files


def text_with_footers(numbers: list[str], form: str = "{n}") -> str:
    out = ["The Harbour Book", "", "by Ada Hartley", ""]
    for k, n in enumerate(numbers, 1):
        out += [*page_body(k), "", "", "          " + form.format(n=n), "", ""]
    return "\n".join(out)


@pytest.mark.parametrize("form", ["{n}", "– {n} –", "Page {n}", "[{n}]"])
def test_page_number_lines_in_a_text_file_become_the_page_map(form):
    parsed = parse_bytes(text_with_footers(["7", "8", "9", "10"], form).encode(), "book.txt")
    # A number at a page's foot ends that page: the page after it is the next number.
    assert located(parsed) == [
        ("8", "The orchard was quie"),
        ("9", "The quarry was quiet"),
        ("10", "The meadow was quiet"),
    ]
    text = "\n".join(p.text for s in parsed.sections for p in s.paragraphs)
    assert "Page 8" not in text and "– 8 –" not in text  # still dropped from the text


def test_a_number_after_a_form_feed_heads_its_page():
    body = ["The Harbour Book", "", "by Ada Hartley", ""]
    for k, label in enumerate(["ix", "x", "1", "2"], 1):
        body += ["\f" + label, "", *page_body(k), ""]
    parsed = parse_bytes("\n".join(body).encode(), "book.txt")
    assert [label for label, _ in located(parsed)] == ["ix", "x", "1", "2"]
    assert located(parsed)[2][1].startswith("The quarry")


def test_running_headers_with_numbers_mark_pages():
    body = ["The Harbour Book", "", "by Ada Hartley", ""]
    for k in range(1, 5):
        body += [f"{20 + k}      The Harbour Book", "", *page_body(k), ""]
    cuts = cuts_from_number_lines("\n".join(body))
    assert [c.label for c in cuts] == ["21", "22", "23", "24"]


def test_numbers_inside_a_block_or_going_back_are_not_page_numbers():
    text = (
        "Some prose here.\n\n12\n\nMore prose, and a note that reads p.\n17\n"
        "continues here.\n\n5\n\nAfter a number that went back.\n\n13\n\nEnd."
    )
    assert [c.label for c in cuts_from_number_lines(text)] == ["13", "14"]


def test_next_label_counts_roman_and_arabic():
    assert next_label("47") == "48"
    assert next_label("xiv") == "xv"
    assert next_label("iii") == "iv"


def test_the_dry_run_json_shape_has_no_page_map():
    parsed = parse_bytes(text_with_footers(["7", "8"]).encode(), "book.txt")
    assert parsed.pages
    assert set(parsed.as_json()) == {"title", "author", "words", "footnotes", "sections"}
    assert "pages" not in json.dumps(parsed.as_json())


# --------------------------------------------------------------------------- the real texts


@pytest.mark.corpus
def test_the_real_texts_that_show_page_numbers_keep_them(shared_texts):
    """002 and 004 keep a few page-number lines of their print editions; the others
    show none. Each mapped page starts where the text after its number goes on."""
    found = {}
    for path in sorted(shared_texts.glob("*.txt")):
        parsed = parse_bytes(path.read_bytes(), path.name)
        found[path.name[:3]] = located(parsed)
    assert {k: [label for label, _ in v] for k, v in found.items()} == {
        "000": [],
        "001": [],
        "002": ["23", "27"],
        "003": [],
        "004": ["17", "24", "47"],
    }
    assert found["002"][0][1].startswith("pamphlet on ancient")
    assert found["004"][1][1].startswith("Many, perhaps most")


def test_the_demo_primer_pages_agree_with_its_contents_list():
    """The primer prints its number with a running footer ("5" / "The studygroup
    Collective"); each chapter starts on the page its contents list gives."""
    from pathlib import Path

    from studygroup.library.importing.formats import read_path

    primer = Path(__file__).resolve().parents[2] / "studygroup" / "demo" / "primer.txt"
    parsed = read_path(primer, max_bytes=10 * 1024 * 1024)
    paragraphs = [(s.title, i) for s in parsed.sections for i, _p in enumerate(s.paragraphs)]
    starts = {
        paragraphs[ps.paragraph][0]: ps.label
        for ps in parsed.pages
        if ps.offset == 0 and paragraphs[ps.paragraph][1] == 0
    }
    assert starts == {
        "1 Why Read Together": "6",
        "2 How a Study Circle Works": "8",
        "3 Choosing and Pacing a Text": "11",
        "4 Running a Meeting": "14",
        "5 From Notes to Action": "17",
        "6 Keeping a Group Going": "19",
        "Appendix: Sample Questions": "22",
        "Glossary": "23",
    }
    assert [ps.label for ps in parsed.pages] == [str(n) for n in range(6, 24)]


def test_pdf_labels_that_are_not_page_numbers_get_no_marker():
    pages = ["Cover", "Body text", "More body", "Last"]
    assert page_labels(pages, ["Cover", "1", "II", "1"]) == [None, "1", "ii", None]


def test_numbered_chapters_far_apart_are_not_page_numbers():
    out = ["The Harbour Book", "", "by Ada Hartley", ""]
    for c in range(1, 5):
        out += [str(c), "", f"The {TOPICS[c].title()} Chapter", ""]
        for k in range(40):  # far more than a page of text between the numbers
            out += [*page_body(c + k), ""]
    assert cuts_from_number_lines("\n".join(out)) == []
