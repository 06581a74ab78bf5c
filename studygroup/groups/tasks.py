"""Background work for groups, run by the task queue (`manage.py db_worker`)."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django_tasks import task

from studygroup.groups.models import Invitation
from studygroup.site import email_subject


@task()
def send_invitation_email(*, invitation_id: int, url: str) -> bool:
    """Email an invitation link; False when the invitation is gone or no longer usable."""
    invitation = (
        Invitation.objects.select_related("group", "created_by").filter(pk=invitation_id).first()
    )
    if invitation is None or not invitation.email or invitation.problem():
        return False
    context = {"invitation": invitation, "group": invitation.group, "url": url}
    subject = f"You're invited to read with {invitation.group.name}"
    send_mail(
        # A line break in the group's name would be a BadHeaderError, and a lost invitation.
        subject=email_subject(subject),
        message=render_to_string("groups/email/invitation.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        recipient_list=[invitation.email],
    )
    return True
