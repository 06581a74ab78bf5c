"""A member makes an API token on their profile, uses it, and revokes it."""

from __future__ import annotations

import pytest

from tests.browser.conftest import format_violations
from tests.browser.session import sign_in
from tests.factories import make_user

pytestmark = pytest.mark.django_db(transaction=True)


def test_make_use_and_revoke_a_token(page, live_server, axe, screenshot):
    user = make_user(display_name="Rosa L.")
    sign_in(page, live_server, user)
    page.goto("/accounts/profile/")
    page.get_by_label("Name of a new token").fill("My notes app")
    page.get_by_role("button", name="Make a token").click()
    secret = page.get_by_label("Token").input_value()
    assert secret.startswith("sg_")
    screenshot(page, "api-token-created")

    api = page.context.request
    me = api.get("/api/me", headers={"Authorization": f"Bearer {secret}"})
    assert me.status == 200 and me.json()["name"] == "Rosa L."

    page.get_by_role("link", name="Back to your profile").click()
    row = page.locator("#api-tokens tbody tr")
    assert row.count() == 1
    assert "My notes app" in row.inner_text()
    assert secret not in page.content()  # shown once, never again
    blocking = [v for v in axe(page) if v["impact"] in {"serious", "critical"}]
    assert not blocking, format_violations(blocking)
    screenshot(page, "api-tokens-profile")

    page.get_by_role("button", name="Revoke My notes app").click()
    assert page.locator("#api-tokens tbody tr").count() == 0
    assert api.get("/api/me", headers={"Authorization": f"Bearer {secret}"}).status == 401
