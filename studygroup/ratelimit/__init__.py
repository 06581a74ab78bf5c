"""A small fixed-window rate limiter, counted where every app process sees the same hits.

Limits are written like allauth's: "30/m" (per minute), "200/h", "1000/d". Each window is a
key of its own (`ratelimit:<key>:<seconds>:<window number>`), counted atomically:

* with Redis, `add` creates the counter and `incr` (Redis INCR) counts;
* otherwise, one upsert in our own table (`INSERT … ON CONFLICT DO UPDATE … RETURNING`),
  atomic on SQLite and PostgreSQL alike. (The database cache's `incr` is a read then a
  write, which simultaneous posts overrun.)

When Redis is down the limiter lets the hit through (fails open) and logs it: a slower
site is better than a site that refuses every write.
"""

from __future__ import annotations

import functools
import logging
import time
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache, caches
from django.core.cache.backends.redis import RedisCache
from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext

logger = logging.getLogger(__name__)

PERIODS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
TABLE = "ratelimit_counter"

UPSERT = f"""
    INSERT INTO {TABLE} (key, hits, expires) VALUES (%s, 1, %s)
    ON CONFLICT (key) DO UPDATE SET hits = {TABLE}.hits + 1
    RETURNING hits
"""
SWEEP = f"DELETE FROM {TABLE} WHERE expires < %s"


def parse(limit: str) -> tuple[int, int]:
    """ "30/m" → (30, 60)."""
    count, _, period = limit.partition("/")
    return int(count), PERIODS[period.strip() or "m"]


def count_in_redis(key: str, *, expires: int) -> int | None:
    """The counter after this hit, or None when Redis cannot be reached."""
    cache.add(key, 0, timeout=max(1, expires - int(time.time())) + 1)
    try:
        return cache.incr(key)
    except ValueError:  # unreachable (the cache logged why), or evicted in between
        return None


def count_in_database(key: str, *, expires: int) -> int:
    """The counter after this hit: one statement, so two hits can never read the same value."""
    with connection.cursor() as cursor:
        cursor.execute(UPSERT, [key, expires])
        hits = cursor.fetchone()[0]
        if hits == 1:  # a new window: sweep away the ones that closed
            cursor.execute(SWEEP, [int(time.time())])
    return hits


def hit(key: str, *, limit: str) -> bool:
    """Count one hit on `key`; False when the limit for the current window is exceeded."""
    count, seconds = parse(limit)
    window = int(time.time()) // seconds
    name = f"ratelimit:{key}:{seconds}:{window}"
    expires = (window + 1) * seconds
    if isinstance(caches["default"], RedisCache):  # (`cache` is a proxy: ask the real one)
        hits = count_in_redis(name, expires=expires)
        if hits is None:
            logger.warning("Rate limit not counted (cache unavailable), allowed: %s", key)
            return True
    else:
        hits = count_in_database(name, expires=expires)
    return hits <= count


def retry_after(limit: str) -> int:
    """Seconds until the current window of `limit` closes (for the Retry-After header)."""
    _, seconds = parse(limit)
    return seconds - int(time.time()) % seconds


def client_key(request: HttpRequest) -> str:
    if request.user.is_authenticated:
        return f"user:{request.user.pk}"
    return f"ip:{request.META.get('REMOTE_ADDR', '')}"


def too_many(request: HttpRequest, *, limit: str) -> HttpResponse:
    """429: a short plain message for HTMX (shown inline by site.js), else the friendly page."""
    if request.headers.get("HX-Request"):
        message = gettext("Too many changes in a short time. Please wait a minute and try again.")
        response = HttpResponse(message, status=429, content_type="text/plain; charset=utf-8")
    else:
        response = render(request, "429.html", status=429)
    response["Retry-After"] = str(retry_after(limit))
    return response


def limit_writes(scope: str) -> Callable:
    """Refuse POSTs beyond settings.WRITE_RATE_LIMIT per client with 429 Too Many Requests."""

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @functools.wraps(view)
        def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            if request.method == "POST":
                limit = getattr(settings, "WRITE_RATE_LIMIT", "60/m")
                if not hit(f"{scope}:{client_key(request)}", limit=limit):
                    return too_many(request, limit=limit)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
