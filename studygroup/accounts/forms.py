from __future__ import annotations

from django import forms
from django.http import HttpRequest

from studygroup.accounts.models import User


class SignupForm(forms.Form):
    """Extra sign-up fields; allauth's own form handles email and password."""

    display_name = forms.CharField(
        max_length=80,
        label="Display name",
        help_text="How other members see you.",
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )

    field_order = ["display_name", "email", "password1", "password2"]

    def signup(self, request: HttpRequest, user: User) -> None:
        user.display_name = self.cleaned_data["display_name"].strip()
        user.save(update_fields=["display_name"])
