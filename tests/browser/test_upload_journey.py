"""A facilitator uploads a PDF, fixes a heading and removes a caption in the preview, saves,
schedules it, and a member comments on week 1: all in the site, never in the admin."""

from __future__ import annotations

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from studygroup.discussion.models import Comment
from studygroup.groups.models import GroupUpload
from studygroup.library.models import Paragraph, Text
from tests.browser.conftest import DESKTOP, PHONE, format_violations
from tests.browser.pamphlet import CAPTION, TITLE, pamphlet_pdf
from tests.browser.session import sign_in
from tests.factories import add_member, make_group, make_user


def check_axe(page, axe) -> None:
    for viewport in (PHONE, DESKTOP):
        page.set_viewport_size(viewport)
        violations = axe(page)
        assert not violations, f"{page.url} at {viewport['width']}px\n" + format_violations(
            violations
        )


@pytest.mark.django_db(transaction=True)
def test_upload_fix_schedule_and_discuss(browser, new_page, live_server, screenshot, axe):
    facilitator = make_user(display_name="Mary B.")
    member = make_user(display_name="Helen C.")
    group = make_group(facilitator=facilitator, name="Govan Tenants")
    add_member(group, member)
    pdf = pamphlet_pdf(browser)

    page = new_page()
    sign_in(page, live_server, facilitator)
    page.goto(group.get_absolute_url())
    page.get_by_role("navigation", name="Group").get_by_role("link", name="Texts").click()
    page.get_by_label("File").set_input_files(
        {"name": "handbook.pdf", "mimeType": "application/pdf", "buffer": pdf}
    )
    page.get_by_role("button", name="Preview").click()

    # The preview: what the importer found, and the weeks it would make.
    expect(page.get_by_role("heading", level=1)).to_have_text("Preview of handbook.pdf")
    stats = page.locator("#import-stats")
    expect(stats).to_contain_text(TITLE)
    expect(stats).to_contain_text("Mary Barbour")
    expect(page.locator("#import-weeks li").first).to_contain_text("Week 1")
    check_axe(page, axe)
    screenshot(page, "upload-preview-desktop")

    # Fix the heading's typo …
    first = page.locator("#section-0")
    first.get_by_role("textbox").fill("Chapter 1. Why Organise")
    first.get_by_role("button", name="Rename").click()
    expect(page.locator(".message-success")).to_contain_text("Corrected")
    expect(page.locator("#section-0").get_by_role("textbox")).to_have_value(
        "Chapter 1. Why Organise"
    )
    # … and remove the figure caption (the second line of chapter 1).
    first = page.locator("#section-0")
    first.locator("summary").click()
    line = first.locator(".upload-lines li").nth(1)
    expect(line).to_contain_text("Figure 1.")
    line.get_by_role("button", name="Remove line 2").click()
    expect(page.locator(".message-success")).to_contain_text("Corrected")
    page.locator("#section-0 summary").click()
    expect(page.locator("#section-0 .upload-lines")).not_to_contain_text("Figure 1.")
    expect(page.locator("#import-stats")).to_contain_text("Your corrections")
    page.set_viewport_size(PHONE)
    screenshot(page, "upload-preview-fixed-phone")
    page.set_viewport_size(DESKTOP)

    # Save: the text is the group's, private to it.
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".message-success")).to_contain_text("private to the group")
    text = Text.objects.get(title=TITLE)
    assert not text.is_public and GroupUpload.objects.get().group == group
    titles = list(text.sections.values_list("title", flat=True))
    assert "Chapter 1. Why Organise" in titles
    assert not Paragraph.objects.filter(section__text=text, text=CAPTION).exists()
    check_axe(page, axe)
    screenshot(page, "upload-saved-desktop")

    # Schedule it with the existing adopt form.
    page.get_by_role("link", name="Schedule it for the group").click()
    page.get_by_role("combobox", name="Text:").select_option(label=f"{TITLE} — Mary Barbour")
    page.get_by_label("Number of weeks").fill("3")
    page.get_by_role("button", name="Adopt and schedule").click()
    expect(page.locator(".message-success")).to_contain_text("now reads")
    expect(page.locator(".adoption .week")).to_have_count(3)

    # A member reads week 1 and comments on it.
    reader = new_page(PHONE)
    sign_in(reader, live_server, member)
    week1 = reverse(
        "discussion:reading_in_text",
        kwargs={"slug": group.slug, "text": text.slug, "number": 1},
    )
    reader.goto(week1)
    expect(reader.locator("main")).to_contain_text("A tenant alone is easily ignored")
    expect(reader.locator("main")).not_to_contain_text("Figure 1.")
    reader.get_by_label("Your comment").fill("Who keeps the notes in our close?")
    reader.get_by_role("button", name="Post comment").click()
    expect(reader.locator("#thread article.comment").first).to_contain_text("Who keeps the notes")
    screenshot(reader, "upload-week1-comment-phone")
    comment = Comment.objects.get()
    assert (comment.author, comment.group, comment.reading.number) == (member, group, 1)
    assert comment.reading.text == text

    # Nobody outside the group can open it.
    outsider = new_page()
    sign_in(outsider, live_server, make_user(display_name="Nosy"))
    response = outsider.goto(text.get_absolute_url())
    assert response.status == 404
