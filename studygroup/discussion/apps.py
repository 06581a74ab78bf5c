from django.apps import AppConfig
from django.utils.translation import gettext_lazy


class DiscussionConfig(AppConfig):
    name = "studygroup.discussion"
    label = "discussion"
    verbose_name = gettext_lazy("Discussion")

    def ready(self) -> None:
        # Every saved or deleted row moves the versions page copies are keyed by
        # (studygroup/cache.py, docs/caching.md).
        from django.db.models.signals import m2m_changed, post_delete, post_save

        from studygroup import cache

        post_save.connect(cache.on_row_written, dispatch_uid="studygroup.versions.save")
        post_delete.connect(cache.on_row_written, dispatch_uid="studygroup.versions.delete")
        m2m_changed.connect(cache.on_many_to_many, dispatch_uid="studygroup.versions.m2m")

        # The apps below the discussion tell it things without importing it (one-way imports,
        # docs/architecture.md).
        from studygroup.discussion import curation, notifications
        from studygroup.groups import signals
        from studygroup.library.curation import register_activity

        signals.join_requested.connect(
            notifications.on_join_requested, dispatch_uid="discussion.join_requested"
        )
        signals.join_decided.connect(
            notifications.on_join_decided, dispatch_uid="discussion.join_decided"
        )
        signals.vote_opened.connect(
            lambda sender, vote, **kwargs: notifications.notify_vote_opened(vote),
            dispatch_uid="discussion.vote_opened",
            weak=False,
        )
        signals.vote_closed.connect(
            lambda sender, vote, outcome, **kwargs: notifications.notify_vote_closed(
                vote, outcome=outcome
            ),
            dispatch_uid="discussion.vote_closed",
            weak=False,
        )
        register_activity(curation.dashboard_activity)

        # A group's split moves comments and flags with their paragraphs (groups/split.py),
        # and the threads of the weeks it changed get a new version once it is committed.
        from studygroup.discussion import week_moves
        from studygroup.discussion.services import bump_version
        from studygroup.groups.split import register_follower

        register_follower(week_moves.CommentsAndFlags)
        signals.weeks_changed.connect(
            lambda sender, group_id, reading_ids, **kwargs: [
                bump_version(group_id=group_id, reading_id=pk) for pk in reading_ids
            ],
            dispatch_uid="discussion.weeks_changed",
            weak=False,
        )

        # Its part of "Download my data" (accounts/data_export.py).
        from studygroup.discussion.data_export import register_parts

        register_parts()

        # Its eraser for "Delete my account" (accounts/deletion.py).
        from studygroup.accounts.deletion import register_eraser
        from studygroup.discussion import deletion

        register_eraser("discussion", deletion.erase)
