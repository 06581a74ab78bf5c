"""The group decides together: proposals from two members, a vote the facilitator opens,
three ranked ballots with a first-round tie and an eliminated candidate, the rounds shown,
and the winner adopted in one click after the current text. axe checks the new pages at
phone and desktop widths."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from studygroup.groups.models import Vote
from tests.browser.conftest import PHONE
from tests.browser.test_group_life_journey import as_user, check_axe
from tests.builders import make_circle
from tests.factories import make_readings, make_text


def library_text(title: str):
    text = make_text(title=title, chapters=2)
    make_readings(text)
    return text


def rank(page, ranks: dict[str, str]) -> None:
    """Give each title its rank, review, then cast the ballot."""
    for title, place in ranks.items():
        page.get_by_label(f"Rank for {title}").select_option(place)
    page.get_by_role("button", name="Review my ballot").click()
    expect(page.get_by_text("Please check your ranking")).to_be_visible()
    expect(page.locator("ol.ranked li").first).to_have_text(next(iter(ranks)))
    page.get_by_role("button", name="Cast my ballot").click()
    expect(page.locator(".message-success")).to_contain_text("Your ballot is cast")


@pytest.mark.django_db(transaction=True)
def test_a_ranked_vote_from_proposals_to_the_adopted_next_text(
    new_page, live_server, axe, screenshot
):
    world = make_circle()
    current = world.group.adoptions.get().text.title
    library_text("Middlemarch")
    library_text("Walden")
    next_url = reverse("groups:next_text", kwargs={"slug": world.group.slug})

    # Mo proposes a library text and a book to import later; Ola proposes another.
    mo = as_user(new_page, live_server, world.member, PHONE)  # Mo is on a phone throughout
    mo.goto(world.group.get_absolute_url())
    mo.get_by_role("navigation", name="Group").get_by_role("link", name="Next text").click()
    mo.get_by_label("A text from the library").select_option(label="Middlemarch — The Collective")
    mo.get_by_role("button", name="Propose").click()
    expect(mo.locator(".message-success")).to_contain_text("You proposed “Middlemarch”")
    mo.get_by_label("Or a title to import later").fill("Silent Spring")
    mo.get_by_label("Link (optional)").fill("example.org/silent-spring")
    mo.get_by_role("button", name="Propose").click()
    expect(mo.locator("#proposals")).to_contain_text("to be imported later")
    ola = as_user(new_page, live_server, world.other)
    ola.goto(next_url)
    ola.get_by_label("A text from the library").select_option(label="Walden — The Collective")
    ola.get_by_role("button", name="Propose").click()
    expect(ola.locator("#proposals li")).to_have_count(3)
    mo.reload()
    screenshot(mo, "vote-proposals-phone")

    # Fran opens the vote, closing in three days.
    fran = as_user(new_page, live_server, world.facilitator)
    fran.goto(next_url)
    closes = timezone.now().astimezone(world.group.tz) + timedelta(days=3)
    fran.get_by_label("Voting closes on").fill(closes.date().isoformat())
    fran.get_by_role("button", name="Open the vote").click()
    expect(fran.locator(".message-success")).to_contain_text("The vote is open")
    vote_url = Vote.objects.get().get_absolute_url()

    # Ola hears of it and follows the notification to the ballot.
    ola.goto(reverse("notifications:list"))
    ola.get_by_role("link", name="Fran opened a vote on the next text").click()
    expect(ola.get_by_role("heading", level=1)).to_have_text("Vote on the next text")

    # Three ballots: one first preference each, a three-way tie in round 1.
    rank(ola, {"Silent Spring": "1", "Walden": "2", "Middlemarch": "3"})
    mo.goto(vote_url)
    screenshot(mo, "vote-ballot-phone")
    rank(mo, {"Walden": "1", "Middlemarch": "2"})
    fran.goto(vote_url)
    rank(fran, {"Middlemarch": "1"})
    expect(fran.get_by_text("Fran, Mo, Ola")).to_be_visible()  # who voted, never how
    expect(fran.locator(".round-table")).to_have_count(0)  # no tallies while open

    failures: list[str] = []
    check_axe(new_page, live_server, axe, world.member, next_url, failures)
    check_axe(new_page, live_server, axe, world.facilitator, next_url, failures)
    check_axe(new_page, live_server, axe, world.admin, vote_url, failures)  # watches, no ballot

    # Fran closes it early: the rounds show the tie, the elimination and why.
    fran.get_by_role("button", name="Close the vote now").click()
    expect(fran.locator(".message-success")).to_contain_text("The vote is closed")
    first = fran.locator("#round-1")
    expect(first).to_contain_text("Silent Spring (eliminated)")
    expect(fran.locator(".round-explanation").first).to_contain_text(
        "tied for the fewest votes in this round and every earlier one"
    )
    expect(fran.locator(".round-explanation").first).to_contain_text(
        "“Silent Spring” is ranked on the fewest ballots, so it is eliminated."
    )
    expect(fran.locator("#round-2")).to_contain_text("Walden")
    expect(fran.locator(".result-winner")).to_contain_text("The group chose Walden")
    screenshot(fran, "vote-result")
    check_axe(new_page, live_server, axe, world.facilitator, vote_url, failures)
    check_axe(new_page, live_server, axe, world.member, vote_url, failures)

    # Mo hears the result.
    mo.goto(reverse("notifications:list"))
    expect(mo.get_by_text("“Walden” won, after 2 rounds.")).to_be_visible()

    # One click: Walden goes on the schedule after the current text.
    fran.get_by_role("button", name="Adopt “Walden”: it starts when the current text ends").click()
    expect(fran.locator(".message-success")).to_contain_text("The group reads “Walden” next")
    expect(fran.get_by_role("heading", name=f"1. {current}")).to_be_visible()
    expect(fran.get_by_role("heading", name="2. Walden")).to_be_visible()
    screenshot(fran, "vote-adopted-schedule")
    assert not failures, "\n\n".join(failures)
