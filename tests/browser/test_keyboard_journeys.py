"""WCAG 2.2 AA keyboard journeys on the reading page of the seeded demo.

Keyboard only: after the page is loaded (and the sign-in form is filled), everything happens
with Tab, Shift+Tab, Enter, Space and typing; nothing is clicked. Each journey checks where
focus lands after an HTMX swap (2.1.1 Keyboard, 2.4.3 Focus Order, 2.4.1 Bypass Blocks).
"""

from __future__ import annotations

import json
import os
import re

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from studygroup.discussion.models import Comment, ModerationEntry, Report
from studygroup.groups.models import ReadingGroup

pytestmark = pytest.mark.django_db(transaction=True)

DEMO_PASSWORD = "studygroup-demo"
WEEK = 3  # the demo's discussion is on week 3 of the public group

# A short, readable description of the focused element, for failure messages.
DESCRIBE = """el => {
    if (!el || el === document.body) return "<body>";
    const name = (el.getAttribute("aria-label") || el.textContent || el.value || "")
        .replace(/\\s+/g, " ").trim().slice(0, 50);
    const id = el.id ? "#" + el.id : "";
    const cls = el.classList.length ? "." + [...el.classList].join(".") : "";
    return `${el.tagName.toLowerCase()}${id}${cls} "${name}"`;
}"""


def focused(page) -> str:
    return page.evaluate(f"() => ({DESCRIBE})(document.activeElement)")


def focus_matches(page, predicate_js: str) -> bool:
    return page.evaluate(
        f"() => {{ const el = document.activeElement; return Boolean(({predicate_js})(el)); }}"
    )


def tab_to(page, predicate_js: str, limit: int = 200, *, key: str = "Tab") -> str:
    """Press Tab (or `key`) until `document.activeElement` satisfies `predicate_js`.

    `predicate_js` is a JavaScript function of the element, e.g.
    `el => el.textContent.trim() === "Edit"`. Fails with every element visited on the way.
    Returns the description of the element reached.
    """
    visited = []
    for _ in range(limit):
        page.keyboard.press(key)
        if focus_matches(page, predicate_js):
            return focused(page)
        visited.append(focused(page))
    trail = "\n  ".join(f"{n + 1:3}. {v}" for n, v in enumerate(visited))
    raise AssertionError(f"{key} never reached {predicate_js} in {limit} presses:\n  {trail}")


def named(name: str, within: str | None = None) -> str:
    """A predicate: the element's visible name (aria-label or text) is `name`."""
    scope = f"el.closest({json.dumps(within)}) && " if within else ""
    return (
        f"el => {scope}(el.getAttribute('aria-label') || el.textContent || '')"
        f".replace(/\\s+/g, ' ').trim() === {json.dumps(name)}"
    )


def focus_inside(page, selector: str) -> bool:
    return page.evaluate(
        "s => Boolean(document.activeElement && document.activeElement.closest(s))", selector
    )


def settled(page) -> None:
    """Wait until HTMX has finished a swap and wired up what it swapped in (its settle)."""
    page.wait_for_function(
        "!document.querySelector('.htmx-request, .htmx-swapping, .htmx-settling, .htmx-added')"
    )


def seed() -> tuple[ReadingGroup, str]:
    call_command("seed_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    group = ReadingGroup.objects.get(is_public=True)
    return group, f"/groups/{group.slug}/weeks/{WEEK}/"


def sign_in(page, email: str) -> None:
    """Through the real sign-in form: fill it, then Enter submits it."""
    page.goto("/accounts/login/")
    page.locator("input[name=login]").fill(email)
    page.locator("input[name=password]").fill(DEMO_PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: "/accounts/login/" not in url)


def open_discussion(page, url: str, *, email: str) -> None:
    """Signed in as `email`, on the week at `url`, past its text to the discussion."""
    sign_in(page, email)
    page.goto(url)
    to_discussion(page)


def to_discussion(page) -> None:
    """Get past the reading text as a keyboard user would.

    On narrow screens the header's "Questions and discussion" jump link does it; from
    1100px the side column is beside the text, and these journeys Tab on past the jump link
    (shown only when focused there) to the side column's region after the text.
    """
    tab_to(
        page,
        "el => el.matches('.reading-side')"
        " || (el.matches('.jump-discussion') && window.innerWidth < 1100)",
    )
    if focus_matches(page, "el => el.matches('.jump-discussion')"):
        page.keyboard.press("Enter")


def test_tab_to_reports_what_it_visited(page, live_server):
    """The helper's own failure is readable: it lists where focus went."""
    page.set_content("<a href='#a'>One</a><button>Two</button>")
    with pytest.raises(AssertionError) as failure:
        tab_to(page, named("Three"), limit=3)
    message = str(failure.value)
    assert 'a "One"' in message
    assert 'button "Two"' in message


def test_reading_skip_link_then_paragraph_markers_and_anchors(page, live_server):
    _group, url = seed()
    sign_in(page, "rosa@example.org")
    page.goto(url)

    # The skip link is the first Tab stop, and it moves focus to <main>.
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Skip to content")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("main#main")).to_be_focused()

    # Every paragraph's marker is in the Tab order, in reading order.
    markers = page.eval_on_selector_all(".reading-text .para-marker", "els => els.map(e => e.id)")
    assert len(markers) > 3
    tab_to(page, f"el => el.id === {json.dumps(markers[0])}", limit=40)
    reached = [page.evaluate("document.activeElement.id")]
    for _ in range(len(markers) * 4):  # footnote references may sit between markers
        if len(reached) == len(markers):
            break
        page.keyboard.press("Tab")
        focus_id = page.evaluate("document.activeElement.id")
        if focus_id.startswith("m-"):
            reached.append(focus_id)
    assert reached == markers
    expect(page.locator(f"#{markers[-1]}")).to_have_accessible_name("Comment on this paragraph")
    # Shift+Tab goes back through them.
    tab_to(page, f"el => el.id === {json.dumps(markers[-2])}", limit=20, key="Shift+Tab")

    # A comment's "on a passage" anchor takes the keyboard to that paragraph: the next Tab
    # lands on the paragraph's own marker.
    opening = Comment.objects.get(body__startswith="This passage names")
    pid = opening.paragraph_id
    tab_to(page, named("on a passage", within=f"#c-{opening.pk}"))
    page.keyboard.press("Enter")
    assert page.url.endswith(f"#p-{pid}")
    page.keyboard.press("Tab")
    expect(page.locator(f"#m-{pid}")).to_be_focused()
    expect(page.locator(f"#m-{pid}")).to_have_accessible_name(
        re.compile(r"^\d+ comments? on this paragraph$")
    )

    # The marker opens the passage's comments, and the passage's "go to it in the text"
    # link brings the keyboard back to the paragraph.
    page.keyboard.press("Enter")
    expect(page.locator("#passage")).to_be_focused()
    tab_to(page, named("go to it in the text"), limit=5)
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    expect(page.locator(f"#m-{pid}")).to_be_focused()


def test_editing_your_own_comment_by_keyboard(page, live_server):
    _group, url = seed()
    answer = Comment.objects.get(body__startswith="We did, but only loosely")
    open_discussion(page, url, email="rosa@example.org")

    tab_to(page, named("Edit", within=f"#c-{answer.pk}"))
    page.keyboard.press("Enter")
    box = page.locator(f"#edit-{answer.pk}")
    expect(box).to_be_focused()
    expect(box).to_have_value(answer.body)

    page.keyboard.press("ControlOrMeta+A")
    page.keyboard.type("We did, but only loosely: a chapter a week, never a page count.")
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Save")).to_be_focused()
    page.keyboard.press("Enter")

    edited = page.locator(f"article#c-{answer.pk}")
    expect(edited).to_contain_text("a chapter a week, never a page count")
    expect(edited.get_by_role("link", name="edited")).to_be_visible()
    expect(page.locator(f"#edit-{answer.pk}")).to_have_count(0)
    page.wait_for_function(
        "pk => document.activeElement && document.activeElement.closest('#c-' + pk)", arg=answer.pk
    )
    assert focus_inside(page, f"#c-{answer.pk}"), focused(page)
    # The next Tab continues from the comment, not from the top of the page.
    page.keyboard.press("Tab")
    assert focus_inside(page, f"#c-{answer.pk}"), focused(page)
    assert Comment.objects.get(pk=answer.pk).body.endswith("never a page count.")


def test_reacting_by_keyboard_keeps_focus_on_the_button(page, live_server):
    _group, url = seed()
    reply = Comment.objects.get(body__startswith="Agreed. Though I wonder")  # Karl's
    open_discussion(page, url, email="rosa@example.org")

    agree = f"#c-{reply.pk}-agree"
    tab_to(page, f"el => el.matches({json.dumps(agree)})")
    button = page.locator(agree)
    expect(button).to_have_attribute("aria-pressed", "false")

    page.keyboard.press("Enter")
    expect(button).to_have_attribute("aria-pressed", "true")
    expect(button).to_contain_text("1")
    expect(button).to_be_focused()
    settled(page)  # see the next test: a press before the settle leaves the page

    # Space toggles it back; focus still stays on the (swapped-in) button.
    page.keyboard.press("Space")
    expect(button).to_have_attribute("aria-pressed", "false")
    expect(button).to_be_focused()
    settled(page)

    # And on to the next reaction with Tab.
    page.keyboard.press("Tab")
    insightful = page.locator(f"#c-{reply.pk}-insightful")
    expect(insightful).to_be_focused()
    page.keyboard.press("Space")
    expect(insightful).to_have_attribute("aria-pressed", "true")
    expect(insightful).to_be_focused()
    settled(page)
    assert page.url.endswith(url), "the reactions were HTMX requests, not page loads"


# A keypress is a task of its own: the earliest one after the swap runs like this timeout.
WIRED_WHEN_FOCUSED = """() => {
    document.addEventListener("htmx:afterSwap", () => setTimeout(() => {
        const form = document.activeElement && document.activeElement.form;
        const data = form && form["htmx-internal-data"];
        window.wiredProbe = {
            focus: document.activeElement.id, wired: Boolean(data && data.initHash)
        };
    }, 0), {once: true});
}"""


def test_a_quick_second_press_on_a_reaction_stays_on_the_page(page, live_server):
    _group, url = seed()
    reply = Comment.objects.get(body__startswith="Agreed. Though I wonder")
    open_discussion(page, url, email="rosa@example.org")
    agree = f"#c-{reply.pk}-agree"
    tab_to(page, f"el => el.matches({json.dumps(agree)})")
    page.evaluate(WIRED_WHEN_FOCUSED)
    page.keyboard.press("Enter")
    state = page.wait_for_function("window.wiredProbe").json_value()
    assert state["focus"] == f"c-{reply.pk}-agree"
    # Seen as flaky full-page reloads when Space follows Enter without a pause.
    assert state["wired"], "a keypress now would submit the reactions form without HTMX"


def test_facilitator_reaches_a_comments_moderation_from_the_reading_page(page, live_server):
    group, url = seed()
    confused = Comment.objects.get(body__startswith="I'm lost here.")
    open_discussion(page, url, email="facilitator@example.org")
    # A facilitator needs a way from the comment to its moderation panel (hide, lock).
    tab_to(
        page,
        f"el => el.closest('#c-{confused.pk}') && el.matches('a[href], button')"
        f" && (el.getAttribute('href') || el.formAction || '').includes('/moderation/')",
    )
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/groups/{group.slug}/moderation/comments/{confused.pk}/")


def test_facilitator_hides_a_comment_with_a_reason_by_keyboard(page, live_server):
    group, url = seed()
    confused = Comment.objects.get(body__startswith="I'm lost here.")
    open_discussion(page, url, email="facilitator@example.org")
    # From the comment on the reading page to its moderation panel.
    tab_to(page, named("Moderate the comment by Tomás Ruiz", within=f"#c-{confused.pk}"))
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/groups/{group.slug}/moderation/comments/{confused.pk}/")

    tab_to(page, "el => el.matches('textarea[name=reason]')")
    reason = "Hidden for the demo: a keyboard-only moderation check."
    page.keyboard.type(reason)
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Hide the comment")).to_be_focused()
    page.keyboard.press("Enter")

    panel = page.locator("#moderate")
    expect(panel.get_by_role("button", name="Show the comment again")).to_be_visible()
    expect(panel).to_contain_text(reason)
    assert ModerationEntry.objects.filter(comment=confused, reason=reason).exists()

    # On to the open log, still by keyboard.
    tab_to(page, named("Moderation log"), key="Shift+Tab")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/groups/{group.slug}/moderation/")
    log = page.locator("table.moderation-log")
    entry = log.locator("tbody tr", has_text=reason)
    expect(entry).to_have_count(1)
    expect(entry).to_contain_text("Frances Okafor")
    expect(entry).to_contain_text("by Tomás Ruiz")


def test_member_reports_a_comment_by_keyboard(page, live_server):
    group, url = seed()
    confused = Comment.objects.get(body__startswith="I'm lost here.")  # Tomás's
    open_discussion(page, url, email="rosa@example.org")

    report_link = named("Report the comment by Tomás Ruiz", within=f"#c-{confused.pk}")
    tab_to(page, report_link)
    page.keyboard.press("Enter")
    box = page.get_by_label("What is wrong with this comment?")
    expect(box).to_be_focused()
    # Cancel closes the form and gives focus back to the comment.
    tab_to(page, named("Cancel", within=f"#c-{confused.pk}-slot"), limit=3)
    page.keyboard.press("Enter")
    expect(box).to_have_count(0)
    expect(page.locator(f"#c-{confused.pk}")).to_be_focused()

    tab_to(page, report_link)
    page.keyboard.press("Enter")
    expect(box).to_be_focused()
    page.keyboard.type("Off topic for this week.")
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Report to the facilitators")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator(f"#c-{confused.pk}-slot [role=status]")).to_contain_text(
        "The facilitators will look at it"
    )
    assert page.url.endswith(url), "the report was an HTMX request, not a page load"
    report = Report.objects.get(comment=confused)
    assert report.reason == "Off topic for this week."
    assert report.reporter.email == "rosa@example.org"
    assert group.slug in page.url


def test_cancelling_a_reply_gives_focus_back_to_the_comment(page, live_server):
    _group, url = seed()
    confused = Comment.objects.get(body__startswith="I'm lost here.")
    open_discussion(page, url, email="rosa@example.org")

    tab_to(page, named("Reply to Tomás Ruiz", within=f"#c-{confused.pk}"))
    page.keyboard.press("Enter")
    box = page.get_by_label("Your reply")
    expect(box).to_be_focused()
    tab_to(page, named("Cancel", within=f"#c-{confused.pk}-slot"), limit=3)
    page.keyboard.press("Enter")
    expect(box).to_have_count(0)
    expect(page.locator(f"#c-{confused.pk}")).to_be_focused()
    assert page.url.endswith(url), "Cancel closed the form in place, without a page load"
