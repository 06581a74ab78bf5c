"""API speed: a week's discussion as JSON beside the reading page, at 100 and 1,000 comments.

    .venv/bin/python bench/api.py [--runs 20]

Uses bench/_harness.py's setup (a temporary SQLite database, DEBUG off, the database cache)
and bench/discussion.py's seed. Measured in the same run, through the Django test client:

* the baseline: the reading page for a signed-in member with its thread re-rendered ("cold",
  the first reader after a write), 50 top-level threads shown;
* GET /api/groups/<slug>/readings/<id>/comments?limit=50 with a token: queries, size, median
  and p90 (nothing is cached for the API, so every call is "cold");
* posting a comment through the API, beside posting through the site's HTMX form.
"""

from __future__ import annotations

import random
import sys

import _harness as harness

harness.setup(COMMENT_RATE_LIMIT="100000/m")

import discussion as bench  # noqa: E402  (its seed; Django is already set up)
from django.test import Client, override_settings  # noqa: E402
from django.urls import reverse  # noqa: E402

from studygroup.api.tokens import create_token  # noqa: E402
from studygroup.discussion import services  # noqa: E402


def main() -> None:
    runs = int(sys.argv[sys.argv.index("--runs") + 1]) if "--runs" in sys.argv else 20
    rng = random.Random(0)
    with harness.database():
        worlds = {n: bench.seed(n, rng) for n in (100, 1000)}
        print(f"SQLite in {harness.TMP}, DEBUG off; {runs} runs each; times in ms\n")
        measure(worlds, runs)


def measure(worlds: dict, runs: int) -> None:
    header = (
        f"{'comments':>8} {'page cold med':>13} {'page p90':>8} {'api queries':>11} "
        f"{'api KB':>7} {'api med':>7} {'api p90':>7} {'post site':>9} {'post api':>8}"
    )
    print(header)
    print("-" * len(header))
    with (
        override_settings(STORAGES=harness.PLAIN_STORAGE, COMMENT_PAGE_SIZE=50),
        override_settings(WRITE_RATE_LIMIT="100000/m"),
    ):
        for n, (group, reading, member) in worlds.items():
            site = Client()
            site.force_login(member)
            page = reverse("discussion:reading", kwargs={"slug": group.slug, "number": 1})
            site.get(page)

            def bump(group=group, reading=reading):
                services.bump_version(group_id=group.pk, reading_id=reading.pk)

            page_times = harness.timed(lambda: site.get(page), runs, before=bump)  # noqa: B023

            api = Client(
                headers={"Authorization": f"Bearer {create_token(user=member, name='b').secret}"}
            )
            url = f"/api/groups/{group.slug}/readings/{reading.pk}/comments?limit=50"
            assert api.get(url).status_code == 200
            queries, response = harness.count_queries(lambda: api.get(url))  # noqa: B023
            api_times = harness.timed(lambda: api.get(url), runs)  # noqa: B023

            post_site = reverse(
                "discussion:post", kwargs={"slug": group.slug, "reading": reading.pk}
            )
            post_api = f"/api/groups/{group.slug}/readings/{reading.pk}/comments"
            body = {"body": "A new *thought* on the passage."}
            site_posts = harness.timed(
                lambda: site.post(post_site, body, headers={"HX-Request": "true"}),  # noqa: B023
                max(5, runs // 3),
            )
            api_posts = harness.timed(
                lambda: api.post(post_api, body, content_type="application/json"),  # noqa: B023
                max(5, runs // 3),
            )
            print(
                f"{n:8d} {harness.median(page_times):13.1f} {harness.p90(page_times):8.1f} "
                f"{queries:11d} {len(response.content) / 1024:7.1f} "
                f"{harness.median(api_times):7.1f} {harness.p90(api_times):7.1f} "
                f"{harness.median(site_posts):9.1f} {harness.median(api_posts):8.1f}"
            )


if __name__ == "__main__":
    main()
