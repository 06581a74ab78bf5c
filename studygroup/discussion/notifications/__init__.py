"""Notifications: who hears about a new comment or question, in the app and by email.

`notify_comment_posted` and `notify_question_added` are called by the services that save
comments and questions. They write Notification rows in one bulk insert and, for recipients
who want email right away, enqueue `send_notification_email` on the task queue: no email is
ever sent inside a request. Callers run them inside the transaction that saves the comment
or question, so the notifications and their email tasks commit with it or not at all: a
rolled-back write notifies nobody, and a process that dies after the commit loses none.
Daily-digest readers get theirs from `manage.py send_digests`.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cached_property

from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from django.db import transaction
from django.db.models import F, Q
from django.db.models.functions import Lower
from django.http import HttpRequest
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from studygroup import policy
from studygroup.accounts.handles import users_by_old_handle
from studygroup.accounts.models import EmailFrequency, User
from studygroup.discussion.models import Comment, ModerationEntry, Notification, Report
from studygroup.discussion.rendering import find_mentions
from studygroup.discussion.tasks import send_notification_email
from studygroup.groups.models import (
    Adoption,
    JoinRequest,
    Membership,
    ReadingGroup,
    Vote,
)
from studygroup.library.models import Question, Reading
from studygroup.library.readings import curated_homes

# --- URLs -------------------------------------------------------------------------


def reading_url(group: ReadingGroup, reading: Reading) -> str:
    """The group's page for a weekly reading (the discussion views' `page_url`).

    Reads `reading.text.slug`: select the text with the reading to save a query.
    """
    return reverse(
        "discussion:reading_in_text",
        kwargs={"slug": group.slug, "text": reading.text.slug, "number": reading.number},
    )


def comment_url(comment: Comment) -> str:
    """The comment's anchor on its reading page (select `reading__text` and `group`)."""
    return f"{reading_url(comment.group, comment.reading)}#{comment.anchor}"


# --- Creating notifications -------------------------------------------------------


def _create(rows: list[Notification]) -> list[Notification]:
    """Insert the notifications at once; enqueue an email for those who want it now."""
    if not rows:
        return []
    created = Notification.objects.bulk_create(rows)
    immediate = set(
        User.objects.filter(
            pk__in={n.recipient_id for n in created},
            email_notifications=EmailFrequency.IMMEDIATE,
        ).values_list("pk", flat=True)
    )
    for notification in created:
        if notification.recipient_id in immediate:
            send_notification_email.enqueue(notification_id=notification.pk)
    store_unread_on_commit(n.recipient_id for n in created)
    return created


def notify_comment_posted(comment: Comment) -> None:
    """Tell the parent's author about a reply and each mentioned member about a mention.

    Nobody hears twice about one comment (a reply that also mentions its parent's author is
    a reply), the author never hears about their own comment, and nobody hears about a group
    they cannot see.
    """
    group = comment.group
    author_id = comment.author_id
    reading = Reading.objects.select_related("text").get(pk=comment.reading_id)
    kinds: dict[int, str] = {}

    parent = comment.parent
    if parent is not None and parent.author_id and not parent.is_deleted:
        kinds[parent.author_id] = Notification.Kind.REPLY

    handles = find_mentions(comment.body)
    if handles:
        # A handle someone gave up is still theirs (nobody else can take it): it means them.
        mentioned = (
            User.objects.annotate(handle=Lower("username"))
            .filter(
                Q(handle__in=handles) | Q(pk__in=users_by_old_handle(handles)),
                memberships__group=group,
            )
            .values_list("pk", flat=True)
            .distinct()
        )
        for pk in mentioned:
            kinds.setdefault(pk, Notification.Kind.MENTION)

    kinds.pop(author_id, None)
    allowed = policy.who_may_see_group(group, kinds)
    url = f"{reading_url(group, reading)}#{comment.anchor}"
    _create(
        [
            Notification(
                recipient_id=pk,
                kind=kind,
                group=group,
                actor_id=author_id,
                comment=comment,
                url=url,
            )
            for pk, kind in kinds.items()
            if pk in allowed
        ]
    )


def notify_question_added(question: Question) -> None:
    """Tell the members who will discuss a newly approved question, except its author.

    A group's own question goes to that group; a curated one (no group) to every group that
    adopted the reading's text. Someone in several such groups hears once, from the first.
    """
    if question.status != Question.Status.APPROVED:
        return
    if question.group_id is not None:
        group_ids = [question.group_id]
    else:
        group_ids = list(
            Adoption.objects.filter(text__readings=question.reading_id)
            .order_by("group_id")
            .values_list("group_id", flat=True)
        )
    if not group_ids:
        return
    reading = Reading.objects.select_related("text").get(pk=question.reading_id)
    # Each group reads a curated question in its own week (readings.curated_homes).
    weeks: dict[int, Reading] = {}
    if reading.adoption_id is None:
        by_group: dict[int, list[Reading]] = {}
        for group_week in (
            Reading.objects.of_groups(group_ids)
            .filter(text_id=reading.text_id)
            .annotate(group_pk=F("adoption__group_id"))
            .order_by("number")
        ):
            group_week.text = reading.text
            by_group.setdefault(group_week.group_pk, []).append(group_week)
        weeks = {
            group_id: curated_homes(group_weeks).get(reading.pk, reading)
            for group_id, group_weeks in by_group.items()
        }
    groups = ReadingGroup.objects.in_bulk(group_ids)
    seen: set[int] = set()
    rows: list[Notification] = []
    members = (
        Membership.objects.filter(group_id__in=group_ids)
        .exclude(user_id=question.proposed_by_id)
        .order_by("group_id", "pk")
        .values_list("group_id", "user_id")
    )
    for group_id, user_id in members:
        if user_id in seen:
            continue
        seen.add(user_id)
        group = groups[group_id]
        rows.append(
            Notification(
                recipient_id=user_id,
                kind=Notification.Kind.QUESTION,
                group=group,
                actor_id=question.proposed_by_id,
                question=question,
                url=f"{reading_url(group, weeks.get(group_id, reading))}#q-{question.pk}",
            )
        )
    _create(rows)


# --- Group life: join requests, reports, moderation ---------------------------------


def _facilitator_ids(group: ReadingGroup, *, exclude: int | None = None) -> list[int]:
    return list(policy.moderators(group).exclude(user_id=exclude).values_list("user_id", flat=True))


def notify_join_requested(join_request: JoinRequest) -> None:
    """Tell the group's facilitators that someone asks to join, with a link to decide."""
    group = join_request.group
    url = reverse("groups:requests", kwargs={"slug": group.slug})
    _create(
        [
            Notification(
                recipient_id=pk,
                kind=Notification.Kind.JOIN_REQUEST,
                group=group,
                actor_id=join_request.user_id,
                url=url,
                detail=join_request.message,
            )
            for pk in _facilitator_ids(group, exclude=join_request.user_id)
        ]
    )


def on_join_requested(sender, *, join_request: JoinRequest, **kwargs) -> None:
    """Receiver of `groups.signals.join_requested` (connected in discussion/apps.py)."""
    notify_join_requested(join_request)


def on_join_decided(sender, *, join_request: JoinRequest, **kwargs) -> None:
    """Receiver of `groups.signals.join_decided` (connected in discussion/apps.py)."""
    notify_join_decided(join_request)


def notify_join_decided(join_request: JoinRequest) -> None:
    """Tell the requester the facilitators' answer: welcome in, or declined."""
    approved = join_request.status == JoinRequest.Status.APPROVED
    group = join_request.group
    _create(
        [
            Notification(
                recipient_id=join_request.user_id,
                kind=Notification.Kind.JOIN_APPROVED
                if approved
                else Notification.Kind.JOIN_DECLINED,
                group=group,
                actor_id=join_request.decided_by_id,
                url=group.get_absolute_url(),
            )
        ]
    )


def notify_comment_reported(report: Report) -> None:
    """Tell the group's facilitators about a report, linking to where they act on it.

    Reports stay between the reporter and the facilitators: nobody else hears.
    """
    comment = report.comment
    group = comment.group
    url = reverse("moderation:comment", kwargs={"slug": group.slug, "pk": comment.pk})
    _create(
        [
            Notification(
                recipient_id=pk,
                kind=Notification.Kind.REPORT,
                group=group,
                actor_id=report.reporter_id,
                comment=comment,
                url=url,
                detail=report.reason,
            )
            for pk in _facilitator_ids(group, exclude=report.reporter_id)
        ]
    )


def notify_comment_hidden(entry: ModerationEntry) -> None:
    """Tell a hidden comment's author who hid it and why, linking to the moderation log.

    The notification names no comment: the author's hidden text stays on the site, and the
    email carries only the reason the whole group can read in the log anyway.
    """
    comment = entry.comment
    if comment is None or comment.author_id is None or comment.author_id == entry.actor_id:
        return
    group = entry.group
    log = reverse("moderation:log", kwargs={"slug": group.slug})
    _create(
        [
            Notification(
                recipient_id=comment.author_id,
                kind=Notification.Kind.HIDDEN,
                group=group,
                actor_id=entry.actor_id,
                url=f"{log}#entry-{entry.pk}",
                detail=entry.reason,
            )
        ]
    )


# --- Choosing the next text together ---------------------------------------------


def _tell_members(
    vote: Vote, *, kind: str, actor_id: int | None, detail: str, exclude: int | None
) -> None:
    """One notification of `vote` to each member of its group but `exclude`."""
    _create(
        [
            Notification(
                recipient_id=pk,
                kind=kind,
                group=vote.group,
                actor_id=actor_id,
                url=vote.get_absolute_url(),
                detail=detail,
            )
            for pk in Membership.objects.filter(group=vote.group)
            .exclude(user_id=exclude)
            .values_list("user_id", flat=True)
        ]
    )


def notify_vote_opened(vote: Vote) -> None:
    """Tell every member but the opener that a vote is open, and until when."""
    group = vote.group
    closes = date_format(vote.closes_at.astimezone(group.tz), "DATETIME_FORMAT")
    detail = _("Rank the candidates by %(closes)s (%(zone)s).") % {
        "closes": closes,
        "zone": group.timezone,
    }
    opener = vote.opened_by_id
    _tell_members(
        vote, kind=Notification.Kind.VOTE_OPENED, actor_id=opener, detail=detail, exclude=opener
    )


def notify_vote_closed(vote: Vote, *, outcome: str) -> None:
    """Tell the members the result (`outcome`, one sentence) of a vote that closed: all of
    them when it closed at its time (shown as the opener's act, who set that time), all but
    the facilitator who closed it early otherwise."""
    if vote.closed_by_id is None:
        actor_id, exclude = vote.opened_by_id, None
    else:
        actor_id = exclude = vote.closed_by_id
    _tell_members(
        vote, kind=Notification.Kind.VOTE_CLOSED, actor_id=actor_id, detail=outcome, exclude=exclude
    )


# --- Reading them -----------------------------------------------------------------

# The header badge is on every page: its count lives in the shared cache, stored by the
# writes that change it (notifications created or read), so a page view reads it with no
# query and never writes. A miss (evicted, expired, or a user never notified) counts in the
# database without storing. The timeout heals what the writes here do not see (cascades).
UNREAD_TIMEOUT = 3600


def unread_key(user_id: int) -> str:
    return f"notifications:unread:{user_id}"


def _count_unread(user: User) -> int:
    """Unread among what the list shows (`policy.readable_notifications`): the badge and the
    list agree, so a notification of a comment deleted or hidden since counts in neither."""
    return policy.readable_notifications(user).filter(read_at__isnull=True).count()


def unread_count(user: User, *, cached: int | None = None, looked_up: bool = False) -> int:
    """The user's unread notifications; `cached` is a value already read from the cache, and
    `looked_up` says the cache was read already (with other keys) and held none: it is not
    asked again."""
    if cached is None and not looked_up:
        cached = cache.get(unread_key(user.pk))
    return cached if cached is not None else _count_unread(user)


def store_unread(user_ids: Iterable[int]) -> None:
    """Recount the users' unread notifications into the cache. Call after the write committed."""
    ids = set(user_ids)
    if not ids:
        return
    counts = {user.pk: _count_unread(user) for user in User.objects.filter(pk__in=ids)}
    cache.set_many({unread_key(pk): counts.get(pk, 0) for pk in ids}, timeout=UNREAD_TIMEOUT)


def store_unread_on_commit(user_ids: Iterable[int]) -> None:
    ids = set(user_ids)
    transaction.on_commit(lambda: store_unread(ids))


def recount_for_comment_on_commit(comment: Comment) -> None:
    """A comment was deleted or hidden: its notifications may have dropped out of their
    readers' lists, so their badges are recounted (the list and the badge must agree)."""
    recipients = Notification.objects.filter(comment=comment, read_at__isnull=True)
    store_unread_on_commit(recipients.values_list("recipient_id", flat=True))


class NotificationBadge:
    """The header's unread count, looked up on first use (see `unread_count`)."""

    def __init__(self, user, *, cached: int | None = None, looked_up: bool = False) -> None:
        self._user = user
        self._cached = cached
        self._looked_up = looked_up

    @cached_property
    def unread(self) -> int:
        if not self._user.is_authenticated:
            return 0
        return unread_count(self._user, cached=self._cached, looked_up=self._looked_up)


def badge(request: HttpRequest) -> dict[str, NotificationBadge]:
    """Context processor: `notification_badge.unread` for the header bell.

    A view that already read the count from the cache (with other keys, in one round trip)
    leaves it on `request.unread_notifications`, and sets `request.unread_looked_up` (then a
    count the cache did not hold is counted without asking the cache again).
    """
    cached = getattr(request, "unread_notifications", None)
    looked_up = getattr(request, "unread_looked_up", False)
    # Error pages (a bad Host header, say) render before AuthenticationMiddleware has run.
    user = getattr(request, "user", None) or AnonymousUser()
    return {"notification_badge": NotificationBadge(user, cached=cached, looked_up=looked_up)}
