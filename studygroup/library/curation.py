"""Curation services behind the admin: tags in bulk, publishing, question order, the dashboard.

Writes are keyword-only functions; the admin's actions and views only call them. The dashboard
is one function returning plain data, built from a fixed number of queries whatever the size
of the library.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import Count, Exists, OuterRef, QuerySet
from django.utils import timezone

from studygroup.discussion.models import Comment, Report
from studygroup.library.models import Question, Reading, Text

DASHBOARD_ROWS = 20
ACTIVE_DAYS = 7


# --------------------------------------------------------------------------- tags


def add_tags(*, objects: QuerySet, names: list[str]) -> int:
    """Tag every object with each of `names`; return how many objects were tagged."""
    count = 0
    with transaction.atomic():
        for obj in objects:
            obj.tags.add(*names)
            count += 1
    return count


def remove_tags(*, objects: QuerySet, names: list[str]) -> int:
    """Remove each of `names` from every object; return how many objects were touched."""
    count = 0
    with transaction.atomic():
        for obj in objects:
            obj.tags.remove(*names)
            count += 1
    return count


# --------------------------------------------------------------------------- publishing


def set_readings_published(*, readings: QuerySet[Reading], published: bool) -> int:
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
        changed = []
        for position, sibling in enumerate(siblings):
            if sibling.position != position:
                sibling.position = position
                changed.append(sibling)
        Question.objects.bulk_update(changed, ["position"])
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

    `groups`: the groups whose discussions may be listed (`ReadingGroup.objects.visible_to`
    the viewer); None lists all.
    """
    now = now or timezone.now()
    since = now - timedelta(days=ACTIVE_DAYS)
    warned = texts_with_warnings()
    bare = readings_without_questions()
    reports = reports_count = None
    if show_reports:
        open_reports = Report.objects.filter(resolved_at__isnull=True)
        reports_count = open_reports.count()
        reports = list(
            open_reports.select_related("comment__group", "comment__reading", "reporter").order_by(
                "-created_at"
            )[:DASHBOARD_ROWS]
        )
    comments = Comment.objects.filter(created_at__gte=since, deleted_at__isnull=True)
    if groups is not None:
        comments = comments.filter(group__in=groups)
    active = (
        comments.values(
            "group_id",
            "group__name",
            "reading_id",
            "reading__number",
            "reading__title",
            "reading__text__title",
        )
        .annotate(comments=Count("pk"))
        .order_by("-comments", "group__name", "reading__number")[:DASHBOARD_ROWS]
    )
    return Dashboard(
        texts_with_warnings=list(warned.only("pk", "title", "warnings")[:DASHBOARD_ROWS]),
        texts_with_warnings_count=warned.count(),
        readings_without_questions=list(
            bare.select_related("text").order_by("text__title", "number")[:DASHBOARD_ROWS]
        ),
        readings_without_questions_count=bare.count(),
        open_reports=reports,
        open_reports_count=reports_count,
        active_discussions=[
            ActiveDiscussion(
                group_id=row["group_id"],
                group_name=row["group__name"],
                reading_id=row["reading_id"],
                reading_number=row["reading__number"],
                reading_title=row["reading__title"],
                text_title=row["reading__text__title"],
                comments=row["comments"],
            )
            for row in active
        ],
        since=since,
    )
