"""Heading styles added for the third families (issue #13, round three, part A): rule
books, transcripts, numbered theses, and headings set in two ways in a PDF.

Each layout is written by hand with its own prose, so a rule is pinned by what it means.
"""

from __future__ import annotations

from studygroup.library.importing.clean import Block
from studygroup.library.importing.headings import Heading, Style, assign_levels, recognise

from .test_importing_structure import PROSE, outline, plain_text, prose, wrapped

# --- rule books: provisions ----------------------------------------------------------------


def test_a_rule_books_sections_articles_and_schedules_are_chapters():
    text = plain_text(
        "HARBOUR PILOTS' UNION",
        "RULES",
        "As amended by the general meeting of 4 June 1951",
        "§ 1\nName and Office",
        PROSE,
        "(a) " + wrapped(prose()),
        "§ 2. Membership",
        PROSE,
        "SCHEDULE A\nThe Form of Entry",
        PROSE,
    )
    assert [(level, title) for level, _, title in outline(text)] == [
        (1, "§ 1 Name and Office"),
        (1, "§ 2. Membership"),
        (1, "Schedule A The Form of Entry"),
    ]


def test_rule_and_article_labels_carry_their_titles():
    assert recognise(Block(["Rule 4", "Dues and Arrears"])) == Style.PROVISION
    assert recognise(Block(["Article 12 – The Executive"])) == Style.PROVISION
    assert recognise(Block(["Schedule B"])) == Style.PROVISION
    # A sentence that starts with a rule's number is no heading.
    assert recognise(Block(["Rule 4 says that dues are paid"])) != Style.PROVISION


# --- transcripts ---------------------------------------------------------------------------


def test_a_speaker_turn_is_never_a_heading_however_short():
    for line in ["MODERATOR: And then?", "ADA VANCE: Yes.", "Q: Where were you?"]:
        assert recognise(Block([line])) is None, line
    # A label with its title is still a heading.
    assert recognise(Block(["PART TWO: The Strike"])) == Style.PART


def test_a_transcripts_tapes_and_topics_under_speaker_turns():
    text = "\n\n".join(
        [
            "Tape 1\nLife on the Quay",
            "ADA VANCE: " + wrapped(prose()),
            "Who Paid the Pilots?",
            "BEN STROUD: And then?",  # a short turn right under a topic heading
            "ADA VANCE: " + wrapped(prose()),
            "Tape 2\nThe New Cranes",
            "BEN STROUD: " + wrapped(prose()),
        ]
    )
    assert [(level, title) for level, _, title in outline(text)] == [
        (1, "Tape 1 Life on the Quay"),
        (2, "Who Paid the Pilots?"),
        (1, "Tape 2 The New Cranes"),
    ]


def test_a_recordings_particulars_are_no_headings_and_close_before_one():
    assert recognise(Block(["Moderator: Ada Vance"])) is None
    text = "\n\n".join(
        [
            "Voices from the Quay",
            "Oral history interview with Ada Vance\nInterviewer: Ben Stroud\nPlace: Carrow",
            "The Lodge Question",
            "BEN STROUD: Go on.",
            "ADA VANCE: " + wrapped(prose()),
            "The Crane Question",
            "ADA VANCE: " + wrapped(prose()),
        ]
    )
    titles = [title for _, _, title in outline(text)]
    assert "The Lodge Question" in titles
    assert "Moderator: Ada Vance" not in titles


# --- manifestos: numbered theses -------------------------------------------------------------


def test_a_heading_over_short_numbered_theses():
    text = plain_text(
        "THE HARBOUR THESES",
        PROSE,
        "ON THE COMMON QUAY",
        "1. The quay was shared.",
        "2. Nobody paid rent.",
        "3. " + wrapped(prose()),
        "AGAINST THE NEW CRANES",
        "4. The cranes came.",
        "5. " + wrapped(prose()),
    )
    titles = [title for _, _, title in outline(text)]
    assert titles[-2:] == ["On the Common Quay", "Against the New Cranes"]


# --- headings set in two ways ------------------------------------------------------------------


def test_headings_set_in_and_flush_are_two_levels_the_first_one_the_top():
    heads = [
        Heading(Style.PLAIN, ["   Life on the Quay"]),
        Heading(Style.PLAIN, ["Who Paid the Pilots"]),
        Heading(Style.QUESTION, ["Where Did the Ropes Go?"]),
        Heading(Style.PLAIN, ["   The New Cranes"]),
        Heading(Style.PLAIN, ["The Crane Drivers"]),
    ]
    assert assign_levels(heads, has_title=True, toc_matched=0) == [1, 2, 2, 1, 2]
    # All set alike: no such evidence.
    alike = [Heading(h.style, [h.text]) for h in heads]
    assert assign_levels(alike, has_title=True, toc_matched=0) == [1, 1, 1, 1, 1]
