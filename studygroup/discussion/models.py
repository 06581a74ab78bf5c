"""Discussion: per group and per weekly reading, threaded, open about moderation.

A comment's `path` (its ancestors' ids, zero-padded) orders a whole thread from one query.
Deleted comments stay as tombstones so replies keep their place; their text is erased.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Comment(models.Model):
    group = models.ForeignKey(
        "groups.ReadingGroup", on_delete=models.CASCADE, related_name="comments"
    )
    reading = models.ForeignKey(
        "library.Reading", on_delete=models.PROTECT, related_name="comments"
    )
    question = models.ForeignKey(
        "library.Question",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="comments",
    )
    # A paragraph anchor falls back to its section when a curator deletes the paragraph.
    section = models.ForeignKey(
        "library.Section", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    paragraph = models.ForeignKey(
        "library.Paragraph",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="comments",
    )
    quote = models.TextField(blank=True, help_text="The passage selected when commenting.")
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="replies"
    )
    path = models.CharField(max_length=2000, db_index=True, editable=False)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="comments"
    )
    body = models.TextField(blank=True)
    html = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    edited_at = models.DateTimeField(null=True, blank=True)
    deleted_at = models.DateTimeField(null=True, blank=True)
    is_hidden = models.BooleanField(default=False)
    is_locked = models.BooleanField(default=False, help_text="Locked threads take no replies.")
    # Set by the form; a second submit of the same form finds the first comment.
    client_token = models.CharField(max_length=64, blank=True)

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["path"]
        indexes = [models.Index(fields=["group", "reading", "path"])]
        constraints = [
            models.UniqueConstraint(
                fields=["author", "client_token"],
                condition=~Q(client_token=""),
                name="one_comment_per_form_submission",
            )
        ]

    def __str__(self) -> str:
        return f"Comment {self.pk} by {self.author}"

    @property
    def is_deleted(self) -> bool:
        return self.deleted_at is not None

    @property
    def depth(self) -> int:
        return self.path.count("/") + 1

    @property
    def anchor(self) -> str:
        return f"c-{self.pk}"


class CommentRevision(models.Model):
    """Every edit keeps the text it replaced: anyone who sees the comment sees its history."""

    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="revisions")
    body = models.TextField()
    html = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("comment revision")
        verbose_name_plural = _("comment revisions")
        ordering = ["comment", "created_at"]

    def __str__(self) -> str:
        return f"Revision of comment {self.comment_id} at {self.created_at:%Y-%m-%d %H:%M}"


class Reaction(models.Model):
    class Kind(models.TextChoices):
        AGREE = "agree", _("Agree")
        INSIGHTFUL = "insightful", _("Insightful")
        CONFUSED = "confused", _("Confused")

    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="reactions")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=12, choices=Kind.choices)

    class Meta:
        verbose_name = _("reaction")
        verbose_name_plural = _("reactions")
        constraints = [
            models.UniqueConstraint(fields=["comment", "user", "kind"], name="one_reaction_each")
        ]

    def __str__(self) -> str:
        return f"{self.kind} on comment {self.comment_id}"


class ParagraphFlag(models.Model):
    """A member marks a paragraph "confusing" for their group's week."""

    group = models.ForeignKey("groups.ReadingGroup", on_delete=models.CASCADE, related_name="+")
    paragraph = models.ForeignKey(
        "library.Paragraph", on_delete=models.CASCADE, related_name="flags"
    )
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("paragraph flag")
        verbose_name_plural = _("paragraph flags")
        constraints = [
            models.UniqueConstraint(
                fields=["group", "paragraph", "user"], name="one_confusing_flag_each"
            )
        ]

    def __str__(self) -> str:
        return f"Paragraph {self.paragraph_id} is confusing"


class Report(models.Model):
    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="reports")
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    reason = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Report on comment {self.comment_id}: {self.reason[:40]}"


class ModerationEntry(models.Model):
    """The open moderation log: who did what, when and why. Every member can read it."""

    class Action(models.TextChoices):
        HIDE = "hide", _("hid a comment")
        UNHIDE = "unhide", _("unhid a comment")
        LOCK = "lock", _("locked a thread")
        UNLOCK = "unlock", _("unlocked a thread")
        DELETE = "delete", _("deleted a comment")
        REMOVE_MEMBER = "remove_member", _("removed a member")
        RESOLVE_REPORT = "resolve_report", _("resolved a report")
        EDIT_QUESTION = "edit_question", _("edited a member's question")
        DELETE_QUESTION = "delete_question", _("deleted a member's question")
        SET_RETENTION = "set_retention", _("changed how long comments are kept")
        RETENTION = "retention", _("removed comments past the group's keeping time")

    group = models.ForeignKey(
        "groups.ReadingGroup", on_delete=models.CASCADE, related_name="moderation_log"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    action = models.CharField(max_length=16, choices=Action.choices)
    comment = models.ForeignKey(
        Comment, null=True, blank=True, on_delete=models.SET_NULL, related_name="moderation"
    )
    subject = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The member acted upon (for removals).",
    )
    reason = models.TextField()
    # A question has no page of its own to link to (and may be gone): its words are kept.
    detail = models.TextField(
        blank=True, help_text="What was changed, such as a question's words before and after."
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("moderation entry")
        ordering = ["-created_at"]
        verbose_name_plural = _("moderation entries")

    def __str__(self) -> str:
        return f"{self.actor} {self.get_action_display()}: {self.reason[:40]}"


class Notification(models.Model):
    class Kind(models.TextChoices):
        REPLY = "reply", _("replied to your comment")
        MENTION = "mention", _("mentioned you")
        QUESTION = "question", _("asked a new question")
        JOIN_REQUEST = "request", _("wants to join")
        JOIN_APPROVED = "approved", _("approved your request to join")
        JOIN_DECLINED = "declined", _("declined your request to join")
        REPORT = "report", _("reported a comment")
        HIDDEN = "hidden", _("hid your comment")
        VOTE_OPENED = "vote_open", _("opened a vote on the next text")
        VOTE_CLOSED = "vote_done", _("closed the vote on the next text")
        MEETING = "meeting", _("meeting tomorrow")

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(max_length=10, choices=Kind.choices)
    group = models.ForeignKey("groups.ReadingGroup", on_delete=models.CASCADE, related_name="+")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    comment = models.ForeignKey(Comment, null=True, blank=True, on_delete=models.CASCADE)
    question = models.ForeignKey(
        "library.Question", null=True, blank=True, on_delete=models.CASCADE
    )
    url = models.CharField(max_length=500)
    # Why it happened, when someone gave a reason (a report's, a hiding's).
    detail = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["recipient", "read_at"])]

    def __str__(self) -> str:
        return f"{self.actor} {self.get_kind_display()}"


class QuestionDiscussed(models.Model):
    """A facilitator marks a question "discussed at the meeting" for their group."""

    group = models.ForeignKey("groups.ReadingGroup", on_delete=models.CASCADE, related_name="+")
    question = models.ForeignKey(
        "library.Question", on_delete=models.CASCADE, related_name="discussed"
    )
    marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("question discussed")
        verbose_name_plural = _("questions discussed")
        constraints = [
            models.UniqueConstraint(fields=["group", "question"], name="one_discussed_mark")
        ]

    def __str__(self) -> str:
        return f"Question {self.question_id} discussed in group {self.group_id}"
