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

        # Its private uploads on the curator dashboard (library/curation.py).
        from studygroup.groups import uploads
        from studygroup.library.curation import GroupUploads, register_group_uploads

        register_group_uploads(
            GroupUploads(pending=uploads.pending_for_curator, publish=uploads.publish_for_curator)
        )
