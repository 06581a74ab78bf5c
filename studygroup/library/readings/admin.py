"""Curating weekly readings in the admin: regenerate with a preview, then refine week by week.

Imported by studygroup/library/admin.py, which owns the rest of the library's admin. A Text
admin can offer `regenerate_readings` as an action; it leads to `ReadingAdmin.regenerate_view`.
"""

from __future__ import annotations

from itertools import zip_longest
from typing import Any

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import Count, Max, Q, QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import URLPattern, path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext, gettext_lazy, ngettext
from django.views.decorators.http import require_POST

from studygroup import policy
from studygroup.library.admin_curation import (
    TagAutocompleteMixin,
    add_tag,
    publish_readings,
    remove_tag,
    unpublish_readings,
)
from studygroup.library.curation import move_question
from studygroup.library.models import Question, Reading, Text
from studygroup.library.readings import (
    ReadingError,
    generate_readings,
    merge_with_next,
    move_boundary,
    preview_readings,
    retitle,
    split_reading,
)
from studygroup.library.readings.forms import BoundaryForm, RegenerateForm, RetitleForm
from studygroup.params import bounded_int

PERMISSION = "library.change_reading"


class QuestionInline(TagAutocompleteMixin, admin.TabularInline):
    """The curated questions of a week: the ones every group gets (group empty).

    New questions go to the end; the arrows reorder saved ones (they submit the page to
    the move view, so save typed edits first).
    """

    model = Question
    formfield_overrides = {
        models.TextField: {"widget": forms.Textarea(attrs={"rows": 2, "cols": 45})},
    }
    fields = ["body", "status", "tags", "position", "order_buttons"]
    readonly_fields = ["position", "order_buttons"]
    ordering = ["position", "pk"]
    extra = 0
    verbose_name = gettext_lazy("curated question")
    verbose_name_plural = gettext_lazy("curated questions")

    def get_queryset(self, request: HttpRequest) -> QuerySet[Question]:
        return super().get_queryset(request).filter(group__isnull=True)

    @admin.display(description=gettext_lazy("order"))
    def order_buttons(self, question: Question) -> str:
        if question.pk is None:
            return ""
        url = reverse(
            "admin:library_reading_move_question", args=[question.reading_id, question.pk]
        )
        button = (
            '<button type="submit" formaction="{}" formnovalidate name="direction" value="{}" '
            'class="button" title="{}" aria-label="{}">{}</button>'
        )
        short = question.body[:40]
        return format_html(
            button + " " + button,
            url,
            "up",
            gettext("Move up"),
            gettext("Move “%(question)s” up") % {"question": short},
            "↑",
            url,
            "down",
            gettext("Move down"),
            gettext("Move “%(question)s” down") % {"question": short},
            "↓",
        )


@admin.register(Reading)
class ReadingAdmin(TagAutocompleteMixin, admin.ModelAdmin):
    list_display = [
        "number",
        "title",
        "text",
        "words",
        "minutes",
        "is_published",
        "question_count",
        "tag_list",
    ]
    list_display_links = ["number", "title"]
    list_filter = ["text", "is_published", ("tags", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["text"]
    actions = [publish_readings, unpublish_readings, add_tag, remove_tag]
    search_fields = ["title", "text__title"]
    ordering = ["text", "number"]
    fields = ["text", "number", "title", "is_published", "tags", "span", "words", "minutes"]
    readonly_fields = ["text", "number", "span", "words", "minutes"]
    inlines = [QuestionInline]
    change_form_template = "admin/library/reading/change_form.html"
    change_list_template = "admin/library/reading/change_list.html"

    # Weeks come from "Regenerate" and change by merge/split/move, which keep them contiguous;
    # adding or deleting one by hand would leave a gap or an overlap.
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Reading | None = None) -> bool:
        return False

    def get_queryset(self, request: HttpRequest) -> QuerySet[Reading]:
        # The curated split only: a group's own weeks are its facilitators' (groups/split.py).
        curated = Q(questions__group__isnull=True, questions__status=Question.Status.APPROVED)
        return (
            super()
            .get_queryset(request)
            .curated()
            .annotate(question_count=Count("questions", filter=curated, distinct=True))
            .prefetch_related("tags")
        )

    @admin.display(description=gettext_lazy("questions"), ordering="question_count")
    def question_count(self, obj: Reading) -> int:
        return obj.question_count

    @admin.display(description=gettext_lazy("tags"))
    def tag_list(self, obj: Reading) -> str:
        return ", ".join(sorted(tag.name for tag in obj.tags.all()))

    def save_formset(self, request, form, formset, change) -> None:
        if formset.model is Question:
            # New curated questions go after the ones already there.
            last = formset.instance.questions.filter(group__isnull=True).aggregate(
                last=Max("position")
            )["last"]
            following = -1 if last is None else last
            for row in formset.forms:
                if (
                    row.instance.pk is None
                    and row.has_changed()
                    and row not in formset.deleted_forms
                ):
                    following += 1
                    row.instance.position = following
        super().save_formset(request, form, formset, change)

    @admin.display(description=gettext_lazy("covers"))
    def span(self, obj: Reading) -> str:
        start = f"{obj.start_section}" + (
            f", from ¶{obj.start_paragraph + 1}" * bool(obj.start_paragraph)
        )
        if obj.end_section is None:
            return f"{start} → the end of the text"
        end = f"{obj.end_section}" + (f", ¶{obj.end_paragraph + 1}" * bool(obj.end_paragraph))
        return f"{start} → up to {end}"

    def get_urls(self) -> list[URLPattern]:
        wrap = self.admin_site.admin_view
        return [
            path(
                "regenerate/<id:text_id>/",
                wrap(self.regenerate_view),
                name="library_reading_regenerate",
            ),
            path("<id:pk>/merge/", wrap(self.merge_view), name="library_reading_merge"),
            path("<id:pk>/split/", wrap(self.split_view), name="library_reading_split"),
            path("<id:pk>/move/", wrap(self.move_view), name="library_reading_move"),
            path("<id:pk>/retitle/", wrap(self.retitle_view), name="library_reading_retitle"),
            path(
                "<id:pk>/questions/<id:question_id>/move/",
                wrap(self.move_question_view),
                name="library_reading_move_question",
            ),
            *super().get_urls(),
        ]

    def changelist_view(self, request: HttpRequest, extra_context: dict | None = None):
        # Offer "Regenerate" once the list is narrowed to one text.
        text_id = bounded_int(request.GET.get("text__id__exact"), minimum=1)
        extra = {"regenerate_text_id": text_id}
        return super().changelist_view(request, {**extra, **(extra_context or {})})

    # --- views ---------------------------------------------------------------------------------

    def _check(self, request: HttpRequest) -> None:
        if not policy.is_curator(request.user, PERMISSION):
            raise PermissionDenied

    def _context(self, request: HttpRequest, title: str, **extra: Any) -> dict[str, Any]:
        return {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": title,
            **extra,
        }

    def regenerate_view(self, request: HttpRequest, text_id: int) -> HttpResponse:
        """Choose weeks or minutes, compare the new split with the current one, then save."""
        self._check(request)
        text = get_object_or_404(Text, pk=text_id)
        current = list(Reading.objects.curated().filter(text=text).order_by("number"))
        initial = {"weeks": len(current) or None}
        form = RegenerateForm(request.POST or None, initial=initial)
        proposed = []
        if request.method == "POST" and form.is_valid():
            try:
                if "confirm" in request.POST:
                    saved = generate_readings(text, **form.options())
                    self.message_user(
                        request, f"“{text}” now has {len(saved)} weekly readings.", messages.SUCCESS
                    )
                    url = reverse("admin:library_reading_changelist")
                    return HttpResponseRedirect(f"{url}?text__id__exact={text.pk}")
                proposed = preview_readings(text, **form.options())
            except ReadingError as e:
                form.add_error(None, str(e))
        context = self._context(
            request,
            f"Regenerate the weekly split of “{text}”",
            text=text,
            form=form,
            current=current,
            proposed=proposed,
            rows=list(zip_longest(current, proposed)),
            confirm_values=form.cleaned_data if proposed else None,
        )
        return TemplateResponse(request, "admin/library/reading/regenerate.html", context)

    def _refine(
        self,
        request: HttpRequest,
        pk: int,
        *,
        title: str,
        form_class: type | None,
        apply,
        form_kwargs: dict[str, Any] | None = None,
    ) -> HttpResponse:
        self._check(request)
        reading = get_object_or_404(Reading.objects.curated().select_related("text"), pk=pk)
        kwargs = {"text": reading.text} if form_class is BoundaryForm else {}
        kwargs.update(form_kwargs or {})
        form = form_class(request.POST or None, **kwargs) if form_class else None
        error = None
        if request.method == "POST" and (form is None or form.is_valid()):
            try:
                message = apply(reading, form.cleaned_data if form else {})
            except ReadingError as e:
                error = str(e)
            else:
                self.message_user(request, message, messages.SUCCESS)
                return redirect("admin:library_reading_change", reading.pk)
        context = self._context(
            request,
            title % {"number": reading.number},
            reading=reading,
            original=reading,
            form=form,
            error=error,
        )
        return TemplateResponse(request, "admin/library/reading/refine.html", context)

    def move_question_view(self, request: HttpRequest, pk: int, question_id: int) -> HttpResponse:
        return require_POST(self._move_question)(request, pk, question_id)

    def _move_question(self, request: HttpRequest, pk: int, question_id: int) -> HttpResponse:
        if not policy.is_curator(request.user, "library.change_question"):
            raise PermissionDenied
        question = get_object_or_404(Question, pk=question_id, reading_id=pk)
        up = request.POST.get("direction") != "down"
        if move_question(question, up=up):
            self.message_user(
                request,
                (
                    gettext("Moved “%(question)s” up.")
                    if up
                    else gettext("Moved “%(question)s” down.")
                )
                % {"question": question},
                messages.SUCCESS,
            )
        else:
            already = (
                gettext("“%(question)s” is already first.")
                if up
                else gettext("“%(question)s” is already last.")
            )
            self.message_user(request, already % {"question": question}, messages.WARNING)
        return redirect("admin:library_reading_change", pk)

    def merge_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        def apply(reading: Reading, data: dict) -> str:
            merged = merge_with_next(reading)
            return gettext("Week %(next)s joined week %(number)s.") % {
                "next": merged.number + 1,
                "number": merged.number,
            }

        return self._refine(
            request,
            pk,
            title=gettext("Merge week %(number)s with the next"),
            form_class=None,
            apply=apply,
        )

    def split_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        def apply(reading: Reading, data: dict) -> str:
            new = split_reading(reading, section=data["section"], paragraph=data["paragraph"])
            return gettext("Week %(number)s now ends where the new week %(new)s starts.") % {
                "number": reading.number,
                "new": new.number,
            }

        return self._refine(
            request,
            pk,
            title=gettext("Split week %(number)s"),
            form_class=BoundaryForm,
            apply=apply,
        )

    def move_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        def apply(reading: Reading, data: dict) -> str:
            move_boundary(reading, section=data["section"], paragraph=data["paragraph"])
            return gettext("Week %(number)s now starts at “%(section)s”.") % {
                "number": reading.number,
                "section": reading.start_section,
            }

        return self._refine(
            request,
            pk,
            title=gettext("Move the start of week %(number)s"),
            form_class=BoundaryForm,
            apply=apply,
        )

    def retitle_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        def apply(reading: Reading, data: dict) -> str:
            retitle(reading, title=data["title"])
            return gettext("Week %(number)s is now “%(title)s”.") % {
                "number": reading.number,
                "title": reading.title,
            }

        reading = get_object_or_404(Reading, pk=pk)
        return self._refine(
            request,
            pk,
            title=gettext("Retitle week %(number)s"),
            form_class=RetitleForm,
            apply=apply,
            form_kwargs={"initial": {"title": reading.title}},
        )


@admin.register(Question)
class QuestionAdmin(TagAutocompleteMixin, admin.ModelAdmin):
    list_display = [
        "short_body",
        "reading",
        "text_title",
        "group",
        "status",
        "position",
        "tag_list",
    ]
    list_filter = [
        "status",
        ("group", admin.EmptyFieldListFilter),
        "reading__text",
        ("tags", admin.RelatedOnlyFieldListFilter),  # only the tags of the questions listed
    ]
    list_select_related = ["reading__text", "group"]
    search_fields = ["body", "reading__title", "reading__text__title"]
    ordering = ["reading__text__title", "reading__number", "group", "position", "pk"]
    autocomplete_fields = ["reading"]
    raw_id_fields = ["group", "proposed_by"]
    actions = ["move_up", "move_down", add_tag, remove_tag]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Question]:
        questions = super().get_queryset(request).prefetch_related("tags")
        return policy.admin_questions(request.user, questions)

    def get_readonly_fields(self, request: HttpRequest, obj: Question | None = None) -> list[str]:
        # A curator must not move a curated question into (or name) a private group.
        fields = list(super().get_readonly_fields(request, obj))
        if not policy.is_site_admin(request.user):
            fields += ["group", "proposed_by"]
        return fields

    @admin.display(description=gettext_lazy("question"))
    def short_body(self, obj: Question) -> str:
        return obj.body[:80]

    @admin.display(description=gettext_lazy("text"), ordering="reading__text__title")
    def text_title(self, obj: Question) -> str:
        return obj.reading.text.title

    @admin.display(description=gettext_lazy("tags"))
    def tag_list(self, obj: Question) -> str:
        return ", ".join(sorted(tag.name for tag in obj.tags.all()))

    def _move(self, request: HttpRequest, queryset: QuerySet[Question], *, up: bool) -> None:
        # Top first when moving up (bottom first when down), so a selected run moves together.
        order = ["position", "pk"] if up else ["-position", "-pk"]
        moved = sum(move_question(q, up=up) for q in queryset.order_by("reading", *order))
        self.message_user(
            request,
            (
                ngettext("%(count)d question moved up.", "%(count)d questions moved up.", moved)
                if up
                else ngettext(
                    "%(count)d question moved down.", "%(count)d questions moved down.", moved
                )
            )
            % {"count": moved},
            messages.SUCCESS,
        )

    @admin.action(description=gettext_lazy("Move up within their reading"), permissions=["change"])
    def move_up(self, request: HttpRequest, queryset: QuerySet[Question]) -> None:
        self._move(request, queryset, up=True)

    @admin.action(
        description=gettext_lazy("Move down within their reading"), permissions=["change"]
    )
    def move_down(self, request: HttpRequest, queryset: QuerySet[Question]) -> None:
        self._move(request, queryset, up=False)


@admin.action(description=gettext_lazy("Regenerate the weekly split"))
def regenerate_readings(
    modeladmin: admin.ModelAdmin, request: HttpRequest, queryset: QuerySet[Text]
) -> HttpResponse | None:
    """For the Text admin's `actions`: opens the regenerate page of the one selected text."""
    texts = list(queryset[:2])
    if len(texts) != 1:
        modeladmin.message_user(request, gettext("Choose one text at a time."), messages.WARNING)
        return None
    return redirect("admin:library_reading_regenerate", texts[0].pk)
