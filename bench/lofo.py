"""Leave-one-family-out check of the short-line model (importing/line_model.py), TUNING only.

.venv/bin/python bench/lofo.py [--seeds 10] [--pdf-seeds 4] [--no-pdf] [--write]

Every tuning text is imported once with the rules alone, recording every short-line
candidate's features (line_model.features) and whether its text is one of the truth's
headings (any level). Then, for each tuning family, a logistic regression (numpy, here
only) is fitted on the *other* families' candidates, the model is switched on with those
weights, and that family's texts are imported again and scored. Printed per family and
overall: heading F1, R any (found at any level) and subR (sub-heading recall), rules alone
beside rules + model. --write fits on every tuning family and rewrites
studygroup/library/importing/line_weights.py.

Only TUNING families are read: the held-out sets stay held out.
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from studygroup.library.importing import level_model, line_model  # noqa: E402
from studygroup.library.importing.formats import read_document  # noqa: E402
from studygroup.library.importing.headings import heading_text  # noqa: E402
from tests.library.families import PDF_FAMILIES, TUNING, generate  # noqa: E402
from tests.library.families.roundtrip import Renderer  # noqa: E402
from tests.library.families.scoring import Score, score, text_key, title_key  # noqa: E402

RIDGE = 1.0  # keeps weights finite where a feature separates the tuning data alone


def parse(case):
    data = case.pdf if case.is_pdf else case.text.encode()
    return read_document(data, case.filename, max_bytes=20_000_000)


def _line_labels(case, recorded):
    titles = {title_key(h.title) for h in case.truth.headings}
    printed = {text_key(h.printed) for h in case.truth.headings}
    for block, row in recorded:
        head = heading_text(block.lines)
        key = title_key(head)
        yield row, float((bool(key) and key in titles) or text_key(head) in printed)


def _level_labels(case, recorded):
    levels = {title_key(h.title): h.level for h in case.truth.headings}
    for head, row in recorded:
        level = levels.get(title_key(head.text))
        if level is not None:  # a heading the truth lacks has no level to learn
            yield row, float(level >= 2)


def _line_rows(blocks):
    index, rows = line_model.features(blocks)
    return [blocks[i] for i in index], rows


def _level_rows(heads, levels):
    index, rows = level_model.features(heads, levels)
    return [heads[n] for n in index], rows


# (module, on switch, hook, features' positions and rows from the hook's arguments, labels)
MODELS = {
    "line": (
        line_model,
        "WEIGH_SHORT_LINES",
        "weigh_short_lines",
        _line_rows,
        _line_labels,
    ),
    "level": (
        level_model,
        "WEIGH_LEVELS",
        "weigh_levels",
        _level_rows,
        _level_labels,
    ),
}


def collect(cases) -> tuple[dict, Score]:
    """Rules alone: each model's candidate rows and labels, and the family's score."""
    data = {name: ([], []) for name in MODELS}
    total = Score()
    recorded: dict[str, list] = {name: [] for name in MODELS}
    real = {name: getattr(m[0], m[2]) for name, m in MODELS.items()}

    def recorder(name):
        module, _switch, hook, rows_of, _labels = MODELS[name]

        def record(*args):
            things, rows = rows_of(*args)
            recorded[name].extend(zip(things, rows, strict=True))
            return real[name](*args)

        return record

    for name, (module, _s, hook, _r, _l) in MODELS.items():
        setattr(module, hook, recorder(name))
    try:
        for case in cases:
            for r in recorded.values():
                r.clear()
            total.add(score(parse(case), case.truth))
            for name, m in MODELS.items():
                for row, label in m[4](case, recorded[name]):
                    data[name][0].append([row[f] for f in m[0].FEATURES])
                    data[name][1].append(label)
    finally:
        for name, (module, _s, hook, _r, _l) in MODELS.items():
            setattr(module, hook, real[name])
    return data, total


def fit(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Logistic regression by Newton's method; the last column of x is the bias."""
    x = np.hstack([x, np.ones((len(x), 1))])
    w = np.zeros(x.shape[1])
    ridge = RIDGE * np.eye(x.shape[1])
    ridge[-1, -1] = 0.0  # the bias goes unpenalised
    for _ in range(50):
        p = 1 / (1 + np.exp(-np.clip(x @ w, -60, 60)))
        grad = x.T @ (p - y) + ridge @ w
        hess = (x * (p * (1 - p))[:, None]).T @ x + ridge
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return w


def use(module, w: np.ndarray) -> None:
    module.WEIGHTS = dict(zip(module.FEATURES, map(float, w[:-1]), strict=True))
    module.BIAS = float(w[-1])


def line(name: str, scores: list[Score]) -> str:
    def cols(s: Score) -> str:
        sub = "    –" if s.sub_recall is None else f"{s.sub_recall:5.3f}"
        return f"{s.f1:5.3f} {s.recall_any_level:5.3f} {sub}"

    return f"{name:22} {scores[0].texts:5d}  " + "  ".join(cols(s) for s in scores)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seeds", type=int, default=10)
    ap.add_argument("--pdf-seeds", type=int, default=4)
    ap.add_argument("--no-pdf", action="store_true")
    ap.add_argument("--write", action="store_true", help="rewrite the weights modules")
    args = ap.parse_args()

    families = [f for f in TUNING if not (args.no_pdf and f in PDF_FAMILIES)]
    cases: dict[str, list] = {}
    data: dict[str, dict] = {}
    rules: dict[str, Score] = {}
    with Renderer() as renderer:
        for family in families:
            n = min(args.seeds, args.pdf_seeds) if family in PDF_FAMILIES else args.seeds
            cases[family] = [generate(family, seed, renderer) for seed in range(n)]
            data[family], rules[family] = collect(cases[family])

    def arrays(name, fams):
        width = len(MODELS[name][0].FEATURES)
        x = [np.array(data[f][name][0]).reshape(-1, width) for f in fams]
        return np.vstack(x), np.concatenate([np.array(data[f][name][1]) for f in fams])

    scored: dict[str, dict[str, Score]] = {}
    for name, (module, switch, _hook, _rows, _labels) in MODELS.items():
        scored[name] = defaultdict(Score)
        right = rule_right = total = 0
        saved = module.WEIGHTS, module.BIAS
        setattr(module, switch, True)
        try:
            for family in families:
                w = fit(*arrays(name, [f for f in families if f != family]))
                use(module, w)
                for case in cases[family]:
                    scored[name][family].add(score(parse(case), case.truth))
                xf, yf = arrays(name, [family])
                if len(yf):
                    p = 1 / (1 + np.exp(-(xf @ w[:-1] + w[-1])))
                    right += int(((p >= 0.5) == (yf == 1)).sum())
                    rule_col = xf[:, 0]  # the first feature is always the rules' verdict
                    rule_right += int(((rule_col == 1) == (yf == 1)).sum())
                    total += len(yf)
        finally:
            setattr(module, switch, False)
            module.WEIGHTS, module.BIAS = saved
        y = arrays(name, families)[1]
        print(
            f"{name} model: {total} candidates ({int(y.sum())} positive); decisions right, "
            f"family out: rules {rule_right / max(total, 1):.4f}, "
            f"model {right / max(total, 1):.4f}"
        )

    cols = f"{'F1':>5} {'R any':>5} {'subR':>5}"
    print(
        f"\n{'':22} {'texts':>5}  {'rules alone':^17}  {'+ line model':^17}  {'+ level model':^17}"
    )
    print(f"{'':22} {'':5}  {cols}  {cols}  {cols}")
    totals = [Score() for _ in range(1 + len(MODELS))]
    for family in families:
        scores = [rules[family]] + [scored[name][family] for name in MODELS]
        print(line(family, scores))
        for t, s_ in zip(totals, scores, strict=True):
            t.add(s_)
    print(line("= tuning, family out", totals))

    if args.write:
        for name, (module, *_rest) in MODELS.items():
            w = fit(*arrays(name, families))
            path = ROOT / f"studygroup/library/importing/{name}_weights.py"
            body = "\n".join(
                f'    "{f}": {weight:.4f},'
                for f, weight in zip(module.FEATURES, w[:-1], strict=True)
            )
            path.write_text(
                f'"""Weights of {name}_model.probability, fitted on the tuning families only.\n\n'
                f"Written by `.venv/bin/python bench/lofo.py --write --seeds {args.seeds}`;"
                " re-fit there, never by hand.\n"
                '"""\n\n'
                f"BIAS = {w[-1]:.4f}\nWEIGHTS: dict[str, float] = {{\n{body}\n}}\n"
            )
            print(f"wrote {path.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
