"""An upload's bytes between its preview and its save.

They wait in the shared cache (every app process sees the same one, unlike a temp file
on one server's disk) under a random token that is also kept in the uploader's session,
so only they can confirm it. Saving claims the token once: an expired or already used
token says so and writes nothing.
"""

from __future__ import annotations

import secrets

from django.core.cache import cache
from django.http import HttpRequest
from django.utils.translation import gettext_lazy

UPLOAD_TIMEOUT = 2 * 60 * 60  # seconds a parsed upload waits for its "Import" click
UPLOADS_IN_SESSION = 5  # tokens kept per session; older previews expire
SESSION_KEY = "library_uploads"

EXPIRED = gettext_lazy("This upload has expired or was already imported; upload the file again.")


def _key(request: HttpRequest, token: str) -> str:
    return f"library:upload:{request.user.pk}:{token}"


def stash_upload(request: HttpRequest, *, data: bytes, filename: str, **extra) -> str:
    """Keep an upload's bytes (and `extra`, e.g. its fixes) until it is saved; its token."""
    token = secrets.token_urlsafe(24)
    payload = {"data": data, "filename": filename, "fixes": [], **extra}
    cache.set(_key(request, token), payload, UPLOAD_TIMEOUT)
    tokens = [*request.session.get(SESSION_KEY, []), token][-UPLOADS_IN_SESSION:]
    request.session[SESSION_KEY] = tokens
    return token


def peek_upload(request: HttpRequest, token: str) -> dict | None:
    """The stashed upload, not claimed (to preview it again); None when gone or used."""
    if token not in request.session.get(SESSION_KEY, []):
        return None
    key = _key(request, token)
    if cache.get(f"{key}:claimed"):
        return None
    return cache.get(key)


def update_upload(request: HttpRequest, token: str, payload: dict) -> None:
    """Store a changed payload (a fix added in the preview) under the same token."""
    cache.set(_key(request, token), payload, UPLOAD_TIMEOUT)


def take_upload(request: HttpRequest, token: str) -> dict | None:
    """The stashed upload for this user, claimed once; None when gone or used."""
    if token not in request.session.get(SESSION_KEY, []):
        return None
    key = _key(request, token)
    # cache.add is atomic: of two "Import" clicks racing, only one claims the upload.
    if not cache.add(f"{key}:claimed", True, UPLOAD_TIMEOUT):
        return None
    payload = cache.get(key)
    if payload is None:
        cache.delete(f"{key}:claimed")
    return payload


def release_upload(request: HttpRequest, token: str, *, used: bool) -> None:
    key = _key(request, token)
    if used:
        cache.delete(key)
        request.session[SESSION_KEY] = [
            t for t in request.session.get(SESSION_KEY, []) if t != token
        ]
    else:  # the save failed: the uploader may fix the form and try again
        cache.delete(f"{key}:claimed")
