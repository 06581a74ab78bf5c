"""A group re-splits its weeks: the ten-chapter book with 1,000 comments.

    .venv/bin/python bench/resplit.py [--runs 5]

Seeds a temporary SQLite database with the real ten-chapter book from ../shared/texts (the
one with a glossary; a synthetic ten-chapter text when the corpus is missing), splits it
into ten curated weeks, lets a group adopt it (its own copy of the weeks) and spreads 10
or 1,000 comments over the group's paragraphs. Then, for each size, it measures through
groups/split.py:

* move: week 2 starts one paragraph later, and back again;
* split: week 3 cut in two, and the halves merged again;
* preview: the rolled-back dry run the editor shows before saving.

For each: median wall time and the number of queries (which must not grow with the
comments). The baseline, measured in the same run: rendering the group's reading page of
week 2 (test client, signed-in member, nothing cached) and its queries.
Target: a re-split in under 1 s, in a constant number of queries.
"""

from __future__ import annotations

import argparse
import time

import _harness as harness

harness.setup()

from django.core.cache import caches  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402

from studygroup.discussion.models import Comment  # noqa: E402
from studygroup.discussion.threads import path_for  # noqa: E402
from studygroup.groups import services, split  # noqa: E402
from studygroup.library.importing.pipeline import parse_bytes  # noqa: E402
from studygroup.library.models import Paragraph, Section  # noqa: E402
from studygroup.library.readings import generate_readings  # noqa: E402
from studygroup.library.services import save_imported_text  # noqa: E402
from tests.factories import add_member, make_group, make_shaped_text, make_user  # noqa: E402


def load_book():
    """The corpus text with a glossary (the ten-chapter book), or a synthetic stand-in."""
    for path in sorted(harness.TEXTS.glob("*.txt")):
        data = path.read_bytes()
        if b"\nGLOSSARY" in data:
            parsed = parse_bytes(data, path.name)
            text = save_imported_text(parsed=parsed, filename=path.name, checksum="b" * 64).text
            return text, f"{text.title} ({path.name})"
    shape = [("Preface", 1, "front", [80])]
    shape += [(f"Chapter {c}", 1, "body", [120] * 40) for c in range(1, 11)]
    shape += [("Glossary", 1, "back", [30] * 20)]
    return make_shaped_text(
        shape, title="A Synthetic Ten-Chapter Book"
    ), "synthetic (corpus missing)"


def seed(adoption, n: int, author) -> None:
    """n comments on paragraphs spread evenly through the group's weeks."""
    Comment.objects.filter(group=adoption.group).delete()
    weeks = list(adoption.readings.order_by("number"))
    from studygroup.library.readings import reading_content

    spots = [(week, p) for week in weeks for _, ps in reading_content(week) for p in ps]
    made = Comment.objects.bulk_create(
        [
            Comment(
                group=adoption.group,
                reading=spots[i * len(spots) // n][0],
                paragraph=spots[i * len(spots) // n][1],
                author=author,
                body=f"Comment {i}",
                html=f"<p>Comment {i}</p>",
                path="",
            )
            for i in range(n)
        ]
    )
    for c in made:
        c.path = path_for(c.pk)
    Comment.objects.bulk_update(made, ["path"], batch_size=500)


def measure(fn, runs: int) -> tuple[float, int]:
    """Median milliseconds and the query count of the last run."""
    times = []
    count = 0
    for _ in range(runs):
        with CaptureQueriesContext(connection) as queries:
            start = time.perf_counter()
            fn()
            times.append((time.perf_counter() - start) * 1000)
        count = len(queries)
    return harness.median(times), count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with harness.database():
        run(args.runs)


def run(runs: int) -> None:
    text, source = load_book()
    generate_readings(text, weeks=10)
    facilitator = make_user()
    group = make_group(facilitator=facilitator, is_public=False)
    member = add_member(group).user
    adoption = services.adopt_text(group=group, text=text)
    paragraphs = Paragraph.objects.filter(section__text=text).count()
    print(f"Text: {source}: {text.words:,} words, {paragraphs:,} paragraphs, 10 weeks")

    client = Client()
    client.force_login(member)
    page = reverse("discussion:reading", kwargs={"slug": group.slug, "number": 2})

    def reading_page():
        caches["local"].clear()
        caches["default"].clear()
        assert client.get(page).status_code == 200

    def week(number: int):
        return adoption.readings.get(number=number)

    def place_after_start(reading, by: int = 1):
        """The week's start moved `by` paragraphs later: (section, paragraphs before)."""
        section = Section.objects.get(pk=reading.start_section_id)
        before = section.paragraphs.filter(position__lt=reading.start_paragraph).count()
        count = section.paragraphs.count()
        return section, min(before + by, count - 1)

    def move():
        w2 = week(2)
        section, paragraph = place_after_start(w2)
        original = Section.objects.get(pk=w2.start_section_id)
        back = original.paragraphs.filter(position__lt=w2.start_paragraph).count()
        split.move_boundary(adoption, week=2, section=section, paragraph=paragraph)
        split.move_boundary(adoption, week=2, section=original, paragraph=back)

    def split_and_merge():
        section, paragraph = place_after_start(week(3), by=2)
        split.split_week(adoption, week=3, section=section, paragraph=paragraph)
        split.merge_weeks(adoption, week=3)

    def preview():
        section, paragraph = place_after_start(week(2))
        split.preview(split.move_boundary, adoption, week=2, section=section, paragraph=paragraph)

    print(f"{'comments':>8}  {'what':<34} {'median ms':>10} {'queries':>8}")
    for n in (10, 1000):
        seed(adoption, n, member)
        rows = [
            ("baseline: reading page, cold", reading_page),
            ("move a boundary and back (2 saves)", move),
            ("split a week, merge it (2 saves)", split_and_merge),
            ("preview a move (rolled back)", preview),
        ]
        for label, fn in rows:
            ms, queries = measure(fn, runs)
            print(f"{n:>8}  {label:<34} {ms:>10.1f} {queries:>8}")
        assert Comment.objects.filter(group=group).count() == n, "a comment was lost"
    print("Target: each save under 1,000 ms; queries the same for 10 and 1,000 comments.")


if __name__ == "__main__":
    main()
