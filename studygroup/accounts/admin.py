from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from studygroup.accounts.models import User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ["email", "display_name", "username", "is_staff", "date_joined"]
    search_fields = ["email", "display_name", "username"]
    fieldsets = [
        *BaseUserAdmin.fieldsets,
        ("Profile", {"fields": ["display_name"]}),
    ]
