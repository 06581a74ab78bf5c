"""When the database cannot be reached, say "back soon" (503) instead of failing (500).

Django reconnects on its own once the database is back (`conn_health_checks`), so a short
Retry-After is honest: nothing needs a restart.
"""

from __future__ import annotations

import logging

from csp.constants import HEADER, HEADER_REPORT_ONLY
from csp.middleware import CheckableLazyObject, CSPMiddleware
from django.conf import settings
from django.core.signals import setting_changed
from django.db import InterfaceError, OperationalError
from django.dispatch import receiver
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


# What makes a response's policy its own (django-csp's decorators); the site uses none.
_OWN_POLICY = (
    "_csp_config",
    "_csp_update",
    "_csp_replace",
    "_csp_exempt",
    "_csp_config_ro",
    "_csp_update_ro",
    "_csp_replace_ro",
    "_csp_exempt_ro",
)
_built_policy: dict[str, str] = {}


@receiver(setting_changed)
def _forget_built_policy(setting: str, **kwargs) -> None:
    if setting.startswith("CONTENT_SECURITY_POLICY") or setting == "DEBUG":
        _built_policy.clear()


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's, with the policy headers built once per process, not on every response.

    The site sets no per-view policy and uses no nonce (the policy allows nothing inline), so
    the headers are the same on every response; building them took a tenth of a kept page's
    time. A response with a policy of its own, a nonce, excluded URL prefixes or DEBUG still
    goes through django-csp's own way."""

    def process_response(self, request: HttpRequest, response: HttpResponse) -> HttpResponse:
        prefixes = any(
            (getattr(settings, name, None) or {}).get("EXCLUDE_URL_PREFIXES")
            for name in ("CONTENT_SECURITY_POLICY", "CONTENT_SECURITY_POLICY_REPORT_ONLY")
        )
        if (
            settings.DEBUG
            or prefixes
            or getattr(request, "_csp_nonce", None) is not None
            or any(hasattr(response, name) for name in _OWN_POLICY)
        ):
            return super().process_response(request, response)
        if not _built_policy:
            blank = HttpResponse()
            super().process_response(HttpRequest(), blank)
            _built_policy.update(
                (name, blank[name]) for name in (HEADER, HEADER_REPORT_ONLY) if name in blank
            )
        for name, value in _built_policy.items():
            if name not in response:
                response[name] = value
        # As django-csp: a nonce asked for after the header was written is an error.
        request.csp_nonce = CheckableLazyObject(self._csp_nonce_post_response)
        return response
