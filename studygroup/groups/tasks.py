"""Background work for groups, run by the task queue (`manage.py db_worker`)."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django_tasks import task

from studygroup.accounts.models import User
from studygroup.accounts.translations import in_language_of
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
    # In the invitee's language when they are a member already, else in the inviter's.
    invitee = User.objects.filter(email__iexact=invitation.email).first()
    with in_language_of(invitee if invitee and invitee.language else invitation.created_by):
        subject = _("You're invited to read with %(group)s") % {"group": invitation.group.name}
        body = render_to_string("groups/email/invitation.txt", context)
    send_mail(
        # A line break in the group's name would be a BadHeaderError, and a lost invitation.
        subject=email_subject(subject),
        message=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        recipient_list=[invitation.email],
    )
    return True
