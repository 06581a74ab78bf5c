"""Plain-text families: each one layout that copy-pasted or exported books really have.

Every family is a function of a seed returning a Case; the text and its truth are built
together by a Writer, so the truth says exactly what was printed.
"""

from __future__ import annotations

import random

from .model import Case, Truth
from .prose import Prose
from .render import Writer, letter_spaced, number_word, roman


def _start(family: str, seed: int, **layout) -> tuple[random.Random, Prose, Writer]:
    rng = random.Random(f"{family}:{seed}")
    prose = Prose(rng)
    title = prose.title()
    truth = Truth(family=family, seed=seed, title=title)
    writer = Writer(rng=rng, truth=truth, **layout)
    writer.raw([title.upper() if rng.random() < 0.5 else title, "", f"by {prose.name()}", ""])
    return rng, prose, writer


def _chapter_body(
    rng: random.Random, prose: Prose, w: Writer, *, paragraphs=(2, 4), notes: float = 0.0
) -> None:
    for k in range(rng.randint(*paragraphs)):
        n = 1 if rng.random() < notes else 0
        w.paragraph(prose.sentences(3, 7), notes=n, probe_first=k == 0)


def _pages(rng: random.Random) -> dict:
    """A plain page layout: bare or dashed page numbers at the foot."""
    style = rng.choice(["bare", "dashed", "page"])
    labels = {"bare": "{n}", "dashed": "– {n} –", "page": "Page {n}"}

    def footer(n: int) -> list[str]:
        return [labels[style].format(n=n)]

    return {"page_len": rng.randint(28, 45), "footer": footer}


def _case(w: Writer, family: str) -> Case:
    text = w.finish()
    return Case(truth=w.truth, filename=f"{family}.txt", text=text)


# --------------------------------------------------------------------------- tuning set


def parts(seed: int) -> Case:
    """Parts with numbered chapters inside: "Part One: Title" or "PART TWO" + title."""
    rng = random.Random(seed)
    _, prose, w = _start("parts", seed, width=rng.randint(60, 75), **_pages(rng))
    one_line = rng.random() < 0.5
    chapter = 0
    for p in range(1, rng.randint(2, 3) + 1):
        title = prose.title()
        if one_line:
            w.heading([f"Part {number_word(p)}: {title}"], title, 1)
        else:
            w.heading([f"PART {number_word(p).upper()}", title], title, 1)
        for _ in range(rng.randint(2, 3)):
            chapter += 1
            title = prose.title()
            w.heading([f"{chapter}. {title}"], title, 1)
            _chapter_body(rng, prose, w)
    return _case(w, "parts")


def label_title(seed: int) -> Case:
    """A label alone ("IV", "CHAPTER 3"), then the title on the next line."""
    rng = random.Random(seed)
    _, prose, w = _start("label_title", seed, width=rng.randint(60, 75), **_pages(rng))
    style = rng.choice(["roman", "chapter", "number"])
    blank_between = rng.random() < 0.5
    for n in range(1, rng.randint(4, 7) + 1):
        title = prose.title()
        label = {"roman": roman(n), "chapter": f"CHAPTER {n}", "number": str(n)}[style]
        lines = [label, "", title] if blank_between else [label, title]
        w.heading(lines, title, 1)
        _chapter_body(rng, prose, w)
    return _case(w, "label_title")


def subheadings(seed: int) -> Case:
    """ALL-CAPS sub-headings and title-case questions inside chapters."""
    rng = random.Random(seed)
    _, prose, w = _start("subheadings", seed, width=rng.randint(60, 75), **_pages(rng))
    chapter_style = rng.choice(["colon", "plain_number"])
    for n in range(1, rng.randint(3, 5) + 1):
        title = prose.title()
        line = f"Chapter {n}: {title}" if chapter_style == "colon" else f"{n} {title}"
        w.heading([line], title, 1)
        _chapter_body(rng, prose, w, paragraphs=(1, 2))
        for _ in range(rng.randint(1, 3)):
            if rng.random() < 0.5:
                sub = prose.title()
                w.heading([sub.upper()], sub, 2)
            else:
                sub = prose.title(question=True)
                w.heading([sub], sub, 2)
            _chapter_body(rng, prose, w, paragraphs=(1, 3))
    return _case(w, "subheadings")


def contents(seed: int) -> Case:
    """A contents page with tab or dot leaders and page numbers before the chapters."""
    rng = random.Random(seed)
    _, prose, w = _start("contents", seed, width=rng.randint(60, 75), **_pages(rng))
    titles = [prose.title() for _ in range(rng.randint(4, 7))]
    leader = rng.choice(["dots", "tab", "spaced_dots"])
    numbered = rng.random() < 0.5
    w.raw(["", "CONTENTS" if rng.random() < 0.5 else "Contents", ""])
    page = 7
    for n, title in enumerate(titles, 1):
        shown = f"{n}. {title}" if numbered else title
        if leader == "tab":
            w.raw([f"{shown}\t{page}"])
        elif leader == "dots":
            w.raw([f"{shown} {'.' * (50 - len(shown))} {page}"])
        else:
            w.raw([f"{shown} {' .' * ((50 - len(shown)) // 2)} {page}"])
        page += rng.randint(6, 20)
    w.new_page()
    for n, title in enumerate(titles, 1):
        w.heading([f"{n}. {title}" if numbered else title], title, 1)
        _chapter_body(rng, prose, w)
    return _case(w, "contents")


def short_lines(seed: int) -> Case:
    """Short one-sentence paragraphs, often right after a page break: not headings."""
    rng = random.Random(seed)
    _, prose, w = _start("short_lines", seed, width=rng.randint(60, 75), **_pages(rng))
    for n in range(1, rng.randint(3, 5) + 1):
        title = prose.title()
        w.heading([f"{n}. {title}"], title, 1)
        for _ in range(rng.randint(3, 6)):
            fresh_page = w.on_page == 0 or w.on_page > (w.page_len or 0) - 6
            if fresh_page or rng.random() < 0.35:
                if w.page_len and w.on_page > w.page_len - 6:
                    w.new_page()
                short = prose.short_sentence()
                w.paragraph([short], probe_first=True)
            w.paragraph(prose.sentences(3, 6))
    return _case(w, "short_lines")


def indented(seed: int) -> Case:
    """Paragraphs marked only by indenting their first line; no blank lines."""
    rng = random.Random(seed)
    _, prose, w = _start(
        "indented",
        seed,
        width=rng.randint(60, 75),
        indent=rng.choice(["  ", "    ", "\t"]),
        **_pages(rng),
    )
    labelled = rng.random() < 0.5
    for n in range(1, rng.randint(3, 5) + 1):
        title = prose.title()
        w.heading([f"CHAPTER {n}", title] if labelled else [title], title, 1)
        for _ in range(rng.randint(3, 5)):
            w.paragraph(prose.sentences(3, 6), probe_first=True)
    return _case(w, "indented")


def endnotes(seed: int) -> Case:
    """End-notes: one Notes section at the end, or one per chapter restarting at 1."""
    rng = random.Random(seed)
    mode = rng.choice(["end", "chapter"])
    _, prose, w = _start(
        "endnotes",
        seed,
        width=rng.randint(60, 75),
        notes=mode,
        marker_style=rng.choice(["super", "bracket", "glued"]),
    )
    for n in range(1, rng.randint(3, 5) + 1):
        title = prose.title()
        w.heading([f"Chapter {n}", title], title, 1)
        _chapter_body(rng, prose, w, paragraphs=(3, 5), notes=0.6)
        w.end_chapter()
    return _case(w, "endnotes")


def furniture(seed: int) -> Case:
    """A magazine-like export: headers, page numbers, captions, credits, pull-quotes."""
    rng = random.Random(seed)
    state: dict = {}
    number_style = rng.choice(["– {n} –", "Page {n}"])

    def header(n: int) -> list[str]:
        return [state["header"]]

    def footer(n: int) -> list[str]:
        line = number_style.format(n=n)
        state["w"].furniture(line)
        return [line]

    def interrupt(n: int) -> list[str]:
        w, p = state["w"], state["prose"]
        pick = rng.random()
        if pick < 0.35:
            caption = f"Figure {n}. {p.sentence()}"
            credit = f"Photo: {p.name()} / {p.agency()}"
            w.furniture(caption, ("caption",))
            w.furniture(credit, ("caption",))
            return [caption, credit]
        if pick < 0.6 and state["said"]:
            quote = rng.choice(state["said"])
            w.furniture(quote, ("quote", "caption"), allowed=1)
            return [f"“{quote}”"] if rng.random() < 0.5 else [quote]
        return []

    _, prose, w = _start(
        "furniture",
        seed,
        width=rng.randint(55, 72),
        page_len=rng.randint(25, 35),
        header=header,
        footer=footer,
        interrupt=interrupt,
    )
    state.update(w=w, prose=prose, header=w.truth.title.upper(), said=[])
    w.furniture(state["header"])
    byline = rng.choice(
        [f"Interview by {prose.name()}", f"Words: {prose.name()} · Photographs: {prose.name()}"]
    )
    w.raw([byline, ""])
    w.furniture(byline)
    caps = rng.random() < 0.5
    for n in range(1, rng.randint(3, 5) + 1):
        title = prose.title()
        w.heading([title.upper()] if caps else [title], title, 1)
        for _ in range(rng.randint(3, 5)):
            sentences = prose.sentences(3, 6)
            state["said"].append(sentences[1])
            w.paragraph(sentences, probe_first=True)
        if n == 1:
            box = [f"{prose.title()} {'.' * 12} {rng.randint(10, 90)}" for _ in range(3)]
            w.raw(["", "IN THIS ISSUE", *box, ""])
            for line in box:
                w.furniture(line)
    return _case(w, "furniture")


def page_breaks(seed: int) -> Case:
    """Sentences cut by a page break with a header, a caption or a block of notes."""
    rng = random.Random(seed)
    state: dict = {}
    book = ""

    def header(n: int) -> list[str]:
        return [f"{n}    {book}" if n % 2 == 0 else f"{book}    {n}"]

    def interrupt(n: int) -> list[str]:
        if rng.random() < 0.4:
            caption = f"Fig. {n}: {state['prose'].sentence()}"
            state["w"].furniture(caption, ("caption",))
            return [caption]
        return []

    rng2 = random.Random(f"page_breaks-book:{seed}")
    book = Prose(rng2).title().upper()
    _, prose, w = _start(
        "page_breaks",
        seed,
        width=rng.randint(60, 75),
        page_len=rng.randint(18, 30),
        header=header,
        interrupt=interrupt,
        notes="page",
        marker_style=rng.choice(["super", "glued"]),
        page_break=rng.choice(["\f", ""]),
    )
    state.update(w=w, prose=prose)
    for n in range(1, rng.randint(3, 5) + 1):
        title = prose.title()
        w.heading([f"{n}", title], title, 1)
        _chapter_body(rng, prose, w, paragraphs=(3, 5), notes=0.4)
    w.furniture(book)
    return _case(w, "page_breaks")


def hyphenation(seed: int) -> Case:
    """Words split at line ends beside real compounds; small-caps chapter openings."""
    rng = random.Random(seed)
    _, prose, w = _start(
        "hyphenation", seed, width=rng.randint(38, 55), hyphenate=True, **_pages(rng)
    )
    for n in range(1, rng.randint(3, 5) + 1):
        title = prose.title()
        w.heading([f"Chapter {number_word(n)}", "", title], title, 1)
        first = prose.sentences(3, 6)
        words = first[0].split(" ")
        k = rng.randint(2, 4)
        first[0] = " ".join([*(x.upper() for x in words[:k]), *words[k:]])  # small caps
        w.paragraph(first, probe_first=True)
        _chapter_body(rng, prose, w)
    return _case(w, "hyphenation")


# --------------------------------------------------------------------------- held out


def two_column(seed: int) -> Case:
    """Narrow columns as a PDF extractor gives them: one after the other, or side by side."""
    rng = random.Random(seed)
    family = "two_column"
    side_by_side = rng.random() < 0.5
    hyphenate = not side_by_side and rng.random() < 0.5
    _, prose, w = _start(
        family, seed, width=rng.randint(30, 38), hyphenate=hyphenate, probe_all=True
    )
    for n in range(1, rng.randint(3, 5) + 1):
        title = prose.title()
        w.heading([f"{n}. {title}"], title, 1)
        _chapter_body(rng, prose, w, paragraphs=(3, 5))
    body = w.lines[4:]
    w.lines = w.lines[:4]
    gutter = " " * rng.randint(4, 8)
    column = rng.randint(24, 34)  # lines per column
    page = 1
    while body:
        left, right, body = body[:column], body[column : 2 * column], body[2 * column :]
        w.lines.append(w.truth.title.upper())
        w.lines.append("")
        if side_by_side:
            for k in range(max(len(left), len(right))):
                a = left[k] if k < len(left) else ""
                b = right[k] if k < len(right) else ""
                w.lines.append(f"{a:<{w.width}}{gutter}{b}".rstrip())
        else:
            w.lines.extend([*left, "", *right])
        w.lines.extend(["", str(page), "\f"])
        page += 1
    w.furniture(w.truth.title.upper())
    return _case(w, family)


def midpage_notes(seed: int) -> Case:
    """Footnotes that extraction put in the middle of a page, after the citing paragraph."""
    rng = random.Random(seed)
    _, prose, w = _start(
        "midpage_notes",
        seed,
        width=rng.randint(60, 75),
        notes="midpage",
        marker_style=rng.choice(["super", "glued", "bracket"]),
        **_pages(rng),
    )
    for n in range(1, rng.randint(3, 5) + 1):
        title = prose.title()
        w.heading([f"Chapter {n}: {title}"], title, 1)
        _chapter_body(rng, prose, w, paragraphs=(3, 5), notes=0.5)
    return _case(w, "midpage_notes")


def letterspaced(seed: int) -> Case:
    """Letter-spaced headings: "C H A P T E R   O N E" over a letter-spaced title."""
    rng = random.Random(seed)
    _, prose, w = _start("letterspaced", seed, width=rng.randint(60, 75), **_pages(rng))
    labelled = rng.random() < 0.6
    for n in range(1, rng.randint(3, 6) + 1):
        title = prose.title()
        spaced = letter_spaced(title.upper())
        if labelled:
            lines = [letter_spaced(f"CHAPTER {number_word(n).upper()}"), "", spaced]
        else:
            lines = [spaced]
        w.heading(lines, title, 1)
        _chapter_body(rng, prose, w)
    return _case(w, "letterspaced")


def numbered(seed: int) -> Case:
    """Numbered sections "2.3 Title" under "2 Title", with numbered lists in the prose."""
    rng = random.Random(seed)
    _, prose, w = _start("numbered", seed, width=rng.randint(60, 75), **_pages(rng))
    for n in range(1, rng.randint(3, 5) + 1):
        title = prose.title()
        w.heading([f"{n} {title}" if rng.random() < 0.5 else f"{n}. {title}"], title, 1)
        _chapter_body(rng, prose, w, paragraphs=(1, 2))
        for s in range(1, rng.randint(2, 4) + 1):
            sub = prose.title()
            w.heading([f"{n}.{s} {sub}"], sub, 2)
            _chapter_body(rng, prose, w, paragraphs=(1, 2))
            if rng.random() < 0.4:
                items = prose.sentences(2, 4)
                w.blank()
                w.raw([f"{k}. {item}" for k, item in enumerate(items, 1)])
                w.raw([""])
                w.truth.sentences.extend(items)
    return _case(w, "numbered")


def dialogue_verse(seed: int) -> Case:
    """Runs of one-line dialogue and stanzas of verse between prose: not headings."""
    rng = random.Random(seed)
    _, prose, w = _start("dialogue_verse", seed, width=rng.randint(60, 75), **_pages(rng))
    for n in range(1, rng.randint(3, 5) + 1):
        title = prose.title()
        w.heading([f"Chapter {n}: {title}"], title, 1)
        _chapter_body(rng, prose, w, paragraphs=(1, 2))
        if rng.random() < 0.6:
            for _ in range(rng.randint(3, 5)):
                said = f"“{prose.short_sentence()[:-1]},” said {prose.name()}."
                w.blank()
                w.raw([said, ""])
                w.truth.sentences.append(said)
        else:
            w.blank()
            for _ in range(rng.randint(1, 2)):
                stanza = prose.stanza()
                w.raw([*stanza, ""])
                w.truth.sentences.extend(stanza)
        _chapter_body(rng, prose, w, paragraphs=(1, 2))
    return _case(w, "dialogue_verse")
