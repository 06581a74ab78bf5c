"""The API's part of "Download my data": token names and dates, never their digests."""

from __future__ import annotations

from django.utils.translation import gettext as _

from studygroup.accounts.data_export import Part, register, rows
from studygroup.api.models import ApiToken


def _tokens(user) -> list[dict]:
    return rows(
        ApiToken.objects.filter(user=user).order_by("created_at"),
        "name",
        "prefix",
        "created_at",
        "last_used_at",
        "revoked_at",
    )


def register_parts() -> None:
    register(
        Part(
            name="api_tokens",
            about=lambda: _(
                "Your API tokens: name, the first characters (prefix) and dates. The secret "
                "part was never stored."
            ),
            covers=("api.ApiToken.user",),
            build=_tokens,
        )
    )
