"""Search speed: the five real texts and 20,000 comments.

    .venv/bin/python bench/search.py [--comments 20000] [--rounds 5]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench .venv/bin/python bench/search.py

Seeds a temporary database: a SQLite file by default; with DATABASE_URL, a throwaway
`test_<name>` database on that PostgreSQL server, dropped at the end. Imports the five texts
from ../shared/texts, makes 12 groups (4 public), and bulk-creates the comments with bodies
cut from the texts' own sentences, so the vocabulary is real.

Then it times `search.services.search` (every kind: the ranked page, counts, snippets, the rows
shown) for a signed-in member of three groups and for an anonymous visitor, over a set of
queries from rare words to very common ones, and the whole results page through the test
client. Prints median and p90. Target: median under 50 ms. On PostgreSQL the tables are
ANALYZEd after seeding, as autovacuum would; SQLite runs as it comes.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
TEXTS = ROOT.parent / "shared" / "texts"

TMP = tempfile.mkdtemp(prefix="studygroup-bench-")
POSTGRES = bool(os.environ.get("DATABASE_URL"))
os.environ.update(
    DJANGO_SETTINGS_MODULE="studygroup.settings",
    DEBUG="false",
    SECRET_KEY="bench-" + "x" * 50,
    ALLOWED_HOSTS="testserver",
    SECURE_SSL_REDIRECT="false",
    SECURE_COOKIES="false",
    TASKS_BACKEND="immediate",
)
if not POSTGRES:
    os.environ["DATABASE_URL"] = f"sqlite:///{TMP}/bench.sqlite3"
os.environ.pop("REDIS_URL", None)

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth.models import AnonymousUser  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client, override_settings  # noqa: E402

from studygroup.discussion.models import Comment  # noqa: E402
from studygroup.library.importing.formats import read_path  # noqa: E402
from studygroup.library.models import Paragraph, Reading  # noqa: E402
from studygroup.library.services import save_imported_text  # noqa: E402
from studygroup.search import services  # noqa: E402
from tests.factories import add_member, adopt, make_group, make_user  # noqa: E402

QUERIES = [
    "capitalism",
    "the state",
    "class struggle",
    '"working class"',
    "revolution",
    "freud",
    "dialectic",
    "soviet union bureaucracy",
    "psychoanalysis",
    "free association",
    "commun*",
    "history",
    "zzzzunfound",
    "labour movement",
    "power",
    "political",
]
PLAIN_STORAGE = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}


def seed(n_comments: int, rng: random.Random):
    texts = []
    for path in sorted(TEXTS.glob("*.txt")):
        parsed = read_path(path, max_bytes=settings.IMPORT_MAX_BYTES)
        texts.append(save_imported_text(parsed=parsed, filename=path.name, checksum="0" * 64).text)
    sentences = [
        s.strip()
        for text in Paragraph.objects.values_list("text", flat=True)
        for s in re.split(r"(?<=[.!?])\s+", text)
        if len(s.split()) >= 5
    ]
    viewer = make_user()
    users = [make_user() for _ in range(30)]
    groups = []
    for i in range(12):
        group = make_group(is_public=i < 4, facilitator=users[i])
        for user in rng.sample(users, 6):
            if user != users[i]:
                add_member(group, user)
        if i in (0, 5, 6):
            add_member(group, viewer)
        adopt(group, texts[i % len(texts)])
        groups.append(group)
    readings = {
        g.pk: list(Reading.objects.filter(adoption__group=g).order_by("number")) for g in groups
    }
    comments = []
    for i in range(n_comments):
        group = rng.choice(groups)
        body = " ".join(rng.sample(sentences, rng.randint(1, 5)))
        comments.append(
            Comment(
                group=group,
                reading=rng.choice(readings[group.pk]),
                author=rng.choice(users),
                body=body,
                html=f"<p>{body}</p>",
                path=f"{i:010d}",
                is_hidden=rng.random() < 0.01,
            )
        )
    Comment.objects.bulk_create(comments, batch_size=1000)
    return viewer, len(sentences)


def timed(fn, rounds: int) -> list[float]:
    fn()  # warm
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return times


def report(label: str, times: list[float]) -> None:
    times = sorted(times)
    p90 = times[int(len(times) * 0.9) - 1]
    print(
        f"{label:<34} median {statistics.median(times):6.1f} ms   p90 {p90:6.1f} ms"
        f"   max {times[-1]:6.1f} ms"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--comments", type=int, default=20_000)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    rng = random.Random(6)
    old_name = None
    if POSTGRES:
        old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    else:
        call_command("migrate", verbosity=0)
        call_command("createcachetable", verbosity=0)  # create_test_db does it for PostgreSQL
    try:
        start = time.perf_counter()
        viewer, sentences = seed(args.comments, rng)
        if POSTGRES:
            # What autovacuum does within a minute of a bulk load; plans depend on it.
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        print(
            f"{connection.vendor}: {Paragraph.objects.count():,} paragraphs, "
            f"{Comment.objects.count():,} comments ({sentences:,} sentences to draw from), "
            f"seeded in {time.perf_counter() - start:.1f} s"
        )
        for who, user in (("member of 3 groups", viewer), ("anonymous", AnonymousUser())):
            times: list[float] = []
            worst = ("", 0.0)
            for text in QUERIES:
                t = timed(lambda t=text, u=user: services.search(user=u, text=t), args.rounds)
                times += t
                if statistics.median(t) > worst[1]:
                    worst = (text, statistics.median(t))
            report(f"search, {who}", times)
            print(f"{'':<34} slowest query: {worst[0]!r} ({worst[1]:.1f} ms median)")
        one_kind = []
        for text in QUERIES:
            one_kind += timed(
                lambda text=text: services.search(user=viewer, text=text, kind="comment", page=2),
                args.rounds,
            )
        report("comments only, page 2", one_kind)
        with override_settings(STORAGES=PLAIN_STORAGE):
            client = Client()
            client.force_login(viewer)
            page = []
            for text in QUERIES:
                page += timed(lambda text=text: client.get("/search/", {"q": text}), args.rounds)
            report("results page (client, member)", page)
        sample = services.search(user=viewer, text="class struggle")
        print("hits for 'class struggle':", {g.kind: g.total for g in sample.groups})
    finally:
        if POSTGRES:
            connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
