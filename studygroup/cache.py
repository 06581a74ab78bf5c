"""The shared cache: versions that cached HTML is keyed by, and the forgiving Redis backend.

Versions. Cached HTML is keyed by the *versions* of what it was made from: a group's (and
its frame's: the group apart from its threads), a viewer's, the library's (texts and their
weeks), a thread's. A version is an opaque token in
the shared cache (Redis, or the database cache), so every app process sees it move. Writes
move it after they commit (`bump_on_commit`, through `transaction.on_commit`); nothing is
ever deleted, a copy made from older rows is simply never asked for again. `model_versions`
says which versions a saved or deleted row moves; `studygroup/discussion/apps.py` connects
it to every model's `post_save`/`post_delete`, and the discussion services move the thread's
version themselves (docs/caching.md).

Redis. Nothing the site needs lives only in the cache (sessions are in the database and read
through it; a missing version means "render, keep nothing"), so a Redis that does not answer
is treated as an empty cache: reads miss, writes are dropped, and each failure is logged.
After a failure a process leaves Redis alone for `BACKOFF` seconds, so a server that has gone
away costs one timeout (settings: `REDIS_TIMEOUT`) per second, not one per call. Version moves
Redis did not take are sent again before the process's next call once it answers (a write
made while Redis was away must not be hidden by copies kept under the old versions).
"""

from __future__ import annotations

import logging
import threading
import time
import uuid
from collections.abc import Iterable

from django.core.cache import cache
from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache
from django.db import transaction
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

# --- Versions -------------------------------------------------------------------------------

LIBRARY = "v:library"


def group_version_key(group_id: int) -> str:
    return f"v:group:{group_id}"


def group_frame_key(group_id: int) -> str:
    """The group's version apart from its threads: what a reading page's frame (everything
    but the thread and the comment markers) is kept by. Moved with the group's version by
    every write except those only the threads show (`THREAD_ONLY`)."""
    return f"v:frame:{group_id}"


def viewer_version_key(user_id: int) -> str:
    return f"v:viewer:{user_id}"


def text_version_key(text_id: int) -> str:
    return f"v:text:{text_id}"


def new_version() -> str:
    return uuid.uuid4().hex[:16]


def bump(keys: Iterable[str]) -> None:
    """Give each key a new version now. Call after the write committed."""
    keys = set(keys)
    if keys:
        version = new_version()
        cache.set_many(dict.fromkeys(keys, version), timeout=None)


# Rows saved in one transaction (a re-import saves thousands) move each version once: the
# keys wait here and the first of the transaction's on_commit callbacks moves them all. A
# rolled-back transaction leaves its keys to be moved by the next commit: too often, never
# too seldom.
_pending = threading.local()


def _bump_pending() -> None:
    keys = getattr(_pending, "keys", set())
    _pending.keys = set()
    bump(keys)


def bump_on_commit(keys: Iterable[str], *, using: str | None = None) -> None:
    """Move the versions for a write: now, and again once its transaction commits.

    The move after the commit is the one that counts: a copy made from the old rows by
    another process before it is never asked for again. The move now is for this
    transaction's own later reads (a view that writes, then renders), which must not get a
    copy made before the write; others cannot see it before the commit (the database cache
    shares the transaction) or only drop a copy too early (Redis).
    """
    keys = set(keys)
    if not keys:
        return
    if not transaction.get_autocommit(using=using):
        bump(keys)
    if not hasattr(_pending, "keys"):
        _pending.keys = set()
    _pending.keys |= keys
    # robust: the write has committed; a cache that fails now must not turn it into a 500.
    transaction.on_commit(_bump_pending, using=using, robust=True)


# Rows no cached page shows: sessions, the rate-limit counters, the task queue, API tokens (a
# token's use notes its time), the admin's own log.
QUIET_APPS = {"sessions", "ratelimit", "django_tasks_database", "admin", "contenttypes"}
QUIET_MODELS = {"api.apitoken"}
# Rows a reading page shows only in its thread and markers (kept by the thread's version) or,
# notifications, in the viewer's bell (kept by the viewer's version and unread count): they
# move the group's version but not its frame's, so a new comment re-renders only the thread.
THREAD_ONLY = {
    "discussion.comment",
    "discussion.commentrevision",
    "discussion.reaction",
    "discussion.notification",
}
_OWN_KEYS = {
    "groups.readinggroup": group_version_key,
    "accounts.user": viewer_version_key,
    "library.text": text_version_key,
}
_FIELD_KEYS: dict[type, list[tuple[str, object]]] = {}
_VIA: dict[type, list[tuple[str, type]]] = {}


def _key_fields(model: type) -> list[tuple[str, object]]:
    """(attname, key function) of the model's foreign keys to a group, a user or a text."""
    fields = _FIELD_KEYS.get(model)
    if fields is None:
        fields = [
            (field.attname, _OWN_KEYS[field.related_model._meta.label_lower])
            for field in model._meta.concrete_fields
            if field.is_relation and field.related_model._meta.label_lower in _OWN_KEYS
        ]
        _FIELD_KEYS[model] = fields
    return fields


def _via_fields(model: type) -> list[tuple[str, type]]:
    """For a row that names no group, user or text itself (a member's done mark names their
    membership): its foreign keys to rows that do."""
    via = _VIA.get(model)
    if via is None:
        via = [
            (field.attname, field.related_model)
            for field in model._meta.concrete_fields
            if field.is_relation
            and field.related_model._meta.label_lower not in _OWN_KEYS
            and _key_fields(field.related_model)
        ]
        _VIA[model] = via
    return via


def _with_frames(keys: set[str], label: str) -> set[str]:
    """The keys, and with each group's version its frame's, unless the row is THREAD_ONLY."""
    if label in THREAD_ONLY:
        return keys
    prefix = group_version_key("")
    frames = {group_frame_key(key.removeprefix(prefix)) for key in keys if key.startswith(prefix)}
    return keys | frames


def model_versions(instance) -> set[str]:
    """The versions a saved or deleted row moves: its own, its group's, users' and text's
    (found one row away when it names none itself: one query), and the library's for
    anything in the library (texts, weeks, curated questions)."""
    meta = instance._meta
    if meta.app_label in QUIET_APPS or meta.label_lower in QUIET_MODELS:
        return set()
    keys = set()
    own = _OWN_KEYS.get(meta.label_lower)
    if own is not None and instance.pk is not None:
        keys.add(own(instance.pk))
    fields = _key_fields(type(instance))
    for attname, key in fields:
        value = getattr(instance, attname, None)
        if value is not None:
            keys.add(key(value))
    if meta.app_label == "library":
        keys.add(LIBRARY)  # covers its rows that name no text (paragraphs name a section)
    elif not fields and own is None:
        for attname, related in _via_fields(type(instance)):
            value = getattr(instance, attname, None)
            if value is None:
                continue
            related_fields = _key_fields(related)
            names = [name for name, _ in related_fields]
            for row in related._default_manager.filter(pk=value).values_list(*names):
                keys.update(
                    key(v) for (_, key), v in zip(related_fields, row, strict=True) if v is not None
                )
    return _with_frames(keys, meta.label_lower)


def on_row_written(sender, instance, using: str | None = None, raw: bool = False, **kwargs):
    """`post_save`/`post_delete` receiver: move what the row's page copies are keyed by."""
    if raw:  # loaddata
        return
    keys = model_versions(instance)
    if keys:
        bump_on_commit(keys, using=using)


def on_many_to_many(sender, instance, action: str, using: str | None = None, **kwargs):
    if action.startswith("post_"):
        on_row_written(sender, instance, using=using)


def bump_rows_on_commit(model: type, rows, *, using: str | None = None) -> None:
    """Move the versions of rows written without `save()` (`update`, `bulk_update`,
    `bulk_create`), which send no signal: what `model_versions` would move for each row.

    `rows`: a queryset of `model`, or its instances or primary keys. One query reads the keys
    of them all (its foreign keys, one join further when it names none itself; none when the
    instances carry them), so call it before an update that changes those keys or the filter
    (and after a bulk_create). No rows, no move.
    """
    meta = model._meta
    if meta.app_label in QUIET_APPS or meta.label_lower in QUIET_MODELS:
        return
    keys = set()
    own = _OWN_KEYS.get(meta.label_lower)
    fields = _key_fields(model)
    paths = [("pk", own)] if own is not None else []
    paths += [(attname, key) for attname, key in fields]
    if not fields and own is None:
        for attname, related in _via_fields(model):
            name = model._meta.get_field(attname.removesuffix("_id")).name
            paths += [(f"{name}__{sub}", key) for sub, key in _key_fields(related)]
    if not paths and meta.app_label == "library":
        keys.add(LIBRARY)
    elif paths:
        if hasattr(rows, "values_list"):
            found = rows.order_by().values_list(*[path for path, _ in paths])
        else:
            rows = list(rows)
            if all(isinstance(row, model) for row in rows) and not any("__" in p for p, _ in paths):
                found = [[getattr(row, path) for path, _ in paths] for row in rows]  # no query
            else:
                pks = [getattr(row, "pk", row) for row in rows]
                found = model._base_manager.filter(pk__in=pks).values_list(
                    *[path for path, _ in paths]
                )
        for values in found:
            keys.update(key(v) for (_, key), v in zip(paths, values, strict=True) if v is not None)
            if meta.app_label == "library":
                keys.add(LIBRARY)  # as model_versions: any library row (no row, no move)
    keys = _with_frames(keys, meta.label_lower)
    if keys:
        bump_on_commit(keys, using=using)


def read_versions(keys: list[str]) -> dict[str, object]:
    """One round trip for many versions (and whatever else the caller reads with them)."""
    return cache.get_many(keys)


# What a server that is down, restarting or unreachable raises; anything else (a wrong
# command, say) is a bug and still raises.
UNAVAILABLE = (RedisConnectionError, RedisTimeoutError)
BACKOFF = 1.0


_FAILED = object()


class ForgivingRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._down_until = 0.0
        # Version moves (the only values kept with no timeout) that Redis did not take. They
        # are sent before this process's next call once Redis answers: else, back with the old
        # versions, it would serve the copies kept under them, without the write.
        self._unsent: dict = {}
        self._unsent_lock = threading.Lock()

    def _attempt(self, operation, fallback, *args):
        if time.monotonic() < self._down_until:
            return fallback
        try:
            if self._unsent:
                self._send_unsent()
            return operation(*args)
        except UNAVAILABLE as error:
            self._down_until = time.monotonic() + BACKOFF
            logger.warning("Redis is unavailable, serving without the cache: %s", error)
            return fallback

    def _keep_unsent(self, data: dict, timeout, version) -> None:
        if timeout is None and version is None and data:
            with self._unsent_lock:
                self._unsent.update(data)

    def _send_unsent(self) -> None:
        with self._unsent_lock:
            unsent, self._unsent = self._unsent, {}
        try:
            super().set_many(unsent, timeout=None)
        except UNAVAILABLE:
            with self._unsent_lock:  # a move made meanwhile is newer: it wins
                self._unsent = {**unsent, **self._unsent}
            raise

    def is_up(self) -> bool:
        """Ask Redis itself (for /healthz), whatever the last call saw: one round trip
        through Django's own (unforgiving) method, not its private client."""
        try:
            super().has_key("healthz")
        except UNAVAILABLE:
            return False
        return True

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        # As on an empty cache, the add "works". Callers that lock with add() (allauth's rate
        # limits) then go ahead instead of waiting out their lock and refusing.
        return self._attempt(super().add, True, key, value, timeout, version)

    def get(self, key, default=None, version=None):
        return self._attempt(super().get, default, key, default, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        if self._attempt(super().set, _FAILED, key, value, timeout, version) is _FAILED:
            self._keep_unsent({key: value}, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._attempt(super().touch, False, key, timeout, version)

    def delete(self, key, version=None):
        return self._attempt(super().delete, False, key, version)

    def get_many(self, keys, version=None):
        return self._attempt(super().get_many, {}, keys, version)

    def has_key(self, key, version=None):
        return self._attempt(super().has_key, False, key, version)

    def incr(self, key, delta=1, version=None):
        value = self._attempt(super().incr, None, key, delta, version)
        if value is None:
            # A counter we cannot reach is, to the caller, a counter that is not there.
            raise ValueError(f"Key '{key}' not found: the cache is unavailable")
        return value

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        failed = self._attempt(super().set_many, list(data), data, timeout, version)
        self._keep_unsent({key: data[key] for key in failed}, timeout, version)
        return failed

    def delete_many(self, keys, version=None):
        self._attempt(super().delete_many, None, keys, version)

    def clear(self):
        return self._attempt(super().clear, False)
