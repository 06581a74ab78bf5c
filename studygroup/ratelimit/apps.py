from django.apps import AppConfig


class RateLimitConfig(AppConfig):
    name = "studygroup.ratelimit"
    label = "ratelimit"
