from __future__ import annotations

import re

from django.core import mail
from playwright.sync_api import expect

from studygroup.accounts.models import User
from tests.browser.conftest import PHONE

PASSWORD = "a long and memorable passphrase"


def test_sign_up_log_out_log_in_and_see_home(page, new_page, screenshot):
    page.goto("/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Read difficult texts")
    page.get_by_role("link", name="Sign up").first.click()

    page.get_by_label("Display name").fill("Clara Z.")
    page.get_by_label("Email").fill("clara@example.org")
    page.get_by_label("Password:", exact=True).fill(PASSWORD)
    page.get_by_label("Password (again)").fill(PASSWORD)
    screenshot(page, "signup-desktop")
    page.get_by_role("button", name="Sign Up").click()

    # The new address is confirmed with the code emailed to it, in the same tab.
    expect(page.get_by_label("Code")).to_be_visible()
    [message] = [m for m in mail.outbox if m.to == ["clara@example.org"]]
    code = re.search(r"^([A-Z0-9]{4}-[A-Z0-9]{4})$", message.body, re.M).group(1)
    page.get_by_label("Code").fill(code)
    page.get_by_role("button", name="Confirm").click()
    expect(page.locator(".signed-in-as")).to_contain_text("Clara Z.")
    assert User.objects.get(email="clara@example.org").display_name == "Clara Z."

    nav = page.get_by_role("navigation", name="Main")
    nav.get_by_role("button", name="Sign out").click()
    expect(nav.get_by_role("link", name="Sign in")).to_be_visible()

    nav.get_by_role("link", name="Sign in").click()
    page.get_by_label("Email").fill("clara@example.org")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    expect(page.locator(".signed-in-as")).to_contain_text("Clara Z.")
    screenshot(page, "home-desktop")

    phone = new_page(PHONE)
    phone.goto("/")
    expect(phone.get_by_role("heading", level=1)).to_be_visible()
    # Nothing overflows sideways at 375 px.
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    screenshot(phone, "home-phone")
