from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "studygroup.api"
    label = "api"
    verbose_name = "JSON API"

    def ready(self) -> None:
        # Its part of "Download my data" (accounts/data_export.py).
        from studygroup.api.data_export import register_parts

        register_parts()
