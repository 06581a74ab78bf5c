"""The print edition's page markers in a real browser: in the margin, out of the text a
screen reader reads, and `#page-N` lands on them; axe at phone and desktop widths."""

from __future__ import annotations

from datetime import date

from django.urls import reverse
from playwright.sync_api import expect

from studygroup.groups.services import adopt_text
from studygroup.library.readings import generate_readings
from tests.browser.conftest import format_violations
from tests.browser.test_accessibility import sign_in
from tests.factories import add_member, make_group, make_user
from tests.library.test_page_starts import paged_text

PHONE = {"width": 375, "height": 740}
DESKTOP = {"width": 1280, "height": 900}


def test_page_markers_in_the_margin_skipped_by_screen_readers(
    new_page, live_server, axe, screenshot
):
    member = make_user()
    group = make_group()
    add_member(group, member)
    text = paged_text(chapters=6, paragraphs=6)
    generate_readings(text, weeks=2)
    adopt_text(group=group, text=text, start_date=date(2026, 1, 5))
    url = reverse(
        "discussion:reading_in_text", kwargs={"slug": group.slug, "text": text.slug, "number": 1}
    )

    for name, viewport in (("desktop", DESKTOP), ("phone", PHONE)):
        page = new_page(viewport)
        sign_in(page, live_server, member)
        page.goto(url + "#page-47")
        marker = page.locator("#page-47")
        expect(marker).to_be_visible()
        expect(marker).to_have_text("p. 47")
        expect(page.locator(".week-pages")).to_contain_text("pp. 31–")

        # `#page-47` lands there: the marker is on screen, far down the week.
        box = marker.bounding_box()
        assert page.evaluate("window.scrollY") > 0
        assert 0 <= box["y"] < viewport["height"]

        paragraph = page.locator(".para", has=marker)
        text_box = paragraph.locator("p").first.bounding_box()
        if name == "desktop":
            # In the left margin, beside the paragraph's first line, never over the text.
            assert 0 <= box["x"] and box["x"] + box["width"] <= text_box["x"]
            assert abs(box["y"] - text_box["y"]) < 20
        else:
            # No margin on a phone: on its own line above the paragraph.
            assert 0 <= box["x"] and box["x"] + box["width"] <= viewport["width"]
            assert box["y"] + box["height"] <= text_box["y"] + 1

        # Screen readers skip it: the paragraph's accessible text has no "p. 47".
        snapshot = paragraph.aria_snapshot()
        assert "p. 47" not in snapshot and "Chapter" in snapshot

        violations = [v for v in axe(page) if v["impact"] in {"serious", "critical"}]
        assert not violations, format_violations(violations)
        page.screenshot(path=str(screenshot(page, f"page-markers-{name}").with_suffix(".view.png")))
