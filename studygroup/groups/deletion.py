"""The groups' eraser for "Delete my account" (studygroup/accounts/deletion.py). Memberships,
progress, spoiler reveals, join requests and which votes they took part in (VoteCast) go with
the user row; ballots never named anyone."""

from __future__ import annotations

from studygroup.accounts.deletion import Identity
from studygroup.groups.models import Invitation, JoinRequest, Proposal, ReadingGroup


def erase(identity: Identity, keep_comments: bool) -> None:
    for email in identity.emails:  # invitations sent to them by email
        Invitation.objects.filter(email__iexact=email).update(email="")
    identity.scrub_rows(JoinRequest, ["message"])
    identity.scrub_rows(Proposal, ["title"])
    identity.scrub_rows(ReadingGroup, ["description"])
