"""The reading page by keyboard alone, its text size, its print handout, and failed requests."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from playwright.sync_api import expect

from studygroup.accounts.models import User
from tests.browser.conftest import PHONE, SCREENSHOTS
from tests.browser.session import sign_in
from tests.builders import make_circle
from tests.factories import make_question

pytestmark = pytest.mark.django_db(transaction=True)


def tab_to(page, selector: str, *, limit: int = 80) -> None:
    """Press Tab until the focused element matches `selector` (keyboard only, no mouse)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement?.matches(s) ?? false", selector):
            return
    raise AssertionError(f"Tab never reached {selector}")


def font_size(page, selector: str = "[data-reader]") -> float:
    return page.eval_on_selector(selector, "el => parseFloat(getComputedStyle(el).fontSize)")


def test_keyboard_only_opens_a_paragraphs_comments_and_replies(new_page, live_server):
    world = make_circle()
    first = world.paragraphs()[0]
    world.post(author=world.other, body="Is this the main claim?", paragraph=first)

    page = new_page(PHONE)
    sign_in(page, live_server, world.member)
    page.goto(world.page)
    # The skip link comes first, then the header; Tab on to the first paragraph's marker.
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Skip to content")).to_be_focused()
    tab_to(page, f"#m-{first.pk}")
    page.keyboard.press("Enter")
    # Focus follows what was opened: the passage, scrolled into view on a phone.
    expect(page.locator("#passage")).to_be_focused()
    assert page.locator("#passage").is_visible()
    expect(page.locator("#thread")).to_contain_text("Is this the main claim?")

    tab_to(page, "#thread article.comment a[href*='/reply/']")
    page.keyboard.press("Enter")
    reply_box = page.get_by_label("Your reply")
    expect(reply_box).to_be_focused()
    page.keyboard.type("Yes: the rest of the chapter argues for it.")
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Post reply")).to_be_focused()
    page.keyboard.press("Enter")
    reply = page.locator("#thread .replies article.comment").first
    expect(reply).to_contain_text("the rest of the chapter argues for it")
    expect(reply).to_be_focused()

    # An empty comment: focus goes back to the form, with its error announced.
    tab_to(page, "#compose textarea")
    tab_to(page, "#compose button[type=submit]")
    page.evaluate("document.querySelector('#compose textarea').removeAttribute('required')")
    page.keyboard.press("Enter")
    expect(page.locator("#compose [role=alert]")).to_be_visible()
    expect(page.locator("#compose textarea")).to_be_focused()


def test_text_size_is_remembered_for_a_member(new_page, live_server):
    world = make_circle()
    page = new_page()
    sign_in(page, live_server, world.member)
    page.goto(world.page)
    before = font_size(page)
    page.get_by_role("button", name="Larger text").click()
    expect(page.locator("#reader-size-now")).to_have_text("115%")
    assert font_size(page) == pytest.approx(before * 1.15, rel=0.02)
    expect(page.get_by_role("button", name="Larger text")).to_be_focused()
    assert User.objects.get(pk=world.member.pk).reader_font_size == 115

    # Remembered: on another page of the reader, in a new visit.
    page.goto(world.page)
    assert font_size(page) == pytest.approx(before * 1.15, rel=0.02)
    page.get_by_role("button", name="Smaller text").click()
    # As a reader would: the second press after the first one's answer shows.
    expect(page.locator("#reader-size-now")).to_have_text("100%")
    page.get_by_role("button", name="Smaller text").click()
    expect(page.locator("#reader-size-now")).to_have_text("90%")
    assert font_size(page) == pytest.approx(before * 0.9, rel=0.02)
    page.get_by_role("button", name="Reset the text size").click()
    expect(page.locator("#reader-size-now")).to_have_text("100%")
    assert User.objects.get(pk=world.member.pk).reader_font_size == 100


def test_text_size_for_a_visitor_lives_in_the_session_and_works_without_javascript(
    browser, live_server
):
    world = make_circle(is_public=True)
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(world.page)
        before = font_size(page)
        page.get_by_role("button", name="Larger text").click()  # a plain POST and a redirect
        page.wait_for_url(f"**{world.page}")
        expect(page.locator("#reader-size-now")).to_have_text("115%")
        assert font_size(page) == pytest.approx(before * 1.15, rel=0.02)
    finally:
        context.close()


def test_a_weeks_reading_prints_as_a_handout(new_page, live_server):
    world = make_circle()
    make_question(world.reading, body="What does the author mean by a circle?")
    world.post(body="A comment that must not print.")
    page = new_page()
    sign_in(page, live_server, world.member)
    page.goto(world.page)
    page.emulate_media(media="print")
    for hidden in (".site-header", "#discussion", ".para-marker", "#reader-size", ".site-footer"):
        expect(page.locator(hidden).first).to_be_hidden()
    expect(page.locator(".reading-text")).to_be_visible()
    expect(page.locator(".question-body", has_text="author mean by a circle")).to_be_visible()
    expect(page.get_by_text("A comment that must not print.")).to_be_hidden()
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "print-reading.png"), full_page=True)
    pdf = SCREENSHOTS / "print-reading.pdf"
    page.pdf(path=str(pdf), format="A4")
    assert pdf.stat().st_size > 5_000
    if Path("/usr/bin/pdftoppm").exists():  # look at the pages, when poppler is installed
        subprocess.run(
            ["pdftoppm", "-png", "-r", "50", str(pdf), str(SCREENSHOTS / "print-reading-page")],
            check=True,
        )


def test_failed_htmx_requests_show_a_message(new_page, live_server):
    world = make_circle()
    comment = world.post(author=world.other, body="Something to react to.")
    page = new_page()
    sign_in(page, live_server, world.member)
    page.goto(world.page)
    alert = page.locator("#request-errors")
    insightful = page.locator(f"#c-{comment.pk}-insightful")

    # The network is down.
    page.route("**/react/", lambda route: route.abort("internetdisconnected"))
    insightful.click()
    expect(alert).to_contain_text("Could not reach the server")
    alert.get_by_role("button", name="Dismiss").click()
    expect(alert).to_be_empty()
    expect(insightful).to_be_focused()

    # The server fails.
    page.unroute("**/react/")
    page.route("**/react/", lambda route: route.fulfill(status=500, body="boom"))
    insightful.click()
    expect(alert).to_contain_text("Something went wrong on our side")
    page.unroute("**/react/")

    # The session expired: the CSRF cookie is gone. The message offers a reload.
    cookies = [c for c in page.context.cookies() if c["name"] != "csrftoken"]
    page.context.clear_cookies()
    page.context.add_cookies(cookies)
    insightful.click()
    expect(alert).to_contain_text("Your session has expired")
    alert.get_by_role("button", name="Reload the page").click()
    page.wait_for_load_state()
    expect(alert).to_be_empty()
    page.locator(f"#c-{comment.pk}-insightful").click()
    expect(page.locator(f"#c-{comment.pk}-insightful")).to_have_attribute("aria-pressed", "true")


def test_the_scripts_speak_the_readers_language_from_the_kept_catalogue(new_page, live_server):
    """site.js's messages come from /jsi18n/, named in the page by its language and digest
    and kept by the browser (immutable): in Spanish, the failed request's message and its
    button are Spanish."""
    world = make_circle()
    comment = world.post(author=world.other, body="Something to react to.")
    User.objects.filter(pk=world.member.pk).update(language="es")
    page = new_page()
    catalogues = []
    page.on("response", lambda r: catalogues.append(r) if "/jsi18n/" in r.url else None)
    sign_in(page, live_server, world.member)
    page.goto(world.page)
    assert catalogues and "v=es&c=" in catalogues[-1].url
    assert "immutable" in catalogues[-1].headers["cache-control"]
    alert = page.locator("#request-errors")
    page.route("**/react/", lambda route: route.abort("internetdisconnected"))
    page.locator(f"#c-{comment.pk}-insightful").click()
    expect(alert).to_contain_text("No se ha podido contactar con el servidor")
    alert.get_by_role("button", name="Cerrar").click()
    expect(alert).to_be_empty()
