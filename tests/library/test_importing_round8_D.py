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
