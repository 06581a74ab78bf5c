"""One search over texts' paragraphs, questions and comments, limited to what the viewer may see.

Each kind costs two queries whatever the number of hits: the ranked page of ids with its total
and snippets (`backends.search`), then the rows it shows, with their relations.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import QuerySet
from django.urls import reverse
from django.utils.safestring import SafeString

from studygroup import policy
from studygroup.discussion.models import Comment
from studygroup.library.models import Paragraph, Question
from studygroup.search import backends
from studygroup.search import query as q

KINDS = ("paragraph", "question", "comment")
LABELS = {"paragraph": "In the texts", "question": "Questions", "comment": "Comments"}
NOUNS = {"paragraph": ("passage", "passages"), "question": ("question", "questions"),
         "comment": ("comment", "comments")}  # fmt: skip
PREVIEW = 5  # hits per kind when every kind is shown
PAGE_SIZE = 20  # hits per page for a single kind
MAX_PAGE = 10_000  # deepest page a query string may ask for; its offset fits any column


@dataclass
class Hit:
    url: str
    title: str
    context: str
    snippet: SafeString
    meta: str = ""
    flag: str = ""  # e.g. "hidden" for a facilitator


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
    def noun(self) -> str:
        one, many = NOUNS[self.kind]
        return one if self.total == 1 else many

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
        group.hits = LOADERS[k](found) if found else []
        groups.append(group)
    return Results(query=text, terms=terms, groups=groups, kind=kind if single else None)


def _in_order(found: Iterable[backends.Hit], rows: QuerySet) -> list[tuple[object, SafeString]]:
    by_pk = {row.pk: row for row in rows}
    # A row deleted between the two queries is skipped rather than shown broken.
    return [(by_pk[h.pk], q.highlight(h.snippet)) for h in found if h.pk in by_pk]


def _paragraphs(found: list[backends.Hit]) -> list[Hit]:
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


def _questions(found: list[backends.Hit]) -> list[Hit]:
    rows = Question.objects.filter(pk__in=[h.pk for h in found]).select_related(
        "reading__text", "group"
    )
    hits = []
    for question, snippet in _in_order(found, rows):
        reading, text, group = question.reading, question.reading.text, question.group
        if group is None:
            url = reverse("library:reading", kwargs={"slug": text.slug, "number": reading.number})
            meta = "Curated question"
        else:
            url = _week_url(group.slug, text.slug, reading.number) + f"#q-{question.pk}"
            meta = group.name
        hits.append(
            Hit(
                url=url,
                title=text.title,
                context=f"Week {reading.number}: {reading.title}",
                snippet=snippet,
                meta=meta,
            )
        )
    return hits


def _comments(found: list[backends.Hit]) -> list[Hit]:
    rows = Comment.objects.filter(pk__in=[h.pk for h in found]).select_related(
        "group", "reading__text", "author"
    )
    hits = []
    for comment, snippet in _in_order(found, rows):
        reading, group = comment.reading, comment.group
        author = comment.author.name if comment.author else "[deleted account]"
        hits.append(
            Hit(
                url=_week_url(group.slug, reading.text.slug, reading.number) + f"#{comment.anchor}",
                title=group.name,
                context=f"Week {reading.number}: {reading.title}",
                snippet=snippet,
                meta=f"{author} · {comment.created_at:%d %b %Y}",
                flag="hidden" if comment.is_hidden else "",
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
LOADERS: dict[str, Callable[[list[backends.Hit]], list[Hit]]] = {
    "paragraph": _paragraphs,
    "question": _questions,
    "comment": _comments,
}
