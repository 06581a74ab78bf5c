"""The groups' eraser for "Delete my account" (studygroup/accounts/deletion.py). Memberships,
progress, spoiler reveals, join requests and which votes they took part in (VoteCast) go with
the user row; ballots never named anyone."""

from __future__ import annotations

from django.db.models import Exists, OuterRef

from studygroup.accounts.deletion import Identity
from studygroup.cache import bump_rows_on_commit
from studygroup.groups.models import (
    Invitation,
    JoinRequest,
    Membership,
    Proposal,
    ReadingGroup,
    Role,
)


def erase(identity: Identity, keep_comments: bool) -> None:
    _hand_over(identity.user)
    for email in identity.emails:  # invitations sent to them by email
        sent_to_them = Invitation.objects.filter(email__iexact=email)
        bump_rows_on_commit(Invitation, sent_to_them)
        sent_to_them.update(email="")
    identity.scrub_rows(JoinRequest, ["message"])
    identity.scrub_rows(Proposal, ["title"])
    identity.scrub_rows(ReadingGroup, ["description"])


def _hand_over(user) -> None:
    """A group always keeps a facilitator. The request was refused while the member alone
    facilitated; if they became the only one again during the grace period, the longest-
    standing member takes over."""
    others = Membership.objects.filter(group=OuterRef("group"), role=Role.FACILITATOR).exclude(
        user=user
    )
    alone = Membership.objects.filter(user=user, role=Role.FACILITATOR).exclude(Exists(others))
    for group_id in alone.values_list("group_id", flat=True):
        heir = (
            Membership.objects.filter(group_id=group_id)
            .exclude(user=user)
            .order_by("joined_at", "pk")
            .first()
        )
        if heir is not None:
            Membership.objects.filter(pk=heir.pk).update(role=Role.FACILITATOR)
            bump_rows_on_commit(Membership, [heir])
