"""Nothing happens silently: a join request from asking to approval, and a report leading to
a hidden comment whose author is told why. Both sides are notified; axe checks the new pages
at phone and desktop widths."""

from __future__ import annotations

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.browser.conftest import DESKTOP, PHONE, format_violations
from tests.browser.session import sign_in
from tests.builders import make_circle

BLOCKING = {"serious", "critical"}


def as_user(new_page, live_server, user, viewport=DESKTOP):
    page = new_page(viewport)
    sign_in(page, live_server, user)
    return page


def check_axe(new_page, live_server, axe, user, url: str, failures: list[str]) -> None:
    for label, viewport in (("phone", PHONE), ("desktop", DESKTOP)):
        page = as_user(new_page, live_server, user, viewport)
        page.goto(url)
        page.wait_for_load_state("networkidle")
        blocking = [v for v in axe(page) if v["impact"] in BLOCKING]
        if blocking:
            failures.append(f"== {url} ({label})\n{format_violations(blocking)}")
        assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]


@pytest.mark.django_db(transaction=True)
def test_a_join_request_from_asking_to_approval(new_page, live_server, axe, screenshot):
    world = make_circle(is_public=True)
    notifications = reverse("notifications:list")

    # Dee, an outsider, asks to join the public group.
    dee = as_user(new_page, live_server, world.outsider)
    dee.goto(world.group.get_absolute_url())
    dee.get_by_label("Message").fill("I read the first chapter already.")
    dee.get_by_role("button", name="Ask to join").click()
    expect(dee.locator(".message-success")).to_contain_text("sent to the facilitators")

    # Fran, the facilitator, hears of it and decides from the notification.
    fran = as_user(new_page, live_server, world.facilitator)
    fran.goto(notifications)
    expect(fran.get_by_text("No notifications yet")).to_have_count(0)
    fran.get_by_role("link", name="Outsider wants to join").click()
    expect(fran.get_by_text("I read the first chapter already.")).to_be_visible()
    fran.get_by_role("button", name="Approve Outsider").click()
    expect(fran.locator(".message-success")).to_contain_text("joined the group")

    # Dee hears she is in, and her link leads to the group.
    dee.goto(notifications)
    dee.get_by_role("link", name="Fran approved your request to join").click()
    expect(dee.get_by_role("heading", level=1)).to_have_text(world.group.name)
    screenshot(dee, "group-life-approved")

    failures: list[str] = []
    check_axe(new_page, live_server, axe, world.facilitator, notifications, failures)
    check_axe(new_page, live_server, axe, world.outsider, notifications, failures)
    assert not failures, "\n\n".join(failures)


@pytest.mark.django_db(transaction=True)
def test_a_report_leads_to_a_hidden_comment_and_its_author_is_told_why(
    new_page, live_server, axe, screenshot
):
    world = make_circle()
    comment = world.post(author=world.member, body="Something rude about Ola.")
    notifications = reverse("notifications:list")

    # Ola reports Mo's comment from under it.
    ola = as_user(new_page, live_server, world.other)
    ola.goto(world.page)
    article = ola.locator(f"#c-{comment.pk}")
    article.get_by_role("link", name="Report").click()
    ola.get_by_label("What is wrong with this comment?").fill("It insults me.")
    ola.get_by_role("button", name="Report to the facilitators").click()
    expect(article).to_contain_text("The facilitators will look")

    # Fran hears of the report, opens it from the notification and hides the comment.
    fran = as_user(new_page, live_server, world.facilitator)
    fran.goto(notifications)
    expect(fran.get_by_text("It insults me.")).to_be_visible()
    fran.get_by_role("link", name="Ola reported a comment").click()
    fran.get_by_label("Reason").fill("A personal attack.")
    fran.get_by_role("button", name="Hide the comment").click()
    expect(fran.locator("#moderate")).to_contain_text("hidden")

    # Mo is told who hid it and why, and the link leads to the open log's entry.
    mo = as_user(new_page, live_server, world.member)
    mo.goto(notifications)
    expect(mo.get_by_text("A personal attack.")).to_be_visible()
    mo.get_by_role("link", name="Fran hid your comment").click()
    expect(mo.get_by_role("heading", level=1)).to_have_text("Moderation log")
    expect(mo.locator("tr:target")).to_contain_text("A personal attack.")
    # The log says the report was closed by the hiding.
    expect(mo.get_by_text("1 open report closed")).to_be_visible()
    screenshot(mo, "group-life-hidden")

    failures: list[str] = []
    check_axe(new_page, live_server, axe, world.member, notifications, failures)
    check_axe(new_page, live_server, axe, world.facilitator, notifications, failures)
    log = reverse("moderation:log", kwargs={"slug": world.group.slug})
    check_axe(new_page, live_server, axe, world.member, log, failures)
    assert not failures, "\n\n".join(failures)
