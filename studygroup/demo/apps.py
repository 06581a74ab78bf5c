from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo seed (`manage.py seed_demo`) and its sample text, written for this project."""

    name = "studygroup.demo"
    label = "demo"
