""" "Download my data": one zip of JSON files, one per kind of thing stored about a member.

Accounts sits below every other app (app imports run one way), so each app registers the
parts it keeps when it is ready (its `data_export.py`). Each part names the user links it
covers ("app.Model.field"); tests/accounts/test_data_export.py walks the app registry and
fails when a model pointing at a member is in no part and on no exclusion list.

Every part costs a fixed number of queries, however much the member wrote.
"""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Callable
from dataclasses import dataclass

from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone
from django.utils.translation import gettext as _

from studygroup.accounts.models import AccountDeletion, User


@dataclass(frozen=True)
class Part:
    """One file of the archive: `build(user)` returns what goes into `<name>.json`."""

    name: str
    about: Callable[[], str]  # what the file holds, for README.txt (translated when written)
    covers: tuple[str, ...]  # the user links it exports, "app_label.Model.field"
    build: Callable[[User], object]


_parts: dict[str, Part] = {}


def register(part: Part) -> None:
    _parts[part.name] = part


def parts() -> list[Part]:
    return sorted(_parts.values(), key=lambda part: part.name)


def covered_links() -> set[str]:
    return {link for part in _parts.values() for link in part.covers}


def readme(user: User) -> str:
    lines = [
        _("Everything studygroup stores about you"),
        "",
        _("For %(name)s (@%(handle)s), made %(when)s (UTC).")
        % {
            "name": user.name,
            "handle": user.username,
            "when": timezone.now().strftime("%Y-%m-%d %H:%M"),
        },
        _("Each file is JSON (UTF-8). Dates are ISO 8601, in UTC."),
        "",
    ]
    for part in parts():
        lines += [f"{part.name}.json", "  " + str(part.about()), ""]
    lines += [
        _(
            "Votes: votes.json lists the votes you took part in, never how you voted. A ballot "
            "is stored with no link to the member who cast it, so nobody, not even we, can "
            "tell which ballot was yours."
        ),
        _(
            "API tokens: only their names, prefixes and dates are kept; the secret itself was "
            "shown once and never stored."
        ),
        "",
    ]
    return "\n".join(lines)


def archive(user: User) -> bytes:
    """The whole archive, built in memory (a member's words are small beside a book)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as zipped:
        zipped.writestr("README.txt", readme(user))
        for part in parts():
            data = json.dumps(part.build(user), cls=DjangoJSONEncoder, indent=2, ensure_ascii=False)
            zipped.writestr(f"{part.name}.json", data)
    return buffer.getvalue()


def rows(queryset, *fields: str) -> list[dict]:
    """One query: the rows as dicts of the named fields."""
    return list(queryset.values(*fields))


def _profile(user: User) -> dict:
    return {
        "name": user.display_name,
        "handle": user.username,
        "email": user.email,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "date_joined": user.date_joined,
        "last_login": user.last_login,
        "settings": {
            "email_notifications": user.email_notifications,
            "reader_font_size": user.reader_font_size,
            "hide_spoilers": user.hide_spoilers,
        },
        "handle_history": rows(user.old_handles.order_by("until"), "handle", "until"),
        "email_addresses": rows(
            user.emailaddress_set.order_by("pk"), "email", "verified", "primary"
        ),
        "deletion_requested": rows(
            AccountDeletion.objects.filter(user=user), "requested_at", "purge_after", "comments"
        ),
    }


register(
    Part(
        name="profile",
        about=lambda: _(
            "Your name, handle, email and settings; the handles you used before; your email "
            "addresses and whether each is verified; a pending request to delete your account."
        ),
        covers=(
            "accounts.HandleHistory.user",
            "account.EmailAddress.user",
            "accounts.AccountDeletion.user",
        ),
        build=_profile,
    )
)
