"""Layout conventions added in round six, part A (issue #13): serial fiction, plays,
typescripts and line-numbered texts.

Each layout is written by hand with its own prose, so a rule is pinned by what it means.
"""

from __future__ import annotations

from studygroup.library.importing.clean import Block
from studygroup.library.importing.headings import Style, recognise
from studygroup.library.importing.pipeline import parse_bytes, parse_text

from .test_importing_structure import PROSE, outline, plain_text

# --- a sentence in parentheses is an aside, not a title ----------------------------------


def test_a_sentence_in_parentheses_alone_on_a_line_is_no_heading():
    for line in ["(Applause.)", "(The rest of the page is torn away.)", "(Laughter!)"]:
        assert recognise(Block([line])) is None, line
    # A title may still end in parentheses, and a title may be one.
    assert recognise(Block(["The Strike (1908)"])) == Style.PLAIN


def test_an_aside_between_chapters_stays_out_of_the_outline():
    text = plain_text(
        "Chapter 1. The Harbour",
        PROSE,
        PROSE,
        "(Here the second notebook begins.)",
        PROSE,
        "Chapter 2. The Quay",
        PROSE,
    )
    assert [title for _, _, title in outline(text)] == [
        "Chapter 1. The Harbour",
        "Chapter 2. The Quay",
    ]


# --- a serial's instalment marks are furniture -------------------------------------------


def test_a_serials_instalment_marks_are_dropped():
    text = plain_text(
        "Chapter I. The Harbour",
        PROSE,
        "(To be continued.)",
        "Chapter II. The Quay",
        "[Continued from last week.]",
        PROSE,
        "(To be concluded in our next.)",
    )
    parsed = parse_text(text)
    assert [s.title for s in parsed.sections] == ["Chapter I. The Harbour", "Chapter II. The Quay"]
    paragraphs = [p.text for s in parsed.sections for p in s.paragraphs]
    assert len(paragraphs) == 2
    assert not any("ontinued" in p or "concluded" in p for p in paragraphs)


def test_a_sentence_about_continuing_is_kept():
    text = plain_text("Chapter I. The Harbour", PROSE, "(The strike continued into May.)")
    paragraphs = [p.text for s in parse_text(text).sections for p in s.paragraphs]
    assert paragraphs[-1] == "(The strike continued into May.)"


# --- a play's cast list ------------------------------------------------------------------


def test_a_plays_cast_list_is_headed_by_its_keyword():
    for title in ["Characters", "Dramatis Personae", "CAST OF CHARACTERS"]:
        text = plain_text(
            "THE HARBOUR STRIKE",
            title,
            "ADA, a pilot\nBEN, her brother\nCORA, a clerk",
            "ACT I",
            PROSE,
            "ACT II",
            PROSE,
        )
        titles = [t.casefold() for _, _, t in outline(text)]
        assert title.casefold() in titles, (title, titles)


# --- a play's scenes sit inside its acts -------------------------------------------------


def test_a_plays_scenes_sit_one_level_below_its_acts():
    text = plain_text(
        "THE HARBOUR STRIKE",
        PROSE,
        "Act One",
        "Scene 1: The Pilots' Hut",
        PROSE,
        "Scene 2: On the Quay",
        PROSE,
        "Act Two",
        "Scene 1: The Strike Committee",
        PROSE,
    )
    assert [(level, title) for level, _, title in outline(text)][1:] == [
        (1, "Act One"),
        (2, "Scene 1: The Pilots' Hut"),
        (2, "Scene 2: On the Quay"),
        (1, "Act Two"),
        (2, "Scene 1: The Strike Committee"),
    ]


# --- a typescript: capitals for chapters, mixed case for sections ------------------------


def test_underlined_capitals_head_chapters_and_underlined_mixed_case_their_sections():
    def underlined(title: str) -> str:
        return f"{title}\n{'-' * len(title)}"

    text = plain_text(
        underlined("THE PILOTS' HUT"),
        PROSE,
        underlined("Who Kept the Log?"),
        PROSE,
        underlined("THE QUAY"),
        PROSE,
        underlined("The Night Shift"),
        PROSE,
        underlined("The Tide Tables"),
        PROSE,
        underlined("THE STRIKE"),
        PROSE,
    )
    # As an upload: the underlines make the .txt file read as Markdown.
    sections = parse_bytes(text.encode(), "paper.txt").sections
    assert [(s.level, s.title) for s in sections][-6:] == [
        (1, "The Pilots' Hut"),
        (2, "Who Kept the Log?"),
        (1, "The Quay"),
        (2, "The Night Shift"),
        (2, "The Tide Tables"),
        (1, "The Strike"),
    ]
