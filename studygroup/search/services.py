"""One search over texts' paragraphs, questions and comments, limited to what the viewer may see.

Each kind costs two queries whatever the number of hits: the ranked page of ids with its total
and snippets (`backends.search`), then the rows it shows, with their relations.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import QuerySet
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext_lazy

from studygroup import policy
from studygroup.discussion.models import Comment
from studygroup.groups import spoilers
from studygroup.library.models import Paragraph, Question
from studygroup.search import backends
from studygroup.search import query as q

KINDS = ("paragraph", "question", "comment")
LABELS = {
    "paragraph": gettext_lazy("In the texts"),
    "question": gettext_lazy("Questions"),
    "comment": gettext_lazy("Comments"),
}
# "12 passages": the count as shown ("1,000+") beside a noun that agrees with the real total.
COUNTED = {
    "paragraph": ngettext_lazy("%(shown)s passage", "%(shown)s passages", "total"),
    "question": ngettext_lazy("%(shown)s question", "%(shown)s questions", "total"),
    "comment": ngettext_lazy("%(shown)s comment", "%(shown)s comments", "total"),
}
PLURALS = {
    "paragraph": gettext_lazy("passages"),
    "question": gettext_lazy("questions"),
    "comment": gettext_lazy("comments"),
}
PREVIEW = 5  # hits per kind when every kind is shown
PAGE_SIZE = 20  # hits per page for a single kind
MAX_PAGE = 10_000  # deepest page a query string may ask for; its offset fits any column
# "p. 47", "page 47", "pp. 47", "pg 47", "page xii": a page of the print edition.
PAGE_QUERY = re.compile(
    r"^\s*(?:p|pp|pg|page|pages)\.?\s*(?P<label>\d{1,4}|[ivxlc]{1,7})\s*$", re.IGNORECASE
)
MAX_PAGE_HITS = 20  # texts listed for one page number


@dataclass
class Hit:
    url: str
    title: str
    context: str
    snippet: SafeString
    meta: str = ""
    flag: str = ""  # e.g. "hidden" for a facilitator
    # No spoilers: a comment on a week the searcher has not reached shows no snippet, only
    # the week and a "show anyway" form posting to `show_url`.
    spoiler_week: int | None = None
    show_url: str = ""
    comment_id: int | None = None


@dataclass
class Group:
    kind: str
    total: int
    hits: list[Hit] = field(default_factory=list)
    page: int = 1
    page_size: int = PREVIEW

    @property
    def label(self) -> str:
        return LABELS[self.kind]

    @property
    def counted(self) -> str:
        return COUNTED[self.kind] % {"shown": self.count, "total": self.total}

    @property
    def plural(self) -> str:
        return str(PLURALS[self.kind])

    @property
    def count(self) -> str:
        """The total as shown: past the cap the database stopped counting."""
        if self.total >= backends.COUNT_CAP:
            return f"{backends.COUNT_CAP:,}+"
        return f"{self.total:,}"

    @property
    def has_more(self) -> bool:
        return self.page * self.page_size < self.total

    @property
    def first(self) -> int:
        return (self.page - 1) * self.page_size + 1

    @property
    def last(self) -> int:
        return self.first + len(self.hits) - 1


@dataclass
class Results:
    query: str
    terms: list[q.Term]
    groups: list[Group]
    kind: str | None = None
    pages: list[Hit] = field(default_factory=list)  # "page 47": that page in each text
    page_label: str | None = None

    @property
    def total(self) -> int:
        return sum(g.total for g in self.groups)

    @property
    def searched(self) -> bool:
        return bool(self.terms)


def search(*, user, text: str, kind: str | None = None, page: int = 1) -> Results:
    """Search every kind (a preview of each), or one kind page by page."""
    terms = q.parse(text)
    kinds = [kind] if kind in KINDS else list(KINDS)
    single = len(kinds) == 1
    size = PAGE_SIZE if single else PREVIEW
    page = max(1, page) if single else 1
    groups: list[Group] = []
    for k in kinds:
        if not terms:
            groups.append(Group(kind=k, total=0))
            continue
        found, total = backends.search(
            connection,
            kind=k,
            terms=terms,
            allowed=ALLOWED[k](user),
            limit=size,
            offset=(page - 1) * size,
        )
        group = Group(kind=k, total=total, page=page, page_size=size)
        group.hits = LOADERS[k](found, user=user) if found else []
        groups.append(group)
    pages = _page_hits(user, text) if not single or page == 1 else []
    return Results(
        query=text,
        terms=terms,
        groups=groups,
        kind=kind if single else None,
        pages=pages,
        page_label=page_label(text) if pages else None,
    )


def page_label(text: str) -> str | None:
    """The page a query asks for ("p. 47" → "47"), or None for an ordinary query."""
    m = PAGE_QUERY.match(text)
    if not m:
        return None
    label = m.group("label")
    return label if label.isdigit() else label.lower()


def _page_hits(user, text: str) -> list[Hit]:
    """A direct link to that page in each text the user may read that has it: one query."""
    label = page_label(text)
    if label is None:
        return []
    rows = (
        policy.readable_page_starts(user)
        .filter(label=label)
        .select_related("text", "paragraph__section")
        .only("label", "paragraph_id", "paragraph__section__title", "text__slug",
              "text__title", "text__author")
        .order_by("text__title", "text_id")[:MAX_PAGE_HITS]
    )  # fmt: skip
    hits = []
    for start in rows:
        section, text_row = start.paragraph.section, start.text
        url = reverse("library:section", kwargs={"slug": text_row.slug, "section": section.pk})
        hits.append(
            Hit(
                url=f"{url}#{start.anchor}",
                title=text_row.title,
                context=_("p. %(page)s, in %(section)s")
                % {"page": start.label, "section": section.title},
                snippet=SafeString(""),
                meta=text_row.author,
            )
        )
    return hits


def _in_order(found: Iterable[backends.Hit], rows: QuerySet) -> list[tuple[object, SafeString]]:
    by_pk = {row.pk: row for row in rows}
    # A row deleted between the two queries is skipped rather than shown broken.
    return [(by_pk[h.pk], q.highlight(h.snippet)) for h in found if h.pk in by_pk]


def _paragraphs(found: list[backends.Hit], *, user) -> list[Hit]:
    rows = (
        Paragraph.objects.filter(pk__in=[h.pk for h in found])
        .select_related("section__text")
        .only("section__title", "section__text__slug", "section__text__title",
              "section__text__author")
    )  # fmt: skip
    hits = []
    for p, snippet in _in_order(found, rows):
        section, text = p.section, p.section.text
        url = reverse("library:section", kwargs={"slug": text.slug, "section": section.pk})
        hits.append(
            Hit(
                url=f"{url}#{p.anchor}",
                title=text.title,
                context=section.title,
                snippet=snippet,
                meta=text.author,
            )
        )
    return hits


def _questions(found: list[backends.Hit], *, user) -> list[Hit]:
    rows = Question.objects.filter(pk__in=[h.pk for h in found]).select_related(
        "reading__text", "group"
    )
    hits = []
    for question, snippet in _in_order(found, rows):
        reading, text, group = question.reading, question.reading.text, question.group
        if group is None:
            url = reverse("library:reading", kwargs={"slug": text.slug, "number": reading.number})
            meta = _("Curated question")
        else:
            url = _week_url(group.slug, text.slug, reading.number) + f"#q-{question.pk}"
            meta = group.name
        hits.append(
            Hit(
                url=url,
                title=text.title,
                context=_("Week %(number)s: %(title)s")
                % {"number": reading.number, "title": reading.title},
                snippet=snippet,
                meta=meta,
            )
        )
    return hits


def _comments(found: list[backends.Hit], *, user) -> list[Hit]:
    """The comments shown, and (three queries, when the searcher hides spoilers) which of
    them are on weeks the searcher has not reached: those lose their snippet."""
    rows = Comment.objects.filter(pk__in=[h.pk for h in found]).select_related(
        "group", "reading__text", "author"
    )
    shown = _in_order(found, rows)
    guard = spoilers.guard(user, {c.group_id for c, _ in shown}) if shown else spoilers.OPEN
    hits = []
    for comment, snippet in shown:
        reading, group = comment.reading, comment.group
        author = comment.author.name if comment.author else _("[deleted account]")
        closed = guard.closed_week(group.pk, reading.pk)
        hits.append(
            Hit(
                url=_week_url(group.slug, reading.text.slug, reading.number) + f"#{comment.anchor}",
                title=group.name,
                context=_("Week %(number)s: %(title)s")
                % {"number": reading.number, "title": reading.title},
                snippet=SafeString("") if closed else snippet,
                meta=f"{author} · {date_format(comment.created_at, 'd M Y')}",
                flag=_("hidden") if comment.is_hidden else "",
                spoiler_week=closed,
                show_url=reverse(
                    "discussion:show_anyway", kwargs={"slug": group.slug, "reading": reading.pk}
                )
                if closed
                else "",
                comment_id=comment.pk,
            )
        )
    return hits


def _week_url(group: str, text: str, number: int) -> str:
    return reverse(
        "discussion:reading_in_text", kwargs={"slug": group, "text": text, "number": number}
    )


ALLOWED: dict[str, Callable[..., QuerySet]] = {
    "paragraph": policy.readable_paragraphs,
    "question": policy.readable_questions,
    "comment": policy.readable_comments,
}
LOADERS: dict[str, Callable[..., list[Hit]]] = {
    "paragraph": _paragraphs,
    "question": _questions,
    "comment": _comments,
}
