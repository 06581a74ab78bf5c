from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _


class EmailFrequency(models.TextChoices):
    IMMEDIATE = "immediate", _("Right away")
    DAILY = "daily", _("A daily digest")
    NEVER = "never", _("Never")


class User(AbstractUser):
    """A reader. Signs in with an email address; `username` is the @handle for mentions."""

    email = models.EmailField(_("email address"), unique=True)
    display_name = models.CharField(
        max_length=80, help_text=_("How other members see you, e.g. “Rosa L.”")
    )

    email_notifications = models.CharField(
        max_length=10, choices=EmailFrequency.choices, default=EmailFrequency.IMMEDIATE
    )
    reader_font_size = models.PositiveSmallIntegerField(
        default=100, help_text=_("Reader text size, in percent.")
    )
    # No spoilers (studygroup/groups/spoilers.py): on by default.
    hide_spoilers = models.BooleanField(
        _("collapse the discussion of weeks I have not reached"),
        default=True,
        help_text=_(
            "Comments on a week stay folded away until its meeting day or until you mark it "
            "(or a later week) done; you can always show them anyway. This also applies to "
            "notifications, emails and search results."
        ),
    )

    # Blank: follow the browser (Accept-Language, or the footer's choice).
    language = models.CharField(
        _("language"),
        max_length=10,
        blank=True,
        choices=settings.LANGUAGES,
        help_text=_("The language of the site and of your emails."),
    )

    class Meta:
        ordering = ["display_name"]

    def __str__(self) -> str:
        return self.display_name or self.username

    @property
    def name(self) -> str:
        return self.display_name or self.username


class HandleHistory(models.Model):
    """A handle someone used before: old mentions of it still mean them, and only them."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="old_handles")
    handle = models.CharField(max_length=150)
    until = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(Lower("handle"), name="handle_history_unique_handle"),
        ]

    def __str__(self) -> str:
        return f"@{self.handle}"


class AccountDeletion(models.Model):
    """A member asked to delete their account: it sleeps (inactive) until `purge_after`, then
    `purge_deleted_accounts` erases it (accounts/deletion.py). Signing in before cancels it."""

    class Comments(models.TextChoices):
        KEEP = "keep", _("Keep them, signed “a former member”")
        TOMBSTONE = "tombstone", _("Replace them with “deleted”, keeping the replies in place")

    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="deletion")
    requested_at = models.DateTimeField(auto_now_add=True)
    purge_after = models.DateTimeField(db_index=True)
    comments = models.CharField(max_length=10, choices=Comments.choices)

    def __str__(self) -> str:
        return f"deletion of #{self.user_id} after {self.purge_after:%Y-%m-%d}"
