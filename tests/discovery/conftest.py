from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _generous_limits(settings):
    settings.COMMENT_RATE_LIMIT = "1000/m"
    settings.WRITE_RATE_LIMIT = "1000/m"


@pytest.fixture
def as_user(client):
    """Sign the client in as `user` (or stay anonymous for None); returns the client."""

    def sign_in(user):
        client.logout()
        if user is not None:
            client.force_login(user)
        return client

    return sign_in
