"""Every endpoint: what it answers, pagination, bad input (never a 500), rate limits."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from studygroup.discussion import services
from studygroup.discussion.models import Comment, CommentRevision, ModerationEntry, Notification
from studygroup.discussion.moderation import lock_thread
from studygroup.groups.models import Progress
from studygroup.library.models import Text
from studygroup.params import MAX_ID
from tests.api.helpers import Api, api_for, build_world
from tests.factories import adopt, make_group, make_text

pytestmark = pytest.mark.django_db

HUGE = str(MAX_ID + 1)


@pytest.fixture
def w():
    return build_world(is_public=False)


def g(w) -> str:
    return f"/groups/{w.group.slug}"


def comments_url(w) -> str:
    return f"{g(w)}/readings/{w.reading.pk}/comments"


# --- Reads ------------------------------------------------------------------------


def test_me_needs_someone():
    assert Api().get("/me").status_code == 401


def test_texts_are_paginated(w):
    for n in range(3):
        make_text(title=f"Extra {n}")
    api = api_for(w, "outsider")
    everything = api.get("/texts").json()
    # Every public text (the world's and the three extra), and not the restricted one.
    public = Text.objects.filter(is_public=True).count()
    assert public >= 5 and everything["count"] == public
    assert "restricted-reading" not in [t["slug"] for t in everything["items"]]
    first = api.get("/texts", {"limit": 2}).json()
    rest = api.get("/texts", {"limit": 2, "offset": public - 1}).json()
    assert len(first["items"]) == 2 and len(rest["items"]) == 1
    assert first["items"] == everything["items"][:2]
    assert rest["items"] == everything["items"][public - 1 :]


@pytest.mark.parametrize(
    ("limit", "offset", "expect_limit", "expect_offset"),
    [
        (HUGE * 3, HUGE * 3, 20, 0),  # not a number a column holds: the defaults
        (HUGE, HUGE, 20, 0),
        ("1000", "-5", 100, 0),  # clamped to the bounds
        ("abc", "1.5", 20, 0),
        ("0", "3", 1, 3),
    ],
)
def test_page_knobs_are_bounded(w, limit, offset, expect_limit, expect_offset):
    response = api_for(w, "member").get("/groups", {"limit": limit, "offset": offset})
    assert response.status_code == 200
    assert (response.json()["limit"], response.json()["offset"]) == (expect_limit, expect_offset)


def test_text_detail_lists_its_published_weeks(w):
    body = api_for(w, "member").get(f"/texts/{w.restricted_text.slug}").json()
    assert body["title"] == "Restricted Reading" and body["is_public"] is False
    assert [r["number"] for r in body["readings"]] == [1, 2, 3]
    assert Api().get("/texts/no-such-text").status_code == 404


def test_groups_list_public_ones_and_mine(w):
    public = make_group(is_public=True, name="Open Circle")
    slugs = lambda who: [x["slug"] for x in api_for(w, who).get("/groups").json()["items"]]  # noqa: E731
    assert slugs("anonymous") == [public.slug]
    assert slugs("outsider") == [public.slug]
    assert set(slugs("member")) == {public.slug, w.group.slug}
    mine = api_for(w, "member").get(g(w)).json()
    assert mine["my_role"] == "member" and mine["is_public"] is False


def test_schedule_shows_the_weeks_and_my_progress(w):
    api = api_for(w, "member")
    assert api.put(f"{g(w)}/readings/{w.reading.pk}/done", {"done": True}).status_code == 200
    body = api.get(f"{g(w)}/schedule").json()
    assert body["count"] == 6  # three weeks of each of the two texts
    first = body["items"][0]
    assert first["reading"]["id"] == w.reading.pk and first["done_by_me"] is True
    assert first["done"] == 1 and first["date"] == "2030-01-01"
    assert api.get(f"{g(w)}/schedule", {"offset": 5}).json()["items"][0]["text"] == (
        w.restricted_text.slug
    )


def test_a_public_groups_schedule_lists_its_private_upload_to_its_members_only():
    """As the group page and the calendar feed (policy.readable_weeks)."""
    w = build_world(is_public=True)
    private_weeks = adopt(w.group, w.uploaded.text).readings.count()
    private = w.uploaded.text.slug
    for who, listed in [
        ("member", True),
        ("admin", True),
        ("outsider", False),
        ("anonymous", False),
    ]:
        body = api_for(w, who).get(f"{g(w)}/schedule", {"limit": 100}).json()
        assert (private in {week["text"] for week in body["items"]}) is listed, who
        assert body["count"] == 6 + private_weeks * listed, who


def test_questions_show_as_on_the_reading_page(w):
    url = f"{g(w)}/readings/{w.reading.pk}/questions"
    bodies = lambda who: {q["body"] for q in api_for(w, who).get(url).json()}  # noqa: E731
    assert bodies("member") == {"Ours", "Everyone's", "Mine?"}  # their own proposal too
    assert bodies("facilitator") == {"Ours", "Everyone's", "Mine?"}
    assert bodies("admin") == {"Ours", "Everyone's", "Mine?"}
    other = build_world(is_public=True)
    public_url = f"/groups/{other.group.slug}/readings/{other.reading.pk}/questions"
    assert {q["body"] for q in Api().get(public_url).json()} == {"Ours", "Everyone's"}


def test_comments_come_as_a_tree_with_tombstones(w):
    member = api_for(w, "member")
    reply = member.post(comments_url(w), {"body": "A reply", "parent": w.comment.pk}).json()
    deep = member.post(comments_url(w), {"body": "Deeper", "parent": reply["id"]}).json()
    services.delete_comment(comment=Comment.objects.get(pk=reply["id"]), actor=w.users["member"])
    items = {c["id"]: c for c in member.get(comments_url(w)).json()["items"]}
    parent = items[w.comment.pk]
    assert parent["html"] == "<p>Visible, edited</p>" and parent["edited_at"]
    [tombstone] = parent["replies"]
    assert tombstone["deleted"] and tombstone["author"] is None and tombstone["html"] is None
    assert tombstone["replies"][0]["id"] == deep["id"]
    assert tombstone["replies"][0]["html"] == "<p>Deeper</p>"


def test_comments_are_paginated_by_thread_newest_first(w):
    api = api_for(w, "member")
    whole = api.get(comments_url(w)).json()
    assert whole["count"] == 3
    ids = [c["id"] for c in whole["items"]]
    assert ids == sorted(ids, reverse=True)
    assert [
        c["id"] for c in api.get(comments_url(w), {"limit": 1, "offset": 1}).json()["items"]
    ] == [ids[1]]
    assert api.get(comments_url(w), {"offset": 50}).json()["items"] == []


def test_the_comments_page_costs_a_fixed_number_of_queries(w, settings):
    settings.COMMENT_RATE_LIMIT = "1000/m"
    api = api_for(w, "member")

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert api.get(comments_url(w)).status_code == 200
        return len(captured)

    api.get("/me")  # the token's first use of the minute writes its last-used time
    few = queries()
    assert few == 7  # token, group, reading, page boundary, comments, reactions, count
    for n in range(15):
        parent = services.post_comment(
            author=w.users["facilitator"], group=w.group, reading=w.reading, body=f"c{n}"
        )
        services.post_comment(
            author=w.users["facilitator"], group=w.group, reading=w.reading, body="r", parent=parent
        )
        services.toggle_reaction(comment=parent, user=w.users["member"], kind="agree")
    assert queries() == few


# --- Bad input: clear answers, never a 500 --------------------------------------------


@pytest.mark.parametrize("bad", [HUGE, "0", "-1", "abc", "9" * 40])
def test_ids_in_paths_must_fit_a_column(w, bad):
    api = api_for(w, "member")
    for method, path, data in [
        ("get", f"{g(w)}/readings/{bad}/comments", None),
        ("get", f"{g(w)}/readings/{bad}/questions", None),
        ("patch", f"{g(w)}/comments/{bad}", {"body": "x"}),
        ("delete", f"{g(w)}/comments/{bad}", None),
        ("post", f"{g(w)}/comments/{bad}/reactions", {"kind": "agree"}),
        ("put", f"{g(w)}/readings/{bad}/done", {"done": True}),
    ]:
        response = getattr(api, method)(path, data)
        assert response.status_code == 422, (method, path)
        assert response.json()["detail"][0]["loc"][0] == "path"


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({}, "body"),
        ({"body": 5}, "body"),
        ({"body": ["a"]}, "body"),
        ({"body": "ok", "parent": HUGE}, "parent"),
        ({"body": "ok", "parent": int(HUGE)}, "parent"),
        ({"body": "ok", "paragraph": "x"}, "paragraph"),
        ({"body": "ok", "question": -3}, "question"),
        ({"body": "a\x00b"}, "body"),
        ({"body": "ok", "client_token": "t" * 65}, "client_token"),
    ],
)
def test_bad_comments_say_which_field_is_wrong(w, data, field):
    response = api_for(w, "member").post(comments_url(w), data)
    assert response.status_code == 422
    assert field in [e["loc"][-1] for e in response.json()["detail"]]
    assert Comment.objects.count() == 3


def test_a_body_that_is_not_json_is_400(w):
    response = Client().post(
        f"/api{comments_url(w)}",
        data="{not json",
        content_type="application/json",
        headers=api_for(w, "member").headers,
    )
    assert response.status_code == 400


def test_a_form_instead_of_json_is_415(w):
    response = Client().post(
        f"/api{g(w)}/comments/{w.comment.pk}/reactions",
        {"kind": "agree"},
        headers=api_for(w, "member").headers,
    )
    assert response.status_code == 415
    assert "JSON" in response.json()["detail"]


@pytest.mark.parametrize(
    ("data", "code"),
    [
        ({"body": "   "}, "empty"),
        ({"body": "x" * 10_001}, "too_long"),
        ({"body": "ok", "paragraph": 987654}, "anchor"),
        ({"body": "ok", "question": 987654}, "anchor"),
    ],
)
def test_broken_discussion_rules_are_400_with_the_rule(w, data, code):
    response = api_for(w, "member").post(comments_url(w), data)
    assert response.status_code == 400
    assert response.json()["code"] == code and response.json()["detail"]


def test_a_parent_from_another_group_is_404(w):
    other = build_world(is_public=True)
    response = api_for(w, "member").post(comments_url(w), {"body": "x", "parent": other.comment.pk})
    assert response.status_code == 404


# --- Writes -----------------------------------------------------------------------------


def test_posting_notifies_as_the_site_does_and_is_idempotent(w):
    api = api_for(w, "member")
    data = {"body": "Answering you", "parent": w.comment.pk, "client_token": "abc"}
    first = api.post(comments_url(w), data)
    again = api.post(comments_url(w), data)
    assert first.status_code == again.status_code == 201
    assert first.json()["id"] == again.json()["id"]
    assert first.json()["parent_id"] == w.comment.pk
    assert Notification.objects.filter(
        recipient=w.extra_member.user, comment_id=first.json()["id"]
    ).exists()


def test_a_locked_thread_takes_no_replies(w):
    lock_thread(actor=w.users["facilitator"], comment=w.comment, reason="Enough")
    response = api_for(w, "member").post(comments_url(w), {"body": "x", "parent": w.comment.pk})
    assert response.status_code == 400 and response.json()["code"] == "locked"
    hidden = api_for(w, "member").post(comments_url(w), {"body": "x", "parent": w.hidden.pk})
    assert hidden.status_code == 400 and hidden.json()["code"] == "parent"


def test_posting_is_rate_limited_with_retry_after(w, settings):
    settings.COMMENT_RATE_LIMIT = "3/m"  # the world's own comment of the member's counts too
    api = api_for(w, "member")
    assert api.post(comments_url(w), {"body": "one"}).status_code == 201
    assert api.post(comments_url(w), {"body": "two"}).status_code == 201
    response = api.post(comments_url(w), {"body": "three"})
    assert response.status_code == 429
    assert response.json()["code"] == "rate_limited"
    assert 0 < int(response["Retry-After"]) <= 60


def test_site_and_api_share_the_write_budget(w, settings, client):
    settings.WRITE_RATE_LIMIT = "2/m"
    client.force_login(w.users["member"])
    url = f"/groups/{w.group.slug}/comments/{w.comment.pk}/react/"
    assert client.post(url, {"kind": "agree"}).status_code == 302
    api = api_for(w, "member")
    assert (
        api.post(f"{g(w)}/comments/{w.comment.pk}/reactions", {"kind": "agree"}).status_code == 200
    )
    response = api.post(f"{g(w)}/comments/{w.comment.pk}/reactions", {"kind": "agree"})
    assert response.status_code == 429 and int(response["Retry-After"]) > 0


def test_every_write_to_a_comment_spends_the_write_budget(w, settings):
    """Edit, delete and react share one preamble (api.comment_to_change): each counts."""
    settings.WRITE_RATE_LIMIT = "2/m"
    api = api_for(w, "member")
    own = f"{g(w)}/comments/{w.own_comment.pk}"
    assert api.patch(own, {"body": "Mine, again"}).status_code == 200
    assert api.post(f"{own}/reactions", {"kind": "agree"}).status_code == 200
    response = api.delete(own)
    assert response.status_code == 429 and response.json()["code"] == "rate_limited"
    w.own_comment.refresh_from_db()
    assert w.own_comment.deleted_at is None


def test_editing_keeps_a_revision(w):
    api = api_for(w, "member")
    response = api.patch(f"{g(w)}/comments/{w.own_comment.pk}", {"body": "Mine, *better*"})
    assert response.status_code == 200
    assert response.json()["html"] == "<p>Mine, <em>better</em></p>"
    assert CommentRevision.objects.filter(comment=w.own_comment, body="Mine").exists()
    empty = api.patch(f"{g(w)}/comments/{w.own_comment.pk}", {"body": ""})
    assert empty.status_code == 400 and empty.json()["code"] == "empty"
    assert api.patch(f"{g(w)}/comments/{w.own_comment.pk}", {}).status_code == 422


def test_deleting_leaves_a_tombstone_and_a_facilitator_is_logged(w):
    own = api_for(w, "member").delete(f"{g(w)}/comments/{w.own_comment.pk}")
    assert own.status_code == 200
    assert own.json()["deleted"] and own.json()["html"] is None and own.json()["author"] is None
    other = api_for(w, "facilitator").delete(f"{g(w)}/comments/{w.comment.pk}?reason=Spam")
    assert other.status_code == 200
    entry = ModerationEntry.objects.get(comment=w.comment)
    assert entry.reason == "Spam" and entry.actor == w.users["facilitator"]
    again = api_for(w, "facilitator").delete(f"{g(w)}/comments/{w.comment.pk}")
    assert again.status_code == 403  # nothing left to delete, as on the site


def test_reactions_toggle(w):
    api = api_for(w, "member")
    url = f"{g(w)}/comments/{w.comment.pk}/reactions"
    assert api.post(url, {"kind": "insightful"}).json() == {"kind": "insightful", "on": True}
    tree = {c["id"]: c for c in api.get(comments_url(w)).json()["items"]}
    assert {"kind": "insightful", "count": 1, "mine": True} in tree[w.comment.pk]["reactions"]
    assert api.post(url, {"kind": "insightful"}).json()["on"] is False
    bad = api.post(url, {"kind": "love"})
    assert bad.status_code == 400 and bad.json()["code"] == "kind"


def test_marking_done_and_undone(w):
    api = api_for(w, "member")
    url = f"{g(w)}/readings/{w.reading.pk}/done"
    assert api.put(url, {"done": True}).json() == {"reading": w.reading.pk, "done": True}
    assert Progress.objects.filter(reading=w.reading).count() == 1
    assert api.put(url, {"done": False}).status_code == 200
    assert not Progress.objects.exists()
    assert api.put(url, {"done": "perhaps"}).status_code == 422
    assert api.put(url, {}).status_code == 422


def test_marking_a_week_of_a_text_the_group_does_not_read_is_404(w):
    other = build_world(is_public=True)
    url = f"{g(w)}/readings/{other.other_text.readings.first().pk}/done"
    assert api_for(w, "member").put(url, {"done": True}).status_code == 404


# --- Sessions, CSRF, schema -------------------------------------------------------


@pytest.mark.parametrize(("is_public", "status"), [(True, 401), (False, 404)])
def test_a_session_reads_but_never_writes(is_public, status):
    """A write with cookies only is an anonymous write: 401, or 404 in a private group."""
    w = build_world(is_public=is_public)
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(w.users["member"])
    assert browser.get(f"/api{g(w)}").json()["my_role"] == "member"
    response = browser.post(
        f"/api{comments_url(w)}", {"body": "via cookie"}, content_type="application/json"
    )
    assert response.status_code == status
    assert not Comment.objects.filter(body="via cookie").exists()


def test_token_writes_need_no_csrf_token(w):
    browser = Client(enforce_csrf_checks=True)
    response = browser.post(
        f"/api{comments_url(w)}",
        {"body": "by token"},
        content_type="application/json",
        headers=api_for(w, "member").headers,
    )
    assert response.status_code == 201


def test_the_openapi_schema_is_served():
    schema = Client().get("/api/openapi.json").json()
    assert schema["info"]["title"] == "studygroup API"
    assert "/api/groups/{slug}/readings/{reading}/comments" in schema["paths"]
    post = schema["paths"]["/api/groups/{slug}/readings/{reading}/comments"]["post"]
    assert post["security"] == [{"TokenAuth": []}]
    assert {"201", "401", "404", "422", "429"} <= set(post["responses"])
    schemes = schema["components"]["securitySchemes"]
    assert schemes["TokenAuth"] == {"type": "http", "scheme": "bearer"}


def test_the_docs_page_loads_nothing_from_other_hosts():
    response = Client().get("/api/docs")
    assert response.status_code == 200
    html = response.content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in html
    assert "https://" not in html and "http://" not in html and "//cdn" not in html
    assert any(name.startswith("Content-Security-Policy") for name in response.headers)
