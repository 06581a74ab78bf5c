"""Secret feed URLs per member instead of per group.

Every existing membership gets a token of its own. The group-wide token is dropped: nobody can
tell which member a group URL was handed to, so it stops working rather than keep serving
people who left; members subscribe again from the group page with their own link.
"""

from django.db import migrations, models

import studygroup.groups.models


def give_each_membership_a_token(apps, schema_editor):
    Membership = apps.get_model("groups", "Membership")
    memberships = list(Membership.objects.filter(feed_token__isnull=True).only("pk"))
    for membership in memberships:
        membership.feed_token = studygroup.groups.models.new_token()
    Membership.objects.bulk_update(memberships, ["feed_token"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [
        ("groups", "0003_progress_plural"),
    ]

    operations = [
        migrations.AddField(
            model_name="membership",
            name="feed_token",
            field=models.CharField(editable=False, max_length=64, null=True),
        ),
        migrations.RunPython(give_each_membership_a_token, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="membership",
            name="feed_token",
            field=models.CharField(
                default=studygroup.groups.models.new_token,
                editable=False,
                max_length=64,
                unique=True,
            ),
        ),
        migrations.RemoveField(
            model_name="readinggroup",
            name="feed_token",
        ),
    ]
