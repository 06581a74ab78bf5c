"""The template contexts of the discussion column, the comment forms and the week's questions."""

from __future__ import annotations

import uuid

from django.db.models import Exists, OuterRef
from django.http import Http404, HttpRequest
from django.urls import reverse

from studygroup import policy
from studygroup.discussion import markup, services
from studygroup.discussion.comment_forms import CommentForm, QuestionForm
from studygroup.discussion.models import Comment, ParagraphFlag, QuestionDiscussed
from studygroup.discussion.views.loading import page_url, upto_param
from studygroup.discussion.views.thread_html import render_thread
from studygroup.groups import spoilers
from studygroup.groups.models import ReadingGroup
from studygroup.library.models import Paragraph, Question, Reading
from studygroup.params import bounded_int


def new_client_token() -> str:
    """A form's one-time token: a second submission of it posts nothing new."""
    return uuid.uuid4().hex


def new_form(**initial) -> CommentForm:
    return CommentForm(initial={"client_token": new_client_token(), **initial})


def discussion_context(
    request: HttpRequest,
    *,
    group: ReadingGroup,
    reading: Reading,
    viewer: policy.Viewer,
    form: CommentForm | None = None,
    focus: int | None = None,
    open_questions: list[Question] | None = None,
    paragraph_id: int | None = None,
    version: str | None = None,
    closed: bool | None = None,
    client_token: str | None = None,
) -> dict:
    """`client_token`: the compose form's, when not a fresh one (a kept frame's slot)."""
    paragraph = None
    if paragraph_id is None:
        paragraph_id = bounded_int(request.GET.get("paragraph"), minimum=1)
    flags = {"count": 0, "mine": False}
    if paragraph_id is not None:
        paragraph = Paragraph.objects.filter(pk=paragraph_id).only("id", "text").first()
        if paragraph is None or not services.paragraph_in_reading(reading, paragraph.pk):
            raise Http404("That paragraph is not in this week's text.")
        marks = list(
            ParagraphFlag.objects.filter(group=group, paragraph=paragraph).values_list(
                "user_id", flat=True
            )
        )
        flags = {"count": len(marks), "mine": request.user.pk in marks}
    question_id = bounded_int(request.GET.get("question"), minimum=1)
    if form is None:
        form = new_form(paragraph=paragraph_id, question=question_id, **{"in": paragraph_id})
        if client_token is not None:
            form.initial["client_token"] = client_token
    thread = render_thread(
        request,
        group=group,
        reading=reading,
        viewer=viewer,
        upto=upto_param(request),
        paragraph_id=paragraph_id,
        focus=focus,
        version=version,
        closed=closed,
    )
    return {
        "group": group,
        "reading": reading,
        "viewer": viewer,
        "can_post": viewer.is_member,
        "paragraph": paragraph,
        "flags": flags,
        "form": form,
        "form_id": "compose",
        "thread_html": thread.html,
        "page_url": page_url(group, reading),
        "post_url": reverse("discussion:post", kwargs={"slug": group.slug, "reading": reading.pk}),
        "questions_for_form": (
            (open_questions if open_questions is not None else approved_questions(group, reading))
            if viewer.is_member
            else []
        ),
    }


def approved_questions(group: ReadingGroup, reading: Reading) -> list[Question]:
    return list(
        services.group_questions(group=group, reading=reading).filter(
            status=Question.Status.APPROVED
        )
    )


QUESTION_ACTIONS = ("up", "down", "discussed", "tags", "approve", "decline")


def questions_context(
    request: HttpRequest, *, group: ReadingGroup, reading: Reading, viewer: policy.Viewer
) -> dict:
    """The week's questions with their "discussed" marks (one query, tags one more).

    A facilitator's action URLs are built from one reversed pattern, not a `{% url %}` per
    button and question.
    """
    discussed = QuestionDiscussed.objects.filter(group=group, question=OuterRef("pk"))
    questions = list(
        services.group_questions(group=group, reading=reading)
        .annotate(is_discussed=Exists(discussed))
        .prefetch_related("tags")
    )
    question_urls = {
        name: reverse(
            f"discussion:question_{name}", kwargs={"slug": group.slug, "pk": markup.SENTINEL}
        )
        for name in ("edit", "delete")
    }
    for q in questions:
        q.can_reword = policy.can_reword_question(request.user, q, group=group, viewer=viewer)
        q.can_delete = policy.can_delete_question(request.user, q, group=group, viewer=viewer)
        q.edit_url = question_urls["edit"].replace(str(markup.SENTINEL), str(q.pk))
        q.delete_url = question_urls["delete"].replace(str(markup.SENTINEL), str(q.pk))
    if viewer.can_manage:
        pattern = reverse(
            "discussion:question_action",
            kwargs={"slug": group.slug, "pk": markup.SENTINEL, "action": "ACTION"},
        )
        sentinel = str(markup.SENTINEL)
        for q in questions:
            base = pattern.replace(sentinel, str(q.pk))
            q.action_urls = {a: base.replace("ACTION", a) for a in QUESTION_ACTIONS}
            q.can_edit = policy.can_edit_question(request.user, q, group=group, viewer=viewer)
    approved = [q for q in questions if q.status == Question.Status.APPROVED]
    proposed = [
        q
        for q in questions
        if q.status == Question.Status.PROPOSED
        and policy.can_see_question(request.user, q, group=group, viewer=viewer)
    ]
    return {
        "group": group,
        "reading": reading,
        "viewer": viewer,
        "questions": approved,
        "proposed": proposed,
        "question_form": QuestionForm(),
        "page_url": page_url(group, reading),
        "propose_url": reverse(
            "discussion:propose", kwargs={"slug": group.slug, "reading": reading.pk}
        ),
    }


def form_context(
    group: ReadingGroup,
    reading: Reading,
    viewer: policy.Viewer,
    form: CommentForm,
    form_id: str,
    *,
    parent: Comment | None = None,
    user=None,
) -> dict:
    """The comment form's context; a reply's parent is quoted and named only as far as the
    user may read it (`policy.can_read_comment_text`, `policy.can_see_comment_author`)."""
    parent_html = parent_author = None
    if parent is not None:
        if (
            user is not None
            and policy.can_read_comment_text(user, parent, viewer=viewer)
            # No spoilers: a week the user has not reached is not quoted either.
            and spoilers.closed_week(user, group, reading, viewer=viewer) is None
        ):
            parent_html = parent.html
        if parent.author is not None and policy.can_see_comment_author(parent):
            parent_author = parent.author.name
    return {
        "parent_html": parent_html,
        "parent_author": parent_author,
        "group": group,
        "reading": reading,
        "viewer": viewer,
        "can_post": viewer.is_member,
        "form": form,
        "form_id": form_id,
        "parent": parent,
        "post_url": reverse("discussion:post", kwargs={"slug": group.slug, "reading": reading.pk}),
        "page_url": page_url(group, reading),
        "questions_for_form": approved_questions(group, reading) if form_id == "compose" else [],
    }
