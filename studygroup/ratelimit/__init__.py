"""A small fixed-window rate limiter on the shared cache.

The cache is the database or Redis (see settings), so every app process counts the same
hits. Limits are written like allauth's: "30/m" (per minute), "200/h", "1000/d".
"""

from __future__ import annotations

import functools
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

PERIODS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def parse(limit: str) -> tuple[int, int]:
    """ "30/m" → (30, 60)."""
    count, _, period = limit.partition("/")
    return int(count), PERIODS[period.strip() or "m"]


def hit(key: str, *, limit: str) -> bool:
    """Count one hit on `key`; False when the limit for the current window is exceeded."""
    count, seconds = parse(limit)
    cache_key = f"ratelimit:{key}"
    # add() is atomic: only the first hit of a window creates the counter.
    if cache.add(cache_key, 1, timeout=seconds):
        return True
    try:
        value = cache.incr(cache_key)
    except ValueError:  # expired between add() and incr()
        cache.add(cache_key, 1, timeout=seconds)
        return True
    return value <= count


def client_key(request: HttpRequest) -> str:
    if request.user.is_authenticated:
        return f"user:{request.user.pk}"
    return f"ip:{request.META.get('REMOTE_ADDR', '')}"


def too_many(request: HttpRequest) -> HttpResponse:
    """429: a short plain message for HTMX (shown inline by site.js), else the friendly page."""
    message = "Too many changes in a short time. Please wait a minute and try again."
    if request.headers.get("HX-Request"):
        return HttpResponse(message, status=429, content_type="text/plain; charset=utf-8")
    return render(request, "429.html", status=429)


def limit_writes(scope: str) -> Callable:
    """Refuse POSTs beyond settings.WRITE_RATE_LIMIT per client with 429 Too Many Requests."""

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @functools.wraps(view)
        def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            if request.method == "POST":
                limit = getattr(settings, "WRITE_RATE_LIMIT", "60/m")
                if not hit(f"{scope}:{client_key(request)}", limit=limit):
                    return too_many(request)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
