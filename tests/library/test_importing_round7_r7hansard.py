"""Structure rules added in round seven, part C (issue #13): the layout conventions of a
parliament's or council's printed record and of a tribunal's judgment.

Each layout is written by hand with its own prose, so a rule is pinned by what it means.
"""

from __future__ import annotations

from studygroup.library.importing.pipeline import parse_text

from .test_importing_structure import PROSE, body_text, outline, plain_text

# --- numbered headings under a plain one (headings.nest_enumerated_heads) -------------------


def _report(
    first: str, second: str, third: str, parent: str = "The Panel's Findings", own_prose=True
) -> str:
    return plain_text(
        "Report on the Ferry Landing",
        "Summary of the Inquiry",
        PROSE,
        parent,
        *([PROSE] if own_prose else []),
        first,
        PROSE,
        second,
        PROSE,
        third,
        PROSE,
        "Recommendations",
        PROSE,
    )


def test_headings_counting_themselves_off_sit_under_the_plain_heading_before_them():
    text = _report(
        "Finding 1: The Slipway Lights",
        "Finding 2: Timetables at the Pier",
        "Finding 3: Winter Crossings",
    )
    assert [(level, title) for level, _kind, title in outline(text)][-5:] == [
        (1, "The Panel's Findings"),
        (2, "Finding 1: The Slipway Lights"),
        (2, "Finding 2: Timetables at the Pier"),
        (2, "Finding 3: Winter Crossings"),
        (1, "Recommendations"),
    ]


def test_lettered_headings_nest_the_same_way():
    text = _report(
        "(a) The Slipway Lights",
        "(b) Timetables at the Pier",
        "(c) Winter Crossings",
        parent="What the Panel Found",
        own_prose=False,
    )
    levels = {title: level for level, _kind, title in outline(text)}
    assert levels["(a) The Slipway Lights"] == 2
    assert levels["(c) Winter Crossings"] == 2
    assert levels["Recommendations"] == 1


def test_a_run_under_a_heading_with_its_own_account_stays_beside_it():
    # review 7, finding 12: "Background" tells its own story; the steps are not in it
    text = plain_text(
        "The Appeal",
        "A summary of the tenants' appeal against the eviction orders, for the meeting.",
        "Background",
        "The estate was sold in 1998 and the new owners served notice on every tenant in\n"
        "the east block within a month of the sale going through at the land registry.",
        "Step 1: Write to the council",
        "Every tenant should write to the housing office with a copy of the notice, so that\n"
        "the council has a record of the date the notice was served on each household.",
        "Step 2: Come to the meeting",
        "The meeting is on Thursday in the community hall, and the solicitor will be there\n"
        "to answer questions about the appeal and what happens if it is refused.",
        "Step 3: Keep paying the rent",
        "Whatever happens, keep paying the rent into the account, so that no one can say\n"
        "that the tenants broke the tenancy and so lost the right to appeal at all.",
        "What happens next",
        "The court will hear the appeal in the spring, and the committee will report back.",
    )
    levels = {title: level for level, _kind, title in outline(text)}
    assert levels["Background"] == 1
    assert levels["Step 1: Write to the council"] == 1
    assert levels["Step 3: Keep paying the rent"] == 1


def test_a_heading_that_says_nothing_itself_holds_the_run_under_it():
    text = _report(
        "Finding 1: The Slipway Lights",
        "Finding 2: Timetables at the Pier",
        "Finding 3: Winter Crossings",
        parent="What the Panel Found",
        own_prose=False,
    )
    levels = {title: level for level, _kind, title in outline(text)}
    assert levels["What the Panel Found"] == 1
    assert levels["Finding 2: Timetables at the Pier"] == 2
    assert levels["Recommendations"] == 1


def test_a_count_that_does_not_start_at_one_is_no_series():
    text = _report(
        "Finding 4: The Slipway Lights",
        "Finding 5: Timetables at the Pier",
        "Finding 6: Winter Crossings",
    )
    assert {level for level, _kind, _title in outline(text)} == {1}


# --- column numbers (clean.drop_column_numbers) ---------------------------------------------


def _columned(numbers: tuple[str, ...]) -> str:
    return plain_text(
        "Proceedings of the Harbour Council",
        "Harbour Council Record 4 June 1931 vol 7 cols 1570-1573",
        "ROUTINE BUSINESS",
        PROSE,
        numbers[0],
        PROSE,
        PROSE,
        numbers[1],
        PROSE,
        "MOORING FEES",
        PROSE,
        numbers[2],
        PROSE,
    )


def test_four_digit_column_numbers_counting_up_are_furniture():
    parsed = parse_text(_columned(("1571", "1572", "1574")))
    assert not any(n in body_text(parsed) for n in ("1571", "1572", "1574"))
    assert [s.title for s in parsed.sections if s.title[:1].isdigit()] == []


def test_numbers_that_do_not_count_up_stay():
    parsed = parse_text(_columned(("1571", "1390", "1574")))
    found = body_text(parsed) + " ".join(s.title for s in parsed.sections)
    assert all(n in found for n in ("1571", "1390", "1574"))


def test_a_number_cutting_a_sentence_is_a_column_number_without_a_column_named():
    text = plain_text(
        "Proceedings of the Harbour Council",
        "The clerk read the minutes of the last meeting and the harbour master said that the",
        "1571",
        "moorings on the east wall had been let for the whole of the season to the ferry men,",
        "1572",
        "who would pay the dues at the quarter day as they had done in every year before the war.",
    )
    body = body_text(parse_text(text))
    assert "1571" not in body and "1572" not in body
    assert "harbour master said that the moorings on the east wall" in body


def test_years_alone_over_paragraphs_are_kept():
    # review 7, finding 2: a chronology's years counting up are no column numbers
    text = plain_text(
        "The Yard Remembered",
        "A short history of the Carrow shipyard union, written for the branch's members.",
        "1911",
        "That summer the riveters walked out for the first time, and the branch was formed "
        "in the back room of the Anchor.",
        "1912",
        "The owners locked the gates for six weeks, and the families lived on what the "
        "co-operative could spare them.",
        "1914",
        "The war took half the men, and the women came into the sheds to do the work they "
        "had been told they could not do.",
    )
    parsed = parse_text(text)
    found = body_text(parsed) + " ".join(s.title for s in parsed.sections)
    assert all(year in found for year in ("1911", "1912", "1914"))


def test_a_column_named_elsewhere_does_not_take_years_far_from_it():
    text = plain_text(
        "The Yard Remembered",
        "The debate is in Hansard, 12 March 1890, cols 214-217, and is worth reading whole.",
        "1911",
        "That summer the riveters walked out for the first time, and the branch was formed "
        "in the back room of the Anchor.",
        "1912",
        "The owners locked the gates for six weeks, and the families lived on what the "
        "co-operative could spare them.",
    )
    parsed = parse_text(text)
    found = body_text(parsed) + " ".join(s.title for s in parsed.sections)
    assert "1911" in found and "1912" in found


def test_years_over_numbered_letters_are_not_column_numbers():
    text = plain_text(
        "Letters from the Lighthouse",
        PROSE,
        "1910",
        "1.\nTo Ada Penhale",
        PROSE,
        "1911",
        "2.\nTo Ada Penhale",
        PROSE,
        "1912",
        "3.\nTo Ada Penhale",
        PROSE,
    )
    titles = [title for _level, _kind, title in outline(text)]
    assert {"1910", "1911", "1912"} <= set(titles)


# --- a record's page reference (structure.is_record_reference) ------------------------------


def test_a_page_reference_at_page_after_page_is_furniture():
    text = plain_text(
        "Proceedings of the Harbour Council",
        PROSE,
        "The clerk read the minutes of the last meeting and the harbour master said that the",
        "Harbour Council Record 4 June 1931 vol 7 cols 310-313",
        "moorings on the east wall had been let for the whole of the season to the ferry men.",
        PROSE,
        "The chairman asked whether the dues for the winter had been paid in full by the",
        "Harbour Council Record 4 June 1931 vol 7 cols 314-317",
        "owners of the two steam tugs, and the treasurer said that they had.",
        PROSE,
    )
    body = body_text(parse_text(text))
    assert "vol 7" not in body
    assert "said that the moorings on the east wall" in body


def test_a_page_reference_naming_its_volume_is_furniture_once():
    text = plain_text(
        "Proceedings of the Harbour Council",
        PROSE,
        PROSE,
        "Harbour Council Record 4 June 1931 vol 7 cols 310-313",
        PROSE,
    )
    assert "vol 7" not in body_text(parse_text(text))


def test_a_citation_printed_once_is_the_text():
    text = plain_text(
        "Proceedings of the Harbour Council",
        PROSE,
        PROSE,
        "Harbour Council Record, 4 June 1931, cols 310-313",
        PROSE,
    )
    assert "Harbour Council Record, 4 June 1931, cols 310-313" in body_text(parse_text(text))


def test_a_list_of_sources_keeps_its_entries():
    # review 7, finding 4: an essay's newspaper sources, one entry a block
    text = plain_text(
        "The Dockers' Tanner",
        "An essay on the London dock strike and how the newspapers reported it at the time.",
        "The strike began in the West India Dock over the rate for unloading a single ship,\n"
        "and within a week it had spread to every dock on both banks of the river.",
        "Sources",
        "The Times, 26 August 1889, pp. 7-8",
        "The Times, 2 September 1889, pp. 5-6",
        "Hansard, 12 March 1890, cols 214-217",
    )
    body = body_text(parse_text(text))
    assert "The Times, 26 August 1889, pp. 7-8" in body
    assert "The Times, 2 September 1889, pp. 5-6" in body
    assert "Hansard, 12 March 1890, cols 214-217" in body


# --- a debate's title over its formal opening (headings._heads_proceedings) -----------------


def test_a_capitals_title_over_one_formal_sentence_heads_the_business():
    text = (
        plain_text("Proceedings of the Harbour Council", "QUESTIONS TO THE CLERK", PROSE, PROSE)
        + "\n\n\n\nTHE SLIPWAY REPAIRS SCHEME\n\nMotion moved and seconded.\n\n"
        + plain_text(PROSE, PROSE)
    )
    titles = [title for _level, _kind, title in outline(text)]
    assert "The Slipway Repairs Scheme" in titles


def test_a_capitals_line_in_the_run_of_paragraphs_is_not_made_a_heading_so():
    text = (
        plain_text("Proceedings of the Harbour Council", "QUESTIONS TO THE CLERK", PROSE, PROSE)
        + "\n\nTHE SLIPWAY REPAIRS SCHEME\n\nMotion moved and seconded.\n\n"
        + plain_text(PROSE, PROSE)
    )
    titles = [title for _level, _kind, title in outline(text)]
    assert "The Slipway Repairs Scheme" not in titles


def test_a_lettered_run_nests_under_the_heading_before_it_by_its_form():
    text = _report(
        "(a) The Slipway Lights",
        "(b) Timetables at the Pier",
        "(c) Winter Crossings",
        parent="What the Panel Found",
    )
    levels = {title: level for level, _kind, title in outline(text)}
    assert levels["(b) Timetables at the Pier"] == 2
