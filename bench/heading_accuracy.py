"""Heading precision/recall of the pipeline on synthetic texts, by layout.

.venv/bin/python bench/heading_accuracy.py [--seeds 500] [--worst 15] [--show SEED]
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from studygroup.library.importing.pipeline import parse_text  # noqa: E402
from tests.library.synthetic import (  # noqa: E402
    Score,
    furniture_leaks,
    generate,
    score_headings,
)


def parse(seed: int):
    text, expected = generate(seed)
    name = "synthetic.md" if expected.markdown else "synthetic.txt"
    return text, expected, parse_text(text, filename=name, markdown=expected.markdown)


def table(title: str, scores: dict[str, Score]) -> None:
    print(
        f"\n{title:28} {'P':>6} {'R':>6} {'R(any lvl)':>10} {'expected':>9} {'extra':>6} "
        f"{'missed':>7} {'wrong lvl':>9}"
    )
    for key, s in sorted(scores.items(), key=lambda kv: (kv[1].precision + kv[1].recall, kv[0])):
        print(
            f"{key:28} {s.precision:6.3f} {s.recall:6.3f} {s.recall_any_level:10.3f} "
            f"{s.expected:9d} {len(s.extra):6d} {len(s.missed):7d} {s.wrong_level:9d}"
        )


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--seeds", type=int, default=500)
    ap.add_argument("--worst", type=int, default=15)
    ap.add_argument("--show", type=int, help="print one seed's text and what was found")
    args = ap.parse_args()

    if args.show is not None:
        text, expected, parsed = parse(args.show)
        print(text)
        print("features:", expected.features)
        print("expected:", expected.headings)
        print("found:   ", [(s.title, s.level, s.kind) for s in parsed.sections])
        score = score_headings(parsed, expected)
        print("missed:  ", score.missed)
        print("extra:   ", score.extra)
        print("leaks:   ", furniture_leaks(parsed, expected))
        return

    total = Score()
    by_style: dict[str, Score] = defaultdict(Score)
    by_feature: dict[str, Score] = defaultdict(Score)
    per_seed = []
    titles = authors = footnotes_exact = leaks = 0
    start = time.perf_counter()
    for seed in range(args.seeds):
        _text, expected, parsed = parse(seed)
        score = score_headings(parsed, expected)
        total.add(score)
        by_style[expected.style].add(score)
        for feature in expected.features:
            by_feature[feature.split(":")[0] if feature.startswith("style") else feature].add(score)
        per_seed.append((score.precision + score.recall, seed, expected, score))
        titles += (parsed.title or "").casefold() == expected.title.casefold()
        authors += (parsed.author or "").casefold() == expected.author.casefold()
        footnotes_exact += len(parsed.footnotes) == expected.footnotes
        leaks += bool(furniture_leaks(parsed, expected))
    seconds = time.perf_counter() - start

    n = args.seeds
    print(f"{n} seeds in {seconds:.1f} s")
    print(
        f"headings: precision {total.precision:.3f}  recall {total.recall:.3f}  "
        f"(recall ignoring levels {total.recall_any_level:.3f}; {total.matched} matched, "
        f"{len(total.extra)} extra, {len(total.missed)} missed, {total.wrong_level} at the "
        "wrong level)"
    )
    print(
        f"title right {titles / n:.1%}, author right {authors / n:.1%}, "
        f"footnote count exact {footnotes_exact / n:.1%}, seeds with furniture leaks {leaks}"
    )
    table("by heading style", by_style)
    table("by layout feature", {k: v for k, v in by_feature.items() if k != "style"})

    print(f"\nworst {args.worst} seeds:")
    for _key, seed, expected, score in sorted(per_seed, key=lambda t: (t[0], t[1]))[: args.worst]:
        if score.precision == score.recall == 1.0:
            break
        print(
            f"  seed {seed}: P={score.precision:.2f} R={score.recall:.2f}",
            " ".join(expected.features),
        )
        for title, level in score.missed[:3]:
            print(f"      missed ({level}) {title!r}")
        for title, level in score.extra[:3]:
            print(f"      extra  ({level}) {title!r}")


if __name__ == "__main__":
    main()
