"""No spoilers, as a reader meets it: a future week's discussion is folded away; "show anyway"
opens it in place; marking the next week done below its text opens that one; without
JavaScript the same buttons work as plain forms. axe checks every state at 375 and 1280 px."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from studygroup.discussion import services
from studygroup.groups.models import Adoption
from tests.browser.conftest import DESKTOP, PHONE, format_violations
from tests.browser.session import sign_in
from tests.browser.test_group_life_journey import BLOCKING, as_user
from tests.builders import make_circle
from tests.factories import add_member, make_user


@pytest.mark.django_db(transaction=True)
def test_a_spoiler_is_folded_then_shown(new_page, browser, live_server, axe, screenshot):
    world = make_circle()
    start = world.group.today() + timedelta(days=8)  # week 1 meets in a week or more
    Adoption.objects.filter(group=world.group).update(start_date=start)
    rita = make_user(username="rita", display_name="Rita", hide_spoilers=True)
    add_member(world.group, rita)
    one, two, three = world.readings
    question = world.post(author=rita, body="Does the circle ever break?")
    world.post(author=world.other, body="Week one: the circle breaks in chapter 1.")
    world.post(author=world.other, body="Yes, at the very end.", parent=question)
    for reading, body in ((two, "Week two: the letter was never sent."),
                          (three, "Week three: everyone forgives the miller.")):  # fmt: skip
        services.post_comment(author=world.other, group=world.group, reading=reading, body=body)
    failures: list[str] = []

    def audit(url: str, name: str) -> None:
        for label, viewport in (("phone", PHONE), ("desktop", DESKTOP)):
            view = as_user(new_page, live_server, rita, viewport)
            view.goto(url)
            view.wait_for_load_state("networkidle")
            blocking = [v for v in axe(view) if v["impact"] in BLOCKING]
            if blocking:
                failures.append(f"== {name} ({label})\n{format_violations(blocking)}")
            assert view.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
            screenshot(view, f"spoilers-{name}-{label}")

    week = lambda n: reverse(  # noqa: E731
        "discussion:reading", kwargs={"slug": world.group.slug, "number": n}
    )
    # The folded weeks, the notification that quotes nothing, and search without snippets,
    # checked before Rita opens anything.
    audit(week(1), "folded")
    audit(reverse("notifications:list"), "notifications")
    audit(reverse("search:search") + "?q=week", "search")

    # Rita opens week 1: the text is there, the discussion is folded away.
    page = as_user(new_page, live_server, rita)
    page.goto(week(1))
    thread = page.locator("#thread")
    expect(thread).to_contain_text("You haven't finished week 1")
    expect(page.get_by_text("the circle breaks in chapter 1")).to_have_count(0)
    expect(page.locator(".reader")).to_contain_text("Chapter 1, paragraph 2")
    # "Show anyway": the thread opens in place, and the page stays where it is.
    page.get_by_role("button", name="show anyway").click()
    expect(thread).to_contain_text("the circle breaks in chapter 1")
    expect(page.get_by_text("You haven't finished week 1")).to_have_count(0)
    assert page.url.endswith(week(1))
    screenshot(page, "spoilers-shown")
    audit(week(1), "shown")

    # Week 2 is folded too; Rita reads it and marks it done below the text: it opens.
    page.goto(week(2))
    expect(thread).to_contain_text("You haven't finished week 2")
    page.get_by_role("button", name="Mark week 2 done").click()
    expect(thread).to_contain_text("the letter was never sent")
    expect(page.get_by_text("You haven't finished week 2")).to_have_count(0)

    # Without JavaScript, "show anyway" on week 3 is a plain form: back to the page, open.
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    try:
        plain = context.new_page()
        sign_in(plain, live_server, rita)
        plain.goto(week(3))
        expect(plain.locator("#thread")).to_contain_text("You haven't finished week 3")
        plain.get_by_role("button", name="show anyway").click()
        expect(plain.locator("#thread")).to_contain_text("everyone forgives the miller")
        assert plain.url.endswith("/weeks/3/#thread")
    finally:
        context.close()

    assert not failures, "\n\n".join(failures)
