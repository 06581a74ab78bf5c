"""PostgreSQL: each row indexed under its text's language configuration, unaccented (see
studygroup/search/backends.py). The old single-configuration column is dropped and rebuilt.
SQLite's FTS5 tables already tokenise with `remove_diacritics 2`: nothing to do there."""

from django.db import migrations


def install(apps, schema_editor):
    from studygroup.search import backends

    backends.install(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0001_initial"),
        ("library", "0008_text_language"),
    ]

    operations = [migrations.RunPython(install, migrations.RunPython.noop)]
