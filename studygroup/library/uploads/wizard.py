"""The two steps every import takes, whoever uploads: start (parse, stash) and claim.

started = wizard.start(request, form)          # None: the problem is on the form
... preview started.parsed, then, on "Import":
claimed = wizard.claim(request, token)         # a str: why nothing can be saved
save_imported_text(parsed=claimed.parsed, ...)
wizard.release(request, claimed, used=True)
"""

from __future__ import annotations

from dataclasses import dataclass

from django import forms
from django.http import HttpRequest

from studygroup.library.importing.document import ParsedText
from studygroup.library.uploads.fixes import FixRefused, apply_fixes
from studygroup.library.uploads.reading import checksum, parse, read_upload
from studygroup.library.uploads.stash import (
    EXPIRED,
    peek_upload,
    release_upload,
    stash_upload,
    take_upload,
)


@dataclass
class Upload:
    token: str
    filename: str
    parsed: ParsedText
    checksum: str
    payload: dict


def start(
    request: HttpRequest, form: forms.Form, *, limit: int | None = None, **extra
) -> Upload | None:
    """Step 1: read and parse the form's file and stash it; None puts the problem on the form."""
    read = read_upload(form, limit=limit)
    if read is None:
        return None
    data, filename, parsed = read
    token = stash_upload(request, data=data, filename=filename, **extra)
    payload = {"data": data, "filename": filename, "fixes": [], **extra}
    return Upload(token, filename, parsed, checksum(data), payload)


def _load(payload: dict, token: str, limit: int | None) -> Upload | str:
    parsed, problem = parse(payload["data"], payload["filename"], limit=limit)
    if problem:
        return problem
    try:
        apply_fixes(parsed, payload.get("fixes", []))
    except FixRefused as refused:  # fixes are checked when made: only a changed parser gets here
        return str(refused)
    return Upload(token, payload["filename"], parsed, checksum(payload["data"]), payload)


def reopen(request: HttpRequest, token: str, *, limit: int | None = None) -> Upload | str:
    """The stashed upload with its fixes, again, for another look (not claimed)."""
    payload = peek_upload(request, token)
    if payload is None:
        return str(EXPIRED)
    return _load(payload, token, limit)


def claim(request: HttpRequest, token: str, *, limit: int | None = None) -> Upload | str:
    """Step 2: claim the stashed upload once and parse it again with its fixes.

    A str says why there is nothing to save (expired, used, or unreadable after all).
    """
    payload = take_upload(request, token)
    if payload is None:
        return str(EXPIRED)
    loaded = _load(payload, token, limit)
    if isinstance(loaded, str):
        release_upload(request, token, used=True)
    return loaded


def release(request: HttpRequest, upload: Upload, *, used: bool) -> None:
    release_upload(request, upload.token, used=used)
