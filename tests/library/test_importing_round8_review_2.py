"""Review of round eight's importer rules (issue #13), second pass: ordinary documents
that come near a new rule's trigger without being its layout keep every word and their
outline; an email thread takes its title from the subject its header lines state.

Each document is written here by hand; the import goes through the real pipeline.
"""

from __future__ import annotations

from studygroup.library.importing.formats import read_document
from tests.library.families.words import lost, output_text, reader_text


def _import(text: str, name: str = "upload.txt"):
    return read_document(text.encode(), name, max_bytes=20_000_000)


def _lost(text: str, parsed) -> dict[str, int]:
    return dict(lost(reader_text(text, "upload.txt"), output_text(parsed)))


def _titles(parsed) -> list[str]:
    return [s.title for s in parsed.sections if s.kind == "body"]


EMAIL_THREAD = """\
From: Ada Vance
To: Ben Stroud
Subject: The Reading List for Spring

Dear Ben,

I have looked again at the list for the spring term and I think we should keep the
two novels we spoke about, and drop the long history, which nobody will finish.

Best,
Ada

From: Ben Stroud
To: Ada Vance
Subject: Re: The Reading List for Spring

Dear Ada,

Agreed. I will write to the group on Monday and say so.

Thanks,
Ben
"""


def test_an_email_thread_is_titled_by_its_subject_not_its_file_name():
    parsed = _import(EMAIL_THREAD, "spring-list.txt")
    assert parsed.title == "The Reading List for Spring"
    assert not _lost(EMAIL_THREAD, parsed)


# Speakers' names in capitals over what they say, in a collection whose pieces are headed
# by the same names over their titles: the names are no running heads (no folio, no page).
ORAL_HISTORY_EVENING = """\
Voices from the Quay

These two memories were recorded for the reading group's local history evening, and
are printed here as the speakers told them, with a conversation between them at the end.

ADA VANCE
The Ferry Landing

I worked the ferry for eleven years, mostly on the early crossing, when the fog sat low
on the water and you could hear the gulls long before you saw them.

BEN STROUD
The Salt Sheds

My father ran the salt sheds and I started there at fourteen, carrying sacks up the
ramp for a shilling a day.

A Conversation

We asked both of them back in the spring to talk together about those years.

ADA VANCE

I remember the sheds from the water, the white dust on everything.

BEN STROUD

And I remember your horn every morning at six, whether we wanted it or not.

ADA VANCE

That horn was the only thing on the boat that worked.
"""


def test_speakers_named_like_the_pieces_bylines_keep_their_names():
    parsed = _import(ORAL_HISTORY_EVENING)
    assert not _lost(ORAL_HISTORY_EVENING, parsed)


# Couplets whose second line opens on "and" and a name: no title over a dedication.
COUPLETS = """\
Songs of the Lower Valley

We read these verses aloud at our March meeting and talked about the way the second
line of each couplet turns to a person, as if the landscape were only a setting for them.

The river runs beneath the Mill
and Mary watches from the Hill

The barges pass at early Light
and Thomas counts them out of Sight

The orchard blooms along the Lane
and Father curses at the Rain

The lamps go out along the Quay
and Mother sings the Tune to me

Next month we read the winter songs.
"""


def test_couplets_turning_to_a_name_are_not_titles_over_dedications():
    parsed = _import(COUPLETS)
    for line in ("The barges pass", "The orchard blooms", "The lamps go out"):
        assert not any(title.startswith(line) for title in _titles(parsed)), _titles(parsed)
    assert not _lost(COUPLETS, parsed)


# The last note restarts the count under a title-like source: it heads no chapter, and the
# sentence before the notes stays a sentence.
NOTES_RESTARTING = """\
The Mill Race

Chapter One

The mill stood on the river for two hundred years.[1] Its wheel was rebuilt twice.[2]

Chapter Two

The last miller left in the spring of the flood year.[1]

Notes

1. See the parish register for 1790.

2. The second rebuilding is recorded in the vestry minutes.

1. Vestry Minutes, Book Four
"""


def test_a_last_note_restarting_the_count_heads_no_chapter():
    parsed = _import(NOTES_RESTARTING)
    assert _titles(parsed) == ["Chapter One", "Chapter Two"]
    assert "Vestry Minutes, Book Four" in " ".join(n.text for n in parsed.footnotes)


def test_a_run_of_thousands_of_blanks_is_capped_and_keeps_the_words_around_it():
    """A careless export pads lines with thousands of spaces; the line-shape patterns would
    read each run in time growing with its square (bench/linear_passes.py), so runs are cut
    to clean.MAX_BLANK_RUN before anything reads the text."""
    from studygroup.library.importing.clean import MAX_BLANK_RUN, cap_blank_runs

    assert cap_blank_runs("a" + " " * 5000 + "b\t\t" + " " * 50) == (
        "a" + " " * MAX_BLANK_RUN + "b\t\t" + " " * 50
    )
    rows = ["The ferry" + " " * 4000 + "left early.", "The mill" + " " * 4000 + "stood still."]
    text = "A Title\n\n" + "".join(
        f"{row}\n{' ' * 4000}\nThe group read the second chapter slowly.\n\n" for row in rows
    )
    parsed = _import(text, "padded.txt")
    assert not _lost(text, parsed)
