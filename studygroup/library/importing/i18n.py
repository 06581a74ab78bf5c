"""The importer's messages for translation, usable without Django settings too.

The pipeline runs inside the site (warnings shown in upload previews and the admin, in
the reader's language) and outside it (bench/, the dry-run command before setup): there,
a message stays in English. Mark messages with `_` (gettext) and `N_` (gettext_noop) so
that makemessages finds them.
"""

from __future__ import annotations

from django.utils.translation import gettext_noop


def _ready() -> bool:
    from django.conf import settings

    return settings.configured


def gettext(message: str) -> str:
    if not _ready():
        return message
    from django.utils.translation import gettext as django_gettext

    return django_gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    if not _ready():
        return singular if count == 1 else plural
    from django.utils.translation import ngettext as django_ngettext

    return django_ngettext(singular, plural, count)


__all__ = ["gettext", "gettext_noop", "ngettext"]
