"""Rules added in round eight, part A (issue #13): a mailing list's digests saved as
text, and a shared document downloaded as plain text.

Each layout is written by hand with its own words; each counterexample is an ordinary
document that looks a little like the layout but is not it, and keeps every word.
"""

from __future__ import annotations

import pytest

from studygroup.library.importing.pipeline import parse_text
from tests.library.families.words import lost_in_parse

from .test_importing_structure import body_text, dedented


def outline(parsed) -> list[tuple[int, str]]:
    """The headings below the title, front matter aside."""
    return [
        (s.level, s.title) for s in parsed.sections if s.kind != "front" and s.title != parsed.title
    ]


# --- a mail digest ----------------------------------------------------------------------

_DIGEST = dedented(
    """
    Notes from the Allotment List

    Allotment Gardeners Digest, Number 7

    Topics in this issue:

       1. Frost on the leeks (Mair Owen)
       2. Who has a spare barrow? (Tomos Price)

    ----------------------------------------

    Message: 1
    Date: Sat, 4 Nov 2000 09:12:40 +0000
    From: Mair Owen
    Subject: Frost on the leeks

    The leeks came through the first hard frost without a mark. I had
    covered them with old sacking, which my neighbour laughed at.

    ----------------------------------------

    Message: 2
    Date: Sat, 4 Nov 2000 17:03:11 +0000
    From: Tomos Price
    Subject: Who has a spare barrow?

    Mine lost its wheel on the path by the water butt. I can pay in
    onions or in labour.

    ________________________________
    Allotment gardeners list
    Write to the warden to be taken off.

    End of Allotment Gardeners Digest, Number 7

    Allotment Gardeners Digest, Number 8

    Topics in this issue:

       1. Re: Who has a spare barrow? (Mair Owen)
       2. Seed swap in March (Gethin Rees)

    ----------------------------------------

    Message: 1
    Date: Sun, 5 Nov 2000 08:40:02 +0000
    From: Mair Owen
    Subject: Re: Who has a spare barrow?

    There is one behind the shed on plot nine. Bring it back before
    the spring digging starts.

    ----------------------------------------

    Message: 2
    Date: Mon, 6 Nov 2000 19:30:55 +0000
    From: Gethin Rees
    Subject: Seed swap in March

    The hall is booked for the first Saturday. Bring beans in paper
    envelopes, labelled with the year they were saved.

    ________________________________
    Allotment gardeners list
    Write to the warden to be taken off.

    End of Allotment Gardeners Digest, Number 8
    """
)


def test_a_digest_issue_heads_its_messages_each_under_its_subject():
    parsed = parse_text(_DIGEST)
    assert outline(parsed) == [
        (1, "Allotment Gardeners Digest, Number 7"),
        (2, "Frost on the leeks"),
        (2, "Who has a spare barrow?"),
        (1, "Allotment Gardeners Digest, Number 8"),
        (2, "Re: Who has a spare barrow?"),
        (2, "Seed swap in March"),
    ]
    body = body_text(parsed)
    assert "From: Mair Owen" in body  # who wrote and when stay with the message
    assert "Date: Mon, 6 Nov 2000" in body
    assert "Message: 2" not in body  # the digest's own counter
    assert "Write to the warden" not in body  # the footer closing every issue
    assert "End of Allotment" not in body
    assert "There is one behind the shed on plot nine." in body


def test_a_digest_keeps_a_closing_line_only_one_issue_has():
    text = _DIGEST.replace(
        "End of Allotment Gardeners Digest, Number 8",
        "Thanks to all who came on Sunday.\n\nEnd of Allotment Gardeners Digest, Number 8",
    )
    assert "Thanks to all who came on Sunday." in body_text(parse_text(text))


_ONE_FORWARDED_LETTER = dedented(
    """
    The Hedge Dispute

    The matter began with a letter the council forwarded to us in May. It read, in
    full, as follows.

    From: The Clerk to the Council
    Date: 12 May 1998
    Subject: The boundary hedge

    The hedge on the eastern boundary must be cut below two metres by the end of June.

    We replied the same week that the hedge was older than the council's bylaw, and
    that the birds nesting in it would be gone by August.

    What we asked for:

       1. A visit from the warden before any cutting.
       2. A written answer on the bylaw's date.
    """
)


def test_one_header_in_a_document_is_a_quoted_letter_not_a_mail_archive():
    parsed = parse_text(_ONE_FORWARDED_LETTER)
    assert not lost_in_parse(_ONE_FORWARDED_LETTER, parsed)
    assert "The boundary hedge" not in [title for _, title in outline(parsed)]
    assert "Subject: The boundary hedge" in body_text(parsed)


_MEMOS_WITH_A_LIST = dedented(
    """
    Two Memos on the Orchard

    The planting group keeps its memos together, so that next year's group knows
    what was done and when.

    Memo one

    To: Planting group
    From: Sian
    Subject: Grafting day
    Message: bring your own knives

    We graft on the second Saturday. Steps for the day:

       1. Grafting day starts at nine at the gate.
       2. Tea is in the hut.

    Memo two

    To: Planting group
    From: Sian
    Subject: Pruning day

    The pruning waits for a dry week in February.

    Thanks to all.
    """
)


def test_memo_headers_keep_every_word_and_a_numbered_list_stays_text():
    parsed = parse_text(_MEMOS_WITH_A_LIST)
    # only the label the heading stands for: "Subject: Grafting day" heads as "Grafting day"
    assert not lost_in_parse(_MEMOS_WITH_A_LIST, parsed)
    assert [title for _, title in outline(parsed)] == [
        "Memo one",
        "Grafting day",
        "Memo two",
        "Pruning day",
    ]
    body = body_text(parsed)
    assert "Message: bring your own knives" in body  # a field that is not a counter
    assert "Grafting day starts at nine" in body  # a list inside a message is its text
    assert "Thanks to all." in body


# --- a contents list set one entry a line, no page numbers ------------------------------

_LONG = (
    "The committee met in the church hall on a wet evening and went through the plans line "
    "by line, because nobody wanted to repeat the mistakes of the previous spring. The "
    "treasurer read out every estimate twice, and the secretary wrote each one down in the "
    "minute book, so that the builders could not say later that they had been misunderstood."
)
_SHARED_DRAFT_HEAD = dedented(
    """
    Plans for the Reading Room

    Draft 2, for the committee

    Table of contents
    THE BUILDING
       Roof and gutters
       Heating
    THE BOOKS
       Shelving
    """
)
# A word processor's export: each heading and paragraph a line, a blank line between.
_SHARED_DRAFT = _SHARED_DRAFT_HEAD + "".join(
    f"\n{heading}\n\n" + "".join(f"{_LONG} Point {k} was agreed.\n\n" for k in range(4))
    for heading in ["THE BUILDING", "Roof and gutters", "Heating", "THE BOOKS", "Shelving"]
)


@pytest.mark.parametrize(
    ("building", "books"),
    [
        ("THE BUILDING", "THE BOOKS"),  # the list stays one block
        ("THE OLD READING ROOM", "THE LENDING BOOKS"),  # … or falls apart a line a block
    ],
)
def test_a_bare_contents_list_set_a_line_an_entry_names_the_headings_once(building, books):
    text = _SHARED_DRAFT.replace("THE BUILDING", building).replace("THE BOOKS", books)
    parsed = parse_text(text)
    assert outline(parsed) == [
        (1, building.title()),
        (2, "Roof and gutters"),
        (2, "Heating"),
        (1, books.title()),
        (2, "Shelving"),
    ]
    assert "Point 3 was agreed." in body_text(parsed)


_LIST_UNDER_CONTENTS = dedented(
    f"""
    What We Found in the Loft

    Contents
    A Tin of Buttons
    Two Brass Keys
    A Map of the Parish

    {_LONG} The keys fitted no door we knew.
    {_LONG} The map was older than the chapel.
    """
)


def test_a_list_under_contents_that_no_heading_repeats_keeps_every_word():
    parsed = parse_text(_LIST_UNDER_CONTENTS)
    assert not lost_in_parse(_LIST_UNDER_CONTENTS, parsed)


# --- comment anchors glued to a sentence's end ------------------------------------------

_TOOL_HEADINGS = ["THE WORKSHOP", "Opening Hours", "How to Borrow", "THE TOOLS", "Blades"]
# Each section's last paragraph ends on a comment anchor; the comments close the document.
_COMMENTED = (
    f"Rules for the Tool Library\n\n{_LONG}\n\n"
    + "".join(
        f"{heading}\n\n{_LONG}\n\n{_LONG} Ladders go out for a day only.[{letter}]\n\n"
        for heading, letter in zip(_TOOL_HEADINGS, "abcde", strict=True)
    )
    + "".join(f"[{letter}]Nia Hughes: Should this be two days?\n" for letter in "abcde")
)


def test_a_comment_anchor_after_a_full_stop_still_ends_the_sentence():
    parsed = parse_text(_COMMENTED)
    assert outline(parsed) == [
        (1, "The Workshop"),
        (2, "Opening Hours"),
        (2, "How to Borrow"),
        (1, "The Tools"),
        (2, "Blades"),
    ]
    assert not lost_in_parse(_COMMENTED, parsed)


_LETTERED_CLAUSES = dedented(
    """
    The Orchard Lease

    The tenant keeps the hedges cut as the parish byelaw requires.[a]
    and the landlord mends the gate once a year, whatever the weather
    has done to it.

    Neither side may sell the fruit before the first of September.
    """
)


def test_a_sentence_going_on_after_a_lettered_anchor_stays_one_paragraph():
    parsed = parse_text(_LETTERED_CLAUSES)
    assert outline(parsed) == []
    assert not lost_in_parse(_LETTERED_CLAUSES, parsed)
    assert "requires.[a] and the landlord mends the gate" in body_text(parsed)


# --- a title page handing back its last line as the first heading -------------------------

_HEADED_IN_CAPITALS = (
    "Plans for the Reading Room\n\nDraft 4, for the committee by Friday\n\n"
    + "".join(
        f"{heading}\n\n{_LONG}\n\n{_LONG}\n\n"
        for heading in ["THE OLD QUARRY", "Its Roof", "THE NEW WING", "Its Floor", "THE GARDEN"]
    )
)


def test_the_first_heading_a_title_page_gives_back_is_no_author():
    parsed = parse_text(_HEADED_IN_CAPITALS)
    assert parsed.author is None
    assert outline(parsed) == [
        (1, "The Old Quarry"),
        (2, "Its Roof"),
        (1, "The New Wing"),
        (2, "Its Floor"),
        (1, "The Garden"),
    ]


def test_a_named_author_over_the_first_heading_stays_the_author():
    text = _HEADED_IN_CAPITALS.replace("Draft 4, for the committee by Friday", "MAIR OWEN")
    parsed = parse_text(text)
    assert parsed.author == "Mair Owen"
    assert outline(parsed)[0] == (1, "The Old Quarry")
