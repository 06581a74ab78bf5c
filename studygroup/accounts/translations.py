"""Compiling the catalogues (locale/<lang>/LC_MESSAGES/*.po) into the .mo files Django reads.

The .mo files are build output, not committed: this is pure Python (polib), so a fresh machine
with only Python and pip builds them, without GNU gettext. Fuzzy and untranslated entries are
left out, as msgfmt does, so they fall back to English.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import polib
from django.conf import settings
from django.utils import translation


def catalogues() -> list[Path]:
    return sorted(
        po for root in settings.LOCALE_PATHS for po in Path(root).glob("*/LC_MESSAGES/*.po")
    )


def is_stale(po: Path) -> bool:
    mo = po.with_suffix(".mo")
    return not mo.exists() or mo.stat().st_mtime < po.stat().st_mtime


def compile_catalogue(po: Path) -> None:
    """Write the .mo beside the .po; atomically, as several processes may build at once."""
    mo = po.with_suffix(".mo")
    handle, temporary = tempfile.mkstemp(dir=po.parent, suffix=".mo.tmp")
    os.close(handle)
    try:
        polib.pofile(str(po)).save_as_mofile(temporary)
        os.replace(temporary, mo)
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)


def compile_stale(*, force: bool = False) -> list[Path]:
    """Compile every catalogue whose .mo is missing or older than its .po; return those."""
    compiled = [po for po in catalogues() if force or is_stale(po)]
    for po in compiled:
        compile_catalogue(po)
    return compiled


def language_of(user) -> str:
    """The language to write to a member in: their choice, else the site's default (a task
    or a command has no browser to ask)."""
    chosen = getattr(user, "language", "") if user is not None else ""
    return chosen if chosen in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


def in_language_of(user) -> translation.override:
    """`with in_language_of(user):` renders an email or a notification in their language."""
    return translation.override(language_of(user))
