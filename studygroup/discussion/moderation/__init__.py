"""Moderation in the open: reports from members, actions by facilitators, a public log.

Every facilitator action is keyword-only, atomic, needs a non-empty reason and writes a
ModerationEntry (who, what, when, why) that every member of the group can read. Reports
are the exception: they reach the facilitators only, so reporting stays safe.

Like every service, these check no permissions (the rule in studygroup/policy.py): the
views ask the policy first (`require(Action.MANAGE)` for facilitator actions,
`require(Action.PARTICIPATE)` for reports) and only then call them.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from studygroup.accounts.models import User
from studygroup.discussion.models import Comment, ModerationEntry, Report
from studygroup.discussion.notifications import (
    notify_comment_hidden,
    notify_comment_reported,
    recount_for_comment_on_commit,
)
from studygroup.discussion.services import bump_version, log_action_on_comment
from studygroup.groups.models import Membership, ReadingGroup
from studygroup.groups.services import GroupError
from studygroup.groups.services import remove_member as remove_membership

REASON_MAX = 1000


def _reason(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(gettext("Give a reason: the group sees it in the moderation log."))
    if len(reason) > REASON_MAX:
        raise ValidationError(
            gettext("Keep the reason under %(max)d characters.") % {"max": REASON_MAX}
        )
    return reason


def _log(
    *,
    actor: User,
    group: ReadingGroup,
    action: str,
    reason: str,
    comment: Comment | None = None,
    subject: User | None = None,
) -> ModerationEntry:
    return ModerationEntry.objects.create(
        group=group, actor=actor, action=action, reason=reason, comment=comment, subject=subject
    )


def _locked(comment: Comment) -> Comment:
    """The comment re-read under a row lock, so two facilitators can't both act on it."""
    return Comment.objects.select_for_update().select_related("group").get(pk=comment.pk)


# --- Reports ------------------------------------------------------------------------


@transaction.atomic
def report_comment(*, reporter: User, comment: Comment, reason: str) -> Report:
    """A member reports a comment to the facilitators; one open report per member each."""
    reason = _reason(reason)
    if comment.is_deleted:
        raise ValidationError(gettext("This comment was deleted."))
    if Report.objects.filter(comment=comment, reporter=reporter, resolved_at__isnull=True).exists():
        raise ValidationError(
            gettext("You already reported this comment; the facilitators will look.")
        )
    report = Report.objects.create(comment=comment, reporter=reporter, reason=reason)
    transaction.on_commit(lambda: notify_comment_reported(report))
    return report


@transaction.atomic
def resolve_report(*, actor: User, report: Report, reason: str) -> Report:
    report = Report.objects.select_for_update().select_related("comment__group").get(pk=report.pk)
    group = report.comment.group
    reason = _reason(reason)
    if report.resolved_at is not None:
        raise ValidationError(gettext("This report was already resolved."))
    report.resolved_at = timezone.now()
    report.resolved_by = actor
    report.save(update_fields=["resolved_at", "resolved_by"])
    _log(
        actor=actor,
        group=group,
        action=ModerationEntry.Action.RESOLVE_REPORT,
        reason=reason,
        comment=report.comment,
    )
    return report


# --- Comments and threads -----------------------------------------------------------


# What each action on a comment sets: the field and its new value.
_SETS = {
    ModerationEntry.Action.HIDE: ("is_hidden", True),
    ModerationEntry.Action.UNHIDE: ("is_hidden", False),
    ModerationEntry.Action.LOCK: ("is_locked", True),
    ModerationEntry.Action.UNLOCK: ("is_locked", False),
}


@transaction.atomic
def act_on_comment(*, actor: User, comment: Comment, reason: str, action: str) -> Comment:
    """Hide or unhide a comment, lock or unlock a thread (`action`, a ModerationEntry.Action).

    Hidden, members see "[hidden by the facilitators: reason]"; facilitators still see it. A
    locked thread (only a top-level comment's) takes no new replies.
    """
    field, value = _SETS[action]
    comment = _locked(comment)
    reason = _reason(reason)
    if field == "is_locked" and comment.parent_id is not None:
        raise ValidationError(gettext("Only a whole thread can be locked: lock its first comment."))
    if getattr(comment, field) == value:
        already = {
            ("is_hidden", True): gettext("This comment is already hidden."),
            ("is_hidden", False): gettext("This comment is not hidden."),
            ("is_locked", True): gettext("This comment is already locked."),
            ("is_locked", False): gettext("This comment is not locked."),
        }[field, value]
        raise ValidationError(already)
    setattr(comment, field, value)
    comment.save(update_fields=[field])
    # Open pages poll the thread's version: tell them it changed, once the change is real.
    ids = {"group_id": comment.group_id, "reading_id": comment.reading_id}
    transaction.on_commit(lambda: bump_version(**ids))
    if field == "is_hidden":
        recount_for_comment_on_commit(comment)
    # Hiding or locking settles what the reports asked for, as deleting does.
    entry = log_action_on_comment(
        actor=actor, comment=comment, action=action, reason=reason, settles_reports=value
    )
    if action == ModerationEntry.Action.HIDE:
        transaction.on_commit(lambda: notify_comment_hidden(entry))
    return comment


# The actions by name, as the URLs and the callers say them: keyword-only, like the rest.
hide_comment = partial(act_on_comment, action=ModerationEntry.Action.HIDE)
unhide_comment = partial(act_on_comment, action=ModerationEntry.Action.UNHIDE)
lock_thread = partial(act_on_comment, action=ModerationEntry.Action.LOCK)
unlock_thread = partial(act_on_comment, action=ModerationEntry.Action.UNLOCK)

ACTIONS = {
    "hide": hide_comment,
    "unhide": unhide_comment,
    "lock": lock_thread,
    "unlock": unlock_thread,
}


# --- Members ------------------------------------------------------------------------


@transaction.atomic
def remove_member(*, actor: User, group: ReadingGroup, user: User, reason: str) -> None:
    """Remove a member from the group, in the open; never the last facilitator."""
    reason = _reason(reason)
    membership = Membership.objects.select_related("group").filter(group=group, user=user).first()
    if membership is None:
        raise ValidationError(
            gettext("%(name)s is not a member of this group.") % {"name": user.name}
        )
    try:
        remove_membership(membership=membership)
    except GroupError as error:
        raise ValidationError(str(error)) from error
    _log(
        actor=actor,
        group=group,
        action=ModerationEntry.Action.REMOVE_MEMBER,
        reason=reason,
        subject=user,
    )


# --- Reading ------------------------------------------------------------------------


def hidden_reasons(comments: Iterable[Comment]) -> dict[int, str]:
    """For hidden comments, the reason of their latest hiding, in one query."""
    ids = [c.pk for c in comments if c.is_hidden]
    if not ids:
        return {}
    reasons: dict[int, str] = {}
    entries = (
        ModerationEntry.objects.filter(comment_id__in=ids, action=ModerationEntry.Action.HIDE)
        .order_by("comment_id", "-created_at", "-pk")
        .values_list("comment_id", "reason")
    )
    for comment_id, reason in entries:
        reasons.setdefault(comment_id, reason)
    return reasons
