"""Migration library 0007: each group reading a text gets its own copy of the weeks, and
keeps exactly the weeks, comments, questions, flags and progress it had."""

from __future__ import annotations

import pytest

from tests.migrations import migration_step

BEFORE = [("library", "0004_week_titles_without_chapter_numbers")]
AFTER = [("library", "0007_group_readings")]


def week_of(Reading, reading_id):
    return Reading.objects.values_list("number", flat=True).get(pk=reading_id)


@pytest.mark.django_db(transaction=True)
def test_groups_keep_their_weeks_comments_questions_flags_and_progress():
    with migration_step("library", BEFORE, AFTER) as step:
        old = step.before
        User = old.get_model("accounts", "User")
        Text = old.get_model("library", "Text")
        Section = old.get_model("library", "Section")
        Paragraph = old.get_model("library", "Paragraph")
        Reading = old.get_model("library", "Reading")
        Question = old.get_model("library", "Question")
        Group = old.get_model("groups", "ReadingGroup")
        Membership = old.get_model("groups", "Membership")
        Adoption = old.get_model("groups", "Adoption")
        Progress = old.get_model("groups", "Progress")
        Comment = old.get_model("discussion", "Comment")
        Flag = old.get_model("discussion", "ParagraphFlag")

        text = Text.objects.create(title="Old Book", slug="old-book")
        sections = [Section.objects.create(text=text, position=i, title=f"S{i}") for i in range(3)]
        paragraph = Paragraph.objects.create(
            section=sections[1], position=0, text="Kept", html="<p>Kept</p>", checksum="x"
        )
        weeks = [
            Reading.objects.create(
                text=text,
                number=i + 1,
                title=f"Week title {i + 1}",
                start_section=sections[i],
                end_section=sections[i + 1] if i < 2 else None,
                is_published=i != 2,
            )
            for i in range(3)
        ]
        curated = Question.objects.create(reading=weeks[0], body="Curated")
        user = User.objects.create(username="old", email="old@example.org")
        groups = []
        for name in ("a", "b"):
            group = Group.objects.create(name=name, slug=name)
            membership = Membership.objects.create(group=group, user=user, feed_token=name)
            Adoption.objects.create(group=group, text=text, start_date="2030-01-01")
            Progress.objects.create(membership=membership, reading=weeks[0])
            Comment.objects.create(
                group=group, reading=weeks[1], paragraph=paragraph, body=name, path=name
            )
            Question.objects.create(reading=weeks[1], group=group, body=f"Own {name}")
            Flag.objects.create(group=group, paragraph=paragraph, user=user)
            groups.append(group)

        new = step.forward()
        Reading = new.get_model("library", "Reading")
        Question = new.get_model("library", "Question")
        Progress = new.get_model("groups", "Progress")
        Comment = new.get_model("discussion", "Comment")
        Flag = new.get_model("discussion", "ParagraphFlag")
        Adoption = new.get_model("groups", "Adoption")

        default = list(Reading.objects.filter(text_id=text.pk, adoption__isnull=True))
        assert [r.pk for r in default] == [w.pk for w in weeks]
        seen = set()
        for group in groups:
            adoption = Adoption.objects.get(group_id=group.pk)
            own = list(Reading.objects.filter(adoption=adoption).order_by("number"))
            assert [
                (r.number, r.title, r.start_section_id, r.end_section_id, r.is_published)
                for r in own
            ] == [
                (w.number, w.title, w.start_section_id, w.end_section_id, w.is_published)
                for w in weeks
            ]
            ids = {r.pk for r in own}
            assert not ids & seen
            seen |= ids
            comment = Comment.objects.get(group_id=group.pk)
            assert comment.reading_id in ids and week_of(Reading, comment.reading_id) == 2
            question = Question.objects.get(group_id=group.pk)
            assert question.reading_id in ids and week_of(Reading, question.reading_id) == 2
            mark = Progress.objects.get(membership__group_id=group.pk)
            assert mark.reading_id in ids and week_of(Reading, mark.reading_id) == 1
            assert Flag.objects.filter(group_id=group.pk, paragraph_id=paragraph.pk).count() == 1
        assert Question.objects.get(pk=curated.pk).reading_id == weeks[0].pk
