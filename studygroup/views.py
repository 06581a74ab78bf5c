"""Site-wide pages: home, the health check, the CSRF failure page and CSP reports."""

from __future__ import annotations

import json
import logging
from datetime import timedelta

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.db import DatabaseCache
from django.db import DatabaseError, connection
from django.db.models import Case, Count, F, Min, Q, When
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views import i18n
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST
from django_tasks import task_backends
from django_tasks_db import DatabaseBackend
from django_tasks_db.models import DBTaskResult, get_date_max

from studygroup import params, ratelimit
from studygroup.accounts.adapter import NEW_MEMBER_SESSION_KEY
from studygroup.accounts.models import User
from studygroup.cache import ForgivingRedisCache, bump_rows_on_commit
from studygroup.groups.models import ReadingGroup

csp_logger = logging.getLogger("studygroup.csp")
# The fields of a violation worth a log line; anything else a browser (or anyone) sends is
# dropped, and each value is cut short so a report cannot flood the log.
CSP_REPORT_FIELDS = (
    "document-uri",
    "violated-directive",
    "effective-directive",
    "blocked-uri",
    "source-file",
    "line-number",
    "column-number",
    "disposition",
    "script-sample",
)
CSP_FIELD_MAX_CHARS = 300
CSP_VIOLATIONS_LOGGED = 10  # per report: a batch from the Reporting API may hold many
# The Reporting API's names for the same fields.
REPORTING_API_FIELDS = {
    "documentURL": "document-uri",
    "effectiveDirective": "effective-directive",
    "blockedURL": "blocked-uri",
    "sourceFile": "source-file",
    "lineNumber": "line-number",
    "columnNumber": "column-number",
    "sample": "script-sample",
}


def home(request: HttpRequest) -> HttpResponse:
    my_groups = (
        list(ReadingGroup.objects.of_member(request.user).with_role(request.user).order_by("name"))
        if request.user.is_authenticated
        else []
    )
    # Set at sign-up: the first visit after it says "Welcome", later ones "Welcome back".
    first_visit = request.user.is_authenticated and bool(
        request.session.pop(NEW_MEMBER_SESSION_KEY, False)
    )
    return render(request, "home.html", {"my_groups": my_groups, "first_visit": first_visit})


@require_POST
@ratelimit.limit_writes("language")
def set_language(request: HttpRequest) -> HttpResponse:
    """The footer's language switch: Django's own view (cookie, safe `next`); a signed-in
    member's choice is also kept on their profile, which otherwise wins over the cookie."""
    response = i18n.set_language(request)
    language = request.POST.get("language", "")
    if request.user.is_authenticated and language in dict(settings.LANGUAGES):
        User.objects.filter(pk=request.user.pk).update(language=language)
        bump_rows_on_commit(User, [request.user.pk])
    return response


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """CSRF_FAILURE_VIEW: usually an expired session. HTMX callers get a header to act on."""
    if request.headers.get("HX-Request"):
        response = HttpResponse(
            _("Your session has expired. Reload the page and try again."),
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


def queue_status() -> dict:
    """The task queue's backlog: tasks due now and still waiting, and how long the oldest has.

    A task is due from when it was queued, or from its `run_after` when it was deferred. More
    than a moment's wait means the workers are down or cannot keep up: "late" counts the tasks
    waiting longer than settings.TASK_BACKLOG_MAX_AGE seconds. One query, on the queue's
    partial index of READY tasks.
    """
    backend = task_backends["default"]
    if not isinstance(backend, DatabaseBackend):
        return {"backend": "immediate"}  # tasks run inline: there is no queue to fall behind
    now = timezone.now()
    due_since = Case(When(run_after=get_date_max(), then=F("enqueued_at")), default="run_after")
    backlog = (
        DBTaskResult.objects.ready()
        .filter(backend_name=backend.alias)
        .annotate(due_since=due_since)
        .aggregate(
            ready=Count("pk"),
            late=Count(
                "pk",
                filter=Q(due_since__lt=now - timedelta(seconds=settings.TASK_BACKLOG_MAX_AGE)),
            ),
            oldest=Min("due_since"),
        )
    )
    oldest = backlog["oldest"]
    return {
        "backend": "database",
        "ready": backlog["ready"],
        "late": backlog["late"],
        "oldest_seconds": None if oldest is None else max(0, round((now - oldest).total_seconds())),
        "max_age_seconds": settings.TASK_BACKLOG_MAX_AGE,
    }


@require_GET
@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    """For load balancers and monitoring: 200 while the site can serve, 503 when it cannot.

    The database is required: without it, 503. Redis and the task workers are not: without
    Redis the site serves uncached, and with the workers down or behind, emails wait in the
    queue. Either answers 200 with "status": "degraded" and a "detail", for monitoring to
    notice, while the proxy keeps sending readers to this server.
    """
    body = {"status": "ok", "database": "up", "cache": cache_status()}
    try:
        if not database_is_up():
            raise DatabaseError
        body["queue"] = queue_status()
    except DatabaseError:  # down, or gone between the two queries
        body.update(status="unavailable", database="down")
        return JsonResponse(body, status=503)
    problems = []
    if body["cache"] == "down":
        problems.append(_("Redis is down: serving without the cache."))
    if body["queue"].get("late"):
        problems.append(
            ngettext(
                "%(count)d task has waited more than %(seconds)d seconds: "
                "are the task workers running?",
                "%(count)d tasks have waited more than %(seconds)d seconds: "
                "are the task workers running?",
                body["queue"]["late"],
            )
            % {"count": body["queue"]["late"], "seconds": settings.TASK_BACKLOG_MAX_AGE}
        )
    if problems:
        body.update(status="degraded", detail=" ".join(problems))
    return JsonResponse(body)


def plain(message: str, status: int) -> HttpResponse:
    return HttpResponse(message, status=status, content_type="text/plain; charset=utf-8")


def violations(payload: object) -> list[dict]:
    """The violations in a report body, in either format browsers send.

    `report-uri` posts {"csp-report": {...}} (application/csp-report); the Reporting API
    posts a list of {"type": "csp-violation", "body": {...}} with its own key names.
    """
    if isinstance(payload, dict) and isinstance(payload.get("csp-report"), dict):
        return [payload["csp-report"]]
    if not isinstance(payload, list):
        return []
    return [
        {REPORTING_API_FIELDS.get(key, key): value for key, value in report["body"].items()}
        for report in payload
        if isinstance(report, dict)
        and report.get("type") == "csp-violation"
        and isinstance(report.get("body"), dict)
    ]


@csrf_exempt
@require_POST
@never_cache
def csp_report(request: HttpRequest) -> HttpResponse:
    """Log the Content-Security-Policy violations a browser reports (the policy's report-uri).

    Anyone may post here, so the body is size-limited, the sender rate-limited, and only a few
    known fields are logged, each cut short.
    """
    if not ratelimit.hit(
        f"csp-report:{ratelimit.client_key(request)}", limit=settings.CSP_REPORT_RATE_LIMIT
    ):
        return plain(_("Too many reports."), 429)
    limit = settings.CSP_REPORT_MAX_BYTES
    # Refuse a body declared too large before reading it; then read no more than the limit,
    # whatever was declared.
    declared = params.bounded_int(request.META.get("CONTENT_LENGTH"), default=0)
    body = b"" if declared > limit else request.read(limit + 1)
    if declared > limit or len(body) > limit:
        return plain(_("The report is too large."), 413)
    try:
        found = violations(json.loads(body))
    except (UnicodeDecodeError, ValueError, RecursionError):
        found = []
    if not found:
        return plain(_("Not a Content-Security-Policy report."), 400)
    for violation in found[:CSP_VIOLATIONS_LOGGED]:
        fields = {
            name: str(violation[name])[:CSP_FIELD_MAX_CHARS]
            for name in CSP_REPORT_FIELDS
            if violation.get(name) not in (None, "")
        }
        csp_logger.warning("CSP violation: %s", json.dumps(fields, sort_keys=True))
    return HttpResponse(status=204)
