"""The JavaScript catalogue (/jsi18n/), which every page loads, blocking, at its end.

    .venv/bin/python bench/jsi18n.py [--runs 300]

Uses bench/_harness.py's setup (DEBUG off) and times, through the Django test client, in
Spanish (the catalogue with the most strings beside German):

* the baseline: Django's own `JavaScriptCatalog` view, which reads the catalogue and renders
  the script on every request (what /jsi18n/ was);
* /jsi18n/ as base.html names it now (`?v=es&c=<digest>`): built once per process
  (studygroup/js_catalogue.py);
* a revalidation of an older URL (If-None-Match: the 304).

A browser that has the URL a page names does not ask at all (a year, immutable).
"""

from __future__ import annotations

import sys

import _harness as harness

harness.setup()

from django.test import Client, override_settings  # noqa: E402
from django.urls import path  # noqa: E402
from django.views.i18n import JavaScriptCatalog  # noqa: E402

from studygroup import urls as site_urls  # noqa: E402
from studygroup.js_catalogue import catalogue_url  # noqa: E402

# Django's view beside the site's, for the baseline.
urlpatterns = [
    path("django-jsi18n/", JavaScriptCatalog.as_view()),
    *site_urls.urlpatterns,
]


def main() -> None:
    runs = int(sys.argv[sys.argv.index("--runs") + 1]) if "--runs" in sys.argv else 300
    with harness.database(), override_settings(ROOT_URLCONF=__name__):
        client = Client(headers={"accept-language": "es"})
        named = catalogue_url("es")
        etag = client.get(named)["ETag"]
        size = len(client.get(named).content)
        print(f"{runs} runs each; catalogue {size / 1024:.1f} KB (es); times in ms")
        baseline = harness.timed(lambda: client.get("/django-jsi18n/"), runs)
        harness.line("Django's JavaScriptCatalog", baseline)
        harness.line(
            "/jsi18n/ (named)", harness.timed(lambda: client.get(named), runs), baseline=baseline
        )
        harness.line(
            "/jsi18n/ revalidated (304)",
            harness.timed(
                lambda: client.get("/jsi18n/?v=es", headers={"if-none-match": etag}), runs
            ),
            baseline=baseline,
        )


if __name__ == "__main__":
    main()
