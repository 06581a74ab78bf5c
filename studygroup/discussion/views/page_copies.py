"""Whole reading pages kept in each process's memory, keyed by explicit versions.

A copy is keyed by everything the page is made from: the group's version (its members,
weeks, questions, and every thread of it: `services.bump_version` moves it), the library's
(texts and their weeks), the viewer's (their membership, done marks, notifications), the
viewer's unread count, text size and language, the date in the group's time zone, and the
URL. Those versions are read in one round trip to the shared cache before anything is
rendered, so the same key is also the page's ETag (weak: a member's copy gets a fresh
compose token on each serve): a browser that already holds this copy gets a 304.

Anonymous readers share one copy: it is rendered with a slot where a CSRF token goes (their
one form, the text size, and HTMX's header), and each visitor's own token is put in as the
copy is served (a new visitor gets their cookie, as on any page). A signed-in viewer's copy
carries forms with tokens made from their CSRF secret, so it is theirs alone (the secret is
in the key), and a first visit (no CSRF cookie yet, a new secret) keeps nothing; its compose
form's one-time token is a slot too, filled afresh on every serve (two tabs of one copy
must not post as one form). Only full-page GETs are kept; never an HTMX fragment, a page
with a pending flash message, or one over `PAGE_CACHE_MAX_BYTES`.
When a version is missing from the shared cache (flushed, or Redis down) the page is
rendered and nothing is kept.

A kept copy is served before the group is loaded and access decided (`kept_before_access`):
its key holds the versions of everything that decision reads, and it was only made after the
decision allowed it.

Frames: the same page without its thread and the text's comment markers (`Frame`), kept
under the same key but with the group's frame version in place of the group's. A comment
moves the group's version but not its frame's (`cache.THREAD_ONLY`), so after one the view
fills the kept frame with the thread and markers instead of rendering the page again.
"""

from __future__ import annotations

import functools
import hashlib
import itertools
import re
import zoneinfo
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.contrib.messages import get_messages
from django.core.cache import caches
from django.core.cache.backends.db import DatabaseCache
from django.http import HttpRequest, HttpResponse, HttpResponseNotModified
from django.middleware.csrf import get_token
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.http import parse_etags
from django.utils.translation import get_language

from studygroup import cache as versions
from studygroup.accounts.views import reader_size
from studygroup.discussion.notifications import unread_key
from studygroup.discussion.views.contexts import new_client_token
from studygroup.groups.models import ReadingGroup

# Where an anonymous reader's CSRF token goes in the shared copy (letters only: the same
# once escaped, in an attribute or in JSON). The page is cut at the slot in its double quotes
# (`value="…"`, `"x-csrftoken": "…"`): escaped user text never holds a literal `"`, so a
# comment or a question quoting the slot's letters is not cut.
CSRF_SLOT = "csrfslotd41c8e07"
_CSRF_MARK = f'"{CSRF_SLOT}"'
# Where the compose form's one-time token goes in a member's page, and the marker it is cut at
# (the input's name, and the quotes user text cannot produce).
CLIENT_TOKEN_SLOT = "clienttokenslot5b1e0c"
_CLIENT_TOKEN_MARK = f'name="client_token" value="{CLIENT_TOKEN_SLOT}"'
# Where a kept frame takes what a write to the thread changes.
THREAD_SLOT = "<!-- the thread -->"
TEXT_SLOT = "<!-- the text with its comment markers -->"
_SLOTS = re.compile(f"({re.escape(THREAD_SLOT)}|{re.escape(TEXT_SLOT)})")
_FILLS = {THREAD_SLOT: "thread", TEXT_SLOT: "text"}


@dataclass(frozen=True)
class Frame:
    """A reading page without what a write to its thread changes: split at its slots (the
    odd parts), so filling it is one join."""

    parts: tuple[str, ...]

    @classmethod
    def of(cls, html: str) -> Frame:
        return cls(tuple(_SLOTS.split(html)))

    def fill(self, *, thread: str, text: str) -> str:
        """The page: its compose form's token is still `CLIENT_TOKEN_SLOT`, filled as it is
        served (a frame outlives many pages; `kept`)."""
        fills = {"thread": thread, "text": text}
        return "".join(
            fills[_FILLS[part]] if odd else part
            for odd, part in zip(itertools.cycle((False, True)), self.parts)
        )


def pages():
    return caches["pages"]


def _cut(request: HttpRequest, content: bytes) -> list[bytes]:
    """A page cut where it is filled as it is served: one kind of slot per viewer.

    A member's copy carries their own CSRF tokens, and its compose form a one-time token that
    must be fresh on every page (two pages with one token would post once): cut at that one
    form's input, the first, so the search stops before the thread (megabytes at a thousand
    comments). An anonymous reader's copy has no compose form (only members post): cut at
    each of its CSRF slots. Both markers hold quotes, which no escaped user text does.
    """
    if request.user.is_authenticated:
        return content.split(_CLIENT_TOKEN_MARK.encode(), 1)
    return content.split(_CSRF_MARK.encode())


def _filled(request: HttpRequest, pieces: list[bytes]) -> bytes:
    """A page cut at its slots (`_cut`), filled for this serve: one join."""
    if len(pieces) == 1:
        return pieces[0]
    if request.user.is_authenticated:
        fill = _CLIENT_TOKEN_MARK.replace(CLIENT_TOKEN_SLOT, new_client_token())
    else:
        fill = _CSRF_MARK.replace(CSRF_SLOT, get_token(request))
    return fill.encode().join(pieces)


def _with_token(request: HttpRequest, response: HttpResponse) -> HttpResponse:
    """A page not kept, with this serve's token in its slot."""
    if not response.streaming:
        response.content = _filled(request, _cut(request, response.content))
    return response


def _versions(request: HttpRequest, group_id: int) -> tuple | None:
    """The versions the page hangs on (one round trip), or None when one is missing.

    The group's frame version is read in the same round trip: with the others but the
    group's, it keys the page's frame (`frame_key`)."""
    user = request.user
    keys = [versions.group_version_key(group_id), versions.LIBRARY]
    if user.is_authenticated:
        keys.append(versions.viewer_version_key(user.pk))
    frame = versions.group_frame_key(group_id)
    extra = [frame, unread_key(user.pk)] if user.is_authenticated else [frame]
    found = versions.read_versions([*keys, *extra])
    missing = [key for key in [*keys, frame] if key not in found]
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
    request.unread_looked_up = user.is_authenticated  # the badge need not ask again
    request.frame_version = found.get(frame)
    return tuple(found[key] for key in keys) + (request.unread_notifications,)


def frame_key(request: HttpRequest) -> str | None:
    """The key of the page's frame: the page's own but for the group's frame version in place
    of the group's, so a write to a thread leaves it. None when the versions were not read
    (an HTMX fragment, a flash message, a first visit, a cache without them): then the frame
    is rendered and not kept."""
    return getattr(request, "_frame_key", None)


def frames():
    """Frames are kept beside the thread fragments they are filled with."""
    return caches["local"]


def _etag(request: HttpRequest, group_id: int, today: date, kept_versions: tuple) -> str:
    user = request.user
    viewer = (
        (user.pk, request.META.get("CSRF_COOKIE", "")) if user.is_authenticated else ("anon", "")
    )
    raw = "\0".join(
        map(
            str,
            (
                group_id,
                *kept_versions,
                request.get_full_path(),
                *viewer,
                reader_size(request),
                get_language(),
                today,  # in the group's time zone: which week is past, current or to come
            ),
        )
    )
    # Weak: a member's copy is the same page under it, but with a fresh compose token each
    # serve, so not the same bytes.
    return 'W/"' + hashlib.sha256(raw.encode()).hexdigest()[:32] + '"'


def _held(request: HttpRequest, etag: str) -> bool:
    """Whether the browser holds this copy: `If-None-Match` compared weakly (RFC 9110 13.1.2:
    the only comparison it allows), so a tag sent back without its `W/` still matches."""
    held = parse_etags(request.headers.get("If-None-Match", ""))
    return "*" in held or any(tag.removeprefix("W/") == etag.removeprefix("W/") for tag in held)


def _keepable(request: HttpRequest) -> bool:
    """A full-page GET with no flash message pending, by a reader whose copy can be served
    again: a signed-in first visit (no CSRF cookie yet) gets a fresh secret, so no copy."""
    fragment = request.htmx and not request.htmx.history_restore_request
    if fragment or request.method != "GET" or len(get_messages(request)):
        return False
    return not request.user.is_authenticated or settings.CSRF_COOKIE_NAME in request.COOKIES


def _served(request: HttpRequest, etag: str) -> HttpResponse | None:
    """The 304 or the kept copy for `etag`; None when this process keeps none."""
    if _held(request, etag):
        return _revalidated(HttpResponseNotModified(), etag)
    copy = pages().get(etag)
    if copy is None:
        return None
    # Kept cut at its slot: serving it is one join with this serve's token, not a search
    # through the page (a few microseconds, not a few hundred).
    pieces, content_type = copy
    return _revalidated(HttpResponse(_filled(request, pieces), content_type=content_type), etag)


# The groups pages were kept for, by slug: (id, time zone), for `kept_before_access`. A stale
# entry (a slug renamed or reused) only names versions no kept copy hangs on.
_known_groups: dict[str, tuple[int, str]] = {}
KNOWN_GROUPS_MAX = 10_000


def kept_before_access(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """View decorator, outside `policy.require`: serve a kept copy (or a 304) before the group
    is loaded and access decided, which saves a query on every kept page.

    Sound because a copy is only made after the check allowed the view (`kept`, inside it), and
    its key holds the versions of all the check reads: the group's row and the viewer's role in
    it (the group's version: a membership moves it), the viewer's row (theirs). While the copy
    is found, the check would decide the same; once one moved, the copy is never found again.
    """

    @functools.wraps(view)
    def wrapped(request: HttpRequest, slug: str, *args, **kwargs) -> HttpResponse:
        known = _known_groups.get(slug)
        if known is not None and _keepable(request):
            group_id, zone = known
            kept_versions = _versions(request, group_id)
            if kept_versions is not None:
                # `kept` reuses them: one round trip whether or not a copy is found.
                request.kept_versions = (group_id, kept_versions)
                today = timezone.now().astimezone(zoneinfo.ZoneInfo(zone)).date()
                served = _served(request, _etag(request, group_id, today, kept_versions))
                if served is not None:
                    return served
        return view(request, slug, *args, **kwargs)

    return wrapped


def kept(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """View decorator: keep the page until a version it hangs on moves; answer 304 for it."""

    @functools.wraps(view)
    def wrapped(request: HttpRequest, group: ReadingGroup, *args, **kwargs) -> HttpResponse:
        if not _keepable(request):
            return _with_token(request, view(request, group, *args, **kwargs))
        if len(_known_groups) >= KNOWN_GROUPS_MAX:
            _known_groups.clear()
        _known_groups[group.slug] = (group.pk, group.timezone)
        read_before = getattr(request, "kept_versions", None)
        if read_before is not None and read_before[0] == group.pk:
            kept_versions = read_before[1]  # read before the group was loaded: still safe
        else:
            kept_versions = _versions(request, group.pk)
        if kept_versions is None:
            return _with_token(request, view(request, group, *args, **kwargs))
        today = group.today()
        etag = _etag(request, group.pk, today, kept_versions)
        frame_version = getattr(request, "frame_version", None)
        if frame_version is not None:
            frame_versions = (frame_version, *kept_versions[1:])
            request._frame_key = "frame:" + _etag(request, group.pk, today, frame_versions)
        served = _served(request, etag)
        if served is not None:
            return served
        response = view(request, group, *args, **kwargs)
        keep = (
            response.status_code == 200
            and not response.streaming
            and not response.cookies
            and len(response.content) <= settings.PAGE_CACHE_MAX_BYTES
        )
        if not keep:
            return _with_token(request, response)
        pieces = _cut(request, response.content)
        pages().set(etag, (pieces, response["Content-Type"]))
        response.content = _filled(request, pieces)
        return _revalidated(response, etag)

    return wrapped


def _revalidated(response: HttpResponse, etag: str) -> HttpResponse:
    """Browsers keep the page but ask again each time (a 304 when nothing moved)."""
    response["ETag"] = etag
    patch_cache_control(response, private=True, no_cache=True)
    return response
