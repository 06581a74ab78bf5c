"""Third held-out families: plain-text inputs of kinds no other family writes.

A rulebook, a thesis, an anthology of essays, an interview transcript, an encyclopedia
article copied from a browser, a converted e-book, a manifesto of numbered theses and a
newsletter. Each function of a seed returns a Case whose truth is built while the text is
written. Levels follow fresh.py's rule on the scorer's two-step scale: parts, chapters,
articles, essays and top sections are level 1; anything below them ("1.2", a cross-head,
a topic inside a session) is level 2. The prose comes from third_prose.py.
"""

from __future__ import annotations

import random

from .model import Case, Heading
from .render import Writer, begin, finish, number_word, roman, said
from .third_prose import ThirdProse

SYMBOLS = ["*", "†", "‡", "§"]


def _begin(family: str, seed: int, **layout) -> tuple[random.Random, ThirdProse, Writer]:
    return begin("third", family, seed, ThirdProse, **layout)


def _layout(family: str, seed: int) -> random.Random:
    """A second generator for page geometry, so the prose does not shift with the width."""
    return random.Random(f"third-layout-{family}:{seed}")


# --------------------------------------------------------------------------- 1

BODIES = [
    "Cooperative Bakery Society", "Miners' Library Trust", "River Pilotage Guild",
    "Typographical Chapel", "Land Reform League",
]  # fmt: skip


def rulebook(seed: int) -> Case:
    """Rules of a society: "Article 3", "Rule 14" or "§ 2" headings, parts, schedules, and
    clauses "(a)", "(b)" or "3.1" inside the prose that are paragraphs, not headings."""
    lay = _layout("rulebook", seed)
    org_rng = random.Random(f"org:{seed}")
    org = f"{ThirdProse(org_rng).town()} {org_rng.choice(BODIES)}"
    footer_on = lay.random() < 0.6

    def footer(page: int) -> list[str]:
        line = f"Rules of the {org}{' ' * lay.randint(4, 20)}{page}"
        w.furniture(line)
        return [line]

    rng, prose, w = _begin(
        "rulebook",
        seed,
        width=lay.randint(60, 76),
        page_len=lay.randint(34, 48) if footer_on else None,
        footer=footer if footer_on else None,
    )
    w.raw([org.upper(), "", "RULES", "", f"As amended by the general meeting of {prose.date()}"])
    word = rng.choice(["Article", "Rule", "§"])
    same_line = rng.random() < 0.5
    clauses = rng.choice(["letters", "decimal"])
    parts = range(1, rng.randint(2, 3) + 1) if rng.random() < 0.5 else [0]
    count = 0
    for p in parts:
        if p:
            name = prose.title()
            lines = (
                [f"PART {roman(p)}", name.upper()]
                if rng.random() < 0.5
                else [f"Part {roman(p)}: {name}"]
            )
            w.heading(lines, name, 1)
        for _ in range(rng.randint(2, 4)):
            count += 1
            name = prose.title()
            label = f"{word} {count}"
            w.heading([f"{label}. {name}"] if same_line else [label, name], name, 1)
            said(w, prose.sentences(1, 3))
            for i in range(rng.randint(1, 4)):
                mark = f"({'abcdefgh'[i]}) " if clauses == "letters" else f"{count}.{i + 1} "
                if rng.random() < 0.15:
                    text = rng.choice(["Deleted.", "Repealed in full.", "Not used."])
                    said(w, [text], mark)
                else:
                    said(w, prose.sentences(1, 3), mark)
    for k in range(rng.randint(1, 2)):
        name = prose.title()
        letter = "ABC"[k]
        lines = (
            [f"SCHEDULE {letter}", name] if rng.random() < 0.5 else [f"Schedule {letter} – {name}"]
        )
        w.heading(lines, name, 1)
        said(w, prose.sentences(2, 4))
        for i in range(rng.randint(2, 3)):
            said(w, prose.sentences(1, 2), f"{i + 1}. ")
    return finish(w, "rulebook")


# --------------------------------------------------------------------------- 2


def thesis(seed: int) -> Case:
    """A dissertation: title page, abstract, acknowledgements, a contents page with roman page
    numbers, a list of figures, "Chapter 1" over its title, "1.2" sections, figure and table
    captions, page-foot notes, a bibliography."""
    lay = _layout("thesis", seed)
    with_notes = lay.random() < 0.6
    rng, prose, w = _begin(
        "thesis",
        seed,
        width=lay.randint(64, 80),
        page_len=lay.randint(38, 50),
        footer=lambda page: ["", f"{' ' * 34}{page}"],
        notes="page" if with_notes else "none",
        marker_style=lay.choice(["super", "plain"]),
    )
    title, author = w.truth.title, prose.name()
    w.raw([title.upper(), "", "by", "", author, ""])
    w.raw(["A thesis submitted for the degree of Doctor of Philosophy", ""])
    w.raw([f"Department of Social History, University of {prose.town()}", "", ""])
    caps = rng.random() < 0.5
    front = ["Abstract", "Acknowledgements", "List of Figures"]
    chapters = []
    for _ in range(rng.randint(3, 4)):
        subs = [prose.title(question=rng.random() < 0.2) for _ in range(rng.randint(1, 3))]
        chapters.append((prose.title(), subs))
    back = rng.choice(["Bibliography", "References"])
    w.raw(["CONTENTS" if caps else "Contents", ""])
    for k, name in enumerate(front):
        w.raw([f"{name} {'.' * (50 - len(name))} {roman(k + 2).lower()}"])
    page = 1
    for n, (name, subs) in enumerate(chapters, 1):
        w.raw([f"{n} {name} {'.' * max(3, 48 - len(name))} {page}"])
        for s, sub in enumerate(subs, 1):
            w.raw([f"    {n}.{s} {sub} {'.' * max(3, 44 - len(sub))} {page + s * 3}"])
        page += rng.randint(12, 30)
    w.raw([f"{back} {'.' * (50 - len(back))} {page}", ""])
    figures: list[str] = []
    for n in range(1, len(chapters) + 1):
        figures.append(f"Figure {n}.1: {prose.title()} in {prose.town()}")
    for name in front[:2]:
        w.heading([name.upper() if caps else name], name, 1)
        said(w, prose.sentences(3, 6))
    w.heading([front[2].upper() if caps else front[2]], front[2], 1)
    for k, caption in enumerate(figures):
        w.raw([f"{caption} {'.' * max(3, 60 - len(caption))} {5 + 17 * k}"])
    for n, (name, subs) in enumerate(chapters, 1):
        label = f"CHAPTER {n}" if caps else f"Chapter {n}"
        if w.on_page:  # each chapter opens a page
            w.new_page()
        w.heading([label, "", name] if rng.random() < 0.4 else [label, name], name, 1)
        said(w, prose.sentences(3, 5), notes=int(with_notes))
        for s, sub in enumerate(subs, 1):
            w.heading([f"{n}.{s} {sub}"], sub, 2)
            for _ in range(rng.randint(1, 3)):
                said(w, prose.sentences(2, 6), notes=int(with_notes and rng.random() < 0.5))
            if s == 1:
                w.raw(["", f"{' ' * 8}[image]", "", figures[n - 1], ""])
                w.furniture(figures[n - 1], ("caption",))
            if rng.random() < 0.3:
                third_level = prose.title()
                w.heading([f"{n}.{s}.1 {third_level}"], third_level, 2)
                said(w, prose.sentences(2, 4))
        if rng.random() < 0.5:
            caption = f"Table {n}.1: Members and loans by year, {prose.town()}"
            w.raw(["", caption, "", "Year      Members    Loans"])
            for year in sorted(rng.sample(range(1925, 1985), 3)):
                w.raw([f"{year}      {rng.randint(40, 900):>7}    {rng.randint(10, 4000):>5}"])
            w.raw([""])
            w.furniture(caption, ("caption",))
            said(w, prose.sentences(2, 4))
    if w.on_page:
        w.new_page()
    w.heading([back.upper() if caps else back], back, 1)
    for _ in range(rng.randint(4, 8)):
        w.raw([prose.reference(), ""])
    return finish(w, "thesis")


# --------------------------------------------------------------------------- 3


def anthology(seed: int) -> Case:
    """Essays by several hands: each with its title, a byline, an epigraph now and then,
    "* * *" breaks and its own notes numbered from 1 at its end; an editor's introduction."""
    lay = _layout("anthology", seed)
    state = {"head": ""}
    paged = lay.random() < 0.6

    def header(page: int) -> list[str]:
        line = state["head"] if page % 2 else w.truth.title.upper()
        w.furniture(line)
        return [f"{' ' * lay.randint(0, 20)}{line}"]

    rng, prose, w = _begin(
        "anthology",
        seed,
        width=lay.randint(58, 72),
        page_len=lay.randint(30, 44) if paged else None,
        header=header if paged else None,
        notes="chapter",
        marker_style=lay.choice(["super", "plain", "bracket"]),
        indent=lay.choice(["", "   "]),
    )
    editor = prose.name()
    w.raw([w.truth.title, "", f"Essays edited by {editor}", "", ""])
    essays = [(prose.title(), prose.name()) for _ in range(rng.randint(3, 5))]
    caps = rng.random() < 0.5
    byline_style = rng.choice(["by", "plain", "caps"])
    if rng.random() < 0.6:
        w.raw(["CONTENTS" if caps else "Contents", "", "Introduction"])
        for name, author in essays:
            w.raw([f"{name}", f"    {author}"])
        w.raw(["", ""])
    w.heading(["INTRODUCTION" if caps else "Introduction"], "Introduction", 1)
    state["head"] = "INTRODUCTION"
    for k in range(rng.randint(1, 2)):
        w.paragraph(prose.sentences(3, 5), probe_first=k == 0)
    w.raw(["", f"{' ' * 40}{editor.split()[0][0]}. {editor.split()[1]}", ""])
    break_mark = rng.choice(["* * *", "*", "§", "—"])
    for name, author in essays:
        state["head"] = name.upper()
        w.heading([name.upper() if caps else name], name, 1)
        byline = {"by": f"by {author}", "plain": author, "caps": author.upper()}[byline_style]
        w.raw([byline, ""])
        w.furniture(byline)
        if rng.random() < 0.4:
            epigraph = prose.sentence()
            w.raw([f"    {epigraph}", f"{' ' * 20}— {prose.name()}", ""])
            w.truth.sentences.append(epigraph)
        for k in range(rng.randint(3, 6)):
            if k and rng.random() < 0.2:
                w.raw(["", f"{' ' * 28}{break_mark}", ""])
            elif k and rng.random() < 0.15:
                sub = prose.title(question=rng.random() < 0.4)
                w.heading([sub], sub, 2)
            w.paragraph(prose.sentences(3, 6), notes=int(rng.random() < 0.4), probe_first=k == 0)
        w.end_chapter()
    return finish(w, "anthology")


# --------------------------------------------------------------------------- 4

MARKS = ["[laughs]", "[applause]", "[inaudible]", "[crosstalk]", "[pause]"]


def transcript(seed: int) -> Case:
    """An oral-history interview or a panel: speaker labels ("Q:", "A:", "MODERATOR:", names in
    capitals), [applause] and [inaudible] marks, timestamp lines, sessions with topics."""
    lay = _layout("transcript", seed)
    paged = lay.random() < 0.5
    ident = lay.randint(100, 999)

    def footer(page: int) -> list[str]:
        line = f"Transcript {ident} – page {page}"
        w.furniture(line)
        return [line]

    rng, prose, w = _begin(
        "transcript",
        seed,
        width=lay.randint(66, 90),
        page_len=lay.randint(40, 56) if paged else None,
        footer=footer if paged else None,
    )
    guest, host = prose.name(), prose.name()
    panel = rng.random() < 0.5
    if panel:
        speakers = ["MODERATOR:", f"{guest.upper()}:", f"{prose.name().upper()}:"]
        w.raw([w.truth.title, "", f"Panel discussion, {prose.town()}, {prose.date()}", ""])
        w.raw([f"Moderator: {host}", "", ""])
    else:
        speakers = rng.choice([["Q:", "A:"], [f"{host.upper()}:", f"{guest.upper()}:"]])
        w.raw(["TRANSCRIPT", "", w.truth.title, "", f"Oral history interview with {guest}"])
        w.raw([f"Interviewer: {host}", f"Date: {prose.date()}", f"Place: {prose.town()}", ""])
    clock = rng.randint(0, 200)
    style = rng.choice(["session", "tape", "plain"])
    for n in range(1, rng.randint(2, 3) + 1):
        name = prose.title()
        printed = {
            "session": [f"SESSION {number_word(n).upper()}: {name.upper()}"],
            "tape": [f"Tape {n}", name],
            "plain": [name],
        }[style]
        w.heading(printed, name, 1)
        for t in range(rng.randint(2, 3)):
            if t:
                sub = prose.title(question=rng.random() < 0.5)
                w.heading([sub], sub, 2)
            for turn in range(rng.randint(3, 6)):
                clock += rng.randint(20, 200)
                if rng.random() < 0.3:
                    stamp = f"[{clock // 3600:02}:{clock // 60 % 60:02}:{clock % 60:02}]"
                    w.raw([stamp, ""])
                    w.furniture(stamp)
                # A panel's moderator asks every other turn; either guest answers.
                speaker = speakers[turn % 2]
                if panel and turn % 2:
                    speaker = rng.choice(speakers[1:])
                if rng.random() < 0.2:
                    said(w, [rng.choice(["Yes.", "Go on.", "And then?", "Right."])], f"{speaker} ")
                    continue
                sentences = prose.sentences(1, 5)
                if len(sentences) > 1 and rng.random() < 0.4:
                    j = rng.randrange(len(sentences) - 1)
                    sentences[j] += " " + rng.choice(MARKS)
                    said(w, sentences, f"{speaker} ")
                    w.truth.sentences.append(sentences[-1])
                else:
                    said(w, sentences, f"{speaker} ")
    w.raw(["", "[END OF RECORDING]" if not panel else "[applause]", ""])
    return finish(w, "transcript")


# --------------------------------------------------------------------------- 5


def encyclopedia(seed: int) -> Case:
    """An encyclopedia article copied from a browser: "[edit]" after headings, citation
    markers [1][2] in the prose, a contents box, See also, References, External links and the
    site's navigation lines."""
    rng, prose, w = _begin("encyclopedia", seed, width=10_000)
    title = w.truth.title
    edit = rng.choice(["[edit]", " [edit]", "", "[edit source]"])
    site = "From Openpedia, the free encyclopedia"
    nav = ["Jump to navigation", "Jump to search"]
    w.raw([title, site, *nav[: rng.randint(0, 2)], ""])
    w.furniture(site)
    for line in nav:
        if line in w.lines:
            w.furniture(line)
    refs = 0

    def cited(sentences: list[str]) -> list[str]:
        nonlocal refs
        out = []
        for s in sentences:
            if rng.random() < 0.4:
                marks = ""
                for _ in range(rng.randint(1, 2)):
                    refs += 1
                    marks += f"[{refs}]"
                s += marks
            elif rng.random() < 0.05:
                s += "[citation needed]"
            out.append(s)
        return out

    def para(sentences: list[str]) -> None:
        w.paragraph(cited(sentences))
        w.truth.sentences.append(sentences[0])

    para(prose.sentences(2, 4))
    sections = [
        (
            prose.title(),
            [prose.title(question=rng.random() < 0.2) for _ in range(rng.randint(0, 3))],
        )
        for _ in range(rng.randint(2, 4))
    ]
    if rng.random() < 0.8:
        w.raw(["", "Contents", rng.choice(["hide", "[hide]", ""])])
        for n, (name, subs) in enumerate(sections, 1):
            w.raw([f"{n} {name}"])
            w.raw([f"{n}.{s} {sub}" for s, sub in enumerate(subs, 1)])
        w.raw(
            [
                f"{len(sections) + k} {name}"
                for k, name in enumerate(["See also", "References", "External links"], 1)
            ]
        )
        w.raw([""])
    for name, subs in sections:
        w.heading([f"{name}{edit}"], name, 1)
        for _ in range(rng.randint(1, 3)):
            para(prose.sentences(2, 5))
        for sub in subs:
            w.heading([f"{sub}{edit}"], sub, 2)
            for _ in range(rng.randint(1, 2)):
                para(prose.sentences(2, 5))
    w.heading([f"See also{edit}"], "See also", 1)
    w.raw([f"• {prose.title()}" for _ in range(rng.randint(2, 4))])
    w.heading([f"References{edit}"], "References", 1)
    caret = rng.random() < 0.5
    for n in range(1, refs + 1):
        w.raw([f"{n}. {'^ ' if caret else ''}{prose.reference()}"])
    w.truth.footnotes = refs
    w.heading([f"External links{edit}"], "External links", 1)
    w.raw([f"• {prose.town()} {rng.choice(BODIES)} archive", ""])
    day = f"{rng.randint(1, 28)} {rng.choice(['May', 'June'])} {rng.randint(2015, 2024)}"
    edited = f"This page was last edited on {day}, at 14:{rng.randint(10, 59)}."
    cats = " | ".join(prose.title() for _ in range(3))
    w.raw(["", f'Retrieved from "https://openpedia.example/wiki/{title.replace(" ", "_")}"'])
    w.raw([f"Categories: {cats}", "", edited, "", "Privacy policy   About Openpedia   Disclaimers"])
    for line in (edited, f"Categories: {cats}", "Privacy policy   About Openpedia   Disclaimers"):
        w.furniture(line)
    return finish(w, "encyclopedia")


# --------------------------------------------------------------------------- 6


def ebook(seed: int) -> Case:
    """An e-book converted to text: unnumbered Title Case chapter headings, scene breaks
    ("* * *", "⁂"), notes marked with symbols (*, †, ‡) set after the passage citing them."""
    lay = _layout("ebook", seed)
    rng, prose, w = _begin(
        "ebook", seed, width=lay.choice([72, 80, 10_000]), indent=lay.choice(["", "  ", "\t"])
    )
    title, author = w.truth.title, prose.name()
    w.raw([title, "", author, "", f"Copyright © {rng.randint(1990, 2020)} {author}"])
    w.raw(["All rights reserved.", "", ""])
    chapters = [prose.title(question=rng.random() < 0.15) for _ in range(rng.randint(3, 6))]
    centred = " " * rng.choice([0, 0, 12, 20])
    if rng.random() < 0.5:
        w.raw(["Contents", "", *chapters, "", ""])
    scene_mark = rng.choice(["* * *", "⁂", "~", "#"])
    for name in chapters:
        w.heading([f"{centred}{name}"], name, 1)
        pending: list[str] = []

        def flush(pending: list[str]) -> None:
            if pending:
                w.blank()
                w.raw(["", *pending, ""])
                pending.clear()

        for k in range(rng.randint(3, 7)):
            if k and rng.random() < 0.25:
                flush(pending)
                w.blank()
                w.raw(["", f"{centred}{scene_mark}", ""])
            sentences = prose.sentences(2, 6)
            shown = list(sentences)
            if rng.random() < 0.3 and len(pending) < len(SYMBOLS):
                sym = SYMBOLS[len(pending)]
                j = rng.randrange(len(shown))
                shown[j] += sym
                pending.append(f"{sym} {prose.note()}")
                w.truth.footnotes += 1
            w.paragraph(shown)
            w.truth.sentences.append(sentences[0])
        flush(pending)
    w.raw(["", "", "About the Author", "", f"{author} lives in {prose.town()}."])
    w.truth.headings.append(Heading("About the Author", 1, "About the Author"))
    return finish(w, "ebook")


# --------------------------------------------------------------------------- 7


def manifesto(seed: int) -> Case:
    """A manifesto of numbered theses: "1.", "2." paragraphs that are not headings, numbering
    running on across a few real section headings, an epigraph, a closing slogan."""
    rng, prose, w = _begin("manifesto", seed, width=_layout("manifesto", seed).randint(56, 74))
    w.raw([w.truth.title.upper(), ""])
    if rng.random() < 0.7:
        epigraph = prose.sentence()
        w.raw([f"    {epigraph}", f"{' ' * 24}— {prose.name()}, {rng.randint(1890, 1960)}", ""])
        w.truth.sentences.append(epigraph)
    said(w, prose.sentences(2, 4))
    style = rng.choice(["roman_dot", "roman_line", "caps"])
    number = 0
    dot = rng.choice([". ", ") ", ".  "])
    for n in range(1, rng.randint(2, 4) + 1):
        name = prose.title()
        printed = {
            "roman_dot": [f"{roman(n)}. {name.upper()}"],
            "roman_line": [roman(n), name],
            "caps": [name.upper()],
        }[style]
        w.heading(printed, name, 1)
        for _ in range(rng.randint(3, 6)):
            number += 1
            if rng.random() < 0.2:
                said(w, [prose.brief()], f"{number}{dot}")
            else:
                said(w, prose.sentences(1, 4), f"{number}{dot}")
    slogan = rng.choice(["Bread, books and land!", "The reading room is ours!", "Share the loaf!"])
    w.raw(["", slogan, ""])
    w.truth.sentences.append(slogan)
    w.raw(["", f"{prose.town()}, {prose.date()}", ""])
    return finish(w, "manifesto")


# --------------------------------------------------------------------------- 8

SEASONS = ["Spring", "Autumn", "Winter"]
KICKERS = ["LAND REFORM", "FROM THE BRANCHES", "OBITUARY", "BAKEHOUSE DIARY", "ON THE WATER"]


def bulletin(seed: int) -> Case:
    """A members' newsletter: masthead and issue number, "In this issue" with page numbers,
    articles each with a kicker, a headline and a byline, datelines ("ALCARAZ, 3 March —"),
    cross-heads, an article "Continued on page 3" and "Continued from page 2"."""
    lay = _layout("bulletin", seed)
    issue = lay.randint(12, 240)
    masthead = f"THE {lay.choice(['PILOTS', 'BAKERS', 'READERS', 'SMALLHOLDERS'])}' BULLETIN"

    def footer(page: int) -> list[str]:
        line = f"{masthead.title()} · No. {issue} · page {page}"
        w.furniture(line)
        return [line]

    rng, prose, w = _begin(
        "bulletin",
        seed,
        width=lay.randint(50, 70),
        page_len=lay.randint(36, 50),
        footer=footer,
    )
    w.raw(
        [
            masthead,
            f"Issue No. {issue} · {rng.choice(SEASONS)} {rng.randint(1950, 1989)}",
            "",
        ]
    )
    w.furniture(masthead)
    articles = [prose.title(question=rng.random() < 0.2) for _ in range(rng.randint(3, 5))]
    w.raw(["IN THIS ISSUE"])
    for k, name in enumerate(articles):
        w.raw([f"{name}{' ' * 3}{'.' * 6}{' ' * 3}{k + 1}"])
    w.raw([""])
    kickers = rng.sample(KICKERS, len(articles))
    split = rng.randrange(len(articles) - 1)
    rest: list[list[str]] = []
    for k, name in enumerate(articles):
        kicker = kickers[k]
        w.blank()
        w.raw(["", kicker])
        w.furniture(kicker)
        w.heading([name], name, 1, gap=False)
        author = prose.name()
        byline = rng.choice([f"By {author}", f"{author}, branch correspondent"])
        w.raw([byline, ""])
        w.furniture(byline)
        day = f"{rng.randint(1, 28)} {rng.choice(['March', 'May', 'July'])}"
        dateline = f"{prose.town().upper()}, {day} — "
        said(w, prose.sentences(2, 4), dateline)
        paras = [prose.sentences(2, 5) for _ in range(rng.randint(2, 4))]
        if k == split:
            w.paragraph(paras[0], probe_first=True)
            w.raw(["", "Continued on page ?", ""])
            pointer = len(w.lines) - 2  # the page it goes on to is known only later
            rest = paras[1:]
            page_from = w.page
            continue
        for i, sentences in enumerate(paras):
            if i and rng.random() < 0.3:
                cross = prose.title(question=rng.random() < 0.3)
                w.heading([cross], cross, 2)
            w.paragraph(sentences, probe_first=True)
        if rest and k == split + 1:
            w.new_page()
            more = f"Continued on page {w.page}"
            w.lines[pointer] = more
            w.furniture(more)
            back = f"Continued from page {page_from}"
            w.raw([back, ""])
            w.furniture(back)
            for sentences in rest:
                w.paragraph(sentences, probe_first=True)
            rest = []
    return finish(w, "bulletin")


FAMILIES = {
    "rulebook": rulebook,
    "thesis": thesis,
    "anthology": anthology,
    "transcript": transcript,
    "encyclopedia": encyclopedia,
    "ebook": ebook,
    "manifesto": manifesto,
    "bulletin": bulletin,
}
