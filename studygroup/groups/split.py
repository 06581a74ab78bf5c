"""A group's own weekly split: its facilitators move, merge, split and rename its weeks.

Each change works on that adoption's readings only (library/readings.py does the cutting,
one split at a time), so the curated default and every other group's weeks stay as they
are. Nothing pointing at a week is lost; where things go:

- A comment follows its paragraph (or, once the paragraph is gone, its section) to the week
  that now holds it; a reply follows the comment it answers, so a thread stays together.
  A comment on no paragraph stays with its week; when that week is merged away, it goes to
  the week that holds the old week's start (the one it was merged into).
- A group's own question has no paragraph: it goes the same way as such a comment.
- A confusing flag points at its paragraph, not at a week: it is always where its paragraph
  is. The preview still lists the flags whose week changes.
- Comments and flags belong to the discussion, above groups: it moves them through a follower
  it registers here (`register_follower`, from discussion/apps.py), inside the change's own
  transaction, and the weeks that changed are announced after the commit
  (`signals.weeks_changed`).
- Progress: a moved boundary or a new title leaves every mark where it is. A week split in
  two: whoever had done it has done both halves. Two weeks merged: a member has done the
  merged week only if they had done both; otherwise their mark on either is dropped (the
  preview names them), since the merged week holds reading they have not done.

`preview` runs the same change inside a transaction that is rolled back, so what it lists
is exactly what saving would do. Every change is atomic.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Protocol

from django.db import transaction
from django.db.models.functions import Substr
from django.utils.translation import gettext as _

from studygroup.cache import bump_rows_on_commit
from studygroup.groups import signals
from studygroup.groups.models import Adoption, Membership, Progress
from studygroup.library import readings as weeks_service
from studygroup.library.models import Paragraph, Question, Reading, Section
from studygroup.library.readings import Layout, ReadingError, load_layout


class SplitError(ValueError):
    """A change the split refuses; the message is shown to the facilitator."""


@dataclass
class Move:
    """One thing that changes week: `what` (e.g. "comment"), a label, old and new week."""

    what: str
    label: str
    old: int
    new: int


@dataclass
class Outcome:
    """What a change did (or, from `preview`, would do)."""

    moves: list[Move] = field(default_factory=list)
    dropped: list[Move] = field(default_factory=list)  # progress marks a merge drops
    copied: list[Move] = field(default_factory=list)  # progress marks a split copies
    renumbered: list[tuple[int, int]] = field(default_factory=list)  # (old, new) week numbers
    weeks: int = 0  # how many weeks the group has after the change

    def of(self, what: str) -> list[Move]:
        return [m for m in self.moves if m.what == what]


# --- where a paragraph is ------------------------------------------------------------------


def _atom(layout: Layout, section_id: int | None, position: int | None) -> int | None:
    """How many paragraphs of the text come before this one (None: not in the text)."""
    s = layout.index.get(section_id) if section_id is not None else None
    if s is None:
        return None
    if position is None:
        return layout.first_atom[s]
    return layout.first_atom[s] + bisect_left(layout.positions[s], position)


def _starts(layout: Layout, rows: list[Reading]) -> list[int]:
    return [layout.atom(layout.start(r)) for r in rows]


def _holding(starts: list[int], atom: int) -> int:
    """Index of the week that holds paragraph `atom` (before week 1: week 1)."""
    return max(0, bisect_right(starts, atom) - 1)


def short(text: str, words: int = 8) -> str:
    """The first `words` words of `text`, as the preview lists a thing."""
    parts = text.split()
    return " ".join(parts[:words]) + ("…" if len(parts) > words else "")


# --- what points at the weeks from the apps above ------------------------------------------


class Reshape:
    """An adoption's weeks before and after a change, for a follower to place its things.

    Made before the change (the change edits the week objects it is given), completed by
    `changed` after it."""

    def __init__(self, layout: Layout, before: list[Reading]) -> None:
        self.layout = layout
        self.old_number = {r.pk: r.number for r in before}
        self.old_starts = _starts(layout, before)
        self._old_pks = [r.pk for r in before]

    def changed(self, after: list[Reading], merged_into: dict[int, int]) -> None:
        """`merged_into`: {pk of a week that is gone: pk of the week it was merged into}."""
        self.after = after
        self.merged_into = merged_into
        self.new_number = {r.pk: r.number for r in after}
        self.new_starts = _starts(self.layout, after)

    def survivor(self, reading_id: int) -> int:
        """The week that now stands for `reading_id`: itself, or the one it was merged into."""
        return self.merged_into.get(reading_id, reading_id)

    def atom(self, section_id: int | None, position: int | None) -> int | None:
        """How many paragraphs of the text come before this one (None: not in the text)."""
        return _atom(self.layout, section_id, position)

    def number_before(self, atom: int) -> int:
        """The number of the week that held paragraph `atom` before the change."""
        return self.old_number[self._old_pks[_holding(self.old_starts, atom)]]

    def week_after(self, atom: int) -> Reading:
        """The week that holds paragraph `atom` after the change."""
        return self.after[_holding(self.new_starts, atom)]


@dataclass
class Followed:
    """What a follower did: the moves to show, and the weeks whose content changed."""

    moves: list[Move] = field(default_factory=list)
    changed: set[int] = field(default_factory=set)


class Follower(Protocol):
    """Things of an app above groups that point at an adoption's weeks (comments, flags).

    Made from the adoption before a change, so it reads them as they are; then told of a
    merge before the merged week is deleted, and last asked to follow the change."""

    def merging(self, merged: Reading, into: Reading) -> None: ...

    def follow(self, reshape: Reshape) -> Followed: ...


_followers: list[Callable[[Adoption], Follower]] = []


def register_follower(make: Callable[[Adoption], Follower]) -> None:
    """`make(adoption)` returns a `Follower`; called at each change (discussion/apps.py)."""
    if make not in _followers:
        _followers.append(make)


# --- the change itself -----------------------------------------------------------------------


def _rows(adoption: Adoption) -> list[Reading]:
    return list(Reading.objects.for_adoption(adoption).order_by("number"))


def _apply(
    adoption: Adoption,
    change: Callable[[list[Reading], list[Follower]], dict[int, int]],
) -> Outcome:
    """Run `change` on the adoption's weeks, then move what points at them.

    `change` gets the weeks (in order) and the followers, reshapes the weeks through
    library/readings.py and returns {pk of a week that is gone: pk of the week it was merged
    into}. Queries: a fixed number whatever the number of comments.
    """
    text = adoption.text
    before = _rows(adoption)
    if not before:
        raise SplitError(_("This group has no weeks of this text to change."))
    layout = load_layout(text)
    reshape = Reshape(layout, before)
    old_shape = {r.pk: _shape(r) for r in before}
    questions = list(
        Question.objects.filter(reading__adoption=adoption).values_list("pk", "reading_id", "body")
    )
    followers = [make(adoption) for make in _followers]
    try:
        merged_into = change(before, followers)
    except ReadingError as error:
        raise SplitError(str(error)) from error
    after = _rows(adoption)
    reshape.changed(after, merged_into)
    old_number, new_number = reshape.old_number, reshape.new_number
    new_shape = {r.pk: _shape(r) for r in after}
    outcome = Outcome(weeks=len(after))
    outcome.renumbered = [
        (old_number[pk], new_number[pk])
        for pk in old_number
        if pk in new_number and old_number[pk] != new_number[pk]
    ]

    changed = {pk for pk in {*old_shape, *new_number} if old_shape.get(pk) != new_shape.get(pk)}
    for follower in followers:
        followed = follower.follow(reshape)
        outcome.moves += followed.moves
        changed |= followed.changed

    # The group's own questions stay with their week, or go to the week it was merged into.
    for _pk, reading_id, body in questions:
        if reshape.survivor(reading_id) != reading_id:
            new = new_number[reshape.survivor(reading_id)]
            outcome.moves.append(Move("question", short(body), old_number[reading_id], new))

    _announce(adoption, changed & set(new_number))
    return outcome


def _shape(r: Reading) -> tuple:
    return (
        r.number,
        r.title,
        r.start_section_id,
        r.start_paragraph,
        r.end_section_id,
        r.end_paragraph,
    )


def _announce(adoption: Adoption, reading_ids: set[int]) -> None:
    """The weeks that changed (bounds, number, title or comments), once committed."""
    group_id, ids = adoption.group_id, sorted(reading_ids)
    transaction.on_commit(
        lambda: signals.weeks_changed.send(sender=Adoption, group_id=group_id, reading_ids=ids)
    )


def _week(rows: list[Reading], number: int) -> Reading:
    week = next((r for r in rows if r.number == number), None)
    if week is None:
        raise SplitError(_("There is no week %(n)s.") % {"n": number})
    return week


def _progress(reading_ids: list[int]):
    """(reading id, membership id, member's name) of the marks on these weeks: one query."""
    rows = (
        Progress.objects.filter(reading_id__in=reading_ids)
        .order_by("membership__user__display_name", "pk")
        .values_list(
            "reading_id",
            "membership_id",
            "membership__user__display_name",
            "membership__user__username",
        )
    )
    return [(r, m, name or username) for r, m, name, username in rows]


@transaction.atomic
def move_boundary(
    adoption: Adoption, *, week: int, section: Section, paragraph: int = 0
) -> Outcome:
    """Week `week` (2 or later) now starts at `paragraph` of `section` (0: at its heading)."""

    def change(rows: list[Reading], followers: list[Follower]) -> dict[int, int]:
        weeks_service.move_boundary(_week(rows, week), section=section, paragraph=paragraph)
        return {}

    return _apply(adoption, change)


@transaction.atomic
def rename_week(adoption: Adoption, *, week: int, title: str) -> Outcome:
    """Give week `week` the group's own title; an empty one brings back the derived title."""

    def change(rows: list[Reading], followers: list[Follower]) -> dict[int, int]:
        weeks_service.retitle(_week(rows, week), title=title)
        return {}

    return _apply(adoption, change)


@transaction.atomic
def split_week(adoption: Adoption, *, week: int, section: Section, paragraph: int = 0) -> Outcome:
    """Cut week `week` in two at `paragraph` of `section`; later weeks move one number up.

    Whoever had done the week has done both halves."""
    marks: list[tuple[int, int, str]] = []
    created: list[Reading] = []

    def change(rows: list[Reading], followers: list[Follower]) -> dict[int, int]:
        reading = _week(rows, week)
        marks.extend(_progress([reading.pk]))
        created.append(weeks_service.split_reading(reading, section=section, paragraph=paragraph))
        return {}

    outcome = _apply(adoption, change)
    new = created[0]
    Progress.objects.bulk_create(
        [Progress(membership_id=m, reading=new) for _, m, _ in marks], ignore_conflicts=True
    )
    # ignore_conflicts leaves the new rows without ids: their memberships name the keys.
    bump_rows_on_commit(Membership, [m for _, m, _ in marks])
    outcome.copied = [Move("progress", name, week, new.number) for _, _, name in marks]
    return outcome


@transaction.atomic
def merge_weeks(adoption: Adoption, *, week: int) -> Outcome:
    """Join week `week + 1` onto week `week`; later weeks move one number down.

    A member keeps a mark on the merged week only if they had done both weeks."""
    dropped: list[Move] = []

    def change(rows: list[Reading], followers: list[Follower]) -> dict[int, int]:
        first = _week(rows, week)
        second = next((r for r in rows if r.number == week + 1), None)
        if second is None:
            raise SplitError(
                _("Week %(n)s is the last week: there is nothing to merge.") % {"n": week}
            )
        done: dict[int, set[int]] = defaultdict(set)
        names: dict[int, str] = {}
        for reading_id, membership_id, name in _progress([first.pk, second.pk]):
            done[membership_id].add(reading_id)
            names[membership_id] = name
        partial = [m for m, ids in done.items() if len(ids) < 2]
        for m in partial:
            for reading_id in sorted(done[m]):
                number = week if reading_id == first.pk else week + 1
                dropped.append(Move("progress", names[m], number, week))
        Progress.objects.filter(reading=first, membership_id__in=partial).delete()
        Progress.objects.filter(reading=second).delete()  # the others have `first` too
        # What points at the second week goes to the first before it is deleted; the
        # followers then place it by paragraph. merge_with_next moves the questions itself.
        for follower in followers:
            follower.merging(second, first)
        weeks_service.merge_with_next(first)
        return {second.pk: first.pk}

    outcome = _apply(adoption, change)
    outcome.dropped = dropped
    return outcome


# --- preview ---------------------------------------------------------------------------------


class _Rollback(Exception):
    pass


def preview(operation: Callable[..., Outcome], adoption: Adoption, **kwargs) -> Outcome:
    """What `operation(adoption, **kwargs)` would do, without doing it: the same code, in a
    transaction that is rolled back."""
    found: list[Outcome] = []
    try:
        with transaction.atomic():
            found.append(operation(adoption, **kwargs))
            raise _Rollback
    except _Rollback:
        pass
    return found[0]


# --- what the editor shows -------------------------------------------------------------------


@dataclass
class Place:
    """A place a week may start: a section's heading or one of its paragraphs."""

    section: Section
    paragraph: int  # as the splitter counts: paragraphs of the section left in the week before
    words: str  # the first words of the paragraph (or the heading)

    @property
    def value(self) -> str:
        """As the editor's forms send it: "<section id>:<paragraph>"."""
        return f"{self.section.pk}:{self.paragraph}"


@dataclass
class EditorWeek:
    reading: Reading
    start_words: str  # the first words of its first paragraph
    before: list[Place]  # paragraphs just before its start (the end of the week before)
    after: list[Place]  # its first paragraphs
    inside: list[Place]  # every paragraph but its first: where it may be split


AROUND = 3  # paragraphs shown on each side of a boundary


def editor_weeks(adoption: Adoption) -> list[EditorWeek]:
    """The adoption's weeks with the paragraphs around their starts: three queries (weeks,
    the text's layout, the first words of every paragraph)."""
    rows = _rows(adoption)
    layout = load_layout(adoption.text)
    starts = _starts(layout, rows)
    flat = [(s, i) for s, positions in enumerate(layout.positions) for i in range(len(positions))]
    openings = {
        (section_id, position): opening
        for section_id, position, opening in Paragraph.objects.filter(section__text=adoption.text)
        .annotate(opening=Substr("text", 1, 120))
        .values_list("section_id", "position", "opening")
        .order_by()
    }

    def place(atom: int) -> Place:
        s, i = flat[atom]
        section = layout.sections[s]
        opening = openings.get((section.pk, layout.positions[s][i]), "")
        return Place(section=section, paragraph=i, words=short(opening, 10))

    ends = [*starts[1:], len(flat)]
    result = []
    for reading, atom, end in zip(rows, starts, ends, strict=True):
        before = [place(a) for a in range(max(0, atom - AROUND), min(atom, len(flat)))]
        after = [place(a) for a in range(atom, min(end, atom + AROUND))]
        result.append(
            EditorWeek(
                reading=reading,
                start_words=after[0].words if after else "",
                before=before,
                after=after,
                inside=[place(a) for a in range(atom + 1, min(end, len(flat)))],
            )
        )
    return result
