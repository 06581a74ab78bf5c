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
import random
import re
import statistics
import time

import _harness as harness

harness.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth.models import AnonymousUser  # noqa: E402
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


def seed(n_comments: int, rng: random.Random):
    texts = []
    for path in sorted(harness.TEXTS.glob("*.txt")):
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
    readings = {g.pk: list(Reading.objects.of_group(g).order_by("number")) for g in groups}
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
    return harness.timed(fn, rounds)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--comments", type=int, default=20_000)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    rng = random.Random(6)
    with harness.database():
        start = time.perf_counter()
        viewer, sentences = seed(args.comments, rng)
        if harness.POSTGRES:
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
            harness.line(f"search, {who}", times)
            print(f"{'':<34} slowest query: {worst[0]!r} ({worst[1]:.1f} ms median)")
        one_kind = []
        for text in QUERIES:
            one_kind += timed(
                lambda text=text: services.search(user=viewer, text=text, kind="comment", page=2),
                args.rounds,
            )
        harness.line("comments only, page 2", one_kind)
        with override_settings(STORAGES=harness.PLAIN_STORAGE):
            client = Client()
            client.force_login(viewer)
            page = []
            for text in QUERIES:
                page += timed(lambda text=text: client.get("/search/", {"q": text}), args.rounds)
            harness.line("results page (client, member)", page)
        sample = services.search(user=viewer, text="class struggle")
        print("hits for 'class struggle':", {g.kind: g.total for g in sample.groups})


if __name__ == "__main__":
    main()
