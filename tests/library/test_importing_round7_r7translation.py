"""Rules added in round seven, part D (issue #13): a classic in translation (a title page
crediting its translator, books and chapters numbered the old way, the original's page
numbers in brackets, the translator's notes at the page foot) and a course handbook
whose outcomes, activities and key points stand in framed panels.

Each layout is written by hand with its own prose, so a rule is pinned by what it means.
"""

from __future__ import annotations

from studygroup.library.importing.document import chapter_level
from studygroup.library.importing.pipeline import parse_text

from .test_importing_structure import PROSE, body_text, plain_text, wrapped


def _titles(parsed) -> list[tuple[int, str]]:
    return [(s.level, s.title) for s in parsed.sections if s.kind == "body"]


# --- handbooks: panels in a frame -----------------------------------------------------------

PANEL_SENTENCES = [
    "Bring the minute book to every branch meeting.",
    "Read the last meeting's decisions aloud before new business starts.",
    "Ask a second member to check the count of every vote.",
]


def _framed(rows: list[str], style: str, width: int = 60) -> str:
    inner = width - 4
    if style == "drawn":
        top, bottom, side = "┌" + "─" * (width - 2) + "┐", "└" + "─" * (width - 2) + "┘", "│"
    else:
        top = bottom = "+" + "-" * (width - 2) + "+"
        side = "|"
    return "\n".join([top, *(f"{side} {row:<{inner}} {side}" for row in rows), bottom])


def _panel_rows() -> list[str]:
    body = wrapped(" ".join(PANEL_SENTENCES), 54).split("\n")
    return ["WHAT A SECRETARY DOES", "", *body]


def _handbook(panel: str) -> str:
    return plain_text(
        "Keeping the Books\n\nA guide for new branch officers",
        "Module 1: The Minute Book",
        PROSE,
        panel,
        "Why Minutes Matter",
        PROSE,
        PROSE,
        "Module 2: The Cash Book",
        PROSE,
        "Counting the Float",
        PROSE,
    )


def test_a_framed_panel_keeps_its_text_and_loses_its_frame():
    for style in ("drawn", "ascii"):
        parsed = parse_text(_handbook(_framed(_panel_rows(), style)))
        paragraphs = [p.text for s in parsed.sections for p in s.paragraphs]
        body = " ".join(paragraphs)
        for sentence in PANEL_SENTENCES:
            assert any(sentence in p for p in paragraphs), (style, sentence)
        for frame in ("│", "┌", "─", "|", "+--"):
            assert frame not in body, (style, frame)
        # The panel's label is its rubric, not a section of the module.
        assert "What a Secretary Does" not in [t for _level, t in _titles(parsed)]
        assert [t for _level, t in _titles(parsed)][:2] == [
            "Module 1: The Minute Book",
            "Why Minutes Matter",
        ]


def test_a_panel_between_two_rules_keeps_its_text():
    rule = "=" * 60
    panel = "\n".join([rule, "Key points", "", *wrapped(" ".join(PANEL_SENTENCES), 56).split("\n")])
    parsed = parse_text(_handbook(panel + "\n" + rule))
    paragraphs = [p.text for s in parsed.sections for p in s.paragraphs]
    for sentence in PANEL_SENTENCES:
        assert any(sentence in p for p in paragraphs), sentence
    assert "Key points" not in [t for _level, t in _titles(parsed)]


def test_a_framed_notice_without_a_body_is_still_dropped():
    notice = _framed(["JOIN THE BRANCH", "Write to the secretary: 4 Mill Lane"], "ascii")
    parsed = parse_text(_handbook(notice))
    assert "JOIN THE BRANCH" not in body_text(parsed)


# --- a classic in translation ---------------------------------------------------------------


def _classic(books: list[str], chapters: list[list[str]], title_page: str) -> str:
    blocks: list[str | object] = [title_page, "Introduction", PROSE, PROSE]
    for book, heads in zip(books, chapters, strict=True):
        blocks.append(book)
        for head in heads:
            blocks += [head, PROSE, PROSE]
    return plain_text(*blocks, width=62)


TITLE_PAGE = (
    "THE MILLER'S YEAR\n\nby ANNA KOWALSKA\n\n"
    "Done into English from the Polish, with a preface and notes, by Tomasz Reed\n\n"
    "Bristol, 1962"
)


def test_the_translators_credit_and_the_imprint_belong_to_the_title_page():
    text = _classic(
        ["PART ONE\nSPRING"], [["CHAPTER 1\nThe Sluice Gate", "CHAPTER 2\nThe Flood"]], TITLE_PAGE
    )
    parsed = parse_text(text)
    titles = [s.title for s in parsed.sections]
    assert not any("Translated" in t or "Bristol" in t for t in titles), titles
    assert parsed.author == "ANNA KOWALSKA" or parsed.author == "Anna Kowalska"


def test_books_and_chapters_numbered_the_old_way():
    text = _classic(
        ["BOOK THE FIRST\nTHE MILL", "Second Book\nTHE RIVER", "THE THIRD BOOK\nTHE TOWN"],
        [
            ["Chapter the First\nOf the Wheel, and of the Race.", "Chapter the Second\nOf Flour."],
            ["Chapter the Third\nHow the Weir Was Mended."],
            ["Chapter the Fourth\nOf the Market."],
        ],
        TITLE_PAGE,
    )
    parsed = parse_text(text)
    found = [(level, title.casefold()) for level, title in _titles(parsed)]
    assert found[1:] == [
        (1, "book the first: the mill"),
        (2, "chapter the first: of the wheel, and of the race."),
        (2, "chapter the second: of flour."),
        (1, "second book: the river"),
        (2, "chapter the third: how the weir was mended."),
        (1, "the third book: the town"),
        (2, "chapter the fourth: of the market."),
    ]
    # The reader splits at the chapters inside the books, "Second Book" being a book too.
    assert chapter_level([(s.level, s.title) for s in parsed.sections]) == 2
    assert chapter_level([(1, "Second Book: The River"), (2, "Chapter the Third")]) == 2


def test_numbered_chapter_titles_in_capitals_may_end_with_a_stop():
    text = plain_text(
        "THE MILLER'S YEAR\n\nby Anna Kowalska",
        "I. OF THE WHEEL, AND OF THE RACE.",
        PROSE,
        PROSE,
        "II. HOW THE WEIR WAS MENDED.",
        PROSE,
        "III. OF FLOUR.",
        PROSE,
    )
    assert [t.casefold() for _level, t in _titles(parse_text(text))] == [
        "i. of the wheel, and of the race.",
        "ii. how the weir was mended.",
        "iii. of flour.",
    ]


def test_a_chapter_heading_is_kept_where_its_running_header_repeats_it():
    """The header of the page a chapter opens on already names it, without its number."""
    para = wrapped(
        "The miller walked the race at dawn and counted the paddles that the ice had split. "
        "Nobody else would do it in the cold, and the wheel turned slower every week.",
        62,
    ).split("\n")

    def cut(header: str) -> list[str]:  # a paragraph the page's end cuts, then the header
        return [*para[:2], "", "", header, "", *para[2:], ""]

    text = "\n".join(
        [
            "THE MILLER'S YEAR",
            "",
            "by Anna Kowalska",
            "",
            "I. OF THE WHEEL.",
            "",
            *cut(f"OF THE WHEEL{' ' * 20}41"),
            *cut(f"42{' ' * 20}THE MILLER'S YEAR"),
            *cut(f"OF THE RIVER{' ' * 20}43"),
            "II. OF THE RIVER.",
            "",
            *cut(f"44{' ' * 20}THE MILLER'S YEAR"),
            *cut(f"OF THE RIVER{' ' * 20}45"),
            *cut(f"46{' ' * 20}THE MILLER'S YEAR"),
            "III. OF FLOUR.",
            "",
            *para,
        ]
    )
    titles = [t.casefold() for _level, t in _titles(parse_text(text))]
    assert titles == ["i. of the wheel.", "ii. of the river.", "iii. of flour."], titles


SENTENCES_WITH_PAGES = (
    "The miller kept the ledger himself. [41] Nobody else could read his hand, and the "
    "clerk at the bank said so [42] twice a year. The flour went to the town on Fridays."
)


def test_the_originals_page_numbers_in_brackets_are_no_note_markers():
    text = plain_text(
        "THE MILLER'S YEAR",
        "CHAPTER 1\nThe Ledger",
        wrapped(SENTENCES_WITH_PAGES, 62),
        PROSE,
        "CHAPTER 2\nThe Bank",
        PROSE,
        PROSE,
    )
    parsed = parse_text(text)
    assert parsed.footnotes == []
    assert "[41]" in body_text(parsed)  # kept as the edition prints it


def test_a_note_marker_glued_to_an_original_page_number_is_a_note():
    page = wrapped(
        "The miller kept the ledger himself, in a hand nobody else could read. [p. 41]1 "
        "The clerk at the bank said so twice a year, and the flour went to the town.",
        62,
    ).split("\n")
    text = "\n".join(
        [
            "THE MILLER'S YEAR",
            "",
            "CHAPTER 1",
            "The Ledger",
            "",
            *page,
            "",
            *page[:1],
            "",
            "1 The ledger is lost; the bank's copy survives. — Trans.",
        ]
    )
    parsed = parse_text(text)
    assert [(n.number, n.text) for n in parsed.footnotes] == [
        (1, "The ledger is lost; the bank's copy survives. — Trans.")
    ]


# --- round seven's review: ordinary documents these rules must leave whole ------------------

REVIEW_PROSE = (
    "The march set off from the Guildhall in the rain, and by the time it reached the\n"
    "bridge there were more police on the far side than marchers on this one."
)


def test_a_place_and_year_over_prose_is_a_heading_not_an_imprint():
    """An imprint follows a credit line; "Derry, 1968" right under the byline, over
    prose, heads the first chapter like the place-and-year headings after it."""
    text = "\n\n".join(
        [
            "The Long Winter",
            "by Ann Price",
            "Derry, 1968",
            REVIEW_PROSE,
            "Belfast, 1969",
            REVIEW_PROSE,
            "Dublin, 1970",
            REVIEW_PROSE,
        ]
    )
    parsed = parse_text(text)
    assert [(level, t) for level, t in _titles(parsed) if "19" in t] == [
        (1, "Derry, 1968"),
        (1, "Belfast, 1969"),
        (1, "Dublin, 1970"),
    ]


def test_headings_between_dash_separators_stay_headings():
    """Rules with no side bars frame a panel only round a rubric ("Key points"); a
    section's title between separators is a heading, and its prose stays prose."""
    rule = "-" * 20
    text = "\n".join(
        [
            "Notes from the Valley",
            "",
            "A collection of short pieces written for the valley's reading circle over one winter.",
            "",
            rule,
            "The Flood",
            "",
            "The river came over the bank on the third night, and by morning the lower",
            "street was under a foot of brown water that smelled of the tannery upstream.",
            rule,
            "",
            "The Mill",
            "",
            "Nobody remembered when the mill had last turned, but everybody had a story",
            "about the miller's daughter and the night the wheel broke loose in the storm.",
            "",
            rule,
            "The School",
            "",
            "The school had two rooms and one stove, and the older children carried the",
            "coal in each morning before the bell, whatever the weather was doing outside.",
            rule,
        ]
    )
    parsed = parse_text(text)
    titles = [t for _level, t in _titles(parsed)]
    assert titles[-3:] == ["The Flood", "The Mill", "The School"], titles
    kinds = {p.kind for s in parsed.sections for p in s.paragraphs}
    assert kinds == {"prose"}
    assert "tannery upstream" in body_text(parsed)


def test_a_closing_numbered_list_is_not_taken_for_notes():
    """A list at the end of a text, introduced by a colon, with only "the A1" above it:
    no note markers in the body, so the items stay in the body."""
    text = "\n".join(
        [
            "The Bypass",
            "",
            "The village has waited thirty years for the bypass, and the lorries still come",
            "through the high street from the A1 at all hours of the day and night, shaking",
            "the windows of the school and the surgery and the old people's flats alike.",
            "After a long discussion the meeting agreed on three demands for the council:",
            "",
            "1 A weight limit on the high street from the spring.",
            "2 A crossing outside the school before the autumn term.",
            "3 A date for the bypass, in writing, by the end of the year.",
        ]
    )
    parsed = parse_text(text)
    # (The inline marker reading still takes "A1" for a marker, as it did before the rule;
    # the list's words must not become notes.)
    assert [n.text for n in parsed.footnotes if n.text] == []
    body = body_text(parsed)
    for item in ("A weight limit", "A crossing outside", "A date for the bypass"):
        assert item in body, item


def test_numbered_demands_in_capitals_are_a_list_not_chapters():
    text = "\n\n".join(
        [
            "Our Demands",
            "The strike committee puts the following demands to the management of the works,\n"
            "and will recommend a return to work only when all of them have been met in full.",
            "1. NO CUTS TO THE PIECE RATE.",
            "2. THE SACKED SHOP STEWARDS TO BE REINSTATED.",
            "3. A FORTY-HOUR WEEK WITH NO LOSS OF PAY.",
            "The committee will report back to a mass meeting on Friday at the gates at noon.",
        ]
    )
    parsed = parse_text(text)
    assert [t for _level, t in _titles(parsed)] == ["Our Demands"]
    body = body_text(parsed)
    for demand in (
        "1. NO CUTS TO THE PIECE RATE.",
        "2. THE SACKED SHOP STEWARDS TO BE REINSTATED.",
        "3. A FORTY-HOUR WEEK WITH NO LOSS OF PAY.",
    ):
        assert demand in body, demand
