"""Fresh held-out families: kinds of plain text curators bring, unseen by the importer's tuning.

Each function of a seed returns a Case whose truth is built while the text is written.
Levels follow document.py: parts and chapters (and an article's or report's top sections)
are level 1; everything below them ("1.1", "1.1.1", "###") is level 2, the model having two.
The prose comes from fresh_prose.py, a vocabulary shared with no other family.
"""

from __future__ import annotations

import random
import re
import unicodedata

from .fresh_prose import FreshProse
from .model import Case, Heading
from .render import SUPERSCRIPT, Writer, begin, finish, roman, wrap


def _begin(family: str, seed: int, **layout) -> tuple[random.Random, FreshProse, Writer]:
    return begin("fresh", family, seed, FreshProse, **layout)


def _add_heading(w: Writer, printed: str, title: str, level: int) -> None:
    w.truth.headings.append(Heading(title=title, level=level, printed=printed))


def _body(
    rng: random.Random,
    prose: FreshProse,
    w: Writer,
    low: int,
    high: int,
    *,
    notes: float = 0.0,
    probe_all: bool = False,
) -> None:
    """Paragraphs; `notes`: the chance that one cites a note. The first sentence of the first
    paragraph (of every paragraph, with `probe_all`) is a probe, besides those a break cuts."""
    for k in range(rng.randint(low, high)):
        n = 1 if rng.random() < notes else 0
        w.paragraph(prose.sentences(2, 6), notes=n, probe_first=k == 0 or probe_all)


# --------------------------------------------------------------------------- 1


LICENCE = [
    "This ebook may be read, copied and given away by anyone, anywhere, at no cost",
    "and with almost no restrictions, under the terms of the licence included at",
    "the end of this file. If you are not in the country of release, check the",
    "laws of your own country before using this ebook.",
]
LICENCE_END = [
    "Updated editions replace the previous one, and the old editions are renamed.",
    "Creating the works from print editions not protected by copyright means that",
    "no one owns a copyright in these works, so they may be copied and distributed",
    "without permission and without paying royalties, within the rules set out in",
    "the General Terms of Use that follow.",
]


def _italicise(rng: random.Random, sentence: str) -> str:
    words = sentence.split(" ")
    picks = [i for i, word in enumerate(words) if word.isalpha() and len(word) >= 5]
    if not picks:
        return sentence
    i = rng.choice(picks)
    words[i] = f"_{words[i]}_"
    return " ".join(words)


def gutenberg(seed: int) -> Case:
    """A Project-Gutenberg plain text: licence blocks, "CHAPTER I.", _italics_, a preface."""
    rng, prose, w = _begin("gutenberg", seed, width=random.Random(seed).randint(66, 72))
    title, author = w.truth.title, prose.name()
    number = rng.randint(10000, 75000)
    first = f"The Project Gutenberg eBook of {title}, by {author}"
    start = f"*** START OF THE PROJECT GUTENBERG EBOOK {title.upper()} ***"
    end = f"*** END OF THE PROJECT GUTENBERG EBOOK {title.upper()} ***"
    w.raw([first, "", *LICENCE, "", f"Title: {title}", "", f"Author: {author}", ""])
    w.raw([f"Release date: {prose.date()} [eBook #{number}]", "", "Language: English", ""])
    w.raw(["Credits: Transcribed by volunteers from a copy in a private library", "", ""])
    w.raw([start, "", "", ""])
    for line in (first, start, end, LICENCE[0], LICENCE_END[2]):
        w.furniture(line)
    centred = " " * rng.randint(10, 24)
    w.raw([f"{centred}{title.upper()}", "", f"{centred}BY", "", f"{centred}{author.upper()}", ""])
    chapters = [prose.title() for _ in range(rng.randint(3, 6))]
    style = rng.choice(["two_lines_caps", "one_line", "label_blank_title"])
    if rng.random() < 0.5:
        w.raw(["", f"{centred}CONTENTS", ""])
        w.raw(["     PREFACE"])
        for n, name in enumerate(chapters, 1):
            w.raw([f"     {roman(n) + '.':6} {name.upper() if style != 'one_line' else name}"])
        w.raw(["", ""])
    w.heading([f"{centred}PREFACE"], "Preface", 1)
    _body(rng, prose, w, 1, 2, probe_all=True)
    w.raw([f"{' ' * 30}{author.split()[0][0]}. {author.split()[1]}.", ""])
    for n, name in enumerate(chapters, 1):
        if style == "two_lines_caps":
            lines = [f"CHAPTER {roman(n)}.", f"{name.upper()}."]
        elif style == "one_line":
            lines = [f"CHAPTER {roman(n)}. {name}"]
        else:
            lines = [f"CHAPTER {roman(n)}", "", name]
        w.heading(lines, name, 1)
        for k in range(rng.randint(2, 5)):
            sentences = prose.sentences(3, 7)
            if rng.random() < 0.6:
                j = rng.randrange(len(sentences))
                sentences[j] = _italicise(rng, sentences[j])
            w.paragraph(sentences, probe_first=k == 0)
    w.raw(["", "", f"{' ' * 30}THE END", "", "", end, "", "", ""])
    w.raw(["*** START: FULL LICENSE ***", "", "THE FULL PROJECT GUTENBERG LICENSE", ""])
    w.raw(["PLEASE READ THIS BEFORE YOU DISTRIBUTE OR USE THIS WORK", "", *LICENCE_END])
    return finish(w, "gutenberg", drop=r"_\w")


# --------------------------------------------------------------------------- 2

LIGATURES = {"ffi": "ﬃ", "ffl": "ﬄ", "fi": "ﬁ", "fl": "ﬂ", "ff": "ﬀ"}


def _ligatures(text: str) -> str:
    for plain, joined in LIGATURES.items():
        text = text.replace(plain, joined)
    return text


def _ocr_noise(rng: random.Random, line: str) -> str:
    """What a scanner makes of a running head: 1/l and I/1 swapped, stray spaces."""
    out = []
    for ch in line:
        r = rng.random()
        if ch == "1" and r < 0.5:
            ch = "l"
        elif ch == "I" and r < 0.3 or ch == "l" and r < 0.4:
            ch = "1"
        out.append(ch)
        if ch.isalpha() and rng.random() < 0.06:
            out.append(" ")
    return "".join(out)


def ocr_scan(seed: int) -> Case:
    """A scanned book's OCR: ligatures, recto/verso heads with page numbers on top, hyphens."""
    layout = random.Random(seed)
    state = {"chapter": ""}

    def header(page: int) -> list[str]:
        number = str(page + offset)
        gap = " " * rng.randint(3, 12)
        line = f"{number}{gap}{book}" if page % 2 == 0 else f"{state['chapter']}{gap}{number}"
        line = _ocr_noise(rng, line)
        w.furniture(line)
        return [line]

    rng, prose, w = _begin(
        "ocr_scan",
        seed,
        width=layout.randint(54, 66),
        hyphenate=True,
        page_len=layout.randint(28, 40),
        header=header,
        page_break=layout.choice(["\f", ""]),
    )
    offset = rng.randint(6, 40)
    book = w.truth.title.upper()
    w.raw([book, "", "", f"BY {prose.name().upper()}", "", ""])
    for n in range(1, rng.randint(3, 5) + 1):
        name = prose.title()
        state["chapter"] = name.upper()
        label = rng.choice([f"CHAPTER {roman(n)}", roman(n), f"Chapter {n}"])
        w.heading([label, "", name.upper()], name, 1)
        for k in range(rng.randint(3, 6)):
            sentences = [_ligatures(s) for s in prose.sentences(3, 7)]
            w.paragraph(sentences, probe_first=k == 0)
    w.truth.sentences = [unicodedata.normalize("NFKC", s) for s in w.truth.sentences]
    case = finish(w, "ocr_scan")
    # Wide word spacing read as two spaces here and there.
    case.text = re.sub(
        r"(?<=[a-z,]) (?=[a-z])", lambda m: "  " if rng.random() < 0.04 else " ", case.text
    )
    return case


# --------------------------------------------------------------------------- 3

NAV = ["Skip to main content", "Menu", "Search", "Sign in", "Subscribe"]
SHARE = ["Share this article", "Share on Facebook", "Share on X", "Email", "Copy link"]


def web_article(seed: int) -> Case:
    """An article copied from a browser: navigation, byline, captions, share and comments."""
    rng, prose, w = _begin("web_article", seed, width=100_000)
    site = rng.choice(["The Eastmoor Courier", "Common Ground Weekly", "Linesider Online"])
    title = w.truth.title
    nav = NAV[: rng.randint(3, 5)]
    section = rng.choice(["Housing", "Community", "Heritage", "Labour"])
    crumb = f"Home › {section} › {rng.choice(['Features', 'Long reads', 'Local'])}"
    w.raw([site, "", *nav, "", crumb, "", title, ""])
    w.furniture("Skip to main content")
    w.furniture(crumb)
    standfirst = prose.sentence()
    w.raw([standfirst, ""])
    w.truth.sentences.append(standfirst)
    byline = rng.choice(
        [
            f"By {prose.name()} | {prose.date()}",
            f"{prose.name()} · {rng.randint(3, 14)} min read · {prose.date()}",
            f"Published {prose.date()}, updated {rng.randint(1, 11)} hours ago. By {prose.name()}",
        ]
    )
    w.raw([byline, "", *SHARE[: rng.randint(1, 5)], ""])
    w.furniture(byline)
    w.furniture(SHARE[0])
    alt = f"Image: {prose.sentence()[:-1]}"
    credit = f"Photograph: {prose.name()}/{rng.choice(['Eastmoor Archive', 'Linfield Press'])}"
    w.raw([alt, credit, ""])
    w.furniture(alt, ("caption",))
    w.furniture(credit, ("caption",))
    _body(rng, prose, w, 2, 3, probe_all=True)
    for n in range(rng.randint(2, 4)):
        name = prose.title(question=rng.random() < 0.3)
        w.heading([name], name, 1)
        _body(rng, prose, w, 2, 4, probe_all=True)
        if n == 0:
            signup = f"Sign up to {site} newsletter: local news, every Friday"
            w.raw([signup, "", "Advertisement", ""])
            w.furniture(signup)
            w.furniture("Advertisement")
        elif rng.random() < 0.5:
            more = f"Read more: {prose.title()}"
            w.raw([more, ""])
            w.furniture(more)
    w.raw(["", "Related articles", ""])
    w.furniture("Related articles")
    for _ in range(3):
        related = prose.title()
        w.raw([related, f"{rng.randint(2, 28)} {rng.choice(['March', 'May', 'July'])}", ""])
    count = rng.randint(2, 80)
    comments = rng.choice([f"{count} comments", f"Comments ({count})", f"View {count} comments"])
    w.raw([comments, "", f"© {site} {rng.randint(2019, 2025)}. All rights reserved."])
    w.furniture(comments)
    w.furniture("All rights reserved.")
    return finish(w, "web_article")


# --------------------------------------------------------------------------- 4


def markdown(seed: int) -> Case:
    """A Markdown export: ATX or setext headings, [^n] footnotes, > block quotes, lists."""
    layout = random.Random(seed)
    wrapped = layout.random() < 0.6
    rng, prose, w = _begin("markdown", seed, width=layout.randint(72, 80) if wrapped else 100_000)
    title = w.truth.title
    setext = rng.random() < 0.5
    if setext:
        w.raw(["---", f"title: {title}", f"author: {prose.name()}", f"date: {prose.date()}"])
        w.raw(["---", ""])
    else:
        w.raw([f"# {title}", "", f"*{prose.name()}*", ""])
    notes: list[str] = []

    def heading(name: str, level: int) -> None:
        w.blank()
        if setext:
            rule = ("=" if level == 1 else "-") * len(name)
            w.raw(["", name, rule, ""])
            _add_heading(w, name, name, level)
        else:
            marks = "#" * (level + 1)
            w.raw(["", f"{marks} {name}", ""])
            _add_heading(w, f"{marks} {name}", name, level)

    def paragraph() -> None:
        sentences = prose.sentences(2, 6)
        if rng.random() < 0.4:
            notes.append(prose.note())
            j = rng.randrange(len(sentences))
            sentences[j] += f"[^{len(notes)}]"
            w.truth.footnotes += 1
        w.paragraph(sentences, probe_first=True)

    for _ in range(rng.randint(3, 5)):
        heading(prose.title(), 1)
        for _ in range(rng.randint(1, 3)):
            paragraph()
        if rng.random() < 0.5:
            quoted = prose.sentences(2, 3)
            w.blank()
            for line in wrap(" ".join(quoted), min(w.width, 200) - 2, rng, hyphenate=False):
                w.raw([f"> {line.text}"])
            w.raw([""])
            w.truth.sentences.extend(quoted)
        for _ in range(rng.randint(0, 2)):
            heading(prose.title(question=rng.random() < 0.3), 2)
            for _ in range(rng.randint(1, 2)):
                paragraph()
            if rng.random() < 0.3:
                items = [prose.brief() for _ in range(3)]
                w.raw([*(f"- {item}" for item in dict.fromkeys(items)), ""])
    w.blank()
    for n, note in enumerate(notes, 1):
        w.raw([f"[^{n}]: {note}", ""])
    w.truth.sentences = [re.sub(r"\[\^\d+\]", "", s) for s in w.truth.sentences]
    return finish(w, "markdown")


# --------------------------------------------------------------------------- 5


def word_processor(seed: int) -> Case:
    """A word-processor document saved as text: "1.", "1.1", "1.1.1" headings, bullets, notes.

    "1." headings are level 1; "1.1" and "1.1.1" are both level 2.
    """
    layout = random.Random(seed)
    rng, prose, w = _begin("word_processor", seed, width=100_000, notes="end")
    w.marker_style = rng.choice(["super", "bracket"])
    blank_lines = rng.random() < 0.5
    dotted = rng.random() < 0.5
    bullet = rng.choice(["•", "–", "·", "o"])
    w.raw([w.truth.title, "", f"{prose.name()}, {prose.date()}", ""])
    if layout.random() < 0.3:
        w.raw(["Draft – not for circulation", ""])
        w.furniture("Draft – not for circulation")
    for n in range(1, rng.randint(3, 5) + 1):
        name = prose.title()
        printed = f"{n}. {name}" if dotted else f"{n}\t{name}"
        w.heading([printed], name, 1, gap=False)
        _body(rng, prose, w, 1, 2, notes=0.4)
        for s in range(1, rng.randint(1, 3) + 1):
            sub = prose.title(question=rng.random() < 0.2)
            w.heading([f"{n}.{s}\t{sub}" if not dotted else f"{n}.{s} {sub}"], sub, 2, gap=False)
            _body(rng, prose, w, 1, 2, notes=0.3)
            if rng.random() < 0.4:
                items = prose.sentences(2, 4)
                w.blank()
                w.raw([f"{bullet}\t{item}" for item in items])
                w.raw([""])
                w.truth.sentences.extend(items)
            deeper = rng.randint(1, 2) if rng.random() < 0.35 else 0
            for t in range(1, deeper + 1):
                deep = prose.title()
                w.heading([f"{n}.{s}.{t} {deep}"], deep, 2, gap=False)
                _body(rng, prose, w, 1, 1, notes=0.2)
    if w.chapter_notes:
        w.blank()
        w.raw(["", "________________", ""])
        for number, note in w.chapter_notes:
            label = str(number).translate(SUPERSCRIPT) if w.marker_style == "super" else ""
            w.raw([f"{label} {note}" if label else f"[{number}] {note}", ""])
        w.chapter_notes = []
    case = finish(w, "word_processor")
    if not blank_lines:  # Save as Text: one line a paragraph, nothing between
        case.text = re.sub(r"\n{2,}", "\n", case.text)
    return case


# --------------------------------------------------------------------------- 6


def zine(seed: int) -> Case:
    """A pamphlet or zine: short sections, slogans, pull-quotes, jump lines, a contact box."""
    layout = random.Random(seed)
    rng, prose, w = _begin(
        "zine", seed, width=layout.randint(40, 56), hyphenate=layout.random() < 0.5
    )
    union = rng.choice(["Eastmoor Tenants' Union", "Carrow Seed Library", "Linesiders' Club"])
    issue = f"Issue {rng.randint(2, 40)} · {rng.choice(['Spring', 'Autumn'])} {prose.date()[-4:]}"
    free = f"{issue} · FREE – donate what you can"
    w.raw([w.truth.title.upper(), free, ""])
    w.furniture(free)
    caps = rng.random() < 0.5
    said: list[str] = []
    sections = rng.randint(4, 7)
    jump_at = rng.randrange(1, sections)
    for n in range(sections):
        name = prose.title(question=rng.random() < 0.25)
        w.heading([name.upper() if caps else name], name, 1)
        if n == jump_at:
            back = f"(continued from page {rng.randint(2, 5)})"
            w.raw([back, ""])
            w.furniture(back)
        for _ in range(rng.randint(1, 2)):
            sentences = prose.sentences(2, 4)
            said.append(sentences[-1])
            w.paragraph(sentences, probe_first=True)
        if rng.random() < 0.4:
            slogan = prose.slogan()
            w.raw([slogan.upper() if rng.random() < 0.5 else slogan, ""])
        if said and rng.random() < 0.35:
            quote = rng.choice(said)
            w.raw([f"“{quote}”", ""])
            w.furniture(quote, ("quote", "caption"), allowed=1)
        if n == jump_at - 1:
            jump = f"Continued on page {rng.randint(6, 12)}"
            w.raw([jump, ""])
            w.furniture(jump)
    email = re.sub(r"\W", "", union.split()[0]).lower() + "@post.example.org"
    box = [
        "GET INVOLVED",
        union,
        f"Meetings every {rng.choice(['first', 'second', 'last'])} Tuesday, 7pm",
        f"Write to us: {email}",
    ]
    if rng.random() < 0.5:
        edge = "+" + "-" * 44 + "+"
        w.raw([edge, *(f"| {line:<42} |" for line in box), edge, ""])
    else:
        w.raw(["* * *", *box, "* * *", ""])
    w.furniture(box[0])
    w.furniture(box[3])
    w.furniture(box[2])
    return finish(w, "zine")


# --------------------------------------------------------------------------- 7


def journal(seed: int) -> Case:
    """A journal article: authors and affiliations, abstract, numbered sections, references."""
    layout = random.Random(seed)
    state: dict = {}

    def header(page: int) -> list[str]:
        number = state["first_page"] + page - 1
        line = (
            f"{number}    {state['journal']}, Vol. {state['vol']}, No. {state['no']}"
            if page % 2 == 0
            else f"{state['short']}    {number}"
        )
        w.furniture(line)
        return [line]

    rng, prose, w = _begin(
        "journal",
        seed,
        width=layout.randint(64, 78),
        page_len=layout.randint(34, 46),
        header=header,
        notes="page",
        marker_style="super",
        hyphenate=layout.random() < 0.4,
    )
    a, b = prose.name(), prose.name()
    state.update(
        journal=rng.choice(["Journal of Working Lives", "Textile and Labour Review"]),
        vol=rng.randint(3, 40),
        no=rng.randint(1, 4),
        first_page=rng.randint(101, 400),
        short=f"{a.split()[1].upper()} AND {b.split()[1].upper()}",
    )
    marks = rng.choice([("¹", "²"), ("ᵃ", "ᵇ"), ("*", "†")])
    pages = f"{state['first_page']}–{state['first_page'] + rng.randint(14, 30)}"
    w.raw([f"{state['journal']} {state['vol']}({state['no']}), {pages}", "", "ARTICLE", ""])
    w.raw([w.truth.title, ""])
    w.raw([f"{a}{marks[0]} and {b}{marks[1]}", ""])
    departments = ["Department of History", "Centre for Labour Studies"]
    places = rng.sample(["University of Eastmoor", "Carrow College", "Northbridge University"], 2)
    w.raw([f"{m} {d}, {p}" for m, d, p in zip(marks, departments, places, strict=True)])
    w.raw([""])
    w.heading(["Abstract"], "Abstract", 1, gap=False)
    w.paragraph(prose.sentences(4, 6), probe_first=True)
    keywords = "Keywords: " + "; ".join(rng.sample(["seed banks", "rent strikes", "weaving"], 3))
    w.raw([keywords, ""])
    w.furniture(keywords)
    sections = ["Introduction", *(prose.title() for _ in range(rng.randint(2, 3))), "Conclusion"]
    for n, name in enumerate(sections, 1):
        w.heading([f"{n}. {name}" if rng.random() < 0.5 else f"{n} {name}"], name, 1)
        _body(rng, prose, w, 2, 3, notes=0.35)
        if 1 < n < len(sections):
            for s in range(1, rng.randint(1, 3) + 1):
                sub = prose.title()
                w.heading([f"{n}.{s} {sub}"], sub, 2)
                _body(rng, prose, w, 1, 3, notes=0.3)
    w.heading(["References"], "References", 1)
    for k in range(rng.randint(5, 9)):
        w.raw([prose.reference(k), ""])
    return finish(w, "journal")


# --------------------------------------------------------------------------- 9


def minutes(seed: int) -> Case:
    """Minutes of a meeting: attendance lists, numbered agenda items, speakers' remarks."""
    rng, prose, w = _begin("minutes", seed, width=random.Random(seed).randint(66, 80))
    union = rng.choice(["Eastmoor Tenants' Union", "Carrow Seed Library", "Junction Signallers"])
    w.raw([union.upper(), f"Minutes of the general meeting held on {prose.date()}", ""])
    people = list(dict.fromkeys(prose.name() for _ in range(7)))
    present = "Present: " + ", ".join(f"{p} (chair)" if i == 0 else p for i, p in enumerate(people))
    w.raw([present, f"Apologies: {prose.name()}", ""])  # part of the record, not furniture
    style = rng.choice(["Item {n}: {t}", "{n}. {t}", "{N}. {T}"])
    for n in range(1, rng.randint(3, 6) + 1):
        name = prose.title(question=rng.random() < 0.2)
        w.heading([style.format(n=n, t=name, N=n, T=name.upper())], name, 1)
        for _ in range(rng.randint(2, 4)):
            speaker = rng.choice(people)
            said = prose.sentences(1, 3)
            w.paragraph([f"{speaker.split()[0]}: {said[0]}", *said[1:]])
            w.truth.sentences.append(said[0])
        if rng.random() < 0.6:
            action = f"ACTION: {rng.choice(people).split()[0]} to report back by {prose.date()}."
            w.raw([action, ""])
        if rng.random() < 0.5:
            vote = f"Agreed ({rng.randint(6, 30)} for, {rng.randint(0, 5)} against)."
            w.raw([vote, ""])
    w.raw([f"Meeting closed at {rng.randint(8, 9)}.{rng.choice(['05', '20', '45'])}pm.", ""])
    return finish(w, "minutes")


# --------------------------------------------------------------------------- 10


def letters(seed: int) -> Case:
    """A collection of letters: headed by place and date or by addressee, grouped by year
    or not, with the editor's and translator's notes at the end.

    Years are parts (level 1) and letters chapters (level 1 too, as chapters inside parts).
    """
    layout = random.Random(seed)
    rng, prose, w = _begin(
        "letters",
        seed,
        width=layout.randint(60, 74),
        notes="end",
        marker_style=layout.choice(["super", "bracket", "glued"]),
    )
    writer, editor = prose.name(), prose.name()
    w.raw([w.truth.title, "", f"Letters of {writer}", f"Translated and edited by {editor}", ""])
    if rng.random() < 0.5:
        w.heading(["A Note on the Translation"], "A Note on the Translation", 1)
        _body(rng, prose, w, 1, 2)
    style = rng.choice(["place_date", "numbered_to", "to_date"])
    by_year = rng.random() < 0.5
    place = rng.choice(["Eastmoor", "Linfield", "Carrow", "Northbridge Junction"])
    year, month = rng.randint(1890, 1930), 0
    for n in range(1, rng.randint(4, 8) + 1):
        month += rng.randint(1, 5)
        if month >= 12 or n == 1:
            if n > 1:
                year += 1
            month %= 12
            if by_year:
                w.heading([str(year)], str(year), 1)
        date = f"{rng.randint(1, 28)} {MONTH_NAMES[month]} {year}"
        recipient = prose.name()
        if style == "place_date":
            heading = f"{place}, {date}"
            w.heading([heading], heading, 1)
        elif style == "numbered_to":
            w.heading([f"{n}.", f"To {recipient}"], f"To {recipient}", 1)
            w.raw([f"{place}, {date}", ""])
        else:
            heading = f"{roman(n)}. To {recipient}, {date}"
            w.heading([heading], f"To {recipient}, {date}", 1)
        w.raw([f"Dear {recipient.split()[0]},", ""])
        _body(rng, prose, w, 1, 3, notes=0.4)
        w.raw([rng.choice(["Yours ever,", "With love,", "In haste,"]), writer.split()[0], ""])
    return finish(w, "letters")


MONTH_NAMES = [
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
]  # fmt: skip
