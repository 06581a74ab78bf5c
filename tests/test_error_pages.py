"""Friendly error pages, the CSRF failure page, rate limits, and the demo accounts on sign-in."""

from __future__ import annotations

import pytest
from django.test import Client, RequestFactory
from django.views.defaults import server_error

from studygroup.demo.management.commands.seed_demo import DEMO_PASSWORD, DEMO_USERS
from tests.factories import make_user

pytestmark = pytest.mark.django_db


def test_404_is_in_the_sites_style(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    body = response.content.decode()
    assert "We couldn't find that page" in body
    assert 'class="site-header"' in body and 'id="main"' in body


def test_500_renders_without_context_processors_or_the_database(django_assert_num_queries):
    request = RequestFactory().get("/")
    with django_assert_num_queries(0):
        response = server_error(request)
    assert response.status_code == 500
    assert "Something went wrong on our side" in response.content.decode()


def test_csrf_failure_page_and_htmx_header():
    client = Client(enforce_csrf_checks=True)
    client.force_login(make_user())
    page = client.post("/accounts/reader-size/", {"size": "larger"})
    assert page.status_code == 403
    assert "Your session has expired" in page.content.decode()
    assert page["X-CSRF-Failure"] == "1"
    htmx = client.post("/accounts/reader-size/", {"size": "larger"}, headers={"HX-Request": "1"})
    assert htmx.status_code == 403 and htmx["X-CSRF-Failure"] == "1"
    assert htmx["Content-Type"].startswith("text/plain")


def test_rate_limited_writes_get_a_page_or_a_short_message(client, settings):
    settings.WRITE_RATE_LIMIT = "1/m"
    client.force_login(make_user())
    client.post("/accounts/reader-size/", {"size": "larger"})
    page = client.post("/accounts/reader-size/", {"size": "larger"})
    assert page.status_code == 429
    assert "Too many changes in a short time" in page.content.decode()
    assert 'class="site-header"' in page.content.decode()
    htmx = client.post("/accounts/reader-size/", {"size": "larger"}, headers={"HX-Request": "1"})
    assert htmx.status_code == 429 and htmx["Content-Type"].startswith("text/plain")
    for response in (page, htmx):  # when the current minute's window closes
        assert 0 < int(response["Retry-After"]) <= 60


def test_sign_in_page_shows_the_demo_accounts_in_demo_mode(client, settings):
    settings.DEMO_MODE = True
    body = client.get("/accounts/login/").content.decode()
    assert "Demo accounts" in body and DEMO_PASSWORD in body
    for email, name, _handle, _admin in DEMO_USERS:
        assert email in body and name in body


def test_sign_in_page_never_shows_them_otherwise(client, settings):
    settings.DEMO_MODE = False
    body = client.get("/accounts/login/").content.decode()
    assert "Sign In" in body
    assert "Demo accounts" not in body and DEMO_PASSWORD not in body
