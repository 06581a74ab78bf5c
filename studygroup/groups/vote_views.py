"""Choosing the next text together: the proposals page and each vote's page.

Every view asks policy.py (through `require`) first; the rules of voting live in votes.py.
"""

from __future__ import annotations

from datetime import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST
from django.views.decorators.vary import vary_on_headers
from django_htmx.http import HttpResponseClientRedirect
from django_htmx.middleware import HtmxDetails

from studygroup import policy
from studygroup.groups import votes
from studygroup.groups.forms import ImportedForm, OpenVoteForm, ProposalForm
from studygroup.groups.models import Proposal, ReadingGroup, Vote
from studygroup.params import bounded_int
from studygroup.policy import Action, require
from studygroup.ratelimit import limit_writes

PAST_VOTES = 10


class HtmxHttpRequest(HttpRequest):
    htmx: HtmxDetails


def _next_url(group: ReadingGroup) -> str:
    return reverse("groups:next_text", kwargs={"slug": group.slug})


def _next_context(request: HttpRequest, group: ReadingGroup, **forms) -> dict:
    viewer = policy.viewer(request.user, group)
    now = timezone.now()
    current = votes.current_vote(group)
    past = list(group.votes.filter(closed_at__isnull=False)[:PAST_VOTES])
    return {
        "group": group,
        "viewer": viewer,
        "may_vote": policy.may_vote(viewer),
        "proposals": list(votes.waiting_proposals(group)),
        "current": current,
        "current_open": current is not None and current.is_open(now),
        "past": past,
        "proposal_form": forms.get("proposal_form")
        or ProposalForm(texts=votes.proposable_texts(group)),
        "open_form": forms.get("open_form") or OpenVoteForm(),
        "max_candidates": votes.MAX_CANDIDATES,
    }


@require_GET
@require(Action.VIEW)
def next_text(request: HttpRequest, group: ReadingGroup) -> HttpResponse:
    """What the group reads next: proposals waiting for a vote, the vote, earlier votes."""
    return render(request, "groups/next_text.html", _next_context(request, group))


@require_POST
@require(Action.PARTICIPATE)
@limit_writes("votes")
def propose(request: HttpRequest, group: ReadingGroup) -> HttpResponse:
    texts = votes.proposable_texts(group)
    form = ProposalForm(request.POST, texts=texts)
    if form.is_valid():
        data = form.cleaned_data
        try:
            proposal = votes.propose(
                group=group,
                by=request.user,
                text=data["text"],
                title=data["title"],
                link=data["link"],
            )
        except votes.VoteError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                _("You proposed “%(title)s” for the next vote.") % {"title": proposal.title},
            )
            return redirect(_next_url(group) + "#proposals")
    context = _next_context(request, group, proposal_form=form)
    return render(request, "groups/next_text.html", context, status=400)


@require_POST
@require(Action.PARTICIPATE)
@limit_writes("votes")
def withdraw(request: HttpRequest, group: ReadingGroup, pk: int) -> HttpResponse:
    proposal = get_object_or_404(Proposal, group=group, pk=pk)
    viewer = policy.viewer(request.user, group)
    if not (viewer.can_manage or proposal.proposed_by_id == request.user.pk):
        raise PermissionDenied
    try:
        votes.withdraw(proposal=proposal)
    except votes.VoteError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("“%(title)s” was withdrawn.") % {"title": proposal.title})
    return redirect(_next_url(group) + "#proposals")


@require_POST
@require(Action.MANAGE)
@limit_writes("votes")
def open_vote(request: HttpRequest, group: ReadingGroup) -> HttpResponse:
    form = OpenVoteForm(request.POST)
    if form.is_valid():
        closes_at = datetime.combine(
            form.cleaned_data["closes_on"], form.cleaned_data["closes_at"], tzinfo=group.tz
        )
        try:
            vote = votes.open_vote(group=group, by=request.user, closes_at=closes_at)
        except votes.VoteError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The vote is open. The members have been told."))
            return redirect(vote)
    context = _next_context(request, group, open_form=form)
    return render(request, "groups/next_text.html", context, status=400)


# --- One vote -------------------------------------------------------------------------


def _vote(group: ReadingGroup, pk: int) -> Vote:
    return get_object_or_404(Vote, group=group, pk=pk)


def _ranks(request: HttpRequest, candidates: list[Proposal]) -> tuple[dict[int, int | None], bool]:
    """{proposal id: rank or None} from the form's selects, and whether any value was bad."""
    ranks: dict[int, int | None] = {}
    bad = False
    for candidate in candidates:
        raw = request.POST.get(f"rank-{candidate.pk}", "")
        if raw == "":
            ranks[candidate.pk] = None
            continue
        rank = bounded_int(raw, minimum=1, maximum=len(candidates))
        bad = bad or rank is None
        ranks[candidate.pk] = rank
    return ranks, bad


def _vote_context(request: HttpRequest, group: ReadingGroup, vote: Vote, **extra) -> dict:
    viewer = policy.viewer(request.user, group)
    candidates = list(vote.candidates.select_related("text", "proposed_by"))
    voters = list(vote.voters.select_related("user").order_by("user__display_name", "user_id"))
    is_open = vote.is_open()
    context = {
        "group": group,
        "viewer": viewer,
        "vote": vote,
        "is_open": is_open,
        "candidates": candidates,
        "voters": voters,
        "has_voted": any(v.user_id == request.user.pk for v in voters),
        "may_vote": policy.may_vote(viewer),
        "rank_choices": range(1, len(candidates) + 1),
        "ranks": {},
        **extra,
    }
    if not is_open:
        # Tallies only once the vote is over: live ones beside the list of voters would
        # tell everyone how each newcomer voted.
        result = votes.tally(vote, candidates)
        titles = {c.pk: c.title for c in candidates}
        by_pk = {c.pk: c for c in candidates}
        context.update(
            result=result,
            rounds=votes.round_views(result, titles),
            winner=by_pk.get(result.winner),
            lot=[titles[pk] for pk in result.lot],
        )
        won = context["winner"]
        if won is not None and won.text is None and viewer.can_manage:
            context["imported_form"] = ImportedForm(texts=votes.proposable_texts(group))
    return context


@require_GET
@require(Action.VIEW)
def vote_detail(request: HttpRequest, group: ReadingGroup, pk: int) -> HttpResponse:
    vote = _vote(group, pk)
    return render(request, "groups/vote.html", _vote_context(request, group, vote))


@vary_on_headers("HX-Request")
@require_POST
@require(Action.PARTICIPATE)
@limit_writes("votes")
def ballot(request: HtmxHttpRequest, group: ReadingGroup, pk: int) -> HttpResponse:
    """Rank, confirm, cast: a first post shows the ranking back to confirm, a second casts it."""
    vote = _vote(group, pk)
    candidates = list(vote.candidates.all())
    ranks, bad = _ranks(request, candidates)
    error = ""
    ranking: list[int] = []
    try:
        if not vote.is_open():
            raise votes.VoteError(_("This vote has closed."))
        if bad:
            raise votes.VoteError(_("Choose a rank from the list for each text, or leave it out."))
        ranking = votes.ranking_from_ranks(ranks, candidates)
    except votes.VoteError as problem:
        error = str(problem)
    if not error and request.POST.get("step") == "cast":
        try:
            votes.cast_ballot(vote=vote, user=request.user, ranking=ranking)
        except votes.VoteError as problem:
            error = str(problem)
        else:
            messages.success(request, _("Your ballot is cast. Thank you for voting."))
            if request.htmx:
                return HttpResponseClientRedirect(vote.get_absolute_url())
            return redirect(vote)
    confirm = not error and request.POST.get("step") != "change"
    by_pk = {c.pk: c for c in candidates}
    context = _vote_context(
        request,
        group,
        vote,
        ballot_error=error,
        confirm=confirm,
        ranked=[by_pk[p] for p in ranking] if confirm else [],
        ranks={k: v for k, v in ranks.items() if v is not None},
    )
    template = "groups/vote.html" + ("#ballot" if request.htmx else "")
    return render(request, template, context, status=400 if error else 200)


@require_POST
@require(Action.MANAGE)
@limit_writes("votes")
def close(request: HttpRequest, group: ReadingGroup, pk: int) -> HttpResponse:
    vote = _vote(group, pk)
    if votes.close_vote(vote=vote, by=request.user):
        messages.success(request, _("The vote is closed. The members have been told the result."))
    else:
        messages.error(request, _("This vote was closed already."))
    return redirect(vote)


@require_POST
@require(Action.MANAGE)
@limit_writes("votes")
def adopt(request: HttpRequest, group: ReadingGroup, pk: int) -> HttpResponse:
    vote = _vote(group, pk)
    form = ImportedForm(request.POST, texts=votes.proposable_texts(group))
    imported = form.cleaned_data["text"] if form.is_valid() else None
    try:
        adoption = votes.adopt_winner(vote=vote, imported=imported)
    except votes.VoteError as error:
        messages.error(request, str(error))
        return redirect(vote)
    messages.success(
        request,
        _("The group reads “%(title)s” next, from %(date)s.")
        % {"title": adoption.text.title, "date": date_format(adoption.start_date, "j F Y")},
    )
    return redirect("groups:schedule", slug=group.slug)
