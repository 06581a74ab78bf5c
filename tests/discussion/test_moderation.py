"""Open moderation: services with reasons and a log, and who may reach which page."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from studygroup.discussion import moderation
from studygroup.discussion.models import Comment, ModerationEntry, Report
from studygroup.discussion.notifications import comment_url
from studygroup.discussion.services import DiscussionError, post_comment, thread_version
from studygroup.groups import services as group_services
from studygroup.groups.models import Membership, Role
from tests.discussion.test_notifications import make_group, post
from tests.factories import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def circle():
    """A private group: Ada facilitates, Ben and Cy are members; Dee is an outsider; Root
    is a site admin."""
    ada = make_user(username="ada", display_name="Ada")
    ben = make_user(username="ben", display_name="Ben")
    cy = make_user(username="cy", display_name="Cy")
    dee = make_user(username="dee", display_name="Dee")
    root = make_user(username="root", display_name="Root", is_superuser=True, is_staff=True)
    group = make_group(facilitator=ada, members=[ben, cy])
    comment = post(group, ben, "Something rude.")
    return {
        "group": group, "ada": ada, "ben": ben, "cy": cy, "dee": dee, "root": root,
        "comment": comment,
    }  # fmt: skip


# --- Services -------------------------------------------------------------------------


def test_hide_and_unhide_are_logged_with_actor_and_reason(circle):
    comment = moderation.hide_comment(actor=circle["ada"], comment=circle["comment"], reason="Rude")
    assert comment.is_hidden
    assert moderation.hidden_reasons([comment]) == {comment.pk: "Rude"}
    moderation.unhide_comment(actor=circle["ada"], comment=comment, reason="  Apologised ")
    entries = list(ModerationEntry.objects.order_by("pk").values_list("actor", "action", "reason"))
    assert entries == [
        (circle["ada"].pk, "hide", "Rude"),
        (circle["ada"].pk, "unhide", "Apologised"),
    ]
    assert not Comment.objects.get(pk=comment.pk).is_hidden


def test_hiding_a_comment_tells_open_pages_the_thread_changed(
    circle, django_capture_on_commit_callbacks
):
    comment = circle["comment"]
    ids = {"group_id": comment.group_id, "reading_id": comment.reading_id}
    before = thread_version(**ids)
    with django_capture_on_commit_callbacks(execute=True):
        moderation.hide_comment(actor=circle["ada"], comment=comment, reason="Rude")
    assert thread_version(**ids) != before


@pytest.mark.parametrize("reason", ["", "   ", "x" * (moderation.REASON_MAX + 1)])
def test_every_action_needs_a_reason(circle, reason):
    with pytest.raises(ValidationError):
        moderation.hide_comment(actor=circle["ada"], comment=circle["comment"], reason=reason)
    with pytest.raises(ValidationError):
        moderation.report_comment(reporter=circle["cy"], comment=circle["comment"], reason=reason)
    assert not ModerationEntry.objects.exists() and not Report.objects.exists()


def test_members_cannot_moderate_and_outsiders_cannot_report(circle):
    """Services check no permissions (studygroup/policy.py): the pages that call them do."""
    group, comment = circle["group"], circle["comment"]

    def as_user(user) -> Client:
        client = Client()
        client.force_login(user)
        return client

    def url(name, **kwargs):
        return reverse(f"moderation:{name}", kwargs={"slug": group.slug, **kwargs})

    ben = as_user(circle["ben"])
    for action in moderation.ACTIONS:
        response = ben.post(url("comment_action", pk=comment.pk, action=action), {"reason": "B"})
        assert response.status_code == 403
    report = url("report", pk=comment.pk)
    assert as_user(circle["dee"]).post(report, {"reason": "Bad"}).status_code == 404
    remove = url("remove", user_id=circle["ben"].pk)
    assert as_user(circle["cy"]).post(remove, {"reason": "Because"}).status_code == 403
    assert not ModerationEntry.objects.exists() and not Report.objects.exists()
    assert Membership.objects.filter(group=group, user=circle["ben"]).exists()
    assert not Comment.objects.get(pk=comment.pk).is_hidden


def test_site_admins_can_moderate(circle):
    moderation.hide_comment(actor=circle["root"], comment=circle["comment"], reason="Spam")
    assert ModerationEntry.objects.get().actor == circle["root"]


def test_hiding_twice_is_refused_rather_than_logged_twice(circle):
    moderation.hide_comment(actor=circle["ada"], comment=circle["comment"], reason="Rude")
    with pytest.raises(ValidationError):
        moderation.hide_comment(actor=circle["ada"], comment=circle["comment"], reason="Again")
    assert ModerationEntry.objects.count() == 1


def test_only_a_thread_is_locked_and_then_takes_no_replies(circle):
    reply = post(circle["group"], circle["cy"], parent=circle["comment"])
    deeper = post(circle["group"], circle["ben"], parent=reply)
    with pytest.raises(ValidationError):
        moderation.lock_thread(actor=circle["ada"], comment=reply, reason="Heated")
    moderation.lock_thread(actor=circle["ada"], comment=circle["comment"], reason="Heated")
    with pytest.raises(DiscussionError, match="locked"):
        post_comment(
            author=circle["cy"], group=circle["group"], reading=deeper.reading,
            body="One more thing", parent=deeper,
        )  # fmt: skip
    moderation.unlock_thread(actor=circle["ada"], comment=circle["comment"], reason="Calmer")
    post_comment(
        author=circle["cy"], group=circle["group"], reading=deeper.reading, body="Ok", parent=deeper
    )
    assert list(ModerationEntry.objects.order_by("pk").values_list("action", flat=True)) == [
        "lock",
        "unlock",
    ]


def test_reports_once_each_and_resolution_is_logged(circle):
    report = moderation.report_comment(
        reporter=circle["cy"], comment=circle["comment"], reason="Rude"
    )
    with pytest.raises(ValidationError):
        moderation.report_comment(reporter=circle["cy"], comment=circle["comment"], reason="!")
    assert not ModerationEntry.objects.exists()  # reports stay between reporter and facilitators
    moderation.resolve_report(actor=circle["ada"], report=report, reason="Talked to Ben")
    report.refresh_from_db()
    assert report.resolved_by == circle["ada"] and report.resolved_at
    entry = ModerationEntry.objects.get()
    assert (entry.action, entry.comment) == ("resolve_report", circle["comment"])
    with pytest.raises(ValidationError):
        moderation.resolve_report(actor=circle["ada"], report=report, reason="Twice")


def test_remove_member_is_logged_and_never_removes_the_last_facilitator(circle):
    moderation.remove_member(
        actor=circle["ada"], group=circle["group"], user=circle["ben"], reason="Harassment"
    )
    assert not Membership.objects.filter(group=circle["group"], user=circle["ben"]).exists()
    entry = ModerationEntry.objects.get()
    assert (entry.action, entry.subject, entry.reason) == (
        "remove_member",
        circle["ben"],
        "Harassment",
    )
    with pytest.raises(ValidationError):
        moderation.remove_member(
            actor=circle["ada"], group=circle["group"], user=circle["ada"], reason="Leaving"
        )
    assert Membership.objects.filter(group=circle["group"], user=circle["ada"]).exists()
    assert ModerationEntry.objects.count() == 1


# --- Access matrix over every endpoint -------------------------------------------------

ROLES = ["anonymous", "outsider", "member", "facilitator", "admin"]


def client_for(role, circle) -> Client:
    client = Client()
    user = {"outsider": "dee", "member": "cy", "facilitator": "ada", "admin": "root"}.get(role)
    if user:
        client.force_login(circle[user])
    return client


def endpoints(circle) -> dict[str, tuple[str, str, dict]]:
    slug, pk = circle["group"].slug, circle["comment"].pk
    report = Report.objects.create(comment=circle["comment"], reporter=circle["ben"], reason="x")
    reason = {"reason": "Because."}
    return {
        "log": ("get", reverse("moderation:log", args=[slug]), {}),
        "report form": ("get", reverse("moderation:report", args=[slug, pk]), {}),
        "report": ("post", reverse("moderation:report", args=[slug, pk]), reason),
        "reports": ("get", reverse("moderation:reports", args=[slug]), {}),
        "resolve": ("post", reverse("moderation:resolve", args=[slug, report.pk]), reason),
        "comment": ("get", reverse("moderation:comment", args=[slug, pk]), {}),
        "hide": ("post", reverse("moderation:comment_action", args=[slug, pk, "hide"]), reason),
        "lock": ("post", reverse("moderation:comment_action", args=[slug, pk, "lock"]), reason),
        "remove form": ("get", reverse("moderation:remove", args=[slug, circle["ben"].pk]), {}),
        "remove": ("post", reverse("moderation:remove", args=[slug, circle["ben"].pk]), reason),
    }


# Expected status per endpoint in a PRIVATE group: outsiders and visitors get 404.
PRIVATE = {
    #               anonymous outsider member facilitator admin
    "log":          (404, 404, 200, 200, 200),
    "report form":  (404, 404, 200, 200, 403),
    "report":       (404, 404, 302, 302, 403),
    "reports":      (404, 404, 403, 200, 200),
    "resolve":      (404, 404, 403, 302, 302),
    "comment":      (404, 404, 403, 200, 200),
    "hide":         (404, 404, 403, 302, 302),
    "lock":         (404, 404, 403, 302, 302),
    "remove form":  (404, 404, 403, 200, 200),
    "remove":       (404, 404, 403, 302, 302),
}  # fmt: skip

# In a PUBLIC group everyone sees the group: visitors are asked to sign in, non-members
# are refused (403), except the log, which stays among members (404).
PUBLIC = {
    "log":          (302, 404, 200, 200, 200),
    "report form":  (302, 403, 200, 200, 403),
    "report":       (302, 403, 302, 302, 403),
    "reports":      (302, 403, 403, 200, 200),
    "resolve":      (302, 403, 403, 302, 302),
    "comment":      (302, 403, 403, 200, 200),
    "hide":         (302, 403, 403, 302, 302),
    "lock":         (302, 403, 403, 302, 302),
    "remove form":  (302, 403, 403, 200, 200),
    "remove":       (302, 403, 403, 302, 302),
}  # fmt: skip


@pytest.mark.parametrize("is_public", [False, True], ids=["private", "public"])
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", list(PRIVATE))
def test_access_matrix(circle, name, role, is_public):
    if is_public:
        type(circle["group"]).objects.filter(pk=circle["group"].pk).update(is_public=True)
    method, url, data = endpoints(circle)[name]
    expected = (PUBLIC if is_public else PRIVATE)[name][ROLES.index(role)]
    response = getattr(client_for(role, circle), method)(url, data)
    assert response.status_code == expected, (name, role, response.status_code)
    if expected == 302 and role == "anonymous":
        assert "login" in response.url
    wrote = ModerationEntry.objects.exists() or Report.objects.filter(reason="Because.").exists()
    assert wrote == (method == "post" and expected == 302 and role != "anonymous")


@pytest.mark.parametrize("name", ["report", "resolve", "hide", "lock", "remove"])
def test_posts_need_a_csrf_token(circle, name):
    _, url, data = endpoints(circle)[name]
    client = Client(enforce_csrf_checks=True)
    client.force_login(circle["ada"])
    assert client.post(url, data).status_code == 403
    assert not ModerationEntry.objects.exists()
    assert not Report.objects.filter(reason="Because.").exists()


def test_facilitator_actions_refuse_get_and_unknown_actions(circle):
    client = client_for("facilitator", circle)
    slug, pk = circle["group"].slug, circle["comment"].pk
    assert (
        client.get(reverse("moderation:comment_action", args=[slug, pk, "hide"])).status_code == 405
    )
    assert client.post(
        reverse("moderation:comment_action", args=[slug, pk, "delete"]), {"reason": "x"}
    ).status_code == 404  # fmt: skip


def test_a_comment_of_another_group_is_not_found_through_this_group(circle):
    other = make_group(facilitator=circle["ada"], name="Other")
    elsewhere = post(other, circle["ada"])
    client = client_for("facilitator", circle)
    url = reverse("moderation:comment", args=[circle["group"].slug, elsewhere.pk])
    assert client.get(url).status_code == 404


def test_report_posting_is_rate_limited(circle, settings):
    settings.WRITE_RATE_LIMIT = "3/m"
    client = client_for("member", circle)
    url = reverse("moderation:report", args=[circle["group"].slug, circle["comment"].pk])
    statuses = [client.post(url, {"reason": f"Try {n}"}).status_code for n in range(5)]
    assert statuses[3:] == [429, 429]
    assert Report.objects.count() == 1  # the others were refused as duplicates, not saved


# --- Pages and HTMX -----------------------------------------------------------------


def test_htmx_report_returns_the_form_fragment_then_a_thank_you(circle):
    client = client_for("member", circle)
    url = reverse("moderation:report", args=[circle["group"].slug, circle["comment"].pk])
    htmx = {"HX-Request": "true"}
    response = client.get(url, headers=htmx)
    html = response.content.decode()
    assert f'id="report-c-{circle["comment"].pk}"' in html and "<html" not in html
    assert f'action="{url}"' in html and f'hx-post="{url}"' in html
    # Cancel closes the form under the comment, and still works as a link without JS.
    pk = circle["comment"].pk
    assert (
        f'href="{comment_url(circle["comment"])}" data-close=".report-form" data-focus="c-{pk}"'
        in html
    )
    response = client.post(url, {"reason": ""}, headers=htmx)
    assert response.status_code == 400 and "<html" not in response.content.decode()
    response = client.post(url, {"reason": "Rude"}, headers=htmx)
    assert response.status_code == 200 and b"Thank you" in response.content
    assert "HX-Request" in response.headers["Vary"]
    assert Report.objects.get().reporter == circle["cy"]


def test_htmx_hide_returns_the_updated_panel_with_the_original_for_facilitators(circle):
    client = client_for("facilitator", circle)
    slug, pk = circle["group"].slug, circle["comment"].pk
    response = client.post(
        reverse("moderation:comment_action", args=[slug, pk, "hide"]),
        {"reason": "Personal attack"},
        headers={"HX-Request": "true"},
    )
    html = response.content.decode()
    assert response.status_code == 200 and html.lstrip().startswith('<section id="moderate"')
    assert "[hidden by the facilitators: Personal attack]" in html
    assert "Something rude." in html  # the original, for the facilitator
    assert "Show the comment again" in html


def test_invalid_action_rerenders_the_panel_with_errors(circle):
    client = client_for("facilitator", circle)
    slug, pk = circle["group"].slug, circle["comment"].pk
    response = client.post(
        reverse("moderation:comment_action", args=[slug, pk, "hide"]),
        {"reason": " "},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 400
    assert b"errorlist" in response.content
    assert not Comment.objects.get(pk=pk).is_hidden


def test_the_log_shows_who_what_when_why_to_members(circle, django_assert_max_num_queries):
    moderation.hide_comment(actor=circle["ada"], comment=circle["comment"], reason="Rude words")
    other = post(circle["group"], circle["cy"])
    moderation.lock_thread(actor=circle["ada"], comment=other, reason="Off topic")
    moderation.remove_member(
        actor=circle["ada"], group=circle["group"], user=circle["ben"], reason="Repeated abuse"
    )
    client = client_for("member", circle)
    url = reverse("moderation:log", args=[circle["group"].slug])
    client.get(url)
    with django_assert_max_num_queries(6):
        html = client.get(url).content.decode()
    for text in ["Ada", "hid a comment", "Rude words", "locked a thread", "Off topic",
                 "removed a member: Ben", "Repeated abuse", f"#c-{other.pk}"]:  # fmt: skip
        assert text in html
    assert "Something rude." not in html  # the log never reveals a hidden text


def test_reports_queue_lists_open_reports_and_resolves_with_htmx(circle):
    report = moderation.report_comment(
        reporter=circle["cy"], comment=circle["comment"], reason="Insulting"
    )
    client = client_for("facilitator", circle)
    slug = circle["group"].slug
    html = client.get(reverse("moderation:reports", args=[slug])).content.decode()
    assert "Insulting" in html and "Cy" in html
    url = reverse("moderation:resolve", args=[slug, report.pk])
    response = client.post(url, {"reason": ""}, headers={"HX-Request": "true"})
    assert response.status_code == 400 and b"errorlist" in response.content
    response = client.post(url, {"reason": "Spoke to Ben"}, headers={"HX-Request": "true"})
    assert response.status_code == 200 and b"No open reports" in response.content
    assert Report.objects.get().resolved_at is not None


def test_remove_page_refuses_the_last_facilitator(circle):
    client = client_for("facilitator", circle)
    url = reverse("moderation:remove", args=[circle["group"].slug, circle["ada"].pk])
    response = client.post(url, {"reason": "Stepping down"})
    assert response.status_code == 400
    assert b"at least one facilitator" in response.content
    group_services.set_role(
        membership=Membership.objects.get(user=circle["ben"]), role=Role.FACILITATOR
    )
    assert client.post(url, {"reason": "Stepping down"}).status_code == 302


@pytest.mark.parametrize(
    "role, sees_report, sees_moderate",
    [
        ("member", True, False),  # Cy, on Ben's comment
        ("facilitator", False, True),  # acts on it rather than reporting it
        ("admin", False, True),
    ],
)
def test_the_reading_page_links_each_comment_to_report_or_moderate(
    circle, role, sees_report, sees_moderate
):
    slug, pk = circle["group"].slug, circle["comment"].pk
    page = reverse("discussion:reading", kwargs={"slug": slug, "number": 1})
    html = client_for(role, circle).get(page).content.decode()
    report = reverse("moderation:report", args=[slug, pk])
    moderate = reverse("moderation:comment", args=[slug, pk])
    assert (f'hx-get="{report}" hx-target="#c-{pk}-slot">Report' in html) is sees_report
    assert (f'<a href="{moderate}">Moderate' in html) is sees_moderate


def test_authors_are_not_offered_to_report_their_own_comment(circle):
    slug, pk = circle["group"].slug, circle["comment"].pk
    client = Client()
    client.force_login(circle["ben"])
    html = client.get(reverse("discussion:reading", kwargs={"slug": slug, "number": 1}))
    assert reverse("moderation:report", args=[slug, pk]) not in html.content.decode()
