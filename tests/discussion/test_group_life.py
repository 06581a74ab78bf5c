"""Nothing happens silently in a group: join requests, decisions, reports and hidings reach the
people they concern, in the app and by email, and acting on a report closes it in the open."""

from __future__ import annotations

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from studygroup.accounts.models import EmailFrequency
from studygroup.discussion import moderation
from studygroup.discussion.models import ModerationEntry, Notification, Report
from studygroup.groups.models import JoinRequest, Membership
from tests.discussion.test_notifications import make_group, post
from tests.factories import make_user

pytestmark = pytest.mark.django_db


def notifications_page(client, user) -> str:
    client.force_login(user)
    return client.get(reverse("notifications:list")).content.decode()


@pytest.fixture
def open_circle():
    """A public group: Ada facilitates (email right away), Fay co-facilitates (daily digest),
    Gus co-facilitates (no email); Ben is a member; Sue is a signed-up outsider."""
    ada = make_user(display_name="Ada")
    fay = make_user(display_name="Fay", email_notifications=EmailFrequency.DAILY)
    gus = make_user(display_name="Gus", email_notifications=EmailFrequency.NEVER)
    ben = make_user(display_name="Ben")
    sue = make_user(display_name="Sue")
    group = make_group(facilitator=ada, members=[ben], is_public=True, name="Open Circle")
    for co in (fay, gus):
        Membership.objects.create(group=group, user=co, role="facilitator")
    return {"group": group, "ada": ada, "fay": fay, "gus": gus, "ben": ben, "sue": sue}


def test_a_join_request_reaches_every_facilitator_as_each_chose(
    client, open_circle, django_capture_on_commit_callbacks
):
    c = open_circle
    client.force_login(c["sue"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("groups:join", kwargs={"slug": c["group"].slug}), {"message": "May I join?"}
        )
    assert response.status_code == 302
    requests_url = reverse("groups:requests", kwargs={"slug": c["group"].slug})
    for facilitator in (c["ada"], c["fay"], c["gus"]):
        html = notifications_page(client, facilitator)
        assert "Sue wants to join" in html and requests_url in html and "May I join?" in html
    assert "No notifications yet" not in html
    assert "wants to join" not in notifications_page(client, c["ben"])
    # Email: Ada right away; Fay in her digest; Gus never.
    [email] = mail.outbox
    assert email.to == [c["ada"].email]
    assert "Sue wants to join in Open Circle" in email.subject
    assert requests_url in email.body and "May I join?" in email.body
    call_command("send_digests", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert [m.to for m in mail.outbox[1:]] == [[c["fay"].email]]
    assert requests_url in mail.outbox[1].body
    # Asking twice while pending notifies nobody twice.
    client.force_login(c["sue"])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("groups:join", kwargs={"slug": c["group"].slug}), {"message": "?"})
    assert Notification.objects.filter(kind="request").count() == 3


@pytest.mark.parametrize(("decision", "said"), [("approve", "approved"), ("decline", "declined")])
def test_the_requester_hears_the_decision(
    client, open_circle, django_capture_on_commit_callbacks, decision, said
):
    c = open_circle
    join = JoinRequest.objects.create(group=c["group"], user=c["sue"], message="Hello")
    client.force_login(c["ada"])
    url = reverse("groups:request_decide", kwargs={"slug": c["group"].slug, "pk": join.pk})
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url, {"decision": decision}).status_code == 302
    html = notifications_page(client, c["sue"])
    assert f"Ada {said} your request to join" in html
    assert c["group"].get_absolute_url() in html
    [email] = mail.outbox
    assert email.to == [c["sue"].email] and f"Ada {said} your request" in email.subject
    # Answering again changes nothing and tells nobody anything more.
    client.force_login(c["fay"])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"decision": "approve" if decision == "decline" else "decline"})
    assert Notification.objects.filter(recipient=c["sue"]).count() == 1
    join.refresh_from_db()
    assert join.status == ("approved" if decision == "approve" else "declined")


def test_a_report_reaches_the_facilitators_only(
    client, open_circle, django_capture_on_commit_callbacks
):
    c = open_circle
    comment = post(c["group"], c["ada"], "Something rude.")
    client.force_login(c["ben"])
    url = reverse("moderation:report", kwargs={"slug": c["group"].slug, "pk": comment.pk})
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url, {"reason": "Insulting"}).status_code == 302
    act_url = reverse("moderation:comment", kwargs={"slug": c["group"].slug, "pk": comment.pk})
    for facilitator in (c["fay"], c["gus"]):
        html = notifications_page(client, facilitator)
        assert "Ben reported a comment" in html and act_url in html and "Insulting" in html
    # Ada, the reported comment's author, facilitates too, but the report is not hers to judge
    # alone: she hears like the others. Members hear nothing.
    assert "reported a comment" in notifications_page(client, c["ada"])
    assert "reported a comment" not in notifications_page(client, c["ben"])
    assert [m.to for m in mail.outbox] == [[c["ada"].email]]


def test_hiding_tells_the_author_why_links_the_log_and_closes_the_reports(
    client, open_circle, django_capture_on_commit_callbacks
):
    c = open_circle
    comment = post(c["group"], c["ben"], "Something rude.")
    for reporter in (c["sue"], c["gus"]):
        Report.objects.create(comment=comment, reporter=reporter, reason="Rude")
    client.force_login(c["ada"])
    url = reverse(
        "moderation:comment_action",
        kwargs={"slug": c["group"].slug, "pk": comment.pk, "action": "hide"},
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url, {"reason": "Personal attack"}).status_code == 302
    assert not Report.objects.filter(resolved_at__isnull=True).exists()
    hide, closed = ModerationEntry.objects.order_by("pk")
    assert (hide.action, closed.action) == ("hide", "resolve_report")
    assert "2 open reports closed" in closed.reason and "Personal attack" in closed.reason
    log = reverse("moderation:log", kwargs={"slug": c["group"].slug})
    html = notifications_page(client, c["ben"])
    assert "Ada hid your comment" in html and "Personal attack" in html
    assert f"{log}#entry-{hide.pk}" in html
    assert f'id="entry-{hide.pk}"' in client.get(log).content.decode()
    [email] = [m for m in mail.outbox if m.to == [c["ben"].email]]
    assert "Ada hid your comment in Open Circle" in email.subject
    assert "Personal attack" in email.body and f"{log}#entry-{hide.pk}" in email.body
    assert "Something rude" not in email.body  # hidden text stays on the site
    # The badge and the list agree.
    assert "Notifications, 1 unread" in html


@pytest.mark.parametrize("action", ["lock", "delete"])
def test_locking_or_deleting_closes_the_open_reports_in_the_log(
    client, open_circle, django_capture_on_commit_callbacks, action
):
    c = open_circle
    comment = post(c["group"], c["ben"], "Off the rails.")
    Report.objects.create(comment=comment, reporter=c["sue"], reason="Flame war")
    client.force_login(c["ada"])
    slug = c["group"].slug
    if action == "lock":
        url = reverse(
            "moderation:comment_action", kwargs={"slug": slug, "pk": comment.pk, "action": "lock"}
        )
    else:
        url = reverse("discussion:delete", kwargs={"slug": slug, "pk": comment.pk})
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url, {"reason": "Cooling down"}).status_code in {200, 302}
    report = Report.objects.get()
    assert report.resolved_at is not None and report.resolved_by == c["ada"]
    entry = ModerationEntry.objects.get(action="resolve_report")
    assert "1 open report closed" in entry.reason
    assert (
        "1 open report closed"
        in client.get(reverse("moderation:log", kwargs={"slug": slug})).content.decode()
    )


# --- A locked thread says so, and offers no reply anywhere ------------------------------


def test_a_locked_thread_says_so_and_offers_no_reply(
    client, open_circle, django_capture_on_commit_callbacks
):
    c = open_circle
    slug = c["group"].slug
    root = post(c["group"], c["ben"], "Heated.")
    answer = post(c["group"], c["ada"], "Calm down.", parent=root)
    other = post(c["group"], c["ada"], "Elsewhere.")
    moderation.lock_thread(actor=c["ada"], comment=root, reason="Cooling off")

    def reply_url(comment) -> str:
        return reverse("discussion:reply", kwargs={"slug": slug, "pk": comment.pk})

    client.force_login(c["ben"])
    page = client.get(reverse("discussion:reading", kwargs={"slug": slug, "number": 1}))
    html = page.content.decode()
    assert html.count('class="thread-locked" role="note"') == 1
    assert "This thread is locked: it takes no replies." in html
    assert reply_url(root) not in html and reply_url(answer) not in html
    assert reply_url(other) in html  # other threads still take replies
    # Without JavaScript, the reply page says it is locked instead of offering a form.
    for comment in (root, answer):
        response = client.get(reply_url(comment))
        body = response.content.decode()
        assert response.status_code == 200
        assert "This thread is locked: it takes no replies." in body and "<textarea" not in body
    fragment = client.get(reply_url(answer), headers={"HX-Request": "true"}).content.decode()
    assert fragment.lstrip().startswith('<p class="thread-locked"') and "<html" not in fragment
    assert "<textarea" in client.get(reply_url(other)).content.decode()
    # A single comment re-rendered (after a reaction or an edit) offers no reply either.
    client.force_login(c["ada"])
    react = reverse("discussion:react", kwargs={"slug": slug, "pk": answer.pk})
    edited = client.post(
        reverse("discussion:edit", kwargs={"slug": slug, "pk": answer.pk}),
        {"body": "Calm down, please."},
        headers={"HX-Request": "true"},
    ).content.decode()
    assert 'id="c-' in edited and reply_url(answer) not in edited
    assert react  # (reactions re-render only the reaction form)
