"""allauth, our way: handles from display names, emails that name `SITE_URL`.

Handles never come from the email address. allauth's emails name and link to `SITE_URL`
(studygroup/site.py), not the request host.
"""

from __future__ import annotations

import contextlib
from types import SimpleNamespace
from urllib.parse import urlsplit

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from django.contrib import messages
from django.http import HttpRequest
from django.utils.translation import gettext as _

from studygroup.accounts import deletion
from studygroup.accounts.handles import suggested_handle
from studygroup.accounts.models import User
from studygroup.accounts.translations import in_language_of
from studygroup.site import absolute_url, email_subject, site_host

# The home page greets someone on their first visit after signing up with "Welcome".
NEW_MEMBER_SESSION_KEY = "new_member"


class AccountAdapter(DefaultAccountAdapter):
    def save_user(self, request: HttpRequest, user: User, form, commit: bool = True) -> User:
        # The handle is made from the display name, so set that before allauth picks one.
        user.display_name = (form.cleaned_data.get("display_name") or "").strip()
        user = super().save_user(request, user, form, commit=commit)
        request.session[NEW_MEMBER_SESSION_KEY] = True
        return user

    def pre_login(self, request: HttpRequest, user: User, **kwargs):
        """Signing in while the account waits to be erased cancels the deletion
        (accounts/deletion.py); allauth hands us the sleeping account when its password
        matched, and lets it in once it is active again."""
        if not user.is_active and deletion.cancel_deletion(user):
            messages.success(
                request,
                _(
                    "Welcome back. You signed in before your account was erased, so it is no "
                    "longer going to be deleted: everything is as you left it."
                ),
            )
        return super().pre_login(request, user, **kwargs)

    def populate_username(self, request: HttpRequest, user: User) -> None:
        """Never from the email address: from the display name, or a neutral reader-NNNN."""
        if not user.username:
            user.username = suggested_handle(user.display_name)

    def format_email_subject(self, subject: str) -> str:
        return email_subject(subject)

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        # allauth builds its links (reset, verify, sign up) from the request; move them onto
        # the public address, and give the templates a `current_site` that names it.
        context = {
            key: absolute_url(value) if _is_absolute(key, value) else value
            for key, value in context.items()
        }
        context["current_site"] = SimpleNamespace(domain=site_host(), name=site_host())
        context.setdefault("request", allauth_context.request)
        context.setdefault("email", email)
        # A member's own language; an address not (yet) a member's gets the page's language.
        member = User.objects.filter(email__iexact=email).exclude(language="").first()
        with in_language_of(member) if member else contextlib.nullcontext():
            msg = self.render_mail(template_prefix, email, context)
        msg.send()


def _is_absolute(key: str, value: object) -> bool:
    return key.endswith("_url") and isinstance(value, str) and bool(urlsplit(value).netloc)
