"""Reading groups in the admin: for site admins looking into a group, not for curators.

Group changes made here skip the services' checks (a facilitator's rules, schedules), so
most pages are for reading and for fixing data by hand.
"""

from __future__ import annotations

from django.contrib import admin
from django.db.models import Count, QuerySet
from django.http import HttpRequest

from studygroup.groups.models import (
    Adoption,
    Ballot,
    GroupUpload,
    Invitation,
    JoinRequest,
    Membership,
    Progress,
    Proposal,
    ReadingGroup,
    SpoilerReveal,
    Vote,
    VoteCast,
)
from studygroup.policy import SiteAdminOnly


class MembershipInline(SiteAdminOnly, admin.TabularInline):
    model = Membership
    fields = ["user", "role", "joined_at"]
    readonly_fields = ["joined_at"]
    raw_id_fields = ["user"]
    extra = 0


class AdoptionInline(SiteAdminOnly, admin.TabularInline):
    model = Adoption
    fields = ["text", "position", "start_date", "skipped_dates"]
    raw_id_fields = ["text"]
    extra = 0


@admin.register(ReadingGroup)
class ReadingGroupAdmin(SiteAdminOnly, admin.ModelAdmin):
    list_display = [
        "name",
        "is_public",
        "member_count",
        "meeting_weekday",
        "meeting_time",
        "timezone",
        "created_at",
    ]
    list_filter = ["is_public", "meeting_weekday"]
    list_select_related = []  # no foreign keys shown; the count is annotated
    search_fields = ["name", "slug", "description"]
    prepopulated_fields = {"slug": ["name"]}
    readonly_fields = ["created_at"]
    date_hierarchy = "created_at"
    inlines = [MembershipInline, AdoptionInline]

    def get_queryset(self, request: HttpRequest) -> QuerySet[ReadingGroup]:
        return super().get_queryset(request).annotate(member_count=Count("memberships"))

    @admin.display(description="members", ordering="member_count")
    def member_count(self, group: ReadingGroup) -> int:
        return group.member_count


@admin.register(Membership)
class MembershipAdmin(SiteAdminOnly, admin.ModelAdmin):
    list_display = ["user", "group", "role", "joined_at"]
    list_filter = ["role", ("group", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["user", "group"]
    search_fields = ["user__email", "user__display_name", "user__username", "group__name"]
    raw_id_fields = ["user", "group"]
    readonly_fields = ["joined_at"]


@admin.register(Invitation)
class InvitationAdmin(SiteAdminOnly, admin.ModelAdmin):
    list_display = ["group", "email", "created_by", "created_at", "expires_at", "uses", "max_uses"]
    list_filter = [
        ("revoked_at", admin.EmptyFieldListFilter),
        ("group", admin.RelatedOnlyFieldListFilter),
    ]
    list_select_related = ["group", "created_by"]
    search_fields = ["group__name", "email", "created_by__email"]
    raw_id_fields = ["group", "created_by"]
    readonly_fields = ["token", "created_at", "uses"]
    date_hierarchy = "created_at"


@admin.register(JoinRequest)
class JoinRequestAdmin(SiteAdminOnly, admin.ModelAdmin):
    list_display = ["user", "group", "status", "created_at", "decided_by", "decided_at"]
    list_filter = ["status", ("group", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["user", "group", "decided_by"]
    search_fields = ["user__email", "user__display_name", "group__name", "message"]
    raw_id_fields = ["user", "group", "decided_by"]
    readonly_fields = ["created_at"]


@admin.register(Adoption)
class AdoptionAdmin(SiteAdminOnly, admin.ModelAdmin):
    list_display = ["group", "text", "position", "start_date", "created_at"]
    list_filter = [("text", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["group", "text"]
    search_fields = ["group__name", "text__title"]
    raw_id_fields = ["group", "text"]
    readonly_fields = ["created_at"]


@admin.register(Progress)
class ProgressAdmin(SiteAdminOnly, admin.ModelAdmin):
    list_display = ["member", "group", "reading", "done_at"]
    list_filter = [("membership__group", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["membership__user", "membership__group", "reading"]
    search_fields = ["membership__user__email", "membership__group__name", "reading__title"]
    raw_id_fields = ["membership", "reading"]
    readonly_fields = ["done_at"]

    @admin.display(description="member", ordering="membership__user__display_name")
    def member(self, progress: Progress) -> str:
        return str(progress.membership.user)

    @admin.display(description="group", ordering="membership__group__name")
    def group(self, progress: Progress) -> str:
        return progress.membership.group.name


# --- Choosing the next text together: read-only, for looking into a group's votes ---------


class ReadOnly:
    """View only: votes change through the group's pages, where the rules are kept."""

    def has_add_permission(self, request: HttpRequest, *args) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False


@admin.register(Vote)
class VoteAdmin(ReadOnly, SiteAdminOnly, admin.ModelAdmin):
    list_display = ["group", "opened_by", "opened_at", "closes_at", "closed_at"]
    list_select_related = ["group", "opened_by"]
    search_fields = ["group__name"]


@admin.register(Proposal)
class ProposalAdmin(ReadOnly, SiteAdminOnly, admin.ModelAdmin):
    list_display = ["title", "group", "vote", "proposed_by", "created_at"]
    list_select_related = ["group", "vote__group", "proposed_by"]
    search_fields = ["title", "group__name"]


@admin.register(VoteCast)
class VoteCastAdmin(ReadOnly, SiteAdminOnly, admin.ModelAdmin):
    """Who voted (as every member sees it); never how: nothing here leads to a ballot."""

    list_display = ["user", "vote"]
    list_select_related = ["user", "vote__group"]


@admin.register(Ballot)
class BallotAdmin(ReadOnly, SiteAdminOnly, admin.ModelAdmin):
    """The ballot box: rankings without voters, in random (id) order, for checking a count."""

    list_display = ["id", "vote", "ranking"]
    list_select_related = ["vote__group"]


@admin.register(SpoilerReveal)
class SpoilerRevealAdmin(ProgressAdmin):
    """Weeks members chose to "show anyway" (no spoilers): as progress is listed."""

    list_display = ["member", "group", "reading", "shown_at"]
    readonly_fields = ["shown_at"]


@admin.register(GroupUpload)
class GroupUploadAdmin(SiteAdminOnly, admin.ModelAdmin):
    """Which group uploaded which text; curators publish from the library dashboard."""

    list_display = ["text", "group", "size", "uploaded_by", "created_at", "published_at"]
    list_filter = [("group", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["text", "group", "uploaded_by"]
    search_fields = ["text__title", "group__name"]
    raw_id_fields = ["text", "group", "uploaded_by", "published_by"]
    readonly_fields = ["created_at", "published_at", "published_by"]
