from django.apps import AppConfig


class DiscussionConfig(AppConfig):
    name = "studygroup.discussion"
    label = "discussion"

    def ready(self) -> None:
        # The reading page is kept per viewer until the next write (studygroup/page_cache.py).
        from studygroup import page_cache

        page_cache.install()
