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
import time
from datetime import timedelta

import _harness as harness

harness.setup(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend")

from django.core.management import call_command  # noqa: E402
from django.test import Client, override_settings  # noqa: E402
from django.urls import reverse  # noqa: E402

from studygroup.groups.timeline import load_timeline  # noqa: E402
from studygroup.meetings import services  # noqa: E402
from tests.factories import add_member, adopt, make_group, make_user  # noqa: E402

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


def measure(client: Client, url: str, runs: int) -> tuple[int, list[float]]:
    queries, response = harness.count_queries(lambda: client.get(url))
    assert response.status_code == 200
    return queries, harness.timed(lambda: client.get(url), runs)


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
    with harness.database(), override_settings(STORAGES=harness.PLAIN_STORAGE):
        print(f"{'members':>7} {'weeks':>5}  page            queries  median ms  x base")
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
            base = None
            for name, url in pages.items():
                queries, times = measure(client, url, args.runs)
                base = base or harness.median(times)
                print(
                    f"{members:>7} {weeks:>5}  {name:<15} {queries:>7}  "
                    f"{harness.median(times):9.1f}  {harness.median(times) / base:6.1f}"
                )
        first, again, sent = reminders(20)
        print(
            f"send_meeting_reminders, 20 more groups x 10 members (and the groups above): "
            f"{first * 1000:.0f} ms for {sent} reminders (inline tasks, locmem email); "
            f"re-run: {again * 1000:.0f} ms"
        )


if __name__ == "__main__":
    main()
