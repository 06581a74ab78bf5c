"""The importer's messages for translation, usable without Django settings too.

The pipeline runs inside the site (warnings shown in upload previews and the admin, in
the reader's language) and outside it (bench/, the dry-run command before setup): there,
a message stays in English. Call sites import these as `_` (gettext), `ngettext` and
`gettext_noop`, names that makemessages looks for.
"""

from __future__ import annotations


def gettext_noop(message: str) -> str:
    """Marks a message for translation, to be translated where it is shown."""
    return message


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
