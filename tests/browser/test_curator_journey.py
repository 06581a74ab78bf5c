"""A curator, staff in the Curator group only, takes a messy file to a week-1 question in the
admin: import with a preview, tag, publish, regenerate the weekly readings, add a question."""

from __future__ import annotations

import re

from django.contrib.auth.models import Group
from playwright.sync_api import expect

from studygroup.library.models import Question, Reading, Text
from studygroup.library.roles import CURATOR_GROUP
from tests.factories import PASSWORD, make_text, make_user

MESSY = """\ufeffTHE ALLOTMENT READING CIRCLE\r
\r
\r
PREFACE\r
\r
Written for   the plot-holders who read on Sunday mornings,\r
between the digging and the tea.\r
\r
\r
CHAPTER I. WHY WE GROW\r
\r
We grow together because one spade is slow, and because a\r
question asked over the fence is half answered.\r
\r
The secretary keeps the seed book and reads it back.\r
\r
\r
CHAPTER II. HOW WE SHARE\r
\r
The shed is small.  It has a long bench and a kettle.\r
\r
Nobody takes twice before everybody has taken once.\r
\r
\r
CHAPTER III. WHAT WE LEARN\r
\r
We learn to disagree kindly, and to change our minds about beans.\r
"""


def rows(page):
    return page.locator("#result_list tbody tr")


def run_action(page, row_text: str, action: str) -> None:
    rows(page).filter(has_text=row_text).locator("input.action-select").check()
    page.locator("select[name=action]").select_option(label=action)
    page.get_by_role("button", name="Go").click()


def test_curator_journey(page, screenshot, tmp_path):
    curator = make_user(username="cura", display_name="Cura", is_staff=True)
    curator.groups.add(Group.objects.get(name=CURATOR_GROUP))
    make_text(title="An Older Text").tags.add("labour history")  # an existing tag to suggest
    upload = tmp_path / "allotment.txt"
    upload.write_bytes(MESSY.encode("utf-8"))

    # Sign in to the admin.
    page.goto("/admin/")
    page.get_by_label("Username").fill("cura")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.locator("#curation-panel")).to_be_visible()
    expect(page.get_by_role("link", name="Users")).to_have_count(0)
    screenshot(page, "curator-index")

    # Library → Texts → Import a text: upload, preview, import (restricted for now).
    page.get_by_role("link", name="Texts", exact=True).click()
    page.get_by_role("link", name="Import a text").click()
    page.get_by_label("File").set_input_files(str(upload))
    page.get_by_label("Public").uncheck()
    page.get_by_role("button", name="Preview").click()
    expect(page.get_by_role("heading", name="Preview of allotment.txt")).to_be_visible()
    expect(page.locator("#import-structure")).to_contain_text(re.compile("what we learn", re.I))
    screenshot(page, "curator-import-preview")
    page.get_by_label("Title").fill("The Allotment Reading Circle")
    page.get_by_role("button", name="Import", exact=True).click()
    expect(page.locator(".messagelist .success")).to_contain_text("Imported")
    text = Text.objects.get(title="The Allotment Reading Circle")
    assert not text.is_public

    # Tag it on its page; the tags field suggests existing tags.
    tags = page.get_by_label("Tags")
    expect(page.locator("#id_tags_datalist option[data-name='labour history']")).to_have_count(1)
    tags.fill("labour history, allotments")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist .success")).to_be_visible()
    assert sorted(t.name for t in text.tags.all()) == ["allotments", "labour history"]

    # Publish it from the list.
    run_action(page, "The Allotment Reading Circle", "Publish the selected texts")
    expect(page.locator(".messagelist .success")).to_contain_text("1 text is now public")
    text.refresh_from_db()
    assert text.is_public
    screenshot(page, "curator-texts")

    # Regenerate its weekly readings: the old split beside the new, then save.
    run_action(page, "The Allotment Reading Circle", "Regenerate the weekly split")
    expect(page).to_have_url(re.compile(rf"/admin/library/reading/regenerate/{text.pk}/$"))
    page.get_by_label("Weeks").fill("2")
    page.get_by_role("button", name="Preview the new split").click()
    expect(page.get_by_role("heading", name="Current split beside the new one")).to_be_visible()
    screenshot(page, "curator-regenerate")
    page.get_by_role("button", name="Save this split").click()
    expect(page.locator(".messagelist .success")).to_contain_text("now has 2 weekly readings")
    assert Reading.objects.filter(text=text).count() == 2

    # Week 1 → add a curated discussion question through the inline.
    rows(page).first.get_by_role("link").first.click()
    expect(page.get_by_role("heading", name=re.compile("Week 1"))).to_be_visible()
    page.locator(".add-row a").click()
    page.locator("textarea[name$='-0-body']").fill("Why does the circle share before it grows?")
    page.get_by_role("button", name="Save and continue editing").click()
    expect(page.locator(".messagelist .success")).to_be_visible()
    screenshot(page, "curator-week-1")
    question = Question.objects.get(reading__text=text)
    assert question.reading.number == 1 and question.group is None
    assert question.body == "Why does the circle share before it grows?"

    # The dashboard no longer lists week 1 as a week without questions.
    page.goto("/admin/")
    page.get_by_role("link", name="Curator dashboard").click()
    bare = page.locator("#dashboard-questionless")
    expect(bare).to_contain_text("Week 2")
    expect(bare).not_to_contain_text("Week 1:")
    expect(page.locator("#dashboard-reports")).to_have_count(0)
    screenshot(page, "curator-dashboard")
