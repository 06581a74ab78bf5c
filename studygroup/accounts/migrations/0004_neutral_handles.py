"""Handles made from email addresses become neutral reader-NNNN ones.

The old handle is kept in the person's history, so comments that mention it still resolve
to them (and to nobody else); they choose a handle of their own on the profile page.
"""

import re
import secrets

from django.db import migrations


def email_derived(username: str, email: str) -> bool:
    local = email.split("@")[0].lower()
    name = username.lower()
    if not local or not name:
        return False
    # allauth built it from the local part (cut to fit, or with a number for uniqueness).
    cleaned = re.sub(r"[^\w.+-]", "", local)
    return name == email.lower() or any(
        part and (name == part or (name.startswith(part) and name[len(part) :].isdigit()))
        for part in {local, cleaned}
    )


def neutralise(apps, schema_editor):
    User = apps.get_model("accounts", "User")
    HandleHistory = apps.get_model("accounts", "HandleHistory")
    taken = {u.lower() for u in User.objects.values_list("username", flat=True)}
    taken |= {h.lower() for h in HandleHistory.objects.values_list("handle", flat=True)}
    for user in User.objects.only("pk", "username", "email").iterator():
        if not email_derived(user.username, user.email):
            continue
        handle = user.username
        while handle.lower() in taken:
            handle = f"reader-{secrets.randbelow(900000) + 1000}"
        taken.add(handle.lower())
        HandleHistory.objects.create(user=user, handle=user.username)
        User.objects.filter(pk=user.pk).update(username=handle)


class Migration(migrations.Migration):
    dependencies = [("accounts", "0003_handle_history")]

    operations = [migrations.RunPython(neutralise, migrations.RunPython.noop)]
