"""Choosing the next text together: proposals, a ranked vote, the count, adopting the winner,
notifications, and ballot secrecy (studygroup/groups/votes.py and vote_views.py)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib import admin
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from studygroup.accounts.models import EmailFrequency
from studygroup.discussion.models import Notification
from studygroup.groups import votes
from studygroup.groups.models import Ballot, Proposal, Vote, VoteCast
from studygroup.groups.timeline import load_timeline
from tests.builders import make_circle
from tests.factories import add_member, make_readings, make_text, make_user

pytestmark = pytest.mark.django_db


def library_text(title: str):
    text = make_text(title=title, chapters=2)
    make_readings(text)
    return text


@pytest.fixture
def world():
    return make_circle()


def three_candidates(world) -> list[Proposal]:
    g = world.group
    return [
        votes.propose(group=g, by=world.member, text=library_text("Middlemarch")),
        votes.propose(group=g, by=world.other, text=library_text("Walden")),
        votes.propose(group=g, by=world.member, title="Silent Spring", link="example.org/ss"),
    ]


def open_vote(world, *, days: int = 7) -> Vote:
    return votes.open_vote(
        group=world.group, by=world.facilitator, closes_at=timezone.now() + timedelta(days=days)
    )


def url(name: str, world, **kwargs) -> str:
    return reverse(f"groups:{name}", kwargs={"slug": world.group.slug, **kwargs})


def ranks(proposals, *order) -> dict:
    """Form data ranking the proposals at these indexes, first = rank 1."""
    return {f"rank-{proposals[i].pk}": str(n) for n, i in enumerate(order, start=1)}


# --- Proposals ----------------------------------------------------------------------


def test_members_propose_library_texts_and_titles_to_import(client, world):
    text = library_text("Middlemarch")
    client.force_login(world.member)
    response = client.post(url("propose", world), {"text": text.pk})
    assert response.status_code == 302
    response = client.post(
        url("propose", world), {"title": "Silent Spring", "link": "example.org/silent"}
    )
    assert response.status_code == 302
    first, second = Proposal.objects.filter(group=world.group)
    assert (first.text, first.title, first.proposed_by) == (text, "Middlemarch", world.member)
    assert (second.text, second.title, second.link) == (
        None,
        "Silent Spring",
        "https://example.org/silent",
    )
    page = client.get(url("next_text", world)).content.decode()
    assert "Middlemarch" in page and "to be imported later" in page


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({}, "Choose a text from the library, or give a title."),
        ({"title": "   "}, "Choose a text from the library, or give a title."),
        ({"text": "TEXT", "title": "Both"}, "not both"),
        ({"text": "TEXT", "link": "example.org"}, "A link goes with a title"),
        ({"title": "X", "link": "not a url at all"}, "Enter a valid URL."),
        ({"text": "99999999999999999999999"}, "Select a valid choice."),
    ],
)
def test_a_bad_proposal_gets_a_clear_message_and_saves_nothing(client, world, data, message):
    text = library_text("Middlemarch")
    client.force_login(world.member)
    data = {k: (text.pk if v == "TEXT" else v) for k, v in data.items()}
    response = client.post(url("propose", world), data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Proposal.objects.exists()


def test_only_texts_the_group_may_read_can_be_proposed(world):
    other_groups = make_text(title="Another group's text", is_public=False)
    with pytest.raises(votes.VoteError, match="cannot propose"):
        votes.propose(group=world.group, by=world.member, text=other_groups)
    current = world.reading.text  # restricted or not, the group reads it already
    with pytest.raises(votes.VoteError, match="cannot propose"):
        votes.propose(group=world.group, by=world.member, text=current)
    text = library_text("Walden")
    votes.propose(group=world.group, by=world.member, text=text)
    with pytest.raises(votes.VoteError, match="proposed already"):
        votes.propose(group=world.group, by=world.other, text=text)


def test_a_proposer_withdraws_their_own_waiting_proposal_but_not_anothers(client, world):
    mine = votes.propose(group=world.group, by=world.member, title="Mine")
    theirs = votes.propose(group=world.group, by=world.other, title="Theirs")
    client.force_login(world.member)
    assert client.post(url("withdraw", world, pk=theirs.pk)).status_code == 403
    assert client.post(url("withdraw", world, pk=mine.pk)).status_code == 302
    assert list(Proposal.objects.values_list("title", flat=True)) == ["Theirs"]


# --- Opening a vote -----------------------------------------------------------------


def test_opening_a_vote_takes_the_proposals_and_tells_the_members(client, world, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    world.other.email_notifications = EmailFrequency.IMMEDIATE
    world.other.save()
    world.member.email_notifications = EmailFrequency.DAILY
    world.member.save()
    proposals = three_candidates(world)
    client.force_login(world.facilitator)
    closes = timezone.now().astimezone(world.group.tz) + timedelta(days=3)
    response = client.post(
        url("open_vote", world),
        {"closes_on": closes.date().isoformat(), "closes_at": closes.strftime("%H:%M")},
    )
    vote = Vote.objects.get()
    assert response.status_code == 302
    assert response["Location"] == vote.get_absolute_url()
    assert set(vote.candidates.all()) == set(proposals)
    assert sorted(vote.lot) == sorted(p.pk for p in proposals)
    told = Notification.objects.filter(kind=Notification.Kind.VOTE_OPENED)
    assert {n.recipient for n in told} == {world.member, world.other}  # not the opener
    assert all(n.url == vote.get_absolute_url() for n in told)
    # One email (the immediate reader's) and the closing, both on the task queue.
    tasks = sorted(DBTaskResult.objects.all(), key=lambda t: t.task_path)
    assert [t.task_path.rsplit(".", 1)[-1] for t in tasks] == [
        "send_notification_email",
        "close_when_due",
    ]
    assert tasks[1].run_after == vote.closes_at


def test_members_who_want_email_get_one_when_a_vote_opens_and_when_it_closes(world):
    world.other.email_notifications = EmailFrequency.IMMEDIATE
    world.other.save()
    world.member.email_notifications = EmailFrequency.NEVER
    world.member.save()
    three_candidates(world)
    vote = open_vote(world)
    [opened] = mail.outbox
    assert opened.to == [world.other.email]
    assert "Fran opened a vote on the next text" in opened.subject
    assert "Rank the candidates by" in opened.body
    assert vote.get_absolute_url() in opened.body
    votes.close_vote(vote=vote, by=world.facilitator)
    closed = mail.outbox[-1]
    assert len(mail.outbox) == 2
    assert "Fran closed the vote on the next text" in closed.subject
    assert "Nobody voted, so there is no winner." in closed.body


@pytest.mark.parametrize(
    ("proposals", "days", "message"),
    [
        (1, 3, "at least two proposals"),
        (2, 0, "at least a few minutes from now"),
        (2, -2, "at least a few minutes from now"),
        (2, 90, "at most 60 days"),
    ],
)
def test_a_vote_that_cannot_open_says_why(client, world, proposals, days, message):
    for n in range(proposals):
        votes.propose(group=world.group, by=world.member, title=f"Book {n}")
    client.force_login(world.facilitator)
    closes = timezone.now().astimezone(world.group.tz) + timedelta(days=days)
    response = client.post(
        url("open_vote", world),
        {"closes_on": closes.date().isoformat(), "closes_at": closes.strftime("%H:%M")},
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Vote.objects.exists()


def test_one_vote_at_a_time_and_proposals_made_during_it_wait_for_the_next(world):
    three_candidates(world)
    vote = open_vote(world)
    late = votes.propose(group=world.group, by=world.member, title="Late")
    votes.propose(group=world.group, by=world.other, title="Later")
    with pytest.raises(votes.VoteError, match="open already"):
        open_vote(world)
    late.refresh_from_db()
    assert late.vote is None
    assert vote.candidates.count() == 3


def test_a_vote_past_its_closing_time_is_closed_before_the_next_opens(world):
    three_candidates(world)
    vote = open_vote(world)
    Vote.objects.filter(pk=vote.pk).update(closes_at=timezone.now() - timedelta(minutes=1))
    votes.propose(group=world.group, by=world.member, title="A")
    votes.propose(group=world.group, by=world.member, title="B")
    second = open_vote(world)
    vote.refresh_from_db()
    assert vote.closed_at is not None
    assert second.candidates.count() == 2


# --- Ballots --------------------------------------------------------------------------


def test_ranking_is_confirmed_before_it_is_cast(client, world):
    proposals = three_candidates(world)
    vote = open_vote(world)
    client.force_login(world.member)
    ballot_url = url("ballot", world, pk=vote.pk)
    response = client.post(ballot_url, ranks(proposals, 1, 0))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Please check your ranking" in page
    assert page.index("Walden</li>") < page.index("Middlemarch</li>")
    assert not Ballot.objects.exists() and not VoteCast.objects.exists()
    # Changing it goes back to the form, with the ranks kept.
    response = client.post(ballot_url, {**ranks(proposals, 1, 0), "step": "change"})
    assert "Review my ballot" in response.content.decode()
    assert not Ballot.objects.exists()
    response = client.post(ballot_url, {**ranks(proposals, 1, 0), "step": "cast"})
    assert response.status_code == 302
    assert list(Ballot.objects.values_list("ranking", flat=True)) == [
        [proposals[1].pk, proposals[0].pk]
    ]
    assert list(VoteCast.objects.values_list("user", flat=True)) == [world.member.pk]
    page = client.get(vote.get_absolute_url()).content.decode()
    assert "You have voted" in page
    response = client.post(ballot_url, {**ranks(proposals, 0), "step": "cast"})
    assert "You have voted already" in response.content.decode()
    assert Ballot.objects.count() == 1


def test_the_ballot_works_through_htmx_too(client, world):
    proposals = three_candidates(world)
    vote = open_vote(world)
    client.force_login(world.member)
    htmx = {"HX-Request": "true"}
    response = client.post(url("ballot", world, pk=vote.pk), ranks(proposals, 2), headers=htmx)
    page = response.content.decode()
    assert page.lstrip().startswith('<section id="ballot"')
    assert "<html" not in page
    response = client.post(
        url("ballot", world, pk=vote.pk), {**ranks(proposals, 2), "step": "cast"}, headers=htmx
    )
    assert response["HX-Redirect"] == vote.get_absolute_url()
    assert Ballot.objects.count() == 1


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({}, "Rank at least one text"),
        ({"rank-A": "1", "rank-B": "1"}, "You gave rank 1 to “Middlemarch”, “Walden”."),
        ({"rank-A": "4"}, "Choose a rank from the list"),
        ({"rank-A": "0"}, "Choose a rank from the list"),
        ({"rank-A": "1e3"}, "Choose a rank from the list"),
        ({"rank-A": "99999999999999999999999"}, "Choose a rank from the list"),
    ],
)
def test_a_bad_ballot_gets_a_clear_message_and_counts_nothing(client, world, data, message):
    proposals = three_candidates(world)
    vote = open_vote(world)
    names = {"rank-A": f"rank-{proposals[0].pk}", "rank-B": f"rank-{proposals[1].pk}"}
    data = {names[k]: v for k, v in data.items()}
    client.force_login(world.member)
    response = client.post(url("ballot", world, pk=vote.pk), {**data, "step": "cast"})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Ballot.objects.exists() and not VoteCast.objects.exists()


def test_a_closed_vote_takes_no_ballots(world):
    proposals = three_candidates(world)
    vote = open_vote(world)
    votes.close_vote(vote=vote, by=world.facilitator)
    with pytest.raises(votes.VoteError, match="closed"):
        votes.cast_ballot(vote=vote, user=world.member, ranking=[proposals[0].pk])


def test_a_ballot_must_match_the_candidates(world):
    proposals = three_candidates(world)
    vote = open_vote(world)
    for ranking in ([], [proposals[0].pk, proposals[0].pk], [proposals[0].pk, 10**9]):
        with pytest.raises(votes.VoteError, match="does not match"):
            votes.cast_ballot(vote=vote, user=world.member, ranking=ranking)
    with pytest.raises(votes.VoteError, match="Only the group's members"):
        votes.cast_ballot(vote=vote, user=world.outsider, ranking=[proposals[0].pk])


# --- Closing, the result, adopting the winner ----------------------------------------


def cast(vote, users_and_rankings):
    for user, ranking in users_and_rankings:
        votes.cast_ballot(vote=vote, user=user, ranking=[p.pk for p in ranking])


def test_closing_early_shows_the_rounds_and_tells_the_members(client, world):
    middlemarch, walden, spring = three_candidates(world)
    vote = open_vote(world)
    cast(
        vote,
        [
            (world.facilitator, [middlemarch]),
            (world.member, [walden, middlemarch]),
            (world.other, [spring, walden, middlemarch]),
        ],
    )
    client.force_login(world.member)
    page = client.get(vote.get_absolute_url()).content.decode()
    assert "Round 1" not in page  # no tallies while the vote is open
    client.force_login(world.facilitator)
    response = client.post(url("vote_close", world, pk=vote.pk))
    assert response.status_code == 302
    vote.refresh_from_db()
    assert vote.closed_by == world.facilitator
    page = client.get(vote.get_absolute_url()).content.decode()
    assert "The group chose <strong>Walden</strong>" in page
    assert "Round 1" in page and "Round 2" in page
    assert "tied for the fewest votes" in page
    assert "“Silent Spring” on 1 ballot" in page
    assert "“Silent Spring” is ranked on the fewest ballots, so it is eliminated." in page
    told = Notification.objects.filter(kind=Notification.Kind.VOTE_CLOSED)
    assert {n.recipient for n in told} == {world.member, world.other}
    assert {n.detail for n in told} == {"“Walden” won, after 2 rounds."}
    # Closing again changes nothing and tells nobody twice.
    assert client.post(url("vote_close", world, pk=vote.pk)).status_code == 302
    assert told.count() == 2


@pytest.mark.django_db(transaction=True)
def test_the_worker_closes_a_vote_at_its_closing_time(settings):
    """The real queue: the closing task waits for its time, then `db_worker` runs it."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    world = make_circle()
    three_candidates(world)
    vote = open_vote(world)
    worker = ("db_worker", "--batch", "--no-startup-delay", "--interval", "0")
    call_command(*worker, verbosity=0)
    vote.refresh_from_db()
    assert vote.closed_at is None  # not due: the task still waits
    past = timezone.now() - timedelta(seconds=1)
    Vote.objects.filter(pk=vote.pk).update(closes_at=past)
    DBTaskResult.objects.filter(task_path__endswith="close_when_due").update(run_after=past)
    call_command(*worker, verbosity=0)
    vote.refresh_from_db()
    assert vote.closed_at == past
    # Closed by its date, not by anyone: every member hears, the facilitator too.
    told = Notification.objects.filter(kind=Notification.Kind.VOTE_CLOSED)
    assert {n.recipient for n in told} == {world.facilitator, world.member, world.other}


def test_the_queue_closes_a_vote_at_its_closing_time_once(world):
    three_candidates(world)
    vote = open_vote(world)
    assert votes.close_when_due.call(vote_id=vote.pk) is False  # not due yet
    Vote.objects.filter(pk=vote.pk).update(closes_at=timezone.now() - timedelta(seconds=1))
    assert votes.close_when_due.call(vote_id=vote.pk) is True
    assert votes.close_when_due.call(vote_id=vote.pk) is False
    vote.refresh_from_db()
    assert vote.closed_at == vote.closes_at and vote.closed_by is None
    told = Notification.objects.filter(kind=Notification.Kind.VOTE_CLOSED)
    assert {n.detail for n in told} == {"Nobody voted, so there is no winner."}
    assert {n.actor for n in told} == {world.facilitator}


def test_the_winner_is_adopted_in_one_click_after_the_current_text(client, world):
    middlemarch, walden, _spring = three_candidates(world)
    vote = open_vote(world)
    cast(vote, [(world.member, [middlemarch]), (world.other, [middlemarch, walden])])
    votes.close_vote(vote=vote, by=world.facilitator)
    client.force_login(world.facilitator)
    assert "Adopt “Middlemarch”" in client.get(vote.get_absolute_url()).content.decode()
    response = client.post(url("vote_adopt", world, pk=vote.pk))
    assert response["Location"] == url("schedule", world)
    current, new = world.group.adoptions.order_by("position").select_related("text")
    assert new.text == middlemarch.text
    vote.refresh_from_db()
    assert vote.adoption == new
    schedule = client.get(url("schedule", world)).content.decode()
    assert f"1. {current.text.title}</h2>" in schedule
    assert "2. Middlemarch</h2>" in schedule
    # Its first week comes after the current text's last one.
    timeline = load_timeline(world.group, with_sections=False, with_progress=False)
    assert timeline.for_adoption(current)[-1].date < timeline.for_adoption(new)[0].date
    # A second click adopts nothing more.
    client.post(url("vote_adopt", world, pk=vote.pk))
    assert world.group.adoptions.count() == 2


def test_a_free_title_winner_cannot_be_adopted_and_the_page_says_so(client, world):
    _middlemarch, _walden, spring = three_candidates(world)
    vote = open_vote(world)
    cast(vote, [(world.member, [spring])])
    votes.close_vote(vote=vote, by=world.facilitator)
    client.force_login(world.facilitator)
    page = client.get(vote.get_absolute_url()).content.decode()
    assert "is not in the library yet, so it cannot be adopted" in page
    assert "Adopt “Silent Spring”: it starts" not in page
    response = client.post(url("vote_adopt", world, pk=vote.pk), follow=True)
    assert "is not in the library yet" in response.content.decode()
    assert world.group.adoptions.count() == 1
    # Members see the same notice, without the facilitators' form.
    client.force_login(world.member)
    page = client.get(vote.get_absolute_url()).content.decode()
    assert "is not in the library yet" in page and 'id="adopt-imported"' not in page


def test_a_free_title_winner_is_adopted_once_imported(client, world):
    _middlemarch, _walden, spring = three_candidates(world)
    vote = open_vote(world)
    cast(vote, [(world.member, [spring])])
    votes.close_vote(vote=vote, by=world.facilitator)
    imported = library_text("Silent Spring")
    restricted = make_text(title="Someone else's", is_public=False)
    client.force_login(world.facilitator)
    page = client.get(vote.get_absolute_url()).content.decode()
    assert 'id="adopt-imported"' in page and "Someone else" not in page
    adopt = url("vote_adopt", world, pk=vote.pk)
    client.post(adopt, {"text": restricted.pk})  # not a text the group may read: ignored
    assert world.group.adoptions.count() == 1
    response = client.post(adopt, {"text": imported.pk})
    assert response["Location"] == url("schedule", world)
    spring.refresh_from_db()
    assert spring.text == imported
    vote.refresh_from_db()
    assert vote.adoption.text == imported


def test_an_open_vote_cannot_be_adopted(world):
    three_candidates(world)
    vote = open_vote(world)
    with pytest.raises(votes.VoteError, match="still open"):
        votes.adopt_winner(vote=vote)


# --- Secrecy --------------------------------------------------------------------------


def test_a_ballot_row_names_nobody_and_carries_no_time():
    fields = {f.name for f in Ballot._meta.get_fields()}
    assert fields == {"id", "vote", "ranking"}
    assert Ballot._meta.pk.get_internal_type() == "UUIDField"
    assert {f.name for f in VoteCast._meta.get_fields()} == {"id", "vote", "user"}


def test_closing_rewrites_the_ballots_so_their_stored_order_follows_no_voter(world):
    proposals = three_candidates(world)
    vote = open_vote(world)
    users = [world.facilitator, world.member, world.other] + [
        add_member(world.group).user for _ in range(5)
    ]
    for user in users:
        votes.cast_ballot(vote=vote, user=user, ranking=[proposals[0].pk])
    votes.close_vote(vote=vote, by=world.facilitator)
    with connection.cursor() as cursor:  # the table's own order: no ORDER BY
        cursor.execute(f"SELECT id FROM {Ballot._meta.db_table}")
        stored = [str(row[0]).replace("-", "") for row in cursor.fetchall()]
    assert stored == sorted(stored)
    assert len(stored) == len(users)


def test_no_page_export_or_feed_shows_who_ranked_what(client, world):
    """Each voter ranks a different text first; no output anyone gets may pair a voter's
    name with their choice. Tallies show only after the close, as counts."""
    world.group.is_public = True
    world.group.save()
    middlemarch, walden, spring = three_candidates(world)
    vote = open_vote(world)
    cast(
        vote,
        [
            (world.facilitator, [middlemarch, walden]),
            (world.member, [walden]),
            (world.other, [spring, middlemarch]),
        ],
    )
    votes.close_vote(vote=vote, by=world.facilitator)
    outputs = []
    for user in (None, world.member, world.facilitator, world.admin):
        client.logout()
        if user is not None:
            client.force_login(user)
        for path in (
            vote.get_absolute_url(),
            url("next_text", world),
            url("detail", world),
            url("members", world),
            url("atom", world),
            url("comments_atom", world),
            reverse("notifications:list"),
        ):
            outputs.append(client.get(path).content.decode())
    client.force_login(world.facilitator)
    for fmt in ("json", "md"):
        outputs.append(
            client.get(
                reverse("export:group_file", kwargs={"slug": world.group.slug, "fmt": fmt})
            ).content.decode()
        )
    outputs.append(
        client.get(reverse("export:member_file", kwargs={"fmt": "json"})).content.decode()
    )
    for page in outputs:
        assert "ranking" not in page
        assert str(vote.ballots.first().pk) not in page
    vote_page = outputs[0]
    # The same result page for everyone: voters listed by name, tallies as counts only.
    assert "Fran, Mo, Ola" in vote_page
    # The rounds read the same to everyone, however they voted (or whether they did).
    rounds = {
        p[p.index('id="round-1"') : p.index("</section>", p.index('id="round-1"'))]
        for p in outputs[0:28:7]
    }
    assert len(rounds) == 1
    # The admin's ballot box shows rankings and no voter; its list of voters, no ballot.
    assert "user" not in str(admin.site._registry[Ballot].list_display)
    assert "ballot" not in str(admin.site._registry[VoteCast].list_display)
    client.force_login(world.admin)
    page = client.get(reverse("admin:groups_ballot_changelist")).content.decode()
    rows = page[page.index('id="result_list"') : page.index("</table>", page.index("result_list"))]
    assert rows.count(f"[{middlemarch.pk}") == 1
    for user in (world.facilitator, world.member, world.other):
        assert user.name not in rows and user.email not in rows


def test_the_vote_page_shows_the_same_to_every_member_but_their_own_state(client, world):
    proposals = three_candidates(world)
    vote = open_vote(world)
    votes.cast_ballot(vote=vote, user=world.member, ranking=[proposals[2].pk])
    client.force_login(world.other)
    page = client.get(vote.get_absolute_url()).content.decode()
    assert "Who has voted" in page and "Mo" in page
    assert "Review my ballot" in page  # Ola has not voted yet
    assert "Round 1" not in page and "Votes</th>" not in page


# --- Speed ------------------------------------------------------------------------------


@pytest.mark.parametrize("voters", [3, 30])
def test_the_results_page_costs_the_same_queries_for_3_or_30_ballots(
    client, world, voters, django_assert_num_queries
):
    proposals = three_candidates(world)
    vote = open_vote(world)
    users = [add_member(world.group).user for _ in range(voters)]
    for n, user in enumerate(users):
        # Library texts first (a title to import would add the facilitators' text list).
        ranking = [proposals[n % 2].pk, proposals[2].pk]
        votes.cast_ballot(vote=vote, user=user, ranking=ranking)
    votes.close_vote(vote=vote, by=world.facilitator)
    client.force_login(world.facilitator)
    client.get(vote.get_absolute_url())  # session and caches warm
    # session, user, group, vote, candidates, voters, ballots, the bell's unread count
    with django_assert_num_queries(8):
        response = client.get(vote.get_absolute_url())
    assert response.status_code == 200
    assert f"{voters} ballots" in response.content.decode()


def test_the_group_page_links_the_vote(client, world):
    client.force_login(world.member)
    page = client.get(url("detail", world)).content.decode()
    assert url("next_text", world) in page


def test_an_outsider_hears_nothing_of_a_private_groups_vote(world):
    three_candidates(world)
    open_vote(world)
    outsider = make_user()
    assert not Notification.objects.filter(recipient=outsider).exists()
    assert not Notification.objects.filter(recipient=world.admin).exists()


def test_the_ballot_needs_the_csrf_token_even_through_htmx(world):
    proposals = three_candidates(world)
    vote = open_vote(world)
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.member)
    page = client.get(vote.get_absolute_url()).content.decode()
    token = page.split('"x-csrftoken": "')[1].split('"')[0]
    data = {**ranks(proposals, 0), "step": "cast"}
    target = url("ballot", world, pk=vote.pk)
    assert client.post(target, data, headers={"HX-Request": "true"}).status_code == 403
    assert not Ballot.objects.exists()
    response = client.post(target, data, headers={"HX-Request": "true", "X-CSRFToken": token})
    assert response.status_code == 200
    assert Ballot.objects.count() == 1


@pytest.mark.parametrize("proposals", [1, 6])
def test_the_next_text_page_costs_the_same_queries_however_many_proposals(
    client, world, proposals, django_assert_num_queries
):
    for n in range(proposals):
        votes.propose(group=world.group, by=world.member, title=f"Book {n}")
    for n in range(proposals):
        votes.propose(group=world.group, by=world.other, text=library_text(f"Text {n}"))
    client.force_login(world.facilitator)
    client.get(url("next_text", world))
    # session, user, group, current vote, past votes, proposals, texts for the form, the bell
    with django_assert_num_queries(8):
        response = client.get(url("next_text", world))
    assert response.content.decode().count('class="link-button">Withdraw') == 2 * proposals
