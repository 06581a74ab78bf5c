""" "Delete my account": a request, a grace period, then an erasure that leaves no name.

1. `request_deletion`: the account is deactivated and an AccountDeletion row says when it goes
   and what happens to the member's comments (kept, signed "a former member", or tombstones).
2. Signing in during the grace period cancels it (accounts/adapter.py `pre_login`).
3. `purge_due` (the `purge_deleted_accounts` command, run by cron or a systemd timer) erases
   each account whose period has passed.

Accounts sits below every other app, so each app registers an *eraser* when it is ready (its
`deletion.py`): it rewrites what the app keeps that names the member in words (mentions in
other people's comments, log reasons, meeting notes...). Then the user row is deleted: rows
that belong to the member go with it (CASCADE), rows others share lose the link (SET_NULL,
shown as "a former member").
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone

from studygroup.accounts.models import AccountDeletion, User
from studygroup.cache import bump_rows_on_commit

FORMER_HANDLE = "former-member"
FORMER_NAME = "a former member"
# Names, and handles written without their @, shorter than this are left in other people's
# prose: rewriting every "Al" or "jo" would damage far more than it hides.
MIN_BARE_WORD = 3


@dataclass(frozen=True)
class Identity:
    """Every string that names the member: their names, handles (old ones too) and emails."""

    user: User
    names: tuple[str, ...]
    handles: tuple[str, ...]
    emails: tuple[str, ...]

    @classmethod
    def of(cls, user: User) -> Identity:
        names = {user.display_name, f"{user.first_name} {user.last_name}".strip()}
        handles = {user.username, *user.old_handles.values_list("handle", flat=True)}
        emails = {user.email, *user.emailaddress_set.values_list("email", flat=True)}
        # Longest first, so "Rosa Lux" goes before "Rosa".
        clean = lambda values: tuple(sorted({v for v in values if v}, key=len, reverse=True))  # noqa: E731
        return cls(user=user, names=clean(names), handles=clean(handles), emails=clean(emails))

    @property
    def needles(self) -> tuple[str, ...]:
        return self.names + self.handles + self.emails

    def scrub(self, text: str) -> str:
        """The text with every mention, email and name of the member replaced."""
        for email in self.emails:
            text = re.sub(re.escape(email), FORMER_HANDLE, text, flags=re.IGNORECASE)
        # Names first (the longest first), so a handle inside a name takes no part of it.
        for name in self.names:
            if len(name) < MIN_BARE_WORD:  # "A" or "Jo" would take every such word with it
                continue
            text = re.sub(rf"(?<![\w@]){re.escape(name)}(?!\w)", FORMER_NAME, text, flags=re.I)
        for handle in self.handles:
            word = rf"@{re.escape(handle)}(?![\w-])"
            # A rendered mention is a link to the member: the link goes, plain text stays.
            text = re.sub(rf"<a\b[^>]*>{word}</a>", f"@{FORMER_HANDLE}", text, flags=re.I)
            text = re.sub(word, f"@{FORMER_HANDLE}", text, flags=re.IGNORECASE)
            # Written without the @ too ("I, rosa_l, ..."): as a whole word only.
            if len(handle) >= MIN_BARE_WORD:
                bare = rf"(?<![\w@-]){re.escape(handle)}(?![\w-])"
                text = re.sub(bare, FORMER_HANDLE, text, flags=re.IGNORECASE)
        return text

    def scrub_rows(self, model: type[models.Model], fields: Iterable[str]) -> list[models.Model]:
        """Rewrite `fields` of every row of `model` that names the member; returns those rows."""
        fields = list(fields)
        naming = Q()
        for field in fields:
            for needle in self.needles:
                naming |= Q(**{f"{field}__icontains": needle})
        changed = []
        for row in model.objects.filter(naming):
            values = {field: self.scrub(getattr(row, field) or "") for field in fields}
            model.objects.filter(pk=row.pk).update(**values)  # no save(): nothing re-rendered
            changed.append(row)
        bump_rows_on_commit(model, changed)
        return changed


# An eraser: (identity, keep_comments) -> None, run inside the purge's transaction.
Eraser = Callable[[Identity, bool], None]
_erasers: dict[str, Eraser] = {}


def register_eraser(name: str, eraser: Eraser) -> None:
    _erasers[name] = eraser


def grace_period() -> timedelta:
    return timedelta(days=settings.ACCOUNT_DELETION_GRACE_DAYS)


@transaction.atomic
def request_deletion(*, user: User, comments: str) -> AccountDeletion:
    """Deactivate the account; it is erased after the grace period unless they sign in."""
    deletion, _ = AccountDeletion.objects.update_or_create(
        user=user,
        defaults={"purge_after": timezone.now() + grace_period(), "comments": comments},
    )
    User.objects.filter(pk=user.pk).update(is_active=False)
    bump_rows_on_commit(User, [user])
    user.is_active = False
    return deletion


@transaction.atomic
def cancel_deletion(user: User) -> bool:
    """Signing in during the grace period: the account is theirs again. True if one was due."""
    deleted, _ = AccountDeletion.objects.filter(user=user).delete()
    if deleted:
        User.objects.filter(pk=user.pk).update(is_active=True)
        bump_rows_on_commit(User, [user])
        user.is_active = True
    return bool(deleted)


def pending(user: User) -> AccountDeletion | None:
    return AccountDeletion.objects.filter(user=user).first()


@transaction.atomic
def erase(user: User, *, keep_comments: bool) -> None:
    """Erase the member now: each app's eraser, then the user row and what hangs on it."""
    identity = Identity.of(user)
    for eraser in _erasers.values():
        eraser(identity, keep_comments)
    # The admin's history of changes *to* this account names them in `object_repr`.
    LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(User), object_id=str(user.pk)
    ).delete()
    identity.scrub_rows(LogEntry, ["object_repr", "change_message"])
    user.delete()


def purge_due(*, now: datetime | None = None) -> int:
    """Erase every account whose grace period has passed; how many were erased."""
    now = now or timezone.now()
    erased = 0
    due = AccountDeletion.objects.filter(purge_after__lte=now).select_related("user")
    for deletion in due:
        erase(deletion.user, keep_comments=deletion.comments == AccountDeletion.Comments.KEEP)
        erased += 1
    return erased
