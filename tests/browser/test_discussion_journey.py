"""Two readers discuss a passage: one comments, the other sees it live, replies and edits."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import PHONE
from tests.browser.session import sign_in
from tests.builders import make_circle

LIVE = 15_000  # polls run every 5 s; allow a few


@pytest.mark.django_db(transaction=True)
def test_anchored_comment_reply_and_edit_appear_live(new_page, live_server, screenshot):
    world = make_circle()
    first = world.paragraphs()[0]

    reader = new_page()
    sign_in(reader, live_server, world.member)
    other = new_page()
    sign_in(other, live_server, world.other)
    other.goto(world.page)
    expect(other.get_by_role("heading", name="Discussion", exact=True)).to_be_visible()

    # Mo opens the first paragraph's comments with the keyboard and starts a thread.
    reader.goto(world.page)
    marker = reader.locator(f"#p-{first.pk} .para-marker")
    expect(marker).to_have_accessible_name("Comment on this paragraph")
    # Select a few words of the paragraph first: they become the comment's quote.
    reader.evaluate(
        """id => {
            const p = document.querySelector(`#p-${id} p`);
            const node = [...p.childNodes].find(n => n.nodeType === 3 && n.data.includes("circle"));
            const range = document.createRange();
            range.setStart(node, node.data.indexOf("the circle"));
            range.setEnd(node, node.data.indexOf("weekly"));
            document.getSelection().removeAllRanges();
            document.getSelection().addRange(range);
        }""",
        first.pk,
    )
    marker.focus()
    reader.keyboard.press("Enter")
    expect(reader.locator("#passage")).to_contain_text("Comments on this passage")
    expect(reader.locator(".quote-preview q")).to_have_text("the circle meets")
    assert f"?paragraph={first.pk}" in reader.url
    reader.get_by_label("Your comment").fill("Why does the circle meet *weekly*?")
    reader.get_by_role("button", name="Post comment").click()
    posted = reader.locator("#thread article.comment").first
    expect(posted).to_contain_text("Why does the circle meet weekly?")
    expect(posted).to_be_focused()
    expect(posted.locator(".comment-quote")).to_have_text("the circle meets")
    expect(reader.get_by_label("Your comment")).to_have_value("")
    expect(marker).to_have_text("1")
    expect(marker).to_have_accessible_name("1 comment on this paragraph")

    # Ola sees it arrive without reloading, announced politely.
    expect(other.locator("#thread")).to_contain_text("Why does the circle meet", timeout=LIVE)
    expect(other.locator("#live-status")).to_contain_text("1 new comment")
    expect(other.locator(f"#p-{first.pk} .para-marker")).to_have_text("1")

    # Ola replies, then fixes a typo in the reply.
    other.locator("#thread article.comment").first.get_by_role("link", name="Reply").click()
    other.get_by_label("Your reply").fill("Becuase a week is enough to read a chapter.")
    other.get_by_role("button", name="Post reply").click()
    reply = other.locator("#thread .replies article.comment").first
    expect(reply).to_contain_text("Becuase a week")
    reply.get_by_role("link", name="Edit").click()
    other.get_by_label("Edit your comment").fill("Because a week is enough to read a chapter.")
    other.get_by_role("button", name="Save").click()
    reply = other.locator("#thread .replies article.comment").first
    expect(reply).to_contain_text("Because a week")
    expect(reply.get_by_role("link", name="edited")).to_be_visible()

    # Mo sees the reply, as edited, live.
    expect(reader.locator("#thread .replies")).to_contain_text("Because a week", timeout=LIVE)
    expect(reader.locator("#thread .replies")).to_contain_text("edited", timeout=LIVE)
    # Ola's own edit moved her poller to the new version: nothing is announced back to her.
    other.wait_for_timeout(5_500)
    expect(other.locator("#live-status")).to_have_text("1 new comment in the discussion.")
    reader.get_by_role("button", name="Insightful").last.click()
    expect(
        reader.locator("#thread .replies").get_by_role("button", name="Insightful 1")
    ).to_have_attribute("aria-pressed", "true")
    screenshot(reader, "discussion-desktop")

    phone = new_page(PHONE)
    sign_in(phone, live_server, world.other)
    phone.goto(world.page + f"?paragraph={first.pk}")
    expect(phone.locator("#thread")).to_contain_text("Because a week")
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    screenshot(phone, "discussion-phone")


@pytest.mark.django_db(transaction=True)
def test_facilitator_curates_questions_and_reads_the_heat_map(new_page, live_server, screenshot):
    from studygroup.discussion.models import ParagraphFlag
    from tests.factories import make_question

    world = make_circle()
    p1, p2 = world.paragraphs()[:2]
    make_question(world.reading, body="What does the author mean by a circle?")
    world.post(body="I lost the thread here.", paragraph=p2)
    world.post(author=world.other, body="Same.", paragraph=p2)
    ParagraphFlag.objects.create(group=world.group, paragraph=p2, user=world.member)
    ParagraphFlag.objects.create(group=world.group, paragraph=p2, user=world.other)
    ParagraphFlag.objects.create(group=world.group, paragraph=p1, user=world.other)

    member = new_page()
    sign_in(member, live_server, world.member)
    member.goto(world.page)
    member.get_by_text("Propose a question").click()
    member.get_by_label("Your question").fill("Why meet weekly rather than monthly?")
    member.get_by_role("button", name="Propose").click()
    expect(member.locator("#questions")).to_contain_text("Waiting for a facilitator")

    page = new_page()
    sign_in(page, live_server, world.facilitator)
    page.goto(world.page)
    questions = page.locator("#questions")
    questions.get_by_role("button", name="Approve").click()
    expect(questions.locator(".question-list").first).to_contain_text("Why meet weekly")
    proposed = questions.locator(".question", has_text="Why meet weekly")
    proposed.locator("summary", has_text="Tags").click()  # the tag box is folded away
    proposed.get_by_label("Tags for this question").fill("method, time")
    proposed.get_by_role("button", name="Save tags").click()
    expect(questions.locator(".question", has_text="Why meet weekly")).to_contain_text("method")
    first = questions.locator(".question", has_text="What does the author mean")
    first.get_by_role("button", name="Discussed at the meeting").click()
    expect(questions.locator(".question", has_text="What does the author mean")).to_contain_text(
        "Discussed at the meeting"
    )
    screenshot(page, "discussion-facilitator-desktop")

    page.get_by_role("link", name="Heat map of the week").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Heat map")
    screenshot(page, "discussion-heatmap-desktop")
