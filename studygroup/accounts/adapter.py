from __future__ import annotations

from allauth.account.adapter import DefaultAccountAdapter
from django.http import HttpRequest

from studygroup.accounts.handles import suggested_handle
from studygroup.accounts.models import User

# The home page greets someone on their first visit after signing up with "Welcome".
NEW_MEMBER_SESSION_KEY = "new_member"


class AccountAdapter(DefaultAccountAdapter):
    def save_user(self, request: HttpRequest, user: User, form, commit: bool = True) -> User:
        # The handle is made from the display name, so set that before allauth picks one.
        user.display_name = (form.cleaned_data.get("display_name") or "").strip()
        user = super().save_user(request, user, form, commit=commit)
        request.session[NEW_MEMBER_SESSION_KEY] = True
        return user

    def populate_username(self, request: HttpRequest, user: User) -> None:
        """Never from the email address: from the display name, or a neutral reader-NNNN."""
        if not user.username:
            user.username = suggested_handle(user.display_name)
