"""Read an uploaded file into a ParsedText, or say clearly why not."""

from __future__ import annotations

import hashlib
import logging

from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext

from studygroup.library.importing.document import ImportProblem, ParsedText
from studygroup.library.importing.formats import read_document

logger = logging.getLogger(__name__)


def read_upload(
    form: forms.Form, *, limit: int | None = None
) -> tuple[bytes, str, ParsedText] | None:
    """Parse the form's `file`; put any problem on the form and return None."""
    upload = form.cleaned_data["file"]
    limit = settings.IMPORT_MAX_BYTES if limit is None else limit
    if upload.size > limit:
        # Refuse before reading a huge upload into memory.
        form.add_error(
            "file",
            gettext("%(name)s is %(size)s; the limit is %(limit)s.")
            % {
                "name": upload.name,
                "size": filesizeformat(upload.size),
                "limit": filesizeformat(limit),
            },
        )
        return None
    data = upload.read()
    parsed, problem = parse(data, upload.name, limit=limit)
    if problem:
        form.add_error("file", problem)
        return None
    return data, upload.name, parsed


def parse(
    data: bytes, filename: str, *, limit: int | None = None
) -> tuple[ParsedText | None, str | None]:
    """The parsed text, or the message that explains why there is none."""
    limit = settings.IMPORT_MAX_BYTES if limit is None else limit
    try:
        return read_document(data, filename, max_bytes=limit), None
    except ImportProblem as problem:
        return None, str(problem)
    except Exception:  # noqa: BLE001 - a parser bug must not cost the uploader a 500
        logger.exception("importing %s failed", filename)
        return None, gettext(
            "%(name)s could not be read (an error on our side, now logged). "
            "Try another format of the same text."
        ) % {"name": filename}


def checksum(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
