"""Signing a browser in as a user without the sign-in form: the test client's session cookie.

The journeys that test signing in itself go through allauth's form instead."""

from __future__ import annotations

from django.conf import settings
from django.test import Client


def sign_in(page, live_server, user) -> None:
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": cookie.value, "url": live_server.url}]
    )
