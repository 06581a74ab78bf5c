"""Every short line weighed as a possible heading, by a logistic score over generic features.

The style rules (headings.REGISTRY) only judge lines a style recognised. This pass looks at
every short block left as prose or taken as a heading, and scores it on how it is set
(words, capitals, end mark, numbering, indentation, blank lines), what stands around it
(a closed sentence before, prose after, a page break) and what the other lines of its
visual *signature* show through the whole document (how many, how spread, how many stand
over prose, how many a rule took). Weights are fitted on the tuning families by
`bench/lofo.py --write`, which also checks the model family-out first; the importer reads
plain constants from `line_weights.py`.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict

from .clean import Block, BlockKind, starts_lower
from .headings import (
    NUMBERED,
    ROMAN_NUMBERED,
    RULES,
    Style,
    closes,
    recognise,
    substantial,
    title_case_ratio,
)
from .line_weights import BIAS, WEIGHTS

# Off switch: the model ships only where leave-one-family-out says it earns its place.
WEIGH_SHORT_LINES = False
MAX_LINES = 2
MAX_WORDS = 16
PROMOTE = 0.5  # a line the rules left as prose becomes a heading above this probability
DEMOTE = 0.5  # a heading a rule took goes back to prose below this one
_LABEL = re.compile(r"^(?:[A-Z][a-z]+|[A-Z]+)\s+(?:\d+|[IVXLC]+)\b")  # "Section 4", "BOOK II"


def _case(text: str) -> str:
    letters = [c for c in text if c.isalpha()]
    if letters and all(c.isupper() for c in letters):
        return "caps"
    return "title" if title_case_ratio(text) >= 0.7 else "sentence"


def _numbering(text: str) -> str:
    m = NUMBERED.match(text)
    if m:
        return f"n{m.group(1).strip('.').count('.') + 1}"
    if ROMAN_NUMBERED.match(text):
        return "roman"
    return "label" if _LABEL.match(text) else ""


def _end(text: str) -> str:
    last = text.rstrip()[-1:]
    return last if last in "?:.!" else ""


def _indented(block: Block) -> bool:
    first = block.lines[0] if block.lines else ""
    return first[:1] in {" ", "\t"}


def signature(b: Block) -> tuple:
    """How a line is set: what a reader sees before reading its words."""
    text = b.text
    return (
        _case(text),
        _numbering(text),
        _indented(b),
        min(b.gap, 2),
        len(b.lines),
        _end(text),
        b.strong,
    )


def _content(blocks: list[Block], i: int, step: int) -> Block | None:
    j = i + step
    while 0 <= j < len(blocks):
        if blocks[j].kind not in {BlockKind.JUNK, BlockKind.CAPTION}:
            return blocks[j]
        j += step
    return None


def _candidate(b: Block) -> bool:
    if b.continues or not b.lines or len(b.lines) > MAX_LINES or b.words > MAX_WORDS:
        return False
    if b.kind == BlockKind.HEADING:
        # Contents entries, headlines and bylined titles are settled by other evidence.
        rule = RULES.get(Style(b.style)) if b.style in Style else None
        return rule is not None and not rule.self_evident
    return b.kind == BlockKind.PROSE and not starts_lower(b.first)


def _share(values: list[float]) -> float:
    return sum(values) / len(values) if values else 0.0


def features(blocks: list[Block]) -> tuple[list[int], list[dict[str, float]]]:
    """The candidate blocks' positions, and one feature row for each."""
    index = [i for i, b in enumerate(blocks) if _candidate(b)]
    own: list[dict[str, float]] = []
    sigs: list[tuple] = []
    for i in index:
        b = blocks[i]
        text = b.text
        prev, nxt = _content(blocks, i, -1), _content(blocks, i, 1)
        case, numbering, end = _case(text), _numbering(text), _end(text)
        own.append(
            {
                "rule_heading": float(b.kind == BlockKind.HEADING),
                "recognised": float(recognise(b) is not None),
                "words": math.log1p(b.words),
                "caps": float(case == "caps"),
                "title_case": float(case == "title"),
                "ends_period": float(end in {".", "!"}),
                "ends_colon": float(end == ":"),
                "ends_question": float(end == "?"),
                "numbered": float(bool(numbering)),
                "indented": float(_indented(b)),
                "two_lines": float(len(b.lines) == 2),
                "gap": float(min(b.gap, 2)),
                "strong": float(b.strong),
                "comma": float("," in text),
                "prev_closed": float(prev is None or closes(prev)),
                "next_prose": float(nxt is not None and substantial(nxt)),
                "next_short": float(nxt is not None and nxt.words <= MAX_WORDS),
                "page_break": float(b.page_break),
                "position": i / max(len(blocks), 1),
            }
        )
        sigs.append(signature(b))
    groups: dict[tuple, list[int]] = defaultdict(list)
    for n, sig in enumerate(sigs):
        groups[sig].append(n)
    for n, row in enumerate(own):
        others = [k for k in groups[sigs[n]] if k != n]
        positions = [index[k] for k in groups[sigs[n]]]
        row["others"] = math.log1p(len(others))
        row["others_prose"] = _share([own[k]["next_prose"] for k in others])
        row["others_rule"] = _share([own[k]["rule_heading"] for k in others])
        row["others_closed"] = _share([own[k]["prev_closed"] for k in others])
        row["spread"] = (max(positions) - min(positions)) / max(len(blocks), 1)
    return index, own


FEATURES = (
    "rule_heading",  # a style's rule took it
    "recognised",  # a style recognised its shape
    "words",
    "caps",
    "title_case",
    "ends_period",
    "ends_colon",
    "ends_question",
    "numbered",  # "2.", "2.3", "IV.", "Section 4"
    "indented",
    "two_lines",
    "gap",  # blank lines before (0, 1, 2+)
    "strong",  # a rule or whitespace line stood before it
    "comma",
    "prev_closed",  # the block before ends a sentence
    "next_prose",  # a real paragraph follows
    "next_short",
    "page_break",
    "position",
    "others",  # how many other lines share its signature (log)
    "others_prose",  # … what share of them stand over prose
    "others_rule",  # … what share a rule took
    "others_closed",  # … follow a closed sentence
    "spread",  # how far through the text the signature reaches
)


def probability(row: dict[str, float]) -> float:
    z = BIAS + sum(WEIGHTS.get(name, 0.0) * row[name] for name in FEATURES)
    return 1.0 / (1.0 + math.exp(-max(min(z, 60.0), -60.0)))


def _style_for(b: Block) -> Style:
    style = recognise(b)
    if style is not None:
        return style
    text = b.text
    if _case(text) == "caps":
        return Style.CAPS
    return Style.QUESTION if text.endswith("?") else Style.PLAIN


def weigh_short_lines(blocks: list[Block]) -> None:
    """Promote short prose lines the model reads as headings; demote weak rule headings."""
    if not WEIGH_SHORT_LINES:
        return
    index, rows = features(blocks)
    for i, row in zip(index, rows, strict=True):
        b, p = blocks[i], probability(row)
        if b.kind == BlockKind.PROSE and p >= PROMOTE:
            b.kind, b.style = BlockKind.HEADING, _style_for(b)
        elif b.kind == BlockKind.HEADING and p < DEMOTE:
            b.kind, b.style = BlockKind.PROSE, ""
