"""Fourth held-out families: plain-text inputs of kinds no earlier family writes.

A critical edition whose OCR kept the margin's line numbers, a play in acts and scenes, a
course reader of excerpts with their sources and original note numbers, a book pasted from
an e-reader with its location lines and notes at the back, an FAQ, a double-spaced
typescript with underlined headings, and a newspaper serial in weekly instalments. Each
function of a seed returns a Case whose truth is built while the text is written. Levels
are on the scorer's two-step scale: acts, weeks, topics and chapters are level 1; scenes,
readings, questions and underlined sub-heads are level 2. The prose is fourth_prose.py's.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass

from .fourth_prose import AGENTS, FourthProse
from .model import Case
from .render import Writer, begin, finish, number_word, roman, said


def _begin(family: str, seed: int, writer: type[Writer] = Writer, **layout):
    return begin("fourth", family, seed, FourthProse, writer, **layout)


def _layout(family: str, seed: int) -> random.Random:
    """A second generator for page geometry, so the prose does not shift with the width."""
    return random.Random(f"fourth-layout-{family}:{seed}")


def _paragraphs(
    rng: random.Random, prose: FourthProse, w: Writer, low: int, high: int, *, notes: float = 0.0
) -> None:
    """Paragraphs whose first sentences are probes, besides those a break cuts."""
    for _ in range(rng.randint(low, high)):
        w.paragraph(prose.sentences(2, 5), notes=int(rng.random() < notes), probe_first=True)


# --------------------------------------------------------------------------- 1


@dataclass
class MarginWriter(Writer):
    """Every `every`-th body line numbered in the margin, as an edition prints it and an OCR
    keeps it: at the line's end, or in a gutter before every line."""

    every: int = 5
    margin: str = "right"  # or "left"
    per_page: bool = False  # count from each page's top, else from each chapter's
    numbering: bool = True  # an editor's introduction goes unnumbered
    counted: int = 0

    def _body_line(self, text: str) -> bool:
        if self.numbering:
            self.counted += 1
            number = str(self.counted) if self.counted % self.every == 0 else ""
            if self.margin == "left":
                text = f"{number:<6}{text}"
            elif number:
                text = f"{text:<{self.width + 6}}{number}"
        return super()._body_line(text)

    def new_page(self) -> None:
        super().new_page()
        if self.per_page:
            self.counted = 0


def line_numbers(seed: int) -> Case:
    """A critical edition scanned and OCR'd: line numbers every fifth (or tenth) line in the
    margin, recto and verso running heads, hyphenated line ends, the editor's notes at the
    foot of the page, an unnumbered introduction before the numbered text, and now and then
    the chapters gathered in books ("BOOK II" over its title; chapters level 1 inside)."""
    lay = _layout("line_numbers", seed)
    state = {"head": ""}

    def header(page: int) -> list[str]:
        line = w.truth.title.upper() if page % 2 == 0 else state["head"]
        w.furniture(line)
        return [f"{' ' * lay.randint(8, 24)}{line}"]

    rng, prose, w = _begin(
        "line_numbers",
        seed,
        MarginWriter,
        width=lay.randint(54, 66),
        hyphenate=True,
        page_len=lay.randint(30, 40),
        header=header,
        footer=lambda page: [f"{' ' * 30}{page + 8}"],
        notes="page",
        marker_style=lay.choice(["super", "plain"]),
        every=lay.choice([5, 5, 10]),
        margin=lay.choice(["right", "right", "left"]),
        per_page=lay.random() < 0.4,
    )
    w.raw([w.truth.title.upper(), "", f"Edited by {prose.name()}", "", ""])
    w.numbering = False
    state["head"] = "INTRODUCTION"
    w.heading(["INTRODUCTION"], "Introduction", 1)
    _paragraphs(rng, prose, w, 2, 3)
    # A number glues to any sentence of the numbered text: every one of them is a probe.
    w.numbering = w.probe_all = True
    style = rng.choice(["chapter", "roman", "arabic"])
    books = lay.random() < 0.5  # chapters gathered in books, "BOOK II" over the book's title
    for n in range(1, rng.randint(3, 5) + 1):
        if books and n % 2:
            book = prose.title()
            w.heading([f"BOOK {roman(n // 2 + 1)}", book.upper()], book, 1)
        name = prose.title()
        state["head"] = name.upper()
        printed = {
            "chapter": [f"CHAPTER {roman(n)}", name.upper()],
            "roman": [f"{roman(n)}. {name}"],
            "arabic": [str(n), name],
        }[style]
        w.heading(printed, name, 1)
        if not w.per_page:
            w.counted = 0
        for _ in range(rng.randint(3, 6)):
            w.paragraph(prose.sentences(3, 6), notes=int(rng.random() < 0.3))
    return finish(w, "line_numbers")


# --------------------------------------------------------------------------- 2


def play(seed: int) -> Case:
    """A play: a list of characters, "ACT ONE" (or "ACT I") and titled scenes, speakers in
    capitals before their lines or alone above them, stage directions in brackets, curtain
    lines, a footer with the play's title and page."""
    lay = _layout("play", seed)
    paged = lay.random() < 0.6

    def footer(page: int) -> list[str]:
        line = f"{w.truth.title} · {page}"
        w.furniture(line)
        return ["", f"{' ' * 24}{line}"]

    rng, prose, w = _begin(
        "play",
        seed,
        width=lay.randint(60, 76),
        page_len=lay.randint(40, 54) if paged else None,
        footer=footer if paged else None,
    )
    acts = rng.randint(2, 3)
    cast: list[tuple[str, str]] = []
    players = rng.randint(3, 5)
    while len(cast) < players:
        name = prose.name().split()[0].upper()
        if name not in {c for c, _ in cast}:
            cast.append((name, rng.choice(AGENTS)))
    w.raw([w.truth.title.upper(), "", f"A play in {number_word(acts).lower()} acts", ""])
    w.raw([f"by {prose.name()}", "", ""])
    listing = rng.choice(["Characters", "Dramatis Personae"])
    w.heading([listing.upper() if rng.random() < 0.5 else listing], listing, 1)
    w.raw([f"{name}, {role}" for name, role in cast])
    w.raw(["", f"The action takes place in {prose.town()}, {rng.randint(1950, 1989)}.", ""])
    act_style = rng.choice(["words", "roman", "title"])
    scene_style = rng.choice(["caps_two_lines", "colon", "two_lines"])
    speech = rng.choice(["dot", "colon", "above"])
    for a in range(1, acts + 1):
        label = {
            "words": f"ACT {number_word(a).upper()}",
            "roman": f"ACT {roman(a)}",
            "title": f"Act {number_word(a)}",
        }[act_style]
        title = f"Act {number_word(a)}" if act_style != "roman" else f"Act {roman(a)}"
        w.heading([label], title, 1)
        for s in range(1, rng.randint(2, 3) + 1):
            name = prose.title()
            printed = {
                "caps_two_lines": [f"SCENE {number_word(s).upper()}", name],
                "colon": [f"Scene {s}: {name}"],
                "two_lines": [f"Scene {s}", name],
            }[scene_style]
            w.heading(printed, name, 2)
            _direction(w, prose.sentences(1, 2))
            for turn in range(rng.randint(4, 8)):
                who = cast[rng.randrange(len(cast))][0]
                sentences = [prose.brief()] if rng.random() < 0.2 else prose.sentences(1, 3)
                if speech == "above":
                    w.blank()
                    w.raw([f"{' ' * 20}{who}"])
                    at = len(w.lines)
                    w.paragraph(sentences, probe_first=True)
                    if w.lines[at] == "":  # the speech sits right under its speaker
                        del w.lines[at]
                else:
                    said(w, sentences, f"{who}. " if speech == "dot" else f"{who}: ")
                if turn and rng.random() < 0.2:
                    _direction(w, [prose.sentence()])
        w.raw(["", rng.choice(["CURTAIN", "Curtain.", f"END OF ACT {number_word(a).upper()}"]), ""])
    return finish(w, "play")


def _direction(w: Writer, sentences: list[str]) -> None:
    """A stage direction in brackets; its sentences are probes."""
    w.paragraph([f"[{' '.join(sentences)}]"])
    w.truth.sentences.extend(s for s in sentences if s not in w.truth.sentences)


# --------------------------------------------------------------------------- 3


def course_reader(seed: int) -> Case:
    """A course reader: weeks with a theme, readings excerpted from books with a source line,
    "[…]" where the compiler cut, each excerpt's notes after it with the book's own numbers
    (14, 15, 17…), questions for each week numbered like headings; the pack's running head."""
    lay = _layout("course_reader", seed)
    code = f"{lay.choice(['HIST', 'SOC', 'CULT', 'ADED'])} {lay.randint(101, 399)}"
    term = f"{lay.choice(['Autumn', 'Spring'])} {lay.randint(1975, 1998)}"
    head = f"{code} · Reading pack · {term}"

    def header(page: int) -> list[str]:
        w.furniture(head)
        return [head if page % 2 else f"{' ' * 40}{head}"]

    rng, prose, w = _begin(
        "course_reader",
        seed,
        width=lay.randint(64, 78),
        page_len=lay.randint(40, 54),
        header=header,
        footer=lambda page: [f"{' ' * 32}{page}"],
        notes="chapter",
        marker_style=lay.choice(["super", "bracket"]),
    )
    weeks = []
    for _ in range(rng.randint(3, 4)):
        readings = [(prose.title(), prose.name()) for _ in range(rng.randint(1, 2))]
        weeks.append((prose.title(), readings))
    w.raw([code, w.truth.title, "", "Reading pack", f"Tuesday evenings, {term}", ""])
    w.raw([f"Compiled by {prose.name()}", "", ""])
    if rng.random() < 0.6:
        w.raw(["CONTENTS", ""])
        page = 3
        for n, (theme, readings) in enumerate(weeks, 1):
            w.raw([f"Week {n}: {theme}"])
            for name, author in readings:
                entry = f"    {name} ({author})"
                w.raw([f"{entry} {'.' * max(3, 60 - len(entry))} {page}"])
                page += rng.randint(6, 20)
        w.raw(["", ""])
    week_style = rng.choice(["caps_two_lines", "colon", "session"])
    reading_style = rng.choice(["label_line", "numbered", "bare"])
    notice = rng.random() < 0.5
    for n, (theme, readings) in enumerate(weeks, 1):
        printed = {
            "caps_two_lines": [f"WEEK {n}", theme.upper()],
            "colon": [f"Week {n}: {theme}"],
            "session": [f"Session {n} – {theme}"],
        }[week_style]
        w.heading(printed, theme, 1)
        _paragraphs(rng, prose, w, 1, 1)
        for r, (name, author) in enumerate(readings, 1):
            shown = {
                "label_line": [f"Reading {n}.{r}", name],
                "numbered": [f"{n}.{r} {name}"],
                "bare": [name],
            }[reading_style]
            w.heading(shown, name, 2)
            w.raw([f"by {author}", "", f"Source: {prose.source()}", ""])
            if notice:
                w.raw(["Reproduced for private study only.", ""])
                w.furniture("Reproduced for private study only.")
            w.note_number = rng.randint(3, 30)  # the book's own numbering
            for k in range(rng.randint(2, 4)):
                if k and rng.random() < 0.35:
                    w.raw(["", "[…]", ""])
                w.paragraph(prose.sentences(3, 6), notes=int(rng.random() < 0.5), probe_first=True)
            w.end_chapter()
        questions = rng.choice([f"Questions for Week {n}", f"Week {n}: questions for discussion"])
        w.heading([questions], questions, 2)
        asked: set[str] = set()
        for k in range(1, rng.randint(2, 4) + 1):
            question = prose.question()
            while question in asked:
                question = prose.question()
            asked.add(question)
            said(w, [question], f"{k}. ")
    return finish(w, "course_reader")


# --------------------------------------------------------------------------- 4


def ereader(seed: int) -> Case:
    """A book copied screen by screen out of an e-reader: a location, page or time-left line
    on every screen, sentences cut between screens, note markers glued or in brackets, and
    all the notes at the back under the chapters' names, numbered from 1 in each chapter."""
    lay = _layout("ereader", seed)
    total = lay.randint(3000, 9000)
    pages = lay.randint(180, 420)
    state = {"loc": lay.randint(20, 90)}
    style = lay.choice(["location", "page", "time"])

    def footer(page: int) -> list[str]:
        state["loc"] += lay.randint(40, 120)
        pct = min(99, state["loc"] * 100 // total)
        line = {
            "location": f"Location {state['loc']} of {total} • {pct}%",
            "page": f"Page {page + 6} of {pages}",
            "time": f"{lay.randint(2, 40)} mins left in chapter    {pct}%",
        }[style]
        w.furniture(line)
        return [line]

    rng, prose, w = _begin(
        "ereader",
        seed,
        width=lay.randint(60, 80),
        page_len=lay.randint(14, 24),
        page_break="",
        footer=footer,
        marker_style=lay.choice(["glued", "bracket"]),
    )
    author = prose.name()
    w.raw([w.truth.title, f"{author}", "", f"Copyright © {rng.randint(1990, 2021)} {author}", ""])
    heading_style = rng.choice(["number_title", "chapter_word", "title"])
    groups: list[tuple[int, str, list[tuple[int, str]]]] = []
    for n in range(1, rng.randint(4, 6) + 1):
        name = prose.title(question=rng.random() < 0.15)
        printed = {
            "number_title": [str(n), name],
            "chapter_word": [f"Chapter {number_word(n)}", name],
            "title": [name],
        }[heading_style]
        w.heading(printed, name, 1)
        _paragraphs(rng, prose, w, 3, 6, notes=0.35)
        groups.append((n, name, w.chapter_notes))
        w.chapter_notes, w.note_number = [], 0
    w.blank()
    w.raw(["", "Notes", ""])
    group_style = rng.choice(["chapter", "title", "numbered"])
    for n, name, notes in groups:
        if not notes:
            continue
        label = {"chapter": f"Chapter {n}", "title": name, "numbered": f"{n}. {name}"}
        w.raw([label[group_style], ""])
        w.raw([f"{k}. {text}" if group_style != "numbered" else f"{k} {text}" for k, text in notes])
        w.raw([""])
    return finish(w, "ereader")


# --------------------------------------------------------------------------- 5

CLUBS = ["Film Society", "Beekeepers' Association", "Bathers' Club", "Tramway Users' Group"]


def faq(seed: int) -> Case:
    """Questions and answers from a club's web page or leaflet: topics, questions in sentence
    case as sub-headings ("Q. How do I renew the locker tickets?", "2.3 Who decides…?"),
    answers opening "A." or not, bullet lists, and "Back to top" after the answers."""
    lay = _layout("faq", seed)
    rng, prose, w = _begin("faq", seed, width=lay.choice([10_000, lay.randint(64, 80)]))
    org = f"{prose.town()} {rng.choice(CLUBS)}"
    w.raw([org.upper(), w.truth.title, "", f"Last updated {prose.date()}", ""])
    topic_style = rng.choice(["plain", "caps", "numbered"])
    q_style = rng.choice(["q_dot", "q_colon", "bare", "numbered"])
    answer = rng.choice(["A. ", "A: ", ""])
    back = rng.choice(["Back to top ↑", "[Back to top]", ""])
    bullet = rng.choice(["•", "-", "*"])
    asked: set[str] = set()
    for n in range(1, rng.randint(3, 5) + 1):
        topic = prose.title()
        printed = {"plain": topic, "caps": topic.upper(), "numbered": f"{n}. {topic}"}[topic_style]
        w.heading([printed], topic, 1)
        for k in range(1, rng.randint(2, 4) + 1):
            question = prose.question()
            while question.casefold() in asked:
                question = prose.question()
            asked.add(question.casefold())
            shown = {
                "q_dot": f"Q. {question}",
                "q_colon": f"Q: {question}",
                "bare": question,
                "numbered": f"{n}.{k} {question}",
            }[q_style]
            w.heading([shown], question, 2, gap=False)
            said(w, prose.sentences(1, 4), answer)
            if rng.random() < 0.3:
                items = prose.sentences(2, 3)
                w.raw([f"{bullet} {item}" for item in items] + [""])
                w.truth.sentences.extend(items)
            if rng.random() < 0.3:
                w.paragraph(prose.sentences(1, 3), probe_first=True)
            if back:
                w.raw([back, ""])
                w.furniture(back)
    return finish(w, "faq")


# --------------------------------------------------------------------------- 6

_RULE = re.compile(r"^\s*[=\-_]{3,}\s*$")


def typewriter(seed: int) -> Case:
    """A typescript: double-spaced, paragraphs marked only by their indent, chapter titles in
    capitals and sub-heads in title case underlined with a row of "=" or "-", page numbers
    "- 4 -" at the top, words broken at line ends by hand."""
    lay = _layout("typewriter", seed)

    def header(page: int) -> list[str]:
        line = f"- {page} -"
        w.furniture(line)
        return [f"{' ' * 30}{line}"]

    rng, prose, w = _begin(
        "typewriter",
        seed,
        width=lay.randint(60, 66),
        hyphenate=True,
        indent=" " * lay.choice([5, 8]),
        page_len=lay.randint(22, 28),
        header=header,
        page_break=lay.choice(["\f", ""]),
    )
    chapter_rule, sub_rule = rng.choice([("=", "-"), ("-", "-"), ("=", "=")])
    title = w.truth.title.upper()
    w.raw([title, chapter_rule * len(title), "", f"by {prose.name()}", ""])
    w.raw([f"Paper for the study weekend, {prose.date()}", "", ""])
    numbered = rng.random() < 0.4
    for n in range(1, rng.randint(3, 5) + 1):
        name = prose.title()
        line = f"{roman(n)}.  {name.upper()}" if numbered else name.upper()
        w.heading([line, chapter_rule * len(line)], name, 1)
        w.truth.headings[-1].printed = " ".join(line.split())  # the rule is no part of it
        for k in range(rng.randint(2, 4)):
            if k and rng.random() < 0.4:
                sub = prose.title(question=rng.random() < 0.3)
                w.heading([sub, sub_rule * len(sub)], sub, 2)
                w.truth.headings[-1].printed = sub
            w.paragraph(prose.sentences(3, 6), probe_first=True)
    case = finish(w, "typewriter")
    case.text = _double_space(case.text)
    return case


def _double_space(text: str) -> str:
    """A blank line after every typed line, but none between a line and its underline."""
    lines = text.split("\n")
    out: list[str] = []
    for k, line in enumerate(lines):
        out.append(line)
        after = lines[k + 1] if k + 1 < len(lines) else ""
        if line.strip() and after.strip() and not _RULE.match(after) and "\f" not in after:
            out.append("")
    return "\n".join(out)


# --------------------------------------------------------------------------- 7

PAPERS = ["WEEKLY ECHO", "CLARION", "EVENING MERCURY"]
ADVERTS = [
    ["FAIRLIE'S HONEY LOZENGES.", "For the throat and chest. Sold by all chemists."],
    ["THE PALACE PICTURE HOUSE.", "Twice nightly. Popular prices."],
    ["CORPORATION BATHS.", "Slipper baths now open on Sundays."],
]


def serial(seed: int) -> Case:
    """A novel serialised in a weekly paper, as a digitised archive gives it: each
    instalment under the paper's dated masthead, the story's title and author again, a
    synopsis of the chapters before, "CHAPTER IV.—THE TITLE." headings, narrow hyphenated
    columns cut by advertisements, "(To be continued.)" at each instalment's end."""
    lay = _layout("serial", seed)
    paper = f"THE {lay.choice(['WEXCOMBE', 'MARROWBY', 'QUENBY'])} {lay.choice(PAPERS)}"
    ads = lay.sample(ADVERTS, 2)

    def advert(page: int) -> list[str]:
        block = ["ADVERTISEMENT.", *ads[page % 2]]
        for line in block:
            w.furniture(line)
        return block

    rng, prose, w = _begin(
        "serial",
        seed,
        width=lay.randint(40, 52),
        hyphenate=True,
        page_len=lay.randint(55, 80),
        page_break="",
        interrupt=advert,
        indent=lay.choice(["", "  "]),
    )
    title, author = w.truth.title.upper(), prose.name().upper()
    style = rng.choice(["dash", "dot", "two_lines"])
    year, day = rng.randint(1885, 1913), rng.randint(1, 9)
    month = rng.choice(["MARCH", "APRIL", "OCTOBER"])
    chapter = 0
    instalments = rng.randint(3, 4)
    for i in range(instalments):
        mast = f"{paper}, SATURDAY, {month} {day + 7 * i}, {year}."
        w.blank()
        w.raw(["", mast, "", f"{title}.", f"BY {author}.", ""])
        for line in (mast, f"BY {author}."):
            w.furniture(line)
        if i == 0:
            w.raw(["[ALL RIGHTS RESERVED.]", ""])
            w.furniture("[ALL RIGHTS RESERVED.]")
        else:
            w.raw(["SYNOPSIS OF PREVIOUS CHAPTERS.", ""])
            w.paragraph(prose.sentences(2, 3), probe_first=True)
        for _ in range(rng.randint(1, 2)):
            chapter += 1
            name = prose.title()
            printed = {
                "dash": [f"CHAPTER {roman(chapter)}.—{name.upper()}."],
                "dot": [f"CHAPTER {roman(chapter)}. {name.upper()}."],
                "two_lines": [f"CHAPTER {roman(chapter)}.", f"{name.upper()}."],
            }[style]
            w.heading(printed, name, 1)
            _paragraphs(rng, prose, w, 3, 6)
        end = "(To be continued.)" if i < instalments - 1 else "THE END."
        w.raw(["", end, ""])
        if i < instalments - 1:
            w.furniture(end)
    return finish(w, "serial")


FAMILIES = {
    "line_numbers": line_numbers,
    "play": play,
    "course_reader": course_reader,
    "ereader": ereader,
    "faq": faq,
    "typewriter": typewriter,
    "serial": serial,
}
