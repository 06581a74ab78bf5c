"""API speed: a week's discussion as JSON beside the reading page, at 100 and 1,000 comments.

    .venv/bin/python bench/api.py [--runs 20]

Uses bench/discussion.py's seed and settings (a temporary SQLite database, DEBUG off, the
database cache). Measured in the same run, through the Django test client:

* the baseline: the reading page for a signed-in member with its thread re-rendered ("cold",
  the first reader after a write), 50 top-level threads shown;
* GET /api/groups/<slug>/readings/<id>/comments?limit=50 with a token: queries, size, median
  and p90 (nothing is cached for the API, so every call is "cold");
* posting a comment through the API, beside posting through the site's HTMX form.
"""

from __future__ import annotations

import random
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import discussion as bench  # noqa: E402  (sets up Django on its temporary database)
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client, override_settings  # noqa: E402
from django.urls import reverse  # noqa: E402

from studygroup.api.tokens import create_token  # noqa: E402
from studygroup.discussion import services  # noqa: E402


def main() -> None:
    runs = int(sys.argv[sys.argv.index("--runs") + 1]) if "--runs" in sys.argv else 20
    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)
    rng = random.Random(0)
    worlds = {n: bench.seed(n, rng) for n in (100, 1000)}
    print(f"SQLite in {bench.TMP}, DEBUG off; {runs} runs each; times in ms\n")
    header = (
        f"{'comments':>8} {'page cold med':>13} {'page p90':>8} {'api queries':>11} "
        f"{'api KB':>7} {'api med':>7} {'api p90':>7} {'post site':>9} {'post api':>8}"
    )
    print(header)
    print("-" * len(header))
    with (
        override_settings(STORAGES=bench.PLAIN_STORAGE, COMMENT_PAGE_SIZE=50),
        override_settings(WRITE_RATE_LIMIT="100000/m"),
    ):
        for n, (group, reading, member) in worlds.items():
            site = Client()
            site.force_login(member)
            page = reverse("discussion:reading", kwargs={"slug": group.slug, "number": 1})
            site.get(page)

            def bump(group=group, reading=reading):
                services.bump_version(group_id=group.pk, reading_id=reading.pk)

            page_times = bench.timed(lambda: site.get(page), runs, before=bump)  # noqa: B023

            api = Client(
                headers={"Authorization": f"Bearer {create_token(user=member, name='b').secret}"}
            )
            url = f"/api/groups/{group.slug}/readings/{reading.pk}/comments?limit=50"
            assert api.get(url).status_code == 200
            queries: list[str] = []

            def count(execute, sql, params, many, context, queries=queries):
                queries.append(sql)
                return execute(sql, params, many, context)

            with connection.execute_wrapper(count):
                response = api.get(url)
            api_times = bench.timed(lambda: api.get(url), runs)  # noqa: B023

            post_site = reverse(
                "discussion:post", kwargs={"slug": group.slug, "reading": reading.pk}
            )
            post_api = f"/api/groups/{group.slug}/readings/{reading.pk}/comments"
            body = {"body": "A new *thought* on the passage."}
            site_posts = bench.timed(
                lambda: site.post(post_site, body, headers={"HX-Request": "true"}),  # noqa: B023
                max(5, runs // 3),
            )
            api_posts = bench.timed(
                lambda: api.post(post_api, body, content_type="application/json"),  # noqa: B023
                max(5, runs // 3),
            )
            print(
                f"{n:8d} {statistics.median(page_times):13.1f} {bench.p90(page_times):8.1f} "
                f"{len(queries):11d} {len(response.content) / 1024:7.1f} "
                f"{statistics.median(api_times):7.1f} {bench.p90(api_times):7.1f} "
                f"{statistics.median(site_posts):9.1f} {statistics.median(api_posts):8.1f}"
            )


if __name__ == "__main__":
    main()
