"""The pipeline on a few hundred synthetic messy texts whose structure we know.

Floors are set at what the pipeline achieves, a little below; bench/heading_accuracy.py
prints the breakdown by layout and the worst seeds.
"""

from __future__ import annotations

from collections import defaultdict

import pytest

from tests.library.synthetic import (
    Score,
    furniture_leaks,
    generate,
    generate_large,
    score_headings,
)

SEEDS = range(300)
# Measured on seeds 0-299 (bench/heading_accuracy.py --seeds 300): precision 0.969,
# recall 0.990 (0.993 ignoring levels); title, author and footnote count right on all
# 300; no seed with page furniture left in a paragraph. By heading style (P / R):
# chapter_roman 0.926 / 0.987, all_caps 0.980 / 0.950, numeric_dot 0.940 / 0.997,
# title_case 0.962 / 0.978, numeric 0.962 / 0.993, chapter_colon 0.972 / 1.000,
# chapter_dash 0.988 / 1.000, parts 0.996 / 1.000, markdown 1.000 / 1.000.
# Most misses left are chapter-title running headers taken for sub-headings when
# the footnote markers are glued or superscript: raise these floors as they are fixed.
PRECISION_FLOOR = 0.95
RECALL_FLOOR = 0.97
STYLE_FLOOR = 0.90  # precision and recall of every heading style
TITLE_FLOOR = 0.98
AUTHOR_FLOOR = 0.98
FOOTNOTE_COUNT_FLOOR = 0.98
MAX_SEEDS_WITH_LEAKS = 1  # should be 0


@pytest.fixture(scope="module")
def results():
    from studygroup.library.importing.pipeline import parse_text

    out = []
    for seed in SEEDS:
        text, expected = generate(seed)
        name = "synthetic.md" if expected.markdown else "synthetic.txt"
        parsed = parse_text(text, filename=name, markdown=expected.markdown)
        out.append((seed, expected, parsed))
    return out


def _by_style(results) -> dict[str, Score]:
    scores: dict[str, Score] = defaultdict(Score)
    for _seed, expected, parsed in results:
        scores[expected.style].add(score_headings(parsed, expected))
    return scores


def _summary(results) -> str:
    lines = []
    for style, score in sorted(_by_style(results).items()):
        lines.append(f"{style:15} P={score.precision:.3f} R={score.recall:.3f}")
    return "\n".join(lines)


def test_generator_is_deterministic() -> None:
    assert generate(7) == generate(7)
    assert generate(7)[0] != generate(8)[0]


def test_heading_precision_and_recall(results) -> None:
    total = Score()
    for _seed, expected, parsed in results:
        total.add(score_headings(parsed, expected))
    report = f"P={total.precision:.3f} R={total.recall:.3f}\n{_summary(results)}"
    assert total.precision >= PRECISION_FLOOR, report
    assert total.recall >= RECALL_FLOOR, report
    for style, score in _by_style(results).items():
        assert min(score.precision, score.recall) >= STYLE_FLOOR, f"{style}\n{report}"


def test_no_page_furniture_in_paragraphs(results) -> None:
    leaks = []
    seeds = set()
    for seed, expected, parsed in results:
        found = furniture_leaks(parsed, expected)
        leaks += [f"seed {seed}: {leak}" for leak in found]
        if found:
            seeds.add(seed)
    assert len(seeds) <= MAX_SEEDS_WITH_LEAKS, "\n".join(leaks[:20])


def test_large_text_has_the_size_asked_for() -> None:
    text = generate_large(300_000, seed=1)
    assert 0.97 * 300_000 <= len(text) <= 1.1 * 300_000
    assert text == generate_large(300_000, seed=1)


def test_title_and_author(results) -> None:
    titles = sum(
        (parsed.title or "").casefold() == expected.title.casefold()
        for _seed, expected, parsed in results
    )
    authors = sum(
        (parsed.author or "").casefold() == expected.author.casefold()
        for _seed, expected, parsed in results
    )
    assert titles / len(results) >= TITLE_FLOOR
    assert authors / len(results) >= AUTHOR_FLOOR


def test_footnote_counts(results) -> None:
    exact = sum(len(parsed.footnotes) == expected.footnotes for _s, expected, parsed in results)
    assert exact / len(results) >= FOOTNOTE_COUNT_FLOOR
