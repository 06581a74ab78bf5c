from __future__ import annotations

import pytest
from django.urls import reverse

from studygroup.accounts.models import User
from studygroup.accounts.views import READER_SIZES, SESSION_KEY
from tests.factories import make_user

pytestmark = pytest.mark.django_db
URL = "/accounts/reader-size/"


def test_the_endpoint_lives_under_accounts():
    assert reverse("reader_size") == URL


def test_a_member_steps_the_size_and_it_is_saved(client):
    user = make_user()
    client.force_login(user)
    response = client.post(URL, {"size": "larger", "next": "/library/"})
    assert response.status_code == 302 and response["Location"] == "/library/"
    assert User.objects.get(pk=user.pk).reader_font_size == 115
    client.post(URL, {"size": "smaller"})
    client.post(URL, {"size": "smaller"})
    assert User.objects.get(pk=user.pk).reader_font_size == 90
    client.post(URL, {"size": "reset"})
    assert User.objects.get(pk=user.pk).reader_font_size == 100


def test_the_size_stays_within_bounds(client):
    client.force_login(make_user())
    for _ in range(len(READER_SIZES) + 2):
        client.post(URL, {"size": "larger"})
    assert client.session.get(SESSION_KEY) is None
    assert User.objects.get().reader_font_size == READER_SIZES[-1]
    for _ in range(len(READER_SIZES) + 2):
        client.post(URL, {"size": "smaller"})
    assert User.objects.get().reader_font_size == READER_SIZES[0]


def test_a_visitor_keeps_the_size_in_the_session(client):
    client.post(URL, {"size": "larger"})
    assert client.session[SESSION_KEY] == 115
    page = client.get("/library/")  # any page carries it in the context
    assert page.context["reader_size"] == 115


def test_htmx_gets_the_controls_and_an_event(client):
    client.force_login(make_user())
    response = client.post(
        URL, {"size": "larger", "next": "/library/"}, headers={"HX-Request": "true"}
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert 'id="reader-size"' in body
    assert "<html" not in body and "115%" in body
    assert '"reader-size": {"size": 115}' in response["HX-Trigger"]
    assert 'name="next" value="/library/"' in body


def test_no_open_redirect(client):
    response = client.post(URL, {"size": "larger", "next": "https://evil.example/"})
    assert response["Location"] == "/"


def test_only_post(client):
    assert client.get(URL).status_code == 405
