"""A facilitator starts a group and a schedule; a newcomer joins by link and reads week 1."""

from __future__ import annotations

import re

from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.conftest import PHONE
from tests.factories import PASSWORD, make_text, make_user

NEWCOMER_PASSWORD = "a long and memorable passphrase"


def sign_in(page, email: str, password: str) -> None:
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign In").click()
    expect(page.locator(".signed-in-as")).to_be_visible()


def test_group_journey(page, new_page, screenshot):
    make_user(email="rosa@example.org", display_name="Rosa L.")
    text = make_text(title="The Eighteenth Brumaire", chapters=4, paragraphs=6)
    today = timezone.now().date()

    # The facilitator starts a group.
    sign_in(page, "rosa@example.org", PASSWORD)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Groups").click()
    page.get_by_role("link", name="Start a group").click()
    page.get_by_label("Name").fill("Brumaire Circle")
    page.get_by_label("Description").fill("Reading Marx on Louis Bonaparte, a chapter a week.")
    page.get_by_label("Meeting day").select_option(str(today.weekday()))
    page.get_by_label("Meeting time").fill("19:30")
    page.get_by_label("Place").fill("The back room of the Red Lion")
    screenshot(page, "group-create-desktop")
    page.get_by_role("button", name="Create group").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Brumaire Circle")

    # … adopts a text and sets the schedule.
    page.get_by_role("navigation", name="Group").get_by_role("link", name="Schedule").click()
    page.get_by_role("combobox", name="Text:").select_option(label=f"{text.title} — {text.author}")
    page.get_by_label("First meeting on or after").fill(today.isoformat())
    page.get_by_label("Number of weeks").fill("3")
    page.get_by_role("button", name="Adopt and schedule").click()
    expect(page.locator(".message-success")).to_contain_text("now reads")
    expect(page.locator(".adoption .week")).to_have_count(3)
    screenshot(page, "group-schedule-desktop")

    # … and copies an invitation link.
    page.get_by_role("navigation", name="Group").get_by_role("link", name="Invitations").click()
    page.get_by_role("button", name="Create link").click()
    link_field = page.locator(".invitation-url").first
    expect(link_field).to_be_visible()
    expect(page.get_by_role("button", name="Copy").first).to_be_visible()
    link = link_field.input_value()
    assert re.search(r"/groups/join/[\w-]+/$", link)
    screenshot(page, "group-invitations-desktop")

    # A newcomer follows the link on a phone, signs up and comes back to join.
    phone = new_page(PHONE)
    phone.goto(link)
    expect(phone.get_by_role("heading", level=1)).to_contain_text("Brumaire Circle")
    screenshot(phone, "group-invitation-phone")
    phone.get_by_role("link", name="Sign up to join").click()
    phone.get_by_label("Display name").fill("Karl M.")
    phone.get_by_label("Email").fill("karl@example.org")
    phone.get_by_label("Password:", exact=True).fill(NEWCOMER_PASSWORD)
    phone.get_by_label("Password (again)").fill(NEWCOMER_PASSWORD)
    phone.get_by_role("button", name="Sign Up").click()
    # The new address is confirmed with the code emailed to it, then on to the invitation.
    [message] = [m for m in mail.outbox if m.to == ["karl@example.org"]]
    code = re.search(r"^([A-Z0-9]{4}-[A-Z0-9]{4})$", message.body, re.M).group(1)
    phone.get_by_label("Code").fill(code)
    phone.get_by_role("button", name="Confirm").click()
    phone.get_by_role("button", name="Join the group").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("Brumaire Circle")
    expect(phone.locator(".week-current")).to_contain_text("Week 1")

    # … and marks week 1 done (HTMX swaps the progress cell in place).
    week1 = phone.locator(".week").first
    week1.get_by_role("button", name="Week 1 done").click()
    expect(week1.locator(".progress-label")).to_have_text("1 of 2 done")
    expect(week1.get_by_role("button", name="Week 1 done")).to_have_attribute(
        "aria-pressed", "true"
    )
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    screenshot(phone, "group-detail-phone")

    # The facilitator sees it.
    page.goto("/")
    expect(page.get_by_role("heading", name="Your groups")).to_be_visible()
    page.get_by_role("link", name="Brumaire Circle").click()
    expect(page.locator(".week").first.locator(".progress-label")).to_have_text("1 of 2 done")
    expect(page.locator(".this-week")).to_contain_text("Week 1")
    screenshot(page, "group-detail-desktop")
    page.get_by_role("navigation", name="Group").get_by_role("link", name="Members").click()
    expect(page.get_by_role("row", name=re.compile("Karl M."))).to_be_visible()
    screenshot(page, "group-members-desktop")
