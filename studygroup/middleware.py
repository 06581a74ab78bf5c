"""When the database cannot be reached, say "back soon" (503) instead of failing (500).

Django reconnects on its own once the database is back (`conn_health_checks`), so a short
Retry-After is honest: nothing needs a restart.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 30


class DatabaseUnavailableMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, OperationalError | InterfaceError):
            return None
        logger.error("Database unavailable, answering 503: %s", exception)
        if request.headers.get("HX-Request"):  # a short message, shown inline by site.js
            message = gettext(
                "The site cannot reach its database for a moment, so that was not saved. "
                "Please try again shortly."
            )
            response = HttpResponse(message, status=503, content_type="text/plain; charset=utf-8")
        else:
            # Rendered without the request: context processors would ask the database again.
            response = HttpResponse(render_to_string("503.html"), status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response


class MemberLanguageMiddleware:
    """A signed-in member's chosen language (User.language) wins over the language
    LocaleMiddleware read from the cookie or Accept-Language; blank follows the browser.

    Placed after AuthenticationMiddleware and inside LocaleMiddleware, whose response step then
    sends the member's language as Content-Language. Requests without a session cookie (API
    tokens, feeds, probes) cannot be signed in, so they never load the user for this."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if settings.SESSION_COOKIE_NAME in request.COOKIES and request.user.is_authenticated:
            chosen = request.user.language
            if chosen and chosen in dict(settings.LANGUAGES):
                translation.activate(chosen)
                request.LANGUAGE_CODE = chosen
        return self.get_response(request)
