"""The split editor and the adopt form, through the test client."""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.urls import reverse

from studygroup.discussion import services as discussion
from studygroup.discussion.models import Comment
from studygroup.groups import services
from studygroup.library import readings as curated
from studygroup.library.models import Reading
from tests.factories import add_member, make_book, make_group, make_user

pytestmark = pytest.mark.django_db
START = date(2030, 1, 1)


@pytest.fixture
def setup(book):
    facilitator = make_user()
    group = make_group(facilitator=facilitator)
    adoption = services.adopt_text(group=group, text=book, start_date=START)
    return facilitator, group, adoption


def editor(group, adoption) -> str:
    return reverse("groups:split", kwargs={"slug": group.slug, "pk": adoption.pk})


def test_adopting_at_five_weeks_gives_five_weeks_even_when_another_group_has_ten(client, book):
    curated.generate_readings(book, weeks=10)
    first = make_group()
    services.adopt_text(group=first, text=book, start_date=START)
    facilitator = make_user()
    second = make_group(facilitator=facilitator)
    client.force_login(facilitator)
    page = client.get(reverse("groups:schedule", kwargs={"slug": second.slug})).content.decode()
    assert "Use the library&#x27;s weekly split of this text" in page
    response = client.post(
        reverse("groups:adopt", kwargs={"slug": second.slug}),
        {"text": book.pk, "pace": "weeks", "weeks": 5, "start_date": "2030-01-01"},
    )
    assert response.status_code == 302
    assert second.adoptions.get().readings.count() == 5
    assert first.adoptions.get().readings.count() == 10
    assert Reading.objects.curated().filter(text=book).count() == 10


def test_asking_for_weeks_without_a_number_is_a_clear_error(client, book):
    facilitator = make_user()
    group = make_group(facilitator=facilitator)
    client.force_login(facilitator)
    response = client.post(
        reverse("groups:adopt", kwargs={"slug": group.slug}), {"text": book.pk, "pace": "weeks"}
    )
    assert response.status_code == 400
    assert "Give the number of weeks." in response.content.decode()
    assert not group.adoptions.exists()


def test_the_editor_shows_the_first_words_around_each_boundary(client, setup):
    facilitator, group, adoption = setup
    client.force_login(facilitator)
    page = client.get(editor(group, adoption)).content.decode()
    assert "Where week 2 starts" in page
    assert "paragraph [" not in page and "after paragraph" not in page
    # The paragraphs of make_book read "s<section> p<paragraph> w w …".
    assert re.search(r"“s\d+ p3 w w", page)
    assert "Week 1: " in page and "Week 1: 1" not in page


def test_preview_then_save_moves_a_comment_with_its_paragraph(client, setup):
    facilitator, group, adoption = setup
    reader = add_member(group).user
    w1 = adoption.readings.get(number=1)
    last = [p for _, ps in curated.reading_content(w1) for p in ps][-1]
    comment = discussion.post_comment(
        author=reader, group=group, reading=w1, body="On the very last paragraph", paragraph=last
    )
    client.force_login(facilitator)
    data = {"action": "move", "week": 2, "place": f"{last.section_id}:3"}
    preview = client.post(editor(group, adoption), data)
    assert preview.status_code == 200
    text = preview.content.decode()
    assert "Before you save" in text
    assert "On the very last paragraph" in text and "week 1 → week 2" in text
    assert f'value="{last.section_id}:3" checked' in text  # the previewed place stays chosen
    comment.refresh_from_db()
    assert comment.reading_id == w1.pk  # nothing saved yet

    saved = client.post(editor(group, adoption), {**data, "confirm": "1"})
    assert saved.status_code == 302
    comment.refresh_from_db()
    assert comment.reading_id == adoption.readings.get(number=2).pk
    assert Comment.objects.count() == 1


def test_a_bad_place_is_a_400_with_a_message_and_changes_nothing(client, setup, book):
    facilitator, group, adoption = setup
    other = make_book(chapters=2)
    before = list(adoption.readings.values_list("start_section", "start_paragraph"))
    client.force_login(facilitator)
    for place in ["", "x:1", f"{other.sections.first().pk}:0", "99999999999999999999:0"]:
        response = client.post(
            editor(group, adoption), {"action": "move", "week": 2, "place": place, "confirm": "1"}
        )
        assert response.status_code == 400, place
    response = client.post(editor(group, adoption), {"action": "merge", "week": 6, "confirm": "1"})
    assert response.status_code == 400
    assert "last week" in response.content.decode()
    assert list(adoption.readings.values_list("start_section", "start_paragraph")) == before
