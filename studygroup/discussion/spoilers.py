"""No spoilers in what points at comments: notifications (the list, emails, digests).

Which weeks are folded away for whom is decided in `groups.spoilers`; here the notifications
learn it, so the list and the emails say "a new comment on week 5, which you haven't
finished" instead of quoting it.
"""

from __future__ import annotations

from collections.abc import Sequence

from studygroup.discussion.models import Notification
from studygroup.groups import spoilers


def _comment_reading_id(notification: Notification) -> int | None:
    """Annotate `comment_reading_id` (or select `comment`) to save a query per row."""
    if notification.comment_id is None:
        return None
    if hasattr(notification, "comment_reading_id"):
        return notification.comment_reading_id
    return notification.comment.reading_id


def mark_notifications(user, notifications: Sequence[Notification]) -> None:
    """Set `spoiler_week` on each notification: the week's number when it is about a comment
    on a week `user` has not reached (`groups.spoilers`), else None.

    No query when the user turned the setting off or no notification is about a comment;
    otherwise three, whatever the number of notifications.
    """
    for notification in notifications:
        notification.spoiler_week = None
    about = [n for n in notifications if n.comment_id is not None]
    if not about or not spoilers.applies(user):
        return
    guard = spoilers.guard(user, {n.group_id for n in about})
    for notification in about:
        reading_id = _comment_reading_id(notification)
        if reading_id is not None:
            notification.spoiler_week = guard.closed_week(notification.group_id, reading_id)
