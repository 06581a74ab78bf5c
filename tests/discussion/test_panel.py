"""The discussion panel beside the week's text: the comment form, questions, labels."""

from __future__ import annotations

import re

import pytest

from studygroup.discussion.models import Comment
from tests.discussion.helpers import make_world
from tests.factories import make_question

pytestmark = pytest.mark.django_db
HX = {"HX-Request": "true"}


@pytest.fixture
def world():
    return make_world()


@pytest.fixture
def member_client(client, world):
    client.force_login(world.member)
    return client


def _selected_question(html: str) -> str | None:
    select = re.search(r'<select id="compose-question".*?</select>', html, re.S)
    assert select, "the compose form offers the week's questions"
    chosen = re.search(r'<option value="(\d*)" selected', select.group(0))
    return chosen.group(1) if chosen else None


# --- "Answering a question?" resets after a post ----------------------------------------


def test_htmx_post_under_a_question_gives_a_fresh_form_on_no_question(member_client, world):
    question = make_question(world.reading, body="Why now?")
    page = member_client.get(f"{world.page}?question={question.pk}").content.decode()
    assert _selected_question(page) == str(question.pk)
    response = member_client.post(
        world.url("post"),
        {"body": "An answer", "client_token": "a1", "form_id": "compose", "question": question.pk},
        headers=HX,
    )
    assert response.status_code == 200
    assert Comment.objects.get().question == question
    fresh = response.content.decode()
    assert 'hx-swap-oob="true"' in fresh
    assert _selected_question(fresh) is None


def test_plain_post_under_a_question_comes_back_to_a_form_on_no_question(member_client, world):
    question = make_question(world.reading, body="Why now?")
    response = member_client.post(
        world.url("post"), {"body": "An answer", "client_token": "a2", "question": question.pk}
    )
    assert response.status_code == 302
    assert "question=" not in response.url
    assert Comment.objects.get().question == question
    page = member_client.get(response.url).content.decode()
    assert _selected_question(page) is None


# --- Tags fold away behind a "Tags" control ---------------------------------------------


def test_each_questions_tag_box_is_folded_behind_a_tags_disclosure(client, world):
    question = make_question(world.reading, body="Why now?", group=world.group)
    client.force_login(world.facilitator)
    html = client.get(world.page).content.decode()
    item = re.search(rf'<li id="q-{question.pk}".*?</li>', html, re.S).group(0)
    details = re.search(r'<details class="question-tags">(.*?)</details>', item, re.S)
    assert details, "the tag box sits in a closed disclosure"
    assert "<summary>Tags" in details.group(1)
    assert f'id="tags-{question.pk}"' in details.group(1)
    assert item.count(f'id="tags-{question.pk}"') == 1
