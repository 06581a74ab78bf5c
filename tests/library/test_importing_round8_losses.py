"""Word losses of the round-eight importer, mended (issue #13).

Each guard asks for the dropping rule's own evidence (a page break, a line repeated
where headers stand, a title page set apart) rather than excepting particular words.
Every document here is written for the test.
"""

from __future__ import annotations

import pytest

from studygroup.library.importing.formats import read_document
from tests.library.families.words import lost, output_text


def _lost(text: str) -> dict[str, int]:
    parsed = read_document(text.encode(), "a.txt", max_bytes=1_000_000)
    return dict(lost(text, output_text(parsed)))


_ENTRIES = [
    "The lock keeper counted the slips at first light. The harbour clerk\n"
    "mended the ledger of crossings behind the chandlery.",
    "The ferryman measured the brass telescope under the old crane. Two net\n"
    "menders counted the new pontoon when the fog lifted.",
    "The bell ringers repainted the chain ferry along the towpath. The\n"
    "stargazers returned the tide tables at the observatory hut.",
    "The librarian winched the reading room keys after the flood. The\n"
    "choir of the mission hid the sluice gates behind the chandlery.",
]


_DIARY_ENTRIES = [
    *_ENTRIES,
    "The towpath warden borrowed the overdue slips at first light. The\n"
    "lamp trimmer mended the swarm boxes on the slipway. The bell ringers\n"
    "mended the sluice gates beside the weir on the longest night.",
]


def test_a_diarys_dates_over_their_entries_are_kept():
    """ "April 4." repeats, digits aside, as a running header does; but each stands straight
    over its entry's text, with no page break beside it. (Long enough for the text's
    wrapping width to be measured, which sets the dates apart from their entries.)"""
    days = [f"April {d}." for d in (2, 4, 5, 9, 11, 12, 15, 18, 20, 23, 25, 27)]
    text = "DIARY OF A LOCK KEEPER\n\n" + "\n\n".join(
        f"{day}\n{_DIARY_ENTRIES[k % len(_DIARY_ENTRIES)]}" for k, day in enumerate(days)
    )
    assert _lost(text) == {}


def test_a_heading_straight_after_the_title_is_kept():
    text = (
        "THE ALMANAC OF THE LOCK\n\nSpring\n\n"
        + "\n\n".join(_ENTRIES[:2])
        + "\n\nSummer\n\n"
        + "\n\n".join(_ENTRIES[2:])
    )
    parsed = read_document(text.encode(), "a.txt", max_bytes=1_000_000)
    assert _lost(text) == {}
    assert [s.title for s in parsed.sections] == ["Spring", "Summer"]


def test_a_credit_shaped_label_recurring_between_paragraphs_is_kept():
    """ "Interview: Ada Colley" matches a credit's shape, but a credit stands once, under a
    headline; this one recurs between paragraphs, labelling the text's parts."""
    label = "Interview: Ada Colley"
    text = f"VOICES FROM THE WHARF\n\n{label}\n\n" + f"\n\n{label}\n\n".join(
        "\n\n".join(_ENTRIES[k : k + 2]) for k in (0, 2)
    )
    assert _lost(text) == {}


def test_a_credit_under_a_headline_still_goes():
    text = (
        "THE WHARF PAPERS\n\nTHE NEW PONTOON\n\nInterview: Ada Colley\n\n"
        + "\n\n".join(_ENTRIES[:2])
        + "\n\nTHE SLUICE GATES\n\nInterview: Ada Colley\n\n"
        + "\n\n".join(_ENTRIES[2:])
    )
    parsed = read_document(text.encode(), "a.txt", max_bytes=1_000_000)
    assert "Colley" not in output_text(parsed)


def test_a_speakers_name_over_the_first_speech_is_not_a_title_page():
    speeches = [
        ("WREN", "  The tide tables?"),
        ("WREN", "  The librarian repainted the brass telescope at the\n  observatory hut."),
        ("OSWIN", "  The lamp trimmer carried the reading room keys beside the\n  weir."),
        ("WREN", "  Our treasurer hid the lantern oil behind the chandlery."),
    ]
    text = "HERON AND ALMANAC\n\n" + "\n\n".join(f"{who}\n{said}" for who, said in speeches)
    assert _lost(text) == {}


def test_a_programmes_first_item_over_its_note_is_not_a_title_page():
    text = (
        "AN APRIL CONCERT\n\n"
        "The Almanac of the Lock  Hester Ashdown    14'\n"
        "  The towpath warden winched the swarm boxes.\n\n"
        "Chandlery and Lock      Rufus Ashdown      4'\n\n"
        "Harbour and Lock        Oswin Coldicott    18'\n"
        "  The ferryman auctioned the ledger of crossings.\n\n"
        "The Winter Beacon      Maud Quennell  7'\n"
    )
    assert _lost(text) == {}


def test_the_notes_heading_is_counted_as_the_readers_own():
    """The "Notes" line over the notes goes with its section: the reader shows the notes
    under its own "Notes" heading, and the count says so rather than excusing the kind."""
    text = (
        "THE SLUICE GATES\n\n"
        + "The lock keeper counted the slips at first light[1]. The harbour clerk\n"
        "mended the ledger of crossings behind the chandlery[2].\n\n"
        + "\n\n".join(_ENTRIES[1:])
        + "\n\nNotes\n\n1. The slips were kept in the chandlery.\n2. The ledger is lost.\n"
    )
    parsed = read_document(text.encode(), "a.txt", max_bytes=1_000_000)
    assert [note.text for note in parsed.footnotes][:1] == ["The slips were kept in the chandlery."]
    assert _lost(text) == {}


def test_a_title_pages_subtitle_joins_the_title():
    """The line set alone under the title that completes it is kept with it, whether a
    byline or a bare name follows."""
    body = "\n\n".join(_ENTRIES[:3])
    for author in ("by Hester Ashdown", "Hester Ashdown"):
        text = f"THE TIDE TABLES\n\nA Play in Two Acts\n\n{author}\n\n{body}\n"
        parsed = read_document(text.encode(), "a.txt", max_bytes=1_000_000)
        assert parsed.title == "The Tide Tables: A Play in Two Acts", author
        assert _lost(text) == {}, author


@pytest.mark.parametrize("under", ["Draft, not for circulation", "The Tide Tables"])
def test_a_draft_stamp_or_the_title_again_is_not_a_subtitle(under):
    text = f"THE TIDE TABLES\n\n{under}\n\nHester Ashdown\n\n" + "\n\n".join(_ENTRIES[:3])
    parsed = read_document(text.encode(), "a.txt", max_bytes=1_000_000)
    assert parsed.title == "The Tide Tables"
