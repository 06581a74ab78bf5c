"""The fourth families (held out until round six, tuning since): what is particular to them.

test_family_sets.py runs the generic checks over them with the fresh and third sets:
deterministic, varied, truth present in the input, words shared with no earlier set, a
perfect parse gets full marks and a flawed one loses, round-trip sources and PDFs that hold
their truth. Here: the split, and that each family's own trap is really in its input and
really out of its truth. Nothing here measures the importer.
"""

from __future__ import annotations

import re

from tests.library.families import (
    FOURTH_FAMILIES,
    FOURTH_PDF_FAMILIES,
    HELD_OUT,
    PDF_FAMILIES,
    SETS,
    TUNING,
    generate,
)
from tests.library.families.fourth_roundtrip import LAYOUTS, build

SEEDS = range(8)


def test_the_fourth_families_are_tuning_since_round_six():
    # Held out until the fifth set was written and scored; tuned on from round six.
    assert [*FOURTH_FAMILIES, *FOURTH_PDF_FAMILIES] == SETS["fourth"]
    assert set(SETS["fourth"]) <= set(TUNING)
    assert not set(SETS["fourth"]) & set(HELD_OUT)
    assert len(FOURTH_PDF_FAMILIES) >= 2
    assert set(FOURTH_PDF_FAMILIES) <= set(PDF_FAMILIES)
    assert [f"pdf_fourth_{layout}" for layout in LAYOUTS] == FOURTH_PDF_FAMILIES


def test_margin_line_numbers_are_printed_and_every_numbered_sentence_is_a_probe():
    margins = set()
    for seed in SEEDS:
        case = generate("line_numbers", seed)
        body = case.text.split("\n\n\n", 3)[-1]
        right = re.findall(r"(?m)\S {6,}(\d{1,3})$", body)
        left = re.findall(r"(?m)^(\d{1,3}) {2,}[a-z“]", body)
        assert right or left, seed
        margins.add("right" if right else "left")
        numbers = [int(n) for n in right or left]
        assert all(n % 5 == 0 for n in numbers), numbers
        # Every sentence of a numbered paragraph is a probe, cut by a number or not.
        assert len(case.truth.sentences) > 3 * len(case.truth.headings)
    assert margins == {"right", "left"}


def test_speakers_directions_and_questions_are_not_headings():
    """A speaker's name alone above a speech, and a reader's numbered questions, stay out of
    the truth's headings; the questions are probes."""
    seen = {"speaker": 0, "question": 0}
    for seed in SEEDS:
        play = generate("play", seed)
        printed = {h.printed for h in play.truth.headings}
        for name in re.findall(r"(?m)^ {20}([A-Z]+)$", play.text):
            assert name not in printed
            seen["speaker"] += 1
        reader = generate("course_reader", seed)
        printed = {h.printed for h in reader.truth.headings}
        for question in re.findall(
            r"(?m)^\d\. ((?:How|Can|Who|What|Why|Where) .+\?)$", reader.text
        ):
            assert question not in printed
            assert question in reader.truth.sentences
            seen["question"] += 1
    assert all(seen.values()), seen


def test_faq_questions_are_level_two_under_their_topics():
    for seed in SEEDS:
        headings = generate("faq", seed).truth.headings
        assert headings[0].level == 1
        questions = [h for h in headings if h.level == 2]
        assert questions and all(h.title.endswith("?") for h in questions)
        assert all(h.title[0].isupper() and not h.title.istitle() for h in questions)


def test_notes_in_the_truth_are_the_notes_written():
    """The course reader keeps each book's own note numbers; the e-reader's restart at 1 in
    each chapter's group at the back."""
    kept = restarted = False
    for seed in SEEDS:
        reader = generate("course_reader", seed)
        blocks = [b.split("\n\n\n")[0] for b in reader.text.split("\nNotes\n")[1:]]
        numbers = [re.findall(r"(?m)^(\d+)\. ", block) for block in blocks]
        assert reader.truth.footnotes == sum(len(n) for n in numbers)
        kept = kept or any(found and found[0] != "1" for found in numbers)
        book = generate("ereader", seed)
        back = book.text.split("\nNotes\n")[-1]
        found = re.findall(r"(?m)^(\d+)\.? (?:Film society|As told|Counted|On )", back)
        assert book.truth.footnotes == len(found)
        # Each chapter's group counts from 1 again.
        assert [int(n) for n in found] == [k for size in _runs(found) for k in range(1, size + 1)]
        restarted = restarted or len(_runs(found)) >= 2
    assert kept and restarted


def _runs(numbers: list[str]) -> list[int]:
    """The lengths of the runs that restart at "1"."""
    runs: list[int] = []
    for n in numbers:
        if n == "1":
            runs.append(0)
        runs[-1] += 1
    return runs


def test_typescript_is_double_spaced_and_underlines_its_headings():
    for seed in SEEDS:
        case = generate("typewriter", seed)
        lines = case.text.split("\n")
        typed = [k for k, line in enumerate(lines[:-1]) if line.strip() and lines[k + 1].strip()]
        # Two typed lines touch only where a rule underlines a heading.
        assert all(re.fullmatch(r"[=-]{3,}", lines[k + 1].strip()) for k in typed)
        for heading in case.truth.headings:
            k = next(i for i, line in enumerate(lines) if " ".join(line.split()) == heading.printed)
            assert set(lines[k + 1]) <= {"=", "-"} and len(lines[k + 1]) == len(lines[k])


def test_coursepack_notes_follow_their_reading_with_the_books_numbers():
    for seed in (0, 3):
        source, _options, truth = build("coursepack", seed)
        blocks = re.findall(r"<div class='notes'><h4>Notes</h4>(.*?)</div>", source)
        numbers = [re.findall(r"<p>(\d+)\. ", block) for block in blocks]
        assert sum(len(n) for n in numbers) == truth.footnotes
        cited = [re.findall(r"<sup>(\d+)</sup>", part) for part in source.split("class='reading'")]
        assert [n for n in cited if n] == [n for n in numbers if n]
        script, _options, play = build("script", seed)
        assert play.footnotes == 0 and "<sup>" not in script
        assert {h.level for h in play.headings if h.printed.startswith("ACT ")} == {1}
