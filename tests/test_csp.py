"""The Content-Security-Policy: its header, its report endpoint, and templates that obey it.

The browser test (tests/browser/test_csp.py) loads every main page under the enforced policy;
the production default (Report-Only) is checked against gunicorn in test_production_serving.
"""

from __future__ import annotations

import json
import logging
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client

from studygroup.accounts.views import DEFAULT_READER_SIZE, READER_SIZES
from tests.builders import make_circle

ROOT = Path(__file__).resolve().parents[1]
REPORT = {
    "csp-report": {
        "document-uri": "http://testserver/groups/circle/",
        "referrer": "",
        "violated-directive": "script-src-elem",
        "effective-directive": "script-src-elem",
        "original-policy": "default-src 'self'; report-uri /csp-report",
        "disposition": "report",
        "blocked-uri": "inline",
        "line-number": 12,
        "source-file": "http://testserver/groups/circle/",
        "status-code": 200,
        "script-sample": "",
    }
}


def post(client: Client, body: bytes | str, content_type: str = "application/csp-report"):
    return client.generic("POST", "/csp-report", body, content_type=content_type)


def logged(caplog) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.name == "studygroup.csp"]


def header_for(env: dict[str, str]) -> dict[str, str]:
    """The security headers a fresh process with these variables sends on /healthz."""
    script = (
        "import django, json; django.setup();"
        "from django.test import Client;"
        "r = Client().get('/healthz');"
        "print(json.dumps({k: v for k, v in r.headers.items()"
        " if k.startswith('Content-Security') or k == 'X-Frame-Options'}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "tests.settings", **env},
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def parse(policy: str) -> dict[str, str]:
    return dict(part.strip().split(" ", 1) for part in policy.split(";"))


# --- The header -------------------------------------------------------------------------


def test_csp_enforce_switches_the_policy_from_report_only_to_enforced(tmp_path):
    database = {"DATABASE_URL": f"sqlite:///{tmp_path}/db.sqlite3"}
    report_only = header_for({**database, "CSP_ENFORCE": "false"})
    enforced = header_for({**database, "CSP_ENFORCE": "true"})
    assert "Content-Security-Policy" not in report_only
    assert enforced.keys() == {"Content-Security-Policy", "X-Frame-Options"}
    directives = parse(enforced["Content-Security-Policy"])
    # The same policy, less what Report-Only ignores (browsers warn about it on every page).
    assert parse(report_only["Content-Security-Policy-Report-Only"]) == {
        name: value for name, value in directives.items() if name != "frame-ancestors"
    }
    assert directives == {
        "default-src": "'self'",
        "script-src": "'self'",
        "style-src": "'self'",
        "img-src": "'self' data:",
        "object-src": "'none'",
        "base-uri": "'self'",
        "form-action": "'self'",
        "frame-ancestors": "'none'",
        "report-uri": "/csp-report",
    }
    # Report-Only ignores frame-ancestors: the older header still refuses framing.
    assert report_only["X-Frame-Options"] == enforced["X-Frame-Options"] == "DENY"


# --- The report endpoint ----------------------------------------------------------------


@pytest.mark.django_db
def test_a_violation_report_is_logged_without_a_csrf_token(caplog):
    client = Client(enforce_csrf_checks=True)
    with caplog.at_level(logging.WARNING, logger="studygroup.csp"):
        response = post(client, json.dumps(REPORT))
    assert response.status_code == 204
    [line] = logged(caplog)
    fields = json.loads(line.removeprefix("CSP violation: "))
    assert fields["violated-directive"] == "script-src-elem"
    assert fields["document-uri"] == "http://testserver/groups/circle/"
    assert fields["line-number"] == "12"
    assert "original-policy" not in fields  # only the fields worth a log line


@pytest.mark.django_db
def test_reporting_api_reports_are_logged_too(client, caplog):
    body = [
        {
            "type": "csp-violation",
            "url": "http://testserver/",
            "body": {
                "documentURL": "http://testserver/",
                "effectiveDirective": "style-src-attr",
                "blockedURL": "inline",
                "disposition": "enforce",
            },
        },
        {"type": "deprecation", "body": {"id": "x"}},
    ]
    with caplog.at_level(logging.WARNING, logger="studygroup.csp"):
        response = post(client, json.dumps(body), "application/reports+json")
    assert response.status_code == 204
    [line] = logged(caplog)
    assert '"effective-directive": "style-src-attr"' in line
    assert '"document-uri": "http://testserver/"' in line


@pytest.mark.django_db
def test_long_fields_are_cut_short_in_the_log(client, caplog):
    report = {"csp-report": {**REPORT["csp-report"], "blocked-uri": "x" * 5000}}
    with caplog.at_level(logging.WARNING, logger="studygroup.csp"):
        assert post(client, json.dumps(report)).status_code == 204
    [line] = logged(caplog)
    assert "x" * 300 in line and "x" * 301 not in line


@pytest.mark.django_db
@pytest.mark.parametrize(
    "body",
    [
        b"",
        b"not json",
        b"\xff\xfe\x00garbage",
        b"42",
        b"null",
        b'{"csp-report": "a string"}',
        b'{"something": "else"}',
        b'[{"type": "csp-violation", "body": "no"}, 7]',
        b"[" * 5_000 + b"]" * 5_000,  # nested past Python's recursion limit
    ],
)
def test_junk_gets_a_400_never_a_500(client, caplog, body):
    with caplog.at_level(logging.WARNING, logger="studygroup.csp"):
        response = post(client, body)
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/plain")
    assert logged(caplog) == []


@pytest.mark.django_db
def test_an_oversized_report_is_refused_unread(client, settings, caplog):
    big = {
        "csp-report": {**REPORT["csp-report"], "script-sample": "y" * settings.CSP_REPORT_MAX_BYTES}
    }
    with caplog.at_level(logging.WARNING, logger="studygroup.csp"):
        response = post(client, json.dumps(big))
    assert response.status_code == 413
    assert logged(caplog) == []


@pytest.mark.django_db
def test_a_body_declared_too_large_is_refused_before_reading(client, caplog):
    with caplog.at_level(logging.WARNING, logger="studygroup.csp"):
        response = client.generic(
            "POST",
            "/csp-report",
            json.dumps(REPORT),
            content_type="application/csp-report",
            CONTENT_LENGTH=str(10**9),
        )
    assert response.status_code == 413
    assert logged(caplog) == []


@pytest.mark.django_db
def test_a_batch_logs_at_most_ten_violations(client, caplog):
    one = {"type": "csp-violation", "body": {"effectiveDirective": "img-src"}}
    with caplog.at_level(logging.WARNING, logger="studygroup.csp"):
        response = post(client, json.dumps([one] * 50), "application/reports+json")
    assert response.status_code == 204
    assert len(logged(caplog)) == 10


@pytest.mark.django_db
def test_reports_are_rate_limited_per_sender(client, settings):
    settings.CSP_REPORT_RATE_LIMIT = "3/m"
    statuses = [post(client, json.dumps(REPORT)).status_code for _ in range(5)]
    assert statuses == [204, 204, 204, 429, 429]
    other = Client(REMOTE_ADDR="10.0.0.2")
    assert post(other, json.dumps(REPORT)).status_code == 204


@pytest.mark.django_db
def test_only_post_is_accepted(client):
    assert client.get("/csp-report").status_code == 405


# --- Templates that need no exception in the policy --------------------------------------

# What the policy forbids in markup: inline <script> bodies, <style> blocks, style="" and
# on*="" attributes, javascript: URLs, and the htmx features that run Function():
# hx-on, js: in hx-vals, and [filters] in hx-trigger.
FORBIDDEN = {
    "inline script": re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE),
    "style block": re.compile(r"<style\b", re.IGNORECASE),
    "style attribute": re.compile(r"\sstyle\s*=", re.IGNORECASE),
    "event handler attribute": re.compile(r"\son[a-z]+\s*=", re.IGNORECASE),
    "javascript: URL": re.compile(r"javascript:", re.IGNORECASE),
    "hx-on": re.compile(r"\b(?:data-)?hx-on\b", re.IGNORECASE),
    "js: in hx-vals": re.compile(r"hx-vals\s*=\s*['\"]\s*js:", re.IGNORECASE),
    "hx-trigger filter": re.compile(r"hx-trigger\s*=\s*\"[^\"]*\[", re.IGNORECASE),
}


def test_no_template_needs_inline_script_style_or_eval():
    found = [
        f"{path.relative_to(ROOT)}:{number}: {what}"
        for path in sorted((ROOT / "templates").rglob("*.html"))
        for number, line in enumerate(path.read_text().splitlines(), 1)
        for what, pattern in FORBIDDEN.items()
        if pattern.search(line)
    ]
    assert found == []


# --- Classes that replace style="" attributes ---------------------------------------------

SITE_CSS = (ROOT / "static" / "css" / "site.css").read_text()


def test_every_reader_size_has_its_class():
    missing = [
        size
        for size in READER_SIZES
        if size != DEFAULT_READER_SIZE and f".reader-at-{size} {{" not in SITE_CSS
    ]
    assert missing == []


@pytest.mark.django_db
def test_heat_map_bars_use_classes_the_stylesheet_defines(client):
    world = make_circle()
    first, second, third = world.paragraphs()[:3]
    for _ in range(3):
        world.post(paragraph=first)
    world.post(paragraph=second)
    client.force_login(world.facilitator)
    html = client.get(world.url("heatmap")).content.decode()
    steps = re.findall(r'class="heat-bar heat-comments heat-(\d+)"', html)
    assert steps[:3] == ["100", "35", "0"]  # 3, 1 and 0 comments: 100 %, 33 % → 35 %, 0 %
    assert all(f".heat-{step} {{" in SITE_CSS for step in set(steps))


@pytest.mark.django_db
def test_the_policy_headers_built_once_are_django_csps_and_follow_the_settings(client, settings):
    """studygroup.middleware builds the headers once per process: the same as django-csp's,
    and built again when the policy settings change."""
    from csp.constants import HEADER, HEADER_REPORT_ONLY
    from csp.middleware import CSPMiddleware
    from django.http import HttpResponse
    from django.test import RequestFactory

    def django_csps() -> dict:
        response = HttpResponse()
        CSPMiddleware(lambda request: response).process_response(
            RequestFactory().get("/"), response
        )
        return {name: response.get(name) for name in (HEADER, HEADER_REPORT_ONLY)}

    for _ in range(2):
        page = client.get("/")
        assert {name: page.get(name) for name in (HEADER, HEADER_REPORT_ONLY)} == django_csps()
    settings.CONTENT_SECURITY_POLICY = {"DIRECTIVES": {"default-src": ["'none'"]}}
    settings.CONTENT_SECURITY_POLICY_REPORT_ONLY = None
    page = client.get("/")
    assert page[HEADER] == "default-src 'none'" and HEADER_REPORT_ONLY not in page
