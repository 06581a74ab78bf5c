"""Synthetic messy texts with a KNOWN structure, for measuring the import pipeline.

All prose here is generated from small word lists and templates written for this
module (about study circles, reading, cooperatives and meetings); nothing is copied.

generate(seed) picks a layout deterministically from the seed: a heading style, hard
wrapping with hyphenated words, pages with page numbers and running headers, footnotes
at the page bottom or as end-notes, a table of contents, captions, front matter, web
boilerplate, CRLF line endings... and returns the text with what a perfect parser
should find (Expected).
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field

# --------------------------------------------------------------------------- vocabulary

SUBJECTS = [
    "the circle", "our group", "the facilitator", "each member", "the new reader",
    "the cooperative", "the secretary", "a visiting speaker", "the youngest member",
    "the weavers' circle", "everyone at the table", "the treasurer", "two of the bakers",
    "the night-shift readers", "the housing committee", "a retired teacher",
]  # fmt: skip
VERBS = [
    "read", "discussed", "questioned", "summarised", "returned to", "argued over",
    "copied out", "annotated", "set aside", "recommended", "photocopied", "translated",
    "read aloud", "compared", "reconsidered",
]  # fmt: skip
OBJECTS = [
    "the second chapter", "a pamphlet on housing", "the minutes of the last meeting",
    "the reading list", "a long letter from the bakery", "the difficult passage",
    "the notes from the spring", "the glossary", "an old cooperative newsletter",
    "the questions for discussion", "a hand-written summary", "the agenda",
    "the chapter on responsibility", "a story about the allotments",
]  # fmt: skip
ADVERBIALS = [
    "on Thursday evening", "after the tea was poured", "without hurrying",
    "in the back room of the library", "before anyone had taken off their coat",
    "for almost an hour", "with real patience", "when the power failed",
    "at the kitchen table", "in the community hall", "over several weeks",
    "particularly attentively", "in small groups of three",
]  # fmt: skip
CLAUSES = [
    "because the argument seemed unfinished", "so that the newer members could follow",
    "although the room was cold", "while the children played in the yard",
    "since nobody had finished the reading", "as the conversation kept circling back",
    "because understanding takes time", "so that the organisation could decide together",
    "although the discussion ran late", "since experience counts for something",
]  # fmt: skip
TOPICS = [
    "patience", "shared responsibility", "listening", "collective understanding",
    "the slow work of organisation", "the neighbourhood", "cooperation",
    "disagreement", "long-standing friendships", "careful note-taking",
]  # fmt: skip
TEMPLATES = [
    "{S} {v} {o} {a}.",
    "{S} {v} {o} {a}, {c}.",
    "It was agreed that {o} would be read again {a}.",
    "{S} asked whether {s2} had {v} {o}.",
    "Nobody expected {o} to take so long, but {s} {v} it {a}.",
    "There is a lesson here about {t}.",
    "{S} kept a notebook of questions, and {s2} answered them {a}.",
    "“We should slow down,” said {s}, {c}.",
    "{C}, {s} {v} {o}.",
    "In the end {s} {v} {o} and {s2} {v2} {o2}.",
    "What mattered most was {t}, not speed.",
    "{S} said that the cooperative depended on {t}.",
]  # fmt: skip

# Hyphenation points for words the templates use, so wrapped lines break real words.
HYPHENATION = {
    "cooperative": "co-op-er-a-tive", "understanding": "un-der-stand-ing",
    "conversation": "con-ver-sa-tion", "neighbourhood": "neigh-bour-hood",
    "discussion": "dis-cus-sion", "particularly": "par-tic-u-lar-ly",
    "collective": "col-lec-tive", "organisation": "or-gan-i-sa-tion",
    "responsibility": "re-spon-si-bil-i-ty", "attentively": "at-ten-tive-ly",
    "experience": "ex-pe-ri-ence", "facilitator": "fa-cil-i-ta-tor",
    "summarised": "sum-ma-rised", "newsletter": "news-let-ter", "questions": "ques-tions",
    "secretary": "sec-re-tar-y", "community": "com-mu-ni-ty", "allotments": "al-lot-ments",
    "reconsidered": "re-con-sid-ered", "photocopied": "pho-to-cop-ied",
    "translated": "trans-lat-ed", "recommended": "rec-om-mend-ed", "everyone": "every-one",
    "treasurer": "trea-sur-er", "patience": "pa-tience", "friendships": "friend-ships",
    "cooperation": "co-op-er-a-tion", "disagreement": "dis-agree-ment",
    "expected": "ex-pect-ed", "children": "chil-dren", "something": "some-thing",
    "committee": "com-mit-tee", "several": "sev-er-al", "annotated": "an-no-tat-ed",
}  # fmt: skip

TITLE_NOUNS = [
    "Meeting", "Minutes", "Reading List", "Kitchen Table", "Cooperative", "Library",
    "Winter", "Commons", "Bakery", "Study Circle", "Notebook", "Questions", "Tea Urn",
    "Agenda", "Newcomers", "Silence", "Margins", "Chairs", "Lamp", "Allotment",
    "Treasurer", "Pamphlet", "Quorum", "Workshop", "Harvest", "Printing Press",
    "Long Table", "Night Shift", "Minutes Book", "Open Door",
]  # fmt: skip
TITLE_ADJS = [
    "Quiet", "Long", "Second", "Unfinished", "Shared", "Careful", "Patient", "Small",
    "Borrowed", "Open", "Slow", "Common", "Early", "Late", "Crowded", "Empty",
]  # fmt: skip
TITLE_TEMPLATES = [
    "On the {A} {N}", "The {A} {N}", "{N} and {N2}", "Notes on the {N}",
    "What the {N} Taught Us", "A {A} {N}", "Against the {A} {N}", "The {N} in Winter",
    "Reading the {N}", "Before the {N}", "After the {A} {N}", "Why the {N} Matters",
]  # fmt: skip
BOOK_TITLES = [
    "The {A} {N}", "Reading Together at the {N}", "A Handbook for the {A} {N}",
    "{N} and {N2}: Essays on Study Circles", "The Cooperative Reader",
    "Minutes from the {A} {N}",
]  # fmt: skip
FIRST_NAMES = ["Ada", "Tomas", "Mirela", "Joseph", "Nell", "Ravi", "Ines", "Oskar", "Ruth"]
LAST_NAMES = ["Hartley", "Okafor", "Lindqvist", "Moreau", "Castell", "Pereira", "Brandt"]
NOTE_TEMPLATES = [
    "See the minutes of {a}.",
    "This point was raised by {s} {a}.",
    "The circle later {v} {o} as well.",
    "On {t}, compare the discussion {a}.",
    "{S} disagreed, {c}.",
]  # fmt: skip
CAPTIONS = [
    "Figure {n}. A circle of readers around a long table.",
    "Fig. {n} — The notice board in the community hall.",
    "Figure {n}: Attendance at the Thursday meetings over one winter.",
    "Plate {n}. The first cooperative bakery, seen from the yard.",
]  # fmt: skip
BOILERPLATE = [
    ["Share this:", "Email | Print | Facebook", "Like this:", "Like Loading..."],
    ["Leave a Reply", "Your email address will not be published.", "Post Comment"],
    ["Related Posts", "Subscribe to our newsletter for new readings every month."],
    ["Privacy Policy · Terms of Use · Contact", "© 2024 The Example Reading Room"],
    ["Back to top", "Download this text as PDF | EPUB", "Powered by a static site"],
]  # fmt: skip
ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII",
         "XIV", "XV", "XVI", "XVII", "XVIII", "XIX", "XX"]  # fmt: skip
WORDS = ["One", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine", "Ten"]
SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")

# A heading's level-1 style; see _heading_line.
STYLES = [
    "numeric",  # 1 Title
    "numeric_dot",  # 1. Title
    "chapter_colon",  # Chapter 3: Title
    "chapter_roman",  # CHAPTER III
    "chapter_dash",  # CHAPTER 3 — TITLE
    "parts",  # Part One / chapters inside
    "all_caps",  # THE TITLE
    "title_case",  # The Title (short line between blank lines)
    "markdown",  # # Title
]


@dataclass
class Expected:
    title: str
    author: str
    headings: list[tuple[str, int]]  # as printed (whitespace-normalised), with level
    footnotes: int
    style: str = ""
    markdown: bool = False
    features: list[str] = field(default_factory=list)
    # The same headings without their label ("Chapter 3: ", "1.2 "): a parser may drop it.
    bare_titles: list[str] = field(default_factory=list)
    # Lines that must never survive inside paragraph text (page furniture).
    furniture: list[str] = field(default_factory=list)


# --------------------------------------------------------------------------- prose


def _sentence(rng: random.Random) -> str:
    t = rng.choice(TEMPLATES)
    s, s2 = rng.sample(SUBJECTS, 2)
    text = t.format(
        S=s[0].upper() + s[1:],
        s=s,
        s2=s2,
        v=rng.choice(VERBS),
        v2=rng.choice(VERBS),
        o=rng.choice(OBJECTS),
        o2=rng.choice(OBJECTS),
        a=rng.choice(ADVERBIALS),
        c=rng.choice(CLAUSES),
        C=rng.choice(CLAUSES).capitalize(),
        t=rng.choice(TOPICS),
    )
    return text


def _paragraph(rng: random.Random, sentences: int) -> str:
    return " ".join(_sentence(rng) for _ in range(sentences))


def _heading_title(rng: random.Random, used: set[str]) -> str:
    for _ in range(50):
        n, n2 = rng.sample(TITLE_NOUNS, 2)
        title = rng.choice(TITLE_TEMPLATES).format(A=rng.choice(TITLE_ADJS), N=n, N2=n2)
        title = re.sub(r"\bA (?=[AEIOU])", "An ", title)
        if title not in used:
            used.add(title)
            return title
    title = f"{title} Again"
    used.add(title)
    return title


def _wrap(text: str, width: int, rng: random.Random, hyphenate: bool) -> list[str]:
    """Greedy wrap; breaks long words at real syllable points now and then."""
    lines: list[str] = []
    line = ""
    for word in text.split():
        candidate = f"{line} {word}" if line else word
        if len(candidate) <= width:
            line = candidate
            continue
        if "-" in word.strip("-") and rng.random() < 0.7:
            # A compound breaks after its own hyphen, which must survive the join.
            head = word[: word.index("-") + 1]
            room = width - len(line) - (1 if line else 0)
            if len(head) <= room:
                lines.append(f"{line} {head}" if line else head)
                line = word[len(head) :]
                continue
        core = word.strip("“”,.;:!?")
        pattern = HYPHENATION.get(core.lower()) if hyphenate else None
        if pattern and word.startswith(core[:1]) and rng.random() < 0.7:
            room = width - len(line) - (1 if line else 0) - 1
            pieces = pattern.split("-")
            best = None
            for i in range(1, len(pieces)):
                head = "".join(pieces[:i])
                if len(head) <= room:
                    best = len(head)
            if best:
                head, tail = word[:best], word[best:]
                lines.append(f"{line} {head}-" if line else f"{head}-")
                line = tail
                continue
        if line:
            lines.append(line)
        line = word
    if line:
        lines.append(line)
    return lines


# --------------------------------------------------------------------------- layout


@dataclass
class _Layout:
    style: str
    markdown: bool
    wrap: int | None  # None: one line per paragraph
    hyphenate: bool
    pages: bool
    page_len: int
    page_style: str  # bare, dashed, page_word, header_number
    header: str  # book, author, chapter, none
    notes: str  # none, page, end
    marker: str  # glued, super, bracket
    toc: bool
    toc_style: str  # dots, tabs, plain
    captions: bool
    front: bool
    boilerplate: bool
    crlf: bool
    subheads: bool
    indent_paragraphs: bool  # first-line indent, no blank line between paragraphs
    bom: bool


def _layout(rng: random.Random) -> _Layout:
    style = rng.choice(STYLES)
    markdown = style == "markdown"
    wrap = None if rng.random() < 0.2 else rng.randint(60, 80)
    pages = not markdown and wrap is not None and rng.random() < 0.6
    notes = rng.choice(["none", "none", "page", "end"]) if not markdown else "none"
    if notes == "page" and not pages:
        notes = "end"
    return _Layout(
        style=style,
        markdown=markdown,
        wrap=wrap,
        hyphenate=rng.random() < 0.8,
        pages=pages,
        page_len=rng.randint(40, 50),
        page_style=rng.choice(["bare", "dashed", "page_word", "header_number"]),
        header=rng.choice(["book", "author", "chapter", "none"]),
        notes=notes,
        marker=rng.choice(["glued", "super", "bracket"]),
        toc=rng.random() < 0.4 and not markdown,
        toc_style=rng.choice(["dots", "tabs", "plain"]),
        captions=rng.random() < 0.3,
        front=rng.random() < 0.6,
        boilerplate=rng.random() < 0.25,
        crlf=rng.random() < 0.3,
        subheads=rng.random() < 0.35 and style in ("numeric", "numeric_dot", "markdown"),
        indent_paragraphs=wrap is not None and not markdown and rng.random() < 0.15,
        bom=rng.random() < 0.1,
    )


def _features(lay: _Layout) -> list[str]:
    out = [f"style:{lay.style}"]
    if lay.wrap is None:
        out.append("unwrapped")
    if lay.pages:
        out.append(f"pages:{lay.page_style}")
        if lay.header != "none":
            out.append(f"header:{lay.header}")
    if lay.notes != "none":
        out.append(f"notes:{lay.notes}:{lay.marker}")
    for name in ("toc", "captions", "front", "boilerplate", "crlf", "subheads", "bom"):
        if getattr(lay, name):
            out.append(name if name != "toc" else f"toc:{lay.toc_style}")
    if lay.indent_paragraphs:
        out.append("indented")
    return out


def _number_word(n: int) -> str:
    return WORDS[n - 1] if n <= len(WORDS) else str(n)


def _heading_line(lay: _Layout, n: int, title: str, level: int, sub: int) -> tuple[str, str]:
    """(line as printed, the bare title) for chapter n (level 1) or sub-heading n.sub."""
    if level == 2 and lay.style == "parts":
        return f"Chapter {n}: {title}", title
    if level == 2:
        if lay.markdown:
            return f"## {title}", title
        return f"{n}.{sub} {title}", title
    match lay.style:
        case "numeric":
            return f"{n} {title}", title
        case "numeric_dot":
            return f"{n}. {title}", title
        case "chapter_colon":
            return f"Chapter {n}: {title}", title
        case "chapter_roman":
            label = f"CHAPTER {ROMAN[(n - 1) % len(ROMAN)]}"
            return label, label
        case "chapter_dash":
            return f"CHAPTER {n} — {title.upper()}", title
        case "parts":
            label = f"Part {_number_word(n)}"
            return label, label
        case "all_caps":
            return title.upper(), title
        case "markdown":
            return f"# {title}", title
        case _:
            return title, title


def _marker(lay: _Layout, number: int) -> str:
    if lay.marker == "super":
        return str(number).translate(SUPERSCRIPT)
    if lay.marker == "bracket":
        return f"[{number}]"
    return str(number)


def generate(seed: int) -> tuple[str, Expected]:
    rng = random.Random(seed)
    lay = _layout(rng)
    return _build(rng, lay, chapters=rng.randint(3, 9), paragraphs=(3, 9))


def generate_large(target_bytes: int = 5_000_000, seed: int = 0) -> str:
    """One long book (numbered chapters, wrapped, paged, footnotes) of about target_bytes."""
    rng = random.Random(seed)
    lay = _layout(rng)
    lay.style, lay.markdown, lay.wrap, lay.pages, lay.notes = (
        "chapter_colon",
        False,
        72,
        True,
        "page",
    )
    lay.subheads = lay.toc = lay.boilerplate = False
    # About 3.4 KB per chapter; one correction pass gets within a few per cent.
    chapters = max(1, target_bytes // 3400)
    state = rng.getstate()
    text, _ = _build(rng, lay, chapters=chapters, paragraphs=(6, 10))
    if len(text) < target_bytes * 0.97:
        rng.setstate(state)
        chapters = int(chapters * target_bytes / len(text)) + 1
        text, _ = _build(rng, lay, chapters=chapters, paragraphs=(6, 10))
    return text


def _build(
    rng: random.Random, lay: _Layout, *, chapters: int, paragraphs: tuple[int, int]
) -> tuple[str, Expected]:
    used: set[str] = set()
    first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
    author = f"{first} {last}"
    n1, n2 = rng.sample(TITLE_NOUNS, 2)
    book = rng.choice(BOOK_TITLES).format(A=rng.choice(TITLE_ADJS), N=n1, N2=n2)
    used.add(book)

    # Plan the headings first: the table of contents needs them.
    plan: list[tuple[int, int, int, str]] = []  # (chapter n, level, sub n, title)
    if lay.style == "parts":
        chapter_no = 0
        for part in range(1, max(2, chapters // 3) + 1):
            plan.append((part, 1, 0, ""))
            for _ in range(rng.randint(2, 3)):
                chapter_no += 1
                plan.append((chapter_no, 2, 0, _heading_title(rng, used)))
    else:
        for n in range(1, chapters + 1):
            plan.append((n, 1, 0, _heading_title(rng, used)))
            if lay.subheads:
                for sub in range(1, rng.randint(0, 3) + 1):
                    plan.append((n, 2, sub, _heading_title(rng, used)))
    headings = [_heading_line(lay, n, title, level, sub) for n, level, sub, title in plan]

    out: list[str] = []  # finished lines, before pagination
    expected_headings: list[tuple[str, int]] = []
    bare: list[str] = []
    notes: list[tuple[int, int, str]] = []  # (line index of the marker, number, text)
    furniture: list[str] = []

    def blank() -> None:
        if out and out[-1] != "":
            out.append("")

    # Title block and front matter.
    if lay.markdown:
        out += [book, "", f"by {author}", ""]
    else:
        out += [book.upper() if rng.random() < 0.3 else book, ""]
        out += [rng.choice([f"by {author}", author, f"BY {author.upper()}"]), ""]
    if lay.front:
        year = rng.randint(1975, 2023)
        isbn = "978-" + "-".join(str(rng.randint(10 ** (k - 1), 10**k - 1)) for k in (1, 4, 4))
        out += [f"Copyright © {year} {author}", "All rights reserved.", ""]
        out += [f"ISBN {isbn}-{rng.randint(0, 9)}", ""]
        out += [f"First published {year} by the Example Cooperative Press", ""]
    if lay.toc:
        out += [rng.choice(["Contents", "CONTENTS", "Table of Contents"]), ""]
        page = rng.randint(3, 9)
        for line, _bare in headings:
            entry = line.removeprefix("# ").removeprefix("## ")
            page += rng.randint(4, 20)
            if lay.toc_style == "dots":
                out.append(f"{entry} {'.' * max(3, 60 - len(entry))} {page}")
            elif lay.toc_style == "tabs":
                out.append(f"{entry}\t{page}")
            else:
                out.append(entry)
        out.append("")

    note_no = 0
    caption_no = 0
    for (line, title), (_n, level, _sub, _plain) in zip(headings, plan, strict=True):
        blank()
        # Headings sit between blank lines; a second blank line above now and then.
        if rng.random() < 0.3:
            out.append("")
        out += [line, ""]
        # document.py: chapters inside parts sit one level below them (level 2).
        expected_headings.append((" ".join(line.lstrip("#").split()), level))
        level = 1 if lay.style == "parts" else level  # the paragraphs below, as before
        bare.append(title)
        # A part holds only one short paragraph before its first chapter.
        count = 1 if lay.style == "parts" and level == 1 else rng.randint(*paragraphs)
        for _p in range(count):
            text = _paragraph(rng, rng.randint(2, 7))
            # Footnote markers glue to the end of a sentence ("together.3").
            para_notes: list[int] = []
            if lay.notes != "none" and rng.random() < 0.25:
                note_no += 1
                para_notes.append(note_no)
                cut = text.find(". ", len(text) // 3)
                cut = cut + 1 if cut > 0 else len(text)
                text = text[:cut] + _marker(lay, note_no) + text[cut:]
            lines = _wrap(text, lay.wrap, rng, lay.hyphenate) if lay.wrap else [text]
            if lay.indent_paragraphs:
                lines[0] = "    " + lines[0]
            else:
                blank()
            # A caption dropped into the middle of a paragraph, between blank lines.
            if lay.captions and len(lines) > 3 and rng.random() < 0.15:
                caption_no += 1
                mid = len(lines) // 2
                caption = rng.choice(CAPTIONS).format(n=caption_no)
                lines = [*lines[:mid], "", caption, "", *lines[mid:]]
            start = len(out)
            out += lines
            for number in para_notes:
                marker_line = next(
                    (i for i, ln in enumerate(lines) if _marker(lay, number) in ln), 0
                )
                notes.append((start + marker_line, number, _note_text(rng)))
            if not lay.indent_paragraphs:
                out.append("")

    # End-notes, after the body.
    if lay.notes == "end" and notes:
        blank()
        out += [rng.choice(["Notes", "NOTES", "Endnotes"]), ""]
        for _line, number, text in notes:
            wrapped = _wrap(f"{number}. {text}", lay.wrap or 10_000, rng, False)
            out += [*wrapped, ""]
    if lay.boilerplate:
        blank()
        for block in rng.sample(BOILERPLATE, rng.randint(2, 4)):
            out += [*block, ""]

    if lay.pages:
        out, furniture = _paginate(rng, lay, out, notes, book, author, plan, headings)

    text = "\n".join(out).rstrip("\n") + "\n"
    text = re.sub(r"\n{4,}", "\n\n\n", text)
    if lay.crlf:
        text = text.replace("\n", "\r\n")
    if lay.bom:
        text = "\ufeff" + text
    expected = Expected(
        title=book,
        author=author,
        headings=expected_headings,
        footnotes=len(notes),
        style=lay.style,
        markdown=lay.markdown,
        features=_features(lay),
        bare_titles=bare,
        furniture=sorted(set(furniture)),
    )
    return text, expected


def _note_text(rng: random.Random) -> str:
    s = rng.choice(SUBJECTS)
    return rng.choice(NOTE_TEMPLATES).format(
        S=s[0].upper() + s[1:],
        s=s,
        v=rng.choice(VERBS),
        o=rng.choice(OBJECTS),
        a=rng.choice(ADVERBIALS),
        c=rng.choice(CLAUSES),
        t=rng.choice(TOPICS),
    )


def _paginate(
    rng: random.Random,
    lay: _Layout,
    lines: list[str],
    notes: list[tuple[int, int, str]],
    book: str,
    author: str,
    plan: list[tuple[int, int, int, str]],
    headings: list[tuple[str, str]],
) -> tuple[list[str], list[str]]:
    """Cut the lines into pages: running header on top, notes and page number at the bottom."""
    out: list[str] = []
    furniture: list[str] = []
    notes_by_line: dict[int, list[tuple[int, str]]] = {}
    if lay.notes == "page":
        for idx, number, text in notes:
            notes_by_line.setdefault(idx, []).append((number, text))
    heading_lines = {line: plan[i][3] or line for i, (line, _b) in enumerate(headings)}
    page = rng.randint(1, 12)
    chapter = book
    pending: list[tuple[int, str]] = []
    body_start = next((i for i, ln in enumerate(lines) if ln in heading_lines), 0)
    i = 0
    while i < len(lines):
        chunk = lines[i : i + lay.page_len]
        chunk_start = i
        i += lay.page_len
        # The header names the chapter under way at the top of the page.
        top = next((ln for ln in chunk if ln.strip()), "")
        if top in heading_lines:
            chapter = heading_lines[top]
        in_body = chunk_start >= body_start
        if in_body and out and lay.header != "none":
            header = {"book": book.upper(), "author": author, "chapter": chapter}[lay.header]
            if lay.page_style == "header_number":
                header = f"{page}    {header}" if page % 2 == 0 else f"{header}    {page}"
            furniture.append(header)
            out += [header, ""]
        out += chunk
        for j, ln in enumerate(chunk):
            if ln in heading_lines:
                chapter = heading_lines[ln]
            pending += notes_by_line.get(chunk_start + j, [])
        if pending:
            out += ["", "_" * rng.choice([10, 20])] if rng.random() < 0.5 else [""]
            for number, text in pending:
                out += _wrap(f"{_marker(lay, number)} {text}", lay.wrap or 10_000, rng, False)
            pending = []
        if lay.page_style != "header_number" or lay.header == "none" or not in_body:
            number = {
                "bare": f"{page}",
                "dashed": f"- {page} -",
                "page_word": f"Page {page}",
                "header_number": f"{page}",
            }[lay.page_style]
            furniture.append(number)
            out += ["", number.center(lay.wrap or 70).rstrip() if rng.random() < 0.3 else number]
        out.append("\f" if rng.random() < 0.3 else "")
        page += 1
    return out, furniture


# --------------------------------------------------------------------------- scoring


def norm_title(title: str) -> str:
    return " ".join(title.casefold().split())


@dataclass
class Score:
    expected: int = 0
    detected: int = 0  # titled sections that count (body, or matched)
    matched: int = 0
    missed: list[tuple[str, int]] = field(default_factory=list)
    extra: list[tuple[str, int]] = field(default_factory=list)
    wrong_level: int = 0  # matched by title, but at the other level (counted as missed)

    def add(self, other: Score) -> None:
        self.expected += other.expected
        self.detected += other.detected
        self.matched += other.matched
        self.missed += other.missed
        self.extra += other.extra
        self.wrong_level += other.wrong_level

    @property
    def recall_any_level(self) -> float:
        return (self.matched + self.wrong_level) / self.expected if self.expected else 1.0

    @property
    def precision(self) -> float:
        return self.matched / self.detected if self.detected else 1.0

    @property
    def recall(self) -> float:
        return self.matched / self.expected if self.expected else 1.0


def score_headings(parsed: object, expected: Expected) -> Score:
    """Match detected sections to expected headings, in order.

    A section matches if its title equals the heading as printed or its bare title
    (case-insensitive, whitespace-normalised) and the levels agree. Unmatched sections
    of kind "front" or "back" (contents, copyright, notes) do not count against precision.
    """
    wanted = [
        ({norm_title(line), norm_title(bare)}, level)
        for (line, level), bare in zip(expected.headings, expected.bare_titles, strict=True)
    ]
    score = Score(expected=len(wanted))
    hit = [False] * len(wanted)
    j = 0
    for section in parsed.sections:
        if not section.title:
            continue
        title = norm_title(section.title)
        k = next(
            (
                k
                for k in range(j, len(wanted))
                if title in wanted[k][0] and section.level == wanted[k][1]
            ),
            None,
        )
        if k is None:
            if section.kind == "body":
                score.detected += 1
                score.extra.append((section.title, section.level))
            continue
        score.detected += 1
        score.matched += 1
        hit[k] = True
        j = k + 1
    score.missed = [h for h, ok in zip(expected.headings, hit, strict=True) if not ok]
    found = [norm_title(t) for t, _level in score.extra]
    for k, ok in enumerate(hit):
        if not ok and any(t in wanted[k][0] for t in found):
            score.wrong_level += 1
    return score


_STRAY_NUMBER = re.compile(r"[a-z,;]\s+\d{1,4}\s+[a-z]|[.!?”]\s+\d{1,4}$|^\d{1,4}\s+[a-z]")


def furniture_leaks(parsed: object, expected: Expected) -> list[str]:
    """Page numbers or running headers that ended up inside paragraph text."""
    texts = [f for f in expected.furniture if not f.isdigit()]
    # "12    Ada Hartley" headers: the name part must not survive either.
    parts = {re.sub(r"\s*\d+\s*", "", f) for f in texts} - {"", "Page", "- -", "--"}
    leaks = []
    for section in parsed.sections:
        if section.kind != "body":
            continue
        for para in section.paragraphs:
            if para.kind == "caption" or re.match(r"(Figure|Fig\.|Plate) \d", para.text):
                continue
            for needle in (*texts, *parts):
                if needle in para.text:
                    leaks.append(f"{needle!r} in {para.text[:80]!r}")
            if expected.furniture and _STRAY_NUMBER.search(para.text):
                leaks.append(
                    f"number in {_STRAY_NUMBER.search(para.text).group()!r}: {para.text[:80]!r}"
                )
    return leaks
