"""'@' in a comment box: the group's members as an ARIA combobox, by keyboard alone."""

from __future__ import annotations

import os

import pytest
from django.core.management import call_command
from django.urls import reverse
from playwright.sync_api import expect

from studygroup.accounts.models import User
from studygroup.groups.models import ReadingGroup
from tests.browser.conftest import DESKTOP, PHONE, format_violations
from tests.browser.session import sign_in
from tests.browser.test_accessibility import BLOCKING

pytestmark = pytest.mark.django_db(transaction=True)


def open_week(new_page, live_server, viewport):
    call_command("seed_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    page = new_page(viewport)
    sign_in(page, live_server, User.objects.get(username="rosa"))
    group = ReadingGroup.objects.get(is_public=True)
    page.goto(reverse("discussion:reading", kwargs={"slug": group.slug, "number": 3}))
    return page


def test_typing_at_offers_members_and_the_keyboard_picks_one(new_page, live_server, axe):
    page = open_week(new_page, live_server, DESKTOP)
    box = page.locator("textarea[data-mention-url]").first
    listbox = page.locator(f"#{box.get_attribute('aria-controls')}")
    status = page.locator(f"#{box.get_attribute('aria-controls')}-status")
    expect(box).to_have_attribute("role", "combobox")
    expect(box).to_have_attribute("aria-expanded", "false")

    box.focus()
    page.keyboard.type("Thanks @kar")
    expect(box).to_have_attribute("aria-expanded", "true")
    expect(listbox).to_be_visible()
    expect(listbox.get_by_role("option")).to_have_count(1)
    expect(listbox.get_by_role("option")).to_contain_text("@karl")
    expect(status).to_have_text("1 member matches. Up and Down to choose, Enter to insert.")

    page.keyboard.press("ArrowDown")
    option = listbox.get_by_role("option").first
    expect(option).to_have_attribute("aria-selected", "true")
    option_id = option.get_attribute("id")
    expect(box).to_have_attribute("aria-activedescendant", option_id)

    page.keyboard.press("Escape")
    expect(box).to_have_attribute("aria-expanded", "false")
    expect(listbox).to_be_hidden()
    expect(box).not_to_have_attribute("aria-activedescendant", option_id)

    page.keyboard.press("Backspace")
    page.keyboard.type("r")  # "@kar" again
    expect(box).to_have_attribute("aria-expanded", "true")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    expect(box).to_have_value("Thanks @karl ")
    expect(box).to_have_attribute("aria-expanded", "false")

    # "@" alone offers everyone else in the group; Up from the top wraps to the last.
    page.keyboard.type("and @")
    expect(box).to_have_attribute("aria-expanded", "true")
    options = listbox.get_by_role("option")
    count = options.count()
    assert count >= 3
    expect(status).to_contain_text(f"{count} members match")
    page.keyboard.press("ArrowUp")
    expect(options.nth(count - 1)).to_have_attribute("aria-selected", "true")


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_the_open_list_has_no_serious_violations(new_page, live_server, axe, viewport):
    page = open_week(new_page, live_server, viewport)
    box = page.locator("textarea[data-mention-url]").first
    box.focus()
    page.keyboard.type("@")
    expect(box).to_have_attribute("aria-expanded", "true")
    blocking = [v for v in axe(page) if v["impact"] in BLOCKING]
    assert not blocking, format_violations(blocking)
