"""Per-group comment retention: a facilitator chooses how long the group keeps its comments
on a text after its last week of that text (groups/retention.py has the choices and dates);
`purge_expired` removes the comments whose time has come.

Removal is a hard delete, not tombstones. Account deletion (discussion/deletion.py) leaves
tombstones because other members' replies hang under the erased member's comments; here every
comment of the group on that text goes at once, so there is no thread shape left to keep,
and a tombstone would keep only dates. Reactions, revisions, reports and notifications of
those comments go with them (their foreign keys cascade); moderation log entries keep their
action and reason, their link to the comment cleared.

Both the change of setting and each removal are written to the group's open moderation log.
A removal names no person: the rule acted, not a facilitator.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_tasks import task

from studygroup.accounts.models import User
from studygroup.discussion.models import Comment, ModerationEntry
from studygroup.discussion.services import _after_commit
from studygroup.groups import retention
from studygroup.groups.models import Adoption, ReadingGroup
from studygroup.groups.timeline import Timeline, load_timeline


def describe(days: int | None) -> str:
    return str(dict(retention.CHOICES)[days])


@transaction.atomic
def set_retention(*, actor: User, group: ReadingGroup, days: int | None) -> bool:
    """Change the group's setting and log it; False (and nothing logged) when unchanged."""
    locked = ReadingGroup.objects.select_for_update().get(pk=group.pk)
    if locked.comment_retention_days == days:
        return False
    before = locked.comment_retention_days
    locked.comment_retention_days = group.comment_retention_days = days
    locked.save(update_fields=["comment_retention_days"])
    ModerationEntry.objects.create(
        group=group,
        actor=actor,
        action=ModerationEntry.Action.SET_RETENTION,
        reason=_("Comments on a text: “%(after)s” (was “%(before)s”).")
        % {"after": describe(days), "before": describe(before)},
    )
    return True


@dataclass(frozen=True)
class Notice:
    """What members are told before they post: when this group's comments on this text go."""

    removed_on: date | None  # None: kept
    last_week: date | None

    @property
    def text(self) -> str:
        if self.removed_on is None:
            return _("This group keeps its comments on this text.")
        return _(
            "This group removes its comments on this text on %(date)s, %(days)s days after "
            "its last week of it."
        ) % {
            "date": formats.date_format(self.removed_on, "DATE_FORMAT"),
            "days": (self.removed_on - self.last_week).days,
        }


def notice(group: ReadingGroup, adoption_id: int, timeline: Timeline) -> Notice:
    """The notice for one of the group's adoptions, from a timeline already loaded."""
    last = retention.last_weeks(timeline).get(adoption_id)
    removed_on = retention.removal_dates(group.comment_retention_days, timeline).get(adoption_id)
    return Notice(removed_on=removed_on, last_week=last)


def _remove(group: ReadingGroup, adoption: Adoption, *, removed_on: date, last: date) -> int:
    """Remove the group's comments on one text, all or nothing, and log it; how many."""
    with transaction.atomic():
        # One purge at a time per group: a second run waits, then finds nothing.
        ReadingGroup.objects.select_for_update().filter(pk=group.pk).first()
        comments = Comment.objects.filter(group=group, reading__text_id=adoption.text_id)
        threads = set(comments.values_list("group_id", "reading_id").distinct())
        count = comments.count()
        if not count:
            return 0
        comments.delete()
        ModerationEntry.objects.create(
            group=group,
            actor=None,
            action=ModerationEntry.Action.RETENTION,
            reason=ngettext(
                "%(count)d comment on “%(title)s” removed: the group keeps comments %(days)d "
                "days after its last week of a text (%(last)s).",
                "%(count)d comments on “%(title)s” removed: the group keeps comments %(days)d "
                "days after its last week of a text (%(last)s).",
                count,
            )
            % {
                "count": count,
                "title": adoption.text.title,
                "days": (removed_on - last).days,
                "last": last.isoformat(),
            },
        )
        for thread in threads:  # cached discussion pages are rendered afresh
            _after_commit(thread)
    return count


def purge_expired(*, today: date | None = None) -> int:
    """Remove every group's comments whose retention time has passed; how many were removed.

    Each group's today is its own time zone's. Each text's removal is its own transaction,
    so a failure leaves the others done and re-runs simply find less to do.
    """
    removed = 0
    for group in ReadingGroup.objects.filter(comment_retention_days__isnull=False):
        group_today = today or group.today()
        timeline = load_timeline(group, today=group_today, with_sections=False, with_progress=False)
        last_weeks = retention.last_weeks(timeline)
        due = retention.removal_dates(group.comment_retention_days, timeline)
        for adoption in timeline.adoptions:
            removed_on = due.get(adoption.pk)
            if removed_on is not None and removed_on <= group_today:
                last = last_weeks[adoption.pk]
                removed += _remove(group, adoption, removed_on=removed_on, last=last)
    return removed


@task()
def purge_expired_comments() -> int:
    """The task queue's job, enqueued daily by `manage.py purge_expired_comments`."""
    return purge_expired()
