"""A group's own texts: upload, preview and fix, save, fix after saving, re-upload.

Facilitators only (Action.MANAGE); a text belongs to the group that uploaded it, so
another group's text id is 404 here. The preview and the save are the library's import
wizard (library/uploads), the same as the admin's.
"""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib import messages
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods, require_POST

from studygroup import policy
from studygroup.groups import uploads
from studygroup.groups.models import GroupUpload, ReadingGroup
from studygroup.groups.services import DEFAULT_MINUTES_PER_WEEK
from studygroup.library import editing, languages
from studygroup.library.importing.document import outline_levels
from studygroup.library.models import Paragraph, Section, Text
from studygroup.library.uploads import wizard
from studygroup.library.uploads.fixes import (
    LEVEL,
    MERGE,
    NOT_HEADING,
    OPERATIONS,
    REMOVE,
    RENAME,
    Fix,
    FixRefused,
    apply_fix,
)
from studygroup.library.uploads.preview import (
    ParagraphPreview,
    SectionPreview,
    build_preview,
    first_words,
)
from studygroup.library.uploads.stash import update_upload
from studygroup.params import BoundedIntegerField, bounded_int
from studygroup.policy import Action, require
from studygroup.ratelimit import client_key, hit, limit_writes, too_many


class UploadForm(forms.Form):
    # Empty files get the importer's own message rather than Django's.
    file = forms.FileField(
        allow_empty_file=True,
        label=_("File"),
        help_text=_("A .txt, .md, .epub or .pdf file."),
    )


class DetailsForm(forms.Form):
    title = forms.CharField(label=_("Title"), required=False, max_length=300)
    author = forms.CharField(label=_("Author"), required=False, max_length=200)
    language = forms.ChoiceField(
        label=_("Language"),
        choices=languages.choices,
        required=False,
        help_text=_("The text's own language: it sets hyphenation, reading time and search."),
    )


class SaveForm(DetailsForm):
    pass


class FixForm(forms.Form):
    """One correction: `fix` is the button pressed ("rename", "level 2", "remove 4", …)."""

    section = BoundedIntegerField(min_value=0)
    fix = forms.CharField(max_length=40)
    title = forms.CharField(required=False, max_length=300)

    def clean(self) -> dict:
        data = super().clean()
        op, _, number = data.get("fix", "").partition(" ")
        if op not in OPERATIONS:
            raise forms.ValidationError(gettext("Unknown correction."))
        data["op"] = op
        data["number"] = bounded_int(number, default=0)
        return data


def _rate_limited(request: HttpRequest) -> HttpResponse | None:
    limit = settings.GROUP_UPLOAD_RATE_LIMIT
    if not hit(f"group-upload:{client_key(request)}", limit=limit):
        return too_many(request, limit=limit)
    return None


def _owned(group: ReadingGroup, pk: int) -> GroupUpload:
    """The group's own unpublished upload, else 404 (published texts are the curators')."""
    return get_object_or_404(
        GroupUpload.objects.select_related("text", "group"),
        group=group,
        text_id=pk,
        published_at__isnull=True,
    )


def _context(request: HttpRequest, group: ReadingGroup, **extra) -> dict:
    return {
        "group": group,
        "viewer": policy.viewer(request.user, group),
        "limit": filesizeformat(settings.GROUP_UPLOAD_MAX_BYTES),
        **extra,
    }


# --------------------------------------------------------------------------- upload


def _list_context(request: HttpRequest, group: ReadingGroup, form: UploadForm) -> dict:
    return _context(
        request,
        group,
        form=form,
        uploads=list(uploads.texts_uploaded_by(group)),
        used=filesizeformat(uploads.used_bytes(group)),
        quota=filesizeformat(settings.GROUP_UPLOAD_QUOTA_BYTES),
    )


@require_http_methods(["GET", "POST"])
@require(Action.MANAGE)
@limit_writes("groups")
def texts(request: HttpRequest, group: ReadingGroup) -> HttpResponse:
    """The group's uploaded texts, and the form to upload one (step 1: parse, stash)."""
    if request.method != "POST":
        return render(
            request, "groups/uploads/texts.html", _list_context(request, group, UploadForm())
        )
    refused = _rate_limited(request)
    if refused:
        return refused
    form = UploadForm(request.POST, request.FILES)
    upload = _start(request, group, form)
    if upload is None:
        context = _list_context(request, group, form)
        return render(request, "groups/uploads/texts.html", context, status=400)
    return redirect("groups:upload_preview", slug=group.slug, token=upload.token)


def _start(
    request: HttpRequest,
    group: ReadingGroup,
    form: UploadForm,
    replacing: GroupUpload | None = None,
) -> wizard.Upload | None:
    """Step 1 for a new text or a corrected file: quota, size, parse, stash; None puts the
    problem on the form."""
    if not form.is_valid():
        return None
    try:
        uploads.check_quota(group, form.cleaned_data["file"].size, replacing=replacing)
    except uploads.UploadRefused as error:
        form.add_error("file", str(error))
        return None
    return wizard.start(
        request,
        form,
        limit=settings.GROUP_UPLOAD_MAX_BYTES,
        group=group.pk,
        replace=replacing.text_id if replacing else None,
    )


def _reopen(request: HttpRequest, group: ReadingGroup, token: str) -> wizard.Upload | None:
    upload = wizard.reopen(request, token, limit=settings.GROUP_UPLOAD_MAX_BYTES)
    if isinstance(upload, str) or upload.payload.get("group") != group.pk:
        return None
    return upload


def _replacing(group: ReadingGroup, upload: wizard.Upload) -> GroupUpload | None:
    pk = upload.payload.get("replace")
    return _owned(group, pk) if pk else None


def _render_preview(request, group, upload: wizard.Upload, *, form=None, status=200):
    owned = _replacing(group, upload)
    preview = build_preview(
        upload.parsed,
        checksum=upload.checksum,
        replace=owned.text if owned else None,
        duplicates_among=policy.readable_texts(request.user),
        minutes_per_week=DEFAULT_MINUTES_PER_WEEK,
        with_paragraphs=True,
    )
    if form is None:
        form = SaveForm(
            initial={
                "title": owned.text.title if owned else upload.parsed.title,
                "author": owned.text.author if owned else (upload.parsed.author or ""),
                "language": preview.language,
            }
        )
    context = _context(
        request,
        group,
        preview=preview,
        upload=upload,
        owned=owned,
        form=form,
        fixes=len(upload.payload.get("fixes", [])),
        minutes_per_week=DEFAULT_MINUTES_PER_WEEK,
        fix_url=reverse("groups:upload_fix", args=[group.slug, upload.token]),
    )
    return render(request, "groups/uploads/preview.html", context, status=status)


def _expired(request: HttpRequest, group: ReadingGroup) -> HttpResponse:
    messages.error(request, str(wizard.EXPIRED))
    return redirect("groups:texts", slug=group.slug)


@require_http_methods(["GET"])
@require(Action.MANAGE)
def upload_preview(request: HttpRequest, group: ReadingGroup, token: str) -> HttpResponse:
    upload = _reopen(request, group, token)
    if upload is None:
        return _expired(request, group)
    return _render_preview(request, group, upload)


@require_POST
@require(Action.MANAGE)
@limit_writes("groups")
def upload_fix(request: HttpRequest, group: ReadingGroup, token: str) -> HttpResponse:
    """A correction in the preview: checked on the parsed text, then kept with the upload."""
    upload = _reopen(request, group, token)
    if upload is None:
        return _expired(request, group)
    form = FixForm(request.POST)
    if not form.is_valid():
        messages.error(request, gettext("That correction could not be read; try again."))
        return redirect("groups:upload_preview", slug=group.slug, token=token)
    data = form.cleaned_data
    number = data["number"]
    fix = Fix(
        op=data["op"],
        section=data["section"],
        paragraph=number,
        title=data["title"],
        level=number if data["op"] == LEVEL else 1,
    )
    try:
        apply_fix(upload.parsed, fix)
    except FixRefused as refused:
        messages.error(request, str(refused))
    else:
        upload.payload["fixes"] = [*upload.payload.get("fixes", []), fix.as_dict()]
        update_upload(request, token, upload.payload)
        messages.success(request, gettext("Corrected. Nothing is saved until you save the text."))
    url = reverse("groups:upload_preview", args=[group.slug, token])
    return redirect(
        f"{url}#section-{max(0, min(data['section'], len(upload.parsed.sections) - 1))}"
    )


@require_POST
@require(Action.MANAGE)
@limit_writes("groups")
def upload_save(request: HttpRequest, group: ReadingGroup, token: str) -> HttpResponse:
    """Step 2: save the previewed upload (with its fixes) as the group's text, all or nothing."""
    form = SaveForm(request.POST)
    upload = _reopen(request, group, token)
    if upload is None:
        return _expired(request, group)
    if not form.is_valid():
        return _render_preview(request, group, upload, form=form, status=400)
    owned = _replacing(group, upload)
    claimed = wizard.claim(request, token, limit=settings.GROUP_UPLOAD_MAX_BYTES)
    if isinstance(claimed, str):
        messages.error(request, claimed)
        return redirect("groups:texts", slug=group.slug)
    details = {
        "title": form.cleaned_data["title"],
        "author": form.cleaned_data["author"],
        "language": form.cleaned_data["language"],
    }
    try:
        if owned:
            report = uploads.save_reupload(
                owned=owned, user=request.user, upload=claimed, **details
            )
        else:
            report = uploads.save_upload(group=group, user=request.user, upload=claimed, **details)
    except uploads.UploadRefused as error:
        wizard.release(request, claimed, used=False)
        form.add_error(None, str(error))
        return _render_preview(request, group, upload, form=form, status=400)
    wizard.release(request, claimed, used=True)
    messages.success(
        request,
        gettext(
            "Saved “%(title)s”: %(sections)d sections, %(words)s words. It is private to "
            "the group. Schedule it when you are ready."
        )
        % {
            "title": report.text.title,
            "sections": report.sections,
            "words": f"{report.text.words:,}",
        },
    )
    return redirect("groups:text_edit", slug=group.slug, pk=report.text.pk)


# --------------------------------------------------------------------------- after saving


def _structure(text: Text) -> list[SectionPreview]:
    """The saved text as the preview shows it; refs are section and paragraph ids."""
    sections = list(text.sections.order_by("position"))
    lines: dict[int, list[ParagraphPreview]] = {s.pk: [] for s in sections}
    for p in Paragraph.objects.filter(section__text=text).order_by("section_id", "position"):
        lines[p.section_id].append(
            ParagraphPreview(
                index=p.pk, kind=p.kind, words=p.words, first_words=first_words(p.text)
            )
        )
    outline = outline_levels([(s.level, s.title) for s in sections])
    return [
        SectionPreview(
            title=s.title,
            level=s.level,
            kind=s.kind,
            kind_label=s.get_kind_display(),
            words=s.words,
            paragraphs=len(lines[s.pk]),
            footnotes=0,
            first_words="",
            index=s.pk,
            lines=lines[s.pk],
            chapter=level == 1,
        )
        for s, level in zip(sections, outline, strict=True)
    ]


@require_http_methods(["GET"])
@require(Action.MANAGE)
def text_edit(request: HttpRequest, group: ReadingGroup, pk: int) -> HttpResponse:
    owned = _owned(group, pk)
    text = owned.text
    context = _context(
        request,
        group,
        owned=owned,
        text=text,
        sections=_structure(text),
        details=DetailsForm(
            initial={"title": text.title, "author": text.author, "language": text.language}
        ),
        reupload=UploadForm(),
        adopted=group.adoptions.filter(text=text).exists(),
        fix_url=reverse("groups:text_fix", args=[group.slug, pk]),
    )
    return render(request, "groups/uploads/text_edit.html", context)


def _apply_saved_fix(text: Text, data: dict, editor) -> str:
    section = get_object_or_404(Section, text=text, pk=data["section"])
    op, number = data["op"], data["number"]
    if op == RENAME:
        editing.rename_section(section, title=data["title"], editor=editor)
        return gettext("Heading renamed.")
    if op == LEVEL:
        editing.relevel_section(section, level=number)
        return gettext("Heading level changed.")
    if op == NOT_HEADING:
        editing.heading_to_paragraph(section, editor=editor)
        return gettext("That line is now text, in the section before it.")
    paragraph = get_object_or_404(Paragraph, section=section, pk=number)
    if op == REMOVE:
        editing.delete_paragraph(paragraph)
        return gettext("Line removed.")
    if op == MERGE:
        editing.merge_paragraph_into_previous(paragraph, editor=editor)
        return gettext("Joined to the paragraph above.")
    raise editing.EditRefused(gettext("Unknown correction."))  # pragma: no cover (FixForm)


@require_POST
@require(Action.MANAGE)
@limit_writes("groups")
def text_fix(request: HttpRequest, group: ReadingGroup, pk: int) -> HttpResponse:
    """A correction after saving, through library.editing: paragraph ids are kept."""
    owned = _owned(group, pk)
    form = FixForm(request.POST)
    if not form.is_valid():
        messages.error(request, gettext("That correction could not be read; try again."))
    else:
        try:
            messages.success(request, _apply_saved_fix(owned.text, form.cleaned_data, request.user))
        except editing.EditRefused as refused:
            messages.error(request, str(refused))
    return redirect("groups:text_edit", slug=group.slug, pk=pk)


@require_POST
@require(Action.MANAGE)
@limit_writes("groups")
def text_details(request: HttpRequest, group: ReadingGroup, pk: int) -> HttpResponse:
    owned = _owned(group, pk)
    form = DetailsForm(request.POST)
    if form.is_valid() and form.cleaned_data["title"].strip():
        with transaction.atomic():
            text = Text.objects.select_for_update().get(pk=owned.text_id)
            text.title = " ".join(form.cleaned_data["title"].split())
            text.author = " ".join(form.cleaned_data["author"].split())
            text.language = form.cleaned_data["language"] or text.language
            text.save(update_fields=["title", "author", "language", "updated_at"])
        messages.success(request, gettext("Title and author saved."))
    else:
        messages.error(request, gettext("A text needs a title."))
    return redirect("groups:text_edit", slug=group.slug, pk=pk)


@require_POST
@require(Action.MANAGE)
@limit_writes("groups")
def text_reupload(request: HttpRequest, group: ReadingGroup, pk: int) -> HttpResponse:
    """Upload a corrected file for a saved text: previewed, then re-imported in place."""
    owned = _owned(group, pk)
    refused = _rate_limited(request)
    if refused:
        return refused
    form = UploadForm(request.POST, request.FILES)
    upload = _start(request, group, form, replacing=owned)
    if upload is None:
        for error in form.errors.get("file", []):
            messages.error(request, error)
        return redirect("groups:text_edit", slug=group.slug, pk=pk)
    return redirect("groups:upload_preview", slug=group.slug, token=upload.token)
