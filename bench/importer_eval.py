"""How well the importer generalises: scores per input family, tuning vs held-out.

.venv/bin/python bench/importer_eval.py [--set all|tuning|held-out|fourth|fifth|sixth|seventh]
                                        [--seeds 20] [--pdf-seeds 4] [--family NAME ...]
                                        [--show SEED] [--no-pdf]

The families and their truth are in tests/library/families/ (docs/importer-evaluation.md
says what each holds). The held-out set is the seventh families (seventh.py,
seventh_roundtrip.py), kept out of tuning and reported apart; the first, fresh, third,
fourth, fifth and sixth families are tuning (the fourth, fifth and sixth can still be
named by --set).
PDF families are printed by Chromium the first time and kept in $IMPORTER_EVAL_CACHE (a
folder under the system temp dir by default).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from studygroup.library.importing.document import ImportProblem  # noqa: E402
from studygroup.library.importing.formats import read_document  # noqa: E402
from tests.library.families import (  # noqa: E402
    FAMILIES,
    HELD_OUT,
    HELD_OUT_SETS,
    PDF_FAMILIES,
    SETS,
    TUNING,
    Case,
    generate,
)
from tests.library.families.roundtrip import Renderer  # noqa: E402
from tests.library.families.scoring import Score, failure, score  # noqa: E402

MAX_BYTES = 20_000_000


def parse(case: Case):
    data = case.pdf if case.is_pdf else case.text.encode()
    return read_document(data, case.filename, max_bytes=MAX_BYTES)


def evaluate(case: Case) -> tuple[Score, object | None]:
    try:
        parsed = parse(case)
    except ImportProblem as exc:
        return failure(case.truth, str(exc)), None
    return score(parsed, case.truth), parsed


def _pct(value: float | None) -> str:
    return "    –" if value is None else f"{value:5.1%}"


def _num(value: float | None, fmt: str = "5.3f") -> str:
    return "    –" if value is None else format(value, fmt)


HEADER = (
    f"{'':22} {'texts':>5} {'P':>5} {'R':>5} {'F1':>5} {'R any':>5} {'subR':>5} "
    f"{'nest':>6} {'sent':>6} {'furn':>6} {'fnErr':>5} {'fnOK':>6} {'fail':>4}"
)


def row(name: str, s: Score) -> str:
    return (
        f"{name:22} {s.texts:5d} {s.precision:5.3f} {s.recall:5.3f} {s.f1:5.3f} "
        f"{s.recall_any_level:5.3f} {_num(s.sub_recall)} {_pct(s.nest_rate):>6} "
        f"{_pct(s.probe_rate):>6} "
        f"{_pct(s.furniture_rate):>6} {_num(s.notes_error, '5.1f')} "
        f"{_pct(s.notes_exact_rate):>6} {s.failed:4d}"
    )


def show(family: str, seed: int, renderer: Renderer) -> None:
    case = generate(family, seed, renderer)
    result, parsed = evaluate(case)
    print(case.text if not case.is_pdf else f"(PDF of {len(case.pdf)} bytes; HTML source:)")
    if case.is_pdf:
        print(case.text[:4000])
    print("\nexpected headings:", [(h.printed, h.level) for h in case.truth.headings])
    if parsed is not None:
        print("found sections:   ", [(s.title, s.level, s.kind) for s in parsed.sections])
        print("footnotes: expected", case.truth.footnotes, "found", len(parsed.footnotes))
    print(row(f"{family} #{seed}", result))
    for label, items in (
        ("missed", result.missed),
        ("extra", result.extra),
        ("broken sentence", result.broken),
        ("furniture left", result.leaked),
    ):
        for item in items:
            print(f"  {label}: {item}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seeds", type=int, default=20, help="seeds per family (default 20)")
    ap.add_argument("--family", action="append", choices=FAMILIES, help="only these families")
    ap.add_argument(
        "--set",
        choices=["all", "tuning", "held-out", *SETS],
        default="all",
        help="only the tuning families, the held-out ones, or one named set (default: all)",
    )
    ap.add_argument("--show", type=int, metavar="SEED", help="print one case in detail")
    ap.add_argument(
        "--pdf-seeds",
        type=int,
        default=4,
        help="at most this many seeds per PDF family (reading a PDF takes about a second)",
    )
    ap.add_argument("--no-pdf", action="store_true", help="leave out the PDF round-trips")
    ap.add_argument("--worst", type=int, default=3, help="failing cases listed per family")
    args = ap.parse_args()

    sets = {"all": FAMILIES, "tuning": TUNING, "held-out": HELD_OUT, **SETS}
    families = args.family or sets[args.set]
    if args.no_pdf:
        families = [f for f in families if f not in PDF_FAMILIES]
    with Renderer() as renderer:
        if args.show is not None:
            for family in families:
                show(family, args.show, renderer)
            return
        render_seconds = parse_seconds = 0.0
        by_family: dict[str, Score] = defaultdict(Score)
        worst: dict[str, list[tuple[float, int, Score]]] = defaultdict(list)
        for family in families:
            seeds = min(args.seeds, args.pdf_seeds) if family in PDF_FAMILIES else args.seeds
            for seed in range(seeds):
                start = time.perf_counter()
                case = generate(family, seed, renderer)
                middle = time.perf_counter()
                result, _parsed = evaluate(case)
                parse_seconds += time.perf_counter() - middle
                render_seconds += middle - start
                by_family[family].add(result)
                if result.missed or result.extra or result.broken or result.leaked:
                    worst[family].append((result.f1, seed, result))

    texts = sum(s.texts for s in by_family.values())
    print(
        f"{len(families)} families, {texts} texts: importing {parse_seconds:.1f} s, "
        f"generating (and printing PDFs not yet cached) {render_seconds:.1f} s"
    )
    print(
        "P/R/F1: headings by title and level; R any: ignoring level; subR: sub-heading "
        "recall;\nnest: headings from the first part on at their depth (part 1, chapter 2, "
        "sub-heading 3);\nsent: sentence probes whole in one paragraph; furn: furniture kept "
        "out of paragraphs;\nfnErr: mean |footnotes found - expected| over texts with notes; "
        "fnOK: texts with the count exact; fail: inputs refused\n"
    )
    tables = [
        ("tuning set", TUNING),
        *((f"held-out set: {name}", families) for name, families in HELD_OUT_SETS.items()),
    ]
    scored = [s for s in HELD_OUT_SETS.values() if any(f in by_family for f in s)]
    if len(scored) > 1:  # with one set scored, its table says it all
        tables.append(("held-out sets", HELD_OUT))
    for title, names in tables:
        names = [f for f in names if f in by_family]
        if not names:
            print(f"{title}: no families in it\n")
            continue
        print(f"{title}\n{HEADER}")
        total = Score()
        for name in names:
            print(row(name, by_family[name]))
            total.add(by_family[name])
        print(row(f"= {title}", total))
        print()
    everything = Score()
    for s in by_family.values():
        everything.add(s)
    print(row("= all", everything))

    if args.worst:
        print(f"\nworst seeds (up to {args.worst} a family; --show SEED --family NAME for one):")
        for family in families:
            for _f1, seed, s in sorted(worst[family], key=lambda t: (t[0], t[1]))[: args.worst]:
                first = (s.missed + s.extra + s.broken + s.leaked)[0]
                print(f"  {family} #{seed}: F1 {s.f1:.2f}; e.g. {first[:90]!r}")


if __name__ == "__main__":
    main()
