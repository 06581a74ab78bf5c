"""Curation services behind the admin: tags in bulk, publishing, question order, the dashboard.

Writes are keyword-only functions; the admin's actions and views only call them. The dashboard
is one function returning plain data, built from a fixed number of queries whatever the size
of the library.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import Exists, OuterRef, QuerySet
from django.utils import timezone

from studygroup.cache import bump_rows_on_commit
from studygroup.library.editing import renumber
from studygroup.library.models import Question, Reading, Text

DASHBOARD_ROWS = 20
ACTIVE_DAYS = 7


# --------------------------------------------------------------------------- tags


def add_tags(*, objects: QuerySet, names: list[str]) -> int:
    """Tag every object with each of `names`; return how many objects were tagged."""
    return _retag(objects, lambda tags: tags.add(*names))


def remove_tags(*, objects: QuerySet, names: list[str]) -> int:
    """Remove each of `names` from every object; return how many objects were touched."""
    return _retag(objects, lambda tags: tags.remove(*names))


def _retag(objects: QuerySet, change: Callable) -> int:
    count = 0
    with transaction.atomic():  # all the objects or none
        for obj in objects:
            change(obj.tags)
            count += 1
    return count


# --------------------------------------------------------------------------- publishing


def set_readings_published(*, readings: QuerySet[Reading], published: bool) -> int:
    bump_rows_on_commit(Reading, readings)
    return readings.update(is_published=published)


# --------------------------------------------------------------------------- question order


def _siblings(question: Question) -> QuerySet[Question]:
    """The questions a curator orders together: same reading, same group (None: curated)."""
    return Question.objects.filter(reading_id=question.reading_id, group_id=question.group_id)


def move_question(question: Question, *, up: bool) -> bool:
    """Swap `question` with its neighbour above (or below); False when already at the end.

    Positions of the question's siblings are renumbered 0..n-1 first, so ties from hand
    edits (several questions at position 0) order the same way the reader sees them.
    """
    with transaction.atomic():
        siblings = list(_siblings(question).select_for_update().order_by("position", "pk"))
        index = next(i for i, q in enumerate(siblings) if q.pk == question.pk)
        other = index - 1 if up else index + 1
        if not 0 <= other < len(siblings):
            return False
        siblings[index], siblings[other] = siblings[other], siblings[index]
        renumber(Question, siblings)
    question.position = other
    return True


# --------------------------------------------------------------------------- dashboard


@dataclass
class ActiveDiscussion:
    group_id: int
    group_name: str
    reading_id: int
    reading_number: int
    reading_title: str
    text_title: str
    comments: int


@dataclass
class Dashboard:
    texts_with_warnings: list[Text]
    texts_with_warnings_count: int
    readings_without_questions: list[Reading]
    readings_without_questions_count: int
    open_reports: list | None  # None: the viewer may not see reports
    open_reports_count: int | None
    active_discussions: list[ActiveDiscussion]
    since: datetime


@dataclass
class Activity:
    """What the discussion adds to the dashboard: open reports (None: not for this viewer)
    and the week's busiest discussions."""

    open_reports: list | None = None
    open_reports_count: int | None = None
    active_discussions: list[ActiveDiscussion] = field(default_factory=list)


# A registry of one: the library imports nothing of the apps above it, so the discussion
# registers its part of the dashboard here (discussion/apps.py).
_activity: Callable[..., Activity] | None = None


def register_activity(source: Callable[..., Activity]) -> None:
    """`source(show_reports=, groups=, since=)` returns the dashboard's `Activity`."""
    global _activity
    _activity = source


class PublishRefused(Exception):
    """A group's upload a curator cannot publish; the message is shown as it is."""


@dataclass(frozen=True)
class GroupUploads:
    """What groups adds to the dashboard: texts its groups uploaded that are still private.

    `pending(user)` returns (the first DASHBOARD_ROWS uploads, each with `group_shown`: the
    group's name, or None where this curator could not see the group; how many in all).
    `publish(pk, by=user)` promotes one to the public library and returns its text; it
    raises Http404 for no such upload and PublishRefused for one it will not publish.
    """

    pending: Callable[..., tuple[list, int]]
    publish: Callable[..., Text]


# Registered by groups (groups/apps.py), which the library may not import.
_group_uploads: GroupUploads | None = None


def register_group_uploads(source: GroupUploads) -> None:
    global _group_uploads
    _group_uploads = source


def group_uploads() -> GroupUploads | None:
    """The groups' uploads on the dashboard, or None when no app registered them."""
    return _group_uploads


def readings_without_questions() -> QuerySet[Reading]:
    """Readings with no approved curated question (group questions don't count: only the
    group that wrote them sees them)."""
    curated = Question.objects.filter(
        reading=OuterRef("pk"), group__isnull=True, status=Question.Status.APPROVED
    )
    return Reading.objects.curated().filter(~Exists(curated))


def texts_with_warnings() -> QuerySet[Text]:
    return Text.objects.exclude(warnings=[])


def curator_dashboard(
    *, show_reports: bool, groups: QuerySet | None = None, now: datetime | None = None
) -> Dashboard:
    """What needs a curator's attention, in a constant number of queries.

    `groups`: the groups whose discussions may be listed (`policy.visible_groups` of the
    viewer); None lists all. Reports and discussions come from `register_activity`.
    """
    now = now or timezone.now()
    since = now - timedelta(days=ACTIVE_DAYS)
    warned = texts_with_warnings()
    bare = readings_without_questions()
    activity = (
        _activity(show_reports=show_reports, groups=groups, since=since)
        if _activity is not None
        else Activity()
    )
    return Dashboard(
        texts_with_warnings=list(warned.only("pk", "title", "warnings")[:DASHBOARD_ROWS]),
        texts_with_warnings_count=warned.count(),
        readings_without_questions=list(
            bare.select_related("text").order_by("text__title", "number")[:DASHBOARD_ROWS]
        ),
        readings_without_questions_count=bare.count(),
        open_reports=activity.open_reports,
        open_reports_count=activity.open_reports_count,
        active_discussions=activity.active_discussions,
        since=since,
    )
