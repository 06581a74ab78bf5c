"""Each text's language: a choice list, and a language detected for every text already there
(the ones detection is unsure of keep "en"). One query per text, reading its first
paragraphs only, so the migration takes about a second plus a few milliseconds a text."""

import studygroup.library.languages
from django.db import migrations, models


def detect_existing(apps, schema_editor):
    from studygroup.library import languages

    Text = apps.get_model("library", "Text")
    Paragraph = apps.get_model("library", "Paragraph")
    changed = []
    for text in Text.objects.filter(language=languages.DEFAULT).only("pk", "language"):
        sample = Paragraph.objects.filter(section__text_id=text.pk, section__kind="body")
        sample = sample.order_by("section__position", "position").values_list("text", flat=True)
        detected = languages.detect_paragraphs(sample[:40])
        if detected != text.language:
            text.language = detected
            changed.append(text)
    Text.objects.bulk_update(changed, ["language"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [
        ("library", "0007_group_readings"),
    ]

    operations = [
        migrations.AlterField(
            model_name="text",
            name="language",
            field=models.CharField(
                choices=studygroup.library.languages.choices,
                default="en",
                help_text="The text's own language: it sets hyphenation, reading time and search.",
                max_length=16,
                verbose_name="language",
            ),
        ),
        migrations.RunPython(detect_existing, migrations.RunPython.noop, elidable=True),
    ]
