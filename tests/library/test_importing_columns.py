"""Two columns side by side, as an extractor gives them, are read one after the other."""

from __future__ import annotations

from studygroup.library.importing import columns
from studygroup.library.importing.pipeline import parse_text

LEFT = [
    "The harbour master kept the",
    "ledger of soundings in a tin",
    "box under the stairs, and",
    "nobody else was allowed near",
    "it while the boats were out.",
    "",
    "The second paragraph starts",
    "here in the left column and",
]
RIGHT = [
    "goes on at the top of the",
    "right column without a break.",
    "",
    "A third paragraph tells how",
    "the ferry crews kept their own",
    "tally of the tides for years,",
    "and how the tally was lost.",
    "",
]


def side_by_side(left: list[str], right: list[str], gutter: int = 6) -> str:
    width = max(len(line) for line in left)
    rows = [f"{a:<{width}}{' ' * gutter}{b}".rstrip() for a, b in zip(left, right, strict=True)]
    return "\n".join(["THE HARBOUR BOOK", "", *rows, "", "7", ""])


def test_a_two_column_page_reads_left_then_right():
    text = columns.reorder_columns(side_by_side(LEFT, RIGHT))
    lines = text.split("\n")
    assert lines[0] == "THE HARBOUR BOOK"
    body = [line for line in lines if line.strip()]
    assert body[1:8] == [line for line in LEFT if line]
    assert body[8:14] == [line for line in RIGHT if line]
    assert body[-1] == "7"


def test_a_sentence_cut_by_the_gutter_comes_out_whole():
    parsed = parse_text(side_by_side(LEFT, RIGHT) * 3)
    paragraphs = [p.text for s in parsed.sections for p in s.paragraphs]
    assert any(
        "starts here in the left column and goes on at the top of the right column" in p
        for p in paragraphs
    )


def test_one_column_text_with_wide_gaps_is_left_alone():
    contents = "\n".join(f"Chapter {n}: The Long Table          {n * 7}" for n in range(1, 12))
    verse = "\n".join(["The tide came in,", "      and the tide went out,"] * 4)
    indented = "\n".join(f"    Paragraph {n} opens with an indent." for n in range(8))
    for text in (contents, verse, indented):
        assert columns.reorder_columns(text) == text


def test_a_short_last_page_takes_the_documents_gutter():
    full = side_by_side(LEFT, RIGHT)
    short_right = ["and ends here.", "", "", "", "", "", "", ""]
    last = side_by_side(LEFT, short_right, gutter=7)  # its gutter a little further right
    text = columns.reorder_columns(full + "\f" + last)
    last_page = text.split("\f")[1].split("\n")
    body = [line for line in last_page if line.strip()]
    assert body[1:8] == [line for line in LEFT if line]
    assert body[8] == "and ends here."


def test_a_one_column_page_in_a_two_column_book_is_left_alone():
    prose = [
        "The harbour master kept the ledger of soundings in a tin box under the stairs,",
        "and nobody else was allowed near it while the boats were out on the water.",
    ] * 4
    page = "\n".join(["THE HARBOUR BOOK", "", *prose, "", "8"])
    text = columns.reorder_columns(side_by_side(LEFT, RIGHT) + "\f" + page)
    assert text.split("\f")[1] == page
