from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from studygroup.accounts.models import AccountDeletion, HandleHistory, User
from studygroup.policy import SiteAdminOnly


@admin.register(User)
class UserAdmin(SiteAdminOnly, BaseUserAdmin):  # emails and roles: site admins only
    list_display = ["email", "display_name", "username", "is_staff", "date_joined"]
    search_fields = ["email", "display_name", "username"]
    fieldsets = [
        *BaseUserAdmin.fieldsets,
        ("Profile", {"fields": ["display_name"]}),
    ]


@admin.register(HandleHistory)
class HandleHistoryAdmin(SiteAdminOnly, admin.ModelAdmin):
    """Handles people used before: still theirs, so old mentions keep meaning them."""

    list_display = ["handle", "user", "until"]
    list_select_related = ["user"]
    search_fields = ["handle", "user__username", "user__display_name"]
    raw_id_fields = ["user"]


@admin.register(AccountDeletion)
class AccountDeletionAdmin(SiteAdminOnly, admin.ModelAdmin):
    """Accounts closed by their members, each erased by `purge_deleted_accounts` once its
    grace period has passed (accounts/deletion.py). Signing in cancels one."""

    list_display = ["user", "requested_at", "purge_after", "comments"]
    list_select_related = ["user"]
    raw_id_fields = ["user"]
    readonly_fields = ["requested_at"]
