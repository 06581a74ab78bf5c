"""The full-text index: FTS5 tables and triggers on SQLite, generated tsvector columns with
GIN indexes on PostgreSQL (see studygroup/search/backends.py)."""

from django.db import migrations


def install(apps, schema_editor):
    from studygroup.search import backends

    backends.install(schema_editor.connection)


def uninstall(apps, schema_editor):
    from studygroup.search import backends

    backends.uninstall(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [
        ("library", "0002_reading_question_reading_one_reading_per_week_number"),
        ("discussion", "0002_questiondiscussed"),
    ]

    operations = [migrations.RunPython(install, uninstall)]
