"""The shared cache on Redis, forgiving: when Redis is down the site serves, uncached.

Nothing the site needs lives only in the cache (sessions are in the database and read through
it; thread versions and the page epoch are derived again when missing), so a Redis that does
not answer is treated as an empty cache: reads miss, writes are dropped, and each failure is
logged. After a failure a process leaves Redis alone for `BACKOFF` seconds, so a server that
has gone away costs one timeout (settings: `REDIS_TIMEOUT`) per second, not one per call.
"""

from __future__ import annotations

import logging
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

# What a server that is down, restarting or unreachable raises; anything else (a wrong
# command, say) is a bug and still raises.
UNAVAILABLE = (RedisConnectionError, RedisTimeoutError)
BACKOFF = 1.0


class ForgivingRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._down_until = 0.0

    def _attempt(self, operation, fallback, *args):
        if time.monotonic() < self._down_until:
            return fallback
        try:
            return operation(*args)
        except UNAVAILABLE as error:
            self._down_until = time.monotonic() + BACKOFF
            logger.warning("Redis is unavailable, serving without the cache: %s", error)
            return fallback

    def is_up(self) -> bool:
        """Ask Redis itself (for /healthz), whatever the last call saw."""
        try:
            return bool(self._cache.get_client(write=True).ping())
        except UNAVAILABLE:
            return False

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        # As on an empty cache, the add "works". Callers that lock with add() (allauth's rate
        # limits) then go ahead instead of waiting out their lock and refusing.
        return self._attempt(super().add, True, key, value, timeout, version)

    def get(self, key, default=None, version=None):
        return self._attempt(super().get, default, key, default, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        self._attempt(super().set, None, key, value, timeout, version)

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
        return self._attempt(super().set_many, list(data), data, timeout, version)

    def delete_many(self, keys, version=None):
        self._attempt(super().delete_many, None, keys, version)

    def clear(self):
        return self._attempt(super().clear, False)
