"""Scores of one parsed text against its truth; the bench adds them up.

Headings match in order by normalised title and level: a section matches a heading if
its title, casefolded with punctuation and a leading label ("Chapter 3:", "IV.", "2.3",
"Part One", "Act II", "Scene 3:", "Week 2", "Q.", "Question 4:") removed, equals the
heading's title so treated, or equals the heading as printed. Sections that are front or
back matter, the book's title and "Notes" count neither for nor against: the notes are
scored by their count instead.

Levels are compared on the truth's two-step scale (1 part or chapter, 2 sub-heading): a
parsed text's levels go through document.outline_levels first, so a chapter that the
importer nests under its part (level 2) still counts as a chapter. Whether it does nest is
scored apart (**nest**): every heading from the first part on must sit at its depth,
parts 1, chapters 2, sub-headings 3.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from studygroup.library.importing.document import PART_TITLE, outline_levels

from .model import Truth

_NUMBER_WORDS = "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve"
# Words that label a numbered division, as "Chapter" does: "Act II", "Scene 3", "Week 2",
# "Question 4", "Reading 1.2". Only before a number: "Acts of Union" keeps its first word.
_LABEL_WORDS = (
    "part|chapter|section|book|act|scene|week|session|lecture|lesson|unit|reading|letter"
    "|question|article|rule|clause|ground|issue|day|canto|stave|episode|instalment"
)
# Old editions count in ordinals: "Chapter the First", "BOOK THE SECOND", "The Third Book".
# Only a book's own divisions go after the ordinal: "Second Reading" is a stage of a bill.
_ORDINALS = "first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth"
_DIVISIONS = "part|chapter|book|act|scene|canto|stave"
_LABEL = re.compile(
    rf"^(?:(?:{_LABEL_WORDS})\s+(?:[ivxlc]+|\d+(?:\.\d+)*|{_NUMBER_WORDS})\b"
    rf"|(?:{_LABEL_WORDS})\s+the\s+(?:{_ORDINALS})\b"
    rf"|(?:the\s+)?(?:{_ORDINALS})\s+(?:{_DIVISIONS})\b"
    r"|q\d*(?=[.:)])"  # "Q.", "Q:", "Q3." before a question
    r"|[ivxlc]+(?=[.:)\s])|\d+(?:\.\d+)*)\s*[.:)\-–—]?\s*"
)
_QUOTES = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "–": "-", "—": "-"})
NEUTRAL_TITLES = {"notes", "endnotes", "footnotes", "opening", "front matter", "contents"}


def text_key(text: str) -> str:
    """For comparing running text: Unicode-normalised, casefolded, spaces collapsed."""
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES).replace("\u00ad", "")
    return " ".join(text.casefold().split())


def title_key(title: str) -> str:
    """A heading title without its label and punctuation: "Chapter 3: The Quay" → "the quay"."""
    t = _LABEL.sub("", text_key(title), count=1)
    return " ".join(re.sub(r"[^\w\s]", " ", t).split())


@dataclass
class Score:
    texts: int = 0
    expected: int = 0  # headings in the truth
    detected: int = 0  # sections that count: matched ones and extra body sections
    matched: int = 0
    matched_any_level: int = 0
    subs_expected: int = 0
    subs_matched: int = 0
    probes: int = 0
    probes_ok: int = 0
    furniture: int = 0
    furniture_ok: int = 0
    texts_with_notes: int = 0
    notes_exact: int = 0
    notes_abs_error: int = 0
    nested_expected: int = 0  # headings from the first part on
    nested_ok: int = 0  # … found at their depth (part 1, chapter 2, sub-heading 3)
    failed: int = 0  # inputs the importer refused (ImportProblem) or crashed on
    missed: list[str] = field(default_factory=list)
    extra: list[str] = field(default_factory=list)
    broken: list[str] = field(default_factory=list)  # probe sentences not found whole
    leaked: list[str] = field(default_factory=list)  # furniture found in paragraphs

    def add(self, other: Score) -> None:
        for name, value in vars(other).items():
            setattr(self, name, getattr(self, name) + value)

    @property
    def precision(self) -> float:
        return self.matched / self.detected if self.detected else 1.0

    @property
    def recall(self) -> float:
        return self.matched / self.expected if self.expected else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def recall_any_level(self) -> float:
        return self.matched_any_level / self.expected if self.expected else 1.0

    @property
    def sub_recall(self) -> float | None:
        return self.subs_matched / self.subs_expected if self.subs_expected else None

    @property
    def nest_rate(self) -> float | None:
        return self.nested_ok / self.nested_expected if self.nested_expected else None

    @property
    def probe_rate(self) -> float | None:
        return self.probes_ok / self.probes if self.probes else None

    @property
    def furniture_rate(self) -> float | None:
        return self.furniture_ok / self.furniture if self.furniture else None

    @property
    def notes_error(self) -> float | None:
        return self.notes_abs_error / self.texts_with_notes if self.texts_with_notes else None

    @property
    def notes_exact_rate(self) -> float | None:
        return self.notes_exact / self.texts_with_notes if self.texts_with_notes else None


def score(parsed: object, truth: Truth) -> Score:
    s = Score(texts=1, expected=len(truth.headings))
    s.subs_expected = sum(1 for h in truth.headings if h.level == 2)
    _score_headings(parsed, truth, s)
    _score_probes(parsed, truth, s)
    if truth.footnotes:
        s.texts_with_notes = 1
        s.notes_abs_error = abs(len(parsed.footnotes) - truth.footnotes)
        s.notes_exact = int(s.notes_abs_error == 0)
    return s


def failure(truth: Truth, reason: str) -> Score:
    """An input the importer refused: everything expected of it is missed."""
    s = Score(texts=1, expected=len(truth.headings), failed=1)
    s.subs_expected = sum(1 for h in truth.headings if h.level == 2)
    s.probes, s.furniture = len(truth.sentences), len(truth.furniture)
    s.furniture_ok = s.furniture
    if truth.footnotes:
        s.texts_with_notes, s.notes_abs_error = 1, truth.footnotes
    s.missed = [f"import failed: {reason}"]
    return s


def _score_headings(parsed: object, truth: Truth, s: Score) -> None:
    wanted = [(title_key(h.title), text_key(h.printed), h.level) for h in truth.headings]
    neutral = {title_key(truth.title), text_key(truth.title), *NEUTRAL_TITLES}
    hit = [False] * len(wanted)
    depth = _depths(truth)
    s.nested_expected = sum(1 for d in depth if d)
    j = 0
    sections = [sec for sec in parsed.sections if sec.title]
    coarse = outline_levels([(sec.level, sec.title) for sec in sections])
    for section, level in zip(sections, coarse, strict=True):
        key, printed = title_key(section.title), text_key(section.title)
        k = next(
            (
                k
                for k in range(j, len(wanted))
                if ((key and key == wanted[k][0]) or printed == wanted[k][1])
                and level == wanted[k][2]
            ),
            None,
        )
        if k is None:
            if section.kind == "body" and key not in neutral and printed not in neutral:
                s.detected += 1
                s.extra.append(f"({section.level}) {section.title}")
            continue
        s.detected += 1
        s.matched += 1
        s.subs_matched += wanted[k][2] == 2
        s.nested_ok += depth[k] == section.level
        hit[k] = True
        j = k + 1
    found = {title_key(sec.title) for sec in sections} | {text_key(sec.title) for sec in sections}
    found.discard("")  # a bare label ("12", "IV") matches only a heading printed so
    for k, ok in enumerate(hit):
        if ok or wanted[k][0] in found or wanted[k][1] in found:
            s.matched_any_level += 1
        if not ok:
            h = truth.headings[k]
            s.missed.append(f"({h.level}) {h.printed}")


def _depths(truth: Truth) -> list[int]:
    """Each heading's depth from the first part on (part 1, chapter 2, sub-heading 3);
    0 before it, and for texts without parts."""
    out: list[int] = []
    in_parts = False
    for h in truth.headings:
        part = h.level == 1 and bool(PART_TITLE.match(h.printed.strip()))
        in_parts = in_parts or part
        out.append(0 if not in_parts else 1 if part else h.level + 1)
    return out


def _score_probes(parsed: object, truth: Truth, s: Score) -> None:
    paragraphs = [(p.kind, text_key(p.text)) for sec in parsed.sections for p in sec.paragraphs]
    for sentence in truth.sentences:
        s.probes += 1
        needle = text_key(sentence)
        if any(needle in text for _kind, text in paragraphs):
            s.probes_ok += 1
        else:
            s.broken.append(sentence)
    for item in truth.furniture:
        s.furniture += 1
        needle = text_key(item.text)
        # A caption kept as a "caption" paragraph (with its credit, say) is fine.
        inside = sum(
            1 for kind, text in paragraphs if needle in text and kind not in item.tolerated
        )
        if inside <= item.allowed:
            s.furniture_ok += 1
        else:
            s.leaked.append(item.text)
