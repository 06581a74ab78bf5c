"""Meetings through the client: RSVPs, the rota, records, handover notes, the export."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from django.urls import reverse
from icalendar import Calendar

from studygroup.groups import services as group_services
from studygroup.meetings import services
from studygroup.meetings.models import HandoverNote, Meeting, Rsvp
from studygroup.meetings.records import week_questions
from tests.factories import make_question, make_user

pytestmark = pytest.mark.django_db


def meetings_url(circle, name: str = "list", **kwargs) -> str:
    return reverse(f"meetings:{name}", kwargs={"slug": circle.group.slug, **kwargs})


# --- RSVPs ------------------------------------------------------------------------------


def test_a_member_answers_without_javascript(client, circle):
    week = circle.weeks()[0]
    client.force_login(circle.member.user)
    url = meetings_url(circle, "rsvp", reading=week.reading.pk)
    response = client.post(url, {"answer": "coming"})
    assert response.status_code == 302
    assert response["Location"].endswith(f"#meeting-{week.reading.pk}")
    rsvp = Rsvp.objects.get(membership=circle.member)
    assert (rsvp.answer, rsvp.for_date) == ("coming", week.date)
    # Answering again changes the answer; it never adds a second one.
    client.post(url, {"answer": "maybe"})
    assert list(Rsvp.objects.values_list("answer", flat=True)) == ["maybe"]


def test_an_htmx_answer_returns_the_meeting_fragment_with_counts_and_names(client, circle):
    week = circle.weeks()[0]
    services.answer(membership=circle.other, week=week, answer="not_coming")
    client.force_login(circle.member.user)
    response = client.post(
        meetings_url(circle, "rsvp", reading=week.reading.pk),
        {"answer": "coming"},
        headers={"HX-Request": "true"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html and f'id="meeting-{week.reading.pk}"' in html
    assert "1 coming" in html and "0 maybe" in html and "1 not coming" in html
    assert "Coming: Nadia N" in html and "Not coming: Omar O" in html
    assert 'value="coming" class="toggle toggle-on" aria-pressed="true"' in html


def test_facilitators_and_members_see_counts_and_names(client, circle):
    week = circle.weeks()[0]
    services.answer(membership=circle.member, week=week, answer="coming")
    for user in (circle.facilitator, circle.other.user):
        client.force_login(user)
        html = client.get(meetings_url(circle)).content.decode()
        assert "1 coming" in html and "Coming: Nadia N" in html


def test_a_bad_answer_or_a_past_meeting_gets_a_message_and_changes_nothing(client, circle):
    week = circle.weeks()[0]
    client.force_login(circle.member.user)
    url = meetings_url(circle, "rsvp", reading=week.reading.pk)
    response = client.post(url, {"answer": "perhaps"}, headers={"HX-Request": "true"})
    assert response.status_code == 400
    assert "Choose coming, maybe or not coming." in response.content.decode()
    assert not Rsvp.objects.exists()
    past = week
    past.is_past = True
    with pytest.raises(services.MeetingError):
        services.answer(membership=circle.member, week=past, answer="coming")
    assert not Rsvp.objects.exists()


def test_a_meeting_that_moves_drops_its_answers_and_says_so(client, circle):
    first = circle.weeks()[0]
    services.answer(membership=circle.member, week=first, answer="coming")
    services.set_facilitators(group=circle.group, week=first, membership_ids=[circle.other.pk])
    group_services.skip_date(adoption=circle.adoption, on=first.date)
    moved = circle.weeks()[0]
    assert moved.reading.pk == first.reading.pk and moved.date == first.date + timedelta(weeks=1)
    client.force_login(circle.member.user)
    html = client.get(meetings_url(circle)).content.decode()
    section = html[html.index(f'id="meeting-{first.reading.pk}"') :]
    assert "0 coming" in section[:600]
    assert "but the meeting has moved. Please answer again." in section
    # The rota follows the week: the same facilitator runs the reading on its new date.
    assert "Facilitating: Omar O" in section[:300]
    # Answering again counts for the new date.
    client.post(meetings_url(circle, "rsvp", reading=first.reading.pk), {"answer": "coming"})
    assert Rsvp.objects.get(membership=circle.member).for_date == moved.date


# --- The rota -----------------------------------------------------------------------------


def test_facilitators_set_a_pair_and_it_shows_on_schedule_meetings_and_calendar(client, circle):
    weeks = circle.weeks()
    client.force_login(circle.facilitator)
    field = f"week-{weeks[1].reading.pk}"
    response = client.post(
        meetings_url(circle, "rota"), {field: [str(circle.member.pk), str(circle.other.pk)]}
    )
    assert response.status_code == 302
    meeting = Meeting.objects.get(reading=weeks[1].reading)
    assert set(meeting.facilitators.all()) == {circle.member, circle.other}
    schedule = client.get(reverse("groups:schedule", args=[circle.group.slug])).content.decode()
    assert "facilitating: Nadia N, Omar O" in schedule
    assert "Facilitating: Nadia N, Omar O" in client.get(meetings_url(circle)).content.decode()
    # The member's own calendar names the facilitators; a public group's plain one names no one.
    token = circle.member.feed_token
    feed = client.get(reverse("groups:feed_token", args=[circle.group.slug, token])).content
    described = [str(e["description"]) for e in Calendar.from_ical(feed).walk("VEVENT")]
    assert "Facilitating: Nadia N, Omar O" in described[1]
    if circle.group.is_public:
        plain = client.get(reverse("groups:feed", args=[circle.group.slug])).content
        assert b"Nadia N" not in plain
    assert "Facilitating" not in described[0]


def test_the_rota_refuses_three_facilitators_and_strangers(client, circle):
    week = circle.weeks()[0]
    client.force_login(circle.facilitator)
    field = f"week-{week.reading.pk}"
    fac = circle.group.memberships.get(user=circle.facilitator)
    response = client.post(
        meetings_url(circle, "rota"),
        {field: [fac.pk, circle.member.pk, circle.other.pk]},
        follow=True,
    )
    assert "A meeting has one facilitator or a pair." in response.content.decode()
    response = client.post(meetings_url(circle, "rota"), {field: ["99999999"]}, follow=True)
    assert "Choose facilitators from the group&#x27;s members." in response.content.decode()
    response = client.post(meetings_url(circle, "rota"), {field: ["9" * 30]}, follow=True)
    assert response.status_code == 200
    assert not Meeting.objects.filter(facilitators__isnull=False).exists()


def test_fill_in_turn_rotates_through_the_volunteers(client, circle):
    weeks = circle.weeks()
    services.set_facilitators(group=circle.group, week=weeks[0], membership_ids=[circle.other.pk])
    client.force_login(circle.facilitator)
    response = client.post(
        meetings_url(circle, "rota_fill"), {"volunteers": [circle.member.pk, circle.other.pk]}
    )
    assert response.status_code == 302
    rota = [
        [m.user.display_name for m in Meeting.objects.get(reading=w.reading).facilitators.all()]
        for w in weeks
    ]
    assert rota == [["Omar O"], ["Nadia N"], ["Omar O"], ["Nadia N"]]
    response = client.post(meetings_url(circle, "rota_fill"), {}, follow=True)
    assert response.status_code == 400
    assert "Tick at least one volunteer." in response.content.decode()


# --- Records and handover notes ------------------------------------------------------------


def test_the_record_is_prefilled_from_answers_and_members_read_it(client, circle):
    week = circle.weeks()[0]
    services.answer(membership=circle.member, week=week, answer="coming")
    services.answer(membership=circle.other, week=week, answer="maybe")
    client.force_login(circle.facilitator)
    url = meetings_url(circle, "record", reading=week.reading.pk)
    form = client.get(url).content.decode()
    assert f'value="{circle.member.pk}" id="id_attended_' in form
    checked = [line for line in form.split("<input") if "checked" in line]
    assert len(checked) == 1 and f'value="{circle.member.pk}"' in checked[0]
    question = week_questions(circle.group, circle.reading(1)).get()
    response = client.post(
        url,
        {
            "attended": [circle.member.pk, circle.other.pk],
            "decisions": "We read **chapter 2** next.<script>alert(1)</script>",
            "questions": [question.pk],
        },
    )
    assert response.status_code == 302
    client.force_login(circle.other.user)
    page = client.get(meetings_url(circle, "detail", reading=week.reading.pk)).content.decode()
    assert "Nadia N, Omar O" in page
    assert "<strong>chapter 2</strong>" in page and "<script>alert" not in page
    assert "What is a study circle for?" in page


def test_a_question_from_another_week_cannot_be_recorded(client, circle):
    week = circle.weeks()[0]
    elsewhere = make_question(circle.reading(2), body="Not this week")
    client.force_login(circle.facilitator)
    response = client.post(
        meetings_url(circle, "record", reading=week.reading.pk),
        {"questions": [elsewhere.pk], "decisions": "x"},
    )
    assert response.status_code == 400
    assert not Meeting.objects.filter(recorded_at__isnull=False).exists()


def test_the_rota_facilitator_writes_the_record_and_a_handover_other_members_may_not(
    client, circle
):
    first, second = circle.weeks()[:2]
    services.set_facilitators(group=circle.group, week=first, membership_ids=[circle.member.pk])
    client.force_login(circle.other.user)
    assert client.get(meetings_url(circle, "record", reading=first.reading.pk)).status_code == 403
    handover = meetings_url(circle, "handover", reading=first.reading.pk)
    assert client.post(handover, {"body": "Hi"}).status_code == 403
    client.force_login(circle.member.user)
    assert client.get(meetings_url(circle, "record", reading=first.reading.pk)).status_code == 200
    response = client.post(handover, {"body": "We stopped at *the second thesis*."})
    assert response.status_code == 302
    # Members read it on the next meeting's page.
    client.force_login(circle.other.user)
    page = client.get(meetings_url(circle, "detail", reading=second.reading.pk)).content.decode()
    assert "From Nadia N" in page and "<em>the second thesis</em>" in page
    # An empty note removes it.
    client.force_login(circle.member.user)
    client.post(handover, {"body": "  "})
    assert not HandoverNote.objects.exists()


def test_a_week_off_the_schedule_is_404(client, circle):
    client.force_login(circle.member.user)
    assert client.get(meetings_url(circle, "detail", reading=999999)).status_code == 404
    assert client.get(meetings_url(circle, "detail", reading=int("9" * 19))).status_code == 404


# --- The week's export -----------------------------------------------------------------------


def test_the_record_appears_in_the_weeks_export(client, circle):
    week = circle.weeks()[0]
    question = week_questions(circle.group, circle.reading(1)).get()
    services.save_record(
        meeting=services.meeting_for(group=circle.group, week=week),
        by=circle.facilitator,
        attended_ids=[circle.member.pk],
        decisions="Next time: bring the *preface*.",
        question_ids=[question.pk],
        allowed_questions=[question],
    )
    client.force_login(circle.facilitator)  # exports are the facilitators'

    kwargs = {"slug": circle.group.slug, "reading": week.reading.pk}
    md = client.get(reverse("export:week_file", kwargs={**kwargs, "fmt": "md"})).content.decode()
    assert "### Meeting record" in md and "Came: Nadia N" in md
    assert "Questions discussed: 1" in md and "Next time: bring the *preface*." in md
    data = json.loads(
        client.get(reverse("export:week_file", kwargs={**kwargs, "fmt": "json"})).content
    )
    record = data["schedule"]["weeks"][0]["record"]
    assert record["attended"] == ["Nadia N"] and record["question_ids"] == [question.pk]
    assert record["recorded_by"] == "Frances F"


def test_the_group_page_leads_members_to_each_meeting(client, circle):
    week = circle.weeks()[0]
    link = meetings_url(circle, "detail", reading=week.reading.pk)
    client.force_login(circle.member.user)
    html = client.get(circle.group.get_absolute_url()).content.decode()
    assert f'href="{link}"' in html and f'href="{meetings_url(circle)}"' in html
    circle.group.is_public = True
    circle.group.save()
    client.force_login(make_user())
    html = client.get(circle.group.get_absolute_url()).content.decode()
    assert "/meetings/" not in html


def test_a_rota_with_one_bad_week_saves_none_of_it(client, circle):
    first, second = circle.weeks()[:2]
    client.force_login(circle.facilitator)
    response = client.post(
        meetings_url(circle, "rota"),
        {f"week-{first.reading.pk}": [circle.member.pk], f"week-{second.reading.pk}": ["0"]},
        follow=True,
    )
    assert "Choose facilitators from the group&#x27;s members." in response.content.decode()
    assert not Meeting.objects.filter(facilitators__isnull=False).exists()


def test_long_schedules_show_the_next_meetings_in_full_and_list_the_rest(client):
    from tests.factories import adopt, make_group

    facilitator = make_user()
    group = make_group(facilitator=facilitator)
    adopt(group, start_date=group.today() + timedelta(days=1), weeks=15)
    client.force_login(facilitator)
    html = client.get(reverse("meetings:list", args=[group.slug])).content.decode()
    assert html.count("rsvp-form") == 6 and "Later meetings" in html
    assert html.count("week 15, Chapter 15") == 1
    rota = reverse("meetings:rota", args=[group.slug])
    html = client.get(rota).content.decode()
    assert html.count("<select") == 2 * 12 and "Show 3 more meetings" in html
    assert client.get(rota, {"all": "1"}).content.decode().count("<select") == 2 * 15
