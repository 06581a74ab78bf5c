"""A curator's edits keep ids, positions, word counts and reading boundaries right."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from studygroup.library import editing
from studygroup.library.editing import EditRefused
from studygroup.library.importing.document import count_words
from studygroup.library.models import Footnote, Paragraph, Reading, Section, Text
from tests.factories import make_text

pytestmark = pytest.mark.django_db

LONG_AGO = datetime(2020, 1, 1, tzinfo=UTC)


@pytest.fixture
def text() -> Text:
    # Preface (1 paragraph), Chapter 1..3 (4 paragraphs each); note 1 cited in Chapter 1.
    text = make_text()
    Text.objects.filter(pk=text.pk).update(updated_at=LONG_AGO)
    return text


def section(text: Text, title: str) -> Section:
    return text.sections.get(title=title)


def paragraph_ids(s: Section) -> list[int]:
    return list(
        Paragraph.objects.filter(section=s).order_by("position").values_list("pk", flat=True)
    )


def reading(text: Text, number: int, start: tuple[Section, int], end=None) -> Reading:
    end_section, end_paragraph = end or (None, 0)
    return Reading.objects.create(
        text=text,
        number=number,
        title=f"Week {number}",
        start_section=start[0],
        start_paragraph=start[1],
        end_section=end_section,
        end_paragraph=end_paragraph,
    )


def assert_consistent(text: Text) -> None:
    """Positions contiguous, words recounted at every level, updated_at bumped."""
    text.refresh_from_db()
    sections = list(text.sections.order_by("position"))
    assert [s.position for s in sections] == list(range(len(sections)))
    for s in sections:
        paragraphs = list(s.paragraphs.order_by("position"))
        assert [p.position for p in paragraphs] == list(range(len(paragraphs)))
        assert all(p.words == count_words(p.text) for p in paragraphs)
        assert s.words == sum(p.words for p in paragraphs)
    assert text.words == sum(s.words for s in sections)
    assert text.updated_at > LONG_AGO


def titles(text: Text) -> list[str]:
    return list(text.sections.order_by("position").values_list("title", flat=True))


# --------------------------------------------------------------------------- sections


def test_rename_section(text):
    editing.rename_section(section(text, "Chapter 2"), title="  Chapter Two:\n Meetings ")
    assert titles(text)[2] == "Chapter Two: Meetings"
    assert_consistent(text)


def test_rename_refuses_an_empty_title(text):
    with pytest.raises(EditRefused, match="needs a title"):
        editing.rename_section(section(text, "Chapter 2"), title="  ")
    assert "Chapter 2" in titles(text)


def test_relevel_section_both_ways(text):
    s = editing.relevel_section(section(text, "Chapter 2"), level=2)
    assert Section.objects.get(pk=s.pk).level == 2
    editing.relevel_section(s, level=1)
    assert Section.objects.get(pk=s.pk).level == 1
    assert_consistent(text)
    editing.relevel_section(s, level=3)  # a sub-heading in a chapter in a part
    assert Section.objects.get(pk=s.pk).level == 3
    for level in (0, 4):
        with pytest.raises(EditRefused):
            editing.relevel_section(s, level=level)


def test_merge_into_previous_keeps_ids_and_moves_reading_boundaries(text):
    one, two, three = (section(text, f"Chapter {n}") for n in (1, 2, 3))
    ids_one, ids_two = paragraph_ids(one), paragraph_ids(two)
    week1 = reading(text, 1, (one, 0), (two, 2))
    week2 = reading(text, 2, (two, 2), (three, 0))

    merged = editing.merge_section_into_previous(two)

    assert merged.pk == one.pk
    assert not Section.objects.filter(pk=two.pk).exists()
    assert paragraph_ids(one) == ids_one + ids_two
    assert titles(text) == ["Preface", "Chapter 1", "Chapter 3"]
    week1.refresh_from_db()
    week2.refresh_from_db()
    # Paragraph 2 of Chapter 2 is now paragraph 4 + 2 of Chapter 1.
    assert (week1.end_section_id, week1.end_paragraph) == (one.pk, 6)
    assert (week2.start_section_id, week2.start_paragraph) == (one.pk, 6)
    assert (week2.end_section_id, week2.end_paragraph) == (three.pk, 0)
    assert_consistent(text)


def test_merging_the_first_section_is_refused(text):
    with pytest.raises(EditRefused, match="first section"):
        editing.merge_section_into_previous(section(text, "Preface"))
    assert len(titles(text)) == 4


def test_split_section_moves_paragraphs_and_boundaries(text):
    one = section(text, "Chapter 1")
    ids = paragraph_ids(one)
    week = reading(text, 1, (one, 1), (one, 3))

    new = editing.split_section(
        one, at_paragraph=Paragraph.objects.get(pk=ids[2]), title="Second half", level=2
    )

    assert titles(text) == ["Preface", "Chapter 1", "Second half", "Chapter 2", "Chapter 3"]
    assert paragraph_ids(one) == ids[:2]
    assert paragraph_ids(new) == ids[2:]
    assert (new.level, new.kind) == (2, "body")
    week.refresh_from_db()
    assert (week.start_section_id, week.start_paragraph) == (one.pk, 1)  # before the cut
    assert (week.end_section_id, week.end_paragraph) == (new.pk, 1)  # after it
    assert_consistent(text)


def test_split_at_a_paragraph_of_another_section_is_refused(text):
    elsewhere = section(text, "Chapter 2").paragraphs.first()
    with pytest.raises(EditRefused, match="not in this section"):
        editing.split_section(
            section(text, "Chapter 1"), at_paragraph=elsewhere, title="X", level=1
        )
    assert len(titles(text)) == 4


def test_move_section_up_and_down(text):
    three = section(text, "Chapter 3")
    editing.move_section(three, up=True)
    assert titles(text) == ["Preface", "Chapter 1", "Chapter 3", "Chapter 2"]
    editing.move_section(three, up=False)
    assert titles(text) == ["Preface", "Chapter 1", "Chapter 2", "Chapter 3"]
    assert_consistent(text)
    with pytest.raises(EditRefused, match="already the last"):
        editing.move_section(three, up=False)
    with pytest.raises(EditRefused, match="already the first"):
        editing.move_section(section(text, "Preface"), up=True)


def test_move_keeps_week_lines_between_sections(text):
    one, two, three = (section(text, f"Chapter {n}") for n in (1, 2, 3))
    week1 = reading(text, 1, (one, 0), (two, 0))
    week2 = reading(text, 2, (two, 0), None)

    editing.move_section(three, up=True)  # Chapter 3 now comes before Chapter 2, in week 2

    week1.refresh_from_db()
    week2.refresh_from_db()
    assert (week1.end_section_id, week1.end_paragraph) == (three.pk, 0)
    assert (week2.start_section_id, week2.start_paragraph) == (three.pk, 0)


def test_move_that_would_break_a_week_is_refused(text):
    one, two = section(text, "Chapter 1"), section(text, "Chapter 2")
    # Week 1 is the second half of Chapter 1: moving Chapter 2 above it would end it first.
    week = reading(text, 1, (one, 2), (two, 0))
    with pytest.raises(EditRefused, match="week 1"):
        editing.move_section(two, up=True)
    assert titles(text) == ["Preface", "Chapter 1", "Chapter 2", "Chapter 3"]
    week.refresh_from_db()
    assert (week.end_section_id, week.end_paragraph) == (two.pk, 0)


def test_delete_section_refused_while_a_reading_starts_there(text):
    two = section(text, "Chapter 2")
    reading(text, 1, (two, 0))
    with pytest.raises(EditRefused, match="week 1"):
        editing.delete_section(two)
    assert Section.objects.filter(pk=two.pk).exists()


def test_delete_section(text):
    editing.delete_section(section(text, "Chapter 2"))
    assert titles(text) == ["Preface", "Chapter 1", "Chapter 3"]
    assert_consistent(text)


# --------------------------------------------------------------------------- paragraphs


def test_editable_text_shows_footnote_references_in_place(text):
    first = section(text, "Chapter 1").paragraphs.get(position=0)
    assert first.text == "Chapter 1, paragraph 1: the circle meets weekly."
    assert editing.editable_text(first) == "Chapter 1,[^1] paragraph 1: the circle meets weekly."


def test_edit_paragraph_keeps_id_and_rerenders_references(text):
    first = section(text, "Chapter 1").paragraphs.get(position=0)
    edited = editing.edit_paragraph(first, text="The  circle meets <weekly> [^1] and\nreads aloud.")
    assert edited.pk == first.pk
    edited.refresh_from_db()
    assert edited.text == "The circle meets <weekly> and reads aloud."
    assert edited.html.startswith('The circle meets &lt;weekly&gt;<sup class="fn-ref">')
    assert edited.html.endswith("all notes</a></span> and reads aloud.")  # note in place
    assert editing.editable_text(edited) == "The circle meets <weekly>[^1] and reads aloud."
    assert list(Footnote.objects.get(text=text, number=1).cited_by.all()) == [edited]
    assert_consistent(text)


def test_edit_paragraph_without_the_marker_drops_the_citation(text):
    first = section(text, "Chapter 1").paragraphs.get(position=0)
    editing.edit_paragraph(first, text="No note any more.")
    first.refresh_from_db()
    assert "fn-ref" not in first.html
    assert not Footnote.objects.get(text=text, number=1).cited_by.exists()


@pytest.mark.parametrize(
    ("value", "message"),
    [("  ", "can't be empty"), ("Cites a missing note.[^9]", "no note 9")],
)
def test_edit_paragraph_refusals(text, value, message):
    first = section(text, "Chapter 1").paragraphs.get(position=0)
    before = first.text
    with pytest.raises(EditRefused, match=message):
        editing.edit_paragraph(first, text=value)
    first.refresh_from_db()
    assert first.text == before


def test_edit_verse_keeps_line_breaks(text):
    first = section(text, "Chapter 2").paragraphs.get(position=0)
    editing.edit_paragraph(first, text="Read slow,  \r\n read well", kind="verse")
    first.refresh_from_db()
    assert (first.kind, first.text, first.html) == (
        "verse",
        "Read slow,\nread well",
        "Read slow,<br>read well",
    )


def test_delete_paragraph_closes_the_gap_and_shifts_boundaries(text):
    one, two = section(text, "Chapter 1"), section(text, "Chapter 2")
    ids = paragraph_ids(one)
    week = reading(text, 1, (one, 3), (two, 0))

    editing.delete_paragraph(Paragraph.objects.get(pk=ids[1]))

    assert paragraph_ids(one) == [ids[0], ids[2], ids[3]]
    week.refresh_from_db()
    assert (week.start_section_id, week.start_paragraph) == (one.pk, 2)
    assert_consistent(text)


def test_delete_paragraph_that_would_empty_a_week_is_refused(text):
    one = section(text, "Chapter 1")
    ids = paragraph_ids(one)
    reading(text, 1, (one, 1), (one, 2))  # a week of one paragraph
    with pytest.raises(EditRefused, match="week 1"):
        editing.delete_paragraph(Paragraph.objects.get(pk=ids[1]))
    assert paragraph_ids(one) == ids


def test_comments_follow_merged_and_split_sections(text):
    from studygroup.discussion.models import Comment
    from tests.factories import make_group

    one, two = section(text, "Chapter 1"), section(text, "Chapter 2")
    week = reading(text, 1, (one, 0))
    ids = paragraph_ids(two)
    group = make_group()

    def comment(s: Section, paragraph_id: int | None) -> Comment:
        return Comment.objects.create(
            group=group, reading=week, section=s, paragraph_id=paragraph_id, path="x", body="b"
        )

    on_section, on_late_paragraph = comment(two, None), comment(two, ids[3])

    editing.merge_section_into_previous(two)
    on_section.refresh_from_db()
    assert on_section.section_id == one.pk  # not nulled by the deleted section

    new = editing.split_section(
        one, at_paragraph=Paragraph.objects.get(pk=ids[2]), title="Later", level=1
    )
    on_section.refresh_from_db()
    on_late_paragraph.refresh_from_db()
    assert on_section.section_id == one.pk  # no paragraph: it stays
    assert on_late_paragraph.section_id == new.pk  # it follows its paragraph


# --------------------------------------------------------------------------- simple fixes (groups)


def test_merge_paragraph_into_previous_keeps_the_first_id_and_takes_what_pointed_at_both(text):
    from studygroup.discussion.models import Comment
    from tests.factories import make_group

    one, two = section(text, "Chapter 1"), section(text, "Chapter 2")
    ids = paragraph_ids(one)
    first, second = Paragraph.objects.get(pk=ids[1]), Paragraph.objects.get(pk=ids[2])
    week1 = reading(text, 1, (one, 0), (one, 3))
    week2 = reading(text, 2, (one, 3), (two, 0))
    group = make_group()
    on_second = Comment.objects.create(
        group=group, reading=week1, section=one, paragraph_id=second.pk, path="x", body="b"
    )

    joined = editing.merge_paragraph_into_previous(second)

    assert joined.pk == first.pk
    assert joined.text == f"{first.text} {second.text}"
    assert paragraph_ids(one) == [ids[0], ids[1], *ids[3:]]
    on_second.refresh_from_db()
    assert on_second.paragraph_id == first.pk  # the comment follows into the joined paragraph
    week1.refresh_from_db()
    week2.refresh_from_db()
    assert (week1.end_section_id, week1.end_paragraph) == (one.pk, 2)
    assert (week2.start_section_id, week2.start_paragraph) == (one.pk, 2)
    assert text.curator_edits.filter(paragraph=first).exists()  # a re-import offers to keep it
    assert_consistent(text)


def test_merging_the_first_paragraph_of_a_section_is_refused(text):
    one = section(text, "Chapter 1")
    with pytest.raises(EditRefused, match="nothing before it"):
        editing.merge_paragraph_into_previous(Paragraph.objects.get(pk=paragraph_ids(one)[0]))


def test_heading_to_paragraph_keeps_its_words_and_every_id(text):
    one, two, three = (section(text, f"Chapter {n}") for n in (1, 2, 3))
    ids_one, ids_two = paragraph_ids(one), paragraph_ids(two)
    week1 = reading(text, 1, (one, 0), (two, 0))
    week2 = reading(text, 2, (two, 0), (two, 2))
    week3 = reading(text, 3, (two, 2), (three, 0))

    merged = editing.heading_to_paragraph(two)

    assert merged.pk == one.pk
    assert titles(text) == ["Preface", "Chapter 1", "Chapter 3"]
    now = paragraph_ids(one)
    assert now[: len(ids_one)] == ids_one and now[len(ids_one) + 1 :] == ids_two
    line = Paragraph.objects.get(pk=now[len(ids_one)])
    assert line.text == "Chapter 2"  # the heading's words are text now
    for week in (week1, week2, week3):
        week.refresh_from_db()
    offset = len(ids_one)
    # The week that began at the heading begins at the new paragraph; later boundaries
    # move past it.
    assert (week1.end_section_id, week1.end_paragraph) == (one.pk, offset)
    assert (week2.start_section_id, week2.start_paragraph) == (one.pk, offset)
    assert (week2.end_section_id, week2.end_paragraph) == (one.pk, offset + 3)
    assert (week3.start_section_id, week3.start_paragraph) == (one.pk, offset + 3)
    assert_consistent(text)
