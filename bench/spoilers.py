"""No spoilers: what the reading page and the other surfaces pay for it.

    .venv/bin/python bench/spoilers.py [--runs 30]

Seeds a temporary SQLite database as bench/discussion.py does (a week with 100 and 1,000
comments, its meeting still to come), then measures through the Django test client, in the
same run, three readers of the same page:

* "off": a member with the setting off: the baseline;
* "open": the setting on, the week marked done: the thread is shown;
* "folded": the setting on, the week not reached: the thread is folded away.

For each: queries of a cold view (the thread re-rendered) and median page times, warm (the page
rendered again from the cached thread) and cold (the thread re-queried and re-rendered). Then
the cost of `spoilers.guard` alone for a member of 1, 10 and 50 groups (its queries are fixed).
"""

from __future__ import annotations

import random
import statistics
import sys
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

# First: it points Django at a temporary database and sets it up.
from bench.discussion import PLAIN_STORAGE, TMP, seed, timed  # noqa: E402, I001

# isort: split
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client, override_settings  # noqa: E402
from django.urls import reverse  # noqa: E402

from studygroup import cache as versions  # noqa: E402
from studygroup.discussion import services  # noqa: E402
from studygroup.groups import spoilers  # noqa: E402
from studygroup.groups.models import Adoption, Progress  # noqa: E402
from tests.factories import add_member, adopt, make_group, make_user  # noqa: E402


def page_figures(group, reading, user, runs: int) -> tuple[int, float, float, bool]:
    client = Client()
    client.force_login(user)
    url = reverse("discussion:reading", kwargs={"slug": group.slug, "number": reading.number})
    client.get(url)

    def bump():
        services.bump_version(group_id=group.pk, reading_id=reading.pk)

    bump()
    queries: list[str] = []

    def count(execute, sql, params, many, context):
        queries.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        response = client.get(url)
    folded = b"You haven't finished week" in response.content
    cold = statistics.median(timed(lambda: client.get(url), runs, before=bump))
    warm = statistics.median(
        timed(
            lambda: client.get(url),
            runs,
            # A write elsewhere in the group: its version and its frame's move.
            before=lambda: versions.bump(
                [versions.group_version_key(group.pk), versions.group_frame_key(group.pk)]
            ),
        )
    )
    return len(queries), warm, cold, folded


def guard_ms(groups: int, runs: int) -> tuple[int, float]:
    user = make_user(hide_spoilers=True)
    later = timedelta(days=30)
    for _ in range(groups):
        group = make_group()
        add_member(group, user)
        adopt(group, start_date=group.today() + later, weeks=6)
    queries: list[str] = []

    def count(execute, sql, params, many, context):
        queries.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        spoilers.guard(user)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        spoilers.guard(user)
        times.append((time.perf_counter() - start) * 1000)
    return len(queries), statistics.median(times)


def main() -> None:
    runs = int(sys.argv[sys.argv.index("--runs") + 1]) if "--runs" in sys.argv else 30
    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)
    rng = random.Random(0)
    print(f"SQLite in {TMP}, DEBUG off, database cache; {runs} runs each\n")
    header = (
        f"{'comments':>8} {'reader':>7} {'folded':>6} {'queries':>7} "
        f"{'warm med':>8} {'cold med':>8}"
    )
    print(header)
    print("-" * len(header))
    with override_settings(STORAGES=PLAIN_STORAGE):
        for n in (100, 1000):
            group, reading, baseline = seed(n, rng)
            start = group.today() + timedelta(days=8)  # the week's meeting is still to come
            Adoption.objects.filter(group=group).update(start_date=start)
            opened, folded = (make_user(hide_spoilers=True) for _ in range(2))
            add_member(group, opened)
            add_member(group, folded)
            Progress.objects.create(membership=group.memberships.get(user=opened), reading=reading)
            for name, user in (("off", baseline), ("open", opened), ("folded", folded)):
                queries, warm, cold, is_folded = page_figures(group, reading, user, runs)
                print(
                    f"{n:8d} {name:>7} {'yes' if is_folded else 'no':>6} {queries:7d} "
                    f"{warm:8.1f} {cold:8.1f}"
                )
    print("\nspoilers.guard alone (notifications, search, emails, fragments):")
    for groups in (1, 10, 50):
        queries, ms = guard_ms(groups, runs)
        print(
            f"  member of {groups:2d} groups (6 weeks each): {queries} queries, {ms:.2f} ms median"
        )
    print("\ntimes in ms; warm = page rendered from the cached thread, cold = thread re-rendered")


if __name__ == "__main__":
    main()
