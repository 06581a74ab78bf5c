"""No spoilers: the discussion of a week a member has not reached stays collapsed.

For a member whose `User.hide_spoilers` is on (the default), a week of their group is *open*
when its meeting day has come (in the group's time zone), when they marked it or any later
week done (`Progress`), or when they chose to see it anyway (`SpoilerReveal`, remembered per
week). Comments on a week that is not open are collapsed on the reading page, and
notifications, emails and search results about them carry no comment text: only the week,
and a link. Facilitators are members like any other here (they can show anyway). Non-members
(a visitor to a public group, a site admin) do not read along: nothing is collapsed for them.

Reads cost a fixed number of queries whatever the number of groups, weeks or comments.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime

from django.db.models import F, Value
from django.utils import timezone

from studygroup.groups import schedule
from studygroup.groups.models import Membership, Progress, ReadingGroup, SpoilerReveal
from studygroup.groups.timeline import Week
from studygroup.library.models import Reading
from studygroup.policy import Viewer

DONE, SHOWN = "done", "shown"


def applies(user) -> bool:
    """Whether anything may be collapsed for this user at all (no query)."""
    return bool(user.is_authenticated and getattr(user, "hide_spoilers", False))


@dataclass(frozen=True)
class Guard:
    """The weeks not open to one user: (group id, reading id) → week number."""

    closed: Mapping[tuple[int, int], int] = field(default_factory=dict)

    def closed_week(self, group_id: int, reading_id: int) -> int | None:
        """The week's number when its discussion is collapsed for the user, else None."""
        return self.closed.get((group_id, reading_id))

    def __bool__(self) -> bool:
        return bool(self.closed)


OPEN = Guard()


def _marks(user, group_ids: Iterable[int]) -> tuple[dict[int, set[int]], dict[int, set[int]]]:
    """The user's done and shown-anyway readings per group, in one query."""
    ids = list(group_ids)
    done = (
        Progress.objects.filter(membership__user=user, membership__group_id__in=ids)
        .annotate(kind=Value(DONE))
        .values_list("membership__group_id", "reading_id", "kind")
        .order_by()
    )
    shown = (
        SpoilerReveal.objects.filter(membership__user=user, membership__group_id__in=ids)
        .annotate(kind=Value(SHOWN))
        .values_list("membership__group_id", "reading_id", "kind")
        .order_by()
    )
    by_kind: dict[str, dict[int, set[int]]] = {DONE: {}, SHOWN: {}}
    for group_id, reading_id, kind in done.union(shown, all=True):
        by_kind[kind].setdefault(group_id, set()).add(reading_id)
    return by_kind[DONE], by_kind[SHOWN]


def guard(user, group_ids: Iterable[int] | None = None, *, now: datetime | None = None) -> Guard:
    """The weeks not open to `user` in their groups (all, or those among `group_ids`).

    Three queries (memberships, the groups' published readings, the user's marks), none
    when the setting is off.
    """
    if not applies(user):
        return OPEN
    memberships = Membership.objects.filter(user=user)
    if group_ids is not None:
        memberships = memberships.filter(group_id__in=set(group_ids))
    groups = {
        pk: ReadingGroup(pk=pk, timezone=tz, meeting_weekday=weekday)
        for pk, tz, weekday in memberships.values_list(
            "group_id", "group__timezone", "group__meeting_weekday"
        )
    }
    if not groups:
        return OPEN
    rows = (
        Reading.objects.published()
        .of_groups(list(groups))
        .order_by(
            "adoption__group_id",
            "adoption__position",
            "adoption__pk",
            "number",
        )
        .values_list(
            "pk",
            "number",
            F("adoption__group_id"),
            F("adoption__pk"),
            F("adoption__start_date"),
            F("adoption__skipped_dates"),
        )
    )
    # group → adoption → (start, skipped, [(reading id, number)]), in the group's order
    runs: dict[int, dict[int, tuple[date, list, list[tuple[int, int]]]]] = {}
    for pk, number, group_id, adoption_pk, start, skipped in rows:
        adoption = runs.setdefault(group_id, {}).setdefault(adoption_pk, (start, skipped or [], []))
        adoption[2].append((pk, number))
    done, shown = _marks(user, groups)
    now = now or timezone.now()
    closed: dict[tuple[int, int], int] = {}
    for group_id, adoptions in runs.items():
        group = groups[group_id]
        today = now.astimezone(group.tz).date()
        plan = [
            schedule.Run(
                start=start,
                readings=tuple(n for _, n in weeks),
                skipped=frozenset(date.fromisoformat(d) for d in skipped),
            )
            for start, skipped, weeks in adoptions.values()
        ]
        dated = schedule.chain(plan, weekday=group.meeting_weekday)
        in_order = [
            (pk, number, day)
            for (_, _, weeks), run in zip(adoptions.values(), dated, strict=True)
            for (pk, number), (_, day) in zip(weeks, run, strict=True)
        ]
        mine = done.get(group_id, set())
        last_done = max((i for i, (pk, _, _) in enumerate(in_order) if pk in mine), default=-1)
        seen = shown.get(group_id, set())
        for i, (pk, number, day) in enumerate(in_order):
            if day > today and i > last_done and pk not in seen:
                closed[(group_id, pk)] = number
    return Guard(closed)


def closed_week(user, group: ReadingGroup, reading: Reading, *, viewer: Viewer) -> int | None:
    """The week's number when its discussion is collapsed for this viewer, else None."""
    if not viewer.is_member or not applies(user):
        return None
    return guard(user, [group.pk]).closed_week(group.pk, reading.pk)


@dataclass(frozen=True)
class PageState:
    done_by_me: bool
    closed: bool
    shown_anyway: bool = False  # open only because the member chose "show anyway"


def page_state(user, week: Week, *, viewer: Viewer) -> PageState:
    """For the reading page: the viewer's done mark and whether the week is collapsed.

    One query for a member (their marks in the group), none for anyone else: the dates and
    the order of the weeks come with `week` (`timeline.find_week`).
    """
    if not viewer.is_member:
        return PageState(done_by_me=False, closed=False)
    group = week.adoption.group
    done, shown = _marks(user, [group.pk])
    mine = done.get(group.pk, set())
    reading = week.reading.pk
    not_reached = applies(user) and week.date > group.today() and not (mine & week.from_here_on)
    shown_anyway = not_reached and reading in shown.get(group.pk, set())
    return PageState(
        done_by_me=reading in mine,
        closed=not_reached and not shown_anyway,
        shown_anyway=shown_anyway,
    )


def show_anyway(*, membership: Membership, reading: Reading) -> None:
    """Remember that the member chose to see this week's discussion."""
    SpoilerReveal.objects.get_or_create(membership=membership, reading=reading)


def fold_again(*, membership: Membership, reading: Reading) -> None:
    """Forget "show anyway" for this week: its discussion is folded away again."""
    SpoilerReveal.objects.filter(membership=membership, reading=reading).delete()
