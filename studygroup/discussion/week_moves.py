"""Comments and flags follow their paragraphs when a group reshapes its weeks.

groups/split.py does the change and cannot import the discussion (one-way imports), so the
discussion registers this follower there (discussion/apps.py). It runs inside the change's
transaction, so a change and what it moves commit or roll back together.

- A comment follows its paragraph (or, once the paragraph is gone, its section) to the week
  that now holds it; a reply follows the comment it answers, so a thread stays together.
  A comment on no paragraph stays with its week, or goes to the week it was merged into.
- A confusing flag points at its paragraph, not at a week: it moves by itself; the preview
  lists those whose week changes.
"""

from __future__ import annotations

from collections import defaultdict

from django.db.models import Case, IntegerField, Value, When
from django.utils.translation import gettext as _

from studygroup.discussion.models import Comment, ParagraphFlag
from studygroup.groups.models import Adoption
from studygroup.groups.split import Followed, Move, Reshape, short
from studygroup.library.models import Reading


class CommentsAndFlags:
    """A `groups.split.Follower`: made before the change, from the comments as they are."""

    def __init__(self, adoption: Adoption) -> None:
        self.adoption = adoption
        self.comments = list(
            Comment.objects.filter(reading__adoption=adoption)
            .order_by("path")
            .values_list(
                "pk",
                "reading_id",
                "parent_id",
                "paragraph__section_id",
                "paragraph__position",
                "section_id",
                "body",
                "deleted_at",
            )
        )

    def merging(self, merged: Reading, into: Reading) -> None:
        # Before `merged` is deleted (comments protect their week); `follow` then places them.
        Comment.objects.filter(reading=merged).update(reading=into)

    def follow(self, reshape: Reshape) -> Followed:
        """Move the comments (one UPDATE however many) and list the flags whose week changes."""
        followed = Followed()
        target: dict[int, int] = {}
        updates: dict[int, list[int]] = defaultdict(list)
        for (
            pk,
            reading_id,
            parent_id,
            p_section,
            p_position,
            section_id,
            body,
            deleted,
        ) in self.comments:
            if parent_id is not None and parent_id in target:
                week = target[parent_id]
            else:
                atom = reshape.atom(p_section, p_position)
                if atom is None and section_id is not None:
                    atom = reshape.atom(section_id, None)
                week = reshape.week_after(atom).pk if atom is not None else None
                week = week or reshape.survivor(reading_id)
            target[pk] = week
            if week != reshape.survivor(reading_id):
                updates[week].append(pk)
                followed.changed |= {week, reshape.survivor(reading_id)}
            if week != reading_id:
                label = _("[deleted]") if deleted else short(body)
                old, new = reshape.old_number[reading_id], reshape.new_number[week]
                followed.moves.append(Move("comment", label, old, new))
        if updates:  # one statement, however many comments and weeks
            Comment.objects.filter(pk__in=[pk for pks in updates.values() for pk in pks]).update(
                reading_id=Case(
                    *(When(pk__in=pks, then=Value(week)) for week, pks in updates.items()),
                    output_field=IntegerField(),
                )
            )

        flags = ParagraphFlag.objects.filter(
            group_id=self.adoption.group_id, paragraph__section__text_id=self.adoption.text_id
        ).values_list("paragraph__section_id", "paragraph__position", "paragraph__text")
        for section_id, position, words in flags:
            atom = reshape.atom(section_id, position)
            if atom is None:
                continue
            old, new = reshape.number_before(atom), reshape.week_after(atom).number
            if old != new:
                followed.moves.append(Move("flag", short(words), old, new))
        return followed
