"""Who may see and do what: the one place that decides, above the apps.

Every view, admin page, feed, search, export, notification and template flag asks here; no
other module restates a rule (no `is_staff`, `is_superuser` or role test outside this file).

Where it sits. The apps import one way: accounts <- library <- groups <- discussion <- search
and demo (each may import only the ones before it; tests/test_layers.py fails on a back-edge).
This module sits above all of them: it imports their models (never their services or views),
and any module may import it.

Who is who.
* A site admin is an active superuser (`is_site_admin`), and nothing else is: they see every
  group, text and comment and may manage every group. `is_staff` alone grants nothing here;
  it only lets Django's admin site open its doors.
* A curator is active staff holding the library permission a page needs (`is_curator`, the
  Curator role in library/roles.py). Curators see every text, restricted ones included, and
  change the library's content; they see nothing of the groups' that members would not.
* In a group: public groups are seen by everyone, private ones by their members only. To anyone
  else a private group does not exist: 404, never 403. Facilitators (and site admins) manage.
* Writes need a signed-in user: anonymous visitors are sent to sign in when the group is
  public, and get 404 when it is private.

The rule for services: services never check permissions. Whoever calls one (a view, an admin
page, a command, a test) asks this module first and calls the service only when allowed.
Services enforce only what holds for every caller: valid input, a deleted comment takes no
reply, a locked thread no replies, the last facilitator stays. So a rule lives in one place,
and a service is as easy to call from a command as from a view.

Views ask `decide(user, group, action)` (or `require(action)`) and act on the answer;
templates never decide: they read flags computed here (`CommentFlags` for every comment of a
thread, from one `ThreadViewer` per render).
"""

from __future__ import annotations

import enum
import functools
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext
from taggit.models import Tag, TaggedItem

from studygroup.accounts.models import User
from studygroup.discussion.models import Comment, Notification
from studygroup.groups.models import GroupUpload, Membership, Progress, ReadingGroup, Role
from studygroup.library.models import PageStart, Paragraph, Question, Reading, Text


class Action(enum.Enum):
    VIEW = "view"  # group page, schedule, members, calendar feed
    PARTICIPATE = "participate"  # mark progress, leave: members only
    REQUEST_TO_JOIN = "request"  # signed-in non-members of public groups
    MANAGE = "manage"  # schedule, invitations, requests, roles, settings: facilitators
    EDIT_SPLIT = "edit_split"  # the group's own weekly split: facilitators; 404 to outsiders


class Decision(enum.Enum):
    ALLOW = "allow"
    LOGIN = "login"  # sign in first
    FORBIDDEN = "forbidden"  # 403: they can see the group but may not do this
    NOT_FOUND = "not_found"  # 404: they may not know the group exists


def is_site_admin(user) -> bool:
    """The one definition of a site admin: an active superuser."""
    return bool(user.is_authenticated and user.is_active and user.is_superuser)


@dataclass(frozen=True)
class Viewer:
    """A user's standing in one group."""

    role: str | None
    is_admin: bool
    is_authenticated: bool

    @property
    def is_member(self) -> bool:
        return self.role is not None

    @property
    def is_facilitator(self) -> bool:
        return self.role == Role.FACILITATOR

    @property
    def can_manage(self) -> bool:
        return self.is_facilitator or self.is_admin


def viewer(user, group: ReadingGroup) -> Viewer:
    """The user's standing, from `group.my_role` when annotated (see `groups_for`)."""
    if hasattr(group, "my_role"):
        role = group.my_role
    elif user.is_authenticated:
        role = (
            Membership.objects.filter(group=group, user=user).values_list("role", flat=True).first()
        )
    else:
        role = None
    return Viewer(role=role, is_admin=is_site_admin(user), is_authenticated=user.is_authenticated)


def decide(user, group: ReadingGroup, action: Action) -> Decision:
    v = viewer(user, group)
    can_see = group.is_public or v.is_member or v.is_admin
    if not can_see:
        return Decision.NOT_FOUND
    if action is Action.VIEW:
        return Decision.ALLOW
    if not v.is_authenticated:
        return Decision.LOGIN
    if action is Action.PARTICIPATE:
        return Decision.ALLOW if v.is_member else Decision.FORBIDDEN
    if action is Action.REQUEST_TO_JOIN:
        return Decision.ALLOW if group.is_public and not v.is_member else Decision.FORBIDDEN
    if action is Action.MANAGE:
        return Decision.ALLOW if v.can_manage else Decision.FORBIDDEN
    if action is Action.EDIT_SPLIT:
        # A group's split is its own business: whoever is not in the group gets 404.
        if v.can_manage:
            return Decision.ALLOW
        return Decision.FORBIDDEN if v.is_member else Decision.NOT_FOUND
    raise ValueError(action)  # pragma: no cover


def visible_groups(user) -> QuerySet[ReadingGroup]:
    """Public groups for everyone, private ones for their members, all for site admins."""
    if is_site_admin(user):
        return ReadingGroup.objects.all()
    if not user.is_authenticated:
        return ReadingGroup.objects.public()
    mine = Membership.objects.filter(group=OuterRef("pk"), user=user)
    return ReadingGroup.objects.filter(Q(is_public=True) | Exists(mine))


def who_may_see_group(group: ReadingGroup, user_ids: Iterable[int]) -> set[int]:
    """The users among `user_ids` who may see `group`: all of them for a public group; else its
    members and site admins (`visible_groups`, asked for many users at once)."""
    ids = set(user_ids)
    if not ids or group.is_public:
        return ids
    return set(
        User.objects.filter(pk__in=ids)
        .filter(Q(memberships__group=group) | Q(is_superuser=True, is_active=True))
        .values_list("pk", flat=True)
        .distinct()
    )


def moderators(group: ReadingGroup) -> QuerySet[Membership]:
    """Who acts on reports and join requests in `group`: its facilitators (site admins are
    not told about every group's business)."""
    return Membership.objects.filter(group=group, role=Role.FACILITATOR)


def groups_awaiting_handover(user) -> QuerySet[ReadingGroup]:
    """Groups the user alone facilitates: they may not delete their account before handing
    each over (a group always keeps a facilitator)."""
    other = Membership.objects.filter(group=OuterRef("pk"), role=Role.FACILITATOR).exclude(
        user=user
    )
    return (
        ReadingGroup.objects.filter(memberships__user=user, memberships__role=Role.FACILITATOR)
        .exclude(Exists(other))
        .order_by("name")
    )


def groups_for(user) -> QuerySet[ReadingGroup]:
    """Groups the user may see, each annotated with `my_role`."""
    return visible_groups(user).with_role(user)


def listed_groups(user) -> QuerySet[ReadingGroup]:
    """The group list: public groups and the user's own (admins see only these too)."""
    qs = ReadingGroup.objects.with_role(user)
    if not user.is_authenticated:
        return qs.public()
    mine = Membership.objects.filter(group=OuterRef("pk"), user=user)
    return qs.filter(Q(is_public=True) | Exists(mine))


def readable_texts(user) -> QuerySet[Text]:
    """Texts the user may read: public ones for everyone; restricted ones for the signed-in
    members of a group that adopted or uploaded them (a group's private upload is 404 to
    everyone else: library list and pages, search, feeds, exports), for curators and for site
    admins."""
    texts = Text.objects.all()
    if is_site_admin(user) or is_curator(user, "library.view_text"):
        return texts
    if not user.is_authenticated:
        return texts.filter(is_public=True)
    return texts.filter(
        Q(is_public=True)
        | Q(adoptions__group__memberships__user=user)
        | Q(group_upload__group__memberships__user=user)
    ).distinct()


def may_read_moderation_log(viewer: Viewer) -> Decision:
    """The open moderation log is for every member (and site admins): anyone else signed in
    gets 404, even in a public group; an anonymous visitor of a public group signs in first."""
    if not viewer.is_authenticated:
        return Decision.LOGIN
    return Decision.ALLOW if viewer.is_member or viewer.is_admin else Decision.NOT_FOUND


class CalendarLink(enum.Enum):
    SECRET = "secret"  # the member's own token URL: it shows their group's private weeks
    PUBLIC = "public"  # the plain URL of a public group
    NONE = "none"


def calendar_link(group: ReadingGroup, *, own_token: str | None) -> CalendarLink:
    """Which calendar URL a viewer is shown: a member their own secret one; anyone else the
    plain one of a public group, and none of a private group (not even a site admin who is not
    a member: a secret URL is its member's own)."""
    if own_token:
        return CalendarLink.SECRET
    return CalendarLink.PUBLIC if group.is_public else CalendarLink.NONE


def feed_link(group: ReadingGroup, viewer: Viewer, *, own_token: str | None) -> CalendarLink:
    """Which Atom feed URLs a viewer is offered: the plain ones of a public group; a member's
    own secret ones for a private group; none to anyone else."""
    if group.is_public:
        return CalendarLink.PUBLIC
    return CalendarLink.SECRET if viewer.is_member and own_token else CalendarLink.NONE


def texts_group_may_adopt(group: ReadingGroup) -> QuerySet[Text]:
    """Texts this group may read: the public library, and restricted texts it already reads.

    Proposals for the next text, and adopting a vote's winner, ask here. Texts the group uploaded
    itself count too.
    """
    return Text.objects.filter(
        Q(is_public=True) | Q(adoptions__group=group) | Q(group_upload__group=group)
    ).distinct()


def may_vote(viewer: Viewer) -> bool:
    """Proposing texts and ranking them is for members: a site admin who is not one watches."""
    return viewer.is_member


def private_uploads(group: ReadingGroup) -> set[int]:
    """Ids of the texts `group` uploaded and no curator has published yet (one query)."""
    return set(group.uploads.filter(published_at__isnull=True).values_list("text_id", flat=True))


def may_read_in_group(viewer: Viewer, group: ReadingGroup, text: Text) -> bool:
    """A group's private upload is read by its members only, even when the group is public
    (its week pages and feeds are 404 or silent to everyone else). Public texts cost no query.
    """
    if text.is_public or viewer.is_member or viewer.is_admin:
        return True
    return text.pk not in private_uploads(group)


def unreadable_texts(viewer: Viewer, group: ReadingGroup, texts: Iterable[Text]) -> set[int]:
    """Ids of `texts` this viewer may not read in `group` (`may_read_in_group`), asking for the
    group's private uploads once for all of them (none when every text is public)."""
    texts = list(texts)
    if viewer.is_member or viewer.is_admin or all(t.is_public for t in texts):
        return set()
    private = private_uploads(group)
    return {t.pk for t in texts if not t.is_public and t.pk in private}


def readable_weeks(viewer: Viewer, group: ReadingGroup, weeks: list) -> list:
    """The group's weeks (timeline.Week) this viewer may see listed: all but those of the
    group's private uploads, for non-members (plain feeds of a public group). One query at
    most, however many weeks."""
    hidden = unreadable_texts(viewer, group, (w.adoption.text for w in weeks))
    return [w for w in weeks if w.adoption.text_id not in hidden]


def readable_week(viewer: Viewer, group: ReadingGroup, reading: Reading) -> Reading:
    """The week itself, if this viewer may read it in `group`; else 404, as if it did not exist
    (reading ids are sequential: a 403 would tell an outsider the week is there). Every view
    and API endpoint that acts on one week asks here (`loading.load_reading`)."""
    if not may_read_in_group(viewer, group, reading.text):
        raise Http404("No such week.")
    return reading


def adoptable_texts(user, group: ReadingGroup) -> QuerySet[Text]:
    """What `group` may adopt: texts the user reads, but of private uploads only the group's
    own (a facilitator of two groups must not hand one group's upload to the other)."""
    return readable_texts(user).filter(
        Q(group_upload__isnull=True) | Q(group_upload__group=group) | Q(is_public=True)
    )


def may_see_mention_suggestions(viewer: Viewer) -> bool:
    """Who may list a group's members while writing "@": its members (and site admins).

    Everyone else gets 404, even in a public group: the list is for writing comments.
    """
    return viewer.is_member or viewer.is_admin


def may_see_progress_names(viewer: Viewer) -> bool:
    """Who read which week, by name: for the group's facilitators (and site admins)."""
    return viewer.can_manage


def named_progress(group: ReadingGroup) -> QuerySet[Progress]:
    """Progress that may be shown by name: only of members who let the facilitators see it
    (`Membership.progress_visible`). Every list of readers' names starts here."""
    return Progress.objects.filter(membership__group=group, membership__progress_visible=True)


def may_see_rsvp_names(viewer: Viewer) -> bool:
    """Who said they are coming, by name: the group's members (the group is theirs; only
    members reach the meeting pages at all) and site admins."""
    return viewer.is_member or viewer.is_admin


def may_edit_rota(viewer: Viewer) -> bool:
    """The facilitation rota: the group's facilitators (and site admins)."""
    return viewer.can_manage


def may_set_comment_retention(viewer: Viewer) -> bool:
    """How long the group keeps its comments on a text (groups/retention.py): the group's
    facilitators (and site admins), as every group setting (Action.MANAGE)."""
    return viewer.can_manage


def may_write_meeting_notes(viewer: Viewer, *, on_rota: bool) -> bool:
    """A meeting's record and handover note: the group's facilitators, and the members the
    rota names as that meeting's facilitators."""
    return viewer.can_manage or (viewer.is_member and on_rota)


def feed_membership(group: ReadingGroup, token: str) -> Membership | None:
    """Whose secret calendar or feed URL this is: a current, active member's own token.

    Leaving or being removed deletes the membership, and its URLs answer 404 from then on.
    Feeds then serve what that member may see now (`readable_comments(membership.user)`).
    """
    if not token:
        return None
    return (
        Membership.objects.select_related("user")
        .filter(group=group, feed_token=token, user__is_active=True)
        .first()
    )


def require(action: Action) -> Callable:
    """View decorator: load the group named by `slug`, decide, then call `view(request, group)`.

    NOT_FOUND → 404, LOGIN → redirect to sign in, FORBIDDEN → 403.
    """

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @functools.wraps(view)
        def wrapped(request: HttpRequest, slug: str, *args, **kwargs) -> HttpResponse:
            group = ReadingGroup.objects.get_with_role(request.user, slug=slug)
            decision = Decision.NOT_FOUND if group is None else decide(request.user, group, action)
            if decision is Decision.NOT_FOUND:
                raise Http404(gettext("No such group."))
            if decision is Decision.LOGIN:
                return redirect_to_login(request.get_full_path())
            if decision is Decision.FORBIDDEN:
                raise PermissionDenied
            return view(request, group, *args, **kwargs)

        return wrapped

    return decorator


# --- Discussion --------------------------------------------------------------------------


def can_edit_comment(user, comment) -> bool:
    """Only the author edits, and only a comment that is neither deleted nor hidden."""
    standing = ThreadViewer(
        user_id=user.pk if user.is_authenticated else None, can_post=False, can_moderate=False
    )
    return standing.flags(comment).edit


def may_read_comment_text(comment, *, user_id: int | None, can_moderate: bool) -> bool:
    """The rule behind `can_read_comment_text`, for renderers that carry ids, not users.

    A deleted comment's text is gone for everyone. A hidden comment's text is for its author
    and the group's facilitators (and site admins) only.
    """
    if comment.deleted_at is not None:
        return False
    if not comment.is_hidden:
        return True
    return can_moderate or (user_id is not None and comment.author_id == user_id)


def can_read_comment_text(user, comment, *, viewer: Viewer) -> bool:
    """May this viewer read this comment's text (body, quote, earlier versions)?

    Ask it wherever comment text can surface: thread, history, reply page, moderation pages,
    feeds, search, exports, notifications. `viewer` is the user's standing in the comment's group.
    """
    user_id = user.pk if user.is_authenticated else None
    return may_read_comment_text(comment, user_id=user_id, can_moderate=viewer.can_manage)


def can_reply_to(comment, *, thread_locked: bool, can_post: bool) -> bool:
    """May this viewer reply to this comment? Members (`can_post`) may, unless the comment is
    deleted or hidden or its thread is locked (`thread_locked`: its top-level comment is).
    Where this says no, no Reply link or form is offered: `post_comment` refuses anyway."""
    return can_post and comment.deleted_at is None and not comment.is_hidden and not thread_locked


def can_see_comment_author(comment) -> bool:
    """A deleted comment names nobody: its author is as gone as its text, for every viewer."""
    return comment.deleted_at is None


def may_leave_the_site(comment) -> bool:
    """May this comment's text travel in a feed, an email or a group's export? Never a hidden
    one's, not even to those who may read it on the site: a copy cannot be taken back. (A
    member's export of their own words is theirs, hidden or not.)"""
    return not comment.is_hidden


def comments_that_may_leave(comments: QuerySet[Comment]) -> QuerySet[Comment]:
    """`may_leave_the_site`, for a queryset."""
    return comments.filter(is_hidden=False)


def can_delete_comment(user, comment, *, viewer: Viewer) -> bool:
    """The author deletes their own comment; facilitators (and site admins) any in the group."""
    return ThreadViewer.of(user, viewer).flags(comment).delete


def can_report_comment(comment, *, user_id: int | None, can_post: bool, can_moderate: bool) -> bool:
    """Members report others' visible comments; facilitators act on a comment themselves
    rather than report it to each other."""
    return (
        can_post
        and not can_moderate
        and comment.author_id != user_id
        and comment.deleted_at is None
        and not comment.is_hidden
    )


@dataclass(frozen=True)
class CommentFlags:
    """What one viewer may do with one comment: the links and forms a thread shows."""

    read_text: bool
    see_author: bool
    reply: bool
    edit: bool
    delete: bool
    report: bool
    moderate: bool


@dataclass(frozen=True)
class ThreadViewer:
    """One viewer's standing in one group's discussion, computed once per render; `flags`
    then answers for each comment without a query."""

    user_id: int | None
    can_post: bool  # a member
    can_moderate: bool  # a facilitator or site admin

    @classmethod
    def of(cls, user, viewer: Viewer) -> ThreadViewer:
        return cls(
            user_id=user.pk if user.is_authenticated else None,
            can_post=viewer.is_member,
            can_moderate=viewer.can_manage,
        )

    def flags(self, comment, *, thread_locked: bool = False) -> CommentFlags:
        live = comment.deleted_at is None
        own = self.user_id is not None and comment.author_id == self.user_id
        return CommentFlags(
            read_text=may_read_comment_text(
                comment, user_id=self.user_id, can_moderate=self.can_moderate
            ),
            see_author=can_see_comment_author(comment),
            reply=can_reply_to(comment, thread_locked=thread_locked, can_post=self.can_post),
            edit=own and live and not comment.is_hidden,
            delete=live and (own or self.can_moderate),
            report=can_report_comment(
                comment,
                user_id=self.user_id,
                can_post=self.can_post,
                can_moderate=self.can_moderate,
            ),
            moderate=self.can_moderate,
        )


# --- Search: every readable row at once -------------------------------------------------


def readable_paragraphs(user) -> QuerySet[Paragraph]:
    """Paragraphs of the texts the user may read."""
    return Paragraph.objects.filter(section__text__in=readable_texts(user))


def readable_page_starts(user) -> QuerySet[PageStart]:
    """Where the print pages of the texts the user may read begin (search's "page 47")."""
    return PageStart.objects.filter(text__in=readable_texts(user))


def _on_private_upload() -> Exists:
    """`private_uploads` in SQL, for a row with a group and a reading: its week is of a text
    its group uploaded and no curator has published yet."""
    return Exists(
        GroupUpload.objects.filter(
            group=OuterRef("group"), text=OuterRef("reading__text"), published_at__isnull=True
        )
    )


def _in_its_group(user) -> Exists:
    """For a row with a group: `user` is a member of it."""
    return Exists(Membership.objects.filter(group=OuterRef("group"), user=user.pk))


def readable_questions(user) -> QuerySet[Question]:
    """Approved questions: curated ones on published readings of readable texts, and the own
    questions of groups the user may see."""
    curated = Q(
        group__isnull=True, reading__is_published=True, reading__text__in=readable_texts(user)
    )
    own = Q(group__in=visible_groups(user))
    if not is_site_admin(user):
        # A group's own questions on its private upload: its members' alone.
        own &= ~_on_private_upload() | _in_its_group(user)
    return Question.objects.filter(curated | own, status=Question.Status.APPROVED)


def readable_comments(user) -> QuerySet[Comment]:
    """Comments in groups the user may see whose text the user may read: never deleted ones,
    and hidden ones only their own or where the user moderates (`can_read_comment_text`)."""
    comments = Comment.objects.filter(deleted_at__isnull=True, group__in=visible_groups(user))
    if is_site_admin(user):
        return comments
    # A public group's private upload is its members' alone (`may_read_in_group`): no snippet
    # of its weeks' comments for anyone else.
    if not user.is_authenticated:
        return comments.filter(is_hidden=False).exclude(_on_private_upload())
    comments = comments.filter(~_on_private_upload() | _in_its_group(user))
    moderated = Membership.objects.filter(user=user, role=Role.FACILITATOR).values("group_id")
    return comments.filter(Q(is_hidden=False) | Q(group__in=moderated) | Q(author=user))


def readable_notifications(user) -> QuerySet[Notification]:
    """The user's notifications that still point at something they may read: a group they may
    see and, for a comment, one whose text they may read (`readable_comments`). Lists, digests
    and emails show only these: a removed member or a hidden or deleted comment drops out."""
    return Notification.objects.filter(recipient=user, group__in=visible_groups(user)).filter(
        Q(comment__isnull=True) | Q(comment__in=readable_comments(user))
    )


# --- The admin: curators see the library, site admins everything -----------------------


def admin_questions(user, questions: QuerySet[Question]) -> QuerySet[Question]:
    """Questions the admin lists to this user: a group's own questions are that group's
    business, so curators (non-superuser staff) see only curated ones; site admins all."""
    return questions if is_site_admin(user) else questions.filter(group__isnull=True)


def curated_tagged_items() -> QuerySet[TaggedItem]:
    """Tag uses on library objects: texts, readings and curated questions (not a group's)."""

    def of(model: type, ids: QuerySet | None = None) -> Q:
        q = Q(
            content_type__app_label=model._meta.app_label,
            content_type__model=model._meta.model_name,
        )
        return q & Q(object_id__in=ids) if ids is not None else q

    curated = Question.objects.filter(group__isnull=True).values("pk")
    return TaggedItem.objects.filter(of(Text) | of(Reading) | of(Question, curated))


def admin_tags(user, tags: QuerySet[Tag]) -> QuerySet[Tag]:
    """Tags the admin shows this user: for curators, only those used on library objects
    (a tag only a private group used names nothing of the library's); site admins all."""
    if is_site_admin(user):
        return tags
    return tags.filter(pk__in=curated_tagged_items().values("tag_id"))


def admin_tagged_items(user, items: QuerySet[TaggedItem]) -> QuerySet[TaggedItem]:
    """Tag uses the admin shows this user: the library's own for curators; all for site admins."""
    if is_site_admin(user):
        return items
    return items.filter(pk__in=curated_tagged_items().values("pk"))


def can_administer_groups(user) -> bool:
    """Groups, memberships and discussion in the admin are for site admins only: curators
    are not let in, whatever permissions they were given."""
    return is_site_admin(user) and user.is_active and user.is_staff


class SiteAdminOnly:
    """ModelAdmin mixin: only `can_administer_groups` users see or touch these pages."""

    def has_module_permission(self, request: HttpRequest) -> bool:
        return can_administer_groups(request.user) and super().has_module_permission(request)

    def has_view_permission(self, request: HttpRequest, obj=None) -> bool:
        return can_administer_groups(request.user) and super().has_view_permission(request, obj)

    def has_add_permission(self, request: HttpRequest, *args) -> bool:
        return can_administer_groups(request.user) and super().has_add_permission(request, *args)

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return can_administer_groups(request.user) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return can_administer_groups(request.user) and super().has_delete_permission(request, obj)


# --- Weekly readings: the curated default split (each group edits its own: EDIT_SPLIT) ----


def is_curator(user, perm: str) -> bool:
    """Staff with the library permission `perm` (the Curator role), or a site admin."""
    return bool(user.is_authenticated and user.is_active and user.is_staff and user.has_perm(perm))


def may_see_curator_dashboard(user) -> bool:
    """The curator dashboard: for curators who may view texts and readings (site admins too)."""
    return is_curator(user, "library.view_text") and is_curator(user, "library.view_reading")


def can_edit_question(user, question: Question, *, group: ReadingGroup, viewer: Viewer) -> bool:
    """May this user change this question (tags, text, status) from `group`'s pages?

    A curated question (no group) is shared by every group reading the week: only curators
    change it. A group's own question: that group's facilitators (and site admins).
    """
    if question.group_id is None:
        return is_curator(user, "library.change_question")
    return question.group_id == group.pk and viewer.can_manage


def can_reword_question(user, question: Question, *, group: ReadingGroup, viewer: Viewer) -> bool:
    """May this user change the wording of this question from `group`'s pages?

    Whoever may change the question (`can_edit_question`), and the member who proposed it
    while it still waits for a facilitator: once approved, the group discusses those words.
    """
    return _is_own_pending_proposal(user, question, group=group, viewer=viewer) or (
        can_edit_question(user, question, group=group, viewer=viewer)
    )


def can_delete_question(user, question: Question, *, group: ReadingGroup, viewer: Viewer) -> bool:
    """May this user delete (or, for its proposer, withdraw) this question?

    A group's own question: its facilitators, and its proposer while it waits. A curated
    question is shared by every group reading the week, so it is removed in the library.
    """
    if question.group_id is None:
        return False
    return can_reword_question(user, question, group=group, viewer=viewer)


def _is_own_pending_proposal(
    user, question: Question, *, group: ReadingGroup, viewer: Viewer
) -> bool:
    return (
        viewer.is_member
        and question.group_id == group.pk
        and question.status == Question.Status.PROPOSED
        and question.proposed_by_id is not None
        and question.proposed_by_id == user.pk
    )


def can_see_question(user, question: Question, *, group: ReadingGroup, viewer: Viewer) -> bool:
    """Curated and approved questions show to whoever sees the week; a proposed (or declined)
    one only to the group's facilitators and its proposer."""
    if question.group_id not in (None, group.pk):
        return False
    if question.status == Question.Status.APPROVED:
        return True
    return viewer.can_manage or (
        question.proposed_by_id is not None and question.proposed_by_id == user.pk
    )


def can_edit_readings(user, text: Text) -> bool:
    """Curators (staff with `library.change_reading`) may reshape any text's curated split.

    A facilitator may too, but only for a restricted text (one a group brought) and only
    while every group that reads it is one they facilitate. A group's own weeks are edited
    by its facilitators in the group's split editor (`Action.EDIT_SPLIT`), whatever the text.
    """
    if not (user.is_authenticated and user.is_active):
        return False
    if is_curator(user, "library.change_reading"):
        return True
    if text.is_public:
        return False
    adopters = set(text.adoptions.values_list("group_id", flat=True))
    facilitated = set(
        Membership.objects.filter(
            user=user, role=Role.FACILITATOR, group_id__in=adopters
        ).values_list("group_id", flat=True)
    )
    return bool(adopters) and adopters == facilitated
