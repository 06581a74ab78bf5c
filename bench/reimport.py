"""Re-import speed with fuzzy paragraph matching: a 5 MB text, ~1 % of paragraphs changed.

    .venv/bin/python bench/reimport.py [--bytes 5000000] [--changed 0.01]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench .venv/bin/python bench/reimport.py

Seeds a temporary database (a SQLite file by default; with DATABASE_URL, a throwaway
`test_<name>` database on that PostgreSQL server, dropped at the end), imports a synthetic
book of about 5 MB (tests/library/synthetic.py), then re-imports it with about 1 % of its
paragraphs changed a little (a word replaced, a typo, a hyphenation broken, a sentence
added) and 0.1 % deleted, 0.1 % inserted. Prints the time of the alignment alone
(`plan_reimport`, what the admin's preview runs) and of the whole re-import
(`save_imported_text(replace=...)`, one transaction), and how many paragraphs kept their
id. Target: the re-import in < 15 s. Baselines in the same run: the first import of the
same text (saving every paragraph new), and matching paragraphs by identical text alone.
"""

from __future__ import annotations

import argparse
import copy
import random
import time

import _harness as harness

harness.setup()

from studygroup.library.importing.document import ParsedParagraph  # noqa: E402
from studygroup.library.importing.pipeline import parse_text  # noqa: E402
from studygroup.library.models import Paragraph  # noqa: E402
from studygroup.library.services import plan_reimport, save_imported_text  # noqa: E402
from tests.library.synthetic import generate_large  # noqa: E402


def perturb(text: str, rng: random.Random) -> str:
    """One small, realistic correction."""
    words = text.split(" ")
    k = rng.randrange(len(words))
    how = rng.choice(["word", "typo", "hyphen", "sentence"])
    if how == "word":
        words[k] = rng.choice(["plainly", "indeed", "workers", "history", "theory"])
    elif how == "typo" and len(words[k]) > 3:
        w = words[k]
        i = rng.randrange(len(w) - 1)
        words[k] = w[:i] + w[i + 1] + w[i] + w[i + 2 :]
    elif how == "hyphen" and len(words[k]) > 5:
        words[k] = words[k][:3] + "- " + words[k][3:]
    else:
        words.append("This sentence was added by the editor.")
    return " ".join(words)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--bytes", type=int, default=5_000_000)
    parser.add_argument("--changed", type=float, default=0.01)
    args = parser.parse_args()
    rng = random.Random(13)

    with harness.database():
        raw = generate_large(args.bytes, seed=0)
        parsed = parse_text(raw, filename="large.txt")
        start = time.perf_counter()
        text = save_imported_text(parsed=parsed, filename="large.txt", checksum="a" * 64).text
        paragraphs = [p for s in parsed.sections for p in s.paragraphs]
        print(
            f"{len(raw.encode()) / 1e6:.2f} MB, {len(parsed.sections)} sections, "
            f"{len(paragraphs)} paragraphs; first import (baseline) "
            f"{time.perf_counter() - start:.2f} s"
        )

        corrected = copy.deepcopy(parsed)
        flat = [(s, i) for s in corrected.sections for i in range(len(s.paragraphs))]
        chosen = rng.sample(flat, max(1, int(len(flat) * args.changed)))
        for section, i in chosen:
            old = section.paragraphs[i]
            section.paragraphs[i] = ParsedParagraph(
                text=perturb(old.text, rng), kind=old.kind, refs=[]
            )
        # And a few structural fixes: a paragraph dropped here, one added there.
        for section, i in rng.sample(flat, max(1, len(flat) // 1000)):
            if i < len(section.paragraphs):
                del section.paragraphs[i]
        for section, i in rng.sample(flat, max(1, len(flat) // 1000)):
            extra = f"An editor's note, number {i}, on what {section.title} leaves out."
            section.paragraphs.insert(i, ParsedParagraph(text=extra))
        print(
            f"changed {len(chosen)} paragraphs a little; "
            f"deleted and inserted {max(1, len(flat) // 1000)} each"
        )

        start = time.perf_counter()
        stored = dict(
            Paragraph.objects.filter(section__text=text).values_list("text", "pk").iterator()
        )
        same = sum(1 for s in corrected.sections for p in s.paragraphs if p.text in stored)
        print(
            f"baseline: matching by identical text alone: {time.perf_counter() - start:.2f} s, "
            f"{same} paragraphs matched"
        )

        start, cpu = time.perf_counter(), time.process_time()
        plan = plan_reimport(text, corrected)
        print(
            f"alignment (the preview): {time.perf_counter() - start:.2f} s "
            f"(CPU {time.process_time() - cpu:.2f} s): {plan.exact} exact, {plan.close} close, "
            f"{plan.created} new, {len(plan.removed)} give up their id"
        )

        before = set(Paragraph.objects.filter(section__text=text).values_list("pk", flat=True))
        start, cpu = time.perf_counter(), time.process_time()
        report = save_imported_text(
            parsed=corrected, filename="large.txt", checksum="b" * 64, replace=text
        )
        seconds = time.perf_counter() - start
        after = set(Paragraph.objects.filter(section__text=text).values_list("pk", flat=True))
        print(
            f"re-import: {seconds:.2f} s (CPU {time.process_time() - cpu:.2f} s)  "
            f"target < 15 s: {'ok' if seconds < 15 else 'SLOW'}"
        )
        print(
            f"ids kept: {len(before & after)} of {len(before)} "
            f"({report.paragraphs_matched} by close match); "
            f"{report.paragraphs_created} created, {report.paragraphs_removed} removed"
        )


if __name__ == "__main__":
    main()
