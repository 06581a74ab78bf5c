from __future__ import annotations

from django import forms
from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _

from studygroup.accounts.handles import validate_handle
from studygroup.accounts.models import AccountDeletion, User


class SignupForm(forms.Form):
    """Extra sign-up fields; allauth's own form handles email and password."""

    display_name = forms.CharField(
        max_length=80,
        label=_("Display name"),
        help_text=_("How other members see you."),
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )

    field_order = ["display_name", "email", "password1", "password2"]

    def signup(self, request: HttpRequest, user: User) -> None:
        user.display_name = self.cleaned_data["display_name"].strip()
        user.save(update_fields=["display_name"])


class ProfileForm(forms.Form):
    """Display name and @handle, both chosen by the person, and the no-spoilers setting."""

    display_name = forms.CharField(
        max_length=80,
        label=_("Display name"),
        help_text=_("How other members see you."),
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    handle = forms.CharField(
        max_length=31,
        label=_("Handle"),
        help_text=_(
            "Others mention you as @handle: 2 to 30 letters, digits, “_” or “-”. "
            "Handles you used before stay yours, so old mentions still find you."
        ),
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )

    hide_spoilers = forms.BooleanField(
        required=False,
        label=_("No spoilers: fold away the comments on weeks I have not reached"),
        help_text=_(
            "A week opens on its meeting day, or when you mark it (or a later week) done. "
            "Until then its comments are folded away on the reading page, and notifications, "
            "emails and search results do not quote them. You can always show them anyway."
        ),
    )

    language = forms.ChoiceField(
        required=False,
        label=_("Language"),
        help_text=_("The language of the site and of your emails."),
    )

    def __init__(self, *args, user: User, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)
        # Each language named in itself, so a member lost in a foreign one finds their own.
        self.fields["language"].choices = [("", _("As my browser asks"))] + [
            (code, get_language_info(code)["name_local"]) for code, _name in settings.LANGUAGES
        ]

    def clean_display_name(self) -> str:
        name = self.cleaned_data["display_name"].strip()
        if not name:
            raise forms.ValidationError(_("Enter a display name."))
        return name

    def clean_handle(self) -> str:
        return validate_handle(self.cleaned_data["handle"], user=self.user)


class DeleteAccountForm(forms.Form):
    """ "Delete my account": what becomes of their comments, and proof it is them (their
    password, or their handle for accounts that have no usable password)."""

    comments = forms.ChoiceField(
        label=_("Your comments"),
        choices=AccountDeletion.Comments.choices,
        widget=forms.RadioSelect,
        initial=AccountDeletion.Comments.KEEP,
    )
    confirmation = forms.CharField(
        label=_("To confirm, type your password (or your handle, without the @)"),
        widget=forms.PasswordInput,
        max_length=200,
    )

    def __init__(self, *args, user: User, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_confirmation(self) -> str:
        typed = self.cleaned_data["confirmation"]
        handle = typed.strip().removeprefix("@")
        if self.user.check_password(typed) or handle.lower() == self.user.username.lower():
            return typed
        raise forms.ValidationError(
            _("That is neither your password nor your handle. Nothing was deleted.")
        )
