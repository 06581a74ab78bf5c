"""Tag pages: every tag in use, and everything with one tag that the viewer may see.

Texts, readings and questions carry tags (django-taggit, one generic `TaggedItem` table).
What counts as visible comes from `policy.py`:

* texts: `readable_texts(user)`;
* readings: the published readings of those texts;
* questions: `readable_questions(user)`: approved ones, curated on published readings of
  readable texts, or a group's own when the group is one the viewer may see.

A tag with nothing visible does not exist for the viewer: it is not listed, and its page is 404.
Both pages cost a fixed number of queries, whatever the number of tags or items.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext
from django.views.decorators.http import require_GET
from taggit.models import Tag, TaggedItem

from studygroup.library.models import Question, Reading, Text
from studygroup.policy import readable_questions, readable_texts

# --- Reads ------------------------------------------------------------------------------


def visible_texts(user) -> QuerySet[Text]:
    return readable_texts(user)


def visible_readings(user) -> QuerySet[Reading]:
    return Reading.objects.published().curated().filter(text__in=readable_texts(user).values("pk"))


def visible_questions(user) -> QuerySet[Question]:
    return readable_questions(user)


def _of(model: type, ids: QuerySet) -> Q:
    """Tagged items of `model` whose object is among `ids` (joins content types: no lookup)."""
    return Q(
        content_type__app_label=model._meta.app_label,
        content_type__model=model._meta.model_name,
        object_id__in=ids,
    )


def visible_tagged_items(user) -> QuerySet[TaggedItem]:
    return TaggedItem.objects.filter(
        _of(Text, visible_texts(user).values("pk"))
        | _of(Reading, visible_readings(user).values("pk"))
        | _of(Question, visible_questions(user).values("pk"))
    )


@dataclass
class TagCount:
    name: str
    slug: str
    count: int


def tag_counts(user) -> list[TagCount]:
    """Every tag on something the user may see, with how many such things (one query)."""
    rows = (
        visible_tagged_items(user)
        .values("tag__name", "tag__slug")
        .annotate(n=Count("pk"))
        .order_by("tag__name")
    )
    return [TagCount(r["tag__name"], r["tag__slug"], r["n"]) for r in rows]


@dataclass
class Tagged:
    tag: Tag
    texts: list[Text]
    readings: list[Reading]
    questions: list[Question]

    @property
    def count(self) -> int:
        return len(self.texts) + len(self.readings) + len(self.questions)


def tagged(user, tag: Tag) -> Tagged:
    """What carries `tag` and is visible to `user`: three queries."""
    texts = list(visible_texts(user).filter(tags=tag).order_by("title"))
    readings = list(
        visible_readings(user).filter(tags=tag).select_related("text").order_by("text__title")
    )
    questions = list(
        visible_questions(user)
        .filter(tags=tag)
        .select_related("reading__text", "group")
        .order_by("reading__text__title", "reading__number", "group__name", "position", "pk")
    )
    return Tagged(tag=tag, texts=texts, readings=readings, questions=questions)


# --- Views ------------------------------------------------------------------------------


@require_GET
def tag_list(request: HttpRequest) -> HttpResponse:
    return render(request, "library/tag_list.html", {"tags": tag_counts(request.user)})


@require_GET
def tag_detail(request: HttpRequest, slug: str) -> HttpResponse:
    tag = Tag.objects.filter(slug=slug).first()
    found = tagged(request.user, tag) if tag is not None else None
    if found is None or not found.count:
        raise Http404(gettext("No such tag."))
    return render(request, "library/tag_detail.html", {"tag": tag, "tagged": found})
