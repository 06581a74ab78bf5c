"""The JavaScript catalogue (/jsi18n/: the strings of static/js/*.js), built once per language.

Django's `JavaScriptCatalog` reads the .mo files and renders the same script on every
request, and every page loads it, blocking, at its end. Its content only changes with a
deploy, so each process builds it once per language and names it by a digest of its bytes:
base.html asks for `/jsi18n/?v=<language>&c=<digest>`, a URL whose answer never changes,
which browsers then keep for a year without asking again. Any other URL (an old page naming
an older digest, or none) gets the catalogue of its language with an ETag, and revalidates.
"""

from __future__ import annotations

import functools
import hashlib

from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse, HttpResponseNotModified
from django.utils import translation
from django.utils.cache import patch_cache_control
from django.utils.http import parse_etags
from django.views.decorators.http import require_GET
from django.views.i18n import JavaScriptCatalog

YEAR = 365 * 24 * 3600


@functools.cache
def catalogue(language: str) -> tuple[bytes, str]:
    """(the script, a digest of it) for one of settings.LANGUAGES."""
    request = HttpRequest()
    request.method = "GET"
    with translation.override(language):
        response = JavaScriptCatalog.as_view()(request)
    return response.content, hashlib.sha256(response.content).hexdigest()[:16]


# Settings that change which .mo files a catalogue is read from (tests change them; a deploy
# restarts the process anyway), after which a kept catalogue would be stale.
_CATALOGUE_SETTINGS = {"LANGUAGES", "LANGUAGE_CODE", "LOCALE_PATHS", "INSTALLED_APPS"}


@receiver(setting_changed)
def _forget_catalogues(setting: str, **kwargs) -> None:
    if setting in _CATALOGUE_SETTINGS:
        catalogue.cache_clear()


def _names(etag: str, header: str) -> bool:
    """Whether an If-None-Match header names this ETag: weakly compared, as RFC 9110 says."""
    return any(tag == "*" or tag.removeprefix("W/") == etag for tag in parse_etags(header))


def catalogue_url(language: str) -> str:
    from django.urls import reverse

    return f"{reverse('javascript-catalog')}?v={language}&c={catalogue(language)[1]}"


@require_GET
def javascript_catalog(request: HttpRequest) -> HttpResponse:
    language = request.GET.get("v", "")
    if language not in dict(settings.LANGUAGES):
        language = translation.get_language()  # the page's, as Django's own view does
    body, digest = catalogue(language)
    etag = f'"{digest}"'
    if _names(etag, request.headers.get("If-None-Match", "")):
        response = HttpResponseNotModified()
    else:
        response = HttpResponse(body, content_type='text/javascript; charset="utf-8"')
    response["ETag"] = etag
    if request.GET.get("c") == digest:  # this URL names these bytes: never stale
        patch_cache_control(response, public=True, max_age=YEAR, immutable=True)
    else:
        patch_cache_control(response, no_cache=True)
    return response
