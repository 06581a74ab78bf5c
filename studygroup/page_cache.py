"""Whole pages kept per viewer, invalidated by any write to the database.

A busy page (the week's reading with its discussion) is rendered from many rows: the text,
the thread, the questions, the schedule, the viewer's role, their badge. Keying a cached copy
by each of those would mean reading them all, which is most of the cost. Instead every page
copy is keyed by one *write epoch*: a token in the shared cache (the database or Redis, so
every app process sees it) that moves after every committed write to a table a page could
show. A SQL-level hook on each database connection moves it, so no write path (ORM save,
queryset update, bulk create, raw SQL, admin action, the task worker) can forget to.

Writes are rare next to reads in a reading group, so moving one epoch for every write is
cheap; a copy lives in each process's memory (`pages` cache) and costs nothing to drop.

What a page shows that the database does not hold goes into the key as well: the viewer,
their CSRF secret (forms on the page carry tokens derived from it), the reader's text size
kept in a visitor's session, the language it is shown in, the date in the group's time zone,
and the URL. Pages with a pending flash message are never cached.

Derived caches a page reads while it renders (the thread's version, the badge's unread
count) must move the epoch *after* they change (`bump`), so that a page rendered between
the write's epoch bump and their own update is not kept under the new epoch.
"""

from __future__ import annotations

import atexit
import contextlib
import functools
import hashlib
import re
import time
from collections.abc import Callable

from django.conf import settings
from django.contrib.messages import get_messages
from django.core.cache import cache, caches
from django.core.management import call_command
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.backends.signals import connection_created
from django.db.models.signals import pre_migrate
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.utils import translation

from studygroup import ratelimit
from studygroup.accounts.views import reader_size

EPOCH_KEY = "pages:epoch"

# The first keyword of a statement that changes data; reads, savepoints and PRAGMAs do not.
WRITE = re.compile(
    r"""^\s*(?:insert(?:\s+or\s+\w+)?\s+into|update(?:\s+or\s+\w+)?|delete\s+from|replace\s+into)
    \s+["`]?([\w.]+)""",
    re.IGNORECASE | re.VERBOSE,
)


def _database_cache_tables() -> set[str]:
    return {
        config["LOCATION"]
        for config in settings.CACHES.values()
        if config["BACKEND"].endswith("DatabaseCache")
    }


def _quiet_tables() -> frozenset[str]:
    """Tables no cached page shows: sessions, the database cache itself, rate-limit counters,
    API tokens (a token's use notes its time: API reads must not empty the page cache)."""
    quiet = {"django_session", ratelimit.TABLE, "api_apitoken", *_database_cache_tables()}
    return frozenset(quiet)


def changes_pages(sql: str, quiet: frozenset[str]) -> bool:
    """Whether `sql` writes to a table a page could show (not a quiet one, nor the queue)."""
    match = WRITE.match(sql)
    if match is None:
        return False
    table = match.group(1).lower()
    return table not in quiet and not table.startswith("django_tasks")


# --- The epoch ----------------------------------------------------------------------------
#
# The epoch moves after a write is committed, never before (a copy made from the old rows
# must not be kept under the new epoch) and never inside the writing statement (on SQLite an
# INSERT's RETURNING rows are still to be fetched, and the database cache shares the
# connection):
# * a write inside a transaction moves it once the transaction commits (`on_commit`);
# * a write in autocommit mode sets `page_bump_due`, and the epoch moves before the
#   connection's next statement, when the response leaves (`FlushWritesMiddleware`), when a
#   page reads the epoch, or at exit, whichever comes first.


def bump() -> None:
    """Move the epoch: every page copy kept so far is dropped, in every process."""
    cache.set(EPOCH_KEY, f"{time.time_ns():x}", timeout=None)


def _bump_committed(alias: str) -> None:
    connections[alias].page_changed_in_transaction = False
    bump()


def flush(connection=None) -> None:
    """Move the epoch for this connection's autocommit writes, if any.

    Not inside a transaction: with the database cache, a rollback would take the move back.
    """
    connection = connection or connections[DEFAULT_DB_ALIAS]
    if getattr(connection, "page_bump_due", False) and not connection.in_atomic_block:
        connection.page_bump_due = False
        bump()


def _flush_all() -> None:
    for connection in connections.all(initialized_only=True):
        flush(connection)


def _flush_at_exit() -> None:
    """A command's last autocommit write. Best effort: the database may already be gone."""
    with contextlib.suppress(Exception):
        _flush_all()


def _track_writes(execute, sql, params, many, context):
    connection = context["connection"]
    flush(connection)
    result = execute(sql, params, many, context)
    if changes_pages(sql, connection.page_cache_quiet_tables):
        if not connection.in_atomic_block:
            connection.page_bump_due = True
            return result
        connection.page_changed_in_transaction = True
        pending = (getattr(func, "func", None) for _, func, _ in connection.run_on_commit)
        if _bump_committed not in pending:
            bump_later = functools.partial(_bump_committed, connection.alias)
            transaction.on_commit(bump_later, using=connection.alias)
    return result


def _install(connection, **kwargs) -> None:
    if _track_writes not in connection.execute_wrappers:
        connection.page_cache_quiet_tables = _quiet_tables()
        connection.execute_wrappers.append(_track_writes)


def _create_cache_table(using: str = DEFAULT_DB_ALIAS, **kwargs) -> None:
    """Migrations write, and each write moves the epoch: its table must exist first."""
    if _database_cache_tables():
        call_command("createcachetable", database=using, verbosity=0)


def install() -> None:
    """Track writes on every database connection, from now on and already open."""
    connection_created.connect(_install, dispatch_uid="studygroup.page_cache")
    pre_migrate.connect(_create_cache_table, dispatch_uid="studygroup.page_cache")
    for connection in connections.all(initialized_only=True):
        _install(connection)
    atexit.register(_flush_at_exit)


class FlushWritesMiddleware:
    """Move the epoch for a view's autocommit writes before its response leaves."""

    def __init__(self, get_response: Callable) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        _flush_all()
        return response


def current_epoch() -> str | None:
    """The epoch, or None when the shared cache has none yet (then nothing is cached)."""
    connection = connections[DEFAULT_DB_ALIAS]
    flush(connection)
    if getattr(connection, "page_changed_in_transaction", False):
        connection.page_changed_in_transaction = False
        if connection.in_atomic_block:
            # This transaction's own writes: its later reads must not get a copy made before
            # them. (The commit moves the epoch again, for everyone else.)
            bump()
    return cache.get(EPOCH_KEY)


# --- Pages --------------------------------------------------------------------------------


def pages():
    return caches["pages"]


def _key(request: HttpRequest, epoch: str, parts: tuple) -> str:
    viewer = request.user.pk if request.user.is_authenticated else "anon"
    raw = "\0".join(
        map(
            str,
            (
                epoch,
                request.get_full_path(),
                viewer,
                request.META.get("CSRF_COOKIE", ""),
                reader_size(request),
                translation.get_language(),
                *parts,
            ),
        )
    )
    return "page:" + hashlib.sha256(raw.encode()).hexdigest()


def per_viewer(vary: Callable[..., tuple]) -> Callable:
    """View decorator: keep the page's HTML per viewer until the next write.

    `vary(request, *args, **kwargs)` names what else the page depends on that the database
    does not hold (the date, say). Only full-page GETs are kept, never an HTMX fragment.
    """

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @functools.wraps(view)
        def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            fragment = request.htmx and not request.htmx.history_restore_request
            if fragment or request.method != "GET" or len(get_messages(request)):
                return view(request, *args, **kwargs)
            # A first visit (no CSRF cookie yet) gets a fresh secret: its copy could never be
            # served again, so none is made, and crawlers cannot crowd out readers' pages.
            first_visit = settings.CSRF_COOKIE_NAME not in request.COOKIES
            epoch = None if first_visit else current_epoch()
            if epoch is None:
                return view(request, *args, **kwargs)
            get_token(request)  # keep the CSRF cookie fresh, as the rendered page would
            key = _key(request, epoch, vary(request, *args, **kwargs))
            kept = pages().get(key)
            if kept is not None:
                body, content_type = kept
                return HttpResponse(body, content_type=content_type)
            response = view(request, *args, **kwargs)
            cacheable = (
                response.status_code == 200
                and not response.streaming
                and not response.cookies
                and len(response.content) <= settings.PAGE_CACHE_MAX_BYTES
            )
            if cacheable:
                pages().set(key, (response.content, response["Content-Type"]))
            return response

        return wrapped

    return decorator
