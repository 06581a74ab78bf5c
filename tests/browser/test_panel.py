"""The discussion panel and the labels around it, as a browser renders and announces them."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from studygroup.discussion import services
from studygroup.library.models import Reading
from tests.browser.conftest import DESKTOP, PHONE, format_violations
from tests.browser.session import sign_in as sign_in_as
from tests.browser.test_keyboard_journeys import focus_matches, focused, seed, settled, tab_to
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


def test_on_a_phone_a_markers_comments_open_beside_its_paragraph(
    new_page, live_server, axe, screenshot
):
    group, url = seed()
    page = new_page(PHONE)
    keyboard_sign_in(page, "rosa@example.org")
    page.goto(url)
    markers = page.eval_on_selector_all(".reading-text .para-marker", "els => els.map(e => e.id)")
    marker_id = markers[len(markers) // 2]  # a paragraph in the middle of the week
    marker = page.locator(f"#{marker_id}")
    marker.focus()
    page.keyboard.press("Enter")
    expect(page.locator("#passage")).to_be_focused()
    settled(page)
    # The passage's comments come right after its paragraph, not at the end of the page.
    gap = page.evaluate(
        """id => {
            const para = document.getElementById(id).closest('.para');
            const passage = document.getElementById('passage');
            return passage.getBoundingClientRect().top - para.getBoundingClientRect().bottom;
        }""",
        marker_id,
    )
    assert 0 <= gap < 200, gap
    assert page.evaluate("document.querySelectorAll('#discussion').length") == 1
    screenshot(page, "passage-panel-phone")
    blocking = [v for v in axe(page) if v["impact"] in {"serious", "critical"}]
    assert not blocking, format_violations(blocking)
    # Escape closes it: focus goes back to the marker, the discussion back to its column.
    page.keyboard.press("Escape")
    expect(page.locator(f"#{marker_id}")).to_be_focused()
    assert page.evaluate("Boolean(document.querySelector('.reading-side #discussion'))")
    assert page.locator(".passage-panel").count() == 0
    # The Close button does the same.
    page.keyboard.press("Enter")
    expect(page.locator("#passage")).to_be_focused()
    settled(page)
    tab_to(page, "el => el.matches('[data-panel-close]')", limit=80)
    page.keyboard.press("Enter")
    expect(page.locator(f"#{marker_id}")).to_be_focused()
    assert page.locator(".passage-panel").count() == 0


def test_at_desktop_width_a_markers_comments_stay_in_the_side_column(new_page, live_server):
    group, url = seed()
    page = new_page(DESKTOP)
    page.goto(url)
    marker = page.locator(".reading-text .para-marker").nth(3)
    marker.focus()
    page.keyboard.press("Enter")
    expect(page.locator("#passage")).to_be_focused()
    assert page.evaluate("Boolean(document.querySelector('.reading-side #passage'))")
    assert page.locator(".passage-panel").count() == 0


def test_without_javascript_a_marker_links_to_the_discussion(browser, live_server):
    group, url = seed()
    context = browser.new_context(
        base_url=live_server.url, viewport=PHONE, java_script_enabled=False
    )
    try:
        page = context.new_page()
        page.goto(url)
        marker = page.locator(".reading-text .para-marker").nth(3)
        href = marker.get_attribute("href")
        assert href.endswith("#discussion") and "?paragraph=" in href
        marker.click()
        page.wait_for_url(re.compile(r"\?paragraph=\d+#discussion$"))
        expect(page.locator("#passage")).to_be_attached()
    finally:
        context.close()


def test_question_controls_and_pages_pass_axe_at_both_widths(new_page, live_server, axe):
    group, url = seed()
    facilitator = group.memberships.filter(role="facilitator").first().user
    reading = Reading.objects.of_group(group).filter(number=3).first()
    question = services.propose_question(
        group=group,
        reading=reading,
        body="What would we do differently?",
        by=facilitator,
        approved=True,
    )
    pages = [
        url,
        reverse("discussion:question_edit", kwargs={"slug": group.slug, "pk": question.pk}),
        reverse("discussion:question_delete", kwargs={"slug": group.slug, "pk": question.pk}),
    ]
    for viewport in (PHONE, DESKTOP):
        page = new_page(viewport)
        sign_in_as(page, live_server, facilitator)
        for path in pages:
            page.goto(path)
            for summary in page.locator(".question-tags summary").all()[:1]:
                summary.click()  # the tag box, unfolded
            blocking = [v for v in axe(page) if v["impact"] in {"serious", "critical"}]
            assert not blocking, f"{path} at {viewport}:\n" + format_violations(blocking)
