"""Reader pages: the library, a text's contents, one section at a time."""

from __future__ import annotations

from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from studygroup import policy
from studygroup.library.models import Footnote, Paragraph, Section, Text
from studygroup.library.pages import mark_pages, page_starts_prefetch


@require_GET
def text_list(request: HttpRequest) -> HttpResponse:
    texts = policy.readable_texts(request.user).prefetch_related("tags")
    return render(request, "library/text_list.html", {"texts": texts})


def _toc(text: Text) -> list[Section]:
    return list(text.sections.only("id", "title", "level", "kind", "words", "position", "text_id"))


@require_GET
def text_detail(request: HttpRequest, slug: str) -> HttpResponse:
    text = get_object_or_404(
        policy.readable_texts(request.user).prefetch_related("tags"), slug=slug
    )
    toc = _toc(text)
    return render(request, "library/text_detail.html", {"text": text, "toc": toc})


@require_GET
def section_detail(request: HttpRequest, slug: str, section: int) -> HttpResponse:
    text = get_object_or_404(policy.readable_texts(request.user), slug=slug)
    toc = _toc(text)
    index = next((i for i, s in enumerate(toc) if s.pk == section), None)
    if index is None:
        return get_object_or_404(Section, pk=0)  # raises Http404
    current = toc[index]
    paragraphs = list(
        Paragraph.objects.filter(section=current)
        .only("id", "kind", "html", "section_id")
        .prefetch_related(page_starts_prefetch())
    )
    mark_pages(paragraphs)
    notes = list(
        Footnote.objects.filter(cited_by__section=current)
        .distinct()
        .order_by("number")
        .prefetch_related(Prefetch("cited_by", queryset=Paragraph.objects.only("id")))
    )
    context = {
        "text": text,
        "toc": toc,
        "section": current,
        "paragraphs": paragraphs,
        "notes": notes,
        "previous": toc[index - 1] if index > 0 else None,
        "next": toc[index + 1] if index + 1 < len(toc) else None,
    }
    return render(request, "library/section_detail.html", context)
