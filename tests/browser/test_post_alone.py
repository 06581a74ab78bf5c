"""Posting a comment puts the new comment alone at the top of the thread (no re-rendered
thread), focused, with a fresh form; the poster's poller does not announce it back to them,
and what others write still arrives live."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.test_discussion_journey import LIVE, sign_in
from tests.builders import make_circle


@pytest.mark.django_db(transaction=True)
def test_a_posted_comment_arrives_alone_and_focused(new_page, live_server, screenshot):
    world = make_circle()
    world.post(author=world.other, body="An older thought on the circle.")

    reader = new_page()
    sign_in(reader, live_server, world.member)
    reader.goto(world.page)
    expect(reader.locator("#thread")).to_contain_text("An older thought")

    reader.get_by_label("Your comment").fill("A *newer* thought.")
    reader.get_by_role("button", name="Post comment").click()
    posted = reader.locator("#thread ol.comments > li").first
    expect(posted).to_contain_text("A newer thought.")
    expect(posted.locator("article.comment")).to_be_focused()
    expect(reader.locator("#thread ol.comments > li")).to_have_count(2)
    expect(reader.get_by_label("Your comment")).to_have_value("")
    screenshot(reader, "post-alone")

    # Its own comment is not announced back to the poster by the poller.
    reader.wait_for_timeout(6_000)
    expect(reader.locator("#live-status")).not_to_contain_text("new comment")
    expect(reader.locator("#thread ol.comments > li")).to_have_count(2)

    # Someone else's comment still arrives live.
    world.post(author=world.other, body="Meanwhile, from Ola.")
    expect(reader.locator("#thread")).to_contain_text("Meanwhile, from Ola.", timeout=LIVE)
    expect(reader.locator("#live-status")).to_contain_text("1 new comment")
