"""The discussion's eraser for "Delete my account" (studygroup/accounts/deletion.py).

The member's comments stay (the user link goes: "a former member") or become tombstones, as
they chose; their revisions go either way. Other people's words that name them (mentions,
notification details, report reasons, the moderation log's reasons) are rewritten. The
moderation log keeps each action: its actor and subject links are cleared with the user row.
"""

from __future__ import annotations

from django.utils import timezone

from studygroup.accounts.deletion import Identity
from studygroup.discussion import notifications
from studygroup.discussion.models import (
    Comment,
    CommentRevision,
    ModerationEntry,
    Notification,
    Reaction,
    Report,
)
from studygroup.discussion.services import _after_commit


def erase(identity: Identity, keep_comments: bool) -> None:
    own = Comment.objects.filter(author=identity.user)
    threads = set(own.values_list("group_id", "reading_id"))
    CommentRevision.objects.filter(comment__author=identity.user).delete()
    if not keep_comments:
        live = own.filter(deleted_at__isnull=True)
        # As a deletion by the author does (services.delete_comment): the badges of the
        # notifications about these comments are recounted, their reactions go.
        unread = Notification.objects.filter(comment__in=live, read_at__isnull=True)
        notifications.store_unread_on_commit(unread.values_list("recipient_id", flat=True))
        Reaction.objects.filter(comment__in=live).delete()
        live.update(body="", html="", quote="", deleted_at=timezone.now())
    mentioning = identity.scrub_rows(Comment, ["body", "html", "quote"])
    threads |= {(comment.group_id, comment.reading_id) for comment in mentioning}
    identity.scrub_rows(CommentRevision, ["body", "html"])
    identity.scrub_rows(Notification, ["detail"])
    identity.scrub_rows(ModerationEntry, ["reason", "detail"])
    identity.scrub_rows(Report, ["reason"])
    for thread in threads:  # cached discussion pages and fragments are rendered afresh
        _after_commit(thread)
