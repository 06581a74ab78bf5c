"""Heading decisions weighed over the whole document, by visual signature.

Each style's own rule (headings.REGISTRY) judges a candidate line from what stands right
around it. A document sets every heading of one rank alike, so this pass looks again at
the candidates as groups: candidates that share a *signature* (style, case, numbering
depth, indentation, blank lines before, line count, end punctuation) are judged
together. A signature whose members recur through the text, each over prose, reads as a
heading rank, and a member its rule turned down is taken in; a signature that stands
once among prose, or whose members read as sentences, does not, and a stray member its
rule took is let go.

The decision is a logistic score over named features (`FEATURES`), with weights fitted
on the tuning families only by `bench/fit_signatures.py`, which writes
`signature_weights.py`. Nothing here is tuned by hand but the signature itself.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass

from .clean import Block
from .headings import (
    NUMBERED,
    ROMAN_NUMBERED,
    TITLE_CASE_HEADING,
    Evidence,
    Shape,
    Style,
    title_case_ratio,
)
from .signature_weights import BIAS, WEIGHTS

# Off switch, for measuring the pass against the rules alone.
WEIGH_SIGNATURES = False
MAX_INDENT_BUCKET = 2  # 0 flush, 1 set in a little (1–3 spaces), 2 set in far (4+)
WIDE_INDENT = 4


@dataclass
class Candidate:
    """A block some style recognised, with the evidence around it and its rule's verdict."""

    index: int  # position among the document's blocks
    block: Block
    style: Style
    evidence: Evidence
    accepted: bool  # what the style's own rule decided
    decided_by_rule: bool  # self-evident styles ("Chapter 3") are not weighed again

    @property
    def signature(self) -> tuple:
        return signature(self.block, self.style, self.evidence.shape)


def _case(shape: Shape) -> str:
    if shape.all_caps:
        return "caps"
    return "title" if title_case_ratio(shape.text) >= TITLE_CASE_HEADING else "sentence"


def _numbering(text: str) -> str:
    m = NUMBERED.match(text)
    if m:
        return f"n{m.group(1).strip('.').count('.') + 1}"  # "2" → n1, "2.3" → n2
    return "roman" if ROMAN_NUMBERED.match(text) else ""


def _indent(block: Block) -> int:
    first = block.lines[0] if block.lines else ""
    spaces = len(first) - len(first.lstrip(" "))
    return 0 if spaces == 0 else (1 if spaces < WIDE_INDENT else MAX_INDENT_BUCKET)


def _end(text: str) -> str:
    last = text.rstrip()[-1:]
    return last if last in "?:.!" else ""


def signature(block: Block, style: Style, shape: Shape) -> tuple:
    """How a candidate is set: what a reader sees before reading its words."""
    return (
        style,
        _case(shape),
        _numbering(shape.text),
        _indent(block),
        min(block.gap, 2),
        min(len(block.lines), 2),
        _end(shape.text),
        block.strong,
    )


def _share(flags: list[bool]) -> float:
    return sum(flags) / len(flags) if flags else 0.0


def features(cands: list[Candidate], n_blocks: int) -> list[dict[str, float]]:
    """One feature row per candidate: its own evidence and its signature group's."""
    groups: dict[tuple, list[int]] = defaultdict(list)
    for n, c in enumerate(cands):
        groups[c.signature].append(n)
    rows = []
    for n, c in enumerate(cands):
        others = [cands[k] for k in groups[c.signature] if k != n]
        positions = [c.index] + [o.index for o in others]
        rows.append(
            {
                "rule_accepts": float(c.accepted),
                "over_prose": float(c.evidence.next_substantial),
                "others": math.log1p(len(others)),
                "others_accepted": _share([o.accepted for o in others]),
                "others_over_prose": _share([o.evidence.next_substantial for o in others]),
                "others_after_closed": _share([o.evidence.prev_closed for o in others]),
                "spread": (max(positions) - min(positions)) / max(n_blocks, 1),
                "density": len(positions) / max(n_blocks, 1),
            }
        )
    return rows


# The candidate's own evidence enters through its rule's verdict and whether prose follows
# it; the rest is what its signature's other members show (a line is judged by the company
# it keeps).
FEATURES = (
    "rule_accepts",
    "over_prose",  # a real paragraph follows it
    "others",  # how many other candidates share its signature (log)
    "others_accepted",  # … and what share of them their rules took
    "others_over_prose",  # … stand over a real paragraph
    "others_after_closed",  # … follow a closed sentence
    "spread",  # how far through the text the signature reaches
    "density",  # how thick its members stand among the blocks
)


def probability(row: dict[str, float]) -> float:
    z = BIAS + sum(WEIGHTS.get(name, 0.0) * row[name] for name in FEATURES)
    return 1.0 / (1.0 + math.exp(-max(min(z, 60.0), -60.0)))


def weigh(cands: list[Candidate], n_blocks: int) -> list[bool]:
    """Whether each candidate heads what follows, weighed over the document."""
    if not WEIGH_SIGNATURES:
        return [c.accepted for c in cands]
    rows = features(cands, n_blocks)
    return [
        c.accepted if c.decided_by_rule else probability(row) >= 0.5
        for c, row in zip(cands, rows, strict=True)
    ]
