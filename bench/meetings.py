"""Meeting pages and reminders: speed as a group grows, beside the group page as a baseline.

    .venv/bin/python bench/meetings.py [--runs 20]

Seeds a temporary SQLite database (DEBUG off), then, for groups of 5, 30 and 100 members
over 10, 30 and 52 weeks (every meeting with a pair on the rota and an answer from every
member), measures through the Django test client as the facilitator: queries and median page
time of the meetings list, the rota, the schedule (with the rota) and one meeting, beside the
group overview page in the same run. Then the time `send_meeting_reminders` takes to queue
and send (tasks inline) the reminders of 20 groups meeting tomorrow, and of a re-run.
"""

from __future__ import annotations

import argparse
import io
import os
import statistics
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

TMP = tempfile.mkdtemp(prefix="studygroup-bench-")
os.environ.update(
    DJANGO_SETTINGS_MODULE="studygroup.settings",
    DATABASE_URL=f"sqlite:///{TMP}/bench.sqlite3",
    DEBUG="false",
    SECRET_KEY="bench-" + "x" * 50,
    ALLOWED_HOSTS="testserver",
    SECURE_SSL_REDIRECT="false",
    SECURE_COOKIES="false",
    TASKS_BACKEND="immediate",
    EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
)
os.environ.pop("REDIS_URL", None)

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client, override_settings  # noqa: E402
from django.urls import reverse  # noqa: E402

from studygroup.groups.timeline import load_timeline  # noqa: E402
from studygroup.meetings import services  # noqa: E402
from tests.factories import add_member, adopt, make_group, make_user  # noqa: E402

PLAIN_STORAGE = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
SIZES = [(5, 10), (30, 30), (100, 52)]


def seed(members: int, weeks: int):
    facilitator = make_user()
    group = make_group(facilitator=facilitator)
    adopt(group, start_date=group.today() - timedelta(weeks=2), weeks=weeks)
    people = [group.memberships.get()] + [add_member(group) for _ in range(members - 1)]
    for i, week in enumerate(load_timeline(group, with_progress=False).weeks):
        pair = [people[i % members].pk, people[(i + 1) % members].pk]
        services.set_facilitators(group=group, week=week, membership_ids=pair)
        if not week.is_past:
            for n, membership in enumerate(people):
                answer = ["coming", "maybe", "not_coming"][n % 3]
                services.answer(membership=membership, week=week, answer=answer)
    return group, facilitator


def measure(client: Client, url: str, runs: int) -> tuple[int, float]:
    queries: list[str] = []

    def count(execute, sql, params, many, context):
        queries.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        assert client.get(url).status_code == 200
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        client.get(url)
        times.append((time.perf_counter() - start) * 1000)
    return len(queries), statistics.median(times)


def reminders(groups: int) -> tuple[float, float, int]:
    from django.core import mail

    from studygroup.discussion.models import Notification

    for _ in range(groups):
        probe = make_group(facilitator=make_user())
        tomorrow = probe.today() + timedelta(days=1)
        group = make_group(facilitator=make_user(), meeting_weekday=tomorrow.weekday())
        adopt(group, start_date=tomorrow, weeks=3)
        for _ in range(9):
            add_member(group)
    mail.outbox = []
    before = Notification.objects.filter(kind="meeting").count()
    start = time.perf_counter()
    call_command("send_meeting_reminders", stdout=io.StringIO())
    first = time.perf_counter() - start
    start = time.perf_counter()
    call_command("send_meeting_reminders", stdout=io.StringIO())
    again = time.perf_counter() - start
    # The groups seeded above may meet tomorrow too; count only what the re-run added.
    sent = Notification.objects.filter(kind="meeting").count() - before
    return first, again, sent


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)
    print(f"{'members':>7} {'weeks':>5}  page            queries  median ms")
    with override_settings(STORAGES=PLAIN_STORAGE):
        for members, weeks in SIZES:
            group, facilitator = seed(members, weeks)
            client = Client()
            client.force_login(facilitator)
            first = load_timeline(group, with_progress=False).weeks[2].reading.pk
            pages = {
                "group (base)": group.get_absolute_url(),
                "meetings": reverse("meetings:list", args=[group.slug]),
                "meeting": reverse("meetings:detail", args=[group.slug, first]),
                "rota": reverse("meetings:rota", args=[group.slug]),
                "schedule": reverse("groups:schedule", args=[group.slug]),
            }
            for name, url in pages.items():
                queries, median = measure(client, url, args.runs)
                print(f"{members:>7} {weeks:>5}  {name:<15} {queries:>7}  {median:9.1f}")
        first, again, sent = reminders(20)
    print(
        f"send_meeting_reminders, 20 more groups x 10 members (and the groups above): "
        f"{first * 1000:.0f} ms for {sent} reminders (inline tasks, locmem email); "
        f"re-run: {again * 1000:.0f} ms"
    )


if __name__ == "__main__":
    main()
