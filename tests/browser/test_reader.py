from __future__ import annotations

from playwright.sync_api import expect

from tests.factories import make_text


def test_a_footnote_opens_in_place_without_javascript(browser, live_server, screenshot):
    text = make_text()
    chapter = text.sections.get(title="Chapter 1")
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    page.goto(chapter.get_absolute_url())
    note = page.locator(".fn-note").first
    expect(note).to_be_hidden()

    page.get_by_role("link", name="Note 1", exact=True).click()
    expect(note).to_be_visible()
    expect(note).to_contain_text("A note on <b>method</b>.")
    ref_box = page.get_by_role("link", name="Note 1", exact=True).bounding_box()
    note_box = note.bounding_box()
    assert 0 <= note_box["y"] - ref_box["y"] < 80, "the note opens right under its reference"
    screenshot(page, "reader-footnote-desktop")

    page.get_by_role("link", name="Close note 1").click()
    expect(note).to_be_hidden()
    context.close()
