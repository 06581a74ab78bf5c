"""Two branches read the same book at their own pace, each reshapes its own weeks, and a
curator's change to the library's split changes neither."""

from __future__ import annotations

from django.contrib.auth.models import Group as AuthGroup
from django.utils import timezone
from playwright.sync_api import expect

from studygroup.discussion import services as discussion
from studygroup.groups import services
from studygroup.groups.models import Membership, Progress
from studygroup.library.readings import generate_readings, reading_content
from studygroup.library.roles import CURATOR_GROUP, ensure_curator_group
from tests.browser.test_group_journey import sign_in
from tests.factories import PASSWORD, add_member, make_book, make_group, make_user


def adopt_in_browser(page, group, text, weeks: int, start: str) -> None:
    page.goto(f"/groups/{group.slug}/schedule/")
    page.get_by_role("combobox", name="Text:").select_option(label=f"{text.title} — {text.author}")
    page.get_by_label("First meeting on or after").fill(start)
    page.get_by_label("Split it afresh: we choose how many weeks").check()
    page.get_by_label("Number of weeks").fill(str(weeks))
    page.get_by_role("button", name="Adopt and schedule").click()
    expect(page.locator(".message-success")).to_contain_text("now reads")
    expect(page.locator(".adoption .week")).to_have_count(weeks)


def move_week_two_back_one_paragraph(page, screenshot, name: str, axe=None) -> None:
    page.get_by_role("link", name="Change this group's weeks").click()
    week2 = page.locator("#week-2")
    expect(week2.get_by_role("group", name="Where week 2 starts")).to_be_visible()
    # The last paragraph of week 1, offered by its first words.
    week2.locator(".split-place-before input").last.check()
    week2.get_by_role("button", name="Preview the move").click()
    expect(page.get_by_role("heading", name="Before you save")).to_be_visible()
    screenshot(page, f"split-preview-{name}")
    if axe is not None:
        serious = [v["id"] for v in axe(page) if v["impact"] in {"serious", "critical"}]
        assert serious == []
    page.get_by_role("button", name="Save this change").click()
    expect(page.locator(".message-success")).to_contain_text("Saved")


def schedule_rows(page, group) -> list[str]:
    page.goto(f"/groups/{group.slug}/schedule/")
    return page.locator(".adoption .week").all_inner_texts()


def test_two_groups_pace_and_reshape_their_own_weeks(new_page, screenshot, axe):
    book = make_book(chapters=10, paragraphs=4, words=250)
    generate_readings(book, weeks=10)
    start = timezone.now().date().isoformat()
    ana = make_user(email="ana@example.org", display_name="Ana")
    ben = make_user(email="ben@example.org", display_name="Ben")
    north = make_group(facilitator=ana, name="North Branch")
    south = make_group(facilitator=ben, name="South Branch")
    readers = {north: add_member(north).user, south: add_member(south).user}

    # Each facilitator adopts the same book at their own pace.
    page_a = new_page()
    sign_in(page_a, "ana@example.org", PASSWORD)
    adopt_in_browser(page_a, north, book, 5, start)
    page_b = new_page()
    sign_in(page_b, "ben@example.org", PASSWORD)
    adopt_in_browser(page_b, south, book, 10, start)

    # A member of each comments on the last paragraph of week 1 and marks it read.
    comments = {}
    for group, reader in readers.items():
        week1 = group.adoptions.get().readings.get(number=1)
        last = [p for _, ps in reading_content(week1) for p in ps][-1]
        comments[group] = discussion.post_comment(
            author=reader,
            group=group,
            reading=week1,
            body=f"{group.name} on p-last",
            paragraph=last,
        )
        services.set_done(
            membership=Membership.objects.get(group=group, user=reader), reading=week1, done=True
        )
    north_before = schedule_rows(page_a, north)
    south_before = schedule_rows(page_b, south)

    # North moves week 2 one paragraph earlier: the comment goes with its paragraph.
    page_a.goto(f"/groups/{north.slug}/schedule/")
    move_week_two_back_one_paragraph(page_a, screenshot, "north", axe)
    comment = comments[north]
    comment.refresh_from_db()
    assert comment.reading.number == 2
    south_comment = comments[south]
    south_comment.refresh_from_db()
    assert south_comment.reading.number == 1  # the other group's is untouched
    assert schedule_rows(page_b, south) == south_before

    # South does the same in its own weeks.
    page_b.goto(f"/groups/{south.slug}/schedule/")
    move_week_two_back_one_paragraph(page_b, screenshot, "south")
    south_comment.refresh_from_db()
    assert south_comment.reading.number == 2
    north_after = schedule_rows(page_a, north)
    south_after = schedule_rows(page_b, south)
    assert len(north_after) == 5 and len(south_after) == 10
    # Dates stay as they were: only where the weeks start changed.
    assert [row.splitlines()[0] for row in north_after] == [
        row.splitlines()[0] for row in north_before
    ]
    for group in (north, south):
        marks = Progress.objects.filter(membership__group=group)
        assert [m.reading.number for m in marks] == [1]

    # The reading page of North's week 2 now holds the comment.
    page_a.goto(f"/groups/{north.slug}/weeks/2/")
    expect(page_a.get_by_text("North Branch on p-last")).to_be_visible()
    screenshot(page_a, "split-week-2-north")

    # A curator merges the library's first two weeks: neither group changes.
    curator = make_user(email="cura@example.org", display_name="Cura", is_staff=True)
    ensure_curator_group()
    curator.groups.add(AuthGroup.objects.get(name=CURATOR_GROUP))
    page_c = new_page()
    sign_in(page_c, "cura@example.org", PASSWORD)
    page_c.goto(f"/library/{book.slug}/readings/edit/")
    page_c.get_by_role("button", name="Merge with week 2").click()
    expect(page_c.locator("#week-10")).to_have_count(0)
    assert book.readings.curated().count() == 9
    assert schedule_rows(page_a, north) == north_after
    assert schedule_rows(page_b, south) == south_after
