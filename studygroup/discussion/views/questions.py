"""Questions on the reading page: members propose, facilitators approve, order, tag, mark."""

from __future__ import annotations

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from django.views.decorators.vary import vary_on_headers

from studygroup import policy
from studygroup.discussion import services
from studygroup.discussion.comment_forms import QuestionForm, TagsForm
from studygroup.discussion.views.contexts import questions_context
from studygroup.discussion.views.loading import TEMPLATE, load_reading, page_url
from studygroup.groups.models import ReadingGroup
from studygroup.library.models import Question, Reading
from studygroup.library.readings import curated_homes
from studygroup.policy import Action, require
from studygroup.ratelimit import limit_writes


def group_week_of(group: ReadingGroup, question: Question) -> Reading:
    """The group's week that shows `question`: its own reading, or for a curated question
    the group week its curated week lands in (`readings.curated_homes`)."""
    if question.reading.adoption_id is not None:
        return question.reading
    weeks = list(
        Reading.objects.published()
        .filter(adoption__group=group, text_id=question.reading.text_id)
        .select_related("text")
    )
    home = curated_homes(weeks).get(question.reading_id)
    if home is None:
        raise Http404(_("No such question."))
    return home


def _questions_response(
    request: HttpRequest, group: ReadingGroup, reading: Reading, anchor: str = "questions"
) -> HttpResponse:
    if not request.htmx:
        return redirect(f"{page_url(group, reading)}#{anchor}")
    viewer = policy.viewer(request.user, group)
    context = questions_context(request, group=group, reading=reading, viewer=viewer)
    return render(request, f"{TEMPLATE}#questions", context)


@require_POST
@vary_on_headers("HX-Request")
@require(Action.PARTICIPATE)
@limit_writes("discussion")
def propose(request: HttpRequest, group: ReadingGroup, reading: int) -> HttpResponse:
    """A member proposes a question; a facilitator's own goes straight on the list."""
    reading_obj = load_reading(group, reading, policy.viewer(request.user, group))
    viewer = policy.viewer(request.user, group)
    form = QuestionForm(request.POST)
    if form.is_valid():
        try:
            services.propose_question(
                group=group,
                reading=reading_obj,
                body=form.cleaned_data["body"],
                by=request.user,
                approved=viewer.can_manage,
            )
        except services.DiscussionError as error:
            form.add_error("body", error)
        else:
            return _questions_response(request, group, reading_obj)
    context = questions_context(request, group=group, reading=reading_obj, viewer=viewer)
    context["question_form"] = form
    if request.htmx:
        return render(request, f"{TEMPLATE}#questions", context)
    return render(request, "discussion/question_form.html", context)


QUESTION_ACTIONS = {"approve", "decline", "up", "down", "discussed", "tags"}
QUESTION_EDITS = {"approve", "decline", "tags"}  # change the question itself


@require_POST
@vary_on_headers("HX-Request")
@require(Action.MANAGE)
@limit_writes("discussion")
def question_action(
    request: HttpRequest, group: ReadingGroup, pk: int, action: str
) -> HttpResponse:
    if action not in QUESTION_ACTIONS:
        raise Http404("No such action.")
    question = get_object_or_404(
        Question.objects.select_related("reading__text").filter(
            reading__text__adoptions__group=group
        ),
        pk=pk,
    )
    if question.group_id not in (None, group.pk):
        raise Http404(_("No such question."))
    viewer = policy.viewer(request.user, group)
    # Ordering and "discussed" marks are the group's own; the question itself may be shared.
    if action in QUESTION_EDITS and not policy.can_edit_question(
        request.user, question, group=group, viewer=viewer
    ):
        raise PermissionDenied(_("Curated questions are changed by the library's curators."))
    try:
        if action in {"approve", "decline"}:
            services.decide_question(question=question, approve=action == "approve")
        elif action in {"up", "down"}:
            services.move_question(
                group=group,
                question=question,
                offset=-1 if action == "up" else 1,
                week=group_week_of(group, question),
            )
        elif action == "discussed":
            services.toggle_discussed(group=group, question=question, by=request.user)
        else:
            form = TagsForm(request.POST)
            if form.is_valid():
                services.set_question_tags(question=question, tags=form.cleaned_data["tags"])
    except services.DiscussionError as error:
        return HttpResponse(error.message, status=400, content_type="text/plain; charset=utf-8")
    return _questions_response(
        request, group, group_week_of(group, question), anchor=f"q-{question.pk}"
    )


def _load_question(request: HttpRequest, group: ReadingGroup, pk: int) -> Question:
    """A question of a week the group reads, as far as this viewer may see it (else 404)."""
    question = get_object_or_404(
        Question.objects.select_related("reading__text").filter(
            reading__text__adoptions__group=group
        ),
        pk=pk,
    )
    viewer = policy.viewer(request.user, group)
    policy.readable_week(viewer, group, question.reading)
    if not policy.can_see_question(request.user, question, group=group, viewer=viewer):
        raise Http404(_("No such question."))
    return question


@require_http_methods(["GET", "POST"])
@vary_on_headers("HX-Request")
@require(Action.VIEW)
@limit_writes("discussion")
def question_edit(request: HttpRequest, group: ReadingGroup, pk: int) -> HttpResponse:
    """Reword a question: a page of its own (the reading page links to it)."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    question = _load_question(request, group, pk)
    viewer = policy.viewer(request.user, group)
    if not policy.can_reword_question(request.user, question, group=group, viewer=viewer):
        raise PermissionDenied(_("You may not change this question."))
    form = QuestionForm(request.POST or None, initial={"body": question.body})
    if request.method == "POST" and form.is_valid():
        try:
            services.edit_question(
                group=group, question=question, body=form.cleaned_data["body"], actor=request.user
            )
        except services.DiscussionError as error:
            form.add_error("body", error)
        else:
            return _questions_response(request, group, question.reading, anchor=f"q-{pk}")
    context = {
        "group": group,
        "reading": question.reading,
        "question": question,
        "question_form": form,
        "page_url": page_url(group, question.reading),
    }
    return render(
        request, "discussion/question_edit.html", context, status=400 if form.errors else 200
    )


@require_http_methods(["GET", "POST"])
@vary_on_headers("HX-Request")
@require(Action.VIEW)
@limit_writes("discussion")
def question_delete(request: HttpRequest, group: ReadingGroup, pk: int) -> HttpResponse:
    """Delete a question, or withdraw one's own proposal; its comments stay, unfiled.

    GET asks for confirmation (without JavaScript); the reading page's button posts directly.
    """
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    question = _load_question(request, group, pk)
    viewer = policy.viewer(request.user, group)
    if not policy.can_delete_question(request.user, question, group=group, viewer=viewer):
        raise PermissionDenied(_("You may not delete this question."))
    if request.method == "POST":
        try:
            services.delete_question(group=group, question=question, actor=request.user)
        except services.DiscussionError as error:
            return HttpResponse(error.message, status=400, content_type="text/plain; charset=utf-8")
        return _questions_response(request, group, question.reading)
    context = {
        "group": group,
        "reading": question.reading,
        "question": question,
        "comments": question.comments.filter(group=group).count(),
        "page_url": page_url(group, question.reading),
    }
    return render(request, "discussion/question_delete.html", context)
