"""The HTML of comments, built in Python.

A thread of a thousand comments rendered through the template engine cost about a millisecond
per comment (a dozen `{% url %}`, filters and partial look-ups each); string building costs a
few microseconds. So comments have one renderer, this one, used for the whole thread and for
the single-comment fragments (after an edit, a reaction, a delete). The page around them stays
in `templates/discussion/reading.html`.

Everything that comes from users is escaped here, except `comment.html`, which was sanitised
by `rendering.render_markdown` when it was saved.

Each comment's HTML is kept in this process's memory (`comment_html`), keyed by everything it
is made from: its own row (its text, its edit, deletion, hiding and lock, its author's name,
its reaction counts) and the few things about the viewer it shows (are they its author, a
member, a facilitator; their own reactions). So after a write to a thread only the comments
that changed are rendered again, and members who stand alike towards a comment share its
copy. The forms in it carry a placeholder where the viewer's CSRF token goes, filled in once
per thread (`comment_list`).
"""

from __future__ import annotations

import zoneinfo
from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import datetime
from html import escape

from django.conf import settings
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import get_language, gettext, pgettext

from studygroup import policy

SENTINEL = 987654321
# Where a viewer's CSRF token goes in a kept comment; no user text can hold it (escaped).
CSRF_SLOT = "\x00csrf\x00"


@dataclass
class Context:
    """What every comment of one render shares."""

    slug: str
    page_url: str
    csrf_token: str
    tz: zoneinfo.ZoneInfo
    can_post: bool = False
    can_moderate: bool = False
    user_id: int | None = None
    focus: int | None = None
    paragraph_filter: int | None = None

    def __post_init__(self) -> None:
        # One reverse() per URL name, not one per comment.
        self._urls = {
            name: reverse(f"discussion:{name}", kwargs={"slug": self.slug, "pk": SENTINEL})
            for name in ("reply", "edit", "delete", "history", "react")
        }
        for name in ("report", "comment"):
            self._urls[name] = reverse(
                f"moderation:{name}", kwargs={"slug": self.slug, "pk": SENTINEL}
            )
        self.csrf_input = (
            f'<input type="hidden" name="csrfmiddlewaretoken" value="{escape(self.csrf_token)}">'
        )
        self.in_query = f"?in={self.paragraph_filter}" if self.paragraph_filter else ""

    def url(self, name: str, pk: int) -> str:
        return self._urls[name].replace(str(SENTINEL), str(pk))


def _when(dt: datetime, tz: zoneinfo.ZoneInfo) -> str:
    local = dt.astimezone(tz)
    shown = date_format(local, pgettext("comment time", "j M, H:i"))
    return f'<time datetime="{local.isoformat()}">{escape(shown)}</time>'


def _name(user) -> str:
    return escape(user.name) if user is not None else escape(gettext("a former member"))


def _plain_name(user) -> str:
    """Unescaped, for a translated sentence that is escaped as a whole."""
    return user.name if user is not None else gettext("a former member")


def reactions(comment, ctx: Context) -> str:
    """One form, a toggle button per kind (aria-pressed), counts beside the labels."""
    pk = comment.pk
    buttons = []
    for value, label, n, on in comment.reaction_list:
        count = f' <span class="reaction-count">{n}</span>' if n else ""
        if ctx.can_post:
            pressed = "true" if on else "false"
            buttons.append(
                f'<button type="submit" name="kind" value="{value}" id="c-{pk}-{value}" '
                f'class="reaction" aria-pressed="{pressed}">{label}{count}</button>'
            )
        elif n:
            buttons.append(f'<span class="reaction">{label}{count}</span>')
    inner = "".join(buttons)
    if ctx.can_post:
        url = ctx.url("react", pk)
        return (
            f'<form id="c-{pk}-reactions" class="reactions" method="post" action="{url}" '
            # settle:0ms wires the new form up at once: a quick second press must not
            # submit it natively (a full page load that loses the keyboard's place).
            f'hx-post="{url}" hx-target="this" hx-swap="outerHTML settle:0ms">'
            f"{ctx.csrf_input}{inner}</form>"
        )
    label = escape(gettext("Reactions"))
    return (
        f'<div id="c-{pk}-reactions" class="reactions" role="group" '
        f'aria-label="{label}">{inner}</div>'
    )


def locked_note(slug: str) -> str:
    """Said where a locked thread starts, and instead of a reply form it would refuse."""
    log = reverse("moderation:log", kwargs={"slug": slug})
    # Labels are translated outside the f-strings: xgettext does not look inside them.
    locked = escape(gettext("This thread is locked: it takes no replies."))
    why = escape(gettext("Why: the moderation log"))
    return f'<p class="thread-locked" role="note">{locked} <a href="{log}">{why}</a></p>'


def comment(node, ctx: Context, *, thread_locked: bool = False) -> str:
    """One comment as an <article id="c-<pk>">: its header, quote, body and actions.

    `thread_locked`: whether its thread's top-level comment is locked (a top-level comment
    answers for itself).
    """
    c = node.comment
    thread_locked = thread_locked or bool(c.is_locked and not c.parent_id)
    pk = c.pk
    classes = "comment"
    if c.deleted_at is not None:
        classes += " comment-deleted"
    if c.is_hidden:
        classes += " comment-hidden"
    focus = " autofocus" if ctx.focus == pk else ""
    meta = []
    if c.deleted_at is not None:
        deleted = escape(gettext("[deleted]"))
        meta.append(f'<span id="c-{pk}-by" class="comment-author">{deleted}</span>')
    else:
        meta.append(f'<strong id="c-{pk}-by" class="comment-author">{_name(c.author)}</strong>')
    meta.append(
        f'<a class="comment-time" href="{ctx.page_url}#c-{pk}">{_when(c.created_at, ctx.tz)}</a>'
    )
    if c.edited_at and c.deleted_at is None:
        history = ctx.url("history", pk)
        edited = escape(gettext("edited"))
        meta.append(
            f'<a class="comment-edited" href="{history}" hx-get="{history}" '
            f'hx-target="#c-{pk}-slot">{edited}</a>'
        )
    if node.replying_to is not None:
        to = node.replying_to.author
        shown = to is not None and policy.can_see_comment_author(node.replying_to)
        handle = to.username if shown else gettext("[deleted]")
        replying = gettext("replying to @%(handle)s") % {"handle": handle}
        meta.append(f'<span class="replying-to">{escape(replying)}</span>')
    if not c.parent_id and c.paragraph_id:
        passage = escape(gettext("on a passage"))
        meta.append(f'<a class="comment-anchor" href="#p-{c.paragraph_id}">{passage}</a>')
    if not c.parent_id and c.question_id:
        answers = escape(gettext("answers a question"))
        meta.append(f'<a class="comment-anchor" href="#q-{c.question_id}">{answers}</a>')
    parts = [
        f'<article id="c-{pk}" class="{classes}" tabindex="-1" aria-labelledby="c-{pk}-by"{focus}>',
        # Spaces between the parts: flex hides them, but copies and screen readers need them.
        f'<header class="comment-meta">{" ".join(meta)}</header>',
    ]
    if c.is_locked and not c.parent_id:
        parts.append(locked_note(ctx.slug))
    if c.deleted_at is not None:
        deleted = escape(gettext("[deleted]"))
        parts.append(f'<p class="comment-body meta">{deleted}</p>')
    elif not policy.may_read_comment_text(c, user_id=ctx.user_id, can_moderate=ctx.can_moderate):
        hidden = escape(gettext("Hidden by a facilitator (see the moderation log)."))
        parts.append(f'<p class="comment-body meta">{hidden}</p>')
    else:
        if c.is_hidden:
            hidden = escape(gettext("Hidden from members by a facilitator."))
            parts.append(f'<p class="meta">{hidden}</p>')
        if c.quote:
            parts.append(f'<blockquote class="comment-quote">{escape(c.quote)}</blockquote>')
        parts.append(f'<div class="comment-body">{c.html}</div>')
        actions = [reactions(c, ctx)]
        if policy.can_reply_to(c, thread_locked=thread_locked, can_post=ctx.can_post):
            reply = ctx.url("reply", pk) + ctx.in_query
            to = escape(gettext(" to %(name)s") % {"name": _plain_name(c.author)})
            label = escape(gettext("Reply"))
            actions.append(
                f'<a href="{reply}" hx-get="{reply}" hx-target="#c-{pk}-slot">'
                f'{label}<span class="visually-hidden">{to}</span></a>'
            )
        if c.can_edit:
            edit = ctx.url("edit", pk)
            label = escape(gettext("Edit"))
            actions.append(
                f'<a href="{edit}" hx-get="{edit}" hx-target="#c-{pk}" hx-swap="outerHTML">'
                f"{label}</a>"
            )
        if c.can_delete:
            delete = ctx.url("delete", pk)
            confirm = escape(gettext("Delete this comment? Its text is erased for good."))
            label = escape(gettext("Delete"))
            actions.append(
                f'<form method="post" action="{delete}" hx-post="{delete}" hx-target="#c-{pk}" '
                f'hx-swap="outerHTML" hx-confirm="{confirm}" class="inline-form">'
                f'{ctx.csrf_input}<button type="submit" class="link-button">'
                f"{label}</button></form>"
            )
        if policy.can_report_comment(
            c, user_id=ctx.user_id, can_post=ctx.can_post, can_moderate=ctx.can_moderate
        ):
            report = ctx.url("report", pk)
            whose = escape(gettext(" the comment by %(name)s") % {"name": _plain_name(c.author)})
            label = escape(gettext("Report"))
            actions.append(
                f'<a href="{report}" hx-get="{report}" hx-target="#c-{pk}-slot">'
                f'{label}<span class="visually-hidden">{whose}</span></a>'
            )
        if ctx.can_moderate:
            # A plain link: the panel shows reports and the log entries, and needs a reason.
            moderate = ctx.url("comment", pk)
            whose = escape(gettext(" the comment by %(name)s") % {"name": _plain_name(c.author)})
            label = escape(gettext("Moderate"))
            actions.append(
                f'<a href="{moderate}">{label}<span class="visually-hidden">{whose}</span></a>'
            )
        parts.append(f'<div class="comment-actions">{"".join(actions)}</div>')
    parts.append(comment_slot(pk) + "</article>")
    return "".join(parts)


class _Kept:
    """A bounded map, oldest out first: each process's copies of comment HTML."""

    def __init__(self) -> None:
        self._items: OrderedDict = OrderedDict()

    def get(self, key):
        return self._items.get(key)

    def set(self, key, html: str) -> None:
        self._items[key] = html
        if len(self._items) > settings.COMMENT_HTML_CACHE_ENTRIES:
            self._items.popitem(last=False)

    def clear(self) -> None:
        self._items.clear()


comment_html = _Kept()


def _key(node, ctx: Context, thread_locked: bool, shared: tuple) -> tuple:
    """Everything one comment's HTML is made from (its content is its version)."""
    c = node.comment
    author = c.author
    to = node.replying_to
    return (
        c.pk,
        c.html,
        c.quote,
        c.created_at,
        c.edited_at,
        c.deleted_at,
        c.is_hidden,
        c.is_locked,
        c.parent_id,
        c.paragraph_id,
        c.question_id,
        (author.name, author.username) if author is not None else None,
        tuple((value, n, on) for value, _label, n, on in c.reaction_list),
        c.can_edit,
        c.can_delete,
        node.depth,
        (to.pk, to.deleted_at is None, to.author.username if to.author else None) if to else None,
        thread_locked,
        ctx.user_id is not None and ctx.user_id == c.author_id,
        ctx.focus == c.pk,
        shared,
    )


def comment_slot(pk: int, *, oob: bool = False) -> str:
    """Where a comment's reply or report form opens; `oob` empties it out of band."""
    swap = ' hx-swap-oob="true"' if oob else ""
    return f'<div id="c-{pk}-slot" class="comment-slot"{swap}></div>'


def replies_open(pk: int) -> str:
    """The opening of the list of a comment's replies, after its <article>."""
    return f'<ol class="replies" id="c-{pk}-replies">'


def list_item(html: str, depth: int) -> str:
    """One comment's list item, as `comment_list` writes it when it has no replies."""
    return f'<li class="comment-item depth-{depth}">{html}</li>'


def comment_list(items: Iterable, ctx: Context) -> str:
    """The nested lists of a thread, from `services.display_items` (no recursion needed).

    Each comment comes from `comment_html` when it was rendered for a viewer who stands as
    this one does towards it; the rest are rendered and kept.
    """
    kept_ctx = replace(ctx, csrf_token=CSRF_SLOT)
    shared = (
        ctx.slug,
        ctx.page_url,
        str(ctx.tz),
        ctx.can_post,
        ctx.can_moderate,
        ctx.in_query,
        get_language(),
    )
    out = ['<ol class="comments">']
    thread_locked = False
    for item in items:
        node = item.node
        if not node.comment.parent_id:  # a new thread starts: is it locked?
            thread_locked = node.comment.is_locked
        out.append(f'<li class="comment-item depth-{node.depth}">')
        key = _key(node, ctx, thread_locked, shared)
        html = comment_html.get(key)
        if html is None:
            html = comment(node, kept_ctx, thread_locked=thread_locked)
            comment_html.set(key, html)
        out.append(html)
        # The replies' list is named for its comment: a new reply goes in it (posted alone).
        out.append(replies_open(node.comment.pk) if item.opens else "</li>")
        out.append("</ol></li>" * len(item.closes))
    out.append("</ol>")
    html = "".join(out)
    return html.replace(kept_ctx.csrf_input, ctx.csrf_input) if ctx.can_post else html
