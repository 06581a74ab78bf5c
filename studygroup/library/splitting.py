"""Propose weekly readings for an imported text.

Pure Python, no Django: the importer's sections go in as `SectionInfo`, `ProposedReading`s come
out, and a thin service saves them. Keeping it pure lets us test the rules on tiny synthetic books
and benchmark them on real ones without a database.

How it decides, and why:

* A reading group wants weeks of similar length, so we minimise the sum over readings of
  ((words - target) / target) ** 2. Squaring punishes one monster week more than several slightly
  long ones, which is what a group feels.
* A reading should start where the author starts something. Every possible cut point carries a
  penalty in the same unit: nothing at a chapter (level-1) start, `SUBHEADING_PENALTY` at a
  sub-heading (level-2) start, `PARAGRAPH_PENALTY` between two paragraphs. So a dearer cut is only
  taken when it buys back that much balance.
* Some cuts are not offered at all: sub-heading starts only inside a chapter longer than one
  week's target, paragraph boundaries only inside a unit (a section's own paragraphs, up to the next
  heading) longer than two weeks' target. Only when a fixed number of weeks cannot be reached
  otherwise do we widen to every sub-heading, then to paragraphs of the longest units first.
* The cuts are chosen by dynamic programming over candidate cut points. The cost of a reading is
  a convex function of a contiguous sum, so the cost matrix is Monge and the best predecessor of
  each cut point moves monotonically: divide-and-conquer optimisation gives each layer in
  O(C log C) instead of O(C²). That keeps a 5,000-paragraph text with no headings (every paragraph
  a candidate) well under a second.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from studygroup.library.importing.document import outline_levels
from studygroup.library.titles import leading_number, numbered_in_sequence, strip_chapter_label

SECTION_KINDS = ("front", "body", "back")
DEFAULT_WORDS_PER_MINUTE = 230

# In the unit of a reading's cost, the squared relative deviation from the target. A sub-heading
# cut has to save about as much as moving one week from 22% off target to on target; a paragraph
# cut, 50%. Chapter starts cost nothing.
CHAPTER_PENALTY = 0.0
SUBHEADING_PENALTY = 0.05
PARAGRAPH_PENALTY = 0.25

# "Too long" thresholds, in weeks' targets: where sub-heading and paragraph cuts are offered.
CHAPTER_TOO_LONG = 1.0
UNIT_TOO_LONG = 2.0


class NothingToSplit(ValueError):
    """The text has no body text: the caller words the message for people."""


class EmptyReading(ValueError):
    """Reading `number` would hold no paragraph."""

    def __init__(self, number: int) -> None:
        super().__init__(f"reading {number} would hold no paragraph")
        self.number = number


@dataclass(frozen=True)
class SectionInfo:
    """What the splitter needs to know about one imported section, nothing more."""

    title: str
    level: int  # 1: chapter or part, 2: sub-heading
    kind: str  # "front" | "body" | "back"
    paragraph_words: tuple[int, ...]  # words per paragraph, in order

    def __post_init__(self) -> None:
        # Accept any iterable (a list from a caller) but store a tuple, so the dataclass stays
        # hashable and truly frozen.
        object.__setattr__(self, "paragraph_words", tuple(self.paragraph_words))
        if self.level not in (1, 2):
            raise ValueError(f"section {self.title!r}: level must be 1 or 2, not {self.level!r}")
        if self.kind not in SECTION_KINDS:
            raise ValueError(
                f"section {self.title!r}: kind must be one of {SECTION_KINDS}, not {self.kind!r}"
            )
        if any(w < 0 for w in self.paragraph_words):
            raise ValueError(f"section {self.title!r}: negative word count")

    @property
    def words(self) -> int:
        return sum(self.paragraph_words)


@dataclass(frozen=True, order=True)
class Boundary:
    """A reading starts at this section's paragraph (0 = the section's heading)."""

    section: int
    paragraph: int = 0


@dataclass(frozen=True)
class ProposedReading:
    number: int  # 1-based week number
    start: Boundary
    end: Boundary  # exclusive: the next reading's start, or just after the last covered section
    words: int
    title: str
    minutes: int  # at words_per_minute, rounded up


def reading_minutes(words: int, words_per_minute: int = DEFAULT_WORDS_PER_MINUTE) -> int:
    """Minutes to read `words`, rounded up: a group would rather be told 46 than 45.2."""
    if words_per_minute < 1:
        raise ValueError("words_per_minute must be at least 1")
    return -(-words // words_per_minute)


def balance(readings: Iterable[ProposedReading]) -> tuple[int, int]:
    """(max words, min words) over the readings; (0, 0) when there are none."""
    words = [r.words for r in readings]
    if not words:
        return (0, 0)
    return (max(words), min(words))


def sections_from_parsed(parsed: object) -> list[SectionInfo]:
    """Adapt the importer's ParsedText (duck-typed: .sections, each with .title, .level, .kind
    and .paragraphs having .words) so the splitter never imports the pipeline.

    The splitter knows two levels: chapters (parts too), and sub-headings. In a text with
    parts, chapters sit at level 2 and their sub-headings at 3 (document.outline_levels).
    """
    sections = list(parsed.sections)  # type: ignore[attr-defined]
    outline = outline_levels([(s.level, s.title) for s in sections])
    return [
        SectionInfo(
            title=s.title,
            level=level,
            kind=s.kind,
            paragraph_words=tuple(p.words for p in s.paragraphs),
        )
        for s, level in zip(sections, outline, strict=True)
    ]


def propose_readings(
    sections: Sequence[SectionInfo],
    *,
    weeks: int | None = None,
    minutes_per_week: int | None = None,
    words_per_minute: int = DEFAULT_WORDS_PER_MINUTE,
    include_front: bool = False,
    include_back: bool = False,
) -> list[ProposedReading]:
    """Split the text into weekly readings, balanced by words, cut at headings where possible.

    Give exactly one of `weeks` (exactly that many readings, unless the text has fewer
    paragraphs) or `minutes_per_week` (as many readings as fit that target, give or take one,
    whichever balances best).

    Front and back matter are trimmed from the ends unless asked for. Anything between the first
    and the last included section is covered, whatever its kind: readings are contiguous.
    """
    if (weeks is None) == (minutes_per_week is None):
        raise ValueError("give exactly one of weeks or minutes_per_week")
    if weeks is not None and weeks < 1:
        raise ValueError(f"weeks must be at least 1, not {weeks}")
    if minutes_per_week is not None and minutes_per_week < 1:
        raise ValueError(f"minutes_per_week must be at least 1, not {minutes_per_week}")
    if words_per_minute < 1:
        raise ValueError(f"words_per_minute must be at least 1, not {words_per_minute}")
    if not any(s.kind == "body" and s.words > 0 for s in sections):
        raise NothingToSplit("the text has no body text to split")

    book = _Book(sections, include_front=include_front, include_back=include_back)

    if weeks is not None:
        k = min(weeks, book.atom_count)
        target = book.total / k
        cuts = book.candidates(target)
        if len(cuts) + 1 < k:
            cuts = book.candidates(target, every_subheading=True)
        if len(cuts) + 1 < k:
            cuts = book.candidates(target, every_subheading=True, paragraphs_needed=k - 1)
        points, prefix, penalty = book.points(cuts)
        costs, parents = _solve(prefix, penalty, target, k)
        chosen = k
    else:
        target = float(minutes_per_week * words_per_minute)  # type: ignore[operator]
        cuts = book.candidates(target)
        points, prefix, penalty = book.points(cuts)
        most = len(points) - 1
        ideal = min(max(1, math.floor(book.total / target + 0.5)), most)
        tries = [k for k in (ideal, ideal - 1, ideal + 1) if 1 <= k <= most]
        costs, parents = _solve(prefix, penalty, target, max(tries))
        chosen = min(tries, key=lambda k: costs[k])  # min() keeps the first of equals: ideal

    path = _backtrack(parents, chosen, len(points) - 1)
    return book.readings([points[j] for j in path], words_per_minute)


def readings_from_boundaries(
    sections: Sequence[SectionInfo],
    boundaries: Sequence[Boundary],
    *,
    words_per_minute: int = DEFAULT_WORDS_PER_MINUTE,
) -> list[ProposedReading]:
    """Describe readings whose cut points someone chose (a curator's refinement).

    `boundaries` holds each reading's start, in order, then the exclusive end of the last one:
    N + 1 boundaries for N readings. Words, minutes and titles come out exactly as
    `propose_readings` would give them for the same cuts. Every reading must hold at least one
    paragraph, and a boundary may only point at an existing paragraph (or at the section's
    heading, 0); the end may also be `Boundary(len(sections))`, the end of the text.
    """
    if len(boundaries) < 2:
        raise ValueError("give at least a start and an end")
    if words_per_minute < 1:
        raise ValueError(f"words_per_minute must be at least 1, not {words_per_minute}")
    for b in boundaries:
        inside = 0 <= b.section < len(sections)
        at_end = b.section == len(sections) and b.paragraph == 0
        if not (at_end or inside) or (
            inside and not 0 <= b.paragraph < max(1, len(sections[b.section].paragraph_words))
        ):
            raise ValueError(f"no such place in the text: {b}")
    if any(b <= a for a, b in zip(boundaries, boundaries[1:], strict=False)):
        raise ValueError("boundaries must be in reading order, each after the one before")
    lo = boundaries[0].section
    last = boundaries[-1]
    # The end section is only covered when the reading stops part-way through it.
    hi = last.section + 1 if last.paragraph else last.section
    book = _Book(sections, include_front=True, include_back=True, span=(lo, max(hi, lo + 1)))
    atoms = [book.first_atom[b.section] + b.paragraph for b in boundaries[:-1]]
    atoms.append(
        book.first_atom[last.section] + last.paragraph if last.paragraph else book.atom_count
    )
    for n, (a, b) in enumerate(zip(atoms, atoms[1:], strict=False), start=1):
        if b <= a:
            raise EmptyReading(n)
    points = [_Cut(a, b, 0.0) for a, b in zip(atoms, boundaries, strict=True)]
    return book.readings(points, words_per_minute)


# --- internals ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Cut:
    atom: int  # the reading starts with this paragraph of the covered range
    boundary: Boundary
    penalty: float


class _Book:
    """The covered range flattened into paragraphs ("atoms"), with its chapter structure."""

    def __init__(
        self,
        sections: Sequence[SectionInfo],
        *,
        include_front: bool,
        include_back: bool,
        span: tuple[int, int] | None = None,
    ) -> None:
        self.sections = sections
        # Chapters numbered "1 …", "2 …", "3 …": their numbers are labels, not part of the name.
        chapters = [i for i, s in enumerate(sections) if s.level == 1]
        in_sequence = numbered_in_sequence([sections[i].title for i in chapters])
        self.numbered = {chapters[k] for k in in_sequence}
        if span is not None:  # the caller already knows the covered range of sections
            self.lo, self.hi = span
        else:
            kinds = (
                {"body"}
                | ({"front"} if include_front else set())
                | ({"back"} if include_back else set())
            )
            included = [i for i, s in enumerate(sections) if s.kind in kinds]
            self.lo, self.hi = included[0], included[-1] + 1

        self.atom_section: list[int] = []  # section of each atom
        self.prefix: list[int] = [0]  # words before each atom
        self.first_atom: dict[int, int] = {}  # section -> its first atom (or the next one)
        for s in range(self.lo, self.hi):
            self.first_atom[s] = len(self.atom_section)
            for w in sections[s].paragraph_words:
                self.atom_section.append(s)
                self.prefix.append(self.prefix[-1] + w)
        self.first_atom[self.hi] = len(self.atom_section)
        self.atom_count = len(self.atom_section)
        self.total = self.prefix[-1]

        # A chapter runs from a level-1 section (or the range start) to the next level-1 section.
        self.chapter_of: dict[int, tuple[int, int]] = {}
        starts = [s for s in range(self.lo, self.hi) if s == self.lo or sections[s].level == 1]
        for a, b in zip(starts, [*starts[1:], self.hi], strict=True):
            for s in range(a, b):
                self.chapter_of[s] = (a, b)

    def words_between(self, first: int, last: int) -> int:
        """Words of sections [first, last)."""
        return self.prefix[self.first_atom[last]] - self.prefix[self.first_atom[first]]

    def candidates(
        self,
        target: float,
        *,
        every_subheading: bool = False,
        paragraphs_needed: int = 0,
    ) -> list[_Cut]:
        """Cut points allowed at this target, one per atom (the cheapest, then the earliest).

        `paragraphs_needed` widens paragraph cuts to the longest units, one unit at a time,
        until that many cut points exist: only used when a fixed number of weeks demands it.
        """
        split_units = {
            s
            for s in range(self.lo, self.hi)
            if self.sections[s].words > UNIT_TOO_LONG * target
            and len(self.sections[s].paragraph_words) > 1
        }
        by_atom: dict[int, _Cut] = {}

        def offer(atom: int, boundary: Boundary, penalty: float) -> None:
            if 0 < atom < self.atom_count:
                held = by_atom.get(atom)
                if held is None or penalty < held.penalty:
                    by_atom[atom] = _Cut(atom, boundary, penalty)

        def collect() -> None:
            for s in range(self.lo, self.hi):
                section = self.sections[s]
                first, end = self.chapter_of[s]
                if s == first:
                    offer(self.first_atom[s], Boundary(s), CHAPTER_PENALTY)
                elif every_subheading or self.words_between(first, end) > CHAPTER_TOO_LONG * target:
                    offer(self.first_atom[s], Boundary(s), SUBHEADING_PENALTY)
                if s in split_units:
                    for p in range(1, len(section.paragraph_words)):
                        offer(self.first_atom[s] + p, Boundary(s, p), PARAGRAPH_PENALTY)

        collect()
        if len(by_atom) < paragraphs_needed:
            longest = sorted(
                (s for s in range(self.lo, self.hi) if s not in split_units),
                key=lambda s: (-self.sections[s].words, s),
            )
            for s in longest:
                if len(by_atom) >= paragraphs_needed:
                    break
                split_units.add(s)
                collect()
        return [by_atom[a] for a in sorted(by_atom)]

    def points(self, cuts: list[_Cut]) -> tuple[list[_Cut], list[int], list[float]]:
        """Start, cuts and end as DP points: the point, words before it, its penalty."""
        start = _Cut(0, Boundary(self.lo), 0.0)
        end = _Cut(self.atom_count, Boundary(self.hi), 0.0)
        points = [start, *cuts, end]
        return points, [self.prefix[p.atom] for p in points], [p.penalty for p in points]

    def readings(self, points: list[_Cut], words_per_minute: int) -> list[ProposedReading]:
        spans = list(zip(points, points[1:], strict=False))
        # Which readings hold paragraphs of each section: a section in several is "part i of n".
        holders: dict[int, list[int]] = {}
        for r, (a, b) in enumerate(spans):
            for s in range(self.atom_section[a.atom], self.atom_section[b.atom - 1] + 1):
                if self.sections[s].paragraph_words:
                    holders.setdefault(s, []).append(r)

        readings = []
        for r, (a, b) in enumerate(spans):
            words = self.prefix[b.atom] - self.prefix[a.atom]
            readings.append(
                ProposedReading(
                    number=r + 1,
                    start=a.boundary,
                    end=b.boundary,
                    words=words,
                    title=self._title(r, a, b, holders),
                    minutes=reading_minutes(words, words_per_minute),
                )
            )
        return readings

    def _name(self, s: int) -> str:
        return self.sections[s].title.strip() or f"Section {s + 1}"

    def _label(self, s: int, r: int, holders: dict[int, list[int]]) -> str:
        # The week is already numbered: "Week 4: Running a Meeting", not "Week 4: 4 Running …".
        name = self._name(s)
        week = leading_number(name) if s in self.numbered else r + 1
        name = strip_chapter_label(name, week=week)
        held = holders.get(s, [])
        if len(held) > 1:
            return f"{name} (part {held.index(r) + 1} of {len(held)})"
        return name

    def _title(self, r: int, a: _Cut, b: _Cut, holders: dict[int, list[int]]) -> str:
        """First section – last section; a whole chapter at the end is named by its chapter."""
        first = a.boundary.section
        last = self.atom_section[b.atom - 1]
        chapter, chapter_end = self.chapter_of[last]
        whole_chapter = (
            chapter >= first
            and self.first_atom[chapter] >= a.atom
            and self.first_atom[chapter_end] <= b.atom
        )
        if whole_chapter:
            last = chapter
        start_label = self._label(first, r, holders)
        if last == first:
            return start_label
        return f"{start_label} – {self._label(last, r, holders)}"


def _solve(
    prefix: Sequence[int], penalty: Sequence[float], target: float, layers: int
) -> tuple[list[float], list[list[int]]]:
    """Best plans with 1..layers readings over points 0..M (start, cuts, end).

    prefix[j] is the words before point j, penalty[j] the price of cutting there. Returns
    costs[k] (the best cost of covering everything with k readings; costs[0] is unused) and
    parents[k][j] (the previous point of the best k-reading plan ending at j).

    Divide and conquer: the best predecessor of j is monotone in j (the leftmost one, among
    equals), so each layer costs O(M log M) rather than O(M²).
    """
    inf = math.inf
    m = len(prefix) - 1
    inv = 1.0 / target
    prev = [0.0] + [inf] * m
    costs = [inf]
    parents: list[list[int]] = [[]]
    for k in range(1, layers + 1):
        cur = [inf] * (m + 1)
        arg = [-1] * (m + 1)
        # An explicit stack instead of recursion: same order, no recursion limit worries.
        stack = [(k, m, k - 1, m - 1)]
        while stack:
            jlo, jhi, ilo, ihi = stack.pop()
            if jlo > jhi:
                continue
            j = (jlo + jhi) // 2
            pj = prefix[j]
            best, best_i = inf, ilo
            for i in range(ilo, min(ihi, j - 1) + 1):
                before = prev[i]
                if before == inf:
                    continue
                d = (pj - prefix[i]) * inv - 1.0
                v = before + d * d
                if v < best:
                    best, best_i = v, i
            cur[j] = best + penalty[j] if j < m else best
            arg[j] = best_i
            stack.append((j + 1, jhi, best_i, ihi))
            stack.append((jlo, j - 1, ilo, best_i))
        costs.append(cur[m])
        parents.append(arg)
        prev = cur
    return costs, parents


def _backtrack(parents: list[list[int]], k: int, m: int) -> list[int]:
    """The points (0 … m) of the best k-reading plan."""
    path = [m]
    j = m
    for layer in range(k, 0, -1):
        j = parents[layer][j]
        path.append(j)
    path.reverse()
    return path
