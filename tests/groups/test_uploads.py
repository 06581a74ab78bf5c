"""A group's own texts: upload, preview and fix, save, fix after saving, re-upload, publish."""

from __future__ import annotations

import re

import pytest
from django.contrib.admin.models import LogEntry
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils.html import escape

from studygroup.discussion import services as discussion
from studygroup.groups.models import GroupUpload
from studygroup.library.models import Paragraph, Section, Text
from tests.factories import add_member, adopt, make_group, make_user

pytestmark = pytest.mark.django_db

BOOK = """THE WORKERS' READING CIRCLE

by Ada Lovelace


CHAPTER I. WHY WE READ

We read together because reading alone is slow, and because
a question asked aloud is half answered.

Figure 1. The reading room.

The secretary keeps the minutes.

She reads them back to everybody present.


CHAPTER II. HOW WE MEET

The room is small. It has a long table and a kettle.

Nobody speaks twice before everybody has spoken once.


CHAPTER III. WHAT WE LEARN

We learn to argue kindly, and to change our minds in public.
"""


@pytest.fixture(autouse=True)
def _generous_limits(settings):
    settings.WRITE_RATE_LIMIT = "1000/m"
    settings.COMMENT_RATE_LIMIT = "1000/m"
    settings.GROUP_UPLOAD_RATE_LIMIT = "1000/m"


@pytest.fixture
def facilitator():
    return make_user(username="fran", display_name="Fran")


@pytest.fixture
def group(facilitator):
    return make_group(facilitator=facilitator, name="Tuesday Circle")


def upload(client, group, content: str | bytes = BOOK, name: str = "circle.txt"):
    data = content.encode() if isinstance(content, str) else content
    return client.post(
        reverse("groups:texts", args=[group.slug]),
        {"file": SimpleUploadedFile(name, data)},
    )


def token_of(response) -> str:
    assert response.status_code == 302, response.content[:500]
    return re.search(r"/texts/upload/([^/]+)/", response["Location"]).group(1)


def fix(client, group, token, section, fix, title=""):
    url = reverse("groups:upload_fix", args=[group.slug, token])
    return client.post(url, {"section": section, "fix": fix, "title": title})


def preview(client, group, token):
    return client.get(reverse("groups:upload_preview", args=[group.slug, token]))


def save(client, group, token, **fields):
    return client.post(reverse("groups:upload_save", args=[group.slug, token]), fields)


def adopt_choices(response) -> set[int]:
    return {text.pk for text in response.context["adopt_form"].fields["text"].queryset}


def saved(client, group, **fields) -> Text:
    client.force_login(group.memberships.get(role="facilitator").user)
    token = token_of(upload(client, group))
    response = save(client, group, token, **fields)
    assert response.status_code == 302
    return Text.objects.get()


# --------------------------------------------------------------------------- preview


def test_preview_shows_what_was_found_and_writes_nothing(client, group, facilitator):
    client.force_login(facilitator)
    token = token_of(upload(client, group))
    response = preview(client, group, token)
    page = response.content.decode()
    preview_ = response.context["preview"]
    assert preview_.chapters == 3
    assert [s.title.upper() for s in preview_.sections][-3:] == [
        "CHAPTER I. WHY WE READ",
        "CHAPTER II. HOW WE MEET",
        "CHAPTER III. WHAT WE LEARN",
    ]
    assert preview_.weeks, "the weeks a group would read are shown"
    assert 'id="import-weeks"' in page and "Week 1" in page
    assert Text.objects.count() == 0 and GroupUpload.objects.count() == 0


def test_fixes_in_the_preview_shape_what_is_saved(client, group, facilitator):
    client.force_login(facilitator)
    token = token_of(upload(client, group))
    sections = preview(client, group, token).context["preview"].sections
    first = next(s.index for s in sections if "WHY WE READ" in s.title.upper())
    lines = sections[first].lines
    caption = next(line.index for line in lines if line.first_words.startswith("Figure 1"))
    assert fix(client, group, token, first, "rename", "Why we read").status_code == 302
    assert fix(client, group, token, first, f"remove {caption}").status_code == 302
    # After the removal, "opens, reads them back" follows "The secretary…": join them.
    lines = preview(client, group, token).context["preview"].sections[first].lines
    split = next(line.index for line in lines if line.first_words.startswith("She reads"))
    fix(client, group, token, first, f"merge {split}")
    fix(client, group, token, first + 1, "level 2")
    fix(client, group, token, first + 2, "not_heading")
    response = save(client, group, token, title="The Circle", author="Ada")
    assert response.status_code == 302
    text = Text.objects.get()
    assert (text.title, text.author, text.is_public) == ("The Circle", "Ada", False)
    titles = list(text.sections.order_by("position").values_list("title", "level"))
    assert ("Why we read", 1) in titles
    assert ("CHAPTER II. HOW WE MEET", 2) in [(t.upper(), level) for t, level in titles]
    assert not any("WHAT WE LEARN" in t.upper() for t, _ in titles)
    body = list(Paragraph.objects.filter(section__text=text).values_list("text", flat=True))
    assert not any(p.startswith("Figure 1") for p in body)
    assert "The secretary keeps the minutes. She reads them back to everybody present." in body
    assert "CHAPTER III. WHAT WE LEARN" in [p.upper() for p in body]  # kept, as text
    owned = GroupUpload.objects.get()
    assert (owned.group, owned.uploaded_by, owned.size) == (group, facilitator, len(BOOK.encode()))


def test_a_fix_that_does_not_apply_says_so(client, group, facilitator):
    client.force_login(facilitator)
    token = token_of(upload(client, group))
    response = fix(client, group, token, 0, "not_heading")
    messages = [str(m) for m in response.wsgi_request._messages]
    assert any("first heading" in m for m in messages)
    assert fix(client, group, token, 99, "rename", "x").status_code == 302
    assert preview(client, group, token).context["fixes"] == 0


def test_bad_input_gets_a_clear_message_and_writes_nothing(client, group, facilitator):
    client.force_login(facilitator)
    response = upload(client, group, b"%PDF-1.4 not really a pdf", name="broken.pdf")
    assert response.status_code == 400
    assert response.context["form"].errors["file"]
    response = upload(client, group, b"", name="empty.txt")
    assert response.status_code == 400
    assert Text.objects.count() == 0 and GroupUpload.objects.count() == 0


def test_size_limit_and_quota(client, group, facilitator, settings):
    client.force_login(facilitator)
    settings.GROUP_UPLOAD_MAX_BYTES = 100
    response = upload(client, group)
    assert response.status_code == 400
    assert "the limit is 100" in response.context["form"].errors["file"][0]
    settings.GROUP_UPLOAD_MAX_BYTES = 10**6
    settings.GROUP_UPLOAD_QUOTA_BYTES = len(BOOK.encode()) + 10
    save(client, group, token_of(upload(client, group)))
    assert Text.objects.count() == 1
    response = upload(client, group)
    assert response.status_code == 400
    assert "quota" in response.context["form"].errors["file"][0]
    assert Text.objects.count() == 1


def test_uploads_are_rate_limited(client, group, facilitator, settings):
    client.force_login(facilitator)
    settings.GROUP_UPLOAD_RATE_LIMIT = "2/h"
    assert upload(client, group).status_code == 302
    assert upload(client, group).status_code == 302
    assert upload(client, group).status_code == 429


def test_a_token_saves_once_and_only_for_its_uploader(client, group, facilitator):
    from django.test import Client

    client.force_login(facilitator)
    token = token_of(upload(client, group))
    other = make_user(username="cofac")
    add_member(group, other, role="facilitator")
    theirs = Client()
    theirs.force_login(other)
    assert save(theirs, group, token).status_code == 302
    assert Text.objects.count() == 0
    save(client, group, token)
    save(client, group, token)
    assert Text.objects.count() == 1


def test_members_and_outsiders_cannot_upload(client, group):
    member = make_user(username="mo")
    add_member(group, member)
    client.force_login(member)
    assert upload(client, group).status_code == 403
    client.force_login(make_user(username="out"))
    assert upload(client, group).status_code == 404  # a private group
    assert Text.objects.count() == 0


# --------------------------------------------------------------------------- private to the group


def test_the_upload_is_private_to_the_group(client, group, facilitator):
    text = saved(client, group)
    member = make_user(username="mo")
    add_member(group, member)
    other_group = make_group(facilitator=make_user(username="ofac"))
    outsider = other_group.memberships.get().user
    url = text.get_absolute_url()
    for user, expected in [(member, 200), (facilitator, 200), (outsider, 404)]:
        client.force_login(user)
        assert client.get(url).status_code == expected
        listed = escape(text.title) in client.get(reverse("library:texts")).content.decode()
        assert listed is (expected == 200)
    client.logout()
    assert client.get(url).status_code == 404
    # Another group's facilitator cannot adopt it, even by posting its id.
    client.force_login(outsider)
    schedule = client.get(reverse("groups:schedule", args=[other_group.slug]))
    assert text.pk not in adopt_choices(schedule)
    response = client.post(
        reverse("groups:adopt", args=[other_group.slug]), {"text": text.pk, "weeks": 2}
    )
    assert response.status_code == 400
    # ... nor open the group's pages for it.
    assert client.get(reverse("groups:text_edit", args=[group.slug, text.pk])).status_code == 404


def test_a_public_groups_page_shows_its_private_upload_to_its_members_only(client, facilitator):
    """As the calendar feed and the week pages: the upload's title and weeks are the group's."""
    group = make_group(facilitator=facilitator, name="Open Circle", is_public=True)
    text = saved(client, group)
    week_title = adopt(group, text, start_date=group.today()).readings.get(number=1).title
    page = group.get_absolute_url()
    html = client.get(page).content.decode()
    assert escape(text.title) in html and escape(week_title) in html
    outsider = make_user(username="out")
    for user in [None, outsider]:
        client.logout()
        if user is not None:
            client.force_login(user)
        response = client.get(page)
        html = response.content.decode()
        assert response.status_code == 200 and "Open Circle" in html
        assert escape(text.title) not in html and escape(week_title) not in html
        assert text.get_absolute_url() not in html and "Read and discuss" not in html


def test_a_facilitator_of_two_groups_cannot_hand_one_groups_upload_to_the_other(
    client, group, facilitator
):
    text = saved(client, group)
    second = make_group(facilitator=facilitator, name="Second")
    choices = adopt_choices(client.get(reverse("groups:schedule", args=[second.slug])))
    assert text.pk not in choices
    assert text.pk in adopt_choices(client.get(reverse("groups:schedule", args=[group.slug])))


def test_search_does_not_find_a_private_upload(client, group):
    text = saved(client, group)
    member_sees = client.get(reverse("search:search"), {"q": "kettle"}).content.decode()
    assert text.slug in member_sees  # the search does find it, for the group
    client.force_login(make_user(username="out"))
    outsider_sees = client.get(reverse("search:search"), {"q": "kettle"}).content.decode()
    assert text.slug not in outsider_sees


# --------------------------------------------------------------------------- after saving


def test_fixes_after_saving_keep_paragraph_ids(client, group, facilitator):
    text = saved(client, group)
    url = reverse("groups:text_fix", args=[group.slug, text.pk])
    sections = list(text.sections.order_by("position"))
    chapter1 = next(s for s in sections if "WHY WE READ" in s.title.upper())
    paragraphs = list(chapter1.paragraphs.order_by("position"))
    caption = next(p for p in paragraphs if p.text.startswith("Figure 1"))
    opens = next(p for p in paragraphs if p.text.startswith("She reads"))
    secretary = next(p for p in paragraphs if p.text.startswith("The secretary"))
    keep = paragraphs[0].pk
    reading_member = make_user(username="mo")
    add_member(group, reading_member)
    client.post(url, {"section": chapter1.pk, "fix": "rename", "title": "Why we read"})
    client.post(url, {"section": chapter1.pk, "fix": f"remove {caption.pk}"})
    client.post(url, {"section": chapter1.pk, "fix": f"merge {opens.pk}"})
    last = sections[-1]
    client.post(url, {"section": last.pk, "fix": "not_heading"})
    client.post(url, {"section": sections[-2].pk, "fix": "level 2"})
    chapter1.refresh_from_db()
    assert chapter1.title == "Why we read"
    assert Paragraph.objects.filter(pk=keep).exists()
    assert not Paragraph.objects.filter(pk__in=[caption.pk, opens.pk]).exists()
    secretary.refresh_from_db()
    assert (
        secretary.text
        == "The secretary keeps the minutes. She reads them back to everybody present."
    )
    assert not Section.objects.filter(pk=last.pk).exists()
    assert Section.objects.get(pk=sections[-2].pk).level == 2
    # Title and author.
    client.post(
        reverse("groups:text_details", args=[group.slug, text.pk]),
        {"title": "Circle", "author": "Ada"},
    )
    text.refresh_from_db()
    assert (text.title, text.author) == ("Circle", "Ada")


def test_reupload_keeps_anchors_and_comments(client, group, facilitator):
    text = saved(client, group)
    from studygroup.groups.services import adopt_text

    adopt_text(group=group, text=text, weeks=2)
    reading = text.readings.order_by("number").first()
    kettle = Paragraph.objects.get(section__text=text, text__contains="kettle")
    comment = discussion.post_comment(
        author=facilitator,
        group=group,
        reading=text.readings.order_by("number").last(),
        body="A kettle!",
        paragraph=kettle,
    )
    assert reading is not None
    corrected = BOOK.replace("a long table and a kettle", "a long table and a kettle too")
    response = client.post(
        reverse("groups:text_reupload", args=[group.slug, text.pk]),
        {"file": SimpleUploadedFile("circle2.txt", corrected.encode())},
    )
    token = token_of(response)
    page = preview(client, group, token)
    assert page.context["owned"].text == text
    assert page.context["preview"].matched >= 1
    assert save(client, group, token).status_code == 302
    assert Text.objects.count() == 1
    kettle.refresh_from_db()
    assert kettle.text.endswith("a kettle too.")
    comment.refresh_from_db()
    assert comment.paragraph_id == kettle.pk


# --------------------------------------------------------------------------- curators


def test_curator_sees_group_uploads_and_publishes_one(client, group, facilitator):
    text = saved(client, group)
    curator = make_user(username="cur", is_staff=True, is_superuser=True)
    client.force_login(curator)
    dashboard = client.get(reverse("admin:library_dashboard"))
    assert escape(text.title) in dashboard.content.decode()
    owned = GroupUpload.objects.get()
    url = reverse("admin:library_publish_upload", args=[owned.pk])
    assert client.get(url).status_code == 405  # a deliberate POST, never a link
    response = client.post(url)
    assert response.status_code == 302
    text.refresh_from_db()
    owned.refresh_from_db()
    assert text.is_public and owned.published_by == curator
    assert LogEntry.objects.filter(object_id=str(text.pk), user=curator).exists()
    client.logout()
    assert client.get(text.get_absolute_url()).status_code == 200


def test_a_facilitator_cannot_publish(client, group, facilitator):
    saved(client, group)
    owned = GroupUpload.objects.get()
    response = client.post(reverse("admin:library_publish_upload", args=[owned.pk]))
    assert response.status_code == 302 and "login" in response["Location"]
    assert not Text.objects.get().is_public


def test_a_bad_corrected_file_changes_nothing(client, group):
    text = saved(client, group)
    before = list(Paragraph.objects.filter(section__text=text).values_list("pk", "text"))
    response = client.post(
        reverse("groups:text_reupload", args=[group.slug, text.pk]),
        {"file": SimpleUploadedFile("circle.pdf", b"%PDF-1.4 broken")},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("groups:text_edit", args=[group.slug, text.pk])
    page = client.get(response["Location"])
    assert any("circle.pdf" in str(m) for m in page.context["messages"])
    assert list(Paragraph.objects.filter(section__text=text).values_list("pk", "text")) == before


def test_a_published_text_is_the_curators_now(client, group, facilitator):
    text = saved(client, group)
    from studygroup.groups.uploads import publish

    publish(GroupUpload.objects.get(), by=make_user(username="cur", is_staff=True))
    assert client.get(reverse("groups:text_edit", args=[group.slug, text.pk])).status_code == 404
    page = client.get(reverse("groups:texts", args=[group.slug])).content.decode()
    assert "published in the library" in page


def test_a_curator_publishes_and_a_second_click_says_it_is_done(client, group):
    from studygroup.library.roles import ensure_curator_group

    saved(client, group)
    curator = make_user(username="cura", is_staff=True)
    curator.groups.add(ensure_curator_group())
    client.force_login(curator)
    url = reverse("admin:library_publish_upload", args=[GroupUpload.objects.get().pk])
    assert client.post(url).status_code == 302
    assert Text.objects.get().is_public
    page = client.post(url, follow=True).content.decode()
    assert "already public" in page


@pytest.mark.parametrize("chapters", [2, 6])
def test_the_group_text_pages_cost_a_fixed_number_of_queries(
    client, group, facilitator, django_assert_num_queries, chapters
):
    from tests.factories import make_text

    for _ in range(chapters // 2):
        text = make_text(chapters=chapters, is_public=False)
        GroupUpload.objects.create(group=group, text=text, size=10, uploaded_by=facilitator)
    client.force_login(facilitator)
    texts_url = reverse("groups:texts", args=[group.slug])
    edit_url = reverse("groups:text_edit", args=[group.slug, text.pk])
    client.get(texts_url)
    # session, user, group with role; uploads with their texts; used bytes; the header's
    # unread notifications
    with django_assert_num_queries(6):
        assert client.get(texts_url).status_code == 200
    client.get(edit_url)
    # session, user, group with role; the upload; sections; paragraphs; adopted?; unread
    with django_assert_num_queries(8):
        assert client.get(edit_url).status_code == 200
