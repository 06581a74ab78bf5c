"""Who reaches which discussion endpoint: anonymous, outsider, member, facilitator, site admin.

Private groups do not exist for outsiders (404 on every endpoint, page, fragment, poll,
history, post, react alike). In public groups outsiders read but cannot write, and anonymous
visitors are sent to sign in.
"""

from __future__ import annotations

import pytest

from tests.builders import make_circle
from tests.factories import make_question

pytestmark = pytest.mark.django_db
HX = {"HX-Request": "true"}
ROLES = ["anonymous", "outsider", "member", "facilitator", "admin"]


def endpoints(world):
    """(name, method, url, data, kind). kind: view, write (members), own (the author's),
    moderate (facilitators)."""
    theirs = world.post(author=world.other, body="Someone else's comment")
    victim = world.post(author=world.other, body="To be deleted")
    question = make_question(world.reading, body="Proposed", group=world.group, status="proposed")
    p = world.paragraphs()[0]
    u = world.url
    return [
        ("page", "get", world.page, None, "view"),
        ("discussion", "get", u("discussion") + f"?paragraph={p.pk}", None, "view"),
        ("thread", "get", u("thread"), None, "view"),
        ("poll", "get", u("poll") + "?v=old", None, "view"),
        ("comment", "get", u("comment", pk=theirs.pk), None, "view"),
        ("history", "get", u("history", pk=theirs.pk), None, "view"),
        ("reply", "get", u("reply", pk=theirs.pk), None, "write"),
        ("post", "post", u("post"), {"body": "Hi", "client_token": "x"}, "write"),
        ("react", "post", u("react", pk=theirs.pk), {"kind": "agree"}, "write"),
        ("flag", "post", u("flag", reading=world.reading.pk, paragraph=p.pk), {}, "write"),
        ("propose", "post", u("propose"), {"body": "Why?"}, "write"),
        ("show_anyway", "post", u("show_anyway", reading=world.reading.pk), {}, "write"),
        ("edit", "post", u("edit", pk=theirs.pk), {"body": "Hijack"}, "own"),
        ("delete", "post", u("delete", pk=victim.pk), {}, "moderate-write"),
        ("heatmap", "get", u("heatmap"), None, "moderate"),
        (
            "question",
            "post",
            u("question_action", pk=question.pk, action="approve"),
            {},
            "moderate",
        ),
    ]


def expected(kind: str, role: str, *, is_public: bool) -> set[int]:
    ok = {200, 204, 302}
    if role in {"anonymous", "outsider"} and not is_public:
        return {404}
    if kind == "view":
        return {200, 204}
    if role == "anonymous":
        return {302}  # to the sign-in page
    if kind == "own":  # nobody here wrote `theirs`
        return {403}
    if kind == "write":
        return ok if role in {"member", "facilitator"} else {403}
    if kind == "moderate-write":  # deleting needs membership and a facilitator's role
        return ok if role == "facilitator" else {403}
    if kind == "moderate":
        return ok if role in {"facilitator", "admin"} else {403}
    raise AssertionError(kind)


@pytest.mark.parametrize("is_public", [False, True], ids=["private", "public"])
@pytest.mark.parametrize("role", ROLES)
def test_access_matrix(client, role, is_public):
    world = make_circle(is_public=is_public)
    user = {
        "anonymous": None,
        "outsider": world.outsider,
        "member": world.member,
        "facilitator": world.facilitator,
        "admin": world.admin,
    }[role]
    if user is not None:
        client.force_login(user)
    problems = []
    for name, method, url, data, kind in endpoints(world):
        response = getattr(client, method)(url, data or {}, headers=HX)
        allowed = expected(kind, role, is_public=is_public)
        if response.status_code not in allowed:
            problems.append(f"{name}: {response.status_code}, expected {sorted(allowed)}")
        if role == "anonymous" and response.status_code == 302 and kind != "view":
            assert "/accounts/login/" in response.url
    assert not problems, problems


def test_private_comment_text_never_reaches_outsiders(client):
    world = make_circle()
    comment = world.post(body="Private thoughts")
    client.force_login(world.outsider)
    for url in [world.page, world.url("thread"), world.url("history", pk=comment.pk)]:
        response = client.get(url, headers=HX)
        assert response.status_code == 404
        assert b"Private thoughts" not in response.content


def test_groups_do_not_see_each_others_comments(client):
    one, two = make_circle(), make_circle(suffix="2")
    one.post(body="Only for group one")
    client.force_login(two.member)
    assert b"Only for group one" not in client.get(two.page).content
    # a comment id from another group is 404 through this group's URLs
    foreign = one.post(body="Foreign")
    assert client.get(two.url("history", pk=foreign.pk)).status_code == 404
    assert client.post(two.url("react", pk=foreign.pk), {"kind": "agree"}).status_code == 404
