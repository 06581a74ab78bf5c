"""Reading groups: who reads what, when.

A ReadingGroup has Memberships (facilitator or member), joins through Invitations (links,
optionally sent by email) or JoinRequests (public groups), adopts texts one after another
(Adoption: the dated weeks come from `schedule.py`), and its members record Progress.

Who may see or do what is decided in `studygroup/policy.py`, never here and never in a template.
"""

from __future__ import annotations

import secrets
import uuid
import zoneinfo
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import OuterRef, Q, Subquery
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from studygroup.groups import retention, schedule


def new_token() -> str:
    return secrets.token_urlsafe(24)


def validate_timezone(value: str) -> None:
    if value not in zoneinfo.available_timezones():
        raise ValidationError(
            gettext("%(zone)s is not a known time zone, e.g. Europe/Berlin.")
            % {"zone": repr(value)}
        )


class Weekday(models.IntegerChoices):
    MONDAY = 0, _("Monday")
    TUESDAY = 1, _("Tuesday")
    WEDNESDAY = 2, _("Wednesday")
    THURSDAY = 3, _("Thursday")
    FRIDAY = 4, _("Friday")
    SATURDAY = 5, _("Saturday")
    SUNDAY = 6, _("Sunday")


class Role(models.TextChoices):
    FACILITATOR = "facilitator", _("Facilitator")
    MEMBER = "member", _("Member")


class ReadingGroupQuerySet(models.QuerySet):
    def public(self) -> ReadingGroupQuerySet:
        return self.filter(is_public=True)

    def of_member(self, user) -> ReadingGroupQuerySet:
        if not user.is_authenticated:
            return self.none()
        return self.filter(memberships__user=user)

    def with_role(self, user) -> ReadingGroupQuerySet:
        """Annotate `my_role`: the user's role in each group, or None."""
        if not user.is_authenticated:
            return self.annotate(my_role=models.Value(None, output_field=models.CharField()))
        # No ordering: Membership's default one would join the group and user tables.
        role = (
            Membership.objects.filter(group=OuterRef("pk"), user=user).order_by().values("role")[:1]
        )
        return self.annotate(my_role=Subquery(role))

    def get_with_role(self, user, *, slug: str) -> ReadingGroup | None:
        """The group named `slug`, with `my_role` as in `with_role`; None when there is none.

        Every group page starts here, so it is one plain statement: building the same query
        through the ORM costs several times what running it does.
        """
        sql = (
            f'SELECT g.*, (SELECT m.role FROM "{Membership._meta.db_table}" m'
            " WHERE m.group_id = g.id AND m.user_id = %s) AS my_role"
            f' FROM "{self.model._meta.db_table}" g WHERE g.slug = %s'
        )
        user_id = user.pk if user.is_authenticated else None
        return next(iter(self.model.objects.raw(sql, [user_id, slug])), None)


class ReadingGroup(models.Model):
    name = models.CharField(max_length=120)
    slug = models.SlugField(max_length=120, unique=True)
    description = models.TextField(blank=True)
    is_public = models.BooleanField(
        _("public"),
        default=False,
        help_text=_(
            "Anyone can see a public group and ask to join. Private groups are invisible "
            "to everyone but their members."
        ),
    )
    timezone = models.CharField(max_length=64, default="UTC", validators=[validate_timezone])
    meeting_weekday = models.PositiveSmallIntegerField(
        _("meeting day"), choices=Weekday.choices, default=Weekday.TUESDAY
    )
    meeting_time = models.TimeField(default=time(19, 0))
    meeting_minutes = models.PositiveSmallIntegerField(_("meeting length (minutes)"), default=90)
    location = models.CharField(_("place"), max_length=200, blank=True)
    video_url = models.URLField(_("video link"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    # None: comments are kept. Otherwise they are removed this many days after the group's
    # last week of the text they are about (groups/retention.py, discussion/retention/).
    comment_retention_days = models.PositiveSmallIntegerField(
        _("keep comments"), null=True, blank=True, choices=retention.CHOICES
    )

    objects = ReadingGroupQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(meeting_weekday__gte=0, meeting_weekday__lte=6),
                name="group_weekday_0_to_6",
            ),
            models.CheckConstraint(
                condition=Q(meeting_minutes__gt=0), name="group_meeting_minutes"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("groups:detail", kwargs={"slug": self.slug})

    @property
    def tz(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.timezone)

    def today(self) -> date:
        return timezone.now().astimezone(self.tz).date()

    def meeting_start(self, day: date) -> datetime:
        return datetime.combine(day, self.meeting_time, tzinfo=self.tz)

    def meeting_end(self, day: date) -> datetime:
        return self.meeting_start(day) + timedelta(minutes=self.meeting_minutes)


class Membership(models.Model):
    group = models.ForeignKey(ReadingGroup, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(max_length=12, choices=Role.choices, default=Role.MEMBER)
    joined_at = models.DateTimeField(auto_now_add=True)
    # The member's own secret calendar and feed URLs: they die with the membership.
    feed_token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    progress_visible = models.BooleanField(
        _("let the facilitators see which weeks I have read"),
        default=True,
        help_text=_("Off: your name is left out wherever progress is listed by name."),
    )

    class Meta:
        ordering = ["group", "user__display_name"]
        constraints = [
            models.UniqueConstraint(fields=["group", "user"], name="one_membership_per_user"),
            models.CheckConstraint(condition=Q(role__in=Role.values), name="membership_role"),
        ]

    def __str__(self) -> str:
        return f"{self.user} in {self.group} ({self.role})"

    @property
    def is_facilitator(self) -> bool:
        return self.role == Role.FACILITATOR


class InvitationQuerySet(models.QuerySet):
    def usable(self, now: datetime | None = None) -> InvitationQuerySet:
        now = now or timezone.now()
        return self.filter(revoked_at__isnull=True, expires_at__gt=now).filter(
            Q(max_uses__isnull=True) | Q(uses__lt=models.F("max_uses"))
        )


class Invitation(models.Model):
    """A link that lets people join: expiring, revocable, with an optional limit of uses."""

    group = models.ForeignKey(ReadingGroup, on_delete=models.CASCADE, related_name="invitations")
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    email = models.EmailField(blank=True, help_text=_("Set when the invitation was sent by email."))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    max_uses = models.PositiveIntegerField(null=True, blank=True, help_text=_("Empty: no limit."))
    uses = models.PositiveIntegerField(default=0)
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(max_uses__isnull=True) | Q(uses__lte=models.F("max_uses")),
                name="invitation_uses_within_limit",
            ),
        ]

    def __str__(self) -> str:
        return f"Invitation to {self.group}"

    def get_absolute_url(self) -> str:
        return reverse("groups:accept", kwargs={"token": self.token})

    def problem(self, now: datetime | None = None) -> str:
        """Why this invitation cannot be used, or "" when it can."""
        now = now or timezone.now()
        if self.revoked_at is not None:
            return gettext("This invitation was revoked.")
        if self.expires_at <= now:
            return gettext("This invitation has expired.")
        if self.max_uses is not None and self.uses >= self.max_uses:
            return gettext("This invitation has been used up.")
        return ""


class JoinRequest(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        APPROVED = "approved", _("Approved")
        DECLINED = "declined", _("Declined")

    group = models.ForeignKey(ReadingGroup, on_delete=models.CASCADE, related_name="join_requests")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="join_requests"
    )
    message = models.TextField(blank=True, max_length=1000)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    created_at = models.DateTimeField(auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["group", "user"],
                condition=Q(status="pending"),
                name="one_pending_join_request",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} asks to join {self.group}"


class Adoption(models.Model):
    """A group reads a text's published readings, weekly on its meeting day, from `start_date`.

    A group's adoptions run one after another in `position` order: a later one starts no
    earlier than the week after the earlier one ends, whatever its own `start_date` says.
    """

    group = models.ForeignKey(ReadingGroup, on_delete=models.CASCADE, related_name="adoptions")
    text = models.ForeignKey("library.Text", on_delete=models.PROTECT, related_name="adoptions")
    position = models.PositiveIntegerField(default=0)
    start_date = models.DateField(
        help_text=_("The first meeting is on the meeting day on or after.")
    )
    skipped_dates = models.JSONField(
        default=list, blank=True, help_text=_("ISO dates the group does not meet (holidays).")
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["group", "position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["group", "text"], name="one_adoption_per_text"),
            models.UniqueConstraint(fields=["group", "position"], name="one_adoption_per_position"),
        ]

    def __str__(self) -> str:
        return f"{self.group} reads {self.text}"

    @property
    def skipped(self) -> frozenset[date]:
        return frozenset(date.fromisoformat(d) for d in self.skipped_dates)

    def run(self, readings: list[int]) -> schedule.Run:
        return schedule.Run(start=self.start_date, readings=tuple(readings), skipped=self.skipped)


class Progress(models.Model):
    """A member has done a reading."""

    membership = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="progress")
    reading = models.ForeignKey("library.Reading", on_delete=models.CASCADE, related_name="+")
    done_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name_plural = "progress"
        constraints = [
            models.UniqueConstraint(
                fields=["membership", "reading"], name="one_progress_per_reading"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.membership.user} did {self.reading}"


# --- Choosing the next text together (services: votes.py; counting: ranked_choice.py) ---


class Vote(models.Model):
    """A group ranks its proposals for what it reads next, until `closes_at`.

    Open while `closed_at` is unset and `closes_at` has not passed. `lot` is a random order
    of the candidates drawn when the vote opened: the last tie-break (see ranked_choice.py).
    """

    group = models.ForeignKey(ReadingGroup, on_delete=models.CASCADE, related_name="votes")
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    opened_at = models.DateTimeField(auto_now_add=True)
    closes_at = models.DateTimeField()
    closed_at = models.DateTimeField(null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    lot = models.JSONField(default=list, blank=True)
    adoption = models.ForeignKey(
        Adoption, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-opened_at", "-pk"]
        constraints = [
            # One vote at a time: a new one opens once the last is closed.
            models.UniqueConstraint(
                fields=["group"], condition=Q(closed_at__isnull=True), name="one_open_vote"
            ),
        ]

    def __str__(self) -> str:
        return f"Vote on the next text of {self.group}"

    def get_absolute_url(self) -> str:
        return reverse("groups:vote", kwargs={"slug": self.group.slug, "pk": self.pk})

    def is_open(self, now: datetime | None = None) -> bool:
        return self.closed_at is None and (now or timezone.now()) < self.closes_at


class Proposal(models.Model):
    """A candidate for the next text: a library text, or a title (and link) to import later.

    Proposals wait (no `vote`) until a facilitator opens a vote, which takes them all.
    `title` is always set (a text's title is copied), so a proposal outlives its text.
    """

    group = models.ForeignKey(ReadingGroup, on_delete=models.CASCADE, related_name="proposals")
    vote = models.ForeignKey(
        Vote, null=True, blank=True, on_delete=models.CASCADE, related_name="candidates"
    )
    text = models.ForeignKey(
        "library.Text", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    title = models.CharField(_("title"), max_length=300)
    link = models.URLField(_("link"), blank=True, max_length=500)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["group", "text"],
                condition=Q(vote__isnull=True, text__isnull=False),
                name="one_waiting_proposal_per_text",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class VoteCast(models.Model):
    """Someone has voted: shown to everyone. It says nothing of how (see `Ballot`)."""

    vote = models.ForeignKey(Vote, on_delete=models.CASCADE, related_name="voters")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["vote", "user"], name="one_ballot_per_voter"),
        ]

    def __str__(self) -> str:
        return f"{self.user} voted"


class Ballot(models.Model):
    """One secret ballot: proposal ids, most preferred first.

    No voter and no time: a random id, so nothing (not even insertion order, once the vote
    closes and the ballots are written again in id order) ties it to a `VoteCast`.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    vote = models.ForeignKey(Vote, on_delete=models.CASCADE, related_name="ballots")
    ranking = models.JSONField()

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return "A ballot"


class SpoilerReveal(models.Model):
    """A member chose to see the discussion of a week they have not reached ("show anyway").

    Remembered per week, so the thread stays open for them on every later visit.
    """

    membership = models.ForeignKey(
        Membership, on_delete=models.CASCADE, related_name="spoiler_reveals"
    )
    reading = models.ForeignKey("library.Reading", on_delete=models.CASCADE, related_name="+")
    shown_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["membership", "reading"], name="one_spoiler_reveal_per_reading"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.membership.user} showed {self.reading} anyway"


class GroupUpload(models.Model):
    """A text a group's facilitator uploaded: private to the group until a curator publishes it.

    The text itself is an ordinary library Text (is_public=False) made by the same import
    wizard as the admin's; this row says whose it is, and how many bytes of the group's
    quota (settings.GROUP_UPLOAD_QUOTA_BYTES) it uses while unpublished.
    """

    text = models.OneToOneField(
        "library.Text", on_delete=models.CASCADE, related_name="group_upload"
    )
    group = models.ForeignKey(ReadingGroup, on_delete=models.CASCADE, related_name="uploads")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    size = models.PositiveIntegerField(help_text=_("Bytes of the uploaded file."))
    created_at = models.DateTimeField(auto_now_add=True)
    published_at = models.DateTimeField(null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.text} ({self.group})"

    @property
    def is_private(self) -> bool:
        return self.published_at is None
