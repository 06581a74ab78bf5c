"""Each group that reads a text gets its own copy of the text's weeks.

Until now a text's readings were shared by every group reading it. Each adoption now gets
a copy of those weeks (same numbers, titles, bounds and publication), and that group's
comments, own questions and progress marks move to the copy. Curated questions (no group)
stay on the curated default. Paragraph flags point at paragraphs, not weeks: nothing to do.
"""

from django.db import migrations

COPIED = [
    "number",
    "title",
    "start_section_id",
    "start_paragraph",
    "end_section_id",
    "end_paragraph",
    "words",
    "minutes",
    "is_published",
]


def copy_weeks_to_adoptions(apps, schema_editor):
    Adoption = apps.get_model("groups", "Adoption")
    Progress = apps.get_model("groups", "Progress")
    Reading = apps.get_model("library", "Reading")
    Question = apps.get_model("library", "Question")
    Comment = apps.get_model("discussion", "Comment")
    for adoption in Adoption.objects.order_by("pk").iterator():
        defaults = list(
            Reading.objects.filter(text_id=adoption.text_id, adoption__isnull=True).order_by(
                "number"
            )
        )
        for old in defaults:
            copy = Reading.objects.create(
                text_id=adoption.text_id,
                adoption_id=adoption.pk,
                **{field: getattr(old, field) for field in COPIED},
            )
            Comment.objects.filter(group_id=adoption.group_id, reading_id=old.pk).update(
                reading_id=copy.pk
            )
            Question.objects.filter(group_id=adoption.group_id, reading_id=old.pk).update(
                reading_id=copy.pk
            )
            Progress.objects.filter(
                membership__group_id=adoption.group_id, reading_id=old.pk
            ).update(reading_id=copy.pk)


def back_to_shared_weeks(apps, schema_editor):
    """Point everything at the default week of the same number, then drop the copies."""
    Progress = apps.get_model("groups", "Progress")
    Reading = apps.get_model("library", "Reading")
    Question = apps.get_model("library", "Question")
    Comment = apps.get_model("discussion", "Comment")
    for copy in Reading.objects.filter(adoption__isnull=False).order_by("pk").iterator():
        default = Reading.objects.filter(
            text_id=copy.text_id, adoption__isnull=True, number=copy.number
        ).first()
        if default is None:
            default = copy
            default.adoption_id = None
            default.save(update_fields=["adoption"])
            continue
        Comment.objects.filter(reading_id=copy.pk).update(reading_id=default.pk)
        Question.objects.filter(reading_id=copy.pk).update(reading_id=default.pk)
        for membership_id in Progress.objects.filter(reading_id=copy.pk).values_list(
            "membership_id", flat=True
        ):
            Progress.objects.get_or_create(membership_id=membership_id, reading_id=default.pk)
        Progress.objects.filter(reading_id=copy.pk).delete()
        copy.delete()


class Migration(migrations.Migration):
    dependencies = [
        ("library", "0006_reading_adoption"),
        ("discussion", "0004_question_moderation"),
        ("groups", "0005_progress_visible"),
    ]

    operations = [migrations.RunPython(copy_weeks_to_adoptions, back_to_shared_weeks)]
