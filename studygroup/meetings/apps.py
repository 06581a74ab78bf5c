from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "studygroup.meetings"
    label = "meetings"
    verbose_name = "Meetings"

    def ready(self) -> None:
        # Groups and discussion sit below meetings and may not import it: hand them the rota's
        # names (schedule, calendar) and the meeting records (week export).
        from studygroup.discussion.export import register_meeting_records
        from studygroup.groups.facilitation import register_facilitator_names
        from studygroup.meetings.agenda import facilitator_names
        from studygroup.meetings.records import meeting_records

        register_facilitator_names(facilitator_names)
        register_meeting_records(meeting_records)

        # Its part of "Download my data" (accounts/data_export.py).
        from studygroup.meetings.data_export import register_parts

        register_parts()

        # Its eraser for "Delete my account" (accounts/deletion.py).
        from studygroup.accounts.deletion import register_eraser
        from studygroup.meetings import deletion

        register_eraser("meetings", deletion.erase)
