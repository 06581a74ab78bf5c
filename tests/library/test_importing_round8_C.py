"""Rules added in round eight, part C (issue #13): layout conventions of a meeting's
agenda of numbered motions grouped under sections, and of a society's annual report.

Each layout is written by hand with its own prose, so a rule is pinned by what it means.
"""

from __future__ import annotations

from studygroup.library.importing.pipeline import parse_text

from .test_importing_structure import PROSE, outline, plain_text


def _paragraphs(parsed) -> list[str]:
    return [p.text for s in parsed.sections for p in s.paragraphs]


def _body(parsed) -> str:
    return " ".join(_paragraphs(parsed))


def _words(text: str) -> list[str]:
    return [w.strip(".,:;!?“”\"'()").casefold() for w in text.split() if w.strip(".,:;!?“”\"'()")]


def _all_words_kept(text: str) -> None:
    parsed = parse_text(text)
    kept = " ".join(
        [parsed.title or "", *(s.title for s in parsed.sections), _body(parsed)]
    ).casefold()
    kept_words = set(_words(kept))
    lost = [w for w in _words(text) if w not in kept_words]
    assert not lost, lost


# --- a record whose divisions each end on the same lines -------------------------------------

AGENDA = plain_text(
    "Harbour Users' Meeting",
    PROSE,
    "Moorings",
    "1. Winter Berths for the Ferry",
    PROSE,
    "Proposed by: Quay Street Residents",
    "AGREED",
    "2. A New Slipway Light",
    PROSE,
    "Proposed by: The Rowing Club",
    "Fees",
    "3. Harbour Dues for Visitors",
    PROSE,
    "Proposed by: The Fishermen's Guild",
    "AGREED",
    "Any other business is taken at the chair's discretion.",
)


def test_lines_every_division_ends_on_head_nothing():
    parsed = parse_text(AGENDA)
    titles = [s.title for s in parsed.sections]
    assert not [t for t in titles if t.startswith("Proposed by") or t.casefold() == "agreed"]
    assert "Proposed by: The Rowing Club" in _paragraphs(parsed)
    assert _paragraphs(parsed).count("AGREED") == 2


def test_a_closing_line_followed_once_by_an_amendment_still_closes():
    text = plain_text(
        "Allotment Society Meeting",
        PROSE,
        "1. Water Butts on Every Plot",
        PROSE,
        "Proposed by: Plot Nine",
        "2. A Later Gate Time",
        PROSE,
        "Proposed by: Plot Four",
        "Amendment: change the hour from eight to nine.",
        "3. Bonfires After Dusk",
        PROSE,
        "Proposed by: Plot Twelve",
        "4. A Shared Shed",
        PROSE,
        "Proposed by: Plot One",
    )
    parsed = parse_text(text)
    assert not [s.title for s in parsed.sections if s.title.startswith("Proposed by")]
    assert "Proposed by: Plot Four" in _paragraphs(parsed)
    _all_words_kept(text)


def test_a_recurring_label_over_its_own_text_stays_a_heading():
    text = plain_text(
        "Three Walks Near the Town",
        PROSE,
        "Walk: The Old Quarry",
        PROSE,
        "Walk: Hengate Fields",
        PROSE,
        "Walk: The River Path",
        PROSE,
    )
    titles = [title for _level, _kind, title in outline(text)]
    assert titles[-3:] == ["Walk: The Old Quarry", "Walk: Hengate Fields", "Walk: The River Path"]
    _all_words_kept(text)


def test_a_document_without_closing_lines_keeps_every_word():
    text = plain_text(
        "Notes on the Allotments",
        PROSE,
        "Spring",
        PROSE,
        "Planted by: the Tuesday volunteers",
        "Summer",
        PROSE,
        "Watered by: whoever came first",
        "Autumn",
        PROSE,
    )
    _all_words_kept(text)
    _all_words_kept(AGENDA)


# --- numbered headings run on across headings that group them ---------------------------------


def test_headings_dividing_a_numbered_run_are_its_parts():
    text = plain_text(
        "Spring Programme",
        "Notes from the Secretary",
        PROSE,
        "Walks",
        "1. The Old Quarry",
        PROSE,
        "2. Hengate Fields",
        PROSE,
        "Talks",
        "3. Lichens of the Churchyard",
        PROSE,
        "4. Drainage and the Fens",
        PROSE,
    )
    assert [(level, title) for level, _kind, title in outline(text)] == [
        (1, "Notes from the Secretary"),
        (1, "Walks"),
        (2, "1. The Old Quarry"),
        (2, "2. Hengate Fields"),
        (1, "Talks"),
        (2, "3. Lichens of the Churchyard"),
        (2, "4. Drainage and the Fens"),
    ]
    _all_words_kept(text)


def test_one_unnumbered_heading_inside_numbered_chapters_is_an_interlude():
    text = plain_text(
        "A Year on the Marsh",
        PROSE,
        "1. Winter",
        PROSE,
        "2. Spring",
        PROSE,
        "Interlude",
        "3. Summer",
        PROSE,
        "4. Autumn",
        PROSE,
    )
    levels = {title: level for level, _kind, title in outline(text)}
    assert levels["1. Winter"] == levels["3. Summer"] == 1
    _all_words_kept(text)


def test_sub_headings_with_their_own_text_do_not_group_numbered_chapters():
    text = plain_text(
        "Field Notes",
        PROSE,
        "1. The Estuary",
        PROSE,
        "Birds",
        PROSE,
        "2. The Dunes",
        PROSE,
        "Plants",
        PROSE,
        "3. The Saltings",
        PROSE,
    )
    levels = {title: level for level, _kind, title in outline(text)}
    assert levels["1. The Estuary"] == levels["2. The Dunes"] == 1
    assert levels["Birds"] == levels["Plants"] == 2
    _all_words_kept(text)


def test_years_over_numbered_letters_stay_beside_them():
    text = plain_text(
        "Letters Home",
        PROSE,
        "1921",
        "1. To My Sister",
        PROSE,
        "2. To the Vicar",
        PROSE,
        "1922",
        "3. To My Sister Again",
        PROSE,
        "4. To an Old Friend",
        PROSE,
    )
    levels = {title: level for level, _kind, title in outline(text)}
    assert levels["1921"] == levels["1. To My Sister"] == levels["3. To My Sister Again"] == 1
    _all_words_kept(text)


# --- reports signed by their officers --------------------------------------------------------

REPORTS = plain_text(
    "Canal Society Year Book",
    PROSE,
    "From the President",
    PROSE,
    "Agnes Marlow\nPresident",
    "The Work Parties",
    PROSE,
    "Owen Pritchard\nWork Party Leader",
    "Accounts",
    PROSE,
    "Rhoda Finch\nTreasurer",
    "Members",
    PROSE,
)


def test_a_name_over_an_office_closing_each_report_is_its_signature():
    parsed = parse_text(REPORTS)
    titles = [s.title for s in parsed.sections]
    assert titles[-4:] == ["From the President", "The Work Parties", "Accounts", "Members"]
    paragraphs = _paragraphs(parsed)
    assert "Owen Pritchard Work Party Leader" in paragraphs
    _all_words_kept(REPORTS)


def test_names_over_offices_heading_their_own_text_stay_headings():
    text = plain_text(
        "Voices of the Towpath",
        PROSE,
        "Agnes Marlow\nLock Keeper",
        PROSE,
        "Owen Pritchard\nBoat Builder",
        PROSE,
        "Rhoda Finch\nCarter",
        PROSE,
    )
    titles = [title for _level, _kind, title in outline(text)]
    assert "Owen Pritchard Boat Builder" in titles or "Owen Pritchard" in titles
    _all_words_kept(text)


def test_a_two_line_book_title_over_its_chapters_is_no_signature():
    text = plain_text(
        "The Long Tide",
        PROSE,
        "First Book\nThe Crossing",
        "Chapter 1",
        PROSE,
        "Chapter 2",
        PROSE,
        "Second Book\nThe Harbour",
        "Chapter 3",
        PROSE,
        "Third Book\nThe Return",
        "Chapter 4",
        PROSE,
        "It was the first book he had read since the crossing.",
    )
    titles = [title for _level, _kind, title in outline(text)]
    assert [t for t in titles if t.startswith("Second Book")]
    _all_words_kept(text)


# --- a table's title and column heads ----------------------------------------------------------

ACCOUNTS = (
    "GATE TAKINGS\n"
    "                                   Summer      Winter\n"
    "\n"
    "Lock fees ...................       £212        £96\n"
    "Mooring rents ...............       £340       £310\n"
    "Boat hire ...................        £75        £12"
)


def test_column_heads_over_rows_of_figures_head_no_section():
    text = plain_text(
        "Canal Society Accounts", PROSE, "The Year in Figures", PROSE, ACCOUNTS, PROSE
    )
    parsed = parse_text(text)
    titles = [s.title for s in parsed.sections]
    assert not [t for t in titles if "Summer" in t]
    assert "Summer Winter" in _paragraphs(parsed)
    assert "The Year in Figures" in titles
    _all_words_kept(text)


def test_a_section_heading_a_blank_line_over_a_table_stays_a_heading():
    text = plain_text(
        "Canal Society Accounts",
        PROSE,
        "Takings by Season",
        ACCOUNTS.replace("GATE TAKINGS\n", ""),
        "Repairs",
        PROSE,
    )
    titles = [title for _level, _kind, title in outline(text)]
    assert "Takings by Season" in titles
    assert "Repairs" in titles
    _all_words_kept(text)
