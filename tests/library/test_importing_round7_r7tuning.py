"""Rules added in round seven, part F (issue #13): layout conventions of course readers,
serials in a newspaper and critical editions with numbered lines.

Each layout is written by hand with its own prose, so a rule is pinned by what it means.
"""

from __future__ import annotations

from studygroup.library.importing.pipeline import parse_text

from .test_importing_structure import PROSE, body_text, outline, plain_text


def _paragraphs(parsed) -> list[str]:
    return [p.text for s in parsed.sections for p in s.paragraphs]


# --- a course reader: questions after an excerpt's notes ------------------------------------


def test_a_list_counting_from_one_after_notes_is_not_more_notes():
    text = plain_text(
        "Rivers and Mills",
        PROSE,
        "Notes",
        "14. The mill ledger for that spring.",
        "15. Told by the miller's daughter.",
        "Things to Talk About",
        "1. Why did the weir matter more than the wheel?",
        "2. Who paid for the new sluice gate?",
        "Canals",
        PROSE,
    )
    parsed = parse_text(text)
    assert "Who paid for the new sluice gate?" in body_text(parsed)
    assert "Things to Talk About" in [s.title for s in parsed.sections]


def test_a_heading_naming_the_division_it_closes_is_no_running_header():
    text = plain_text(
        "Unit 1: Soil",
        PROSE,
        "Exercises on Unit 1",
        PROSE,
        "Unit 2: Water",
        PROSE,
        "Exercises on Unit 2",
        PROSE,
        "Unit 3: Light",
        PROSE,
        "Exercises on Unit 3",
        PROSE,
    )
    titles = [title for _level, _kind, title in outline(text)]
    assert "Exercises on Unit 2" in titles
    assert "Exercises on Unit 3" in titles


def test_a_notice_of_the_terms_an_excerpt_was_copied_on_is_dropped():
    text = plain_text(
        "Week 1: Harvest",
        PROSE,
        "Reprinted by permission of the Orchard Society.",
        PROSE,
        "Week 2: Storage",
        PROSE,
        "For classroom use only.",
        PROSE,
    )
    body = body_text(parse_text(text))
    assert "permission" not in body
    assert "classroom" not in body


# --- a serial in a newspaper ----------------------------------------------------------------


def test_an_advertisement_cutting_a_sentence_is_dropped_and_the_sentence_rejoined():
    text = (
        "THE LANTERN\n\nBY MARGIT OSTBY.\n\n\nCHAPTER I.\n\n"
        "The ferryman counted the lanterns twice before\nthe tide turned, and the "
        "harbour master\n\n"
        "ADVERTISEMENT.\nGRAYLING'S BOOT POLISH.\nA shine that lasts the week.\n\n"
        "wrote the number in his book with a blunt\npencil. Nobody else was awake.\n"
    )
    body = body_text(parse_text(text))
    assert "POLISH" not in body and "ADVERTISEMENT" not in body
    assert "the harbour master wrote the number" in body


def test_an_advertisement_heading_over_a_paragraph_is_kept():
    text = plain_text("A Tale of the Fens", "ADVERTISEMENT.", PROSE, "CHAPTER I.", PROSE)
    assert "ADVERTISEMENT." in _paragraphs(parse_text(text))


def test_an_old_books_advertisement_preface_set_in_short_lines_is_kept():
    # Set narrow in one block with its label, like a paper's advert, but it cuts no
    # sentence and comes once: the author's word to the reader.
    text = plain_text(
        "THE HARBOUR\nA TALE OF THE NORTH COAST",
        "ADVERTISEMENT.\nThe following pages were written\nin the winter of the great storm,\n"
        "and are now offered to the reader\nwith all their faults upon them.",
        "CHAPTER I.",
        PROSE,
    )
    body = body_text(parse_text(text))
    assert "ADVERTISEMENT." in body
    assert "in the winter of the great storm, and are now offered to the reader" in body


def test_advertisements_repeated_at_page_turns_are_dropped():
    ad = "ADVERTISEMENT.\nGRAYLING'S BOOT POLISH.\nA shine that lasts the week."
    text = plain_text("THE LANTERN", "CHAPTER I.", PROSE, ad, PROSE, ad, PROSE)
    body = body_text(parse_text(text))
    assert "POLISH" not in body and "ADVERTISEMENT" not in body


def test_the_authors_byline_repeated_under_each_instalment_is_furniture():
    text = plain_text(
        "THE LANTERN.",
        "BY MARGIT OSTBY.",
        "CHAPTER I.",
        PROSE,
        "THE LANTERN.\nBY MARGIT OSTBY.",
        "CHAPTER II.",
        PROSE,
    )
    parsed = parse_text(text)
    assert parsed.author and "Ostby".casefold() in parsed.author.casefold()
    assert "OSTBY" not in body_text(parsed)


# --- a critical edition: numbers in the margin and the chapter's running header -------------

_EDITION = [
    "The weir was built of oak and stone, and the water",
    "ran over it all through the dry summer. The miller",
    "kept a ledger of every sack that crossed the yard,",
    "and his daughter copied it out again each evening",
    "by the window. Nobody on the river trusted the mill",
    "clock, which ran fast whenever the wheel turned",
    "quickly. In the wet months the race flooded the",
    "lower meadow and the geese swam where the cows had",
    "grazed. The carters took the long road round by",
    "the chapel, grumbling at the tolls the whole way.",
    "The ledger shows a hard winter and a late spring,",
    "and the miller's daughter wrote that the geese had",
    "gone early that year, flying low over the weir and",
    "calling all night. The chapel bell was rung for the",
    "new sluice gate, and the carters came to watch it.",
]


def _numbered(left: bool) -> str:
    lines = []
    for n, line in enumerate(_EDITION, 1):
        number = str(n) if n % 5 == 0 else ""
        lines.append(f"{number:<6}{line}" if left else f"{line:<56}{number}".rstrip())
    return "\n".join(lines)


def test_line_numbers_in_the_right_margin_are_taken_out():
    text = f"THE MILL BOOK\n\nEdited by Ruth Hale\n\n\nCHAPTER I\n\n{_numbered(left=False)}\n"
    body = body_text(parse_text(text))
    assert "Nobody on the river trusted the mill clock" in body
    assert "the chapel, grumbling at the tolls the whole way." in body
    assert " 5 " not in body and " 10 " not in body and " 15 " not in body


def test_line_numbers_in_a_left_gutter_are_taken_out():
    text = f"THE MILL BOOK\n\nEdited by Ruth Hale\n\n\nCHAPTER I\n\n{_numbered(left=True)}\n"
    body = body_text(parse_text(text))
    assert "Nobody on the river trusted the mill clock" in body
    assert "grazed. The carters took the long road" in body
    assert " 10 " not in body and " 15 " not in body
    assert not any(word in {"5", "10", "15"} for word in body.split())


def test_numbers_at_line_ends_that_are_no_multiples_of_a_step_are_kept():
    text = plain_text(
        "Prices at the Mill",
        "Oats by the sack, the old measure      7\n"
        "Barley by the sack, the old measure    12\n"
        "Wheat by the sack, the new measure     23\n"
        "Rye by the sack, the new measure       31",
    )
    body = body_text(parse_text(text))
    assert all(n in body for n in ("7", "12", "23", "31"))


def test_years_of_a_chronology_in_a_left_column_stay():
    text = plain_text(
        "Our Branch",
        PROSE,
        "Chronology",
        "1905   The branch is founded in the back room of the Anchor.\n"
        "1910   First strike at the yard, over the rate for rivets.\n"
        "1920   Merger with the boilermakers' society.\n"
        "1935   The branch banner is sewn by the women's guild.",
        PROSE,
    )
    body = body_text(parse_text(text))
    assert all(year in body for year in ("1905", "1910", "1920", "1935"))


def test_figures_of_a_table_in_a_right_column_stay():
    text = plain_text(
        "Annual Report",
        PROSE,
        "Members at the start of the year        120\n"
        "New members joined in the year          240\n"
        "Members at the end of the year          360",
        PROSE,
    )
    body = body_text(parse_text(text))
    assert all(figure in body for figure in ("120", "240", "360"))


def test_the_chapters_title_again_at_a_page_turn_is_a_running_header():
    text = (
        "THE MILL BOOK\n\nEdited by Ruth Hale\n\n\n"
        "CHAPTER I\nTHE WEIR AND THE WHEEL\n\n"
        "The weir was built of oak and stone, and the water ran over it all\n"
        "through the dry summer. The miller kept a ledger of every sack that\n"
        "crossed the yard, and his daughter copied it out again each\n\n"
        "                              9\n\n"
        "                 THE WEIR AND THE WHEEL\n\n"
        "evening by the window. Nobody on the river trusted the mill clock.\n\n\n"
        "CHAPTER II\nTHE LOWER MEADOW\n\n"
        "In the wet months the race flooded the lower meadow and the geese\n"
        "swam where the cows had grazed. The carters took the long road.\n"
    )
    parsed = parse_text(text)
    assert [s.title for s in parsed.sections if s.level == 1][-2:] == [
        "Chapter I: The Weir and the Wheel",
        "Chapter II: The Lower Meadow",
    ]
    assert "THE WEIR AND THE WHEEL" not in body_text(parsed)
    assert "copied it out again each evening by the window" in body_text(parsed)


# --- a course reader's contents list ---------------------------------------------------------


def test_a_line_over_prose_after_the_contents_entries_is_the_first_heading():
    text = plain_text(
        "Growing Food Together",
        "CONTENTS",
        "Week 1: Seeds ........................ 3\nWeek 2: Soil .......................... 9",
        "Session 1 – Seeds",
        PROSE,
        "Session 2 – Soil",
        PROSE,
    )
    assert [title for _level, _kind, title in outline(text)] == [
        "Session 1 – Seeds",
        "Session 2 – Soil",
    ]


def test_a_unit_found_through_the_contents_list_holds_its_readings():
    text = plain_text(
        "Growing Food Together",
        "CONTENTS",
        "Unit 1: Soil ........................ 3\nUnit 2: Water in Dry Years .......... 9",
        "Unit 1: Soil",
        PROSE,
        "The Clay Field",
        "by Ada Marsh",
        PROSE,
        "Exercises for Unit 1",
        PROSE,
        "Unit 2: Water",
        PROSE,
        "The Long Drought",
        "by Tom Reyes",
        PROSE,
        "Exercises for Unit 2",
        PROSE,
    )
    assert [(level, title) for level, _kind, title in outline(text)] == [
        (1, "Unit 1: Soil"),
        (2, "The Clay Field"),
        (2, "Exercises for Unit 1"),
        (1, "Unit 2: Water"),
        (2, "The Long Drought"),
        (2, "Exercises for Unit 2"),
    ]


def test_a_contents_list_of_bare_entries_is_not_cut_at_its_first_entry():
    text = plain_text(
        "                  THE SALT MARSH",
        "                  CONTENTS",
        "     PREFACE\n     I.     LOW TIDE\n     II.    THE SLUICE KEEPER\n"
        "     III.   GEESE IN WINTER\n     IV.    THE SEA WALL",
        "                  PREFACE",
        PROSE,
        "CHAPTER I\n\nLow Tide",
        PROSE,
        "CHAPTER II\n\nThe Sluice Keeper",
        PROSE,
        "CHAPTER III\n\nGeese in Winter",
        PROSE,
        "CHAPTER IV\n\nThe Sea Wall",
        PROSE,
    )
    assert [(level, title) for level, kind, title in outline(text) if kind == "body"] == [
        (1, "Chapter I: Low Tide"),
        (1, "Chapter II: The Sluice Keeper"),
        (1, "Chapter III: Geese in Winter"),
        (1, "Chapter IV: The Sea Wall"),
    ]
