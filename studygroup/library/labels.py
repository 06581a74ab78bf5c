"""How a text is named in lists and dropdowns: its title and authors, never a file name."""

from __future__ import annotations

import re

from django.utils.formats import date_format
from django.utils.translation import gettext

from studygroup.library.models import Text

# Titles an importer fell back on: a file name ("a3f9c2e1.txt") or a hash ("3f2a9c0e7b1d").
_FILE_NAME = re.compile(r"^[\w.-]+\.(?:txt|md|markdown|epub|pdf|html?|xhtml|docx?|odt|rtf)$", re.I)
_HASH = re.compile(r"^(?=.*\d)[0-9a-f-]{8,}$", re.I)


def has_real_title(text: Text) -> bool:
    """Whether `text.title` names the work, rather than the file it was imported from."""
    title = text.title.strip()
    if not title or _FILE_NAME.match(title) or _HASH.match(title):
        return False
    filename = (text.original_filename or "").strip()
    stem = filename.rsplit(".", 1)[0]
    # The file's own name is a title only when it reads like one ("Capital"), not "capital_v2".
    file_like = title.islower() or re.search(r"[_\d]", title) is not None
    return " " in title or title not in {filename, stem} or not file_like


def text_label(text: Text) -> str:
    """How a text is named in a list: "The Communist Manifesto — Marx & Engels"."""
    if has_real_title(text):
        name = text.title.strip()
    else:
        # Translators: a text whose title is only a file name; the date it was imported.
        name = gettext("Untitled text (imported %(date)s)") % {
            "date": date_format(text.created_at, "j F Y")
        }
    author = text.author.strip()
    return f"{name} — {author}" if author else name
