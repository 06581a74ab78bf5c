"""The discussion's part of "Download my data" (studygroup/accounts/data_export.py)."""

from __future__ import annotations

from collections import defaultdict

from django.db.models import Q
from django.utils.translation import gettext as _

from studygroup.accounts.data_export import Part, register, rows
from studygroup.discussion.models import (
    Comment,
    CommentRevision,
    ModerationEntry,
    Notification,
    ParagraphFlag,
    QuestionDiscussed,
    Reaction,
    Report,
)


def _comments(user) -> list[dict]:
    """Two queries: the comments, then all their revisions."""
    comments = rows(
        Comment.objects.filter(author=user).order_by("created_at", "pk"),
        "id",
        "parent_id",
        "group__name",
        "reading__number",
        "reading__title",
        "quote",
        "body",
        "created_at",
        "edited_at",
        "deleted_at",
        "is_hidden",
    )
    revisions = defaultdict(list)
    for revision in rows(
        CommentRevision.objects.filter(comment__author=user).order_by("created_at", "pk"),
        "comment_id",
        "body",
        "created_at",
    ):
        revisions[revision.pop("comment_id")].append(revision)
    for comment in comments:
        comment["earlier_versions"] = revisions.get(comment["id"], [])
    return comments


def _activity(user) -> dict:
    return {
        "reactions": rows(Reaction.objects.filter(user=user).order_by("pk"), "comment_id", "kind"),
        "paragraph_flags": rows(
            ParagraphFlag.objects.filter(user=user).order_by("created_at"),
            "group__name",
            "paragraph_id",
            "created_at",
        ),
        "reports_you_made": rows(
            Report.objects.filter(reporter=user).order_by("created_at"),
            "comment_id",
            "reason",
            "created_at",
            "resolved_at",
        ),
        "reports_you_resolved": rows(
            Report.objects.filter(resolved_by=user).order_by("resolved_at"),
            "comment_id",
            "resolved_at",
        ),
        "questions_marked_discussed": rows(
            QuestionDiscussed.objects.filter(marked_by=user).order_by("at"),
            "group__name",
            "question__body",
            "at",
        ),
    }


def _moderation(user) -> list[dict]:
    return rows(
        ModerationEntry.objects.filter(Q(actor=user) | Q(subject=user)).order_by("created_at"),
        "group__name",
        "action",
        "comment_id",
        "reason",
        "created_at",
    )


def _notifications(user) -> list[dict]:
    return rows(
        Notification.objects.filter(recipient=user).order_by("created_at"),
        "kind",
        "group__name",
        "actor__display_name",
        "url",
        "detail",
        "created_at",
        "read_at",
        "emailed_at",
    )


def register_parts() -> None:
    register(
        Part(
            name="comments",
            about=lambda: _(
                "Your comments and replies, each with its earlier versions when you edited it."
            ),
            covers=("discussion.Comment.author",),
            build=_comments,
        )
    )
    register(
        Part(
            name="activity",
            about=lambda: _(
                "Your reactions to comments, paragraphs you flagged, reports you made or "
                "resolved, and questions you marked as discussed."
            ),
            covers=(
                "discussion.Reaction.user",
                "discussion.ParagraphFlag.user",
                "discussion.Report.reporter",
                "discussion.Report.resolved_by",
                "discussion.QuestionDiscussed.marked_by",
            ),
            build=_activity,
        )
    )
    register(
        Part(
            name="moderation",
            about=lambda: _(
                "Moderation actions you took as a facilitator, and those taken about you."
            ),
            covers=("discussion.ModerationEntry.actor", "discussion.ModerationEntry.subject"),
            build=_moderation,
        )
    )
    register(
        Part(
            name="notifications",
            about=lambda: _("The notifications sent to you, read or not."),
            covers=("discussion.Notification.recipient",),
            build=_notifications,
        )
    )
