from django.apps import AppConfig


class GroupsConfig(AppConfig):
    name = "studygroup.groups"
    label = "groups"

    def ready(self) -> None:
        # Registers the deploy check on SITE_URL.
        from studygroup import site  # noqa: F401

        # Its part of "Download my data" (accounts/data_export.py).
        from studygroup.groups.data_export import register_parts

        register_parts()

        # Its eraser for "Delete my account" (accounts/deletion.py).
        from studygroup.accounts.deletion import register_eraser
        from studygroup.groups import deletion

        register_eraser("groups", deletion.erase)
