from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET
from django.views.decorators.vary import vary_on_headers
from django_htmx.middleware import HtmxDetails

from studygroup.params import clamped_int
from studygroup.search import services

TEMPLATE = "search/results.html"


class HtmxHttpRequest(HttpRequest):
    htmx: HtmxDetails


@require_GET
@vary_on_headers("HX-Request")
def search(request: HtmxHttpRequest) -> HttpResponse:
    """The results page; HTMX asks for the #results fragment as the user types."""
    text = request.GET.get("q", "").strip()
    kind = request.GET.get("kind") or None
    # A page past the last shows no hits; past MAX_PAGE it is pulled back to it.
    page = clamped_int(request.GET.get("page"), default=1, minimum=1, maximum=services.MAX_PAGE)
    results = services.search(user=request.user, text=text, kind=kind, page=page)
    fragment = request.htmx and not request.htmx.history_restore_request
    return render(request, TEMPLATE + ("#results" if fragment else ""), {"results": results})
