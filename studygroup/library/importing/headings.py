"""Heading styles: one registry, each style recognised, accepted and levelled in one place.

A block becomes a heading candidate when a style's `recognise` matches its shape (the
first match in REGISTRY wins, so the order states which reading is preferred). Whether
the candidate really is a heading depends on what stands around it (`Evidence`), which
each style judges with its own `accept`. Levels are decided afterwards, for the whole
document at once (`assign_levels`), from the set of styles present.

Adding a style means adding one HeadingRule here, with its tests.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from functools import cached_property

from .clean import (
    CARDINAL_WORDS,
    ORDINAL_WORDS,
    SMALL_WORDS,
    Block,
    BlockKind,
    ends_sentence,
    is_lead_in,
    starts_upper,
)
from .document import LEVELS, PART_TITLE

ROMAN = r"[IVXLCDM]+"
NUMBER_WORDS = (
    f"{CARDINAL_WORDS}|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|last|final"
)
# The old way of numbering a book's divisions: "Chapter the First", "BOOK THE SECOND", and
# the ordinal before the label, "Third Book", alone on its line over the title.
ORDINAL_NUMBER = rf"the\s+(?:{ORDINAL_WORDS})"
ORDINAL_FIRST_LABEL = re.compile(
    rf"^(?:the\s+)?(?:{ORDINAL_WORDS})\s+(part|book|chapter)[.:]?$", re.I
)
# A course's reading pack or syllabus is divided by its meetings: "Week 3: …", "Unit 2".
COURSE_UNITS = "week|unit|module|lesson"
# A course pack's readings, numbered as units when the label stands alone over the title
# ("READING 3" / "The Tram Depot"); "Reading 1.2" in a week is a reading, not a unit.
LABELLED_UNITS = f"{COURSE_UNITS}|reading"
READING_UNIT = r"reading(?=\s+\d+(?![.\d]\d))"  # "Reading 3: The Depot", not "Reading 1.2"
MD_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.+?)\s*#*\s*$")
CHAPTER = re.compile(
    # "Item 3:", "Motion 2 –": the numbered business of minutes reads like a chapter.
    # "Tape 2": a recorded interview is divided by its tapes as a book by its chapters.
    rf"^(chapter|part|book|section|lecture|letter|(?:agenda )?item|motion|resolution|session|"
    rf"tape|{COURSE_UNITS}|{READING_UNIT})"
    rf"\s+(\d+|{ROMAN}|{ORDINAL_NUMBER}|{NUMBER_WORDS})\b\s*[.:—–-]?\s*(.*)$",
    re.IGNORECASE,
)
NUMBERED = re.compile(r"^(\d{1,2}(?:\.\d{1,2})*)(?:[.)]|\s)\s*([A-Z“\"‘'].*)$")
ROMAN_NUMBERED = re.compile(rf"^({ROMAN})[.)]\s+([A-Z].*)$")
ROMAN_ALONE = re.compile(rf"^{ROMAN}\.?$")
PART_LABEL = re.compile(r"^(?:part|book)\s", re.IGNORECASE)  # a CHAPTER match one level up
CHAPTER_LABEL = re.compile(
    rf"^(?:chapter|part|book|{LABELLED_UNITS})\s+(?:\d+|{ROMAN}|{ORDINAL_NUMBER}|{NUMBER_WORDS})"
    r"[.:]?$",
    re.I,
)
# A label alone on its line, its title on the next: "CHAPTER 3", "PART TWO", "IV".
BARE_LABEL = re.compile(
    rf"^(?:(?:chapter|part|book|{LABELLED_UNITS})\s+(?:\d+|{ROMAN}|{ORDINAL_NUMBER}|{NUMBER_WORDS})"
    rf"|(?:the\s+)?(?:{ORDINAL_WORDS})\s+(?:chapter|part|book)|{ROMAN})[.:]?$",
    re.I,
)
# The divisions of rules, statutes and constitutions: "§ 3", "Rule 4.", "Article 2 –",
# "Clause 7", "Schedule A", with the title on the same line or the next. A numbered
# provision's title starts with a capital ("Rule 3 says that …" is a sentence).
_PROVISION_LABEL = (
    r"(?:§{1,2}\s*\d{1,3}[a-z]?|(?:rule|article|clause|regulation|by-?law)\s+\d{1,3}[a-z]?|"
    r"(?:schedule|annex)\s+(?:[A-Z]|\d{1,2}))"
)
PROVISION = re.compile(rf"^{_PROVISION_LABEL}\b\.?(?:\s*[:—–-]\s*|\s+)?(.*)$", re.IGNORECASE)
PROVISION_LABEL = re.compile(rf"^{_PROVISION_LABEL}[.:]?$", re.IGNORECASE)  # alone on its line
FRONT_KEYWORDS = re.compile(
    r"^(?:preface|foreword|prologue|dedication|epigraph|acknowledge?ments?|copyright|"
    r"contents|table of contents|list of (?:figures|illustrations|tables)|"
    r"(?:a )?notes? on (?:the )?(?:text|texts|translation|sources|edition|names|spelling)|"
    r"(?:translator|editor)'?s'? (?:note|preface|introduction)|editorial note|"
    # a play's cast list
    r"dramatis personae|(?:the )?characters|cast of characters|persons of the (?:play|drama))$",
    re.IGNORECASE,
)
BACK_KEYWORDS = re.compile(
    r"^(?:further reading|suggested reading|reading list|glossary|bibliography|references|"
    r"works cited|sources|notes|endnotes|footnotes|index|see also|external links|"
    r"(?:appendix|appendices)(?:\s+\w+)?(?:\s*[:.—–-]\s*[^\s.!?][^.!?]{0,80})?|"
    r"about the (?:author|authors|publisher|editors?)|about [\w*\s]+(?:books|press)|"
    r"also (?:available|by)\b.*|afterword|acknowledge?ments?)$",
    re.IGNORECASE,
)
BODY_KEYWORDS = re.compile(
    r"^(?:introduction|conclusions?|epilogue|postscript|summary|abstract|recommendations)$",
    re.IGNORECASE,
)

MONTHS = (
    "january|february|march|april|may|june|july|august|september|october|november|december|"
    r"jan\.?|feb\.?|mar\.?|apr\.?|jun\.?|jul\.?|aug\.?|sept?\.?|oct\.?|nov\.?|dec\.?"
)
# A date in a letter's dateline: "22 March 1892", "March 22nd, 1892", "the 3rd of May 1901".
DATE = re.compile(
    rf"\b(?:\d{{1,2}}(?:st|nd|rd|th)?(?:\s+of)?\s+(?:{MONTHS})|(?:{MONTHS})\s+\d{{1,2}}"
    r"(?:st|nd|rd|th)?,?)\s+\d{4}\b",
    re.IGNORECASE,
)
# A letter's salutation: "Dear Aino,", "My dear Jonah —", "Sir,", "Dearest Mother,".
SALUTATION = re.compile(
    r"^\s*(?:(?:my\s+)?(?:very\s+)?dear(?:est)?\s+[^\s,].{0,40}|(?:dear\s+)?(?:sir|madam|"
    r"comrades?|friends?)|to whom it may concern)\s*[,:!—–-]\s*$",
    re.IGNORECASE,
)
MAX_DATELINE_WORDS = 14
# The attendance list that opens minutes: "Present: …", "Apologies: …", "In attendance: …".
ATTENDANCE = re.compile(
    r"^(?:present|apologies(?: for absence)?|absent|in attendance|also present|chair(?:ed by)?|"
    r"minutes(?: taken by)?|attending|quorum)\s*:\s*\S",
    re.IGNORECASE,
)

# A speaker's turn in a transcript or play, never a heading: the name in capitals (or
# "Q"/"A"), a colon, then what was said, ending as speech does ("MODERATOR: And then?").
SPEAKER_TURN = re.compile(
    r"^(?:[A-Z][A-Z.'’\-]*)(?:\s+[A-Z][A-Z.'’\-]*){0,3}\s*:\s+\S.*[.?!…\"”’)\]]$"
)
# An FAQ's question and answer labels: "Q. How do I join?" over "A. Write to the secretary."
QUESTION_LABEL = re.compile(r"^Q\d{0,3}[.:]\s+\S")
ANSWER_LABEL = re.compile(r"^A\d{0,3}[.:]\s+\S")
MIN_ASKED_WORDS = 4  # "Q. How do I join?" (with its label); "Q: And then?" is shorter
# An epigraph's or quotation's source on a line of its own: "— Ada Vance, 1894".
ATTRIBUTION = re.compile(r"^\s*[—–]\s*\S|^\s*-{1,2}\s+[A-Z]")

# A recording's particulars over a transcript: "Interviewer: Ada Vance", "Date: 3 May
# 1960", "Place: Carrow". Never a heading; the text after them is the interview's.
RECORDING_FIELD = re.compile(
    r"^(?:interviewer|interviewee|narrator|moderator|chair(?:ed by)?|panel(?:lists)?|"
    r"speakers?|date|place|location|recorded(?: by| at| on)?|transcri(?:bed by|ber|ption)|"
    r"duration|language)\s*:\s*\S",
    re.IGNORECASE,
)

# A table's or figure's caption and source line, never a heading.
TABLE_CAPTION = re.compile(
    r"^(?:source|sources|note|(?:table|figure|fig\.) \d+(?:\.\d+)*)\s*[:.]\s*\S", re.I
)
MIN_TABLE_NUMBERS = 3  # "Sallow 424 84 4"; a dateline has two
# An article's metadata, never a heading: "Keywords: …", "JEL codes: …", "Received: …".
METADATA_LINE = re.compile(
    r"^(?:key ?words|index terms|jel(?: classification| codes)?|received|accepted|revised|"
    r"published online|doi|correspondence|corresponding author|e-?mail|orcid)\s*:\s*\S",
    re.IGNORECASE,
)
YEAR_ALONE = re.compile(r"^(?:1[5-9]|20)\d{2}$")  # "1908" over that year's letters or entries

CLOSING_QUOTES = "”’\"'»"
# Shape thresholds (characters, words, lines) beyond which a block is prose, not a title.
MAX_HEADING_LINES = 3
MAX_HEADING_CHARS = 160
MAX_LABELLED_WORDS = 16  # "Chapter 3: …" may carry a long title
MAX_CANDIDATE_WORDS = 20
MAX_NUMBERED_WORDS = 14
MAX_CAPS_WORDS = 12
MAX_PLAIN_WORDS = 16
# Context thresholds.
SHORT_NEXT_HEADING_WORDS = 16  # a heading followed straight by a sub-heading
TITLE_CASE_HEADING = 0.6  # share of capitalised words that makes a line a title
TITLE_CASE_QUESTION = 0.5
ISOLATED_WORDS = 12  # a sentence-case line accepted when the layout isolates it
ISOLATED_WORDS_EMPHASISED = 16  # … or when a separator or a small-caps opening marks it
SUBSTANTIAL_WORDS = 12  # a paragraph long enough to follow a heading
SUBSTANTIAL_WRAPPED_WORDS = 8  # … when it is wrapped over two lines or more


class Style(StrEnum):
    MARKDOWN = "md"  # "## Title"
    PART = "part"  # "Part One: Title", "PART TWO"
    CHAPTER = "chapter"  # "Chapter 3: Title", "CHAPTER IV"
    PROVISION = "provision"  # "§ 3" / "Title", "Rule 4. Title", "Schedule A – Title"
    NUMBERED = "numbered"  # "3. Title", "3.1 Title", "IV. Title"
    KEYWORD = "keyword"  # "Introduction", "Notes", "Glossary"
    DATELINE = "dateline"  # "Carrow, 22 March 1892" over "Dear Aino,": a letter
    YEAR = "year"  # "1908" alone, over the letters or entries of that year
    CAPS = "caps"  # "THE LONG TABLE"
    ASKED = "asked"  # an FAQ's "Q. How do I join?"
    QUESTION = "question"  # "Who Owns the Harbour?"
    PLAIN = "plain"  # "The Long Table"
    HEADLINE = "headline"  # an article's title over its byline (structure.mark_headlines)
    CONTENTS = "toc"  # any line the contents list announces
    CONTENTS_SUB = "toc_sub"  # … as an entry indented under another
    BYLINED = "bylined"  # a piece's title over its author's name: marked by bylines.py
    SECTION_SLIDE = "section_slide"  # a deck's slide with a title alone: structure.mark_slides
    SLIDE = "slide"  # a deck's slide title over its bullets: structure.mark_slides
    ISSUE = "issue"  # a digest's issue over its contents list: structure.mark_mail_digests
    MESSAGE = "message"  # a mail message's Subject from its header: … the same


def words_of(text: str) -> list[str]:
    return re.findall(r"[^\W_][\w'’\-]*", text)


def title_case_ratio(text: str) -> float:
    words = [w for w in words_of(text) if w.lower() not in SMALL_WORDS and w[:1].isalpha()]
    if not words:
        return 0.0
    return sum(1 for w in words if w[0].isupper()) / len(words)


def is_provision(text: str) -> bool:
    """A rule book's division: its label, then nothing or a capitalised title."""
    m = PROVISION.match(text.strip())
    return bool(m) and (not m.group(1) or starts_upper(m.group(1)))


def is_keyword(text: str) -> bool:
    return bool(
        BODY_KEYWORDS.match(text) or FRONT_KEYWORDS.match(text) or BACK_KEYWORDS.match(text)
    )


def bracketed_sentence(text: str) -> bool:
    """A whole sentence in parentheses: an editor's or printer's aside set on its own
    line, "(To be continued.)", "(Applause.)". A title may end in parentheses,
    "The Strike (1908)", but what is inside them does not end a sentence."""
    m = re.fullmatch(r"\((.+)\)", text.strip(), flags=re.DOTALL)
    return bool(m) and m.group(1).rstrip(CLOSING_QUOTES).endswith((".", "!", "…"))


class Shape:
    """What a block looks like on its own: the features the recognisers read."""

    def __init__(self, block: Block) -> None:
        self.block = block
        self.text = block.text
        self.lines = len(block.lines)
        self.stripped = self.text.rstrip()

    @cached_property
    def words(self) -> int:
        return len(words_of(self.text))

    @cached_property
    def excluded(self) -> bool:
        """Never a heading: empty, long, a caption, or a phrase wrapped at a comma."""
        b = self.block
        return (
            not self.text
            or self.lines > MAX_HEADING_LINES
            or b.kind == BlockKind.CAPTION
            or any(line.rstrip().endswith(",") for line in b.lines[:-1])  # "Committee,\n2014"
            or bool(METADATA_LINE.match(self.text))  # "Keywords: weaving; seed banks"
            or bool(ATTENDANCE.match(self.text))  # "Present: …" in minutes
            or self.speaker_turn  # "MODERATOR: And then?"
            or (self.lines > 1 and bool(ATTRIBUTION.match(b.last)))  # an epigraph, signed
            or any(RECORDING_FIELD.match(line.strip()) for line in b.lines)  # "Place: …"
            or bool(TABLE_CAPTION.match(self.text))  # "Source: …", "Table 2: …"
            or self.table_row  # "Sallow 424 84 4"
        )

    @cached_property
    def speaker_turn(self) -> bool:
        """A transcript's "NAME: what was said", which a label ("PART TWO: …") is not, nor
        an FAQ's one-line question ("Q: How do I join?"; its answer decides, see
        _accept_faq_question)."""
        return bool(SPEAKER_TURN.match(self.text)) and not (
            CHAPTER.match(self.text) or is_provision(self.text) or self.labelled_question
        )

    @cached_property
    def labelled_question(self) -> bool:
        """One line "Q. …?" or "Q: …?": how FAQ pages set a question. It stands alone, so
        it is a whole question; an interviewer's "Q: And then?" is a prompt."""
        return (
            self.lines == 1
            and self.words > MIN_ASKED_WORDS
            and self.stripped.endswith("?")
            and bool(QUESTION_LABEL.match(self.text))
        )

    @cached_property
    def table_row(self) -> bool:
        """A row of a table as text extraction leaves it: mostly numbers."""
        tokens = self.text.split()
        numbers = sum(1 for t in tokens if re.fullmatch(r"[£$€¥]?[\d.,%–-]+", t))  # "£341"
        return numbers >= MIN_TABLE_NUMBERS and numbers * 2 > len(tokens)

    @cached_property
    def prose_like(self) -> bool:
        """Too long for a title, or a small-caps opening running on over lines."""
        return len(self.text) > MAX_HEADING_CHARS or (
            is_lead_in(self.block.first)
            and self.lines > 1
            and not BARE_LABEL.match(self.block.first.strip())  # "BOOK THE FIRST" / its title
        )

    @cached_property
    def open_end(self) -> bool:
        """Ends where a sentence or phrase goes on: "…and the", "…(" ."""
        return self.stripped.endswith((",", ";", "-", "–", "—", "("))

    @cached_property
    def closed_end(self) -> bool:
        """Ends like a sentence (or a sentence with its note number), inside quotation
        marks too: "“What mattered was the tide.”" is a quoted sentence, not a title."""
        text = self.stripped.rstrip(CLOSING_QUOTES)
        return (
            text.endswith((".", ":", "!", "…"))
            or bool(re.search(r"[.!]\s*(?:\d{1,3}|\[\^\w{1,12}\])$", text))  # "[^2]": Markdown's
            or bracketed_sentence(text)
        )

    @cached_property
    def all_caps(self) -> bool:
        letters = re.sub(r"[^A-Za-z]", "", self.text)
        return bool(letters) and letters.isupper()

    def short(self, limit: int) -> bool:
        return 0 < self.words <= limit and not self.prose_like and not self.open_end

    def titled(self, limit: int) -> bool:
        """A short line that reads like a title: capital first, no sentence end."""
        return self.short(limit) and starts_upper(self.text) and not self.closed_end


@dataclass(frozen=True)
class Evidence:
    """What stands around a candidate, for its style's `accept`."""

    shape: Shape
    next_substantial: bool  # a real paragraph follows
    next_is_candidate: bool  # another heading candidate follows (heading + sub-heading)
    next_short_candidate: bool  # … of at most SHORT_NEXT_HEADING_WORDS words
    prev_closed: bool  # what came before ended a sentence, or was itself furniture/heading
    next_lead_in: bool  # the next paragraph opens in small capitals
    wrapped: bool  # the source is hard-wrapped (line width known)
    next_complete: bool = False  # the next paragraph is whole sentences ("That was all.")
    next_salutation: bool = False  # the next line greets someone ("Dear Aino,")
    prev_heading: bool = False  # a heading stands right before it
    next_speaker_turn: bool = False  # a transcript's "NAME: …" follows, however short
    next_numbered_item: bool = False  # a numbered thesis or clause ("1. Bread was free.")
    next_answer: bool = False  # the next paragraph opens with an answer label ("A. …")

    @property
    def follows_ok(self) -> bool:
        return (
            self.next_substantial
            or self.next_short_candidate
            or self.next_speaker_turn
            or self.next_numbered_item
        )

    @property
    def in_context(self) -> bool:
        """Set apart like a heading: a closed sentence before, a paragraph after."""
        return self.prev_closed and self.follows_ok


def numbered_capitals_with_stop(s: Shape) -> bool:
    """ "IV. OF THE ORCHARD, AND OF THE MILL.": an older book's chapter title, in capitals
    after its number and closed with a stop as its sentences are. One line, and no
    sentence ends inside it."""
    m = ROMAN_NUMBERED.match(s.text) or NUMBERED.match(s.text)
    title = m.group(2).rstrip(".") if m else ""
    return s.lines == 1 and s.all_caps and bool(title) and not re.search(r"[.!?]\s", title)


def ordinal_first_label(s: Shape) -> str | None:
    """The division a first line like "Third Book" or "Second Part" names, its title
    under it or nothing after it; None for any other line."""
    m = ORDINAL_FIRST_LABEL.match(s.block.first.strip())
    return m.group(1).casefold() if m else None


def _accept_always(ev: Evidence) -> bool:
    return True


def _accept_numbered(ev: Evidence) -> bool:
    """A number before a title: a paragraph or another heading follows. A chapter may
    open on a one-line paragraph ("That was all."), when the text before it ended. A
    title in capitals closed with a stop under an Arabic number ("1. NO CUTS TO THE
    PIECE RATE.") reads as a demand or a clause as well: it heads only the prose under it."""
    if numbered_capitals_with_stop(ev.shape) and not ROMAN_NUMBERED.match(ev.shape.text):
        return ev.next_substantial
    return (
        ev.next_substantial
        or ev.next_is_candidate
        or ev.next_salutation  # "2. To Emeka Vance" over "Dear Emeka,": a letter
        or (ev.prev_closed and ev.next_complete)
    )


def _accept_dateline(ev: Evidence) -> bool:
    """A place and date heads a letter only when a greeting follows it; a sign-off
    ("Yours ever, / Jonah") may stand before it. Under a letter's own heading
    ("2. To Emeka Vance") the dateline is the letter's first line."""
    return ev.next_salutation and not ev.prev_heading


def _accept_year(ev: Evidence) -> bool:
    """A year alone heads what follows when a heading or a letter comes next."""
    return ev.next_is_candidate or ev.next_salutation


def _accept_keyword(ev: Evidence) -> bool:
    """ "Notes", "Glossary", "Preface" stand whatever follows. "Summary" or "Conclusion"
    over a line or two and no more is the title of a box set beside the text (a PDF's
    text layer runs it into the page): a heading heads a paragraph or another heading."""
    if not BODY_KEYWORDS.match(ev.shape.text.strip()):
        return True
    return ev.next_substantial or ev.next_is_candidate


MIN_SET_APART_GAP = 2  # blank lines: more than a paragraph's one


def _accept_caps(ev: Evidence) -> bool:
    return ev.in_context or _heads_proceedings(ev) or _labels_an_act(ev)


MAX_ACT_LABEL_WORDS = 3  # "ACT II", "ACT THE THIRD"


def _labels_an_act(ev: Evidence) -> bool:
    """A play's "ACT II" alone on its line opens the act, whatever ended before it: the
    cast list or the previous act's last line need not close a sentence. Only the bare
    label, over a scene or a speech, counts."""
    shape = ev.shape
    text = shape.stripped.strip()
    return (
        shape.lines == 1
        and shape.words <= MAX_ACT_LABEL_WORDS
        and bool(ACT.match(text))
        and ACT.sub("", text).strip() == ""
        and ev.follows_ok
    )


def _heads_proceedings(ev: Evidence) -> bool:
    """A record of proceedings puts one formal sentence straight under the business's
    title ("Motion made and seconded.", "Order read."): a line in capitals, set apart by
    blank lines after a closed paragraph, over a short whole sentence, heads it all the
    same."""
    return (
        ev.shape.lines == 1
        and ev.shape.block.gap >= MIN_SET_APART_GAP
        and ev.prev_closed
        and ev.next_complete
    )


def _accept_faq_question(ev: Evidence) -> bool:
    """An FAQ sets each question on its own line over its answer: a "Q." label, or an
    "A." label opening the answer, marks it, however plain its wording. A "Q:" line over
    a named speaker's turn ("ADA: …") is an interview's question, not a heading."""
    shape = ev.shape
    if not (ev.prev_closed and shape.lines == 1):
        return False
    if shape.labelled_question:
        if ev.next_speaker_turn and not ev.next_answer:
            return False
        return ev.next_answer or ev.next_substantial or ev.next_complete
    return ev.next_answer and shape.words >= MIN_ASKED_WORDS


def _accept_question(ev: Evidence) -> bool:
    if _accept_faq_question(ev):
        return True
    b = ev.shape.block
    return ev.in_context and (
        ev.next_lead_in
        or b.strong
        or ":" in ev.shape.text
        or title_case_ratio(ev.shape.text) >= TITLE_CASE_QUESTION
    )


def _accept_plain(ev: Evidence) -> bool:
    """Title case, or sentence case when the layout isolates the line."""
    if not ev.in_context:
        return False
    b, text = ev.shape.block, ev.shape.text
    emphasised = b.strong or ev.next_lead_in
    tc = title_case_ratio(text)
    one_line = len(b.lines) == 1
    limit = ISOLATED_WORDS_EMPHASISED if emphasised else ISOLATED_WORDS
    isolated = not ev.wrapped or emphasised or one_line
    if not (tc >= TITLE_CASE_HEADING or (isolated and len(words_of(text)) <= limit)):
        return False
    if tc < TITLE_CASE_HEADING and b.page_break and ":" not in text:
        # "From 1965–1973, the teachers published a chronicle" at the top of a page:
        # in sentence case, the first line of a page starts a paragraph.
        return False
    # In wrapped text a lone sentence-case line needs more than its shortness.
    return not (
        ev.wrapped
        and one_line
        and not (tc >= TITLE_CASE_HEADING or emphasised or ":" in text or b.gap >= 1)
    )


@dataclass(frozen=True)
class HeadingRule:
    style: Style
    recognise: Callable[[Shape], bool]
    accept: Callable[[Evidence], bool]
    self_evident: bool = False  # stands whatever follows (only a lower-case line vetoes it)
    may_end_text: bool = False  # may be the last block (an empty "Notes" at the end)


REGISTRY: tuple[HeadingRule, ...] = (
    HeadingRule(
        Style.MARKDOWN,
        recognise=lambda s: s.lines == 1 and bool(MD_HEADING.match(s.block.first)),
        accept=_accept_always,
        self_evident=True,
        may_end_text=True,
    ),
    HeadingRule(
        Style.PART,
        recognise=lambda s: (
            not s.prose_like
            and s.words <= MAX_LABELLED_WORDS
            and bool(
                (CHAPTER.match(s.text) and PART_LABEL.match(s.text))
                or ordinal_first_label(s) in {"part", "book"}
            )
        ),
        accept=_accept_always,
        self_evident=True,
        may_end_text=True,
    ),
    HeadingRule(
        Style.CHAPTER,
        recognise=lambda s: (
            not s.prose_like
            and s.words <= MAX_LABELLED_WORDS
            and bool(CHAPTER.match(s.text) or ordinal_first_label(s))
        ),
        accept=_accept_always,
        self_evident=True,
        may_end_text=True,
    ),
    HeadingRule(
        Style.PROVISION,
        recognise=lambda s: (
            not s.prose_like and s.words <= MAX_LABELLED_WORDS and is_provision(s.text)
        ),
        accept=_accept_always,
        self_evident=True,
        may_end_text=True,
    ),
    HeadingRule(
        Style.DATELINE,
        recognise=lambda s: (
            s.lines == 1
            and 0 < s.words <= MAX_DATELINE_WORDS
            and not s.prose_like
            and bool(DATE.search(s.text))
            and not ends_sentence(s.text.rstrip(". "))
        ),
        accept=_accept_dateline,
    ),
    HeadingRule(
        Style.YEAR,
        recognise=lambda s: s.lines == 1 and bool(YEAR_ALONE.match(s.stripped.strip())),
        accept=_accept_year,
    ),
    HeadingRule(
        Style.NUMBERED,
        recognise=lambda s: (
            s.short(MAX_NUMBERED_WORDS)
            and (not s.stripped.endswith(".") or numbered_capitals_with_stop(s))
            and bool(
                NUMBERED.match(s.text)
                or ROMAN_NUMBERED.match(s.text)
                or (s.lines == 2 and ROMAN_ALONE.match(s.block.first))  # "IV" / "The Strike"
            )
        ),
        accept=_accept_numbered,
    ),
    HeadingRule(
        Style.KEYWORD,
        recognise=lambda s: s.short(MAX_CANDIDATE_WORDS) and is_keyword(s.text),
        accept=_accept_keyword,
        may_end_text=True,
    ),
    HeadingRule(
        Style.CAPS,
        recognise=lambda s: s.titled(MAX_CAPS_WORDS) and s.all_caps,
        accept=_accept_caps,
    ),
    HeadingRule(
        Style.ASKED,
        recognise=lambda s: s.labelled_question,
        accept=_accept_faq_question,
    ),
    HeadingRule(
        Style.QUESTION,
        recognise=lambda s: s.titled(MAX_PLAIN_WORDS) and s.stripped.endswith("?"),
        accept=_accept_question,
    ),
    HeadingRule(
        Style.PLAIN,
        recognise=lambda s: s.titled(MAX_PLAIN_WORDS),
        accept=_accept_plain,
    ),
)
RULES = {rule.style: rule for rule in REGISTRY}
# Styles no block's shape shows, given by what stands elsewhere: the contents list
# (structure.apply_toc), an article's byline (structure.mark_headlines).
MARKED_IN_CONTEXT = frozenset(
    {
        Style.CONTENTS,
        Style.CONTENTS_SUB,
        Style.HEADLINE,
        Style.BYLINED,
        Style.SECTION_SLIDE,
        Style.SLIDE,
        Style.ISSUE,
        Style.MESSAGE,
    }
)


def recognise(block: Block) -> Style | None:
    """The style this block would be as a heading, looking only at the block itself."""
    shape = Shape(block)
    if shape.excluded:
        return None
    for rule in REGISTRY:
        if rule.recognise(shape):
            return rule.style
    return None


# --- titles ------------------------------------------------------------------------------


def smart_title(text: str, acronyms: set[str] | frozenset[str] = frozenset()) -> str:
    """ALL CAPS → Title Case, keeping roman numerals, known acronyms and odd tokens."""
    if not re.search(r"[A-Z]", text) or text != text.upper():
        return text
    out = []
    capitalise = True
    for word in text.split():
        core = word.strip("“”\"'‘’()[].,:;!?")
        if re.fullmatch(ROMAN, core) and core not in {"I", "DIM", "MIX", "LID", "MID", "CIVIL"}:
            out.append(word)
        elif core in acronyms or re.search(r"[^A-Za-z'’\-]", core):
            out.append(word)  # "USSR", "A*CR"
        elif not capitalise and word.lower() in SMALL_WORDS:
            out.append(word.lower())
        else:
            out.append(word[:1] + word[1:].lower())
        capitalise = word.endswith((":", "—", "–", "?", "!", "."))
    return " ".join(out)


def heading_text(b_lines: list[str], acronyms: set[str] | frozenset[str] = frozenset()) -> str:
    text = " ".join(line.strip() for line in b_lines)
    m = MD_HEADING.match(text)
    if m:
        text = m.group(2)
    text = re.sub(r"\s+", " ", text).strip()
    label, title = (b_lines[0].strip(), b_lines[1].strip()) if len(b_lines) == 2 else ("", "")
    if PROVISION_LABEL.match(label) and title:
        # "§ 3" / "Meetings" → "§ 3 Meetings", as rule books print it; "SCHEDULE A" →
        # "Schedule A" (its letter is no small word).
        label = re.sub(r"^[A-Z]+\b", lambda m: m.group(0).title(), label)
        return f"{label} {smart_title(title, acronyms)}"
    if BARE_LABEL.match(label) and title:
        # "PART TWO" / "The City" → "Part Two: The City"; "CHAPTER I." keeps its stop.
        label = smart_title(label, acronyms)
        label = re.sub(r"^(CHAPTER|PART|BOOK)\b", lambda m: m.group(1).title(), label)
        sep = " " if label.endswith((".", ":")) else ": "
        return f"{label}{sep}{smart_title(title, acronyms)}"
    if text.upper() == text:
        return smart_title(text, acronyms)
    # "CHAPTER I. Down the Rabbit-Hole": a capitalised label before a mixed-case title.
    return re.sub(r"^(CHAPTER|PART|BOOK|SECTION)\b", lambda m: m.group(1).title(), text)


# --- levels ------------------------------------------------------------------------------


def md_level(lines: list[str]) -> int:
    m = MD_HEADING.match(lines[0]) if lines else None
    return len(m.group(1)) if m else 0


def numbered_level(text: str) -> int:
    """ "3.1 Title" is a sub-heading; "3. Title" and "3 Title" are chapters."""
    m = NUMBERED.match(text)
    return 2 if m and "." in m.group(1).strip(".") else 1


@dataclass
class Heading:
    """A heading as the level pass sees it."""

    style: Style
    lines: list[str]
    own_prose: tuple[str, ...] = ()  # its paragraphs, before the next heading

    @property
    def text(self) -> str:
        return " ".join(self.lines).strip()

    @property
    def set_in(self) -> bool:
        """Set in from the margin (centred, or in larger type in a PDF's layout text)."""
        first = self.lines[0] if self.lines else ""
        return len(first) - len(first.lstrip(" ")) >= MIN_SET_IN


MIN_SET_IN = 2  # spaces: less is a stray space, not a heading set apart
UNLABELLED = {Style.CAPS, Style.PLAIN, Style.QUESTION}


def _set_in_levels(heads: list[Heading]) -> bool | None:
    """Unlabelled headings in two settings, some set in from the margin and some flush:
    two levels, and the document opens with its top one. Returns whether the top level
    is the set-in one, or None when the headings are all set alike."""
    plain = [h.set_in for h in heads if h.style in UNLABELLED]
    if len(plain) < 3 or all(plain) or not any(plain):
        return None
    top = plain[0]
    return top if plain.count(top) >= 2 else None


def assign_levels(heads: list[Heading], *, has_title: bool, toc_matched: int) -> list[int]:
    """1 (chapter or part), 2 (sub-heading, or chapter in a part) or 3 (sub-heading in a
    chapter in a part) for each heading, from the whole document."""
    styles = [h.style for h in heads]
    md_levels = sorted({md_level(h.lines) for h in heads if h.style == Style.MARKDOWN})
    top_md = md_levels[0] if md_levels else 0
    # Headings that announce chapters by themselves: numbered, labelled, listed, top "#".
    strong = sum(
        1
        for h in heads
        if h.style
        in {
            Style.CONTENTS,
            Style.PART,
            Style.CHAPTER,
            Style.PROVISION,
            Style.NUMBERED,
            Style.HEADLINE,
            Style.ISSUE,
        }
        or (h.style == Style.MARKDOWN and md_level(h.lines) == top_md)
    )
    bylined = styles.count(Style.BYLINED)  # a collection: its pieces are the chapters
    caps = styles.count(Style.CAPS)
    plain = styles.count(Style.PLAIN)
    questions = styles.count(Style.QUESTION)
    asked = styles.count(Style.ASKED)
    # A "Summary" between two chapter-style headings is a sub-heading.
    chapter_pos = [
        n
        for n, s in enumerate(styles)
        if s in {Style.PART, Style.CHAPTER, Style.PROVISION, Style.NUMBERED}
    ]
    first_ch, last_ch = (chapter_pos[0], chapter_pos[-1]) if len(chapter_pos) >= 2 else (-1, -1)
    listed = [n for n, s in enumerate(styles) if s in {Style.CONTENTS, Style.CONTENTS_SUB}]
    sub_keywords: set[str] = set()
    top_set_in = _set_in_levels(heads)
    levels: list[int] = []
    for n, h in enumerate(heads):
        key = h.text.casefold()
        if h.style in {Style.CONTENTS_SUB, Style.MESSAGE}:
            level = 2
        elif h.style == Style.CONTENTS:
            level = numbered_level(h.text)  # "3.1" stays level 2
        elif listed and _matter_outside_contents(h, n, heads, listed):
            level = 1  # "About the Author" after the listed chapters: back matter
        elif toc_matched >= 2:
            level = 2  # the contents list is the best evidence of what the chapters are
        elif h.style == Style.MARKDOWN:
            level = 1 if md_level(h.lines) == top_md else 2
        elif h.style == Style.KEYWORD and (
            first_ch < n < last_ch or (n > last_ch >= 0 and key in sub_keywords)
        ):
            level = 2
            sub_keywords.add(key)
        elif h.style in {
            Style.PART,
            Style.CHAPTER,
            Style.PROVISION,
            Style.HEADLINE,  # an article of a periodical is its chapter
            Style.ISSUE,
            Style.KEYWORD,
            Style.DATELINE,
            Style.YEAR,
            Style.BYLINED,
        }:
            level = 1  # a letter or an essay is a chapter of its collection
        elif h.style == Style.ASKED:
            level = 2 if asked < len(heads) else 1  # an FAQ's questions sit under its topics
        elif asked >= 2 and h.style in UNLABELLED:
            level = 1  # the topics over an FAQ's questions
        elif bylined >= 2 and h.style in {Style.CAPS, Style.PLAIN, Style.QUESTION}:
            level = 2  # a cross-head inside a piece
        elif h.style == Style.NUMBERED:
            level = numbered_level(h.text)
        elif strong >= 2 or toc_matched:
            level = 2  # the contents list (or numbering) says what the chapters are
        elif caps >= 2 and plain + questions >= 2:
            level = 1 if h.style == Style.CAPS else 2  # capitals set the chapters apart
        elif top_set_in is not None and h.style in UNLABELLED:
            level = 1 if h.set_in == top_set_in else 2
        elif has_title and caps + plain + questions <= 2:
            level = 2  # an article: its title, then a sub-heading or two
        else:
            level = 1
        levels.append(level)
    return nest_slides_in_sections(
        heads,
        nest_enumerated_heads(
            heads,
            nest_scenes_in_acts(
                heads,
                caps_over_mixed_case(
                    heads,
                    nest_in_parts(
                        heads,
                        nest_run_under_its_heading(
                            heads, nest_in_units(heads, nest_runs_in_groups(heads, levels))
                        ),
                    ),
                ),
            ),
        ),
    )


MIN_GROUPS = 2  # headings over parts of the run: one alone may be an interlude
# A collection's years and dates stay chapters beside its letters (assign_levels).
GROUP_STYLES = frozenset({*UNLABELLED, Style.CHAPTER})
MIN_DIVIDING_GROUPS = 1  # … with the numbering running on across one of them at least


def _series_number(h: Heading) -> tuple[str, int] | None:
    """A heading's place in a numbered series: its label ("motion", or "" for a bare
    "3." or "3") and its number; "3.1" belongs to no series of this kind."""
    text = h.text.strip()
    if h.style == Style.NUMBERED and (m := NUMBERED.match(text)) and "." not in m.group(1):
        return "", int(m.group(1))
    if h.style == Style.CHAPTER and (m := CHAPTER.match(text)) and m.group(2).isdigit():
        return m.group(1).casefold(), int(m.group(2))
    return None


def nest_runs_in_groups(heads: list[Heading], levels: list[int]) -> list[int]:
    """Numbered headings ("1.", "2.", "Motion 3") whose numbering runs on across other
    headings, set alike, each with no text of its own and standing right over a
    heading that has some: those headings group the run into parts, so they are the
    top level and the numbered ones sit below them. Headings before the first group
    stay at the top."""
    numbers = [_series_number(h) for h in heads]
    labels = Counter(n[0] for n in numbers if n)
    if not labels:
        return levels
    series = labels.most_common(1)[0][0]
    members = [n is not None and n[0] == series for n in numbers]
    candidates = [
        k
        for k, h in enumerate(heads[:-1])
        if not members[k]
        and not h.own_prose
        and heads[k + 1].own_prose
        and h.style in GROUP_STYLES
        and not _is_part(h)  # labelled parts: nest_in_parts, with their sub-headings
    ]
    if not candidates:
        return levels
    # Set alike: a stray short line ("CARRIED") in a group's place is no group.
    style = Counter(heads[k].style for k in candidates).most_common(1)[0][0]
    groups = {k for k in candidates if heads[k].style == style}
    # The run's first part opens before its first member (an agenda's first section over
    # motion 1); headings first met after numbered chapters are those chapters' own.
    if min(groups) > members.index(True):
        return levels
    last_number: int | None = None
    dividing = 0
    pending: list[int] = []  # groups seen since the last member, waiting for the next
    grouping: set[int] = set()
    for k, number in enumerate(numbers):
        if k in groups:
            pending.append(k)
        elif members[k] and number:
            if pending and last_number is not None and number[1] > last_number:
                dividing += len(pending)
            grouping.update(pending)  # a group over at least one member
            pending = []
            last_number = number[1]
    if len(grouping) < MIN_GROUPS or dividing < MIN_DIVIDING_GROUPS:
        return levels
    first = min(grouping)
    # Two levels, not three: a third would make the groups parts and the members chapters.
    return [1 if k < first or k in grouping else 2 for k in range(len(heads))]


MIN_UNITS = 2  # labelled divisions that group what stands between them
UNIT_STYLES = {Style.CHAPTER, Style.CONTENTS}


def _unit_number(h: Heading) -> str | None:
    """The number of a labelled division ("Week 3: …", "Chapter III"), parts aside, found
    by its label or through the contents list that names it."""
    m = CHAPTER.match(h.text) if h.style in UNIT_STYLES else None
    return m.group(2).casefold() if m and not PART_LABEL.match(h.text) else None


def nest_in_units(heads: list[Heading], levels: list[int]) -> list[int]:
    """A course reader or collection divided by labelled units ("Week 2: …"): the pieces
    set under a unit with their bylines are its readings, one level below, and a second
    heading carrying the unit's own number ("Week 2: questions for discussion") belongs
    to that unit rather than opening a new one."""
    numbers = [_unit_number(h) for h in heads]
    if sum(1 for x in numbers if x) < MIN_UNITS:
        return levels
    out = list(levels)
    current: str | None = None
    for n, h in enumerate(heads):
        if numbers[n] and numbers[n] == current:
            out[n] = 2
        elif numbers[n] and levels[n] == 1:
            current = numbers[n]
        elif current and h.style == Style.BYLINED and levels[n] == 1:
            out[n] = 2
    return out


def _run_count(h: Heading) -> str | None:
    """The count of a heading in a run of units: "Week 3: …", "3. …" (not "3.1")."""
    if h.style == Style.NUMBERED:
        m = NUMBERED.match(h.text)
        return m.group(1) if m and "." not in m.group(1) else None
    return _unit_number(h)


def nest_run_under_its_heading(heads: list[Heading], levels: list[int]) -> list[int]:
    """A syllabus's "Weekly Schedule" straight over "Week 1", "Week 2"… (or "1. …",
    "2. …"): units counting from 1, announced by an unlabelled heading with no prose of
    its own that follows unlabelled peers with prose ("Course Description"), sit one
    level below it, and it and its peers are chapters. A title repeated over "Chapter 1"
    has no such peers."""
    counts = [_run_count(h) for h in heads]
    units = [n for n, x in enumerate(counts) if x]
    if len(units) < MIN_UNITS:
        return levels
    first = units[0]
    parent = first - 1
    counted = [counts[n] for n in units] == [str(k) for k in range(1, len(units) + 1)]
    before = heads[:parent]
    if (
        parent < 1
        or not counted
        or heads[parent].style not in UNLABELLED
        or not _introduces_a_run(heads[parent])
        or not any(h.own_prose for h in before)
        or any(h.style not in UNLABELLED | {Style.KEYWORD} for h in before)
    ):
        return levels
    out = list(levels)
    for n in range(first):
        out[n] = 1
    for n in units:
        out[n] = 2
    return out


MIN_CASE_RANK = 2  # headings of each kind that make capitals a rank of their own


def caps_over_mixed_case(heads: list[Heading], levels: list[int]) -> list[int]:
    """A typescript underlines every heading alike and tells chapters from sections by
    case alone: capitals for the chapters, mixed case for the sections inside them. So
    where all headings are underlined at one level, some in capitals and some not, the
    capitals stay and the others go one level below."""
    if not heads or any(h.style != Style.MARKDOWN for h in heads):
        return levels
    if len({md_level(h.lines) for h in heads}) != 1 or len(set(levels)) != 1:
        return levels
    caps = [Shape(Block([MD_HEADING.sub(r"\2", h.text)])).all_caps for h in heads]
    if caps.count(True) < MIN_CASE_RANK or caps.count(False) < MIN_CASE_RANK:
        return levels
    return [
        level if is_caps else min(level + 1, max(LEVELS))
        for level, is_caps in zip(levels, caps, strict=True)
    ]


# A play's divisions: its acts, and the scenes inside each act.
ACT = re.compile(rf"^act\s+(?:\d+|{ROMAN}|{NUMBER_WORDS})\b", re.IGNORECASE)
SCENE = re.compile(rf"^scene\s+(?:\d+|{ROMAN}|{NUMBER_WORDS})\b", re.IGNORECASE)


def nest_scenes_in_acts(heads: list[Heading], levels: list[int]) -> list[int]:
    """A play sets its scenes inside its acts: a "Scene 2" after an "Act I" sits one
    level below that act, however each was levelled alone."""
    out = list(levels)
    act_level = None
    for n, h in enumerate(heads):
        text = h.text.strip()
        if ACT.match(text):
            act_level = out[n]
        elif act_level is not None and SCENE.match(text):
            out[n] = min(act_level + 1, max(LEVELS))
    return out


# A heading's own enumeration: "(a) …", "(ii) …", or a word and a count ("Ground 2: …",
# "Issue 3 – …", "Point 1. …"), the label set off from the title by a colon, stop or dash.
ENUMERATED_HEAD = re.compile(
    r"^(?:\((?P<mark>[a-z]|[ivx]{1,4}|\d{1,2})\)\s+"
    r"|(?P<word>[A-Z][a-z]{2,12})\s+(?P<count>\d{1,2}|[IVX]{1,4})\s*[:.—–-]\s+)\S"
)
MIN_ENUMERATED_RUN = 2  # one "(a)" is a title in brackets; "(a)", "(b)" enumerate
_SMALL_ROMAN = ("i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x")


def _small_roman(numeral: str) -> int:
    numeral = numeral.casefold()
    return _SMALL_ROMAN.index(numeral) + 1 if numeral in _SMALL_ROMAN else 0


def _enumeration(h: Heading) -> tuple[str, int] | None:
    """The series a heading belongs to and its place in it: ("(", 2) for "(b) …",
    ("ground", 2) for "Ground 2: …"."""
    if h.style not in UNLABELLED:
        return None
    m = ENUMERATED_HEAD.match(h.text)
    if not m:
        return None
    if m.group("mark"):
        mark = m.group("mark")
        if mark.isdigit():
            return "(", int(mark)
        if len(mark) == 1 and mark not in "ivx":
            return "(", ord(mark) - ord("a") + 1
        return "(", _small_roman(mark)
    count = m.group("count")
    place = int(count) if count.isdigit() else _small_roman(count)
    return m.group("word").casefold(), place


MAX_LEAD_IN_PARAGRAPHS = 1  # what a heading announcing a run says before it


def _introduces_a_run(parent: Heading) -> bool:
    """A heading with little prose of its own: none, or one paragraph leading into what
    follows ("… on three grounds:")."""
    return not parent.own_prose or (
        len(parent.own_prose) <= MAX_LEAD_IN_PARAGRAPHS
        and parent.own_prose[-1].rstrip().endswith(":")
    )


def _names_the_series(parent: Heading, series: str | None) -> bool:
    """ "The grounds of appeal" over "Ground 1: …", "Findings" over "Finding 1: …"."""
    if not series or not series.isalpha():
        return False
    words = {w.casefold() for w in re.findall(r"[^\W\d_]+", parent.text)}
    return series in words or f"{series}s" in words


def nest_enumerated_heads(heads: list[Heading], levels: list[int]) -> list[int]:
    """Grounds of appeal, issues, points: a plain heading ("The grounds of appeal") over
    headings that count themselves off ("Ground 1: …", "Ground 2: …", or "(a) …",
    "(b) …") from the first. The counted run is what the plain heading announces, one
    level below it, as a judgment, report or brief sets them; a heading after the run
    that does not go on counting returns to the plain heading's level. The plain
    heading must name the series or say little itself (bracketed marks aside, which
    subdivide by their form): "Background" over its own account, then "Step 1: …", is a
    section beside the steps, not over them."""
    out = list(levels)
    marks = [_enumeration(h) for h in heads]
    n = 1
    while n < len(heads):
        parent = n - 1
        run_end = n
        series = marks[n][0] if marks[n] else None
        while (
            run_end < len(heads)
            and marks[run_end]
            and marks[run_end][0] == series
            and marks[run_end][1] == run_end - n + 1
            and levels[run_end] == levels[parent]
        ):
            run_end += 1
        if (
            run_end - n >= MIN_ENUMERATED_RUN
            and heads[parent].style in UNLABELLED
            and marks[parent] is None
            and (
                series == "("  # "(a)", "(ii)": a subdivision by its very form
                or _introduces_a_run(heads[parent])
                or _names_the_series(heads[parent], series)
            )
        ):
            for k in range(n, run_end):
                out[k] = min(levels[parent] + 1, max(LEVELS))
        n = max(run_end, n + 1)
    return out


def nest_slides_in_sections(heads: list[Heading], levels: list[int]) -> list[int]:
    """A deck's section slides (a title alone) are its chapters and the content slides
    after one sit a level below it; content slides before any section slide, or in a
    deck without them, are its chapters."""
    out = list(levels)
    in_section = False
    for n, h in enumerate(heads):
        if h.style == Style.SECTION_SLIDE:
            out[n], in_section = 1, True
        elif h.style == Style.SLIDE:
            out[n] = 2 if in_section else 1
    return out


def _matter_outside_contents(h: Heading, n: int, heads: list[Heading], listed: list[int]) -> bool:
    """Front or back matter before the first or after the last heading the contents
    list announced: contents lists often leave it out, and it is no sub-heading. A list
    that announces back matter itself ("Glossary") holds what comes after in it."""
    last_is_back = bool(BACK_KEYWORDS.match(heads[listed[-1]].text.strip()))
    outside = n < listed[0] or (n > listed[-1] and not last_is_back)
    text = h.text.strip()
    return (
        outside
        and h.style == Style.KEYWORD
        and bool(FRONT_KEYWORDS.match(text) or BACK_KEYWORDS.match(text))
    )


MIN_PARTS = 2  # a single "Part One" over chapters is read as one more chapter


def _is_part(h: Heading) -> bool:
    text = MD_HEADING.sub(r"\2", h.text) if h.style == Style.MARKDOWN else h.text
    return h.style == Style.PART or bool(PART_TITLE.match(text.strip()))


def nest_in_parts(heads: list[Heading], levels: list[int]) -> list[int]:
    """Parts with chapters inside: the chapters sit one level below the parts, and their
    sub-headings one below the chapters (document.LEVELS). Headings before the first
    part (a preface) and keywords after it ("Notes", "Conclusion") keep their level."""
    parts = [n for n, h in enumerate(heads) if _is_part(h) and levels[n] == 1]
    if len(parts) < MIN_PARTS:
        return levels
    chapters_inside = [
        n
        for n, h in enumerate(heads)
        if n > parts[0] and levels[n] == 1 and n not in parts and h.style != Style.KEYWORD
    ]
    if not chapters_inside:
        return levels
    out = list(levels)
    for n, h in enumerate(heads):
        if n <= parts[0] or n in parts or (h.style == Style.KEYWORD and levels[n] == 1):
            continue
        out[n] = min(levels[n] + 1, max(LEVELS))
    return out


def substantial(b: Block) -> bool:
    """A paragraph long enough to follow a heading."""
    return b.kind in {BlockKind.PROSE, BlockKind.QUOTE} and (
        b.words >= SUBSTANTIAL_WORDS
        or (len(b.lines) >= 2 and b.words >= SUBSTANTIAL_WRAPPED_WORDS)
        or is_lead_in(b.first)
    )


# A numbered paragraph: a thesis, clause or point, a whole sentence after its number.
NUMBERED_ITEM = re.compile(r"^\d{1,3}[.)]\s+[A-Z“\"‘']")


def numbered_item(b: Block) -> bool:
    """ "1. Bread was free.": however short, the text of a numbered list of theses."""
    return (
        b.kind == BlockKind.PROSE and bool(NUMBERED_ITEM.match(b.first)) and ends_sentence(b.last)
    )


def complete(b: Block) -> bool:
    """A paragraph of whole sentences: opens with a capital, ends a sentence."""
    return b.kind == BlockKind.PROSE and starts_upper(b.first) and ends_sentence(b.last)


def closes(b: Block) -> bool:
    """Whether a heading may follow this block."""
    return (
        b.kind in {BlockKind.HEADING, BlockKind.JUNK, BlockKind.CAPTION, BlockKind.TOC}
        or ends_sentence(b.last)
        or b.text.rstrip().endswith(":")
        or bool(RECORDING_FIELD.match(b.last))  # "Place: Carrow" ends the particulars
    )
