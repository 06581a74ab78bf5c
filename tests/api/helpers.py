"""Shared by the API tests: a world with every kind of user, and requests with their tokens."""

from __future__ import annotations

from django.test import Client

from studygroup.api.tokens import create_token
from studygroup.discussion.services import post_comment
from tests.factories import adopt, make_readings, make_text
from tests.groups.test_access import USERS, World, build


def build_world(is_public: bool) -> World:
    """tests/groups/test_access.py's world, plus a restricted text the group reads and a
    comment of the member's own."""
    w = build(is_public=is_public)
    restricted = make_text(is_public=False, title="Restricted Reading")
    make_readings(restricted)
    adopt(w.group, restricted)
    w.restricted_text = restricted
    w.own_comment = post_comment(
        author=w.users["member"], group=w.group, reading=w.reading, body="Mine"
    )
    w.tokens = {
        who: create_token(user=user, name="tests").secret if user is not None else None
        for who, user in w.users.items()
    }
    return w


class Api:
    """A client that speaks JSON and authenticates with a token only (no session)."""

    def __init__(self, token: str | None = None) -> None:
        self.client = Client()
        self.headers = {"Authorization": f"Bearer {token}"} if token else {}

    def __getattr__(self, method: str):
        def call(path: str, data=None, **extra):
            headers = {**self.headers, **extra.pop("headers", {})}
            kwargs = {"headers": headers, **extra}
            if data is not None and method != "get":
                kwargs.update(data=data, content_type="application/json")
            elif data is not None:
                kwargs["data"] = data
            return getattr(self.client, method)(f"/api{path}", **kwargs)

        return call


def api_for(w: World, who: str) -> Api:
    return Api(w.tokens[who])


__all__ = ["USERS", "Api", "api_for", "build_world"]
