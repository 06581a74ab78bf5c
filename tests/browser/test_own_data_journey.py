"""A member downloads their data, deletes their account, then changes their mind by signing in
during the grace period."""

from __future__ import annotations

import io
import zipfile

import pytest

from studygroup.accounts.models import AccountDeletion, User
from tests.browser.conftest import format_violations
from tests.browser.session import sign_in
from tests.factories import PASSWORD, make_user

pytestmark = pytest.mark.django_db(transaction=True)


def test_download_delete_and_come_back(page, live_server, axe, screenshot):
    user = make_user(display_name="Rosa L.", username="rosa")
    sign_in(page, live_server, user)
    page.goto(f"{live_server.url}/accounts/profile/")
    with page.expect_download() as download:
        page.get_by_role("button", name="Download my data").click()
    with zipfile.ZipFile(io.BytesIO(download.value.path().read_bytes())) as archive:
        assert "README.txt" in archive.namelist()
        assert b'"handle": "rosa"' in archive.read("profile.json")

    page.get_by_role("link", name="Delete my account…").click()
    blocking = [v for v in axe(page) if v["impact"] in {"serious", "critical"}]
    assert not blocking, format_violations(blocking)
    page.get_by_label("Replace them with").check()
    page.get_by_label("To confirm, type your password").fill(PASSWORD)
    screenshot(page, "delete-account")
    page.get_by_role("button", name="Delete my account").click()
    assert "Sign in before then and it is yours again" in page.content()
    screenshot(page, "delete-account-done")
    assert AccountDeletion.objects.filter(user=user, comments="tombstone").exists()

    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Email").fill(user.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    assert "it is no longer going to be deleted" in page.content()
    screenshot(page, "delete-account-cancelled")
    assert User.objects.get(pk=user.pk).is_active
    assert not AccountDeletion.objects.exists()
