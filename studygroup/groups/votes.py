"""Choosing the next text together: proposals, a ranked vote, its count, and adopting the winner.

Writes are keyword-only and atomic; permission checks happen in the views (policy.py).

Ballots are secret. A `VoteCast` row says who voted (everyone may see it); the `Ballot` row
says how, and names nobody: a random UUID key, no timestamp, and when the vote closes its
ballots are written again in key order, so not even the order rows were stored in links a
ballot to a voter. A ballot cannot be changed: the voter confirms it before it is cast (to
change it later we would have to know which ballot is theirs). Tallies appear only once the
vote has closed: live tallies beside a live list of voters would show each ballot as it came.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_tasks import task

from studygroup import policy
from studygroup.accounts.models import User
from studygroup.cache import bump_rows_on_commit
from studygroup.groups import ranked_choice, services, signals
from studygroup.groups.models import (
    Adoption,
    Ballot,
    Membership,
    Proposal,
    ReadingGroup,
    Vote,
    VoteCast,
)
from studygroup.groups.ranked_choice import Why
from studygroup.library.models import Text

MAX_CANDIDATES = 12  # a ballot of rank selects stays readable on a phone
MAX_VOTE_DAYS = 60
MIN_CANDIDATES = 2


class VoteError(ValueError):
    """A vote rule was broken; the message is shown to the user."""


# --- Proposals ------------------------------------------------------------------------


def waiting_proposals(group: ReadingGroup):
    """Proposals no vote has taken yet: the next vote's candidates."""
    return group.proposals.filter(vote__isnull=True).select_related("proposed_by", "text")


def proposable_texts(group: ReadingGroup):
    """Texts members may propose: those the group may read, minus those it reads already
    and those proposed already."""
    adopted = Adoption.objects.filter(group=group).values("text_id")
    waiting = Proposal.objects.filter(group=group, vote__isnull=True, text__isnull=False)
    return (
        policy.texts_group_may_adopt(group)
        .exclude(pk__in=adopted)
        .exclude(pk__in=waiting.values("text_id"))
        .order_by("title")
    )


@transaction.atomic
def propose(
    *, group: ReadingGroup, by: User, text: Text | None = None, title: str = "", link: str = ""
) -> Proposal:
    """Propose a library text, or a title (with an optional link) to be imported later."""
    ReadingGroup.objects.select_for_update().filter(pk=group.pk).first()
    if waiting_proposals(group).count() >= MAX_CANDIDATES:
        raise VoteError(
            _("There are already %(n)d proposals for the next vote, which is the most it takes.")
            % {"n": MAX_CANDIDATES}
        )
    if text is not None:
        if waiting_proposals(group).filter(text=text).exists():
            raise VoteError(_("“%(title)s” is proposed already.") % {"title": text.title})
        if not proposable_texts(group).filter(pk=text.pk).exists():
            raise VoteError(_("This group cannot propose “%(title)s”.") % {"title": text.title})
        return Proposal.objects.create(group=group, text=text, title=text.title, proposed_by=by)
    title = title.strip()
    if not title:
        raise VoteError(_("Choose a text from the library, or give a title."))
    return Proposal.objects.create(group=group, title=title, link=link.strip(), proposed_by=by)


@transaction.atomic
def withdraw(*, proposal: Proposal) -> None:
    """Withdraw a proposal that waits for a vote; once in a vote, it stays on the ballot."""
    if proposal.vote_id is not None:
        raise VoteError(_("This proposal is on a ballot already: it stays until the vote ends."))
    proposal.delete()


# --- Opening, voting, closing ---------------------------------------------------------


def current_vote(group: ReadingGroup) -> Vote | None:
    """The group's vote that is not closed yet (it may be past its closing time)."""
    return group.votes.filter(closed_at__isnull=True).first()


@transaction.atomic
def open_vote(*, group: ReadingGroup, by: User, closes_at: datetime) -> Vote:
    """Put every waiting proposal on a ballot, until `closes_at`; tell the members."""
    ReadingGroup.objects.select_for_update().filter(pk=group.pk).first()
    now = timezone.now()
    for due in group.votes.filter(closed_at__isnull=True, closes_at__lte=now):
        close_vote(vote=due, now=now)
    if current_vote(group) is not None:
        raise VoteError(_("A vote is open already. Close it before opening another."))
    if closes_at <= now + timedelta(minutes=5):
        raise VoteError(_("Choose a closing time at least a few minutes from now."))
    if closes_at > now + timedelta(days=MAX_VOTE_DAYS):
        raise VoteError(
            _("A vote runs for at most %(days)d days: choose an earlier closing date.")
            % {"days": MAX_VOTE_DAYS}
        )
    candidates = list(waiting_proposals(group).values_list("pk", flat=True))
    if len(candidates) < MIN_CANDIDATES:
        raise VoteError(_("A vote needs at least two proposals. Ask the members to propose texts."))
    lot = random.SystemRandom().sample(candidates, len(candidates))
    vote = Vote.objects.create(group=group, opened_by=by, closes_at=closes_at, lot=lot)
    Proposal.objects.filter(pk__in=candidates).update(vote=vote)
    bump_rows_on_commit(Proposal, candidates)
    signals.vote_opened.send(sender=Vote, vote=vote)
    # The result is announced when the vote closes, by the task queue (or earlier, by hand).
    # A queue that cannot wait (TASKS_BACKEND=immediate, on a laptop) leaves it to the
    # facilitator's "Close now" or the next vote's opening; the page shows the result anyway.
    if close_when_due.get_backend().supports_defer:
        close_when_due.using(run_after=closes_at).enqueue(vote_id=vote.pk)
    return vote


def ranking_from_ranks(ranks: dict[int, int | None], candidates: list[Proposal]) -> list[int]:
    """Proposal ids in rank order from {proposal id: rank or None}; VoteError when unusable."""
    titles = {c.pk: c.title for c in candidates}
    given = {pk: rank for pk, rank in ranks.items() if rank is not None and pk in titles}
    if not given:
        raise VoteError(_("Rank at least one text: give your favourite rank 1."))
    by_rank: dict[int, list[int]] = {}
    for pk, rank in given.items():
        by_rank.setdefault(rank, []).append(pk)
    for rank, pks in sorted(by_rank.items()):
        if len(pks) > 1:
            names = ", ".join(f"“{titles[pk]}”" for pk in sorted(pks, key=lambda p: titles[p]))
            raise VoteError(
                _("You gave rank %(rank)d to %(names)s. Give each rank to one text only.")
                % {"rank": rank, "names": names}
            )
    return [pk for _rank, pk in sorted((rank, pk) for pk, rank in given.items())]


@transaction.atomic
def cast_ballot(*, vote: Vote, user: User, ranking: list[int]) -> None:
    """Record that `user` voted and, unlinked, how. Once only; members only; while open."""
    vote = Vote.objects.select_for_update().get(pk=vote.pk)
    if not vote.is_open():
        raise VoteError(_("This vote has closed."))
    if not Membership.objects.filter(group_id=vote.group_id, user=user).exists():
        raise VoteError(_("Only the group's members vote."))
    candidates = set(vote.candidates.values_list("pk", flat=True))
    if not ranking or len(set(ranking)) != len(ranking) or not set(ranking) <= candidates:
        raise VoteError(_("This ballot does not match the candidates. Please rank them again."))
    try:
        with transaction.atomic():
            VoteCast.objects.create(vote=vote, user=user)
    except IntegrityError as error:
        raise VoteError(_("You have voted already: a ballot cannot be changed.")) from error
    Ballot.objects.create(vote=vote, ranking=list(ranking))


@transaction.atomic
def close_vote(*, vote: Vote, by: User | None = None, now: datetime | None = None) -> bool:
    """Close the vote (early, when `by` a facilitator; else once due) and announce the result.

    False when it was closed already (or, without `by`, is not due): nothing happens twice.
    """
    now = now or timezone.now()
    vote = Vote.objects.select_for_update().select_related("group").get(pk=vote.pk)
    if vote.closed_at is not None or (by is None and now < vote.closes_at):
        return False
    vote.closed_at = min(now, vote.closes_at)
    vote.closed_by = by
    vote.save(update_fields=["closed_at", "closed_by"])
    # Written again in id order: the table's own order no longer follows the voters'.
    ballots = list(Ballot.objects.filter(vote=vote).order_by("id"))
    Ballot.objects.filter(vote=vote).delete()
    Ballot.objects.bulk_create(ballots)
    bump_rows_on_commit(Ballot, ballots)
    signals.vote_closed.send(sender=Vote, vote=vote, outcome=outcome(vote, tally(vote)))
    return True


@task()
def close_when_due(*, vote_id: int) -> bool:
    """Run by the task queue at the vote's closing time: close it and announce the result."""
    vote = Vote.objects.filter(pk=vote_id).first()
    return vote is not None and close_vote(vote=vote)


# --- The count, and adopting the winner -----------------------------------------------


def tally(vote: Vote, candidates: list[Proposal] | None = None) -> ranked_choice.Result:
    """The instant-runoff count of the vote's ballots (whatever its state: callers decide
    whether it may be shown)."""
    if candidates is None:
        candidates = list(vote.candidates.all())
    ballots = list(vote.ballots.order_by().values_list("ranking", flat=True))
    return ranked_choice.count([c.pk for c in candidates], ballots, lot=vote.lot)


def winner(vote: Vote, result: ranked_choice.Result) -> Proposal | None:
    if result.winner is None:
        return None
    return vote.candidates.select_related("text").filter(pk=result.winner).first()


def outcome(vote: Vote, result: ranked_choice.Result) -> str:
    """One sentence for notifications: who won, or why nobody did."""
    won = winner(vote, result)
    if won is None:
        return _("Nobody voted, so there is no winner.")
    return _("“%(title)s” won, after %(rounds)s.") % {
        "title": won.title,
        "rounds": ngettext("%(n)d round", "%(n)d rounds", len(result.rounds))
        % {"n": len(result.rounds)},
    }


@transaction.atomic
def adopt_winner(*, vote: Vote, imported: Text | None = None) -> Adoption:
    """The group reads the winning text next: it starts the week after the current one ends.

    A winning title that was to be imported later is adopted once it is: `imported` names
    the library text it became (and the proposal points at it from then on).
    """
    vote = Vote.objects.select_for_update().select_related("group").get(pk=vote.pk)
    if vote.is_open():
        raise VoteError(_("The vote is still open. Close it first."))
    if vote.adoption_id is not None:
        raise VoteError(_("The winner is adopted already."))
    won = winner(vote, tally(vote))
    if won is None:
        raise VoteError(_("This vote has no winner to adopt."))
    if won.text is None and imported is not None:
        won.text = imported
        won.save(update_fields=["text"])
    if won.text is None:
        raise VoteError(
            _(
                "“%(title)s” is not in the library yet, so it cannot be adopted. Once the text "
                "is imported, choose it here."
            )
            % {"title": won.title}
        )
    if not policy.texts_group_may_adopt(vote.group).filter(pk=won.text_id).exists():
        raise VoteError(_("This group may not read “%(title)s”.") % {"title": won.text.title})
    try:
        adoption = services.adopt_text(group=vote.group, text=won.text)
    except services.GroupError as error:
        raise VoteError(str(error)) from error
    vote.adoption = adoption
    vote.save(update_fields=["adoption"])
    return adoption


# --- Explaining the rounds ------------------------------------------------------------


@dataclass(frozen=True)
class RoundView:
    number: int
    rows: list[tuple[str, int, bool]]  # title, votes, eliminated in this round
    counting: int
    exhausted: int
    needed: int
    explanation: str


def _names(pks, titles: dict[int, str]) -> str:
    return ", ".join(f"“{titles[pk]}”" for pk in pks)


def explain(round_: ranked_choice.Round, titles: dict[int, str]) -> str:
    """Why this round ended as it did, in one or two sentences for the results page."""
    gone = _names(round_.eliminated, titles)
    tied = _names(round_.tied, titles)
    why = round_.why
    if why is Why.MAJORITY:
        return _("“%(title)s” has %(votes)d of %(counting)d votes, a majority: it wins.") % {
            "title": titles[round_.winner],
            "votes": dict(round_.tallies)[round_.winner],
            "counting": round_.counting,
        }
    if why is Why.LAST_STANDING:
        return _("“%(title)s” is the only candidate left: it wins.") % {
            "title": titles[round_.winner]
        }
    if why is Why.NO_VOTES:
        return _("No majority. %(names)s had no votes and are eliminated together.") % {
            "names": gone
        }
    if why is Why.FEWEST:
        return _("No majority. %(names)s had the fewest votes and is eliminated.") % {"names": gone}
    if why is Why.EARLIER_ROUND:
        return _(
            "No majority. %(tied)s tied for the fewest votes; %(names)s had fewer in round "
            "%(round)d, so it is eliminated."
        ) % {"tied": tied, "names": gone, "round": round_.earlier_round}
    rankings = ", ".join(
        ngettext("“%(title)s” on %(n)d ballot", "“%(title)s” on %(n)d ballots", n)
        % {"title": titles[pk], "n": n}
        for pk, n in round_.rankings
    )
    if why is Why.FEWER_RANKINGS:
        return _(
            "No majority. %(tied)s tied for the fewest votes in this round and every earlier "
            "one. Ranked at any place: %(rankings)s. %(names)s is ranked on the fewest ballots, "
            "so it is eliminated."
        ) % {"tied": tied, "rankings": rankings, "names": gone}
    return _(
        "No majority. %(tied)s tied for the fewest votes in every round and are ranked on as "
        "many ballots (%(rankings)s). The lot drawn when the vote opened decides: %(names)s "
        "comes last in it, so it is eliminated."
    ) % {"tied": tied, "rankings": rankings, "names": gone}


def round_views(result: ranked_choice.Result, titles: dict[int, str]) -> list[RoundView]:
    return [
        RoundView(
            number=r.number,
            # Most votes first; among equals, the one eliminated last, then by title.
            rows=sorted(
                ((titles[pk], votes, pk in r.eliminated) for pk, votes in r.tallies),
                key=lambda row: (-row[1], row[2], row[0].casefold()),
            ),
            counting=r.counting,
            exhausted=r.exhausted,
            needed=r.needed,
            explanation=explain(r, titles),
        )
        for r in result.rounds
    ]
