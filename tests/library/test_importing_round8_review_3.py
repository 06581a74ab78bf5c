"""Review of round eight's mail digest rule (issue #13), third review: ordinary documents
near structure.mark_mail_digests's trigger keep every word and invent no heading.

Each input is written by hand; each test fails on the merged tree before the review.
"""

from __future__ import annotations

from studygroup.library.importing.pipeline import parse_text
from tests.library.families.words import lost_in_parse

from .test_importing_structure import body_text, dedented


def headings(parsed) -> list[str]:
    return [s.title for s in parsed.sections if s.kind != "front"]


# Two issues of a digest whose last message is each time the warden's, signed alike,
# above the list's footer: the footer goes, the signature is the message's own.
_DIGEST_SIGNED = dedented(
    """
    Notes from the Allotment List

    Allotment Gardeners Digest, Number 7

    Topics in this issue:

       1. Frost on the leeks (Mair Owen)
       2. Who has a spare barrow? (Tomos Price)

    Message: 1
    Date: Sat, 4 Nov 2000 09:12:40 +0000
    From: Mair Owen
    Subject: Frost on the leeks

    The leeks came through the first hard frost without a mark. I had
    covered them with old sacking, which my neighbour laughed at.

    Message: 2
    Date: Sun, 5 Nov 2000 17:03:11 +0000
    From: Tomos Price
    Subject: Who has a spare barrow?

    Mine lost its wheel on the path by the water butt. I can pay in
    onions or in labour.

    Best wishes to you all,
    Tomos

    ________________________________
    Allotment gardeners list
    Write to the warden to be taken off.

    End of Allotment Gardeners Digest, Number 7

    Allotment Gardeners Digest, Number 8

    Topics in this issue:

       1. Seed swap in March (Gethin Rees)
       2. The barrow is found (Tomos Price)

    Message: 1
    Date: Mon, 6 Nov 2000 19:30:55 +0000
    From: Gethin Rees
    Subject: Seed swap in March

    The hall is booked for the first Saturday. Bring beans in paper
    envelopes, labelled with the year they were saved.

    Message: 2
    Date: Tue, 7 Nov 2000 08:40:02 +0000
    From: Tomos Price
    Subject: The barrow is found

    It was behind the shed on plot nine all along. Thank you, Mair.

    Best wishes to you all,
    Tomos

    ________________________________
    Allotment gardeners list
    Write to the warden to be taken off.

    End of Allotment Gardeners Digest, Number 8
    """
)


def test_a_signature_every_issue_ends_on_is_the_last_message_s_own():
    body = body_text(parse_text(_DIGEST_SIGNED))
    assert body.count("Best wishes to you all, Tomos") == 2
    assert "Write to the warden" not in body  # the footer, set off by its rule, still goes


# Two memos sent together, the covering note's own sentence ending in a colon over the
# numbered list of the memos: the sentence is the writer's, not the list's label.
_MEMOS = dedented(
    """
    Two Memos on the Reading Room

    The committee asked me to circulate both memos before Thursday, with the
    minutes of the last meeting, which follow separately.

    {over_the_list}

    1. Opening hours
    2. The new shelving

    To: Reading group members
    From: Hana Kovac
    Date: 3 March 2025
    Subject: Opening hours

    From April the room opens at nine instead of ten, because the caretaker
    now starts earlier.

    To: Reading group members
    From: Hana Kovac
    Date: 4 March 2025
    Subject: The new shelving

    The oak shelves arrive in May. Please clear the east wall by the end of
    April, and take home any books you left there.
    """
)


def test_a_sentence_ending_in_a_colon_over_the_memos_list_is_kept():
    text = _MEMOS.format(over_the_list="Please read them first. They concern:")
    parsed = parse_text(text)
    missing = lost_in_parse(text, parsed)
    for word in ("please", "read", "them", "first", "they", "concern"):
        assert word not in missing


def test_a_sentence_over_the_memos_list_heads_no_issue():
    text = _MEMOS.format(over_the_list="Both are short and to the point.")
    parsed = parse_text(text)
    assert "Both are short and to the point." not in headings(parsed)
    assert "Both are short and to the point." in body_text(parsed)


# "Contents" as what a box held, two of its four finds described under their names later:
# a contents list's titles all stand again as headings; half of them is no evidence.
_TIME_CAPSULE = dedented(
    """
    The Time Capsule

    Contents
    A letter from the mayor
    The school photograph
    A copy of the parish magazine
    Seeds from the old orchard

    When the capsule was opened in May, the lid had rusted shut and the
    caretaker had to cut it with a hacksaw. Two things had survived well.

    A letter from the mayor

    The mayor wrote about the new bypass and hoped that the town would
    still have its market in fifty years. It does, on Thursdays.

    The school photograph

    Forty-two children sit in three rows on the playground wall. Several
    of them came to the opening and found themselves at once.

    The rest was damp and could not be saved, though the seed packets
    still had their labels.
    """
)


def test_a_contents_list_half_of_whose_entries_stand_again_keeps_every_word():
    parsed = parse_text(_TIME_CAPSULE)
    assert not lost_in_parse(_TIME_CAPSULE, parsed)
    assert "Seeds from the old orchard" not in headings(parsed)
