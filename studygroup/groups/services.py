"""Writes to groups: keyword-only, typed, each one atomic.

Like every service, these check no permissions: callers ask studygroup/policy.py first. They
enforce the rules that hold whoever calls them: a group keeps at least one facilitator, invitations
respect expiry, revocation and their use limit, and the schedule never loses a reading or
puts two on one date.
"""

from __future__ import annotations

from contextlib import contextmanager
from datetime import date, time, timedelta

from django.db import IntegrityError, transaction
from django.db.models import F, Max
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import slugify
from django.utils.translation import gettext as _

from studygroup.accounts.models import User
from studygroup.cache import bump_rows_on_commit
from studygroup.groups import schedule, signals
from studygroup.groups.models import (
    Adoption,
    Invitation,
    JoinRequest,
    Membership,
    Progress,
    ReadingGroup,
    Role,
    new_token,
)
from studygroup.groups.tasks import send_invitation_email
from studygroup.library.models import Reading, Text
from studygroup.library.readings import ReadingError, copy_curated_readings, generate_readings

DEFAULT_INVITATION_DAYS = 14
DEFAULT_MINUTES_PER_WEEK = 60


class GroupError(ValueError):
    """A change that breaks a group rule; the message is shown to the user."""


# --- Groups -----------------------------------------------------------------


RESERVED_SLUGS = {"new", "join"}  # taken by URLs under /groups/


def unique_group_slug(name: str, *, exclude_pk: int | None = None) -> str:
    base = slugify(name)[:100] or "group"
    slug, n = base, 1
    while (
        slug in RESERVED_SLUGS
        or ReadingGroup.objects.filter(slug=slug).exclude(pk=exclude_pk).exists()
    ):
        n += 1
        slug = f"{base}-{n}"
    return slug


@transaction.atomic
def create_group(
    *,
    creator: User,
    name: str,
    description: str = "",
    is_public: bool = False,
    timezone_name: str = "UTC",
    meeting_weekday: int = 1,
    meeting_time: time = time(19, 0),
    meeting_minutes: int = 90,
    location: str = "",
    video_url: str = "",
) -> ReadingGroup:
    """Create a group; its creator becomes its first facilitator."""
    group = ReadingGroup.objects.create(
        name=name.strip(),
        slug=unique_group_slug(name),
        description=description,
        is_public=is_public,
        timezone=timezone_name,
        meeting_weekday=meeting_weekday,
        meeting_time=meeting_time,
        meeting_minutes=meeting_minutes,
        location=location,
        video_url=video_url,
    )
    Membership.objects.create(group=group, user=creator, role=Role.FACILITATOR)
    return group


# What a facilitator may change about a group, in the order the settings form shows it.
UPDATABLE_FIELDS = (
    "name",
    "description",
    "is_public",
    "timezone",
    "meeting_weekday",
    "meeting_time",
    "meeting_minutes",
    "location",
    "video_url",
)


@transaction.atomic
def update_group(*, group: ReadingGroup, **changes: object) -> ReadingGroup:
    unknown = set(changes).difference(UPDATABLE_FIELDS)
    if unknown:
        raise TypeError(f"cannot update {sorted(unknown)}")
    for name, value in changes.items():
        setattr(group, name, value)
    group.full_clean(exclude=["slug"])
    group.save(update_fields=[*changes])
    return group


@transaction.atomic
def reset_feed_token(*, membership: Membership) -> str:
    """A new secret calendar and feed URL for one member; their old one stops working at once."""
    membership.feed_token = new_token()
    membership.save(update_fields=["feed_token"])
    return membership.feed_token


# --- Members ----------------------------------------------------------------


def _lock_facilitators(group: ReadingGroup) -> list[int]:
    """Facilitator membership ids, locked so two demotions can't both pass the check."""
    return list(
        Membership.objects.select_for_update()
        .filter(group=group, role=Role.FACILITATOR)
        .values_list("pk", flat=True)
    )


def _ensure_facilitator_remains(membership: Membership) -> None:
    facilitators = _lock_facilitators(membership.group)
    if facilitators == [membership.pk]:
        raise GroupError(
            _("A group needs at least one facilitator. Make someone else a facilitator first.")
        )


@transaction.atomic
def add_member(*, group: ReadingGroup, user: User, role: str = Role.MEMBER) -> Membership:
    """Add the user, or return their existing membership unchanged."""
    membership, _ = Membership.objects.get_or_create(
        group=group, user=user, defaults={"role": role}
    )
    pending = JoinRequest.objects.filter(group=group, user=user, status=JoinRequest.Status.PENDING)
    bump_rows_on_commit(JoinRequest, pending)
    pending.update(status=JoinRequest.Status.APPROVED, decided_at=timezone.now())
    return membership


@transaction.atomic
def set_role(*, membership: Membership, role: str) -> Membership:
    if role not in Role.values:
        raise GroupError(_("Unknown role %(role)s.") % {"role": repr(role)})
    if membership.role == Role.FACILITATOR and role != Role.FACILITATOR:
        _ensure_facilitator_remains(membership)
    membership.role = role
    membership.save(update_fields=["role"])
    return membership


@transaction.atomic
def remove_member(*, membership: Membership) -> None:
    """Remove a member (or let them leave); the last facilitator cannot go."""
    if membership.role == Role.FACILITATOR:
        _ensure_facilitator_remains(membership)
    membership.delete()


def leave_group(*, group: ReadingGroup, user: User) -> None:
    membership = Membership.objects.filter(group=group, user=user).select_related("group").first()
    if membership is None:
        raise GroupError(_("You are not a member of this group."))
    remove_member(membership=membership)


# --- Invitations and join requests -----------------------------------------


@transaction.atomic
def create_invitation(
    *,
    group: ReadingGroup,
    created_by: User | None,
    days: int = DEFAULT_INVITATION_DAYS,
    max_uses: int | None = None,
    email: str = "",
) -> Invitation:
    if days < 1:
        raise GroupError(_("An invitation must last at least a day."))
    if max_uses is not None and max_uses < 1:
        raise GroupError(_("An invitation must allow at least one use."))
    return Invitation.objects.create(
        group=group,
        created_by=created_by,
        expires_at=timezone.now() + timedelta(days=days),
        max_uses=max_uses,
        email=email,
    )


@transaction.atomic
def invite_by_email(
    *, group: ReadingGroup, created_by: User, email: str, base_url: str
) -> Invitation:
    """A single-use invitation, emailed through the task queue.

    With the database queue the task row commits together with the invitation, so the
    worker never sees an invitation that was rolled back.
    """
    invitation = create_invitation(group=group, created_by=created_by, max_uses=1, email=email)
    send_invitation_email.enqueue(
        invitation_id=invitation.pk, url=base_url.rstrip("/") + invitation.get_absolute_url()
    )
    return invitation


@transaction.atomic
def revoke_invitation(*, invitation: Invitation) -> Invitation:
    if invitation.revoked_at is None:
        invitation.revoked_at = timezone.now()
        invitation.save(update_fields=["revoked_at"])
    return invitation


@transaction.atomic
def accept_invitation(*, token: str, user: User) -> Membership:
    """Join through an invitation. Someone already in the group uses nothing up."""
    invitation = (
        Invitation.objects.select_for_update().select_related("group").filter(token=token).first()
    )
    if invitation is None:
        raise GroupError(_("This invitation does not exist."))
    existing = Membership.objects.filter(group=invitation.group, user=user).first()
    if existing is not None:
        return existing
    problem = invitation.problem()
    if problem:
        raise GroupError(problem)
    # The conditional update is the real guard: it cannot overrun max_uses.
    used = Invitation.objects.usable().filter(pk=invitation.pk).update(uses=F("uses") + 1)
    if not used:
        raise GroupError(_("This invitation has been used up."))
    bump_rows_on_commit(Invitation, [invitation])
    return add_member(group=invitation.group, user=user)


@transaction.atomic
def request_to_join(*, group: ReadingGroup, user: User, message: str = "") -> JoinRequest:
    if not group.is_public:
        raise GroupError(_("Private groups are joined by invitation only."))
    if Membership.objects.filter(group=group, user=user).exists():
        raise GroupError(_("You are already a member of this group."))
    pending = JoinRequest.objects.filter(
        group=group, user=user, status=JoinRequest.Status.PENDING
    ).first()
    if pending is not None:
        return pending
    try:
        with transaction.atomic():
            join_request = JoinRequest.objects.create(
                group=group, user=user, message=message.strip()
            )
    except IntegrityError:  # a concurrent request won the race (and notified)
        return JoinRequest.objects.get(group=group, user=user, status=JoinRequest.Status.PENDING)
    transaction.on_commit(
        lambda: signals.join_requested.send(sender=JoinRequest, join_request=join_request)
    )
    return join_request


@transaction.atomic
def decide_join_request(*, join_request: JoinRequest, approve: bool, by: User) -> JoinRequest:
    # Re-read under a row lock: two facilitators answering at once decide (and notify) once.
    status = JoinRequest.objects.select_for_update().values_list("status", flat=True)
    if status.get(pk=join_request.pk) != JoinRequest.Status.PENDING:
        raise GroupError(_("This request was already answered."))
    if approve:
        Membership.objects.get_or_create(
            group=join_request.group, user=join_request.user, defaults={"role": Role.MEMBER}
        )
    join_request.status = JoinRequest.Status.APPROVED if approve else JoinRequest.Status.DECLINED
    join_request.decided_by = by
    join_request.decided_at = timezone.now()
    join_request.save(update_fields=["status", "decided_by", "decided_at"])
    transaction.on_commit(
        lambda: signals.join_decided.send(sender=JoinRequest, join_request=join_request)
    )
    return join_request


# --- Schedule ---------------------------------------------------------------


def _reading_numbers(adoption: Adoption) -> list[int]:
    return list(
        Reading.objects.published()
        .for_adoption(adoption)
        .order_by("number")
        .values_list("number", flat=True)
    )


def _runs(group: ReadingGroup, *, exclude: Adoption | None = None) -> list[schedule.Run]:
    adoptions = group.adoptions.order_by("position", "pk")
    if exclude is not None:
        adoptions = adoptions.exclude(pk=exclude.pk)
    return [a.run(_reading_numbers(a)) for a in adoptions.select_related("text")]


@contextmanager
def _schedule_errors():
    """A schedule that cannot be dated is the user's mistake: a GroupError, rolled back."""
    try:
        yield
    except schedule.PastTheCalendar as error:
        raise GroupError(_("That would put meetings past the end of the calendar.")) from error
    except schedule.ScheduleError as error:
        raise GroupError(str(error)) from error


def _check_group_schedule(group: ReadingGroup) -> None:
    runs = _runs(group)
    with _schedule_errors():
        schedule.check(runs, schedule.chain(runs, weekday=group.meeting_weekday))


@transaction.atomic
def adopt_text(
    *,
    group: ReadingGroup,
    text: Text,
    start_date: date | None = None,
    weeks: int | None = None,
    minutes_per_week: int | None = None,
) -> Adoption:
    """The group reads `text` next, after whatever it reads already, in weeks of its own.

    The group's weeks are a copy of the text's curated split, or, given `weeks` or
    `minutes_per_week`, a fresh split at that pace. A text without a curated split gets
    one first (at that pace, or about an hour a week). Without a start date the text starts
    the week after the group's last scheduled meeting (or this week); with one, it still
    never starts before the earlier texts end (see schedule.chain).
    """
    ReadingGroup.objects.select_for_update().filter(pk=group.pk).first()
    if group.adoptions.filter(text=text).exists():
        raise GroupError(_("This group already reads “%(text)s”.") % {"text": text})
    fresh = weeks is not None or minutes_per_week is not None
    if not Reading.objects.filter(text=text).curated().exists():
        try:
            generate_readings(
                text,
                weeks=weeks,
                minutes_per_week=minutes_per_week if fresh else DEFAULT_MINUTES_PER_WEEK,
            )
        except ReadingError as error:
            raise GroupError(str(error)) from error
    runs = _runs(group)
    with _schedule_errors():
        free = schedule.next_free_date(runs, weekday=group.meeting_weekday, today=group.today())
    position = (group.adoptions.aggregate(m=Max("position"))["m"] or 0) + 1
    adoption = Adoption.objects.create(
        group=group,
        text=text,
        position=position,
        start_date=start_date or free,
    )
    if fresh:
        try:
            generate_readings(
                text, adoption_id=adoption.pk, weeks=weeks, minutes_per_week=minutes_per_week
            )
        except ReadingError as error:
            raise GroupError(str(error)) from error
    else:
        copy_curated_readings(text, adoption_id=adoption.pk)
    if not _reading_numbers(adoption):
        raise GroupError(_("“%(text)s” has no published readings.") % {"text": text})
    _check_group_schedule(group)
    return adoption


def _dated(adoption: Adoption) -> list[tuple[int, date]]:
    """This adoption's dated weeks as the group's whole schedule places them."""
    group = adoption.group
    runs = _runs(group)
    ids = list(group.adoptions.order_by("position", "pk").values_list("pk", flat=True))
    with _schedule_errors():
        return schedule.chain(runs, weekday=group.meeting_weekday)[ids.index(adoption.pk)]


def _save_skipped(adoption: Adoption, skipped: frozenset[date]) -> Adoption:
    adoption.skipped_dates = sorted(d.isoformat() for d in skipped)
    adoption.save(update_fields=["skipped_dates"])
    _check_group_schedule(adoption.group)
    return adoption


@transaction.atomic
def skip_date(*, adoption: Adoption, on: date) -> Adoption:
    """The group does not meet on `on`: that week's reading and all later ones move on."""
    group = adoption.group
    if on.weekday() != group.meeting_weekday:
        raise GroupError(
            _("%(date)s is not a meeting day.") % {"date": date_format(on, _("l j F Y"))}
        )
    if on in adoption.skipped:
        raise GroupError(_("%(date)s is already skipped.") % {"date": date_format(on, _("j F Y"))})
    dates = [day for _, day in _dated(adoption)]
    if not dates or not dates[0] <= on <= dates[-1]:
        raise GroupError(
            _("%(date)s is not in the schedule of “%(text)s”.")
            % {"date": date_format(on, _("j F Y")), "text": adoption.text}
        )
    return _save_skipped(adoption, adoption.skipped | {on})


@transaction.atomic
def unskip_date(*, adoption: Adoption, on: date) -> Adoption:
    """Meet on `on` after all: later readings move one week earlier."""
    if on not in adoption.skipped:
        raise GroupError(_("%(date)s is not skipped.") % {"date": date_format(on, _("j F Y"))})
    return _save_skipped(adoption, adoption.skipped - {on})


@transaction.atomic
def shift_from_week(*, adoption: Adoption, week: int, weeks: int = 1) -> Adoption:
    """Move week `week` and every later week of this text `weeks` meetings later."""
    group = adoption.group
    # Shift from where the weeks really are: an earlier text may have pushed this one back.
    dated = _dated(adoption)
    run = adoption.run([number for number, _ in dated])
    effective = schedule.Run(
        start=dated[0][1] if dated else run.start, readings=run.readings, skipped=run.skipped
    )
    with _schedule_errors():
        skipped = schedule.shift_from(
            effective, weekday=group.meeting_weekday, reading=week, weeks=weeks
        )
    if dated:
        adoption.start_date = dated[0][1]
        adoption.save(update_fields=["start_date"])
    return _save_skipped(adoption, skipped)


@transaction.atomic
def set_start_date(*, adoption: Adoption, start_date: date) -> Adoption:
    adoption.start_date = start_date
    adoption.save(update_fields=["start_date"])
    _check_group_schedule(adoption.group)
    return adoption


@transaction.atomic
def remove_adoption(*, adoption: Adoption) -> None:
    """The group stops reading the text. Its weeks go, unless discussion still points at them:
    then they stay, detached from the schedule, so that no comment is lost."""
    Progress.objects.filter(membership__group=adoption.group, reading__adoption=adoption).delete()
    discussed = Reading.objects.for_adoption(adoption).filter(comments__isnull=False)
    if discussed.exists():
        raise GroupError(
            _("Members have discussed “%(text)s”: it stays on the schedule.")
            % {"text": adoption.text}
        )
    adoption.delete()


# --- Progress -----------------------------------------------------------------


@transaction.atomic
def set_progress_visible(*, membership: Membership, visible: bool) -> Membership:
    """A member chooses whether facilitators see their name beside the weeks they read."""
    Membership.objects.filter(pk=membership.pk).update(progress_visible=visible)
    bump_rows_on_commit(Membership, [membership])
    membership.progress_visible = visible
    return membership


@transaction.atomic
def set_done(*, membership: Membership, reading: Reading, done: bool) -> bool:
    """Mark a reading done or not done for a member; returns the new state."""
    if (
        reading.adoption_id is None
        or not membership.group.adoptions.filter(pk=reading.adoption_id).exists()
    ):
        raise GroupError(_("This group does not read that text."))
    if done:
        Progress.objects.get_or_create(membership=membership, reading=reading)
    else:
        Progress.objects.filter(membership=membership, reading=reading).delete()
    return done
