"""Site-wide pages: home, the health check and the CSRF failure page."""

from __future__ import annotations

from django.db import DatabaseError, connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

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


@require_GET
@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    """200 when the database answers, 503 when it does not (for load balancers)."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse({"status": "unavailable", "database": "down"}, status=503)
    return JsonResponse({"status": "ok", "database": "up"})
