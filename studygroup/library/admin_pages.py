"""The page map in the admin: where each printed page starts, to check an import.

Read-only: the map comes from the source file (a re-import replaces it) and follows
curators' edits by itself (editing.py).
"""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from studygroup.library.models import PageStart


@admin.register(PageStart)
class PageStartAdmin(admin.ModelAdmin):
    list_display = ["page", "text", "paragraph_link", "offset"]
    list_filter = [("text", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["text", "paragraph"]
    search_fields = ["label", "text__title"]
    ordering = ["text", "paragraph__section__position", "paragraph__position", "offset"]
    fields = ["text", "label", "paragraph_link", "offset"]
    readonly_fields = fields

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: PageStart | None = None) -> bool:
        return False

    @admin.display(description=_("Page"), ordering="label")
    def page(self, start: PageStart) -> str:
        return str(start)

    @admin.display(description=_("Starts in"))
    def paragraph_link(self, start: PageStart) -> str:
        url = reverse("admin:library_paragraph_change", args=[start.paragraph_id])
        return format_html(
            '<a href="{}">#{}</a> {}', url, start.paragraph.anchor, start.paragraph.text[:80]
        )
