"""Week titles saved before the splitter dropped chapter labels lose them too.

"Week 3: 3 Choosing and Pacing a Text" becomes "Week 3: Choosing and Pacing a Text". Only a
prefix that matches a chapter label changes (see studygroup.library.titles); without it the
stored titles would also stop matching the derived ones and pass for a person's titles.
"""

from django.db import migrations

from studygroup.library.titles import strip_stored_week_titles


def strip_chapter_labels(apps, schema_editor):
    Reading = apps.get_model("library", "Reading")
    changed = []
    text_ids = Reading.objects.values_list("text_id", flat=True).distinct()
    for text_id in text_ids.iterator():
        weeks = list(Reading.objects.filter(text_id=text_id).order_by("number"))
        titles = strip_stored_week_titles([(w.number, w.title) for w in weeks])
        for week, title in zip(weeks, titles, strict=True):
            if title and title != week.title:
                week.title = title
                changed.append(week)
    Reading.objects.bulk_update(changed, ["title"], batch_size=500)


class Migration(migrations.Migration):
    # One transaction: every title changes, or none.
    atomic = True

    dependencies = [
        ("library", "0003_curatoredit"),
    ]

    operations = [
        migrations.RunPython(strip_chapter_labels, migrations.RunPython.noop),
    ]
