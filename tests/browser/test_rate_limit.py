"""Posting faster than the limit: htmx swaps the form back in, with the message (a 429)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from studygroup.discussion.models import Comment
from tests.browser.session import sign_in
from tests.builders import make_circle


@pytest.mark.django_db(transaction=True)
def test_a_post_over_the_limit_shows_the_message_in_the_form(page, live_server, settings):
    settings.COMMENT_RATE_LIMIT = "1/m"
    world = make_circle()
    sign_in(page, live_server, world.member)
    page.goto(world.page)
    page.get_by_label("Your comment").fill("A first thought.")
    page.get_by_role("button", name="Post comment").click()
    expect(page.locator("#thread article.comment").first).to_contain_text("A first thought.")

    with page.expect_response(lambda r: r.request.method == "POST") as posted:
        page.get_by_label("Your comment").fill("A second thought, too soon.")
        page.get_by_role("button", name="Post comment").click()
    assert posted.value.status == 429
    form = page.locator("#compose")
    expect(form).to_contain_text("faster than the group can read")
    expect(page.get_by_label("Your comment")).to_have_value("A second thought, too soon.")
    expect(page.locator(".request-error-text")).to_have_count(0)  # not the generic error
    assert Comment.objects.count() == 1
