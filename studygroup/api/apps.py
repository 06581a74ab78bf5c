from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "studygroup.api"
    label = "api"
    verbose_name = "JSON API"
