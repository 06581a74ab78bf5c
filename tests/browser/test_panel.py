"""The discussion panel and the labels around it, as a browser renders and announces them."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import DESKTOP, PHONE, format_violations
from tests.browser.test_accessibility import sign_in as sign_in_as
from tests.browser.test_keyboard_journeys import focus_matches, focused, seed, tab_to
from tests.browser.test_keyboard_journeys import sign_in as keyboard_sign_in

pytestmark = pytest.mark.django_db(transaction=True)

# The rows as copied or read (innerText applies CSS text-transform).
ROW_TEXT = "els => els.map(e => e.innerText.replace(/\\s+/g, ' ').trim())"


def test_week_status_labels_are_spaced_apart_from_the_week(new_page, live_server, axe):
    group, _url = seed()
    facilitator = group.memberships.filter(role="facilitator").first().user
    for viewport in (PHONE, DESKTOP):
        page = new_page(viewport)
        sign_in_as(page, live_server, facilitator)
        for path in (f"/groups/{group.slug}/schedule/", f"/groups/{group.slug}/"):
            page.goto(path)
            rows = page.eval_on_selector_all("li.week-past", ROW_TEXT)
            assert rows, path
            snapshot = page.locator("li.week-past").first.aria_snapshot()
            for text in [*rows, snapshot]:
                # "(past) Week 1", never "PASTWeek 1" or "past Week 1" read as one phrase
                assert re.search(r"\(\s*past\s*\)", text), text
                assert "PAST" not in text, text
            blocking = [v for v in axe(page) if v["impact"] in {"serious", "critical"}]
            assert not blocking, format_violations(blocking)


def test_comment_box_is_a_handful_of_tabs_from_page_load(new_page, live_server):
    """At desktop width the jump link to the discussion was hidden: 66 Tabs to the comment box."""
    group, _url = seed()
    page = new_page(DESKTOP)
    keyboard_sign_in(page, "rosa@example.org")
    page.goto(f"/groups/{group.slug}/weeks/2/")
    tabs = 0
    while not focus_matches(page, "el => el.id === 'compose-body'"):
        assert tabs < 10, f"after {tabs} Tabs, focus is on {focused(page)}"
        page.keyboard.press("Tab")
        tabs += 1
        if focus_matches(page, "el => el.matches('.skip-link-discussion')"):
            # A skip link shows itself when it has focus, and Enter follows it.
            link = page.locator(".skip-link-discussion")
            expect(link).to_be_visible()
            box = link.bounding_box()
            assert box and box["y"] >= 0 and box["height"] > 10
            page.keyboard.press("Enter")
    assert tabs <= 10
    expect(page.locator("#compose-body")).to_be_in_viewport()


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_jump_to_the_discussion_shows_on_focus_at_every_width(new_page, live_server, viewport):
    group, _url = seed()
    page = new_page(viewport)
    page.goto(f"/groups/{group.slug}/weeks/2/")
    tab_to(page, "el => el.matches('.jump-discussion')", limit=40)
    jump = page.locator(".jump-discussion")
    expect(jump).to_be_visible()
    box = jump.bounding_box()
    assert box and box["width"] > 20 and box["height"] > 10
