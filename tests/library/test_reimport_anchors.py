"""Paragraph anchors survive real edits on re-import (issue 13).

Through the real service and the real discussion rows: a paragraph corrected a little
keeps its id, its comments and its "confusing" flags; a paragraph that is really gone
gives up its id and its comments fall back to a section, never orphaned.
"""

from __future__ import annotations

import copy

import pytest

from studygroup.discussion.models import Comment, ParagraphFlag
from studygroup.discussion.services import post_comment, toggle_paragraph_flag
from studygroup.library.anchors import align, similarity
from studygroup.library.importing.document import (
    ParsedFootnote,
    ParsedParagraph,
    ParsedSection,
    ParsedText,
)
from studygroup.library.models import Paragraph, Reading, Section, Text
from studygroup.library.readings import generate_readings
from studygroup.library.services import plan_reimport, save_imported_text
from tests.factories import add_member, make_group

pytestmark = pytest.mark.django_db

CHAPTERS = {
    "Why We Read": [
        "We read together because reading alone is slow, and because a question asked "
        "aloud is already half answered by the people who hear it.",
        "The secretary keeps the minutes of every meeting and reads them back at the start "
        "of the next, so that nobody has to remember everything alone.",
        "Reading circles grew out of the mutual aid societies of the last century, which "
        "lent books, paid for funerals and taught their members to write letters.",
        "A circle that meets every week for a year has read more than most of its members "
        "would have read in ten years on their own.",
    ],
    "How We Meet": [
        "The room is small. It has a long table, a kettle that takes an age to boil, and a "
        "shelf of donated books that nobody has catalogued.",
        "Nobody speaks twice before everybody has spoken once; the facilitator keeps a "
        "list, and the list is the only authority in the room.",
        "We learn to argue kindly, and to change our minds in public, which is harder than "
        "any chapter of political economy we have read so far.",
        "When the meeting ends, somebody washes the cups and somebody else locks the door, "
        "and the next week the two of them swap.",
    ],
}


def parsed(chapters: dict[str, list[str]] | None = None) -> ParsedText:
    chapters = CHAPTERS if chapters is None else chapters
    sections = [
        ParsedSection(title=title, paragraphs=[ParsedParagraph(text=t) for t in paragraphs])
        for title, paragraphs in chapters.items()
    ]
    return ParsedText(title="The Reading Circle", author="", sections=sections)


@pytest.fixture
def circle():
    """The text, one reading, a group with a member: what discussion needs."""
    text = save_imported_text(parsed=parsed(), filename="circle.txt", checksum="a" * 64).text
    generate_readings(text, weeks=1)
    group = make_group()
    member = add_member(group).user
    return text, Reading.objects.get(text=text), group, member


def paragraph(text: Text, start: str) -> Paragraph:
    return Paragraph.objects.get(section__text=text, text__startswith=start)


def reimport(text: Text, chapters: dict[str, list[str]]):
    return save_imported_text(
        parsed=parsed(chapters), filename="circle.txt", checksum="b" * 64, replace=text
    )


def ids(text: Text) -> dict[str, int]:
    return {p.text: p.pk for p in Paragraph.objects.filter(section__text=text)}


# --------------------------------------------------------------------------- the pin


def test_one_word_changed_in_a_commented_paragraph_keeps_its_id_comments_and_flags(circle):
    text, reading, group, member = circle
    target = paragraph(text, "The secretary keeps")
    quote = "reads them back"
    note = post_comment(
        author=member, group=group, reading=reading, body="Who checks them?",
        paragraph=target, quote=quote,
    )  # fmt: skip
    reply = post_comment(
        author=member, group=group, reading=reading, body="We all do.", parent=note
    )
    toggle_paragraph_flag(group=group, paragraph=target, user=member)
    before = ids(text)

    chapters = copy.deepcopy(CHAPTERS)
    chapters["Why We Read"][1] = chapters["Why We Read"][1].replace("every meeting", "each meeting")
    report = reimport(text, chapters)

    target.refresh_from_db()
    assert "each meeting" in target.text  # the corrected text, under the same id
    assert Paragraph.objects.filter(section__text=text).count() == len(before)
    assert set(ids(text).values()) == set(before.values())  # no id changed at all
    assert (report.paragraphs_kept, report.paragraphs_matched) == (8, 1)
    assert report.paragraphs_created == report.paragraphs_removed == 0
    for comment in (note, reply):
        comment.refresh_from_db()
        assert (comment.paragraph_id, comment.section_id) == (target.pk, target.section_id)
    note.refresh_from_db()
    assert note.quote == quote and quote in target.text
    assert ParagraphFlag.objects.get(user=member).paragraph_id == target.pk


# --------------------------------------------------------------------------- small fixes


def test_a_typo_fix_keeps_the_id(circle):
    text, *_ = circle
    typo = copy.deepcopy(CHAPTERS)
    typo["How We Meet"][1] = typo["How We Meet"][1].replace("facilitator", "facilitatr")
    text = save_imported_text(parsed=parsed(typo), filename="t.txt", checksum="c" * 64).text
    before = paragraph(text, "Nobody speaks").pk

    reimport(text, CHAPTERS)

    fixed = Paragraph.objects.get(pk=before)
    assert "facilitator keeps a list" in fixed.text


def test_a_repaired_hyphenation_keeps_the_id(circle):
    text, *_ = circle
    broken = copy.deepcopy(CHAPTERS)
    broken["Why We Read"][2] = broken["Why We Read"][2].replace("members", "mem- bers")
    text = save_imported_text(parsed=parsed(broken), filename="h.txt", checksum="c" * 64).text
    hyphenated = paragraph(text, "Reading circles grew")
    assert "mem- bers" in hyphenated.text
    before = ids(text)

    report = reimport(text, CHAPTERS)

    hyphenated.refresh_from_db()
    assert "their members to write" in hyphenated.text
    assert set(ids(text).values()) == set(before.values())
    assert report.paragraphs_matched == 1


def test_preserving_repaired_in_place_is_a_close_match():
    old = ["Our task is pre-serving the minutes of the circle for the next generation."]
    new = ["Our task is preserving the minutes of the circle for the next generation."]
    assert similarity(old[0], new[0]) > 0.95
    assert align(old, new, threshold=0.8).old_for_new == [0]


# --------------------------------------------------------------------------- structure


def test_a_paragraph_split_in_two_keeps_its_id_on_the_longer_half(circle):
    text, reading, group, member = circle
    whole = paragraph(text, "The room is small.")
    comment = post_comment(
        author=member, group=group, reading=reading, body="Cosy.", paragraph=whole
    )
    chapters = copy.deepcopy(CHAPTERS)
    first, rest = chapters["How We Meet"][0].split(". ", 1)
    chapters["How We Meet"][0:1] = [first + ".", rest]

    report = reimport(text, chapters)

    whole.refresh_from_db()
    assert whole.text == rest  # the longer piece keeps the id
    assert Paragraph.objects.get(section__text=text, text="The room is small.").pk != whole.pk
    assert (report.paragraphs_created, report.paragraphs_removed) == (1, 0)
    comment.refresh_from_db()
    assert comment.paragraph_id == whole.pk


def test_two_merged_paragraphs_keep_one_id_and_the_other_hands_over_its_discussion(circle):
    text, reading, group, member = circle
    first = paragraph(text, "Reading circles grew")
    second = paragraph(text, "A circle that meets")
    on_second = post_comment(
        author=member, group=group, reading=reading, body="A year!", paragraph=second
    )
    toggle_paragraph_flag(group=group, paragraph=second, user=member)
    toggle_paragraph_flag(group=group, paragraph=first, user=member)  # flagged both
    chapters = copy.deepcopy(CHAPTERS)
    chapters["Why We Read"][2:4] = [" ".join(chapters["Why We Read"][2:4])]

    plan = plan_reimport(text, parsed(chapters))
    assert (plan.exact, plan.close, plan.created, len(plan.removed)) == (6, 1, 0, 1)
    assert plan.following == {"comments": 1, "paragraph flags": 1}
    report = reimport(text, chapters)

    merged = Paragraph.objects.get(pk=first.pk)  # the longer of the two kept its id
    assert merged.text.endswith("ten years on their own.")
    assert not Paragraph.objects.filter(pk=second.pk).exists()
    assert report.paragraphs_removed == 1
    on_second.refresh_from_db()
    assert (on_second.paragraph_id, on_second.section_id) == (merged.pk, merged.section_id)
    assert list(ParagraphFlag.objects.values_list("paragraph_id", flat=True)) == [merged.pk]


def test_a_short_paragraph_merged_into_a_long_one_follows_it():
    long = CHAPTERS["How We Meet"][0] + " " + CHAPTERS["How We Meet"][2]
    short = "So it goes."
    old = [CHAPTERS["Why We Read"][0], long, short, CHAPTERS["Why We Read"][3]]
    new = [CHAPTERS["Why We Read"][0], f"{long} {short}", CHAPTERS["Why We Read"][3]]
    assert similarity(long, new[1]) >= 0.8  # the long one alone is a close match

    alignment = align(old, new, threshold=0.8)

    assert alignment.old_for_new == [0, 1, 3]
    assert alignment.absorbed == {2: 1}


def test_a_deleted_paragraph_gives_up_its_id_and_its_comments_move_to_the_section(circle):
    text, reading, group, member = circle
    gone = paragraph(text, "When the meeting ends")
    section = gone.section
    comment = post_comment(
        author=member, group=group, reading=reading, body="Rota?", paragraph=gone
    )
    chapters = copy.deepcopy(CHAPTERS)
    del chapters["How We Meet"][3]

    plan = plan_reimport(text, parsed(chapters))
    assert plan.falling_back == {"comments": 1}
    report = reimport(text, chapters)

    assert not Paragraph.objects.filter(pk=gone.pk).exists()
    assert report.paragraphs_removed == 1 and report.paragraphs_matched == 0
    comment.refresh_from_db()
    assert comment.paragraph_id is None and comment.section_id == section.pk
    assert Comment.objects.filter(section__isnull=True).count() == 0  # none orphaned


def test_a_paragraph_removed_with_its_renamed_section_leaves_no_comment_orphaned(circle):
    text, reading, group, member = circle
    gone = paragraph(text, "When the meeting ends")
    comment = post_comment(
        author=member, group=group, reading=reading, body="Rota?", paragraph=gone
    )
    chapters = {"Why We Read": CHAPTERS["Why We Read"], "How We Gather": ["Entirely new words."]}

    reimport(text, chapters)

    comment.refresh_from_db()
    assert comment.paragraph_id is None
    assert Section.objects.get(pk=comment.section_id).text_id == text.pk


def test_an_inserted_paragraph_is_new_and_the_others_keep_their_ids(circle):
    text, *_ = circle
    before = ids(text)
    chapters = copy.deepcopy(CHAPTERS)
    chapters["How We Meet"].insert(2, "Tea is free; biscuits are a matter for the committee.")

    report = reimport(text, chapters)

    after = ids(text)
    assert all(after[t] == pk for t, pk in before.items())
    assert report.paragraphs_created == 1 and report.paragraphs_matched == 0


def test_a_totally_different_text_matches_nothing(circle):
    text, reading, group, member = circle
    old_ids = set(ids(text).values())
    different = {
        "On Value": [
            "The value of a commodity is the labour socially necessary to produce it, "
            "measured by time and not by the effort of any one worker.",
            "Money appears first as a measure of value and only later as a means of "
            "circulation, a change that takes centuries rather than years.",
        ],
        "On Wages": [
            "Wages look like the price of labour, but what the worker sells is the power "
            "to labour, for a day or a week, at the going rate.",
            "Short paragraph here.",
        ],
    }
    plan = plan_reimport(text, parsed(different))
    assert (plan.exact, plan.close, plan.created) == (0, 0, 4)

    reimport(text, different)

    assert not old_ids & set(ids(text).values())


def test_a_moved_corrected_paragraph_keeps_its_id_when_unambiguous(circle):
    text, *_ = circle
    moving = paragraph(text, "A circle that meets")
    chapters = copy.deepcopy(CHAPTERS)
    moved = chapters["Why We Read"].pop(3).replace("ten years", "twelve years")
    chapters["How We Meet"].append(moved)

    reimport(text, chapters)

    moving.refresh_from_db()
    assert "twelve years" in moving.text
    assert moving.section.title == "How We Meet"


def test_no_new_paragraph_takes_two_ids_and_order_is_kept():
    old = ["alpha beta gamma delta", "one two three four", "alpha beta gamma delta"]
    new = ["alpha beta gamma deltas", "one two three four", "alpha beta gamma delta"]
    result = align(old, new, threshold=0.8).old_for_new
    assert result == [0, 1, 2]
    assert len({i for i in result if i is not None}) == len([i for i in result if i is not None])


def test_the_threshold_is_a_setting(circle, settings):
    text, *_ = circle
    target = paragraph(text, "The secretary keeps")
    chapters = copy.deepcopy(CHAPTERS)
    chapters["Why We Read"][1] = chapters["Why We Read"][1].replace("every meeting", "each meeting")
    settings.ANCHOR_MATCH_THRESHOLD = 0.999  # identical text only

    reimport(text, chapters)

    assert not Paragraph.objects.filter(pk=target.pk).exists()


def test_a_failed_reimport_leaves_the_old_text_intact(circle):
    text, reading, group, member = circle
    target = paragraph(text, "The secretary keeps")
    post_comment(author=member, group=group, reading=reading, body="Hm.", paragraph=target)
    before = sorted(Paragraph.objects.filter(section__text=text).values_list("pk", "text"))
    chapters = copy.deepcopy(CHAPTERS)
    chapters["Why We Read"][1] = chapters["Why We Read"][1].replace("every", "each")
    broken = parsed(chapters)
    broken.footnotes = [ParsedFootnote(number=1, text="A"), ParsedFootnote(number=1, text="B")]

    with pytest.raises(Exception):  # noqa: B017 - IntegrityError's class differs per backend
        save_imported_text(parsed=broken, filename="x.txt", checksum="d" * 64, replace=text)

    after = sorted(Paragraph.objects.filter(section__text=text).values_list("pk", "text"))
    assert after == before
    assert Comment.objects.get().paragraph_id == target.pk
