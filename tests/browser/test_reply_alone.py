"""Posting a reply puts the new reply alone under its parent (no re-rendered thread), focused,
with its passage's count updated; the reply form goes, the poller does not announce the
reply back to its poster, and a reload shows the same thread."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.session import sign_in
from tests.builders import make_circle

# Set on the thread on screen before posting: still there only if the thread was not swapped.
PROBE = "document.getElementById('thread').dataset.probe"


@pytest.mark.django_db(transaction=True)
def test_a_posted_reply_arrives_alone_under_its_parent(new_page, live_server, screenshot):
    world = make_circle()
    first = world.paragraphs()[0]
    parent = world.post(author=world.other, body="Why read it in weeks?", paragraph=first)
    world.post(author=world.other, body="A thread of its own.")

    reader = new_page()
    sign_in(reader, live_server, world.member)
    reader.goto(world.page)
    marker = reader.locator(f"#m-{first.pk}")
    expect(marker).to_have_text("1")
    thread = reader.locator(f"#c-{parent.pk}")
    reader.evaluate(f"{PROBE} = 'kept'")

    # The first reply opens the parent's list of replies.
    thread.get_by_role("link", name="Reply").click()
    reader.get_by_label("Your reply").fill("Because a week is a *chapter*.")
    reader.get_by_role("button", name="Post reply").click()
    replies = reader.locator(f"#c-{parent.pk}-replies > li > article.comment")
    expect(replies).to_have_count(1)
    expect(replies.first).to_contain_text("Because a week is a chapter.")
    expect(replies.first).to_be_focused()
    expect(marker).to_have_text("2")
    expect(marker).to_have_accessible_name("2 comments on this paragraph")
    expect(reader.get_by_label("Your reply")).to_have_count(0)  # the reply form went
    assert reader.evaluate(PROBE) == "kept"  # the thread on screen was not swapped

    # A second reply joins the list, at its end.
    thread.get_by_role("link", name="Reply").click()
    reader.get_by_label("Your reply").fill("And a chapter is enough.")
    reader.get_by_role("button", name="Post reply").click()
    expect(replies).to_have_count(2)
    expect(replies.last).to_contain_text("And a chapter is enough.")
    expect(replies.last).to_be_focused()
    expect(marker).to_have_text("3")
    assert reader.evaluate(PROBE) == "kept"
    screenshot(reader, "reply-alone")

    # The poster's own replies are not announced back by the poller.
    reader.wait_for_timeout(6_000)
    expect(reader.locator("#live-status")).not_to_contain_text("new comment")
    assert reader.evaluate(PROBE) == "kept"

    # A reload shows the same thread.
    reader.reload()
    expect(replies).to_have_count(2)
    expect(replies.first).to_contain_text("Because a week is a chapter.")
    expect(replies.last).to_contain_text("And a chapter is enough.")
    expect(reader.locator(f"#m-{first.pk}")).to_have_text("3")
    expect(reader.locator("#thread ol.comments > li")).to_have_count(2)
