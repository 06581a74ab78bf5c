"""Fit the weights of the signature pass (importing/signatures.py) on the TUNING families.

.venv/bin/python bench/fit_signatures.py [--seeds 20] [--pdf-seeds 4] [--no-pdf] [--write]

Every tuning text is imported once with the pass recording its candidates (and deciding
as the rules alone would); a candidate is labelled a heading when its title is one of the
text's true headings (at any level: the pass decides heading or not, levels come later).
A logistic regression (numpy, here only; the importer reads plain constants) is fitted by
Newton's method with a small ridge penalty, and its training accuracy printed beside the
rules'. --write rewrites studygroup/library/importing/signature_weights.py.

Only TUNING families are read: the held-out set stays held out.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from studygroup.library.importing import signatures  # noqa: E402
from studygroup.library.importing.formats import read_document  # noqa: E402
from studygroup.library.importing.headings import heading_text  # noqa: E402
from tests.library.families import PDF_FAMILIES, TUNING, generate  # noqa: E402
from tests.library.families.roundtrip import Renderer  # noqa: E402
from tests.library.families.scoring import text_key, title_key  # noqa: E402

WEIGHTS_FILE = ROOT / "studygroup/library/importing/signature_weights.py"
RIDGE = 1.0  # keeps weights finite where a feature separates the tuning data alone


def collect(seeds: int, pdf_seeds: int, no_pdf: bool) -> tuple[list, list, list]:
    rows: list[list[float]] = []
    labels: list[float] = []
    ruled: list[bool] = []  # weighed by the model (not a self-evident style)
    recorded: list = []
    real_weigh = signatures.weigh

    def recording_weigh(cands, n_blocks):
        recorded.append((cands, signatures.features(cands, n_blocks)))
        return [c.accepted for c in cands]

    signatures.weigh = recording_weigh
    try:
        with Renderer() as renderer:
            for family in TUNING:
                if family in PDF_FAMILIES and no_pdf:
                    continue
                n = min(seeds, pdf_seeds) if family in PDF_FAMILIES else seeds
                for seed in range(n):
                    case = generate(family, seed, renderer)
                    data = case.pdf if case.is_pdf else case.text.encode()
                    recorded.clear()
                    read_document(data, case.filename, max_bytes=20_000_000)
                    titles = {title_key(h.title) for h in case.truth.headings}
                    printed = {text_key(h.printed) for h in case.truth.headings}
                    for cands, feats in recorded:
                        for c, row in zip(cands, feats, strict=True):
                            head = heading_text(c.block.lines)
                            key = title_key(head)
                            truth = (bool(key) and key in titles) or text_key(head) in printed
                            rows.append([row[f] for f in signatures.FEATURES])
                            labels.append(float(truth))
                            ruled.append(not c.decided_by_rule)
    finally:
        signatures.weigh = real_weigh
    return rows, labels, ruled


def fit(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Logistic regression by Newton's method; the last column of x is the bias."""
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


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seeds", type=int, default=20)
    ap.add_argument("--pdf-seeds", type=int, default=4)
    ap.add_argument("--no-pdf", action="store_true")
    ap.add_argument("--write", action="store_true", help="rewrite signature_weights.py")
    args = ap.parse_args()

    rows, labels, ruled = collect(args.seeds, args.pdf_seeds, args.no_pdf)
    weighed = np.array(ruled)
    x = np.array(rows)[weighed]
    y = np.array(labels)[weighed]
    x1 = np.hstack([x, np.ones((len(x), 1))])
    w = fit(x1, y)
    p = 1 / (1 + np.exp(-(x1 @ w)))
    rule = x[:, signatures.FEATURES.index("rule_accepts")]
    heads, rule_heads = p >= 0.5, rule == 1
    print(f"{len(rows)} candidates, {len(y)} weighed ({int(y.sum())} true headings)")
    print(f"rules alone: {(rule_heads == y).mean():.4f} right; fitted: {(heads == y).mean():.4f}")
    promoted, demoted = heads & ~rule_heads, ~heads & rule_heads
    print(f"  promoted: {int(promoted.sum())}, of them true {int((promoted & (y == 1)).sum())}")
    print(f"  demoted:  {int(demoted.sum())}, of them false {int((demoted & (y == 0)).sum())}")
    for name, weight in zip(signatures.FEATURES, w[:-1], strict=True):
        print(f"  {name:22} {weight:+.3f}")
    print(f"  {'(bias)':22} {w[-1]:+.3f}")
    if args.write:
        body = "\n".join(
            f'    "{name}": {weight:.4f},'
            for name, weight in zip(signatures.FEATURES, w[:-1], strict=True)
        )
        WEIGHTS_FILE.write_text(
            '"""Weights of signatures.probability, fitted on the tuning families only.\n\n'
            "Written by `.venv/bin/python bench/fit_signatures.py --write"
            f"{' --no-pdf' if args.no_pdf else ''} --seeds {args.seeds}`;\n"
            "re-fit there, never by hand.\n"
            '"""\n\n'
            f"BIAS = {w[-1]:.4f}\nWEIGHTS = {{\n{body}\n}}\n"
        )
        print(f"wrote {WEIGHTS_FILE.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
