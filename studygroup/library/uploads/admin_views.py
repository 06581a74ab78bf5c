"""The Django admin's import and re-import pages: one two-step wizard, written once.

Step 1 parses the upload and stashes it (`wizard.start`), then shows what an import
would produce (`build_preview`) beside a confirm form, without writing anything.
Step 2 claims the stashed upload once (`wizard.claim`), parses the same bytes again and
saves them in one transaction through `save_imported_text`; an expired or already used
upload says so and writes nothing. `ImportWizard` and `ReimportWizard` say only what
differs: their forms, what they preview, how they save and what they report.
`TextAdmin` delegates to `import_view` and `reimport_view`.
"""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import ProtectedError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.defaultfilters import filesizeformat
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.formats import number_format
from django.utils.translation import gettext, gettext_lazy, ngettext
from taggit.forms import TagField

from studygroup.library.admin_curation import TagDatalistWidget
from studygroup.library.models import Text
from studygroup.library.services import ImportReport, save_imported_text
from studygroup.library.uploads import wizard
from studygroup.library.uploads.preview import Preview, build_preview
from studygroup.params import bounded_int

# --------------------------------------------------------------------------- forms


class TextDetailsForm(forms.Form):
    title = forms.CharField(
        required=False,
        max_length=300,
        help_text=gettext_lazy("Leave empty to use the detected title."),
    )
    author = forms.CharField(
        required=False,
        max_length=200,
        help_text=gettext_lazy("Leave empty to use the detected author."),
    )
    tags = TagField(
        required=False, help_text=gettext_lazy("Comma-separated."), widget=TagDatalistWidget
    )
    is_public = forms.BooleanField(
        label=gettext_lazy("Public"),
        required=False,
        initial=True,
        help_text=Text._meta.get_field("is_public").help_text,
    )


class UploadForm(TextDetailsForm):
    # Empty files get read_document's own message rather than Django's.
    file = forms.FileField(
        allow_empty_file=True, help_text=gettext_lazy("A .txt, .md, .epub or .pdf file.")
    )
    field_order = ["file", "title", "author", "tags", "is_public"]


class ConfirmForm(TextDetailsForm):
    token = forms.CharField(widget=forms.HiddenInput)


class ReimportDetailsForm(forms.Form):
    # The curator's title stands unless changed here; the file's title is ignored.
    title = forms.CharField(
        required=False,
        max_length=300,
        help_text=gettext_lazy("Leave empty to keep the current title."),
    )
    author = forms.CharField(required=False, max_length=200)


class ReimportForm(ReimportDetailsForm):
    file = forms.FileField(
        allow_empty_file=True,
        help_text=gettext_lazy("The corrected .txt, .md, .epub or .pdf file."),
    )
    field_order = ["file", "title", "author"]


class ReimportConfirmForm(ReimportDetailsForm):
    token = forms.CharField(widget=forms.HiddenInput)
    # One checkbox per curator's correction the file would overwrite (listed in the
    # preview); a checked one survives the re-import.
    keep_edits = forms.TypedMultipleChoiceField(
        required=False,
        coerce=lambda value: bounded_int(value, minimum=1),
        widget=forms.CheckboxSelectMultiple,
        label=gettext_lazy("Keep these corrections"),
    )

    def __init__(self, *args, text: Text, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        ids = text.curator_edits.values_list("pk", flat=True)
        self.fields["keep_edits"].choices = [(str(pk), str(pk)) for pk in ids]


# --------------------------------------------------------------------------- the wizard


class SaveRefused(Exception):
    """The save wrote nothing (it is atomic); the message is shown to the curator as it is."""


class AdminWizard:
    """Upload → preview and confirm form → save, report, and on to the text's page.

    A subclass says what differs: the forms, the preview, the save and its report.
    """

    def __init__(self, modeladmin: admin.ModelAdmin, request: HttpRequest, **context) -> None:
        self.modeladmin = modeladmin
        self.request = request
        self.context = context  # the page's title and whatever else the template needs

    # ---- what differs

    def upload_form(self, data=None, files=None) -> forms.Form:
        raise NotImplementedError

    def confirm_form(self, data=None, initial=None) -> forms.Form:
        raise NotImplementedError

    def preview(self, upload: wizard.Upload) -> Preview:
        raise NotImplementedError

    def confirm_initial(self, details: dict, upload: wizard.Upload, preview: Preview) -> dict:
        """The confirm form's fields from the upload form's `details` and what was found."""
        raise NotImplementedError

    def save(self, upload: wizard.Upload, details: dict) -> ImportReport:
        """Save in one transaction, or raise SaveRefused."""
        raise NotImplementedError

    def done(self, report: ImportReport) -> list[str]:
        """The success messages; the report's warnings follow them."""
        raise NotImplementedError

    # ---- the two steps

    def respond(self) -> HttpResponse:
        if self.request.method != "POST":
            return self.render(form=self.upload_form())
        if "token" not in self.request.POST:
            return self.preview_step()
        return self.save_step()

    def preview_step(self) -> HttpResponse:
        """Step 1: parse, stash and preview; nothing is written."""
        form = self.upload_form(self.request.POST, self.request.FILES)
        upload = wizard.start(self.request, form) if form.is_valid() else None
        if upload is None:
            return self.render(form=form)
        preview = self.preview(upload)
        initial = self.confirm_initial(form.cleaned_data, upload, preview)
        confirm = self.confirm_form(initial={"token": upload.token, **initial})
        return self.render(preview=preview, confirm=confirm, filename=upload.filename)

    def save_step(self) -> HttpResponse:
        """Step 2: claim the stashed upload once and save it, all or nothing."""
        confirm = self.confirm_form(self.request.POST)
        if not confirm.is_valid():
            # Nothing was claimed; the preview is gone with the bad post, so say why here.
            errors = "; ".join(str(e) for errors in confirm.errors.values() for e in errors)
            error = gettext("Nothing was changed: %(errors)s Upload the file again.") % {
                "errors": errors
            }
            response = self.render(form=self.upload_form(), confirm=confirm, error=error)
            response.status_code = 400
            return response
        upload = wizard.claim(self.request, confirm.cleaned_data["token"])
        if isinstance(upload, str):
            return self.render(form=self.upload_form(), error=upload)
        try:
            report = self.save(upload, confirm.cleaned_data)
        except SaveRefused as refused:
            wizard.release(self.request, upload, used=True)
            return self.render(form=self.upload_form(), error=str(refused))
        wizard.release(self.request, upload, used=True)
        for message in self.done(report):
            self.modeladmin.message_user(self.request, message, messages.SUCCESS)
        for warning in report.warnings:
            self.modeladmin.message_user(
                self.request,
                gettext("Warning: %(warning)s") % {"warning": warning},
                messages.WARNING,
            )
        return HttpResponseRedirect(reverse("admin:library_text_change", args=[report.text.pk]))

    def render(self, **context) -> TemplateResponse:
        return TemplateResponse(
            self.request,
            "admin/library/text/import.html",
            {
                **self.modeladmin.admin_site.each_context(self.request),
                "opts": self.modeladmin.model._meta,
                "limit": filesizeformat(settings.IMPORT_MAX_BYTES),
                **self.context,
                **context,
            },
        )


class ImportWizard(AdminWizard):
    """A new text, with the title, author, tags and visibility the curator confirms."""

    def upload_form(self, data=None, files=None) -> forms.Form:
        return UploadForm(data, files)

    def confirm_form(self, data=None, initial=None) -> forms.Form:
        return ConfirmForm(data, initial=initial)

    def preview(self, upload: wizard.Upload) -> Preview:
        return build_preview(upload.parsed, checksum=upload.checksum)

    def confirm_initial(self, details: dict, upload: wizard.Upload, preview: Preview) -> dict:
        return {
            "title": details["title"] or upload.parsed.title,
            "author": details["author"] or upload.parsed.author or "",
            "tags": ", ".join(details["tags"]),
            "is_public": details["is_public"],
        }

    def save(self, upload: wizard.Upload, details: dict) -> ImportReport:
        return save_imported_text(
            parsed=upload.parsed,
            filename=upload.filename,
            checksum=upload.checksum,
            title=details["title"] or None,
            author=details["author"] or None,
            tags=details["tags"],
            is_public=details["is_public"],
            imported_by=self.request.user,
        )

    def done(self, report: ImportReport) -> list[str]:
        return [
            gettext(
                "Imported “%(title)s”: %(sections)d sections, %(paragraphs)d paragraphs, "
                "%(footnotes)d footnotes, %(words)s words."
            )
            % {
                "title": report.text.title,
                "sections": report.sections,
                "paragraphs": report.paragraphs_created,
                "footnotes": report.footnotes,
                "words": number_format(report.text.words, force_grouping=True),
            }
        ]


class ReimportWizard(AdminWizard):
    """A corrected file for `text`, in place: paragraphs still there keep their ids, and
    the curator chooses which of their corrections the file may overwrite."""

    def __init__(self, modeladmin: admin.ModelAdmin, request: HttpRequest, text: Text) -> None:
        super().__init__(
            modeladmin,
            request,
            title=gettext("Re-import “%(text)s”") % {"text": text},
            original=text,
            reimport=True,
        )
        self.text = text

    def upload_form(self, data=None, files=None) -> forms.Form:
        return ReimportForm(
            data, files, initial={"title": self.text.title, "author": self.text.author}
        )

    def confirm_form(self, data=None, initial=None) -> forms.Form:
        return ReimportConfirmForm(data, initial=initial, text=self.text)

    def preview(self, upload: wizard.Upload) -> Preview:
        return build_preview(upload.parsed, checksum=upload.checksum, replace=self.text)

    def confirm_initial(self, details: dict, upload: wizard.Upload, preview: Preview) -> dict:
        return {
            "title": details["title"] or self.text.title,
            "author": details["author"],
            # Corrections are kept unless the curator unticks them.
            "keep_edits": [str(c.edit.pk) for c in preview.conflicts],
        }

    def save(self, upload: wizard.Upload, details: dict) -> ImportReport:
        try:
            return save_imported_text(
                parsed=upload.parsed,
                filename=upload.filename,
                checksum=upload.checksum,
                title=details["title"] or self.text.title,
                author=details["author"],
                replace=self.text,
                keep_edits=details["keep_edits"],
            )
        except ProtectedError:
            # A safety net: the service re-splits the readings it would orphan.
            raise SaveRefused(
                gettext(
                    "The corrected file drops a section that a reading starts or ends at; "
                    "nothing was changed. Rename that section to match the file, or change "
                    "the reading first."
                )
            ) from None

    def done(self, report: ImportReport) -> list[str]:
        said = [
            gettext(
                "Re-imported “%(title)s”: %(kept)d paragraphs kept their id (%(matched)d of "
                "them by close match), %(created)d created, %(removed)d removed; "
                "%(sections)d sections, %(footnotes)d footnotes."
            )
            % {
                "title": report.text.title,
                "kept": report.paragraphs_kept,
                "matched": report.paragraphs_matched,
                "created": report.paragraphs_created,
                "removed": report.paragraphs_removed,
                "sections": report.sections,
                "footnotes": report.footnotes,
            }
        ]
        if report.edits_kept:
            said.append(
                ngettext(
                    "%(n)d correction made here was kept.",
                    "%(n)d corrections made here were kept.",
                    report.edits_kept,
                )
                % {"n": report.edits_kept}
            )
        return said


# --------------------------------------------------------------------------- the views


def import_view(modeladmin: admin.ModelAdmin, request: HttpRequest) -> HttpResponse:
    if not modeladmin.has_add_permission(request):
        raise PermissionDenied
    return ImportWizard(modeladmin, request, title=gettext("Import a text")).respond()


def reimport_view(modeladmin: admin.ModelAdmin, request: HttpRequest, pk: int) -> HttpResponse:
    text = get_object_or_404(Text, pk=pk)
    if not modeladmin.has_change_permission(request, text):
        raise PermissionDenied
    return ReimportWizard(modeladmin, request, text).respond()
