"""Rules added in round eight, part D (issue #13): a collection of recorded interviews,
each under its numbered title with the speaker's name, the editor's notes after each
interview, numbered from 1.

Each layout is written by hand with its own prose, so a rule is pinned by what it means.
"""

from __future__ import annotations

import re
from collections import Counter

from studygroup.library.importing.pipeline import parse_text

from .test_importing_structure import PROSE, plain_text


def _body(parsed) -> str:
    return " ".join(p.text for s in parsed.sections for p in s.paragraphs)


def _titles(parsed) -> list[tuple[int, str]]:
    return [(s.level, s.title) for s in parsed.sections if s.kind == "body"]


def _words(text: str) -> Counter[str]:
    return Counter(w for w in re.findall(r"\w+", text.casefold()) if w.isalpha())


def _lost_words(text: str, parsed) -> set[str]:
    """Words of the input the parse holds fewer times; a "Notes" heading gives way to
    its notes."""
    return set(_words(text) - _output_words(parsed)) - {"notes"}


def _output_words(parsed) -> Counter[str]:
    notes = " ".join(n.text for n in parsed.footnotes)
    heads = " ".join(s.title for s in parsed.sections)
    return _words(" ".join([parsed.title, parsed.author or "", heads, _body(parsed), notes]))


# --- notes after each interview, then the next numbered title --------------------------------

INTERVIEW_NOTES = [
    "Notes",
    "1. The ferry ran twice a day until the bridge opened.",
    "2. Her brother kept the ledger after the war.",
    "3. The mill's bell hangs in the museum now.",
]


def _interviews() -> str:
    return plain_text(
        "RIVER VOICES",
        "Introduction",
        PROSE,
        "1. The Ferry Landing",
        PROSE,
        "Ada spoke of the crossing in winter.¹ The river froze twice in her life.² "
        "Nobody trusted the ice.³",
        *INTERVIEW_NOTES,
        "2. The Mill Race",
        PROSE,
        "Ben remembered the bell at the mill.¹ It rang at six.²",
        "Notes",
        "1. The bell was cast in the town.",
        "2. It rang at seven on Sundays.",
    )


def test_a_numbered_title_that_steps_back_from_the_last_note_heads_the_next_interview():
    parsed = parse_text(_interviews())
    assert [t for _, t in _titles(parsed)] == [
        "Introduction",
        "1. The Ferry Landing",
        "2. The Mill Race",
    ]
    notes = [n.text for n in parsed.footnotes]
    assert "The mill's bell hangs in the museum now." in notes
    assert not any("Mill Race" in n for n in notes)


def test_notes_that_run_on_in_sequence_stay_notes_however_short():
    """A short note in sequence ("4. Ibid.") is a note, and every note's words are kept."""
    text = plain_text(
        "RIVER VOICES",
        "Introduction",
        PROSE,
        "1. The Ferry Landing",
        PROSE,
        "Ada spoke of the crossing.¹ The river froze.² Nobody trusted it.³ Nor the boat.⁴",
        *INTERVIEW_NOTES,
        "4. Ibid.",
    )
    parsed = parse_text(text)
    assert [t for _, t in _titles(parsed)] == ["Introduction", "1. The Ferry Landing"]
    assert len(parsed.footnotes) == 4
    assert not _lost_words(text, parsed)


def test_a_numbered_list_after_a_notes_heading_keeps_every_word():
    """An ordinary report whose "Notes" are a numbered list counting 1, 2, 1, 2 (two
    lists under one heading, no note markers): every word is kept, whatever it is."""
    text = plain_text(
        "THE BRANCH YEAR",
        "Summary",
        PROSE,
        "Notes",
        "1. Rooms were booked for the spring.",
        "2. The hall was painted in May.",
        "1. Members asked for a later start.",
        "2. The treasurer will report in June.",
        PROSE,
    )
    parsed = parse_text(text)
    assert not _lost_words(text, parsed)


def test_notes_at_the_back_grouped_under_numbered_chapter_labels_stay_notes():
    """Back notes under "1. Chapter's Title", "2. …" labels count from 1 again in each
    group: a label with notes right under it is not the next chapter."""
    text = plain_text(
        "RIVER VOICES",
        "Chapter One: The Ferry Landing",
        PROSE,
        "The crossing froze.1 The boat was hauled out.2 Nobody rowed.3",
        "Chapter Two: The Mill Race",
        PROSE,
        "The bell rang.1 The race ran dry.2",
        "Notes",
        "1. The Ferry Landing",
        "1 The ferry ran twice a day until the bridge opened.",
        "2 Her brother kept the ledger after the war.",
        "3 The mill's bell hangs in the museum now.",
        "2. The Mill Race",
        "1 The bell was cast in the town.",
        "2 It rang at seven on Sundays.",
    )
    parsed = parse_text(text)
    assert [t for _, t in _titles(parsed)] == [
        "Chapter One: The Ferry Landing",
        "Chapter Two: The Mill Race",
    ]
    assert not _lost_words(text, parsed)


def test_a_numbered_title_that_runs_on_from_the_notes_heads_the_next_interview_over_a_name():
    """ "1." is the only note, and "2. The Mill Race" counts on from it: the speaker's name
    alone under it, over prose, says it heads the next interview."""
    text = plain_text(
        "RIVER VOICES",
        "Introduction",
        PROSE,
        "1. The Ferry Landing",
        "Ada Vance",
        PROSE,
        "Ada spoke of the crossing in winter.¹ Nobody trusted the ice that year.",
        "Notes",
        "1. The ferry ran twice a day until the bridge opened.",
        "2. The Mill Race",
        "Ben Stroud",
        PROSE,
    )
    parsed = parse_text(text)
    assert [t for _, t in _titles(parsed)][-2:] == ["1. The Ferry Landing", "2. The Mill Race"]
    assert [n.text for n in parsed.footnotes] == [INTERVIEW_NOTES[1][3:]]


def test_notes_that_end_a_book_over_a_signature_stay_notes():
    """The last note is a short title ("2. A Winter on the River") and the author signs
    under the notes: no prose opens after the name, so nothing heads a chapter."""
    text = plain_text(
        "RIVER VOICES",
        "1. The Ferry Landing",
        PROSE,
        "Ada spoke of the crossing in winter.¹ She wrote it down.²",
        "Notes",
        "1. The ferry ran twice a day until the bridge opened.",
        "2. A Winter on the River",
        "Ada Vance",
    )
    parsed = parse_text(text)
    assert [t for _, t in _titles(parsed)] == ["1. The Ferry Landing"]
    assert len(parsed.footnotes) == 2
    assert not _lost_words(text, parsed)


# --- a contents page naming each interview's speaker in brackets -----------------------------


def _contents(*entries: str) -> str:
    return "\n".join(
        f"{entry:<50}{page:>6}" for entry, page in zip(entries, (3, 9, 17), strict=True)
    )


def test_a_contents_entry_with_the_speaker_in_brackets_matches_the_title_printed_alone():
    text = plain_text(
        "RIVER VOICES",
        "Contents",
        _contents("Introduction", "The Ferry Landing (Ada Vance)", "The Mill Race (Ben Stroud)"),
        "Introduction",
        PROSE,
        "1. The Ferry Landing",
        "Ada Vance",
        PROSE,
        "2. The Mill Race",
        "Ben Stroud",
        PROSE,
    )
    parsed = parse_text(text)
    assert not parsed.warnings
    assert _titles(parsed)[-2:] == [(1, "1. The Ferry Landing"), (1, "2. The Mill Race")]


def test_a_contents_entry_with_the_speaker_in_brackets_matches_the_name_over_the_title():
    text = plain_text(
        "RIVER VOICES",
        "Contents",
        _contents("Introduction", "The Ferry Landing (Ada Vance)", "The Mill Race (Ben Stroud)"),
        "Introduction",
        PROSE,
        "ADA VANCE\nThe Ferry Landing",
        PROSE,
        "Crossing in Winter",
        PROSE,
        "BEN STROUD\nThe Mill Race",
        PROSE,
    )
    parsed = parse_text(text)
    assert not parsed.warnings
    titles = _titles(parsed)
    assert (1, "ADA VANCE The Ferry Landing") in titles
    assert (1, "BEN STROUD The Mill Race") in titles
    assert (2, "Crossing in Winter") in titles


def test_a_heading_the_contents_announces_ends_the_notes_before_it():
    """The next title counts on from the last note ("2." / "3. The Mill Race"): only the
    contents says it is not a note."""
    text = plain_text(
        "RIVER VOICES",
        "Contents",
        _contents("Introduction", "The Ferry Landing (Ada Vance)", "The Mill Race (Ben Stroud)"),
        "Introduction",
        PROSE,
        "1. The Ferry Landing",
        "Ada Vance",
        PROSE,
        "Ada spoke of the crossing in winter.¹ The river froze twice in her life.²",
        "Notes",
        "1. The ferry ran twice a day until the bridge opened.",
        "2. Her brother kept the ledger after the war.",
        "3. The Mill Race",
        "Ben Stroud",
        PROSE,
    )
    parsed = parse_text(text)
    assert [t for _, t in _titles(parsed)][-2:] == ["1. The Ferry Landing", "3. The Mill Race"]
    assert len(parsed.footnotes) == 2


def test_a_bracketed_aside_in_the_contents_keeps_every_word_of_an_ordinary_text():
    """An essay collection whose contents glosses an entry in brackets, and whose prose
    holds a line with the title alone: nothing is lost, whatever is taken for a heading."""
    contents = plain_text(
        "Contents", _contents("Preface", "Hedges (with a note on ditches)", "Walls")
    )
    essays = plain_text("Preface", PROSE, "Hedges", PROSE, "Walls", PROSE)
    parsed = parse_text(plain_text("FIELD ESSAYS", contents, essays))
    assert [t for _, t in _titles(parsed)] == ["Hedges", "Walls"]
    assert not _lost_words(plain_text("FIELD ESSAYS", essays), parsed)


def test_readings_in_brackets_under_parts_listed_otherwise_leave_the_parts_chapters():
    """A course reader's contents lists "Week 1: …" over indented readings with their
    authors in brackets, and prints "Session 1 – …": the readings alone must not make the
    contents the outline and demote the sessions."""
    contents = "\n".join(
        [
            "Week 1: The Ferry Landing",
            "    Crossing in Winter (Ada Vance) ........ 3",
            "    The Frozen River (Ben Stroud) ......... 9",
            "Week 2: The Mill Race",
            "    The Bell at Six (Cleo Marsh) .......... 17",
        ]
    )
    text = plain_text(
        "RIVER READER",
        "CONTENTS",
        contents,
        "Session 1 – The Ferry Landing",
        PROSE,
        "Crossing in Winter",
        "by Ada Vance",
        PROSE,
        "The Frozen River",
        "by Ben Stroud",
        PROSE,
        "Session 2 – The Mill Race",
        PROSE,
        "The Bell at Six",
        "by Cleo Marsh",
        PROSE,
    )
    titles = _titles(parse_text(text))
    assert (1, "Session 1 – The Ferry Landing") in titles
    assert (1, "Session 2 – The Mill Race") in titles


# --- a title over the speaker's name set between dashes -------------------------------------


def test_a_title_over_a_name_between_dashes_heads_each_interview_and_ends_the_notes():
    text = plain_text(
        "RIVER VOICES",
        "Introduction",
        PROSE,
        "The Ferry Landing\n— Ada Vance —",
        PROSE,
        "Ada spoke of the crossing in winter.¹ The river froze twice in her life.²",
        "Notes",
        "1. The ferry ran twice a day until the bridge opened.",
        "2. Her brother kept the ledger after the war.",
        "The Mill Race\n— Ben Stroud —",
        PROSE,
    )
    parsed = parse_text(text)
    assert [t for _, t in _titles(parsed)] == [
        "Introduction",
        "The Ferry Landing — Ada Vance —",
        "The Mill Race — Ben Stroud —",
    ]
    assert [n.text for n in parsed.footnotes][-1] == "Her brother kept the ledger after the war."


def test_an_epigraph_over_its_author_between_dashes_stays_in_the_chapter():
    """A book whose chapters open on a line of verse or prose over its author's name:
    a sentence, not a title; every word is kept."""
    text = plain_text(
        "SEA ESSAYS",
        "Chapter One",
        "The sea is all around us\n— Rachel Carson —",
        PROSE,
        "Chapter Two",
        "Nothing is lost in the tide\n— Ada Vance —",
        PROSE,
    )
    parsed = parse_text(text)
    assert [t for _, t in _titles(parsed)] == ["Chapter One", "Chapter Two"]
    assert not _lost_words(text, parsed)


def test_a_name_in_capitals_over_a_title_heads_a_piece_over_its_sub_headings():
    text = plain_text(
        "RIVER VOICES",
        "Introduction",
        PROSE,
        "ADA VANCE\nThe Ferry Landing",
        PROSE,
        "Crossing in Winter",
        PROSE,
        "BEN STROUD\nThe Mill Race",
        PROSE,
        "The Bell at Six",
        PROSE,
    )
    assert _titles(parse_text(text))[-4:] == [
        (1, "ADA VANCE The Ferry Landing"),
        (2, "Crossing in Winter"),
        (1, "BEN STROUD The Mill Race"),
        (2, "The Bell at Six"),
    ]


def test_a_script_whose_speakers_stand_in_capitals_over_their_lines_keeps_them_as_speech():
    """A play sets each speaker's name in capitals over the speech: a sentence, even a
    short one, is not a title; every word is kept."""
    text = plain_text(
        "THE FERRY",
        "ADA VANCE\nThe ferry is late again, and the river is rising.",
        "BEN STROUD\nThen we wait for the morning boat.",
        "ADA VANCE\nWe have waited all week for it.",
        "BEN STROUD\nThen we wait one more night.",
    )
    parsed = parse_text(text)
    assert not [t for _, t in _titles(parsed) if "ferry is late" in t or "one more" in t]
    assert not _lost_words(text, parsed)


def test_a_scene_label_in_capitals_over_its_title_is_no_name_and_the_act_over_it_stays():
    """ "SCENE ONE" over "The Ferry Landing" is a label, not a speaker: the scene stays
    under its act, and "ACT I" is kept."""
    text = plain_text(
        "THE FERRY",
        "Preface",
        PROSE,
        "ACT I",
        "SCENE ONE\nThe Ferry Landing",
        PROSE,
        "SCENE TWO\nThe Mill Race",
        PROSE,
        "ACT II",
        "SCENE ONE\nThe Bell at Six",
        PROSE,
    )
    parsed = parse_text(text)
    titles = [t for _, t in _titles(parsed)]
    assert "Act I" in titles and "Act II" in titles
    assert not _lost_words(text, parsed)


def test_a_running_head_with_the_speakers_name_and_folio_is_furniture():
    text = plain_text(
        "RIVER VOICES",
        "Introduction",
        PROSE,
        "ADA VANCE\nThe Ferry Landing",
        PROSE,
        "ADA VANCE" + " " * 40 + "7",
        PROSE,
        "BEN STROUD\nThe Mill Race",
        PROSE,
    )
    parsed = parse_text(text)
    assert [t for _, t in _titles(parsed)][-2:] == [
        "ADA VANCE The Ferry Landing",
        "BEN STROUD The Mill Race",
    ]
    assert "7" not in _body(parsed).split()


def test_a_tally_of_the_speakers_names_and_figures_keeps_every_word():
    """A vote's tally in capitals under the pieces, name and figure a line: a table, not
    a running head."""
    tally = "ADA VANCE" + " " * 20 + "12\n" + "BEN STROUD" + " " * 19 + "9"
    text = plain_text(
        "RIVER VOICES",
        "Introduction",
        PROSE,
        "ADA VANCE\nThe Ferry Landing",
        PROSE,
        "BEN STROUD\nThe Mill Race",
        PROSE,
        tally,
        PROSE,
    )
    parsed = parse_text(text)
    assert not _lost_words(text, parsed)


# --- the title page's credit names the editor ------------------------------------------------


def test_the_editors_credit_on_the_title_page_names_the_author_not_the_first_heading():
    text = plain_text(
        "RIVER VOICES",
        "Memories of the ferry towns",
        "Collected and edited by Ada Vance",
        "About These Tapes",
        PROSE,
        "1. The Ferry Landing",
        PROSE,
        "2. The Mill Race",
        PROSE,
    )
    parsed = parse_text(text)
    assert parsed.author == "Ada Vance"
    assert "About These Tapes" in [t for _, t in _titles(parsed)]


def test_a_sentence_naming_a_writer_on_the_title_page_is_no_credit():
    text = plain_text(
        "RIVER VOICES",
        "This little book was written by Ada Vance.",
        "Ben Stroud",
        PROSE,
        "1. The Ferry Landing",
        PROSE,
    )
    parsed = parse_text(text)
    assert parsed.author != "Ada Vance"
    assert not _lost_words(text, parsed)
