"""The discussion panel beside the week's text: the comment form, questions, labels."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from studygroup.discussion import services
from studygroup.discussion.models import Comment, ModerationEntry
from studygroup.library.models import Question
from tests.factories import make_question

pytestmark = pytest.mark.django_db
HX = {"HX-Request": "true"}


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


# --- Editing and deleting questions -----------------------------------------------------


def _edit(client, world, question, body, **headers):
    url = reverse("discussion:question_edit", kwargs={"slug": world.group.slug, "pk": question.pk})
    return client.post(url, {"body": body}, headers=headers)


def _delete(client, world, question, **headers):
    url = reverse(
        "discussion:question_delete", kwargs={"slug": world.group.slug, "pk": question.pk}
    )
    return client.post(url, headers=headers)


def test_a_member_rewords_and_withdraws_their_proposal_while_it_waits(client, world):
    proposal = services.propose_question(
        group=world.group, reading=world.reading, body="Why?", by=world.member
    )
    client.force_login(world.member)
    page = client.get(world.page).content.decode()
    assert f'href="/groups/{world.group.slug}/questions/{proposal.pk}/edit/"' in page
    assert ">Withdraw<" in page
    response = _edit(client, world, proposal, "Why now?")
    assert response.status_code == 302 and response.url.endswith(f"#q-{proposal.pk}")
    proposal.refresh_from_db()
    assert proposal.body == "Why now?"
    response = _delete(client, world, proposal, **HX)
    assert response.status_code == 200 and 'id="questions"' in response.content.decode()
    assert not Question.objects.filter(pk=proposal.pk).exists()
    assert not ModerationEntry.objects.exists()  # their own: nothing to answer for


def test_once_approved_the_proposer_no_longer_changes_it_nor_does_another_member(client, world):
    proposal = services.propose_question(
        group=world.group, reading=world.reading, body="Why?", by=world.member
    )
    client.force_login(world.other)  # another member never sees a proposal that is not theirs
    assert _edit(client, world, proposal, "Mine now").status_code == 404
    assert _delete(client, world, proposal).status_code == 404
    services.decide_question(question=proposal, approve=True)
    client.force_login(world.member)
    assert _edit(client, world, proposal, "Changed").status_code == 403
    assert _delete(client, world, proposal).status_code == 403
    assert ">Withdraw<" not in client.get(world.page).content.decode()
    proposal.refresh_from_db()
    assert proposal.body == "Why?"


def test_a_facilitators_changes_to_a_members_question_are_in_the_open_log(client, world):
    proposal = services.propose_question(
        group=world.group, reading=world.reading, body="Why?", by=world.member
    )
    services.decide_question(question=proposal, approve=True)
    client.force_login(world.facilitator)
    assert _edit(client, world, proposal, "Why then?", **HX).status_code == 200
    assert _delete(client, world, proposal).status_code == 302
    entries = list(ModerationEntry.objects.order_by("created_at").values("action", "detail"))
    assert entries == [
        {"action": "edit_question", "detail": "“Why?” became “Why then?”"},
        {"action": "delete_question", "detail": "“Why then?”"},
    ]
    client.force_login(world.other)
    log = client.get(reverse("moderation:log", kwargs={"slug": world.group.slug}))
    text = log.content.decode()
    assert "edited a member&#x27;s question: “Why?” became “Why then?”" in text
    assert "deleted a member&#x27;s question: “Why then?”" in text


def test_a_facilitator_changing_their_own_question_is_not_logged(client, world):
    own = services.propose_question(
        group=world.group, reading=world.reading, body="Ours?", by=world.facilitator, approved=True
    )
    client.force_login(world.facilitator)
    assert _edit(client, world, own, "Ours, then?").status_code == 302
    assert _delete(client, world, own).status_code == 302
    assert not ModerationEntry.objects.exists()


def test_deleting_a_question_keeps_its_comments_unfiled(client, world):
    question = services.propose_question(
        group=world.group, reading=world.reading, body="Why?", by=world.facilitator, approved=True
    )
    answer = world.post(body="Because.", question=question)
    reply = world.post(author=world.other, body="Yes.", parent=answer)
    client.force_login(world.facilitator)
    confirm = client.get(
        reverse("discussion:question_delete", kwargs={"slug": world.group.slug, "pk": question.pk})
    ).content.decode()
    assert "2 comments stay in the week" in confirm
    assert _delete(client, world, question).status_code == 302
    assert set(Comment.objects.values_list("pk", "question")) == {
        (answer.pk, None),
        (reply.pk, None),
    }
    page = client.get(world.page).content.decode()
    assert "Because." in page and "Yes." in page and "answers a question" not in page


def test_curated_questions_are_not_deleted_from_a_group_page(client, world):
    curated = make_question(world.reading, body="Everyone's?")
    client.force_login(world.facilitator)
    assert _delete(client, world, curated).status_code == 403
    assert _edit(client, world, curated, "Ours now?").status_code == 403
    assert Question.objects.filter(pk=curated.pk, body="Everyone's?").exists()


def test_a_bad_edit_is_a_400_with_a_message_and_changes_nothing(client, world):
    question = services.propose_question(
        group=world.group, reading=world.reading, body="Why?", by=world.member
    )
    client.force_login(world.member)
    response = _edit(client, world, question, "   ")
    assert response.status_code == 400
    assert "This field is required" in response.content.decode()
    response = _edit(client, world, question, "x" * 2001)
    assert response.status_code == 400
    question.refresh_from_db()
    assert question.body == "Why?"


# --- Labels that run into each other ----------------------------------------------------


def test_a_comments_header_parts_are_spaced_apart_in_its_text(member_client, world):
    root = world.post(author=world.other, body="Root")
    reply = world.post(body="Reply", parent=root)
    services.edit_comment(comment=reply, body="Reply, edited")
    html = member_client.get(world.url("thread"), headers=HX).content.decode()
    header = re.search(rf'<article id="c-{reply.pk}".*?<header[^>]*>(.*?)</header>', html, re.S)
    text = re.sub(r"<[^>]+>", "", header.group(1))
    assert re.match(r"Mo \S.* edited$", text), text
