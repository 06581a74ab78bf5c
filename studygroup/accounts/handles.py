"""@handles: chosen by each person, never derived from an email address.

A handle someone gave up stays theirs (recorded in `HandleHistory`): old comments that
mention it still resolve to them, and nobody else can take it to pass as them.
"""

from __future__ import annotations

import re
import secrets

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models.functions import Lower
from django.utils.text import slugify
from django.utils.translation import gettext as _

from studygroup.accounts.models import HandleHistory, User

MIN_LENGTH, MAX_LENGTH = 2, 30
# Starts and ends with a letter, digit or `_`, so a mention "@name-" never stops short.
HANDLE = re.compile(r"^[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,28}[A-Za-z0-9_])?$")
RESERVED = frozenset(
    {
        "admin", "administrator", "all", "anonymous", "api", "accounts", "deleted",
        "everyone", "facilitator", "help", "here", "me", "moderator", "null", "none",
        "profile", "reader", "root", "settings", "staff", "studygroup", "support",
        "system", "you",
    }
)  # fmt: skip


def user_display(user: User) -> str:
    """ACCOUNT_USER_DISPLAY: messages name people by their display name, never their email."""
    return user.name


def is_taken(handle: str, *, by_other_than: User | None = None) -> bool:
    """Whether someone else has this handle, now or before (case-insensitively)."""
    others = User.objects.all()
    history = HandleHistory.objects.all()
    if by_other_than is not None and by_other_than.pk:
        others = others.exclude(pk=by_other_than.pk)
        history = history.exclude(user=by_other_than)
    return (
        others.filter(username__iexact=handle).exists()
        or history.filter(handle__iexact=handle).exists()
    )


def validate_handle(handle: str, *, user: User | None = None) -> str:
    handle = (handle or "").strip().removeprefix("@")
    if not MIN_LENGTH <= len(handle) <= MAX_LENGTH or not HANDLE.match(handle):
        raise ValidationError(
            _(
                "Use %(min)d to %(max)d letters, digits, “_” or “-”, "
                "starting and ending with a letter, digit or “_”."
            )
            % {"min": MIN_LENGTH, "max": MAX_LENGTH},
            code="invalid",
        )
    # reader-NNNN is the neutral pattern the site hands out itself.
    reserved = handle.lower() in RESERVED or handle.lower().startswith("reader-")
    if reserved and not (user is not None and user.username.lower() == handle.lower()):
        raise ValidationError(_("That handle is reserved."), code="reserved")
    if is_taken(handle, by_other_than=user):
        raise ValidationError(_("That handle is taken."), code="taken")
    return handle


def neutral_handle() -> str:
    """reader-NNNN: says nothing about the person."""
    while True:
        handle = f"reader-{secrets.randbelow(900000) + 1000}"
        if not is_taken(handle):
            return handle


def suggested_handle(display_name: str) -> str:
    """A handle made from the display name (if it makes a valid, free one), else neutral."""
    base = slugify(display_name or "").replace("-", "_")[:MAX_LENGTH].strip("_") or ""
    for candidate in (base, *(f"{base[: MAX_LENGTH - 4]}_{n}" for n in range(2, 20))):
        try:
            return validate_handle(candidate)
        except ValidationError:
            if len(base) < MIN_LENGTH:
                break
    return neutral_handle()


@transaction.atomic
def change_handle(user: User, handle: str) -> None:
    """Give `user` a new handle; the old one stays theirs, in their history."""
    old = user.username
    if old == handle:
        return
    if old and not HandleHistory.objects.filter(user=user, handle__iexact=old).exists():
        HandleHistory.objects.create(user=user, handle=old)
    # Taking back one of one's own old handles: it is current again, not history.
    HandleHistory.objects.filter(user=user, handle__iexact=handle).delete()
    user.username = handle
    user.save(update_fields=["username"])


def users_by_old_handle(handles: set[str]):
    """Ids of the people who used any of these (lower-cased) handles before."""
    return (
        HandleHistory.objects.annotate(lowered=Lower("handle"))
        .filter(lowered__in=handles)
        .values("user_id")
    )
