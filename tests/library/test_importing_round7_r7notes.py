"""Rules added in round seven, part G (issue #13): notes at the back of a book grouped
under their chapters' names, each group numbered from 1 again, as a book copied out of an
e-reader keeps them, with the reader's screen footers caught among them.

Each layout is written by hand with its own words, so a rule is pinned by what it means.
"""

from __future__ import annotations

from studygroup.library.importing.footnotes import extract_passage_notes
from studygroup.library.importing.formats import _mark_page_notes
from studygroup.library.importing.pipeline import parse_text

_OPENING = """\
The Orchard Year
Nell Garside

Copyright © 2009 Nell Garside"""

_FIRST = """\
The Grafting Knife

The old pear by the wall was grafted in the spring of the drought, when the
well ran low and the whole village carried water up from the brook.1 Nobody
expected the scions to take, but by June the buds had broken.

The knife itself hung on a nail in the shed for forty years afterwards,
and my grandmother would not let anyone sharpen it but herself.2"""

_SECOND = """\
Frost Pockets

The lower field holds the cold on still nights, and the blossom there is
always the first to brown when a late frost comes down the valley.1 We lost
the whole crop of damsons twice in ten years before we learned to light
smudge pots along the hedge.

The smoke hung over the lane until morning and the neighbours complained
about it at every parish meeting that spring, though never to our faces."""

_THIRD = """\
Pressing Day

The cider press was borrowed from the farm across the river, and it came on a
cart with two men who stayed to drink the first of the juice.1 Pressing took
three days, with the pomace spread on the midden to rot down for the beds.2

By the end of the week the barrels stood in the cellar, bunged with
sacking, and the house smelled of apples until Christmas.3"""

_NOTES = """\
Notes

The Grafting Knife

1. The drought is remembered in the parish register for that year.
2. The knife is now kept by the family in a drawer of the dresser.

Pressing Day

1. The farm was sold in the thirties and the press went with it.
2. A midden is a heap of dung and waste kept near the house.
3. The cellar flooded the following winter and the barrels were lost."""


def _book(*chapters: str, notes: str = _NOTES) -> str:
    return "\n\n".join([_OPENING, *chapters, notes]) + "\n"


def _refs(parsed) -> dict[str, list[int]]:
    return {
        s.title: [r.number for p in s.paragraphs for r in p.refs]
        for s in parsed.sections
        if s.kind == "body"
    }


def test_notes_grouped_under_chapter_titles_each_counting_from_one():
    """chapter_note_groups: the groups' numbers repeat (1, 2 / 1, 2, 3); read as one list
    they would collide. Each group follows the last, and each chapter's markers point
    into its own group; a chapter with no notes has no group."""
    parsed = parse_text(_book(_FIRST, _SECOND, _THIRD))
    assert [f.text for f in parsed.footnotes] == [
        "The drought is remembered in the parish register for that year.",
        "The knife is now kept by the family in a drawer of the dresser.",
        "The farm was sold in the thirties and the press went with it.",
        "A midden is a heap of dung and waste kept near the house.",
        "The cellar flooded the following winter and the barrels were lost.",
    ]
    assert _refs(parsed) == {
        "The Grafting Knife": [1, 2],
        "Frost Pockets": [],
        "Pressing Day": [3, 4, 5],
    }


def test_groups_labelled_by_chapter_number_find_a_chapter_numbered_in_words():
    """_names_chapter: a group labelled "Chapter 3" belongs to the chapter printed
    "CHAPTER THREE", not to the third group's place in the list."""
    numbered = [
        f"CHAPTER {word}\n{chapter}"
        for word, chapter in zip(("ONE", "TWO", "THREE"), (_FIRST, _SECOND, _THIRD), strict=True)
    ]
    notes = _NOTES.replace("The Grafting Knife\n", "Chapter 1\n").replace(
        "Pressing Day\n", "Chapter 3\n"
    )
    parsed = parse_text(_book(*numbered, notes=notes))
    assert len(parsed.footnotes) == 5
    assert list(_refs(parsed).values()) == [[1, 2], [], [3, 4, 5]]


def test_a_single_group_under_a_numbered_chapter_title_is_no_note():
    """chapter_note_groups: one chapter's notes under its number and title ("3. Pressing
    Day"); the label is not read as note 3 with the notes as its lines."""
    notes = "Notes\n\n3. Pressing Day\n\n" + _NOTES.split("\n\nPressing Day\n\n")[1]
    parsed = parse_text(_book(_FIRST, _SECOND, _THIRD, notes=notes))
    assert [f.text for f in parsed.footnotes] == [
        "The farm was sold in the thirties and the press went with it.",
        "A midden is a heap of dung and waste kept near the house.",
        "The cellar flooded the following winter and the barrels were lost.",
    ]


def test_screen_footer_among_the_notes_is_no_note():
    """_without_screen_furniture: an e-reader's "4 min left in chapter" footer recurs on
    every screen; after the last group's note 3 its "4" does not make it note 4."""
    footer = "{} min left in chapter"
    chapters = [
        f"{chapter}\n\n{footer.format(n)}" for n, chapter in enumerate((_FIRST, _SECOND, _THIRD), 7)
    ]
    parsed = parse_text(_book(*chapters, notes=_NOTES + "\n\n" + footer.format(4)))
    assert len(parsed.footnotes) == 5
    assert parsed.footnotes[-1].text == (
        "The cellar flooded the following winter and the barrels were lost."
    )


# --- page notes numbered afresh in each chapter ------------------------------------------

_RULE = "__________"

_PAGED_BOOK = f"""\
The Mill Book
Ada Penhallow

Copyright © 2011 Ada Penhallow

CHAPTER ONE
The Weir

The weir was rebuilt after the great flood, with stone carted from the
quarry above the village and set by men who had never built anything in
water before.1 It held for sixty years and more.

{_RULE}
1. The quarry closed in the year the railway came.
\f
The eel traps along the sluice belonged to the miller, who let them to
the families at the lower end of the lane for a penny a week.2 Nobody
could say when the custom began.

{_RULE}
2. The rent book for the traps survives from the later years only.
\f
CHAPTER TWO
The Mill Race

The race was cleared every autumn by the whole parish, working in pairs
from the weir down to the wheel, and the mud went onto the glebe.1 The
vicar blessed the work and then, by custom, kept well out of its way.

{_RULE}
1. The glebe is the field the church let to its parson.
"""


def test_page_notes_numbered_afresh_in_each_chapter():
    """extract_page_notes with restarts, _chapters_counting_afresh: the second chapter's
    notes count from 1 again under their rule; they follow the first chapter's, and the
    chapter's marker 1 points at its own note."""
    parsed = parse_text(_PAGED_BOOK)
    assert [f.text for f in parsed.footnotes] == [
        "The quarry closed in the year the railway came.",
        "The rent book for the traps survives from the later years only.",
        "The glebe is the field the church let to its parson.",
    ]
    assert list(_refs(parsed).values()) == [[1, 2], [3]]
    assert not parsed.warnings


def test_page_notes_running_on_across_pages_are_no_passage_notes():
    """_page_notes_run_on: a rule over note 2 shows the count going on from an earlier
    page; two groups starting at 1 do not make every note a passage's own."""
    body, notes = extract_passage_notes(_PAGED_BOOK.split("\n"))
    assert notes == {}


def test_pdf_page_notes_numbered_afresh_get_their_rule_back():
    """_mark_page_notes: a page's notes starting at 1 again (a new chapter's) are marked
    as page notes as those continuing the count are."""
    first = "The weir was rebuilt with stone from the quarry above.1\nIt held.\n\n1. The quarry."
    second = (
        "CHAPTER TWO\nThe Mill Race\n\nThe race was cleared each autumn by all.1\n\n1. The glebe."
    )
    marked = _mark_page_notes([first, second])
    assert [page.count(_RULE) for page in marked] == [1, 1]
