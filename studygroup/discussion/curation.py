"""The discussion's part of the curator dashboard (library/curation.py): open reports and the
busiest discussions of the week, registered with the library in apps.py so the library
imports nothing of the discussion."""

from __future__ import annotations

from datetime import datetime

from django.db.models import Count, QuerySet

from studygroup.discussion.models import Comment, Report
from studygroup.library.curation import DASHBOARD_ROWS, ActiveDiscussion, Activity


def dashboard_activity(*, show_reports: bool, groups: QuerySet | None, since: datetime) -> Activity:
    """Open reports (only when `show_reports`) and the busiest discussions since `since`, in
    the groups `groups` (None: all); three queries at most, whatever the size."""
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
    return Activity(
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
    )
