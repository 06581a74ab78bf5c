from django.apps import AppConfig


class GroupsConfig(AppConfig):
    name = "studygroup.groups"
    label = "groups"

    def ready(self) -> None:
        # Registers the deploy check on SITE_URL.
        from studygroup import site  # noqa: F401
