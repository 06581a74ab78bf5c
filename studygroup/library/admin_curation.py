"""Admin pieces shared by the library's model admins: tag autocomplete, bulk tag and publish
actions, and the curator dashboard.

The writes go through `studygroup.library.curation`; this module only turns them into admin
actions, forms and pages.
"""

from __future__ import annotations

from collections.abc import Iterable

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseNotAllowed,
    HttpResponseRedirect,
)
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext, gettext_lazy, ngettext
from taggit.admin import TagAdmin as TaggitTagAdmin
from taggit.admin import TaggedItemInline as TaggitTaggedItemInline
from taggit.forms import TagField, TagWidget
from taggit.managers import TaggableManager
from taggit.models import Tag

from studygroup import policy
from studygroup.library import curation

TAG_SUGGESTIONS = 1000  # names offered in a tags field's <datalist>

# --------------------------------------------------------------------------- tag autocomplete


def tag_names(user=None) -> list[str]:
    """Names to suggest: those the user may see in the admin (`policy.admin_tags`); without a
    user, only the library's own."""
    tags = Tag.objects.order_by("name")
    if user is None:
        tags = tags.filter(pk__in=policy.curated_tagged_items().values("tag_id"))
    else:
        tags = policy.admin_tags(user, tags)
    return list(tags.values_list("name", flat=True)[:TAG_SUGGESTIONS])


class TagDatalistWidget(TagWidget):
    """taggit's comma-separated input plus a <datalist> of the existing tag names.

    The browser completes the first name by itself; library/tag-datalist.js (no library)
    extends the suggestions to the name after the last comma. `names` may be shared by every
    copy of the widget (all the rows of an inline), so the names are read once per page.
    """

    class Media:
        js = ["library/tag-datalist.js"]

    def __init__(self, attrs: dict | None = None, names: Iterable[str] | None = None) -> None:
        super().__init__(attrs)
        self.names = names

    def __deepcopy__(self, memo: dict) -> TagDatalistWidget:
        copy = super().__deepcopy__(memo)
        copy.names = self.names  # one lazy list for every form of a formset
        return copy

    def render(self, name, value, attrs=None, renderer=None) -> str:
        attrs = {**(attrs or {})}
        list_id = f"{attrs.get('id') or self.attrs.get('id') or 'id_' + name}_datalist"
        attrs.update({"list": list_id, "autocomplete": "off", "data-tag-datalist": True})
        names = tag_names() if self.names is None else self.names
        options = format_html_join(
            "", '<option value="{}" data-name="{}"></option>', ((n, n) for n in names)
        )
        datalist = format_html('<datalist id="{}">{}</datalist>', list_id, options)
        return format_html("{}{}", super().render(name, value, attrs, renderer), datalist)


def _request_tag_names(request: HttpRequest | None) -> Iterable[str]:
    """Tag names read at most once per request, and only when a tags field is rendered."""
    if request is None:
        return SimpleLazyObject(tag_names)
    names = getattr(request, "_library_tag_names", None)
    if names is None:
        names = SimpleLazyObject(lambda: tag_names(request.user))
        request._library_tag_names = names
    return names


class TagAutocompleteMixin:
    """For ModelAdmins and inlines: every TaggableManager gets the datalist widget."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if isinstance(db_field, TaggableManager):
            kwargs["widget"] = TagDatalistWidget(names=_request_tag_names(request))
            kwargs.setdefault(
                "help_text",
                gettext_lazy("Comma-separated; existing tags are suggested as you type."),
            )
        return super().formfield_for_dbfield(db_field, request, **kwargs)


# --------------------------------------------------------------------------- tag actions


class TagActionForm(forms.Form):
    tags = TagField(
        label=gettext_lazy("Tags"),
        help_text=gettext_lazy("One or more, comma-separated. Names with spaces need no quotes."),
        widget=TagDatalistWidget,
    )


def _tag_action(
    modeladmin: admin.ModelAdmin, request: HttpRequest, queryset: QuerySet, *, remove: bool
) -> HttpResponse | None:
    """An intermediate page asks for the tags, then tags (or untags) the selection."""
    form = TagActionForm(request.POST if "apply" in request.POST else None)
    if form.is_bound and form.is_valid():
        names = form.cleaned_data["tags"]
        service = curation.remove_tags if remove else curation.add_tags
        count = service(objects=queryset, names=names)
        opts = modeladmin.model._meta
        plural = opts.verbose_name if count == 1 else opts.verbose_name_plural
        done = (
            gettext("Removed %(tags)s from %(count)d %(things)s.")
            if remove
            else gettext("Added %(tags)s to %(count)d %(things)s.")
        )
        modeladmin.message_user(
            request,
            done % {"tags": ", ".join(names), "count": count, "things": plural},
            messages.SUCCESS,
        )
        return None  # back to the change list
    opts = modeladmin.model._meta
    title = (
        gettext("Remove tags from %(count)d %(things)s")
        if remove
        else gettext("Add tags to %(count)d %(things)s")
    )
    return TemplateResponse(
        request,
        "admin/library/tag_action.html",
        {
            **modeladmin.admin_site.each_context(request),
            "title": title % {"count": queryset.count(), "things": opts.verbose_name_plural},
            "opts": opts,
            "form": form,
            "objects": queryset,
            "action": request.POST.get("action", ""),
            "action_checkbox_name": ACTION_CHECKBOX_NAME,
            "select_across": request.POST.get("select_across", "0"),
            "submit": gettext("Remove these tags") if remove else gettext("Add these tags"),
            "media": modeladmin.media + form.media,
        },
    )


@admin.action(
    description=gettext_lazy("Add a tag to the selected %(verbose_name_plural)s"),
    permissions=["change"],
)
def add_tag(modeladmin, request, queryset):
    return _tag_action(modeladmin, request, queryset, remove=False)


@admin.action(
    description=gettext_lazy("Remove a tag from the selected %(verbose_name_plural)s"),
    permissions=["change"],
)
def remove_tag(modeladmin, request, queryset):
    return _tag_action(modeladmin, request, queryset, remove=True)


# --------------------------------------------------------------------------- readings


def _publish_action(modeladmin, request, queryset, *, published: bool) -> None:
    count = curation.set_readings_published(readings=queryset, published=published)
    if published:
        done = ngettext(
            "%(count)d reading is now published.", "%(count)d readings are now published.", count
        )
    else:
        done = ngettext(
            "%(count)d reading is now unpublished.",
            "%(count)d readings are now unpublished.",
            count,
        )
    modeladmin.message_user(request, done % {"count": count}, messages.SUCCESS)


@admin.action(description=gettext_lazy("Publish the selected readings"), permissions=["change"])
def publish_readings(modeladmin, request, queryset) -> None:
    _publish_action(modeladmin, request, queryset, published=True)


@admin.action(description=gettext_lazy("Unpublish the selected readings"), permissions=["change"])
def unpublish_readings(modeladmin, request, queryset) -> None:
    _publish_action(modeladmin, request, queryset, published=False)


# --------------------------------------------------------------------------- dashboard


def dashboard_view(modeladmin: admin.ModelAdmin, request: HttpRequest) -> HttpResponse:
    """What needs a curator: texts with import warnings, weeks without questions, open
    reports (for those who may see them) and this week's busiest discussions."""
    user = request.user
    if not policy.may_see_curator_dashboard(user):
        raise PermissionDenied
    # A private group's name and activity are its own: curators see only the groups they could
    # see on the site; reports are for those who administer groups.
    dashboard = curation.curator_dashboard(
        show_reports=policy.can_administer_groups(user),
        groups=policy.visible_groups(user),
    )
    return TemplateResponse(
        request,
        "admin/library/dashboard.html",
        {
            **modeladmin.admin_site.each_context(request),
            "title": gettext("Curator dashboard"),
            "opts": modeladmin.model._meta,
            "dashboard": dashboard,
            "may_see_groups": policy.can_administer_groups(user),
            **_group_uploads(user),
        },
    )


def _group_uploads(user) -> dict:
    """Texts groups uploaded that are still private (groups registers them): a curator may
    publish one."""
    source = curation.group_uploads()
    rows, count = source.pending(user) if source is not None else ([], 0)
    return {"group_uploads": rows, "group_uploads_count": count}


def publish_upload_view(modeladmin: admin.ModelAdmin, request: HttpRequest, pk: int):
    """Promote a group's private upload to the public library: a POST from the dashboard's
    button, for those who may change texts; recorded in the text's admin history."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if not policy.is_curator(request.user, "library.change_text"):
        raise PermissionDenied
    source = curation.group_uploads()
    if source is None:
        raise Http404
    try:
        text = source.publish(pk, by=request.user)
    except curation.PublishRefused as refused:
        modeladmin.message_user(request, str(refused), messages.ERROR)
    else:
        modeladmin.message_user(
            request,
            gettext("“%(title)s” is now in the public library.") % {"title": text.title},
            messages.SUCCESS,
        )
    return HttpResponseRedirect(reverse("admin:library_dashboard"))


# --------------------------------------------------------------------------- the tag admin


class TaggedItemInline(TaggitTaggedItemInline):
    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return policy.admin_tagged_items(request.user, super().get_queryset(request))


class TagAdmin(TaggitTagAdmin):
    """taggit's admin, showing curators only the tags (and uses) of the library's objects:
    a tag that only a private group's question carries is that group's business."""

    inlines = [TaggedItemInline]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Tag]:
        return policy.admin_tags(request.user, super().get_queryset(request))

    @admin.action(description=gettext_lazy("Merge selected tags"))
    def render_tag_form(self, request: HttpRequest, queryset: QuerySet[Tag]):
        # taggit reads the ids from the POST; only those this user may see are kept.
        response = super().render_tag_form(request, queryset)
        allowed = {str(pk) for pk in queryset.values_list("pk", flat=True)}
        chosen = request.session.get("selected_tag_ids", "").split(",")
        request.session["selected_tag_ids"] = ",".join(i for i in chosen if i in allowed)
        return response


admin.site.unregister(Tag)
admin.site.register(Tag, TagAdmin)
