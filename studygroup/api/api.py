"""The JSON API (docs/api.md), answering through the site's own access policy and services.

Reads accept a personal token, the browser session, or nobody (then they show what an
anonymous visitor sees). Writes accept a token only: a session is ignored for them, so no
write can ride on a browser's cookies and CSRF has nothing to protect here.

Every group endpoint starts with `policy.decide`, as the site's views do: 404 for a group the
caller may not know of, 401 where the site would send them to sign in, 403 where the site
answers 403. Writes go through `discussion.services` and `groups.services`, so the same rate
limits, notifications, moderation rules and locked threads apply.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.http.request import RawPostDataException
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import NinjaAPI, Query, Status
from ninja.errors import HttpError
from ninja.security import HttpBearer

from studygroup import policy, ratelimit
from studygroup.api import schemas, tokens
from studygroup.api.schemas import Id, PageParams
from studygroup.discussion import services
from studygroup.discussion.models import Comment, Reaction
from studygroup.discussion.views.loading import load_comment, load_reading
from studygroup.groups import services as group_services
from studygroup.groups.models import Membership, ReadingGroup
from studygroup.groups.timeline import load_timeline
from studygroup.library.models import Paragraph, Question, Reading
from studygroup.policy import Action, Decision


@dataclass(frozen=True)
class Caller:
    """Who is asking (`request.auth`): always truthy, anonymous included."""

    user: object
    by_token: bool


class TokenAuth(HttpBearer):
    """`Authorization: Bearer sg_…`. No header: anonymous. A wrong or revoked token: 401."""

    def __call__(self, request: HttpRequest) -> Caller:
        header = request.headers.get(self.header)
        if not header:
            return Caller(AnonymousUser(), by_token=False)
        scheme, _space, secret = header.partition(" ")
        if scheme.lower() != "bearer":
            raise HttpError(401, _("Send the token as: Authorization: Bearer <token>."))
        user = tokens.user_for(secret.strip())
        if user is None:
            raise HttpError(401, _("This token is unknown or was revoked."))
        return Caller(user, by_token=True)

    def authenticate(self, request: HttpRequest, token: str):  # pragma: no cover (unused)
        return None


class TokenOrSessionAuth(TokenAuth):
    """Reads: a token, else the signed-in browser session, else anonymous."""

    def __call__(self, request: HttpRequest) -> Caller:
        caller = super().__call__(request)
        if not caller.by_token and request.user.is_authenticated:
            return Caller(request.user, by_token=False)
        return caller


# Error bodies, documented in the schema: {"detail": "...", "code": "..."}. (422 lists fields.)
ERRORS = {
    **dict.fromkeys((400, 401, 403, 404, 415, 429), schemas.Error),
    422: schemas.FieldErrors,
}

read_auth = TokenOrSessionAuth()
write_auth = TokenAuth()

api = NinjaAPI(
    title="studygroup API",
    version="1",
    description="Texts, groups, schedules and discussions. See docs/api.md.",
    urls_namespace="api",
    auth=read_auth,
)


class RateLimitedError(Exception):
    def __init__(self, message: str, limit: str) -> None:
        super().__init__(message)
        self.limit = limit


@api.exception_handler(services.DiscussionError)
def discussion_error(request: HttpRequest, exc: services.DiscussionError) -> HttpResponse:
    if isinstance(exc, services.RateLimited):
        return rate_limited(request, RateLimitedError(exc.message, settings.COMMENT_RATE_LIMIT))
    return api.create_response(request, {"detail": exc.message, "code": exc.code}, status=400)


@api.exception_handler(RateLimitedError)
def rate_limited(request: HttpRequest, exc: RateLimitedError) -> HttpResponse:
    response = api.create_response(
        request, {"detail": str(exc), "code": "rate_limited"}, status=429
    )
    response["Retry-After"] = str(ratelimit.retry_after(exc.limit))
    return response


@api.exception_handler(RawPostDataException)
def not_json(request: HttpRequest, exc: RawPostDataException) -> HttpResponse:
    # A multipart form: the middleware read it as a form already, and the API takes JSON only.
    return api.create_response(
        request,
        {"detail": _("Send the data as JSON (Content-Type: application/json)."), "code": "json"},
        status=415,
    )


@api.exception_handler(PermissionDenied)
def forbidden(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    return api.create_response(
        request, {"detail": str(exc) or _("You may not do this."), "code": "forbidden"}, status=403
    )


@api.exception_handler(Http404)
def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    # Never the reason: "private" and "absent" must look the same to an outsider.
    return api.create_response(
        request, {"detail": _("Not found."), "code": "not_found"}, status=404
    )


# --- Helpers -----------------------------------------------------------------------


def caller(request: HttpRequest):
    return request.auth.user


def load_group(request: HttpRequest, slug: str, action: Action) -> ReadingGroup:
    """The group, decided as `policy.require` decides for the site's views."""
    user = caller(request)
    group = ReadingGroup.objects.get_with_role(user, slug=slug)
    decision = Decision.NOT_FOUND if group is None else policy.decide(user, group, action)
    if decision is Decision.NOT_FOUND:
        raise Http404
    if decision is Decision.LOGIN:
        raise HttpError(401, _("Send a personal token (Authorization: Bearer <token>)."))
    if decision is Decision.FORBIDDEN:
        raise PermissionDenied(_("Only the group's members may do this."))
    return group


def limit_writes(request: HttpRequest, scope: str) -> None:
    """The site's `ratelimit.limit_writes`, under the same key: site and API share one budget."""
    limit = getattr(settings, "WRITE_RATE_LIMIT", "60/m")
    # `ratelimit.client_key` of a signed-in request: writes here always have a user.
    if not ratelimit.hit(f"{scope}:user:{caller(request).pk}", limit=limit):
        raise RateLimitedError(
            _("Too many changes in a short time. Please wait a minute and try again."), limit
        )


def comment_to_change(
    request: HttpRequest,
    slug: str,
    pk: int,
    *,
    allowed: Callable[[Any, Comment, ReadingGroup], bool] | None = None,
    refusal: str = "",
) -> tuple[ReadingGroup, Comment, Any]:
    """(group, comment, caller) for a write to one comment: the group as `load_group` decides
    (members), the shared write budget, the comment (404 when it is not the group's), then
    `allowed(user, comment, group)` from the policy, or 403 with `refusal`."""
    group = load_group(request, slug, Action.PARTICIPATE)
    limit_writes(request, "discussion")
    user = caller(request)
    comment = load_comment(group, pk, policy.viewer(user, group))
    if allowed is not None and not allowed(user, comment, group):
        raise PermissionDenied(refusal)
    return group, comment, user


def page(items, params: PageParams) -> dict:
    """One page of a queryset or a list: the total, and `limit` items from `offset`."""
    count = items.count() if hasattr(items, "count") and not isinstance(items, list) else len(items)
    return {
        "count": count,
        "limit": params.limit,
        "offset": params.offset,
        "items": list(items[params.offset : params.offset + params.limit]),
    }


def reading_out(reading: Reading) -> dict:
    return {
        "id": reading.pk,
        "number": reading.number,
        "title": reading.title,
        "words": reading.words,
        "minutes": reading.minutes,
    }


def comment_out(comment, *, user, can_moderate: bool, replies: list | None = None) -> dict:
    """A comment as the site's thread shows it to this viewer (`discussion/markup.py`)."""
    readable = policy.may_read_comment_text(
        comment, user_id=user.pk if user.is_authenticated else None, can_moderate=can_moderate
    )
    author = comment.author if policy.can_see_comment_author(comment) else None
    return {
        "id": comment.pk,
        "parent_id": comment.parent_id,
        "author": {"name": author.name, "handle": author.username} if author else None,
        "html": comment.html if readable else None,
        "quote": comment.quote if readable else "",
        "created_at": comment.created_at,
        "edited_at": comment.edited_at,
        "deleted": comment.deleted_at is not None,
        "hidden": comment.is_hidden,
        "locked": comment.is_locked,
        "paragraph_id": comment.paragraph_id,
        "question_id": comment.question_id,
        "reactions": [
            {"kind": kind, "count": count, "mine": mine}
            for kind, _label, count, mine in comment.reaction_list
        ],
        "can_edit": comment.can_edit,
        "can_delete": comment.can_delete,
        "replies": replies or [],
    }


def one_comment(comment: Comment, *, user, group: ReadingGroup) -> dict:
    """A single comment after a write, with its reactions (one query) and no replies."""
    viewer = policy.viewer(user, group)
    rows = (
        Reaction.objects.filter(comment=comment)
        .values("kind")
        .annotate(n=Count("pk"), me=Count("pk", filter=Q(user=user)))
    )
    counts = {row["kind"]: (row["n"], bool(row["me"])) for row in rows.order_by()}
    comment.reaction_list = [
        (kind, label, *counts.get(kind, (0, False))) for kind, label in Reaction.Kind.choices
    ]
    comment.can_edit = policy.can_edit_comment(user, comment)
    comment.can_delete = policy.can_delete_comment(user, comment, viewer=viewer)
    return comment_out(comment, user=user, can_moderate=viewer.can_manage)


# --- Reads -------------------------------------------------------------------------


@api.get("/me", response={200: schemas.MeOut, **ERRORS}, summary="Who the token belongs to")
def me(request: HttpRequest):
    user = caller(request)
    if not user.is_authenticated:
        raise HttpError(401, _("Send a personal token (Authorization: Bearer <token>)."))
    return {"handle": user.username, "name": user.name}


@api.get("/texts", response={200: schemas.TextPage, **ERRORS}, summary="Texts you may read")
def text_list(request: HttpRequest, params: Query[PageParams]):
    texts = policy.readable_texts(caller(request)).order_by("title", "pk")
    return page(texts, params)


@api.get(
    "/texts/{slug}", response={200: schemas.TextDetail, **ERRORS}, summary="A text and its weeks"
)
def text_detail(request: HttpRequest, slug: str):
    text = get_object_or_404(policy.readable_texts(caller(request)), slug=slug)
    readings = Reading.objects.published().curated().filter(text=text).order_by("number")
    return {
        **{f: getattr(text, f) for f in ("slug", "title", "author", "language", "source")},
        "is_public": text.is_public,
        "words": text.words,
        "readings": [reading_out(r) for r in readings],
    }


@api.get(
    "/groups", response={200: schemas.GroupPage, **ERRORS}, summary="Public groups and your own"
)
def group_list(request: HttpRequest, params: Query[PageParams]):
    return page(policy.listed_groups(caller(request)).order_by("name", "pk"), params)


@api.get("/groups/{slug}", response={200: schemas.GroupOut, **ERRORS}, summary="A group")
def group_detail(request: HttpRequest, slug: str):
    return load_group(request, slug, Action.VIEW)


@api.get(
    "/groups/{slug}/schedule",
    response={200: schemas.SchedulePage, **ERRORS},
    summary="A group's weeks",
)
def schedule(request: HttpRequest, slug: str, params: Query[PageParams]):
    group = load_group(request, slug, Action.VIEW)
    user = caller(request)
    membership = (
        Membership.objects.filter(group=group, user=user).first() if user.is_authenticated else None
    )
    timeline = load_timeline(group, membership=membership, with_sections=False)
    # A private upload's weeks are its members' alone, as on the group page and in the feeds.
    readable = policy.readable_weeks(policy.viewer(user, group), group, timeline.weeks)
    weeks = [
        {
            "reading": reading_out(w.reading),
            "text": w.adoption.text.slug,
            "date": w.date,
            "starts_at": w.starts_at,
            "ends_at": w.ends_at,
            "is_past": w.is_past,
            "is_current": w.is_current,
            "done": w.done,
            "members": w.members,
            "done_by_me": w.done_by_me,
        }
        for w in readable
    ]
    return page(weeks, params)


@api.get(
    "/groups/{slug}/readings/{reading}/questions",
    response={200: list[schemas.QuestionOut], **ERRORS},
    summary="A week's questions",
)
def questions(request: HttpRequest, slug: str, reading: Id):
    group = load_group(request, slug, Action.VIEW)
    user = caller(request)
    viewer = policy.viewer(user, group)
    reading_obj = load_reading(group, reading, viewer)
    return [
        {"id": q.pk, "body": q.body, "status": q.status, "curated": q.group_id is None}
        for q in services.group_questions(group=group, reading=reading_obj)
        if policy.can_see_question(user, q, group=group, viewer=viewer)
    ]


@api.get(
    "/groups/{slug}/readings/{reading}/comments",
    response={200: schemas.CommentPage, **ERRORS},
    summary="A week's discussion, as a tree",
)
def comments(request: HttpRequest, slug: str, reading: Id, params: Query[PageParams]):
    """Top-level comments newest first, each with all its replies. Deleted comments stay
    as tombstones (no author, no text); a hidden comment's text is only for its author and
    the facilitators, exactly as on the reading page."""
    group = load_group(request, slug, Action.VIEW)
    user = caller(request)
    viewer = policy.viewer(user, group)
    reading_obj = load_reading(group, reading, viewer)
    thread = services.load_thread(
        group=group,
        reading=reading_obj,
        user=user,
        can_moderate=viewer.can_manage,
        upto=params.offset + params.limit,
    )

    def out(node) -> dict:
        replies = [out(child) for child in node.children]
        return comment_out(node.comment, user=user, can_moderate=viewer.can_manage, replies=replies)

    count = Comment.objects.filter(group=group, reading=reading_obj, parent__isnull=True).count()
    roots = thread.roots[params.offset : params.offset + params.limit]
    return {
        "count": count,
        "limit": params.limit,
        "offset": params.offset,
        "items": [out(node) for node in roots],
    }


# --- Writes ------------------------------------------------------------------------


@api.post(
    "/groups/{slug}/readings/{reading}/comments",
    auth=write_auth,
    response={201: schemas.CommentOut, **ERRORS},
    summary="Post a comment or a reply",
)
def post_comment(request: HttpRequest, slug: str, reading: Id, data: schemas.CommentIn):
    group = load_group(request, slug, Action.PARTICIPATE)
    user = caller(request)
    viewer = policy.viewer(user, group)
    reading_obj = load_reading(group, reading, viewer)
    parent = load_comment(group, data.parent, viewer) if data.parent else None
    paragraph = question = None
    if data.paragraph:
        paragraph = Paragraph.objects.filter(pk=data.paragraph).first()
        if paragraph is None:
            raise services.DiscussionError(
                _("That passage is not in this week's text."), code="anchor"
            )
    if data.question:
        question = Question.objects.filter(pk=data.question).first()
        if question is None:
            raise services.DiscussionError(
                _("That question is not on this reading."), code="anchor"
            )
    comment = services.post_comment(
        author=user,
        group=group,
        reading=reading_obj,
        body=data.body,
        parent=parent,
        paragraph=paragraph,
        question=question,
        quote=data.quote,
        client_token=data.client_token,
    )
    return Status(201, one_comment(comment, user=user, group=group))


@api.patch(
    "/groups/{slug}/comments/{pk}",
    auth=write_auth,
    response={200: schemas.CommentOut, **ERRORS},
    summary="Edit your comment",
)
def edit_comment(request: HttpRequest, slug: str, pk: Id, data: schemas.CommentEdit):
    group, comment, user = comment_to_change(
        request,
        slug,
        pk,
        allowed=lambda user, comment, group: policy.can_edit_comment(user, comment),
        refusal=_("Only its author edits a comment, while it is shown."),
    )
    services.edit_comment(comment=comment, body=data.body)
    return one_comment(comment, user=user, group=group)


@api.delete(
    "/groups/{slug}/comments/{pk}",
    auth=write_auth,
    response={200: schemas.CommentOut, **ERRORS},
    summary="Delete a comment (yours, or any as a facilitator)",
)
def delete_comment(request: HttpRequest, slug: str, pk: Id, reason: schemas.Text = ""):
    group, comment, user = comment_to_change(
        request,
        slug,
        pk,
        allowed=lambda user, comment, group: policy.can_delete_comment(
            user, comment, viewer=policy.viewer(user, group)
        ),
        refusal=_("You may delete your own comments only."),
    )
    services.delete_comment(comment=comment, actor=user, reason=reason[:1000])
    return one_comment(comment, user=user, group=group)


@api.post(
    "/groups/{slug}/comments/{pk}/reactions",
    auth=write_auth,
    response={200: schemas.ReactionState, **ERRORS},
    summary="Add a reaction, or take it back",
)
def react(request: HttpRequest, slug: str, pk: Id, data: schemas.ReactionIn):
    _group, comment, user = comment_to_change(request, slug, pk)
    on = services.toggle_reaction(comment=comment, user=user, kind=data.kind)
    return {"kind": data.kind, "on": on}


@api.put(
    "/groups/{slug}/readings/{reading}/done",
    auth=write_auth,
    response={200: schemas.DoneOut, **ERRORS},
    summary="Mark a week done (or not)",
)
def mark_done(request: HttpRequest, slug: str, reading: Id, data: schemas.DoneIn):
    group = load_group(request, slug, Action.PARTICIPATE)
    limit_writes(request, "groups")
    # Only a week of this group's own split: any other published week is 404 here too.
    reading_obj = load_reading(group, reading, policy.viewer(caller(request), group))
    membership = get_object_or_404(
        Membership.objects.select_related("group"), group=group, user=caller(request)
    )
    try:
        group_services.set_done(membership=membership, reading=reading_obj, done=data.done)
    except group_services.GroupError as error:
        raise Http404 from error
    return {"reading": reading_obj.pk, "done": data.done}
