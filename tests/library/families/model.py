"""What every family returns: the input (a text or a PDF) and its truth."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Heading:
    title: str  # the bare title a reader should see ("The Narrow Quay")
    level: int  # 1: part or chapter (chapters inside parts too, as in document.py), 2: sub
    printed: str  # the heading as printed, lines joined ("CHAPTER 3 The Narrow Quay")


@dataclass
class Furniture:
    """A line that must not survive inside a paragraph of the text."""

    text: str
    # Paragraph kinds it may stand in (a caption kept as a "caption" paragraph).
    tolerated: tuple[str, ...] = ()
    # How often it may appear inside other paragraphs: a pull-quote repeats a body sentence.
    allowed: int = 0


@dataclass
class Truth:
    family: str
    seed: int
    title: str
    headings: list[Heading] = field(default_factory=list)
    footnotes: int = 0
    # Sentences that must be whole inside one paragraph (footnote markers left out).
    sentences: list[str] = field(default_factory=list)
    furniture: list[Furniture] = field(default_factory=list)


@dataclass
class Case:
    truth: Truth
    filename: str  # the name the importer sees (.txt or .pdf)
    text: str = ""  # plain-text families: the input; round-trip families: the HTML source
    pdf: bytes | None = None  # round-trip families only

    @property
    def is_pdf(self) -> bool:
        return self.filename.endswith(".pdf")
