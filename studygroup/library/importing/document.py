"""The importing pipeline's output: plain dataclasses, no Django.

Every stage (decode → clean → structure → footnotes) works towards a ParsedText.
The Django side (services.py) saves one atomically; the splitter reads its sections.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

PARAGRAPH_KINDS = ("prose", "quote", "verse", "list", "caption")
SECTION_KINDS = ("front", "body", "back")
# Section levels: 1 a part, or a chapter where the text has no parts; 2 a chapter inside a
# part, or a sub-heading; 3 a sub-heading inside a chapter inside a part.
LEVELS = (1, 2, 3)
_ORDINALS = r"first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|last|final"
PART_TITLE = re.compile(  # "Book the First", "The Second Part" too
    r"^(?:part|book)\s+(?:the\s+)?(?:\d+|[IVXLCDM]+|one|two|three|four|five|six|seven|eight|"
    rf"nine|ten|eleven|twelve|{_ORDINALS})\b"
    rf"|^(?:the\s+)?(?:{_ORDINALS})\s+(?:part|book)\b(?!\s+of\b)",
    re.IGNORECASE,
)

_WORD = re.compile(r"\w+(?:[-'’]\w+)*")


def count_words(text: str) -> int:
    return len(_WORD.findall(text))


class ImportProblem(Exception):
    """A file we refuse to import. The message is shown to the curator as it is."""


def chapter_level(levels_and_titles: list[tuple[int, str]]) -> int:
    """The level of a text's chapters: 2 when parts hold them (a level 3 is present, or
    level-1 "Part …" headings have level-2 headings under them), else 1."""
    levels = [level for level, _title in levels_and_titles]
    if 3 in levels:
        return 2
    parts = any(level == 1 and PART_TITLE.match(title) for level, title in levels_and_titles)
    return 2 if parts and 2 in levels else 1


def outline_levels(levels_and_titles: list[tuple[int, str]]) -> list[int]:
    """Each level on the two-step scale the splitter cuts by: 1 a chapter (or a part),
    2 a sub-heading."""
    top = chapter_level(levels_and_titles)
    return [1 if level <= top else 2 for level, _title in levels_and_titles]


@dataclass
class ParsedFootnote:
    number: int
    text: str  # "" when the text carries a marker but no note


@dataclass
class FootnoteRef:
    offset: int  # position in ParsedParagraph.text where the marker stood
    number: int


@dataclass
class ParsedParagraph:
    text: str  # cleaned, single line, footnote markers removed
    kind: str = "prose"  # one of PARAGRAPH_KINDS
    refs: list[FootnoteRef] = field(default_factory=list)

    @property
    def words(self) -> int:
        return count_words(self.text)

    @property
    def footnote_numbers(self) -> list[int]:
        return [ref.number for ref in self.refs]


@dataclass
class PageStart:
    """Where a page of the source starts in the parsed text (importing/pages.py)."""

    label: str  # as printed: "47", "xii"
    paragraph: int  # index among the text's paragraphs, in reading order
    offset: int  # where in that paragraph's text the page begins (0: before it)


@dataclass
class ParsedSection:
    title: str
    level: int = 1  # one of LEVELS: 1 part (or chapter), 2 chapter in a part or sub-heading
    kind: str = "body"  # one of SECTION_KINDS: front and back matter never count as chapters
    paragraphs: list[ParsedParagraph] = field(default_factory=list)

    @property
    def words(self) -> int:
        return sum(p.words for p in self.paragraphs)

    @property
    def footnote_numbers(self) -> list[int]:
        return [n for p in self.paragraphs for n in p.footnote_numbers]


@dataclass
class ParsedText:
    title: str
    author: str | None
    sections: list[ParsedSection]
    footnotes: list[ParsedFootnote] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    language: str = "en"
    # The source's page map, kept apart from `as_json` (its shape is pinned).
    pages: list[PageStart] = field(default_factory=list)

    @property
    def words(self) -> int:
        return sum(s.words for s in self.sections)

    def as_json(self) -> dict:
        """The `import_text --dry-run --json` shape; other tools depend on it."""
        return {
            "title": self.title,
            "author": self.author,
            "words": self.words,
            "footnotes": [{"number": f.number, "text": f.text} for f in self.footnotes],
            "sections": [
                {
                    "title": s.title,
                    "level": s.level,
                    "words": s.words,
                    "paragraphs": [p.text for p in s.paragraphs],
                    "footnote_numbers": s.footnote_numbers,
                }
                for s in self.sections
            ],
        }
