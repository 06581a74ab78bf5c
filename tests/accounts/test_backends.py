"""The signed-in user is loaded with one plain statement; sessions naming the old backends
still sign in; a deactivated or changed-password user is signed out as before."""

from __future__ import annotations

import pytest
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext

from studygroup.accounts.sessions import SessionStore
from tests.factories import make_user

pytestmark = pytest.mark.django_db

PRODUCTION_SESSIONS = override_settings(SESSION_ENGINE="studygroup.accounts.sessions")


def signed_in_as(client: Client) -> str:
    return client.get("/").content.decode()


def session_cookie(user, backend: str) -> str:
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = backend
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return session.session_key


def test_a_signed_in_page_loads_the_user_in_one_plain_statement(client):
    user = make_user(display_name="Rosa L.")
    client.force_login(user)
    with CaptureQueriesContext(connection) as queries:
        assert "Rosa L." in client.get("/").content.decode()
    loads = [q["sql"] for q in queries if 'FROM "accounts_user"' in q["sql"]]
    assert loads and loads[0].startswith('SELECT * FROM "accounts_user" WHERE "id" =')


@PRODUCTION_SESSIONS
@pytest.mark.parametrize(
    "backend",
    [
        "django.contrib.auth.backends.ModelBackend",
        "allauth.account.auth_backends.AuthenticationBackend",
        "studygroup.accounts.backends.AuthenticationBackend",
    ],
)
def test_sessions_naming_the_old_backends_still_sign_in(client, backend):
    user = make_user(display_name="Clara Z.")
    client.cookies["sessionid"] = session_cookie(user, backend)
    assert "Clara Z." in signed_in_as(client)


@PRODUCTION_SESSIONS
def test_a_session_naming_an_unknown_backend_is_not_signed_in(client):
    user = make_user(display_name="Clara Z.")
    client.cookies["sessionid"] = session_cookie(user, "somewhere.else.Backend")
    assert "Clara Z." not in signed_in_as(client)


def test_a_deactivated_member_or_a_new_password_signs_the_session_out(client):
    user = make_user(display_name="Rosa L.")
    client.force_login(user)
    assert "Rosa L." in signed_in_as(client)
    user.is_active = False
    user.save()
    assert "Rosa L." not in signed_in_as(client)
    user.is_active = True
    user.save()
    client.force_login(user)
    assert "Rosa L." in signed_in_as(client)
    user.set_password("another-long-password")
    user.save()
    assert "Rosa L." not in signed_in_as(client)
