"""A group's own texts: saving a facilitator's upload, re-uploading it, publishing it.

The upload itself goes through the library's import wizard (library/uploads), the same
one the admin uses; here is only what belongs to the group: the quota, the ownership
(GroupUpload) and a curator's promotion to the public library.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.admin.models import CHANGE, LogEntry
from django.db import transaction
from django.db.models import Sum
from django.shortcuts import get_object_or_404
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext

from studygroup import policy
from studygroup.groups.models import GroupUpload, ReadingGroup
from studygroup.library import curation
from studygroup.library.models import Text
from studygroup.library.services import ImportReport, plan_reimport, save_imported_text
from studygroup.library.uploads.wizard import Upload


class UploadRefused(Exception):
    """An upload we won't save; the message is shown to the facilitator as it is."""


def used_bytes(group: ReadingGroup) -> int:
    """Bytes of the group's unpublished uploads: what counts against its quota."""
    used = group.uploads.filter(published_at__isnull=True).aggregate(n=Sum("size"))["n"]
    return used or 0


def check_quota(group: ReadingGroup, size: int, *, replacing: GroupUpload | None = None) -> None:
    quota = settings.GROUP_UPLOAD_QUOTA_BYTES
    used = used_bytes(group) - (replacing.size if replacing and replacing.is_private else 0)
    if used + size > quota:
        raise UploadRefused(
            gettext(
                "This file (%(size)s) would take the group past its storage quota: "
                "%(used)s of %(quota)s are used. Ask a curator to publish a text, or remove one."
            )
            % {
                "size": filesizeformat(size),
                "used": filesizeformat(used),
                "quota": filesizeformat(quota),
            }
        )


@transaction.atomic
def save_upload(
    *,
    group: ReadingGroup,
    user,
    upload: Upload,
    title: str = "",
    author: str = "",
    language: str = "",
) -> ImportReport:
    """Save a previewed upload as the group's private text, all or nothing."""
    ReadingGroup.objects.select_for_update().filter(pk=group.pk).first()  # one quota check at once
    size = len(upload.payload["data"])
    check_quota(group, size)
    report = save_imported_text(
        parsed=upload.parsed,
        filename=upload.filename,
        checksum=upload.checksum,
        title=title or None,
        author=author or None,
        is_public=False,
        imported_by=user,
        language=language or None,
    )
    GroupUpload.objects.create(text=report.text, group=group, uploaded_by=user, size=size)
    return report


@transaction.atomic
def save_reupload(
    *,
    owned: GroupUpload,
    user,
    upload: Upload,
    title: str = "",
    author: str = "",
    language: str = "",
) -> ImportReport:
    """Re-import a corrected file in place: paragraphs still there keep their ids (anchors).

    Corrections made in the site that the file would overwrite are kept.
    """
    ReadingGroup.objects.select_for_update().filter(pk=owned.group_id).first()
    size = len(upload.payload["data"])
    check_quota(owned.group, size, replacing=owned)
    text = owned.text
    conflicts = plan_reimport(text, upload.parsed).conflicts
    report = save_imported_text(
        parsed=upload.parsed,
        filename=upload.filename,
        checksum=upload.checksum,
        title=title or text.title,
        author=author or text.author,
        replace=text,
        keep_edits=[c.edit.pk for c in conflicts],
        language=language or None,
    )
    owned.size = size
    owned.save(update_fields=["size"])
    return report


@transaction.atomic
def publish(owned: GroupUpload, *, by) -> Text:
    """A curator promotes a group's upload to the public library; logged in the admin history."""
    owned = GroupUpload.objects.select_for_update().select_related("text", "group").get(pk=owned.pk)
    if not owned.is_private:
        raise UploadRefused(gettext("“%(title)s” is already public.") % {"title": owned.text})
    owned.published_at, owned.published_by = timezone.now(), by
    owned.save(update_fields=["published_at", "published_by"])
    text = owned.text
    text.is_public = True
    text.save(update_fields=["is_public", "updated_at"])
    LogEntry.objects.log_actions(
        user_id=by.pk,
        queryset=[text],
        action_flag=CHANGE,
        change_message=f"Published to the library from the group “{owned.group.name}”.",
        single_object=True,
    )
    return text


def pending_for_curator(user) -> tuple[list[GroupUpload], int]:
    """The dashboard's private uploads (library/curation.py's `GroupUploads.pending`). The
    group is named only when the curator could see it on the site."""
    private = GroupUpload.objects.filter(published_at__isnull=True)
    visible = set(policy.visible_groups(user).values_list("pk", flat=True))
    rows = list(
        private.select_related("text", "group", "uploaded_by").order_by("-created_at")[
            : curation.DASHBOARD_ROWS
        ]
    )
    for row in rows:
        row.group_shown = row.group.name if row.group_id in visible else None
    return rows, private.count()


def publish_for_curator(pk: int, *, by) -> Text:
    """The dashboard's button (library/curation.py's `GroupUploads.publish`)."""
    owned = get_object_or_404(GroupUpload, pk=pk)
    try:
        return publish(owned, by=by)
    except UploadRefused as refused:
        raise curation.PublishRefused(str(refused)) from refused


def texts_uploaded_by(group: ReadingGroup):
    return group.uploads.select_related("text", "uploaded_by")
