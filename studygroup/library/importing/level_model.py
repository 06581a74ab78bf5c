"""Chapter or sub-heading, weighed over the whole document by a logistic score.

After the level rules (headings.assign_levels), every heading whose style does not state
its own level is scored on how it is set and how its signature stands among the others:
numbering depth, capitals or title case, a question, set in, whether its signature opens
the document, what share of the headings share it, how many signatures there are. Weights
are fitted on the tuning families by `bench/lofo.py --write`, which checks the model
family-out first; the importer reads plain constants from `level_weights.py`.
"""

from __future__ import annotations

import math
from collections import Counter

from .headings import NUMBERED, Heading, Style, title_case_ratio
from .level_weights import BIAS, WEIGHTS

# Off switch: the model ships only where leave-one-family-out says it earns its place.
WEIGH_LEVELS = False
CONFIDENT = 0.5  # the model overrides the level rules only this sure
# Styles that state their own level ("##", a listed entry, "Notes", "Part Two", a letter).
SETTLED = frozenset(
    {
        Style.MARKDOWN,
        Style.CONTENTS,
        Style.CONTENTS_SUB,
        Style.KEYWORD,
        Style.PART,
        Style.DATELINE,
        Style.YEAR,
        Style.HEADLINE,
        Style.BYLINED,
    }
)


def _signature(h: Heading) -> tuple:
    text = h.text
    m = NUMBERED.match(text)
    depth = m.group(1).strip(".").count(".") + 1 if m else 0
    caps = text.upper() == text
    return (h.style, caps, depth, text.rstrip().endswith("?"), h.set_in)


def features(heads: list[Heading], levels: list[int]) -> tuple[list[int], list[dict]]:
    index = [n for n, h in enumerate(heads) if h.style not in SETTLED and levels[n] in (1, 2)]
    if not index:
        return [], []
    sigs = {n: _signature(heads[n]) for n in index}
    counts = Counter(sigs.values())
    first_seen: dict[tuple, int] = {}
    for n in index:
        first_seen.setdefault(sigs[n], len(first_seen))
    rows = []
    for n in index:
        h, sig = heads[n], sigs[n]
        rows.append(
            {
                "rule_sub": float(levels[n] == 2),
                "caps": float(sig[1]),
                "title_case": float(title_case_ratio(h.text) >= 0.7),
                "question": float(sig[3]),
                "numbered": float(sig[2] == 1),
                "numbered_deep": float(sig[2] >= 2),
                "set_in": float(sig[4]),
                "opens": float(first_seen[sig] == 0),
                "share": counts[sig] / len(index),
                "signatures": math.log(len(counts)),
                "words": math.log1p(len(h.text.split())),
            }
        )
    return index, rows


FEATURES = (
    "rule_sub",  # the level rules made it a sub-heading
    "caps",
    "title_case",
    "question",
    "numbered",  # "2. Title"
    "numbered_deep",  # "2.3 Title"
    "set_in",
    "opens",  # its signature is the first in the document
    "share",  # share of the weighed headings with its signature
    "signatures",  # how many signatures the weighed headings show (log)
    "words",
)


def probability(row: dict[str, float]) -> float:
    z = BIAS + sum(WEIGHTS.get(name, 0.0) * row[name] for name in FEATURES)
    return 1.0 / (1.0 + math.exp(-max(min(z, 60.0), -60.0)))


def weigh_levels(heads: list[Heading], levels: list[int]) -> list[int]:
    """Level 2 where the model reads a sub-heading, 1 where it reads a chapter."""
    if not WEIGH_LEVELS:
        return levels
    out = list(levels)
    index, rows = features(heads, levels)
    for n, row in zip(index, rows, strict=True):
        p = probability(row)
        if p >= CONFIDENT:
            out[n] = 2
        elif p <= 1 - CONFIDENT:
            out[n] = 1
    return out
