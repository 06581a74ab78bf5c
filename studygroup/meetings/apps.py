from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "studygroup.meetings"
    label = "meetings"
    verbose_name = "Meetings"
