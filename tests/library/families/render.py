"""Typesetting plain text the way a PDF export or a copy-paste leaves it.

Writer lays paragraphs out in hard-wrapped lines on pages, puts page furniture at the
page edges and footnotes where the family wants them, and records as it goes the
sentences that a break cut in two (across a page, a hyphen, a caption): those are the
sentence probes that test whether the importer puts them back together.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from .grammar import Grammar
from .model import Case, Furniture, Heading, Truth
from .prose import Prose

SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
NUMBER_WORDS = ["One", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine", "Ten"]
ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]
_SPLITTABLE = re.compile(r"^([A-Za-z]{8,})([,.;:!?”’]*)$")


@dataclass
class Line:
    text: str
    end: int  # offset in the paragraph text where this line stops
    cut: str  # how it ends: "space", "split" (a word hyphenated) or "hyphen" (a real one)


def wrap(text: str, width: int, rng: random.Random, *, hyphenate: bool) -> list[Line]:
    """Greedy wrapping; with `hyphenate`, long words are split and compounds broken."""
    lines: list[Line] = []
    current = ""
    pos = 0  # offset of the next word in text
    words = text.split(" ")
    i = 0
    carry = ""  # the rest of a word split at the end of the previous line
    while i < len(words):
        word = carry or words[i]
        start = pos + (len(words[i]) - len(word))
        if not current:
            current = word
        elif len(current) + 1 + len(word) <= width:
            current += " " + word
        else:
            room = width - len(current) - 2  # a space and the hyphen
            head = _break_word(word, room, rng) if hyphenate else None
            if head is not None:
                kind = "hyphen" if word[len(head) - 1] == "-" else "split"
                piece = head if kind == "hyphen" else head + "-"
                lines.append(Line(f"{current} {piece}", start + len(head), kind))
                carry = word[len(head) :]
                current = ""
                continue
            lines.append(Line(current, start - 1, "space"))
            current = word
        pos += len(words[i]) + 1
        carry = ""
        i += 1
    if current:
        lines.append(Line(current, len(text), "space"))
    return lines


def _break_word(word: str, room: int, rng: random.Random) -> str | None:
    """The part of `word` that ends this line, or None to move the word down whole."""
    if room < 3:
        return None
    if "-" in word[1:-1]:
        head = word[: word.index("-") + 1]
        return head if len(head) <= room + 1 else None
    m = _SPLITTABLE.match(word)
    if not m or rng.random() < 0.3:
        return None
    core = m.group(1)
    k = min(room, len(core) - 3)
    return core[:k] if k >= 3 else None


def sentence_at(spans: list[tuple[int, int, str]], offset: int) -> str | None:
    """The sentence that a break at `offset` cuts, if it cuts one."""
    for start, end, sentence in spans:
        if start < offset < end - 1:
            return sentence
    return None


def marker(style: str, number: int) -> str:
    if style == "super":
        return str(number).translate(SUPERSCRIPT)
    if style == "bracket":
        return f"[{number}]"
    return str(number)  # glued to the full stop, as many PDFs extract it


@dataclass
class Writer:
    """Lines on pages, with the truth collected as they are written."""

    rng: random.Random
    truth: Truth
    width: int = 68
    hyphenate: bool = False
    page_len: int | None = None  # lines of body per page; None: no pages
    indent: str = ""  # first-line indentation; with it, no blank line between paragraphs
    header: Callable[[int], list[str]] | None = None
    footer: Callable[[int], list[str]] | None = None
    page_break: str = "\f"  # or "" (nothing but the furniture marks the page)
    notes: str = "none"  # none, page, midpage, end, chapter
    marker_style: str = "super"
    # Something dropped at the top of the next page (a caption, a pull-quote): lines.
    interrupt: Callable[[int], list[str]] | None = None
    probe_all: bool = False  # every sentence is a probe (columns cut them anywhere)
    grammar: type[Grammar] = Prose  # whose words the notes are in: the family's world

    lines: list[str] = field(default_factory=list)
    page: int = 1
    on_page: int = 0
    note_number: int = 0
    page_notes: list[str] = field(default_factory=list)
    chapter_notes: list[tuple[int, str]] = field(default_factory=list)

    # ------------------------------------------------------------------ pages

    def _body_line(self, text: str) -> bool:
        """Add one line of body; True if a page break followed it."""
        self.lines.append(text)
        self.on_page += 1
        if self.page_len and self.on_page >= self.page_len:
            self.new_page()
            return True
        return False

    def new_page(self) -> None:
        if self.page_notes and self.notes == "page":
            self.lines.append("")
            if self.rng.random() < 0.5:
                self.lines.append("________")
            self.lines.extend(self.page_notes)
            self.page_notes = []
        if self.footer:
            self.lines.append("")
            self.lines.extend(self.footer(self.page))
        if self.page_break:
            self.lines.append(self.page_break)
        else:
            self.lines.append("")
        self.page += 1
        self.on_page = 0
        if self.header:
            self.lines.extend(self.header(self.page))
            self.lines.append("")
        if self.interrupt:
            block = self.interrupt(self.page)
            if block:
                self.lines.extend(block)
                self.lines.append("")

    def blank(self) -> None:
        if self.lines and self.lines[-1] != "":
            self.lines.append("")

    # ------------------------------------------------------------------ content

    def heading(self, printed_lines: list[str], title: str, level: int, gap: bool = True) -> None:
        if self.page_len and self.on_page > self.page_len - 5:
            self.new_page()  # keep with next: no heading alone at the foot of a page
        self.blank()
        if gap and self.lines:
            self.lines.append("")
        for line in printed_lines:
            self.lines.append(line)
        self.lines.append("")
        self.on_page += len(printed_lines) + 2
        printed = " ".join(" ".join(printed_lines).split())
        self.truth.headings.append(Heading(title=title, level=level, printed=printed))

    def paragraph(self, sentences: list[str], *, notes: int = 0, probe_first: bool = False) -> None:
        """Wrap and place a paragraph; `notes` of its sentences carry a footnote marker."""
        noted = set(self.rng.sample(range(len(sentences)), min(notes, len(sentences))))
        parts: list[str] = []
        spans: list[tuple[int, int, str]] = []
        pos = 0
        for k, sentence in enumerate(sentences):
            text = sentence
            if k in noted:
                self.note_number += 1
                text += marker(self.marker_style, self.note_number)
                self._note(self.note_number, self.rng_note())
            spans.append((pos, pos + len(text), sentence))
            parts.append(text)
            pos += len(text) + 1
        text = " ".join(parts)
        if self.probe_all:
            self.truth.sentences.extend(sentences)
        elif probe_first:
            self.truth.sentences.append(sentences[0])
        if not self.indent:
            self.blank()
        for n, line in enumerate(wrap(text, self.width, self.rng, hyphenate=self.hyphenate)):
            shown = (self.indent + line.text) if n == 0 else line.text
            broke = self._body_line(shown)
            cut = sentence_at(spans, line.end)
            if cut and (broke or line.cut != "space") and cut not in self.truth.sentences:
                self.truth.sentences.append(cut)
        if not self.indent:
            self.lines.append("")
        if self.notes == "midpage" and self.page_notes:
            # Extraction put the page's notes right after the paragraph citing them.
            self.lines.extend(self.page_notes)
            self.lines.append("")
            self.page_notes = []

    def raw(self, lines: list[str], *, count: bool = True) -> None:
        for line in lines:
            self.lines.append(line)
            if count:
                self.on_page += 1

    def furniture(self, text: str, tolerated: tuple[str, ...] = (), allowed: int = 0) -> None:
        known = {f.text for f in self.truth.furniture}
        if text.strip() and text not in known:
            self.truth.furniture.append(Furniture(text, tolerated, allowed))

    # ------------------------------------------------------------------ notes

    def rng_note(self) -> str:
        return self.grammar(self.rng).note()

    def _note(self, number: int, text: str) -> None:
        self.truth.footnotes += 1
        if self.notes in {"page", "midpage"}:
            style = self.marker_style if self.marker_style == "super" else "plain"
            label = marker("super", number) if style == "super" else f"{number}"
            self.page_notes.append(f"{label} {text}")
        else:
            self.chapter_notes.append((number, text))

    def end_chapter(self) -> None:
        """Per-chapter end-notes: a Notes block, numbering restarting in the next chapter."""
        if self.notes != "chapter" or not self.chapter_notes:
            return
        self.notes_block()
        self.note_number = 0

    def notes_block(self) -> None:
        if not self.chapter_notes:
            return
        self.blank()
        self.lines.extend(["", "Notes", ""])
        for number, text in self.chapter_notes:
            self.lines.append(f"{number}. {text}")
            self.lines.append("")
        self.chapter_notes = []

    def finish(self) -> str:
        if self.notes == "end":
            self.notes_block()
        if self.page_notes:
            self.lines.append("")
            self.lines.extend(self.page_notes)
            self.page_notes = []
        if self.footer and self.page_len:
            self.lines.append("")
            self.lines.extend(self.footer(self.page))
        text = "\n".join(self.lines)
        return re.sub(r"\n{4,}", "\n\n\n", text).strip("\n") + "\n"


def begin(
    key: str,
    family: str,
    seed: int,
    grammar: type[Grammar],
    writer: type[Writer] = Writer,
    **layout,
) -> tuple[random.Random, Grammar, Writer]:
    """A family's generator, its prose and its typesetter, the prose's first title the text's.

    `key` names the set ("fresh", "third"...), so two sets' families of one name differ."""
    rng = random.Random(f"{key}-{family}:{seed}")
    prose = grammar(rng)
    truth = Truth(family=family, seed=seed, title=prose.title())
    return rng, prose, writer(rng=rng, truth=truth, grammar=grammar, **layout)


def said(w: Writer, sentences: list[str], prefix: str = "", *, notes: int = 0) -> None:
    """A paragraph opening with `prefix` (a clause label, a speaker, a dateline) whose bare
    first sentence is the probe: the label may stay or go, the sentence must be whole."""
    shown = list(sentences)
    shown[0] = f"{prefix}{shown[0]}"
    w.paragraph(shown, notes=notes)
    if shown[0] in w.truth.sentences:  # a break cut it: the probe is the bare sentence all the same
        w.truth.sentences.remove(shown[0])
    if sentences[0] not in w.truth.sentences:
        w.truth.sentences.append(sentences[0])


def finish(w: Writer, family: str, *, drop: str | None = None) -> Case:
    """The case a Writer made; `drop`: probes holding markup the importer may rightly rewrite."""
    text = w.finish()
    if drop:
        w.truth.sentences = [s for s in w.truth.sentences if not re.search(drop, s)]
    return Case(truth=w.truth, filename=f"{family}.txt", text=text)


def number_word(n: int) -> str:
    return NUMBER_WORDS[(n - 1) % len(NUMBER_WORDS)]


def roman(n: int) -> str:
    return ROMAN[(n - 1) % len(ROMAN)]


def letter_spaced(text: str) -> str:
    """ "C H A P T E R   O N E": letters one space apart, words three."""
    return "   ".join(" ".join(word) for word in text.split())
