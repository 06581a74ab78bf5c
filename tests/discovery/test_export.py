"""Exports: Markdown meeting notes that read well, JSON backups that keep everything, a
member's own comments; a constant number of queries."""

from __future__ import annotations

import json
import re

import pytest
from django.urls import reverse
from markdown_it import MarkdownIt

from studygroup.discussion import export
from studygroup.discussion.models import Comment
from tests.discovery.world import make_world

pytestmark = pytest.mark.django_db


def week_url(world, fmt: str, reading=None) -> str:
    reading = reading or world.reading
    return reverse(
        "export:week_file", kwargs={"slug": world.group.slug, "reading": reading.pk, "fmt": fmt}
    )


def group_url(world, fmt: str) -> str:
    return reverse("export:group_file", kwargs={"slug": world.group.slug, "fmt": fmt})


def member_url(fmt: str) -> str:
    return reverse("export:member_file", kwargs={"fmt": fmt})


def download(client, user, url: str):
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    return response


# --- Markdown -----------------------------------------------------------------------------


def test_week_markdown_reads_as_meeting_notes(client):
    world = make_world()
    response = download(client, world.facilitator, week_url(world, "md"))
    assert response["Content-Type"] == "text/markdown; charset=utf-8"
    assert response["Content-Disposition"] == (
        f'attachment; filename="{world.group.slug}-a-primer-on-study-circles-week-1.md"'
    )
    notes = response.content.decode()
    print("\n" + notes)  # look at it: pytest -s tests/discovery/test_export.py -k reads
    lines = notes.splitlines()

    # The group, the text, the week and its date, in that order.
    assert lines[0] == "# Tuesday Circle: A Primer on Study Circles, week 1: Chapter 1"
    assert lines[2] == "Reading: A Primer on Study Circles  "
    assert lines[3].startswith("Exported ") and lines[3].endswith("times in Europe/Berlin")
    meeting = next(line for line in lines if line.startswith("Meeting: "))
    assert re.fullmatch(r"Meeting: Tuesday \d+ \w+ \d{4}, 19:00 \(Europe/Berlin\)", meeting)

    # The week's approved questions, numbered; a proposal is not one of them.
    q = lines.index("### Questions")
    assert lines[q + 2 : q + 4] == [
        r"1. What is a \*circle\*, for the author?",
        "2. Who chairs the meeting?",
    ]
    assert "Should we read faster?" not in notes

    # Threads after the questions, nesting as indented lists, oldest first.
    d = lines.index("### Discussion")
    assert d > q
    items = [line for line in lines[d:] if line.lstrip().startswith("- ")]
    assert [(len(i) - len(i.lstrip()), i.strip()[:9]) for i in items] == [
        (0, "- **Mo** "),
        (2, "- **Fran*"),
        (4, "- **Mo** "),
        (0, "- **Fran*"),
        (0, "- **Mo** "),
        (0, "- [delete"),
    ]
    root = items[0]
    assert "1 agree, 1 insightful" in root
    assert "on question 2" in items[3]  # answers "Who chairs the meeting?"

    # The paragraph anchor and the quoted passage, inside the root's list item.
    at = lines.index(root)
    assert lines[at + 1] == "  On: “Chapter 1, paragraph 2: the circle meets weekly.”"
    assert "  > the circle meets weekly" in lines[at:]
    assert notes.count("On: “") == 1  # replies share the anchor; it is said once
    assert "  The circle is **not** a class." in lines

    # Moderated comments keep their place, not their words.
    assert "  [hidden by the facilitators]" in lines
    assert "Something rude" not in notes
    assert items[-1].startswith("- [deleted] · ")
    assert "Never mind" not in notes

    # Only this week.
    assert "Week two already" not in notes and "week 2" not in notes


def test_markdown_renders_to_nested_html():
    world = make_world()
    notes = export.group_markdown(
        export.load_group_export(world.group, reading_id=world.reading.pk)
    )
    html = MarkdownIt("commonmark").render(notes)
    assert "<h1>Tuesday Circle: A Primer on Study Circles, week 1: Chapter 1</h1>" in html
    assert "<ol>\n<li>What is a *circle*, for the author?</li>" in html
    # Three levels of lists: root, reply, reply to the reply.
    assert re.search(r"<ul>\s*<li>.*?<ul>\s*<li>.*?<ul>\s*<li>", html, re.S)
    assert "<blockquote>\n<p>the circle meets weekly</p>\n</blockquote>" in html
    assert "<strong>not</strong>" in html
    assert "<pre>" not in html  # nothing fell into a code block through indentation


def test_whole_group_markdown_has_every_week_so_far(client):
    world = make_world()
    notes = download(client, world.facilitator, group_url(world, "md")).content.decode()
    assert notes.startswith("# Tuesday Circle: discussion notes\n")
    headings = [line for line in notes.splitlines() if line.startswith("## ")]
    assert headings[:3] == [
        "## A Primer on Study Circles, week 1: Chapter 1",
        "## A Primer on Study Circles, week 2: Chapter 2",
        "## A Primer on Study Circles, week 3: Chapter 3",
    ]
    assert "week 5" not in notes  # still ahead, and nothing said about it yet
    assert "Week two already." in notes


def test_deep_threads_stay_readable():
    world = make_world(discussion=False)
    parent = world.post(body="Level 1")
    for level in range(2, 9):
        parent = world.post(body=f"Level {level}", parent=parent)
    notes = export.group_markdown(
        export.load_group_export(world.group, reading_id=world.reading.pk)
    )
    items = [line for line in notes.splitlines() if line.lstrip().startswith("- **")]
    indents = [len(line) - len(line.lstrip()) for line in items]
    # Nesting stops at the display cap (six levels); deeper replies say whom they answer.
    assert indents == [0, 2, 4, 6, 8, 10, 12, 12]
    assert items[-1].endswith("replying to Mo")


# --- JSON ---------------------------------------------------------------------------------


def test_json_backup_keeps_everything(client):
    world = make_world()
    response = download(client, world.facilitator, group_url(world, "json"))
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert re.fullmatch(
        rf'attachment; filename="{world.group.slug}-discussion-\d{{4}}-\d\d-\d\d\.json"',
        response["Content-Disposition"],
    )
    data = json.loads(response.content)
    assert data["format"] == "studygroup.group-discussion" and data["scope"] == "group"
    assert data["group"]["slug"] == world.group.slug
    assert {(m["username"], m["role"]) for m in data["members"]} == {
        (world.facilitator.username, "facilitator"),
        (world.member.username, "member"),
    }
    assert "email" not in json.dumps(data["members"])
    assert [w["number"] for w in data["schedule"]["weeks"]] == [1, 2, 3, 4, 5]
    assert {q["status"] for q in data["questions"]} == {"approved", "proposed"}

    comments = {c["id"]: c for c in data["comments"]}
    c = world.comments
    assert set(comments) == {x.pk for x in c.values()}
    reply2 = comments[c["reply2"].pk]
    assert reply2["parent_id"] == c["reply"].pk and reply2["path"] == c["reply2"].path
    assert reply2["depth"] == 3
    root = comments[c["root"].pk]
    assert root["reactions"] == {"agree": 1, "insightful": 1, "confused": 0}
    assert root["quote"] == "the circle meets weekly"
    assert root["body"].startswith("The circle is **not** a class.")
    assert comments[c["hidden"].pk]["is_hidden"] is True
    assert comments[c["hidden"].pk]["body"] == "Something rude."
    assert comments[c["deleted"].pk]["deleted_at"] and comments[c["deleted"].pk]["body"] == ""

    [entry] = data["moderation_log"]
    assert entry["action"] == "hide" and entry["comment_id"] == c["hidden"].pk
    assert entry["reason"] == "Off topic."


def test_week_json_holds_only_that_week():
    world = make_world()
    data = export.group_json(
        export.load_group_export(world.group, reading_id=world.readings[1].pk, full=True)
    )
    assert data["scope"] == "week"
    assert [c["body"] for c in data["comments"]] == ["Week two already."]
    assert data["moderation_log"] == []


def test_week_off_the_schedule_and_unknown_formats_are_404(client):
    world = make_world()
    client.force_login(world.facilitator)
    other = make_world(suffix="-b", discussion=False)
    assert client.get(week_url(world, "md", reading=other.reading)).status_code == 404
    assert client.get(week_url(world, "pdf")).status_code == 404
    assert client.get(group_url(world, "html")).status_code == 404
    assert client.get(member_url("xml")).status_code == 404


# --- A member's own comments --------------------------------------------------------------


def test_member_export_holds_only_their_own_words(client):
    world = make_world()
    c = world.comments
    from studygroup.discussion import services

    services.edit_comment(comment=c["reply2"], body="Then who keeps the time?")
    data = json.loads(download(client, world.member, member_url("json")).content)
    assert data["format"] == "studygroup.member-comments"
    assert data["user"]["username"] == world.member.username
    ids = [x["id"] for x in data["comments"]]
    assert sorted(ids) == sorted(x.pk for x in c.values() if x.author_id == world.member.pk)
    by_id = {x["id"]: x for x in data["comments"]}
    assert by_id[c["reply2"].pk]["body"] == "Then who keeps the time?"
    assert by_id[c["reply2"].pk]["revisions"][0]["body"] == "Then who keeps time?"
    assert by_id[c["hidden"].pk]["body"] == "Something rude."  # their own words
    assert by_id[c["root"].pk]["group"]["slug"] == world.group.slug
    assert by_id[c["root"].pk]["reading"]["number"] == 1

    response = download(client, world.member, member_url("md"))
    assert re.fullmatch(
        rf'attachment; filename="{world.member.username}-comments-\d{{4}}-\d\d-\d\d\.md"',
        response["Content-Disposition"],
    )
    notes = response.content.decode()
    assert notes.startswith(f"# Comments by Mo (@{world.member.username})\n")
    assert "## Tuesday Circle" in notes
    assert "### A Primer on Study Circles, week 1: Chapter 1" in notes
    assert "Nobody lectures" not in notes  # Fran's reply is Fran's
    assert "[hidden by the facilitators] (only you see the text below)" in notes


def test_member_export_page_is_linked_from_email_settings(client):
    world = make_world(discussion=False)
    client.force_login(world.member)
    page = client.get(reverse("notifications:settings")).content.decode()
    assert reverse("export:member") in page
    page = client.get(reverse("export:member")).content.decode()
    assert member_url("md") in page and member_url("json") in page


def test_export_page_lists_every_week_and_is_linked_from_the_group(client):
    world = make_world(discussion=False)
    client.force_login(world.facilitator)
    page = client.get(reverse("export:group", kwargs={"slug": world.group.slug})).content.decode()
    assert group_url(world, "md") in page and group_url(world, "json") in page
    for reading in world.readings:
        assert week_url(world, "md", reading=reading) in page
    group_page = client.get(world.group.get_absolute_url()).content.decode()
    assert reverse("export:group", kwargs={"slug": world.group.slug}) in group_page
    client.force_login(world.member)
    group_page = client.get(world.group.get_absolute_url()).content.decode()
    assert reverse("export:group", kwargs={"slug": world.group.slug}) not in group_page


# --- Queries ------------------------------------------------------------------------------


def _more_comments(world, n: int = 12) -> None:
    for i in range(n):
        parent = world.post(body=f"More {i}", paragraph=world.paragraphs()[0])
        world.post(world.facilitator, body=f"Reply {i}", parent=parent)


# Session and user (2), the group with the viewer's role (1), then the export itself.
# Timeline 2, where curated questions land in the group's weeks 2 (section positions,
# curated weeks), questions, discussed marks, comments, reactions, meeting records 3.
GROUP_MD = 2 + 1 + 11
GROUP_JSON = GROUP_MD + 2  # memberships, moderation log
MEMBER = 2 + 3  # comments, revisions, reactions


@pytest.mark.parametrize(
    ("fmt", "expected"), [("md", GROUP_MD), ("json", GROUP_JSON)], ids=["md", "json"]
)
@pytest.mark.parametrize("scope", ["group", "week"])
def test_group_exports_take_constant_queries(
    client, django_assert_num_queries, fmt, expected, scope
):
    world = make_world()
    client.force_login(world.facilitator)
    url = group_url(world, fmt) if scope == "group" else week_url(world, fmt)
    with django_assert_num_queries(expected):
        small = client.get(url)
    _more_comments(world)
    with django_assert_num_queries(expected):
        large = client.get(url)
    assert len(large.content) > len(small.content) + 500


@pytest.mark.parametrize("fmt", ["md", "json"])
def test_member_export_takes_constant_queries(client, django_assert_num_queries, fmt):
    world = make_world()
    client.force_login(world.member)
    with django_assert_num_queries(MEMBER):
        small = client.get(member_url(fmt))
    _more_comments(world)
    other = make_world(suffix="-b")
    other_group_member = other.member
    world.group.memberships.create(user=other_group_member)
    with django_assert_num_queries(MEMBER):
        large = client.get(member_url(fmt))
    assert len(large.content) > len(small.content) + 500
    assert Comment.objects.filter(author=world.member).count() > 12
