from django.apps import AppConfig
from django.apps import apps as global_apps
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy

from studygroup.library.roles import ensure_curator_group


def _ensure_roles(sender, *, using: str, apps=global_apps, **kwargs) -> None:
    try:
        apps.get_model("library", "Text")
    except LookupError:  # migrated back to before the library existed
        return
    ensure_curator_group(apps=apps, using=using)


class LibraryConfig(AppConfig):
    name = "studygroup.library"
    label = "library"
    verbose_name = gettext_lazy("Library")

    def ready(self) -> None:
        # Sent after auth's own post_migrate handler has created this app's permissions
        # (and taggit's, which comes earlier in INSTALLED_APPS).
        post_migrate.connect(_ensure_roles, sender=self, dispatch_uid="library.ensure_roles")

        # Its part of "Download my data" (accounts/data_export.py).
        from studygroup.library.data_export import register_parts

        register_parts()

        # Its eraser for "Delete my account" (accounts/deletion.py).
        from studygroup.accounts.deletion import register_eraser
        from studygroup.library import deletion

        register_eraser("library", deletion.erase)
