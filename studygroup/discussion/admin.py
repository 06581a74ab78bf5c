"""Discussion in the admin: for site admins, read-mostly.

Moderation belongs to the groups and is logged openly (moderation/); hiding, deleting or
resolving here would skip that log, so comments and the log are read-only in the admin and
reports can only be looked at.
"""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

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
from studygroup.policy import SiteAdminOnly


class ReadOnlyAdmin(SiteAdminOnly, admin.ModelAdmin):
    """Visible to those with the view permission; written only by the app's services."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False


def _short(text: str, n: int = 80) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


@admin.register(Comment)
class CommentAdmin(ReadOnlyAdmin):
    list_display = ["pk", "short_body", "author", "group", "reading", "created_at", "state"]
    list_display_links = ["pk", "short_body"]
    list_filter = [
        "is_hidden",
        "is_locked",
        ("deleted_at", admin.EmptyFieldListFilter),
        ("group", admin.RelatedOnlyFieldListFilter),
    ]
    list_select_related = ["author", "group", "reading"]
    search_fields = ["body", "author__email", "author__display_name", "group__name"]
    date_hierarchy = "created_at"
    ordering = ["-created_at"]

    @admin.display(description=_("comment"))
    def short_body(self, comment: Comment) -> str:
        return "(deleted)" if comment.is_deleted else _short(comment.body)

    @admin.display(description=_("state"))
    def state(self, comment: Comment) -> str:
        flags = [
            name
            for name, on in [
                ("deleted", comment.is_deleted),
                ("hidden", comment.is_hidden),
                ("locked", comment.is_locked),
            ]
            if on
        ]
        return ", ".join(flags) or "—"


@admin.register(CommentRevision)
class CommentRevisionAdmin(ReadOnlyAdmin):
    list_display = ["comment", "group", "short_body", "created_at"]
    list_filter = [("comment__group", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["comment__author", "comment__group"]
    search_fields = ["body", "comment__author__email"]
    date_hierarchy = "created_at"

    @admin.display(description=_("group"))
    def group(self, revision: CommentRevision) -> str:
        return revision.comment.group.name

    @admin.display(description=_("replaced text"))
    def short_body(self, revision: CommentRevision) -> str:
        return _short(revision.body)


@admin.register(Reaction)
class ReactionAdmin(ReadOnlyAdmin):
    list_display = ["kind", "user", "comment", "group"]
    list_filter = ["kind", ("comment__group", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["user", "comment__author", "comment__group"]
    search_fields = ["user__email", "user__display_name"]

    @admin.display(description=_("group"))
    def group(self, reaction: Reaction) -> str:
        return reaction.comment.group.name


@admin.register(ParagraphFlag)
class ParagraphFlagAdmin(ReadOnlyAdmin):
    list_display = ["paragraph", "group", "user", "created_at"]
    list_filter = [("group", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["paragraph", "group", "user"]
    search_fields = ["paragraph__text", "user__email", "group__name"]
    date_hierarchy = "created_at"


@admin.register(Report)
class ReportAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "short_reason", "comment", "group", "reporter", "resolved_at"]
    list_display_links = ["created_at", "short_reason"]
    list_filter = [
        ("resolved_at", admin.EmptyFieldListFilter),
        ("comment__group", admin.RelatedOnlyFieldListFilter),
    ]
    list_select_related = ["comment__author", "comment__group", "reporter", "resolved_by"]
    search_fields = ["reason", "comment__body", "reporter__email"]
    date_hierarchy = "created_at"

    @admin.display(description=_("reason"))
    def short_reason(self, report: Report) -> str:
        return _short(report.reason)

    @admin.display(description=_("group"), ordering="comment__group__name")
    def group(self, report: Report) -> str:
        return report.comment.group.name


@admin.register(ModerationEntry)
class ModerationEntryAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "group", "actor", "action", "subject", "short_reason"]
    list_filter = ["action", ("group", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["group", "actor", "subject"]
    search_fields = ["reason", "actor__email", "group__name"]
    date_hierarchy = "created_at"

    @admin.display(description=_("reason"))
    def short_reason(self, entry: ModerationEntry) -> str:
        return _short(entry.reason)


@admin.register(Notification)
class NotificationAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "recipient", "actor", "kind", "group", "read_at", "emailed_at"]
    list_filter = [
        "kind",
        ("read_at", admin.EmptyFieldListFilter),
        ("emailed_at", admin.EmptyFieldListFilter),
    ]
    list_select_related = ["recipient", "actor", "group"]
    search_fields = ["recipient__email", "actor__email", "group__name"]
    date_hierarchy = "created_at"


@admin.register(QuestionDiscussed)
class QuestionDiscussedAdmin(ReadOnlyAdmin):
    list_display = ["question", "group", "marked_by", "at"]
    list_filter = [("group", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["question", "group", "marked_by"]
    search_fields = ["question__body", "group__name"]
    date_hierarchy = "at"
