"""The discussion panel and the labels around it, as a browser renders and announces them."""

from __future__ import annotations

import re

import pytest

from tests.browser.conftest import DESKTOP, PHONE, format_violations
from tests.browser.test_accessibility import sign_in as sign_in_as
from tests.browser.test_keyboard_journeys import seed

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
