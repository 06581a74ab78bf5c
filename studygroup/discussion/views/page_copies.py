"""Whole reading pages kept in each process's memory, keyed by explicit versions.

A copy is keyed by everything the page is made from: the group's version (its members,
weeks, questions, and every thread of it: `services.bump_version` moves it), the library's
(texts and their weeks), the viewer's (their membership, done marks, notifications), the
viewer's unread count, text size and language, the date in the group's time zone, and the
URL. Those versions are read in one round trip to the shared cache before anything is
rendered, so the same key is also the page's ETag: a browser that already holds this copy
gets a 304.

Anonymous readers share one copy: it is rendered with a slot where a CSRF token goes (their
one form, the text size, and HTMX's header), and each visitor's own token is put in as the
copy is served (a new visitor gets their cookie, as on any page). A signed-in viewer's copy
carries forms with tokens made from their CSRF secret, so it is theirs alone (the secret is
in the key), and a first
visit (no CSRF cookie yet, a new secret) keeps nothing. Only full-page GETs are kept; never
an HTMX fragment, a page with a pending flash message, or one over `PAGE_CACHE_MAX_BYTES`.
When a version is missing from the shared cache (flushed, or Redis down) the page is
rendered and nothing is kept.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Callable

from django.conf import settings
from django.contrib.messages import get_messages
from django.core.cache import caches
from django.core.cache.backends.db import DatabaseCache
from django.http import HttpRequest, HttpResponse, HttpResponseNotModified
from django.middleware.csrf import get_token
from django.utils.cache import patch_cache_control
from django.utils.translation import get_language

from studygroup import cache as versions
from studygroup.accounts.views import reader_size
from studygroup.discussion.notifications import unread_key
from studygroup.groups.models import ReadingGroup

# Where an anonymous reader's CSRF token goes in the shared copy (letters only: the same
# once escaped, in an attribute or in JSON).
CSRF_SLOT = "csrfslotd41c8e07"


def pages():
    return caches["pages"]


def _with_token(request: HttpRequest, response: HttpResponse) -> HttpResponse:
    """An anonymous reader's page with their own CSRF token in the slot."""
    slot = CSRF_SLOT.encode()
    if not request.user.is_authenticated and not response.streaming and slot in response.content:
        response.content = response.content.replace(slot, get_token(request).encode())
    return response


def _versions(request: HttpRequest, group: ReadingGroup) -> tuple | None:
    """The versions the page hangs on (one round trip), or None when one is missing."""
    user = request.user
    keys = [versions.group_version_key(group.pk), versions.LIBRARY]
    if user.is_authenticated:
        keys.append(versions.viewer_version_key(user.pk))
    found = versions.read_versions([*keys, unread_key(user.pk)] if user.is_authenticated else keys)
    missing = [key for key in keys if key not in found]
    shared = caches["default"]
    if missing and not isinstance(shared, DatabaseCache):
        # Redis lost them (a restart): start them afresh. add() keeps a version another
        # process set meanwhile; on the database cache a GET writes nothing (no keeping).
        for key in missing:
            shared.add(key, versions.new_version(), timeout=None)
        found.update(versions.read_versions(missing))
    if any(key not in found for key in keys):
        return None
    request.unread_notifications = found.get(unread_key(user.pk)) if user.is_authenticated else None
    return tuple(found[key] for key in keys) + (request.unread_notifications,)


def _etag(request: HttpRequest, group: ReadingGroup, kept_versions: tuple) -> str:
    user = request.user
    viewer = (
        (user.pk, request.META.get("CSRF_COOKIE", "")) if user.is_authenticated else ("anon", "")
    )
    raw = "\0".join(
        map(
            str,
            (
                *kept_versions,
                request.get_full_path(),
                *viewer,
                reader_size(request),
                get_language(),
                group.today(),  # which week is past, current or to come
            ),
        )
    )
    return '"' + hashlib.sha256(raw.encode()).hexdigest()[:32] + '"'


def kept(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """View decorator: keep the page until a version it hangs on moves; answer 304 for it."""

    @functools.wraps(view)
    def wrapped(request: HttpRequest, group: ReadingGroup, *args, **kwargs) -> HttpResponse:
        fragment = request.htmx and not request.htmx.history_restore_request
        if fragment or request.method != "GET" or len(get_messages(request)):
            return _with_token(request, view(request, group, *args, **kwargs))
        signed_in = request.user.is_authenticated
        # A signed-in first visit gets a fresh CSRF secret: its copy could never be served
        # again, so none is made.
        if signed_in and settings.CSRF_COOKIE_NAME not in request.COOKIES:
            return view(request, group, *args, **kwargs)
        kept_versions = _versions(request, group)
        if kept_versions is None:
            return _with_token(request, view(request, group, *args, **kwargs))
        etag = _etag(request, group, kept_versions)
        if etag in request.headers.get("If-None-Match", ""):
            return _revalidated(HttpResponseNotModified(), etag)
        copy = pages().get(etag)
        if copy is not None:
            # Kept cut at its slots: serving it is one join with the visitor's token, not a
            # search through the page (a few microseconds, not a few hundred).
            pieces, content_type = copy
            body = get_token(request).encode().join(pieces) if len(pieces) > 1 else pieces[0]
            return _revalidated(HttpResponse(body, content_type=content_type), etag)
        response = view(request, group, *args, **kwargs)
        keep = (
            response.status_code == 200
            and not response.streaming
            and not response.cookies
            and len(response.content) <= settings.PAGE_CACHE_MAX_BYTES
        )
        if keep:
            content = response.content
            pieces = [content] if signed_in else content.split(CSRF_SLOT.encode())
            pages().set(etag, (pieces, response["Content-Type"]))
            _revalidated(response, etag)
        return _with_token(request, response)

    return wrapped


def _revalidated(response: HttpResponse, etag: str) -> HttpResponse:
    """Browsers keep the page but ask again each time (a 304 when nothing moved)."""
    response["ETag"] = etag
    patch_cache_control(response, private=True, no_cache=True)
    return response
