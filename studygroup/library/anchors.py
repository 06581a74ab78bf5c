"""Which old paragraph each paragraph of a re-imported text is: the anchors that survive.

A plain function over lists of strings, with no Django in it. The alignment respects
order, as a diff does:

1. identical paragraphs, aligned in order (difflib on their checksums), are the anchors;
2. identical paragraphs that moved are paired next, in order;
3. between two consecutive anchors, the remaining paragraphs are matched by similarity
   (at least `threshold`), keeping their order; the best pairs are taken first;
4. a paragraph split in two (or merged from two) keeps its id on its longest piece, and
   what pointed at a merged paragraph that gave up its id follows the merge;
5. what is still unmatched may match a paragraph elsewhere (a paragraph moved and
   corrected), but only when that pair is unambiguous: each is the other's only
   candidate above the threshold.

No new paragraph ever takes two old ids, and no old id goes to two new paragraphs.
"""

from __future__ import annotations

import bisect
import hashlib
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher

# A gap between anchors small enough to compare every pair (old × new paragraphs);
# past this, candidates come from shared word pairs, which keeps a 5 MB text fast.
ALL_PAIRS = 400
# Runs of a split or merge tried: a paragraph cut into at most this many pieces.
MAX_PIECES = 3
# Changed runs of at most this many words are compared letter by letter (a typo, a
# repaired hyphenation); a longer run of changed words counts as rewritten.
LETTERS_WITHIN = 8
# A word pair shared by more old paragraphs than this says nothing about which one.
COMMON_FEATURE = 20
# A candidate shares at least this share of the new paragraph's word pairs.
SHARED_FEATURES = 0.3

_TOKEN = re.compile(r"\S+\s*")


@dataclass
class Alignment:
    """For each new paragraph, the index of the old paragraph whose id it keeps."""

    old_for_new: list[int | None]
    # Old paragraphs merged into a new one: they give up their id, and what pointed at
    # them follows the new paragraph (old index → new index).
    absorbed: dict[int, int] = field(default_factory=dict)

    def kept(self) -> dict[int, int]:
        return {old: new for new, old in enumerate(self.old_for_new) if old is not None}


def _key(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def similarity(a: str, b: str) -> float:
    """How much of two texts is the same, from 0 to 1, like difflib's ratio.

    Compared word by word (fast on long paragraphs); a short run of changed words is
    then compared letter by letter, so a typo or a repaired hyphenation costs a letter
    or two rather than a word.
    """
    if a == b:
        return 1.0
    if not a or not b:
        return 0.0
    total = len(a) + len(b)
    ta, tb = _TOKEN.findall(a), _TOKEN.findall(b)
    same = 0
    words = SequenceMatcher(None, ta, tb, autojunk=False)
    for op, a1, a2, b1, b2 in words.get_opcodes():
        if op == "equal":
            same += sum(len(t) for t in ta[a1:a2])
        elif op == "replace" and a2 - a1 <= LETTERS_WITHIN and b2 - b1 <= LETTERS_WITHIN:
            letters = SequenceMatcher(None, "".join(ta[a1:a2]), "".join(tb[b1:b2]), False)
            same += sum(block.size for block in letters.get_matching_blocks())
    # Leading whitespace is not in any token; count it as the same.
    same += min(len(a) - len(a.lstrip()), len(b) - len(b.lstrip()))
    return 2 * same / total


def _could_reach(a: str, b: str, threshold: float) -> bool:
    # The ratio can't exceed what the shorter text could match of both.
    return 2 * min(len(a), len(b)) / max(1, len(a) + len(b)) >= threshold


def _features(text: str) -> set[str]:
    words = [w.strip(".,;:!?\"'()[]“”‘’«»").lower() for w in text.split()]
    words = [w for w in words if w]
    if len(words) < 4:
        return set(words)
    return {f"{x} {y}" for x, y in zip(words, words[1:], strict=False)}


def _scored_pairs(
    old: Sequence[str], new: Sequence[str], olds: list[int], news: list[int], threshold: float
) -> list[tuple[float, int, int]]:
    """(score, old index, new index) for every pair at or above the threshold."""
    pairs: list[tuple[float, int, int]] = []
    if len(olds) * len(news) <= ALL_PAIRS:
        candidates: Iterable[tuple[int, int]] = ((i, j) for i in olds for j in news)
    else:
        index: dict[str, list[int]] = defaultdict(list)
        for i in olds:
            for feature in _features(old[i]):
                index[feature].append(i)
        found: list[tuple[int, int]] = []
        for j in news:
            features = _features(new[j])
            shared: Counter[int] = Counter()
            for feature in features:
                holders = index.get(feature, ())
                if len(holders) <= COMMON_FEATURE:
                    shared.update(holders)
            enough = max(1, SHARED_FEATURES * len(features))
            found += [(i, j) for i, n in shared.most_common(3) if n >= enough]
        candidates = found
    for i, j in candidates:
        if _could_reach(old[i], new[j], threshold):
            score = similarity(old[i], new[j])
            if score >= threshold:
                pairs.append((score, i, j))
    return pairs


def _take_in_order(
    pairs: list[tuple[float, int, int]], old_for_new: list[int | None], used: set[int]
) -> None:
    """Accept the best pairs first, each only if it keeps the order of those accepted."""
    accepted_old: list[int] = []
    accepted_new: list[int] = []
    for _score, i, j in sorted(pairs, key=lambda p: (-p[0], p[1], p[2])):
        if i in used or old_for_new[j] is not None:
            continue
        at = bisect.bisect(accepted_old, i)
        if at and accepted_new[at - 1] > j:
            continue
        if at < len(accepted_new) and accepted_new[at] < j:
            continue
        accepted_old.insert(at, i)
        accepted_new.insert(at, j)
        old_for_new[j] = i
        used.add(i)


def _runs(indexes: list[int]) -> list[list[int]]:
    """Consecutive runs: [1, 2, 3, 7, 8] → [[1, 2, 3], [7, 8]]."""
    runs: list[list[int]] = []
    for i in indexes:
        if runs and runs[-1][-1] == i - 1:
            runs[-1].append(i)
        else:
            runs.append([i])
    return runs


def _windows(run: list[int]) -> Iterable[list[int]]:
    for start in range(len(run)):
        for size in range(2, MAX_PIECES + 1):
            if start + size <= len(run):
                yield run[start : start + size]


def _splits_and_merges(
    old: Sequence[str],
    new: Sequence[str],
    olds: list[int],
    news: list[int],
    threshold: float,
    alignment: Alignment,
    used: set[int],
) -> None:
    """Splits and merges among the unmatched paragraphs of one gap."""
    old_for_new = alignment.old_for_new
    if len(olds) * len(news) > ALL_PAIRS:
        return
    # Split: one old paragraph ≈ several consecutive new ones.
    for i in olds:
        free = [j for j in news if old_for_new[j] is None]
        best = None
        for window in (w for run in _runs(free) for w in _windows(run)):
            joined = " ".join(new[j] for j in window)
            if _could_reach(old[i], joined, threshold):
                score = similarity(old[i], joined)
                if score >= threshold and (best is None or score > best[0]):
                    best = (score, window)
        if best:
            longest = max(best[1], key=lambda j: (len(new[j]), -j))
            old_for_new[longest] = i
            used.add(i)
    # Merge: several consecutive old paragraphs ≈ one new one.
    for j in news:
        if old_for_new[j] is not None:
            continue
        free = [i for i in olds if i not in used]
        best = None
        for window in (w for run in _runs(free) for w in _windows(run)):
            joined = " ".join(old[i] for i in window)
            if _could_reach(joined, new[j], threshold):
                score = similarity(joined, new[j])
                if score >= threshold and (best is None or score > best[0]):
                    best = (score, window)
        if best:
            longest = max(best[1], key=lambda i: (len(old[i]), -i))
            old_for_new[j] = longest
            for i in best[1]:
                used.add(i)
                if i != longest:
                    alignment.absorbed[i] = j


def _absorb_into_neighbours(
    old: Sequence[str],
    new: Sequence[str],
    olds: list[int],
    threshold: float,
    alignment: Alignment,
    used: set[int],
    span: range,
) -> None:
    """A short paragraph merged into a long neighbour that kept its id by a close match
    gives up its id to it, and its discussion follows."""
    old_for_new = alignment.old_for_new
    new_of = {old_for_new[j]: j for j in span if old_for_new[j] is not None}
    for i in olds:
        for neighbour, joined in ((i - 1, (i - 1, i)), (i + 1, (i, i + 1))):
            j = new_of.get(neighbour)
            if j is None or neighbour in alignment.absorbed:
                continue
            together = " ".join(old[k] for k in joined)
            if _could_reach(together, new[j], threshold) and similarity(together, new[j]) > max(
                threshold, similarity(old[neighbour], new[j])
            ):
                alignment.absorbed[i] = j
                used.add(i)
                break


def align(
    old: Sequence[str],
    new: Sequence[str],
    *,
    threshold: float,
    earlier: dict[int, list[str]] | None = None,
) -> Alignment:
    """Match `new` paragraphs to `old` ones (see the module's docstring).

    `earlier` gives, for some old paragraphs, the texts they had before a curator
    corrected them: a file that still has such a text is recognised as that paragraph.
    """
    old_keys = [_key(t) for t in old]
    new_keys = [_key(t) for t in new]
    present = set(new_keys)
    for i, texts in (earlier or {}).items():
        if old_keys[i] not in present:
            old_keys[i] = next((k for k in map(_key, texts) if k in present), old_keys[i])

    alignment = Alignment(old_for_new=[None] * len(new))
    old_for_new = alignment.old_for_new
    used: set[int] = set()

    # 1. Identical paragraphs in order: the anchors.
    anchors: list[tuple[int, int]] = []
    blocks = SequenceMatcher(None, old_keys, new_keys, autojunk=False).get_matching_blocks()
    for block in blocks:
        for k in range(block.size):
            i, j = block.a + k, block.b + k
            old_for_new[j] = i
            used.add(i)
            anchors.append((i, j))

    # 2. Identical paragraphs that moved, paired in order.
    waiting: dict[str, list[int]] = defaultdict(list)
    for i, key in enumerate(old_keys):
        if i not in used:
            waiting[key].append(i)
    for j, key in enumerate(new_keys):
        if old_for_new[j] is None and waiting.get(key):
            i = waiting[key].pop(0)
            old_for_new[j] = i
            used.add(i)

    # 3 and 4. Between consecutive anchors: close matches in order, then splits and merges.
    bounds = [(-1, -1), *anchors, (len(old), len(new))]
    for (i0, j0), (i1, j1) in zip(bounds, bounds[1:], strict=False):
        olds = [i for i in range(i0 + 1, i1) if i not in used]
        news = [j for j in range(j0 + 1, j1) if old_for_new[j] is None]
        if not olds or not news:
            continue
        _take_in_order(_scored_pairs(old, new, olds, news, threshold), old_for_new, used)
        olds = [i for i in olds if i not in used]
        news = [j for j in news if old_for_new[j] is None]
        if olds and news:
            _splits_and_merges(old, new, olds, news, threshold, alignment, used)
        olds = [i for i in olds if i not in used]
        if olds:
            span = range(j0 + 1, j1)
            _absorb_into_neighbours(old, new, olds, threshold, alignment, used, span)

    # 5. Moved and corrected: only a pair where each is the other's one candidate.
    olds = [i for i in range(len(old)) if i not in used]
    news = [j for j in range(len(new)) if old_for_new[j] is None]
    if olds and news:
        pairs = _scored_pairs(old, new, olds, news, threshold)
        per_old = Counter(i for _s, i, _j in pairs)
        per_new = Counter(j for _s, _i, j in pairs)
        for _score, i, j in pairs:
            if per_old[i] == 1 and per_new[j] == 1:
                old_for_new[j] = i
                used.add(i)
    return alignment
