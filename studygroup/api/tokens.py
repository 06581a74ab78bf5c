"""Making, checking and revoking personal API tokens.

A token is `sg_` and 43 random URL-safe characters. The database keeps its SHA-256 digest
(a token has 256 random bits, so a plain digest suffices: there is nothing to guess) and its
first characters, shown on the profile page so that the member can tell tokens apart.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from studygroup import ratelimit
from studygroup.accounts.models import User
from studygroup.api.models import ApiToken

PREFIX = "sg_"
# Last-used times are kept to the minute: a client polling every second writes once a minute.
LAST_USED_GRANULARITY = timedelta(minutes=1)


class TokenError(ValueError):
    """A token that cannot be made; the message is shown to the member."""


class TooManyTokens(TokenError):
    pass


@dataclass(frozen=True)
class Created:
    token: ApiToken
    secret: str  # shown once, never stored


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


@transaction.atomic
def create_token(*, user: User, name: str) -> Created:
    """A new token for `user`. Rate-limited (API_TOKEN_RATE_LIMIT) and capped per member."""
    name = (name or "").strip()
    if not name:
        raise TokenError(_("Give the token a name, so that you know later what uses it."))
    if len(name) > 80:
        raise TokenError(_("Token names are limited to 80 characters."))
    limit = settings.API_TOKEN_RATE_LIMIT
    if not ratelimit.hit(f"api-token:{user.pk}", limit=limit):
        raise TooManyTokens(_("You made many tokens in a short time. Please wait and try again."))
    if ApiToken.objects.active().filter(user=user).count() >= settings.API_TOKENS_PER_MEMBER:
        raise TokenError(
            _("You have %(count)d tokens already: revoke one you no longer use first.")
            % {"count": settings.API_TOKENS_PER_MEMBER}
        )
    secret = PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user, name=name, prefix=secret[: len(PREFIX) + 6], digest=digest(secret)
    )
    return Created(token=token, secret=secret)


def revoke_token(*, user: User, token_id: int) -> bool:
    """Revoke one of the user's own tokens. False when there was no such active token."""
    return bool(
        ApiToken.objects.active().filter(user=user, pk=token_id).update(revoked_at=timezone.now())
    )


def user_for(secret: str) -> User | None:
    """The active user this token belongs to, or None (unknown, revoked, or user inactive).

    Notes the time of use, at most once per LAST_USED_GRANULARITY.
    """
    if not secret.startswith(PREFIX) or len(secret) > 100 or "\x00" in secret:
        return None
    token = (
        ApiToken.objects.active()
        .select_related("user")
        .filter(digest=digest(secret), user__is_active=True)
        .first()
    )
    if token is None:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_GRANULARITY:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user
