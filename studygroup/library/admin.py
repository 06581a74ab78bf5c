"""Library admin: import with a preview, re-import in place, and curation.

Import and re-import are one two-step wizard (upload → preview → save), written in
`studygroup.library.uploads.admin_views`; `TextAdmin` only routes to it.

Every structural edit (rename, re-level, merge, split, move, paragraph edits and
deletions) goes through `studygroup.library.editing`, which keeps paragraph ids,
positions, word counts and reading boundaries right.
"""

from __future__ import annotations

from collections.abc import Callable

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import URLPattern, path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext, gettext_lazy, ngettext, ngettext_lazy
from django.views.decorators.http import require_POST

from studygroup.cache import bump_rows_on_commit
from studygroup.library import editing
from studygroup.library.admin_curation import (
    TagAutocompleteMixin,
    add_tag,
    dashboard_view,
    publish_upload_view,
    remove_tag,
)
from studygroup.library.admin_pages import PageStartAdmin  # noqa: F401 - registers it
from studygroup.library.editing import EditRefused
from studygroup.library.models import (
    CuratorEdit,
    Footnote,
    Paragraph,
    Section,
    Text,
)
from studygroup.library.readings.admin import regenerate_readings
from studygroup.library.uploads.admin_views import import_view, reimport_view

# tests/library/test_admin.py imports the preview builder from here.

# --------------------------------------------------------------------------- inlines


class SectionInline(admin.TabularInline):
    model = Section
    fields = ["position", "title", "level", "kind", "words", "edit_link"]
    readonly_fields = ["position", "words", "edit_link"]
    ordering = ["position"]
    extra = 0
    can_delete = False  # merge or delete from the section's own page, where readings are checked
    show_change_link = False

    def has_add_permission(self, request: HttpRequest, obj: Text | None = None) -> bool:
        return False  # new sections come from splitting one

    @admin.display(description=gettext_lazy("Paragraphs"))
    def edit_link(self, section: Section) -> str:
        url = reverse("admin:library_section_change", args=[section.pk])
        return format_html('<a href="{}">{}</a>', url, gettext("Edit paragraphs and structure"))


class ParagraphForm(forms.ModelForm):
    text = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3, "cols": 90}),
        help_text=gettext_lazy("Footnote references are written [^n]."),
    )

    class Meta:
        model = Paragraph
        fields = ["kind", "text"]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            # Show the footnote references where they stand, as [^n].
            self.initial["text"] = editing.editable_text(self.instance)

    def clean(self) -> dict:
        data = super().clean()
        if "text" in data and self.instance.pk and self.has_changed():
            kind = data.get("kind") or self.instance.kind
            clean, refs = editing.parse_editable_text(data["text"], kind=kind)
            if not clean:
                self.add_error("text", gettext("A paragraph can't be empty; delete it instead."))
            numbers = {ref.number for ref in refs}
            known = set(
                Footnote.objects.filter(
                    text_id=self.instance.section.text_id, number__in=numbers
                ).values_list("number", flat=True)
            )
            if numbers - known:
                missing = ", ".join(str(n) for n in sorted(numbers - known))
                self.add_error(
                    "text", gettext("This text has no note %(missing)s.") % {"missing": missing}
                )
        return data


class ParagraphInline(admin.TabularInline):
    model = Paragraph
    form = ParagraphForm
    fields = ["position", "kind", "text", "words", "anchor_link"]
    readonly_fields = ["position", "words", "anchor_link"]
    ordering = ["position"]
    extra = 0

    def has_add_permission(self, request: HttpRequest, obj: Section | None = None) -> bool:
        return False

    @admin.display(description=gettext_lazy("Id"))
    def anchor_link(self, paragraph: Paragraph) -> str:
        return format_html("#{}", paragraph.anchor)


# --------------------------------------------------------------------------- Text


@admin.register(Text)
class TextAdmin(TagAutocompleteMixin, admin.ModelAdmin):
    list_display = [
        "title",
        "author",
        "words",
        "is_public",
        "section_count",
        "warning_count",
        "tag_list",
        "imported_by",
    ]
    list_filter = ["is_public", ("tags", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["title", "author"]
    list_select_related = ["imported_by"]
    readonly_fields = [
        "words",
        "original_filename",
        "checksum",
        "warning_list",
        "imported_by",
        "created_at",
        "updated_at",
    ]
    fieldsets = [
        (None, {"fields": ["title", "slug", "author", "source", "language", "is_public", "tags"]}),
        (
            gettext_lazy("Import"),
            {
                "fields": [
                    "words",
                    "warning_list",
                    "original_filename",
                    "checksum",
                    "imported_by",
                    "created_at",
                    "updated_at",
                ]
            },
        ),
    ]
    inlines = [SectionInline]
    actions = ["publish", "unpublish", add_tag, remove_tag, regenerate_readings]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Text]:
        return (
            super()
            .get_queryset(request)
            .annotate(section_count=Count("sections", distinct=True))
            .prefetch_related("tags")
        )

    @admin.display(description=gettext_lazy("Sections"), ordering="section_count")
    def section_count(self, text: Text) -> int:
        return text.section_count

    @admin.display(description=gettext_lazy("Warnings"))
    def warning_count(self, text: Text) -> int:
        return len(text.warnings or [])

    @admin.display(description=gettext_lazy("Tags"))
    def tag_list(self, text: Text) -> str:
        return ", ".join(sorted(tag.name for tag in text.tags.all()))

    @admin.display(description=gettext_lazy("Warnings"))
    def warning_list(self, text: Text) -> str:
        if not text.warnings:
            return "—"
        return format_html(
            "<ul>{}</ul>", format_html_join("", "<li>{}</li>", ((w,) for w in text.warnings))
        )

    @admin.action(description=gettext_lazy("Publish the selected texts"))
    def publish(self, request: HttpRequest, queryset: QuerySet[Text]) -> None:
        self._set_public(request, queryset, public=True)

    @admin.action(
        description=gettext_lazy("Unpublish the selected texts (restricted to adopting groups)")
    )
    def unpublish(self, request: HttpRequest, queryset: QuerySet[Text]) -> None:
        self._set_public(request, queryset, public=False)

    def _set_public(self, request: HttpRequest, queryset: QuerySet[Text], *, public: bool) -> None:
        bump_rows_on_commit(Text, queryset)
        count = queryset.update(is_public=public, updated_at=timezone.now())
        if public:
            done = ngettext(
                "%(count)d text is now public.", "%(count)d texts are now public.", count
            )
        else:
            done = ngettext(
                "%(count)d text is now restricted.", "%(count)d texts are now restricted.", count
            )
        self.message_user(request, done % {"count": count}, messages.SUCCESS)

    def save_formset(self, request, form, formset, change) -> None:
        if formset.model is not Section:
            return super().save_formset(request, form, formset, change)
        # Section rows are edited through editing.py, never saved directly.
        formset.new_objects, formset.deleted_objects, formset.changed_objects = [], [], []
        for row in formset.forms:
            if row.instance.pk is None or not row.has_changed():
                continue
            try:
                _apply_section_changes(
                    row.instance, row.cleaned_data, row.changed_data, request.user
                )
            except EditRefused as refused:
                self.message_user(request, str(refused), messages.ERROR)
                continue
            formset.changed_objects.append((row.instance, row.changed_data))
        return None

    # ---- import and re-import

    def get_urls(self) -> list[URLPattern]:
        wrap = self.admin_site.admin_view
        return [
            path("import/", wrap(self.import_view), name="library_text_import"),
            path("dashboard/", wrap(self.dashboard_view), name="library_dashboard"),
            path(
                "uploads/<id:pk>/publish/",
                wrap(self.publish_upload_view),
                name="library_publish_upload",
            ),
            path("<id:pk>/reimport/", wrap(self.reimport_view), name="library_text_reimport"),
            *super().get_urls(),
        ]

    def dashboard_view(self, request: HttpRequest) -> HttpResponse:
        return dashboard_view(self, request)

    def publish_upload_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        return publish_upload_view(self, request, pk)

    def import_view(self, request: HttpRequest) -> HttpResponse:
        return import_view(self, request)

    def reimport_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        return reimport_view(self, request, pk)


def _apply_section_changes(section: Section, data: dict, changed: list[str], editor) -> None:
    if "title" in changed:
        editing.rename_section(section, title=data["title"], editor=editor)
    if "level" in changed:
        editing.relevel_section(section, level=int(data["level"]))
    if "kind" in changed:
        editing.set_section_kind(section, kind=data["kind"])


# --------------------------------------------------------------------------- Section


def _section_action(
    description, operation: Callable[[Section], object], *, order: str, done, **values
) -> Callable:
    """A SectionAdmin action: `operation` on each selected section in `order`, each
    refusal said, then `done` (ngettext_lazy counted by "count") for the ones made."""

    def action(self, request, queryset) -> None:
        count = 0
        for section in queryset.order_by("text_id", order):
            try:
                operation(section)
            except EditRefused as refused:
                self.message_user(request, str(refused), messages.ERROR)
            else:
                count += 1
        if count:
            self.message_user(request, done % {"count": count, **values}, messages.SUCCESS)

    return admin.action(description=description)(action)


def _relevel_action(level: int, description) -> Callable:
    """A SectionAdmin action that moves the selected sections to `level`."""
    return _section_action(
        description,
        lambda section: editing.relevel_section(section, level=level),
        order="position",
        done=ngettext_lazy(
            "%(count)d section is now at level %(level)d.",
            "%(count)d sections are now at level %(level)d.",
            "count",
        ),
        level=level,
    )


def _to_section(pk: int) -> HttpResponseRedirect:
    return HttpResponseRedirect(reverse("admin:library_section_change", args=[pk]))


class SplitForm(forms.Form):
    at_paragraph = forms.ModelChoiceField(
        queryset=Paragraph.objects.none(),
        label=gettext_lazy("New section starts at"),
        help_text=gettext_lazy("This paragraph and the ones after it move to the new section."),
    )
    title = forms.CharField(label=gettext_lazy("Title"), max_length=300)
    level = forms.TypedChoiceField(
        label=gettext_lazy("Level"),
        coerce=int,
        choices=Section._meta.get_field("level").choices,
        initial=2,
    )

    def __init__(self, *args, section: Section, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        field_ = self.fields["at_paragraph"]
        field_.queryset = section.paragraphs.order_by("position")
        field_.label_from_instance = lambda p: f"{p.position + 1}. {p.text[:90]}"


@admin.register(Section)
class SectionAdmin(admin.ModelAdmin):
    list_display = ["title", "text", "position", "level", "kind", "words"]
    list_filter = ["level", "kind", ("text", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["title", "text__title"]
    list_select_related = ["text"]
    ordering = ["text", "position"]
    fields = ["text_link", "title", "level", "kind", "position", "words"]
    readonly_fields = ["text_link", "position", "words"]
    inlines = [ParagraphInline]
    actions = [
        "make_level_1",
        "make_level_2",
        "make_level_3",
        "move_up",
        "move_down",
        "merge_into_previous",
    ]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # sections come from imports and splits

    @admin.display(description=gettext_lazy("Text"))
    def text_link(self, section: Section) -> str:
        url = reverse("admin:library_text_change", args=[section.text_id])
        return format_html('<a href="{}">{}</a>', url, section.text)

    # ---- saving through editing.py

    def save_model(self, request, obj: Section, form, change: bool) -> None:
        try:
            _apply_section_changes(obj, form.cleaned_data, form.changed_data, request.user)
        except EditRefused as refused:
            self.message_user(request, str(refused), messages.ERROR)

    def save_formset(self, request, form, formset, change) -> None:
        formset.new_objects, formset.deleted_objects, formset.changed_objects = [], [], []
        deleted = {row.instance.pk for row in formset.deleted_forms if row.instance.pk}
        for row in formset.forms:
            paragraph = row.instance
            try:
                if paragraph.pk in deleted:
                    editing.delete_paragraph(paragraph)
                    formset.deleted_objects.append(paragraph)
                elif paragraph.pk and row.has_changed():
                    editing.edit_paragraph(
                        paragraph,
                        text=row.cleaned_data["text"],
                        kind=row.cleaned_data["kind"],
                        editor=request.user,
                    )
                    formset.changed_objects.append((paragraph, row.changed_data))
            except EditRefused as refused:
                self.message_user(request, str(refused), messages.ERROR)

    def delete_model(self, request: HttpRequest, obj: Section) -> None:
        # The delete view has already refused sections that readings PROTECT.
        editing.delete_section(obj)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Section]) -> None:
        for section in queryset.order_by("-position"):
            editing.delete_section(section)

    # ---- actions

    # Re-level: one action per level (1 a part or chapter, 2 a chapter in a part or a
    # sub-heading, 3 a sub-heading in a chapter in a part), as Section.level's choices.
    make_level_1 = _relevel_action(1, gettext_lazy("Make level 1 (a part, or a chapter)"))
    make_level_2 = _relevel_action(
        2, gettext_lazy("Make level 2 (a chapter in a part, or a sub-heading)")
    )
    make_level_3 = _relevel_action(
        3, gettext_lazy("Make level 3 (a sub-heading in a chapter in a part)")
    )

    # Top first, so that a run of selected sections moves up together.
    move_up = _section_action(
        gettext_lazy("Move up"),
        lambda s: editing.move_section(s, up=True),
        order="position",
        done=ngettext_lazy("%(count)d section moved up.", "%(count)d sections moved up.", "count"),
    )
    move_down = _section_action(
        gettext_lazy("Move down"),
        lambda s: editing.move_section(s, up=False),
        order="-position",
        done=ngettext_lazy(
            "%(count)d section moved down.", "%(count)d sections moved down.", "count"
        ),
    )
    # Bottom first: a run of selected sections folds into the one above it.
    merge_into_previous = _section_action(
        gettext_lazy("Merge into the previous section"),
        editing.merge_section_into_previous,
        order="-position",
        done=ngettext_lazy(
            "%(count)d section merged into the previous section.",
            "%(count)d sections merged into the previous section.",
            "count",
        ),
    )

    # ---- object buttons

    def get_urls(self) -> list[URLPattern]:
        wrap = self.admin_site.admin_view
        return [
            path("<id:pk>/move/", wrap(self.move_view), name="library_section_move"),
            path("<id:pk>/merge/", wrap(self.merge_view), name="library_section_merge"),
            path("<id:pk>/split/", wrap(self.split_view), name="library_section_split"),
            *super().get_urls(),
        ]

    def _section(self, request: HttpRequest, pk: int) -> Section:
        section = get_object_or_404(Section.objects.select_related("text"), pk=pk)
        if not self.has_change_permission(request, section):
            raise PermissionDenied
        return section

    def _run(self, request: HttpRequest, operation, success: str) -> Section | None:
        try:
            result = operation()
        except EditRefused as refused:
            self.message_user(request, str(refused), messages.ERROR)
            return None
        self.message_user(request, success, messages.SUCCESS)
        return result

    def move_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        return require_POST(self._move)(request, pk)

    def _move(self, request: HttpRequest, pk: int) -> HttpResponse:
        section = self._section(request, pk)
        up = request.POST.get("direction") != "down"
        self._run(
            request,
            lambda: editing.move_section(section, up=up),
            (gettext("Moved “%(title)s” up.") if up else gettext("Moved “%(title)s” down."))
            % {"title": section.title},
        )
        return _to_section(pk)

    def merge_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        return require_POST(self._merge)(request, pk)

    def _merge(self, request: HttpRequest, pk: int) -> HttpResponse:
        section = self._section(request, pk)
        previous = self._run(
            request,
            lambda: editing.merge_section_into_previous(section),
            gettext("Merged “%(title)s” into the previous section.") % {"title": section.title},
        )
        return _to_section(previous.pk if previous else pk)

    def split_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        section = self._section(request, pk)
        form = SplitForm(request.POST or None, section=section)
        if request.method == "POST" and form.is_valid():
            new = self._run(
                request,
                lambda: editing.split_section(
                    section,
                    at_paragraph=form.cleaned_data["at_paragraph"],
                    title=form.cleaned_data["title"],
                    level=form.cleaned_data["level"],
                ),
                gettext("Split “%(title)s”.") % {"title": section.title},
            )
            return _to_section(new.pk if new else pk)
        return TemplateResponse(
            request,
            "admin/library/section/split.html",
            {
                **self.admin_site.each_context(request),
                "opts": self.model._meta,
                "title": gettext("Split “%(title)s”") % {"title": section.title},
                "original": section,
                "form": form,
            },
        )


# --------------------------------------------------------------------------- Footnote


@admin.register(Footnote)
class FootnoteAdmin(admin.ModelAdmin):
    list_display = ["number", "text", "short_body", "cited_count"]
    list_display_links = ["number"]
    list_filter = [("text", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["text"]
    search_fields = ["body", "text__title"]
    ordering = ["text", "number"]
    fields = ["text", "number", "body", "cited_count", "cited_in"]
    readonly_fields = ["text", "cited_count", "cited_in"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Footnote]:
        return super().get_queryset(request).annotate(cited_count=Count("cited_by"))

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # notes come with their text's import

    @admin.display(description=gettext_lazy("Note"))
    def short_body(self, note: Footnote) -> str:
        return note.body[:100] or gettext("(marker without a note)")

    @admin.display(description=gettext_lazy("Cited by"), ordering="cited_count")
    def cited_count(self, note: Footnote) -> int:
        return note.cited_count

    @admin.display(description=gettext_lazy("Cited in"))
    def cited_in(self, note: Footnote) -> str:
        sections = (
            Section.objects.filter(paragraphs__footnotes=note)
            .distinct()
            .order_by("position")
            .values_list("pk", "title")
        )
        links = (
            (reverse("admin:library_section_change", args=[pk]), title) for pk, title in sections
        )
        return format_html_join(", ", '<a href="{}">{}</a>', links) or "—"


# --------------------------------------------------------------------------- Paragraph


@admin.register(Paragraph)
class ParagraphAdmin(admin.ModelAdmin):
    """Find a paragraph by its words; edit it on its section's page, through editing.py."""

    list_display = ["anchor_id", "short_text", "kind", "words", "section_link", "text_title"]
    list_display_links = ["anchor_id"]
    list_filter = ["kind", ("section__text", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["section__text"]
    search_fields = ["text", "section__title", "section__text__title"]
    ordering = ["section__text", "section__position", "position"]
    fields = ["section_link", "position", "kind", "text", "words"]
    readonly_fields = fields

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Paragraph | None = None) -> bool:
        return False  # edits go through the section page, which keeps ids and readings right

    # Deleting stays allowed (a section's delete page checks it for the cascade), and goes
    # through editing.py, which moves the paragraph's comments to its section.
    def delete_model(self, request: HttpRequest, obj: Paragraph) -> None:
        self.delete_queryset(request, Paragraph.objects.filter(pk=obj.pk))

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Paragraph]) -> None:
        for paragraph in queryset.order_by("section_id", "-position"):
            try:
                editing.delete_paragraph(paragraph)
            except EditRefused as refused:
                self.message_user(request, str(refused), messages.ERROR)

    @admin.display(description=gettext_lazy("Id"), ordering="pk")
    def anchor_id(self, paragraph: Paragraph) -> str:
        return f"#{paragraph.anchor}"

    @admin.display(description=gettext_lazy("Paragraph"))
    def short_text(self, paragraph: Paragraph) -> str:
        return paragraph.text[:100]

    @admin.display(description=gettext_lazy("Section"))
    def section_link(self, paragraph: Paragraph) -> str:
        url = reverse("admin:library_section_change", args=[paragraph.section_id])
        return format_html('<a href="{}">{}</a>', url, paragraph.section.title)

    @admin.display(description=gettext_lazy("Text"), ordering="section__text__title")
    def text_title(self, paragraph: Paragraph) -> str:
        return paragraph.section.text.title


# --------------------------------------------------------------------------- CuratorEdit


@admin.register(CuratorEdit)
class CuratorEditAdmin(admin.ModelAdmin):
    """The record of corrections made in place: read only, written by editing.py."""

    list_display = ["edited_at", "text", "target", "short_old", "short_new", "edited_by"]
    list_filter = ["target", ("text", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["text", "edited_by"]
    search_fields = ["old_value", "new_value", "text__title"]
    ordering = ["-edited_at", "-pk"]
    fields = ["text", "target", "paragraph", "section", "old_value", "new_value", "edited_by"]
    readonly_fields = [*fields, "edited_at"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: CuratorEdit | None = None) -> bool:
        return False

    @admin.display(description=gettext_lazy("Before"))
    def short_old(self, edit: CuratorEdit) -> str:
        return edit.old_value[:80]

    @admin.display(description=gettext_lazy("After"))
    def short_new(self, edit: CuratorEdit) -> str:
        return edit.new_value[:80]
