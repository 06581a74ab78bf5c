"""A group's own weekly split: adopting at a pace, and move, merge, split, rename that lose
nothing and touch neither the curated default nor another group's weeks."""

from __future__ import annotations

from datetime import date

import pytest

from studygroup.discussion import services as discussion
from studygroup.discussion.models import Comment, ParagraphFlag
from studygroup.discussion.threads import path_for
from studygroup.groups import services, split
from studygroup.groups.models import Progress
from studygroup.library import readings as curated
from studygroup.library.models import Paragraph, Question, Reading, Section
from tests.factories import add_member, make_group, make_question, make_user

pytestmark = pytest.mark.django_db
START = date(2030, 1, 1)


def shape(readings) -> list[tuple[int, int, int, int, int]]:
    return [
        (r.number, r.start_section_id, r.start_paragraph, r.end_section_id, r.end_paragraph)
        for r in readings
    ]


def weeks(adoption) -> list[Reading]:
    return list(adoption.readings.order_by("number"))


def default_of(text) -> list[Reading]:
    return list(Reading.objects.curated().filter(text=text).order_by("number"))


def paragraphs(reading) -> list[Paragraph]:
    return [p for _, ps in curated.reading_content(reading) for p in ps]


@pytest.fixture
def two(book):
    """Two groups reading the same book: one on the curated split, one at 3 weeks."""
    a = make_group(name="Branch A")
    b = make_group(name="Branch B")
    first = services.adopt_text(group=a, text=book, start_date=START)
    second = services.adopt_text(group=b, text=book, start_date=START, weeks=3)
    return first, second


def member(group):
    return add_member(group, make_user())


def test_each_group_reads_at_the_pace_it_asked_for(book, two):
    first, second = two
    assert [r.number for r in weeks(first)] == [1, 2, 3, 4, 5, 6]
    assert [r.number for r in weeks(second)] == [1, 2, 3]
    # The copy is the curated split, row for row, but its own rows.
    assert [s[1:] for s in shape(weeks(first))] == [s[1:] for s in shape(default_of(book))]
    assert not {r.pk for r in weeks(first)} & {r.pk for r in default_of(book)}
    third = services.adopt_text(group=make_group(), text=book, start_date=START, minutes_per_week=5)
    assert len(weeks(third)) > 6
    assert curated.check_readings(book, adoption_id=third.pk) == []


def test_moving_a_boundary_moves_comments_by_paragraph_and_nothing_else(book, two):
    first, second = two
    group = first.group
    fran = member(group)
    w1, w2 = weeks(first)[:2]
    last_of_w1 = paragraphs(w1)[-1]
    on_paragraph = discussion.post_comment(
        author=fran.user, group=group, reading=w1, body="About the last one", paragraph=last_of_w1
    )
    reply = discussion.post_comment(
        author=fran.user, group=group, reading=w1, body="A reply", parent=on_paragraph
    )
    general = discussion.post_comment(author=fran.user, group=group, reading=w1, body="General")
    ParagraphFlag.objects.create(group=group, paragraph=last_of_w1, user=fran.user)
    Progress.objects.create(membership=fran, reading=w1)
    Progress.objects.create(membership=fran, reading=w2)
    other_before = shape(weeks(second))
    default_before = shape(default_of(book))

    # Week 2 now starts one paragraph earlier: the last paragraph of week 1 moves to week 2.
    section = Section.objects.get(pk=last_of_w1.section_id)
    index = list(section.paragraphs.order_by("position")).index(last_of_w1)
    outcome = split.move_boundary(first, week=2, section=section, paragraph=index)

    on_paragraph.refresh_from_db()
    reply.refresh_from_db()
    general.refresh_from_db()
    assert on_paragraph.reading_id == w2.pk
    assert reply.reading_id == w2.pk  # a thread stays together
    assert general.reading_id == w1.pk  # no paragraph: stays with its week
    assert {(m.what, m.old, m.new) for m in outcome.moves} == {
        ("comment", 1, 2),
        ("flag", 1, 2),
    }
    assert len(outcome.of("comment")) == 2
    assert Progress.objects.filter(membership=fran).count() == 2
    assert Comment.objects.filter(group=group).count() == 3
    assert ParagraphFlag.objects.filter(group=group).count() == 1
    assert shape(weeks(second)) == other_before
    assert shape(default_of(book)) == default_before


def test_merging_weeks_keeps_every_comment_and_question_and_progress_only_if_both_done(book, two):
    first, second = two
    group = first.group
    both, only_second = member(group), member(group)
    w2, w3 = weeks(first)[1:3]
    comments = [
        discussion.post_comment(author=both.user, group=group, reading=w3, body=f"On three {i}")
        for i in range(3)
    ]
    anchored = discussion.post_comment(
        author=both.user, group=group, reading=w3, body="Anchored", paragraph=paragraphs(w3)[0]
    )
    question = make_question(w3, body="Ours?", group=group)
    for reading in (w2, w3):
        Progress.objects.create(membership=both, reading=reading)
    Progress.objects.create(membership=only_second, reading=w3)
    total = Comment.objects.count()

    outcome = split.merge_weeks(first, week=2)

    assert [r.number for r in weeks(first)] == [1, 2, 3, 4, 5]
    assert not Reading.objects.filter(pk=w3.pk).exists()
    assert Comment.objects.count() == total
    for comment in [*comments, anchored]:
        comment.refresh_from_db()
        assert comment.reading_id == w2.pk
    question.refresh_from_db()
    assert question.reading_id == w2.pk
    assert list(Progress.objects.filter(membership=both).values_list("reading", flat=True)) == [
        w2.pk
    ]
    assert not Progress.objects.filter(membership=only_second).exists()
    assert [(m.label, m.old) for m in outcome.dropped] == [(only_second.user.display_name, 3)]
    assert {(m.what, m.old, m.new) for m in outcome.moves} >= {
        ("comment", 3, 2),
        ("question", 3, 2),
    }
    assert (4, 3) in outcome.renumbered
    assert len(weeks(second)) == 3


def test_splitting_a_week_keeps_done_on_both_halves_and_moves_second_half_comments(book, two):
    first, second = two
    group = first.group
    reader = member(group)
    w2 = weeks(first)[1]
    ps = paragraphs(w2)
    early = discussion.post_comment(
        author=reader.user, group=group, reading=w2, body="Early", paragraph=ps[0]
    )
    late = discussion.post_comment(
        author=reader.user, group=group, reading=w2, body="Late", paragraph=ps[-1]
    )
    Progress.objects.create(membership=reader, reading=w2)
    section = Section.objects.get(pk=ps[2].section_id)
    index = list(section.paragraphs.order_by("position")).index(ps[2])

    outcome = split.split_week(first, week=2, section=section, paragraph=index)

    new = Reading.objects.get(adoption=first, number=3)
    early.refresh_from_db()
    late.refresh_from_db()
    assert early.reading_id == w2.pk
    assert late.reading_id == new.pk
    assert set(Progress.objects.filter(membership=reader).values_list("reading", flat=True)) == {
        w2.pk,
        new.pk,
    }
    assert [(m.label, m.new) for m in outcome.copied] == [(reader.user.display_name, 3)]
    assert len(weeks(first)) == 7
    assert curated.check_readings(book, adoption_id=first.pk) == []
    assert len(default_of(book)) == 6


def test_renaming_a_week_moves_nothing_and_the_title_reads_naturally(book, two):
    first, _ = two
    w1 = weeks(first)[0]
    assert not w1.title[0].isdigit()
    outcome = split.rename_week(first, week=1, title="  Running   a Meeting ")
    assert outcome.moves == [] and outcome.renumbered == []
    assert weeks(first)[0].title == "Running a Meeting"
    assert default_of(book)[0].title == w1.title
    split.rename_week(first, week=1, title="")
    assert weeks(first)[0].title == w1.title


def test_the_preview_lists_what_saving_does_and_saves_nothing(book, two):
    first, _ = two
    group = first.group
    reader = member(group)
    w2, w3 = weeks(first)[1:3]
    discussion.post_comment(author=reader.user, group=group, reading=w3, body="Kept")
    Progress.objects.create(membership=reader, reading=w3)
    before = shape(weeks(first))
    seen = split.preview(split.merge_weeks, first, week=2)
    assert shape(weeks(first)) == before
    assert Progress.objects.filter(membership=reader, reading=w3).exists()
    assert Comment.objects.get().reading_id == w3.pk
    done = split.merge_weeks(first, week=2)
    assert (seen.moves, seen.dropped) == (done.moves, done.dropped)


def test_a_refused_change_says_why_and_changes_nothing(book, two):
    first, _ = two
    before = shape(weeks(first))
    with pytest.raises(split.SplitError, match="last week"):
        split.merge_weeks(first, week=6)
    with pytest.raises(split.SplitError):
        section = Section.objects.get(pk=weeks(first)[3].start_section_id)
        split.move_boundary(first, week=2, section=section, paragraph=0)
    assert shape(weeks(first)) == before


def test_a_curators_change_to_the_default_changes_no_group(book, two):
    first, second = two
    before = (shape(weeks(first)), shape(weeks(second)))
    curated.merge_with_next(default_of(book)[0])
    curated.generate_readings(book, weeks=4)
    assert (shape(weeks(first)), shape(weeks(second))) == before


def test_a_group_week_shows_the_curated_questions_of_the_curated_weeks_starting_in_it(book, two):
    first, second = two
    questions = [make_question(r, body=f"Curated {r.number}") for r in default_of(book)]
    own = make_question(weeks(second)[0], body="Ours", group=second.group)

    def shown(adoption, reading):
        qs = discussion.group_questions(group=adoption.group, reading=reading)
        return [q.body for q in qs]

    # The copy of the curated split shows each week's own curated question.
    assert [shown(first, r) for r in weeks(first)] == [[q.body] for q in questions]
    # At 3 weeks every curated question is shown exactly once.
    seen = [body for r in weeks(second) for body in shown(second, r)]
    assert sorted(seen) == sorted([q.body for q in questions] + ["Ours"])
    assert own.body in shown(second, weeks(second)[0])
    assert Question.objects.filter(group=None).count() == 6


def seed_comments(adoption, n: int) -> None:
    """n comments spread over the weeks, each on the last paragraph of its week."""
    group = adoption.group
    author = member(group).user
    rows = weeks(adoption)
    anchors = [paragraphs(r)[-1] for r in rows]
    made = Comment.objects.bulk_create(
        [
            Comment(
                group=group,
                reading=rows[i % len(rows)],
                paragraph=anchors[i % len(rows)],
                author=author,
                body=f"Comment {i}",
                path="",
            )
            for i in range(n)
        ]
    )
    for c in made:
        c.path = path_for(c.pk)
    Comment.objects.bulk_update(made, ["path"])


RESPLIT_QUERIES = 18  # the same for 10 and 1,000 comments


@pytest.mark.parametrize("n", [10, 1000])
def test_a_resplit_costs_the_same_queries_however_many_comments(
    book, two, n, django_assert_num_queries
):
    first, _ = two
    seed_comments(first, n)
    w1 = weeks(first)[0]
    section = Section.objects.get(pk=paragraphs(w1)[-1].section_id)
    moved = Comment.objects.filter(reading=w1).count()
    with django_assert_num_queries(RESPLIT_QUERIES):
        outcome = split.move_boundary(first, week=2, section=section, paragraph=3)
    assert len(outcome.of("comment")) == moved  # week 1's last paragraph went to week 2


def test_removing_a_text_takes_its_weeks_unless_members_discussed_it(book, two):
    first, second = two
    discussion.post_comment(
        author=member(first.group).user,
        group=first.group,
        reading=weeks(first)[0],
        body="Keep me",
    )
    with pytest.raises(services.GroupError, match="discussed"):
        services.remove_adoption(adoption=first)
    assert len(weeks(first)) == 6
    pk = second.pk
    services.remove_adoption(adoption=second)
    assert not Reading.objects.filter(adoption_id=pk).exists()
    assert len(default_of(book)) == 6


def test_a_reimport_that_drops_a_section_resplits_each_group_at_its_own_pace():
    from studygroup.library.importing.document import ParsedParagraph
    from studygroup.library.services import save_imported_text
    from tests.factories import parsed_text

    text = save_imported_text(
        parsed=parsed_text(chapters=4), filename="p.txt", checksum="a" * 64
    ).text
    curated.generate_readings(text, weeks=4)
    adoption = services.adopt_text(group=make_group(), text=text, start_date=START, weeks=2)
    ids = {r.pk for r in weeks(adoption)}
    corrected = parsed_text(chapters=4)
    corrected.sections[2].title = "Chapter 2, rewritten"
    corrected.sections[2].paragraphs = [ParsedParagraph(text="Entirely different words.")]
    report = save_imported_text(parsed=corrected, filename="p.txt", checksum="b" * 64, replace=text)
    assert {r.pk for r in weeks(adoption)} == ids  # same rows: discussion stays attached
    assert curated.check_readings(text, adoption_id=adoption.pk) == []
    assert curated.check_readings(text) == []
    assert len(default_of(text)) == 4
    assert any("1 group(s)" in w for w in report.warnings)


def test_the_weeks_a_change_touches_show_it_once_committed(
    book, two, django_capture_on_commit_callbacks
):
    """The discussion hears of the change through groups' signal, after the commit: the
    threads of the changed weeks get a new version, the others keep theirs."""
    first, _ = two
    group = first.group
    w1, w2, w3 = weeks(first)[:3]

    def versions():
        return [discussion.thread_version(group_id=group.pk, reading_id=w.pk) for w in (w1, w3)]

    before = versions()
    with django_capture_on_commit_callbacks(execute=False) as pending:
        split.rename_week(first, week=1, title="Our own start")
    assert versions() == before  # nothing until the commit
    for callback in pending:
        callback()
    after = versions()
    assert after[0] != before[0] and after[1] == before[1]


def test_a_change_that_fails_after_moving_comments_moves_none(book, two, monkeypatch):
    """The comments move inside the change's transaction: a failure undoes them too."""
    first, _ = two
    group = first.group
    fran = member(group)
    w2, w3 = weeks(first)[1:3]
    kept = discussion.post_comment(author=fran.user, group=group, reading=w3, body="Stays")

    def broken(reading):
        raise RuntimeError("the merge broke half way")

    monkeypatch.setattr(curated, "merge_with_next", broken)
    with pytest.raises(RuntimeError):
        split.merge_weeks(first, week=2)
    kept.refresh_from_db()
    assert kept.reading_id == w3.pk and len(weeks(first)) == 6


def test_a_groups_weeks_are_its_adoptions_own(book, two):
    """Reading.objects.for_adoption / of_group / of_groups: never the curated split, never
    another group's copy."""
    first, second = two
    ours = {r.pk for r in weeks(first)}
    theirs = {r.pk for r in weeks(second)}
    assert set(Reading.objects.for_adoption(first).values_list("pk", flat=True)) == ours
    assert set(Reading.objects.of_group(first.group).values_list("pk", flat=True)) == ours
    both = Reading.objects.of_groups([first.group_id, second.group_id])
    assert set(both.values_list("pk", flat=True)) == ours | theirs
    assert not ours & {r.pk for r in default_of(book)}
