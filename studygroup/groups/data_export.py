"""The groups' part of "Download my data" (studygroup/accounts/data_export.py).

Votes: which votes the member took part in (VoteCast), never how they voted: a Ballot has no
link to anyone.
"""

from __future__ import annotations

from django.db.models import Q
from django.utils.translation import gettext as _

from studygroup.accounts.data_export import Part, register, rows
from studygroup.groups.models import (
    GroupUpload,
    Invitation,
    JoinRequest,
    Membership,
    Progress,
    Proposal,
    SpoilerReveal,
    Vote,
    VoteCast,
)


def _memberships(user) -> dict:
    return {
        "memberships": rows(
            Membership.objects.filter(user=user).order_by("joined_at"),
            "group__name",
            "group__slug",
            "role",
            "joined_at",
            "progress_visible",
        ),
        "join_requests": rows(
            JoinRequest.objects.filter(user=user).order_by("created_at"),
            "group__name",
            "message",
            "status",
            "created_at",
            "decided_at",
        ),
        "join_requests_you_decided": rows(
            JoinRequest.objects.filter(decided_by=user).order_by("decided_at"),
            "group__name",
            "status",
            "decided_at",
        ),
        "invitations_you_made": rows(
            Invitation.objects.filter(created_by=user).order_by("created_at"),
            "group__name",
            "email",
            "created_at",
            "expires_at",
            "uses",
            "revoked_at",
        ),
    }


def _progress(user) -> dict:
    return {
        "weeks_done": rows(
            Progress.objects.filter(membership__user=user).order_by("done_at"),
            "membership__group__name",
            "reading__number",
            "reading__title",
            "done_at",
        ),
        "spoilers_shown": rows(
            SpoilerReveal.objects.filter(membership__user=user).order_by("shown_at"),
            "membership__group__name",
            "reading__number",
            "reading__title",
            "shown_at",
        ),
    }


def _votes(user) -> dict:
    return {
        "votes_taken_part_in": rows(
            VoteCast.objects.filter(user=user).order_by("vote__opened_at"),
            "vote__group__name",
            "vote__opened_at",
            "vote__closes_at",
            "vote__closed_at",
        ),
        "proposals": rows(
            Proposal.objects.filter(proposed_by=user).order_by("created_at"),
            "group__name",
            "title",
            "link",
            "text__title",
            "created_at",
        ),
        "votes_opened_or_closed": rows(
            Vote.objects.filter(Q(opened_by=user) | Q(closed_by=user)).order_by("opened_at"),
            "group__name",
            "opened_at",
            "closed_at",
        ),
    }


def _uploads(user) -> list:
    return rows(
        GroupUpload.objects.filter(Q(uploaded_by=user) | Q(published_by=user)).order_by(
            "created_at"
        ),
        "group__name",
        "text__title",
        "size",
        "created_at",
        "published_at",
    )


def register_parts() -> None:
    register(
        Part(
            name="memberships",
            about=lambda: _(
                "The groups you belong to and your role in each; your requests to join; "
                "requests you decided and invitations you made as a facilitator."
            ),
            covers=(
                "groups.Membership.user",
                "groups.JoinRequest.user",
                "groups.JoinRequest.decided_by",
                "groups.Invitation.created_by",
            ),
            build=_memberships,
        )
    )
    register(
        Part(
            name="progress",
            about=lambda: _(
                "The weeks you marked done, and the weeks whose discussion you chose to show "
                "before reaching them."
            ),
            covers=("groups.Progress.membership", "groups.SpoilerReveal.membership"),
            build=_progress,
        )
    )
    register(
        Part(
            name="votes",
            about=lambda: _(
                "The votes you took part in (not how you voted), the texts you proposed, and "
                "votes you opened or closed."
            ),
            covers=(
                "groups.VoteCast.user",
                "groups.Proposal.proposed_by",
                "groups.Vote.opened_by",
                "groups.Vote.closed_by",
            ),
            build=_votes,
        )
    )
    register(
        Part(
            name="uploads",
            about=lambda: _("Texts you uploaded to a group, or published there."),
            covers=("groups.GroupUpload.uploaded_by", "groups.GroupUpload.published_by"),
            build=_uploads,
        )
    )
