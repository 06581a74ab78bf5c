"""Site-wide pages: home, the health check and the CSRF failure page."""

from __future__ import annotations

from django.core.cache import caches
from django.core.cache.backends.db import DatabaseCache
from django.db import DatabaseError, connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from studygroup.cache import ForgivingRedisCache
from studygroup.groups.models import ReadingGroup


def home(request: HttpRequest) -> HttpResponse:
    my_groups = (
        list(ReadingGroup.objects.of_member(request.user).with_role(request.user).order_by("name"))
        if request.user.is_authenticated
        else []
    )
    return render(request, "home.html", {"my_groups": my_groups})


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """CSRF_FAILURE_VIEW: usually an expired session. HTMX callers get a header to act on."""
    if request.headers.get("HX-Request"):
        response = HttpResponse(
            "Your session has expired. Reload the page and try again.",
            status=403,
            content_type="text/plain; charset=utf-8",
        )
    else:
        response = render(request, "403_csrf.html", status=403)
    response["X-CSRF-Failure"] = "1"
    return response


def database_is_up() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return False
    return True


def cache_status() -> str:
    """ "up" or "down" for Redis; else where the cache lives ("database", or "local")."""
    cache = caches["default"]  # the backend itself, not the `cache` proxy
    if isinstance(cache, ForgivingRedisCache):
        return "up" if cache.is_up() else "down"
    return "database" if isinstance(cache, DatabaseCache) else "local"


@require_GET
@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    """For load balancers: 200 while the site can serve, 503 when it cannot.

    The database is required: without it, 503. Redis is not: without it the site serves,
    uncached, so the answer stays 200 with "status": "degraded", for monitoring to notice.
    """
    body = {"status": "ok", "database": "up", "cache": cache_status()}
    if not database_is_up():
        body.update(status="unavailable", database="down")
        return JsonResponse(body, status=503)
    if body["cache"] == "down":
        body.update(status="degraded", detail="Redis is down: serving without the cache.")
    return JsonResponse(body)
