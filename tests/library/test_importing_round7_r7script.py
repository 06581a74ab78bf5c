"""Rules added in round seven, part I (issue #13): layout conventions of judgments, plays
printed to PDF and reports whose tables and figures stand right over a heading.

Each layout is written by hand with its own prose, so a rule is pinned by what it means.
"""

from __future__ import annotations

from studygroup.library.importing.pipeline import parse_text

from .test_importing_structure import PROSE, body_text, plain_text


def _titles(parsed) -> list[tuple[int, str]]:
    return [(s.level, s.title) for s in parsed.sections]


# --- a judgment's title page ------------------------------------------------------------

PARTIES = [
    "Between:",
    "MARGARET OYELARAN\nClaimant",
    "v",
    "RIVERSIDE HAULAGE LIMITED\nDefendant",
]
REASONS = [
    "Facts",
    "1. The claimant ran a ferry across the estuary for eleven years. "
    "Her licence lapsed when the harbour board changed hands.",
    "2. The defendant bought the slipway in the spring. It refused her the use of it.",
    "Decision",
    "3. The licence was never lawfully withdrawn. The claim succeeds.",
]


def test_a_judgments_case_name_is_its_title_not_the_court_or_citation():
    text = plain_text(
        "Case reference: [1987] ECH 31",
        "IN THE ESTUARY COURT",
        "The Ferry Licence Appeal",
        *PARTIES,
        "Reasons for the decision of Judge Amos Kettering:",
        *REASONS,
    )
    parsed = parse_text(text)
    assert parsed.title == "The Ferry Licence Appeal"
    assert [t for _, t in _titles(parsed)] == ["Facts", "Decision"]
    assert "RIVERSIDE" not in body_text(parsed)


def test_a_judgment_with_no_case_name_is_named_after_its_parties():
    text = plain_text("IN THE ESTUARY COURT", *PARTIES, "JUDGMENT", *REASONS)
    parsed = parse_text(text)
    assert parsed.title == "Margaret Oyelaran v Riverside Haulage Limited"
    assert [t for _, t in _titles(parsed)] == ["Facts", "Decision"]


def test_a_judgment_sets_each_partys_role_flush_right_on_its_line():
    text = plain_text(
        "Appeal number: 1990/0412",
        "IN THE COURT OF THE MARCHES",
        "Date of hearing: 3 May 1990",
        "Before:",
        "THE RECORDER OF HEXLEY",
        "Between:",
        "TOBIAS ALDERWICK                        Appellant\n- and -\n"
        "THE WARDENS OF SALT LANE                Respondents",
        *REASONS,
    )
    parsed = parse_text(text)
    assert parsed.title == "Tobias Alderwick v The Wardens of Salt Lane"
    assert [t for _, t in _titles(parsed)] == ["Facts", "Decision"]


# --- a play: its act labels and its speakers' names --------------------------------------

CENTRE = " " * 18


def _scene(name: str, speakers: list[str]) -> list[str]:
    out = [f"{CENTRE}Scene 1: {name}"]
    for n, who in enumerate(speakers):
        out.append(
            f"{CENTRE}{who}\nThe kettle has been on the hob since the morning tide, "
            f"and nobody has poured it.\nThat is the {n + 1}th time I have said so."
        )
    return out


def test_an_act_label_opens_its_act_after_a_cast_list_and_a_page_break():
    text = plain_text(
        "The Lamp Room",
        "A play in two acts\nby Orla Brennick",
        "Persons of the play",
        "JOSEPH, keeper of the light\nMAUD, his sister\nTHE INSPECTOR, from the board",
        f"\f\n{CENTRE}ACT ONE",
        *_scene("The Gallery", ["JOSEPH", "MAUD", "JOSEPH"]),
        f"{CENTRE}End of the first act",
        f"\f\n{CENTRE}ACT TWO",
        *_scene("The Storm Glass", ["MAUD", "THE INSPECTOR", "MAUD"]),
    )
    titles = _titles(parse_text(text))
    assert (1, "Act One") in titles
    assert (1, "Act Two") in titles
    assert (2, "Scene 1: The Storm Glass") in titles


def test_a_letter_spaced_act_numeral_is_read_whole():
    text = plain_text(
        "The Lamp Room",
        "A play in two acts\nby Orla Brennick",
        PROSE,
        f"{CENTRE}A C T I I",
        *_scene("The Storm Glass", ["MAUD", "JOSEPH"]),
    )
    assert "Act II" in [t for _, t in _titles(parse_text(text))]


def test_a_speakers_name_parted_from_the_speech_is_not_a_heading():
    speeches = _scene("The Gallery", ["JOSEPH", "MAUD", "JOSEPH", "MAUD", "JOSEPH", "MAUD"])
    parted = f"{CENTRE}MAUD\n\nWhere is the oil for the lamp? I filled the can at noon."
    text = plain_text(
        "The Lamp Room",
        "A play in one act\nby Orla Brennick",
        "Persons of the play",
        "JOSEPH, keeper of the light\nMAUD, his sister",
        f"{CENTRE}ACT ONE",
        *speeches,
        parted,
        *speeches[1:],
    )
    titles = [t for _, t in _titles(parse_text(text))]
    assert "Maud" not in titles and "MAUD" not in titles
    assert "Scene 1: The Gallery" in titles


# --- a report: a heading straight under a table or a figure ------------------------------


def test_a_heading_stands_right_after_a_tables_last_row_and_a_figures_source():
    text = plain_text(
        "Allotments in the Valley",
        "Prepared for the parish council by Ruth Akande",
        "Summary",
        PROSE,
        "Waiting Lists",
        PROSE,
        "Table 1: Plots let by year",
        "Parish 2019 2020 2021\nUpper 40 52 61\nLower 33 35 30",
        "Water on the Sites",
        PROSE,
        "Figure 2. A standpipe on the lower site",
        "Source: council records, 2021",
        "What Members Asked For",
        PROSE,
    )
    titles = [t for _, t in _titles(parse_text(text))]
    assert "Water on the Sites" in titles
    assert "What Members Asked For" in titles


def test_a_survey_with_applicants_and_respondents_sections_keeps_every_word():
    # Role words as a study's section headings, and "citation" in its prose, are no
    # judgment's title page: the roles surround no parties and no court is named.
    text = plain_text(
        "Tenants and the Tribunal",
        "A study of rent appeals in three cities, with full citation of the cases used.",
        "Applicants",
        "Most applicants were private tenants who had lived in their homes for more\n"
        "than five years, and most came to the tribunal without a lawyer.",
        "Respondents",
        "The respondents were landlords or their agents; a third were companies.",
        "Outcomes",
        "Rents were reduced in just under half of the appeals we read.",
    )
    parsed = parse_text(text)
    assert parsed.title == "Tenants and the Tribunal"
    body = body_text(parsed)
    assert "full citation of the cases used" in body
    assert "private tenants" in body
    assert "landlords or their agents" in body
    assert "Applicants" in [t for _, t in _titles(parsed)]


def test_a_judgment_may_set_a_partys_role_after_a_tab_or_a_comma():
    for gap in ("\t", ", "):
        text = plain_text(
            "IN THE COURT OF THE MARCHES",
            "Between:",
            f"TOBIAS ALDERWICK{gap}Appellant\n- and -\nTHE WARDENS OF SALT LANE{gap}Respondents",
            *REASONS,
        )
        parsed = parse_text(text)
        assert parsed.title == "Tobias Alderwick v The Wardens of Salt Lane", repr(gap)
        assert [t for _, t in _titles(parsed)] == ["Facts", "Decision"]


def test_a_centred_line_that_only_starts_with_act_or_scene_opens_no_act():
    text = plain_text(
        "The Lamp Room",
        "A play in two acts\nby Orla Brennick",
        PROSE,
        f"{CENTRE}ACT NOW",
        PROSE,
        f"{CENTRE}ACT II",
        *_scene("The Storm Glass", ["MAUD", "JOSEPH"]),
    )
    parsed = parse_text(text)
    titles = [t for _, t in _titles(parsed)]
    assert "Act II" in titles
    assert not any("Now" in t or "NOW" in t for t in titles)
    assert "ACT NOW" in body_text(parsed)  # kept, as the stray line it is
