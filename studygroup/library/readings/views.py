"""A text's weekly readings: the list, one week's text, and the editor for those who may edit.

The editor is plain POST forms; with HTMX each form swaps the `#readings` fragment instead.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext, ngettext
from django.views.decorators.vary import vary_on_headers
from django_htmx.middleware import HtmxDetails

from studygroup.library.models import Reading, Section, Text
from studygroup.library.pages import attach_week_pages, week_pages
from studygroup.library.readings import (
    ReadingError,
    generate_readings,
    merge_with_next,
    move_boundary,
    reading_html,
    retitle,
    split_reading,
)
from studygroup.library.readings.forms import RefineForm, RegenerateForm
from studygroup.policy import can_edit_readings, readable_texts


class HtmxHttpRequest(HttpRequest):
    htmx: HtmxDetails


def _text(request: HttpRequest, slug: str) -> Text:
    # A text the user may not read does not exist for them: 404, never 403.
    return get_object_or_404(readable_texts(request.user), slug=slug)


@dataclass
class Week:
    reading: Reading
    sections: list[Section]  # every section the week touches, in order
    move_choices: list[Section]  # where its start may go: from the previous week's start on
    split_choices: list[Section]  # where a split may go: inside the week


def _weeks(text: Text, readings: list[Reading]) -> list[Week]:
    """Each week with the sections it touches: one query for the sections, whatever the size."""
    sections = list(
        Section.objects.filter(text=text).order_by("position").only("id", "title", "level", "kind")
    )
    index = {s.pk: i for i, s in enumerate(sections)}
    spans = []
    for r in readings:
        first = index[r.start_section_id]
        if r.end_section_id is None:
            last = len(sections)
        else:
            last = index[r.end_section_id] + (1 if r.end_paragraph else 0)
        spans.append((first, max(last, first + 1)))
    weeks = []
    for i, (r, (first, last)) in enumerate(zip(readings, spans, strict=True)):
        before = spans[i - 1][0] if i else first
        weeks.append(
            Week(
                reading=r,
                sections=sections[first:last],
                move_choices=sections[before:last],
                split_choices=sections[first:last],
            )
        )
    return weeks


def reading_list(request: HttpRequest, slug: str) -> HttpResponse:
    text = _text(request, slug)
    editor = can_edit_readings(request.user, text)
    readings = Reading.objects.curated().filter(text=text).order_by("number")
    if not editor:
        readings = readings.published()
    readings = list(readings)
    attach_week_pages((reading, text) for reading in readings)
    weeks = _weeks(text, readings)
    return render(
        request, "library/reading_list.html", {"text": text, "weeks": weeks, "editor": editor}
    )


def reading_detail(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    text = _text(request, slug)
    readings = Reading.objects.curated().filter(text=text)
    if not can_edit_readings(request.user, text):
        readings = readings.published()
    numbers = list(readings.order_by("number").values_list("number", flat=True))
    reading = get_object_or_404(readings, number=number)
    reading.text = text  # already loaded; the cache key needs its updated_at
    earlier = [n for n in numbers if n < number]
    later = [n for n in numbers if n > number]
    context = {
        "text": text,
        "reading": reading,
        "html": reading_html(reading),
        "week_pages": week_pages(reading),
        "previous": earlier[-1] if earlier else None,
        "next": later[0] if later else None,
    }
    return render(request, "library/reading_detail.html", context)


def _refine(data: dict) -> str:
    reading = data["reading"]
    action = data["action"]
    if action == "move":
        move_boundary(reading, section=data["section"], paragraph=data["paragraph"])
        return gettext("Week %(number)s now starts at “%(section)s”.") % {
            "number": reading.number,
            "section": reading.start_section,
        }
    if action == "split":
        new = split_reading(reading, section=data["section"], paragraph=data["paragraph"])
        return gettext("Week %(number)s is split; the new week %(new)s follows it.") % {
            "number": reading.number,
            "new": new.number,
        }
    if action == "merge":
        merge_with_next(reading)
        return gettext("Week %(next)s joined week %(number)s.") % {
            "next": reading.number + 1,
            "number": reading.number,
        }
    retitle(reading, title=data["title"])
    return gettext("Week %(number)s is now “%(title)s”.") % {
        "number": reading.number,
        "title": reading.title,
    }


@vary_on_headers("HX-Request")
def readings_edit(request: HtmxHttpRequest, slug: str) -> HttpResponse:
    """Regenerate the split or refine one week (who may: `policy.can_edit_readings`)."""
    text = _text(request, slug)
    if not can_edit_readings(request.user, text):
        raise PermissionDenied
    readings = list(Reading.objects.curated().filter(text=text).order_by("number"))
    regenerate_form = RegenerateForm(initial={"weeks": len(readings) or None})
    error = notice = None
    if request.method == "POST":
        try:
            if request.POST.get("action") == "regenerate":
                regenerate_form = RegenerateForm(request.POST)
                if regenerate_form.is_valid():
                    saved = generate_readings(text, **regenerate_form.options())
                    notice = ngettext(
                        "The text now has %(count)d weekly reading.",
                        "The text now has %(count)d weekly readings.",
                        len(saved),
                    ) % {"count": len(saved)}
            else:
                form = RefineForm(request.POST, text=text)
                if form.is_valid():
                    notice = _refine(form.cleaned_data)
                else:
                    error = " ".join(e for errors in form.errors.values() for e in errors)
        except ReadingError as e:
            error = str(e)
        if notice and not request.htmx:
            messages.success(request, notice)
            return redirect("library:readings_edit", slug=text.slug)
        # Re-query after a write: the fragment shows what is saved, not what we think it is.
        readings = list(Reading.objects.curated().filter(text=text).order_by("number"))
    context = {
        "text": text,
        "weeks": _weeks(text, readings),
        "regenerate_form": regenerate_form,
        "error": error,
        "notice": notice,
    }
    template = "library/readings_edit.html" + ("#readings" if request.htmx else "")
    return render(request, template, context)
