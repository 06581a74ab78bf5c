"""Fifth held-out families: plain-text inputs of kinds no earlier family writes.

A union's education handbook with units, outcome and activity boxes; a translated classic
with the original's page numbers in brackets and the translator's notes; a slide deck
exported as an outline with its speaker notes; a parliamentary record of questions and a
debate; a lecture series transcribed from recordings with time codes; a tribunal's
judgment in numbered paragraphs; and a text in a wiki's, org-mode's or AsciiDoc's own
markup. Each function of a seed returns a Case whose truth is built while the text is
written. Levels are on the scorer's two-step scale: units, books, chapters, section
slides, lectures, debates and top headings are level 1; what sits under them (a unit's
sections, content slides, question subjects, grounds of appeal, "==="/"**" headings) is
level 2. The prose is fifth_prose.py's.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass

from .fifth_prose import T_NOUNS, FifthProse
from .model import Case
from .render import Writer, begin, finish, number_word, roman, said, wrap


def _begin(family: str, seed: int, writer: type[Writer] = Writer, **layout):
    return begin("fifth", family, seed, FifthProse, writer, **layout)


def _layout(family: str, seed: int) -> random.Random:
    """A second generator for page geometry, so the prose does not shift with the width."""
    return random.Random(f"fifth-layout-{family}:{seed}")


def _paragraphs(rng: random.Random, prose: FifthProse, w: Writer, low: int, high: int) -> None:
    """Paragraphs whose first sentences are probes, besides those a break cuts."""
    for _ in range(rng.randint(low, high)):
        w.paragraph(prose.sentences(2, 5), probe_first=True)


# --------------------------------------------------------------------------- 1


def _box(w: Writer, style: str, label: str, body: list[list[str]], width: int) -> None:
    """A boxed panel as a plain-text handbook draws it: a frame of "+-|" or box-drawing
    characters, or a label between two rules. `body`: paragraphs (lists of sentences) and
    bullets ("- item"); every sentence is a probe, the frame is furniture."""
    inner = width - 4
    rows: list[str] = [label, ""]
    for block in body:
        if block[0].startswith("- "):
            rows += [
                line.text for item in block for line in wrap(item, inner, w.rng, hyphenate=False)
            ]
        else:
            rows += [line.text for line in wrap(" ".join(block), inner, w.rng, hyphenate=False)]
        rows.append("")
        w.truth.sentences.extend(s.removeprefix("- ") for s in block if s not in w.truth.sentences)
    rows.pop()
    w.blank()
    if style == "ascii":
        edge = "+" + "-" * (width - 2) + "+"
        w.raw([edge, *(f"| {row:<{inner}} |" for row in rows), edge])
    elif style == "drawn":
        w.raw(["┌" + "─" * (width - 2) + "┐", *(f"│ {row:<{inner}} │" for row in rows)])
        w.raw(["└" + "─" * (width - 2) + "┘"])
        edge = "─" * (width - 2)
    else:
        edge = "=" * width
        w.raw([edge, *rows, edge])
    w.raw([""])
    w.furniture(edge)


def handbook(seed: int) -> Case:
    """A union's education handbook for a course: units ("Unit 3" over the title, or "UNIT 3:
    TITLE"), each opening with a learning-outcomes box, sections numbered "3.2" or set in
    capitals or plain, activity boxes with a time and instructions, a key-points box at
    the unit's end; the handbook's name at the page top and "Page 7" at the foot."""
    lay = _layout("handbook", seed)
    width = lay.randint(62, 74)

    def header(page: int) -> list[str]:
        w.furniture(running)
        return [running]

    def footer(page: int) -> list[str]:
        w.furniture(f"Page {page}")
        return [f"{' ' * (width - 8)}Page {page}"]

    rng, prose, w = _begin(
        "handbook",
        seed,
        width=width,
        page_len=lay.randint(44, 56),
        header=header,
        footer=footer,
    )
    union = lay.choice(["Canal and Riverside Workers' Union", "Glass Trades Federation"])
    running = f"{union} · Education handbook"
    w.raw([union.upper(), "", w.truth.title, "A course for branch representatives", ""])
    w.raw([f"Second edition, {prose.date()}", "", ""])
    unit_style = rng.choice(["label_line", "caps_colon", "word_dash"])
    section_style = rng.choice(["numbered", "caps", "plain"])
    box = rng.choice(["ascii", "drawn", "rules"])
    activity = 0
    for u in range(1, rng.randint(3, 4) + 1):
        name = prose.title()
        printed = {
            "label_line": [f"Unit {u}", name],
            "caps_colon": [f"UNIT {u}: {name.upper()}"],
            "word_dash": [f"Unit {number_word(u).lower()} — {name}"],
        }[unit_style]
        w.heading(printed, name, 1)
        outcomes = [f"- {prose.outcome()}" for _ in range(rng.randint(2, 4))]
        label = "LEARNING OUTCOMES" if box != "rules" else "Learning outcomes"
        _box(w, box, label, [["By the end of this unit you will be able to:"], outcomes], width)
        _paragraphs(rng, prose, w, 1, 2)
        for s in range(1, rng.randint(2, 3) + 1):
            sub = prose.title(question=rng.random() < 0.2)
            shown = {"numbered": f"{u}.{s} {sub}", "caps": sub.upper(), "plain": sub}
            w.heading([shown[section_style]], sub, 2)
            _paragraphs(rng, prose, w, 1, 3)
            if rng.random() < 0.6:
                activity += 1
                minutes = rng.choice([10, 15, 20, 30])
                task = [f"Work in small groups. {prose.sentence()}", *prose.sentences(1, 2)]
                _box(w, box, f"Activity {u}.{activity} ({minutes} minutes)", [task], width)
                w.truth.sentences.remove(task[0])  # the probe is the task, not the rubric
                w.truth.sentences.append(task[0].removeprefix("Work in small groups. "))
        points = [f"- {prose.sentence()}" for _ in range(rng.randint(2, 3))]
        _box(w, box, "KEY POINTS" if box != "rules" else "Key points", [points], width)
    return finish(w, "handbook")


# --------------------------------------------------------------------------- 2

ORDINALS = ["First", "Second", "Third", "Fourth", "Fifth", "Sixth", "Seventh", "Eighth", "Ninth"]


@dataclass
class TranslationWriter(Writer):
    """Page-foot notes that are the translator's, signed as such."""

    def rng_note(self) -> str:
        return f"{super().rng_note()} — Trans."


def _chapter_title(rng: random.Random, used: set[str]) -> str:
    """An old-fashioned descriptive chapter title: "Of the Sluice, and of the Orchard"."""
    while True:
        n, n2 = rng.sample(T_NOUNS, 2)
        title = rng.choice(
            [
                f"Of the {n}",
                f"Of the {n}, and of the {n2}",
                f"In Which the {n} Is Described",
                f"How the {n} Came to Be Built",
                f"Concerning the {n} and Its Keepers",
            ]
        )
        if title not in used:
            used.add(title)
            return title


def translation(seed: int) -> Case:
    """A classic in translation, as a public-domain edition gives it: a translator's
    introduction, the work in books ("BOOK THE FIRST", "FIRST BOOK") with chapters titled
    the old way ("CHAPTER III." over "Of the Sluice, and of the Orchard."), the original
    edition's page numbers in brackets ("[p. 23]", "[23]") between or inside sentences,
    the translator's insertions in brackets, the translator's notes at the page foot."""
    lay = _layout("translation", seed)

    def header(page: int) -> list[str]:
        line = w.truth.title.upper() if page % 2 == 0 else state["chapter"].upper()
        w.furniture(line)
        number = str(page + 10)
        return [f"{number}{' ' * 20}{line}" if page % 2 == 0 else f"{line}{' ' * 20}{number}"]

    state = {"chapter": "", "page": lay.randint(3, 40)}
    rng, prose, w = _begin(
        "translation",
        seed,
        TranslationWriter,
        width=lay.randint(58, 70),
        hyphenate=lay.random() < 0.5,
        page_len=lay.randint(32, 42),
        header=header,
        notes="page",
        marker_style=lay.choice(["super", "plain"]),
    )
    author, translator = prose.name(), prose.name()
    w.raw([w.truth.title.upper(), "", f"by {author.upper()}", ""])
    w.raw([f"Translated from the Welsh, with an introduction and notes, by {translator}", ""])
    w.raw([f"{prose.town()}, {rng.randint(1950, 1979)}", "", ""])
    intro = rng.choice(["Translator's Introduction", "Introduction", "A Note on the Translation"])
    state["chapter"] = intro
    w.heading([intro.upper() if rng.random() < 0.5 else intro], intro, 1)
    _paragraphs(rng, prose, w, 2, 3)
    page_style = rng.choice(["p", "bare", "brace"])
    books = rng.random() < 0.6
    chapter_style = rng.choice(["caps_two_lines", "ordinal", "roman_dot"])
    used: set[str] = set()
    chapter = 0
    for b in range(1, (rng.randint(2, 3) if books else 1) + 1):
        if books:
            name = prose.title()
            label = rng.choice([f"BOOK THE {ORDINALS[b - 1].upper()}", f"{ORDINALS[b - 1]} Book"])
            w.heading([label, name.upper()], name, 1)
        for _ in range(rng.randint(2, 3)):
            chapter += 1
            name = _chapter_title(rng, used)
            state["chapter"] = name
            printed = {
                "caps_two_lines": [f"CHAPTER {roman(chapter)}.", f"{name}."],
                "ordinal": [f"Chapter the {ORDINALS[chapter - 1]}", f"{name}."],
                "roman_dot": [f"{roman(chapter)}. {name.upper()}."],
            }[chapter_style]
            w.heading(printed, name, 1)
            for _ in range(rng.randint(2, 4)):
                _classic_paragraph(rng, prose, w, state, page_style)
    return finish(w, "translation", drop=r"\[(?:p\. )?\d+\]|\{\d+\}|\[that is")


def _classic_paragraph(
    rng: random.Random, prose: FifthProse, w: Writer, state: dict, page_style: str
) -> None:
    """A paragraph with the original's page numbers and the translator's insertions in it.
    Sentences left whole are probes; one that a page number or insertion sits inside is
    not (an edition may rightly keep the bracket)."""
    sentences = prose.sentences(3, 6)
    shown = list(sentences)
    for k in range(len(shown)):
        if rng.random() < 0.25:
            state["page"] += 1
            number = state["page"]
            marks = {"p": f"[p. {number}]", "bare": f"[{number}]", "brace": f"{{{number}}}"}
            mark = marks[page_style]
            words = shown[k].split(" ")
            if rng.random() < 0.5 and len(words) > 4:
                cut = rng.randint(2, len(words) - 2)
                shown[k] = " ".join([*words[:cut], mark, *words[cut:]])
            else:
                shown[k] = f"{shown[k]} {mark}"
        elif rng.random() < 0.1:
            words = shown[k].rstrip(".").split(" ")
            shown[k] = f"{' '.join(words)} [that is, {rng.choice(T_NOUNS).lower()}]."
    w.paragraph(shown, notes=int(rng.random() < 0.35))
    for original, printed in zip(sentences, shown, strict=True):
        if printed.startswith(original) and original not in w.truth.sentences:
            w.truth.sentences.append(original)


# --------------------------------------------------------------------------- 3


def slides(seed: int) -> Case:
    """A slide deck saved as an outline, as a presenter shares it: "Slide 4" (or "4", or
    "--- Slide 4 of 23 ---") before each slide, section slides with a title alone, content
    slides with a title over bullets and sub-bullets, the speaker's notes under
    "Notes:" or "Speaker notes", a footer line repeated on every slide."""
    lay = _layout("slides", seed)
    rng, prose, w = _begin("slides", seed, width=lay.choice([10_000, lay.randint(70, 90)]))
    label = rng.choice(["slide", "bare", "of"])
    notes_label = rng.choice(["Notes:", "Speaker notes", "Presenter notes:"])
    bullet = rng.choice(["•", "-", "*", "o"])
    sub_bullet = rng.choice(["–", "-", "◦"])
    footer = rng.choice(["", f"{prose.town()} Branch · Education committee", "For internal use"])
    plan: list[tuple[str, list[str]]] = []
    for _ in range(rng.randint(3, 4)):
        plan.append((prose.title(), [prose.title() for _ in range(rng.randint(1, 3))]))
    total = 1 + sum(1 + len(subs) for _section, subs in plan)
    number = 0

    def slide_label() -> None:
        nonlocal number
        number += 1
        of = f"--- Slide {number} of {total} ---"
        line = {"slide": f"Slide {number}", "bare": str(number), "of": of}[label]
        w.blank()
        w.raw(["", line])
        if label != "bare":  # a bare number could be found anywhere
            w.furniture(line)

    def slide_footer() -> None:
        if footer:
            w.raw([footer, ""])
            w.furniture(footer)

    slide_label()
    w.raw([w.truth.title, f"{prose.name()}, {prose.date()}", ""])
    slide_footer()
    for section, subs in plan:
        slide_label()
        w.heading([section], section, 1, gap=False)
        slide_footer()
        for sub in subs:
            slide_label()
            w.heading([sub], sub, 2, gap=False)
            for _ in range(rng.randint(2, 4)):
                point = prose.sentence()
                w.raw([f"{bullet} {point}"])
                w.truth.sentences.append(point)
                if rng.random() < 0.3:
                    w.raw([f"    {sub_bullet} {prose.brief()}"])
            w.raw([""])
            slide_footer()
            if rng.random() < 0.7:
                w.raw([notes_label])
                _paragraphs(rng, prose, w, 1, 2)
    return finish(w, "slides")


# --------------------------------------------------------------------------- 4

MINISTERS = ["Minister of Transport", "Minister of Labour", "Minister of Education"]


def hansard(seed: int) -> Case:
    """A day's parliamentary record as a digitised archive gives it: the sitting's date,
    "ORAL ANSWERS TO QUESTIONS" with subjects in title case over numbered questions and
    their answers, then a bill's debate under its title in capitals with its stages;
    speakers as "Mr. ASHDOWN:" before their words, times ("4.15 p.m.") alone on a line,
    column numbers ("1432") between paragraphs and the record's reference at the page top."""
    lay = _layout("hansard", seed)
    day, year = lay.randint(1, 28), lay.randint(1946, 1969)
    month = lay.choice(["March", "May", "October", "December"])
    volume = lay.randint(400, 700)
    state = {"column": lay.randint(900, 2400)}

    def header(page: int) -> list[str]:
        line = f"HC Deb {day} {month} {year} vol {volume} cc{state['column']}-{state['column'] + 3}"
        w.furniture(line)
        return [line]

    rng, prose, w = _begin(
        "hansard",
        seed,
        width=lay.randint(56, 66),
        page_len=lay.randint(44, 60),
        header=header,
        hyphenate=lay.random() < 0.4,
    )
    speakers: dict[str, str] = {}  # name: how the record styles them
    while len(speakers) < 5:
        name = prose.name()
        surname = name.split()[-1].upper()
        speakers[name] = rng.choice([f"Mr. {surname}", f"Mrs. {surname}"])
    punctuation = rng.choice([": ", ". "])
    weekday = rng.choice(["Tuesday", "Thursday"])
    w.raw([w.truth.title, "", "HOUSE OF COMMONS", f"{weekday}, {day} {month}, {year}."])
    w.raw(["", "The House met at half-past Two o'clock.", "", ""])

    def column() -> None:
        if rng.random() < 0.3:
            state["column"] += 1
            w.raw([str(state["column"]), ""])
            w.furniture(str(state["column"]))

    def speech(who: str, sentences: list[str]) -> None:
        said(w, sentences, f"{speakers[who]}{punctuation}")
        column()

    w.heading(["ORAL ANSWERS TO QUESTIONS"], "Oral Answers to Questions", 1)
    asked = 0
    for _ in range(rng.randint(2, 4)):
        subject = prose.title()
        w.heading([subject], subject, 2)
        for _ in range(rng.randint(1, 2)):
            asked += 1
            asker, minister = rng.sample(list(speakers), 2)
            topic = rng.choice(["the lock tolls", "the sluice keys", "the towing ropes"])
            question = f"{asker} asked the {rng.choice(MINISTERS)} what he is doing about {topic}."
            said(w, [question], f"{asked}. ")
            speech(minister, prose.sentences(1, 3))
            if rng.random() < 0.5:
                speech(asker, prose.sentences(1, 2))
    bill = prose.title()
    debate = f"{bill.upper()} BILL"
    w.heading([debate], f"{bill} Bill", 1)
    w.raw(["Order for Second Reading read.", ""])
    w.raw([f"{rng.randint(3, 5)}.{rng.choice(['0', '15', '30', '45'])} p.m.", ""])
    for k in range(rng.randint(4, 7)):
        speech(rng.choice(list(speakers)), prose.sentences(2, 5))
        if k == 2:
            w.raw([f"{rng.randint(6, 9)}.{rng.choice(['5', '20', '40'])} p.m.", ""])
    w.raw(["Question put and agreed to.", "", "Bill accordingly read a Second time.", ""])
    return finish(w, "hansard")


# --------------------------------------------------------------------------- 5


def lecture(seed: int) -> Case:
    """A lecture series transcribed from recordings: "LECTURE 2" over its title (or
    "Lecture Two: Title"), the transcriber's topic heads inside, time codes ("[00:14:02]"
    or "14:02") opening paragraphs, "[laughter]", "[inaudible]" and "[slide]" inside them,
    questions from the floor at the end of each lecture under a heading of their own."""
    lay = _layout("lecture", seed)
    rng, prose, w = _begin("lecture", seed, width=lay.choice([10_000, lay.randint(66, 84)]))
    stamp_style = rng.choice(["bracket", "bare", "none_first"])
    clock = {"t": 0}

    def stamp() -> str:
        clock["t"] += rng.randint(40, 400)
        h, rest = divmod(clock["t"], 3600)
        m, s = divmod(rest, 60)
        if stamp_style == "bracket":
            return f"[{h:02}:{m:02}:{s:02}] "
        return f"{h * 60 + m:02}:{s:02} "

    w.raw([w.truth.title, f"Lectures given at the {prose.town()} Institute by {prose.name()}"])
    w.raw([f"Transcribed from the tape recordings by {prose.name()}", "", ""])
    lecture_style = rng.choice(["label_line", "word_colon"])
    caps_floor = rng.random() < 0.4
    sounds = ["[laughter]", "[inaudible]", "[slide]", "[applause]", "[pause]"]
    for n in range(1, rng.randint(2, 4) + 1):
        clock["t"] = 0
        name = prose.title()
        printed = {
            "label_line": [f"LECTURE {n}", name],
            "word_colon": [f"Lecture {number_word(n)}: {name}"],
        }[lecture_style]
        w.heading(printed, name, 1)
        for t in range(rng.randint(1, 3)):
            if t:
                topic = prose.title(question=rng.random() < 0.25)
                w.heading([topic], topic, 2)
            for _ in range(rng.randint(2, 3)):
                sentences = prose.sentences(2, 5)
                if rng.random() < 0.5:
                    k = rng.randrange(len(sentences) - 1) if len(sentences) > 1 else 0
                    sentences[k] = f"{sentences[k]} {rng.choice(sounds)}"
                bare = [s.split(" [")[0] for s in sentences]
                prefix = "" if stamp_style == "none_first" and rng.random() < 0.5 else stamp()
                said(w, sentences, prefix)
                w.truth.sentences.extend(s for s in bare if s not in w.truth.sentences)
        floor = rng.choice(
            [f"Questions after Lecture {n}", f"Discussion of Lecture {number_word(n)}"]
        )
        w.heading([floor.upper() if caps_floor else floor], floor, 2)
        for _ in range(rng.randint(1, 2)):
            said(w, [prose.sentence()], rng.choice(["Q: ", "QUESTION: ", "Audience member: "]))
            said(w, prose.sentences(1, 3), rng.choice(["A: ", "LECTURER: ", ""]))
    return finish(w, "lecture", drop=r"\[(?:laughter|inaudible|slide|applause|pause)\]")


# --------------------------------------------------------------------------- 6

TRIBUNALS = ["Canal Carrying Tribunal", "Glass Trades Arbitration Board", "Orchard Wages Board"]


def judgment(seed: int) -> Case:
    """A tribunal's judgment: the case's parties and citation, "JUDGMENT", the chair's name,
    numbered paragraphs ("12." or "[12]") under plain headings ("Background", "The
    grounds of appeal"), the grounds themselves headed "Ground 1: …" or "(a) …", quoted
    passages indented, and the citation with "Page 3" at each page's foot."""
    lay = _layout("judgment", seed)
    citation = (
        f"[{lay.randint(1960, 1999)}] {lay.choice(['CCT', 'GTAB', 'OWB'])} {lay.randint(2, 90)}"
    )

    def footer(page: int) -> list[str]:
        line = f"{citation}{' ' * 20}Page {page}"
        w.furniture(f"Page {page}")
        return [line]

    rng, prose, w = _begin(
        "judgment",
        seed,
        width=lay.randint(64, 76),
        page_len=lay.randint(46, 58),
        footer=footer,
    )
    tribunal = rng.choice(TRIBUNALS)
    claimant, respondent = (
        prose.name(),
        f"{prose.town()} {rng.choice(['Carrying Co.', 'Glass Ltd'])}",
    )
    chair = prose.name()
    w.raw([f"Neutral citation: {citation}", "", f"IN THE {tribunal.upper()}", ""])
    w.raw([w.truth.title, "", "BETWEEN:", "", f"{claimant.upper()}", "Appellant", "- and -"])
    w.raw([f"{respondent.upper()}", "Respondent", "", f"Judgment of {chair}, Chair:", ""])
    number_style = rng.choice(["dot", "bracket"])
    ground_style = rng.choice(["ground", "letter", "issue"])
    paragraph_no = 0

    def numbered(count: int) -> None:
        nonlocal paragraph_no
        for _ in range(count):
            paragraph_no += 1
            label = f"{paragraph_no}. " if number_style == "dot" else f"[{paragraph_no}] "
            said(w, prose.sentences(2, 5), label)
            if rng.random() < 0.15:  # a passage quoted from the decision appealed, set in
                quoted = prose.sentences(1, 2)
                lines = wrap(" ".join(quoted), w.width - 16, rng, hyphenate=False)
                w.blank()
                w.raw([f"        {line.text}" for line in lines] + [""])
                w.truth.sentences.extend(quoted)

    first = rng.choice(["Introduction", "The Appeal"])
    w.heading([first], first, 1)
    numbered(rng.randint(1, 3))
    w.heading(["Background"], "Background", 1)
    numbered(rng.randint(2, 4))
    grounds = rng.choice(["The grounds of appeal", "The issues", "Discussion"])
    w.heading([grounds], grounds, 1)
    numbered(1)
    for g in range(1, rng.randint(2, 4) + 1):
        name = prose.title()
        printed = {
            "ground": f"Ground {g}: {name}",
            "letter": f"({'abcd'[g - 1]}) {name}",
            "issue": f"Issue {g} – {name}",
        }[ground_style]
        w.heading([printed], name, 2)
        numbered(rng.randint(1, 3))
    end = rng.choice(["Conclusion", "Disposal"])
    w.heading([end], end, 1)
    numbered(1)
    w.raw(["", f"{chair}", f"{rng.randint(1, 28)} {rng.choice(['June', 'November'])}", ""])
    return finish(w, "judgment")


# --------------------------------------------------------------------------- 7


def markup(seed: int) -> Case:
    """A text kept in a markup language and pasted as its source: a wiki's ("== H ==",
    "=== H ===", notes as "<ref>…</ref>" in the sentence, "{{Reflist}}"), org-mode's ("*",
    "**", a property drawer, "[fn:3]" with the notes under "* Footnotes") or AsciiDoc's
    ("==", "===", notes as "footnote:[…]" in the sentence), with a title line of its kind."""
    lay = _layout("markup", seed)
    rng, prose, w = _begin("markup", seed, width=lay.choice([10_000, 10_000, lay.randint(70, 90)]))
    kind = rng.choice(["wiki", "org", "asciidoc"])
    title = w.truth.title
    if kind == "wiki":
        w.raw([f"'''{title}''' is an account kept by {prose.name()}.", ""])
    elif kind == "org":
        w.raw([f"#+TITLE: {title}", f"#+AUTHOR: {prose.name()}", "#+OPTIONS: toc:nil", ""])
    else:
        w.raw([f"= {title}", f"{prose.name()}", ":toc:", ""])
    org_notes: list[str] = []
    marks = {
        1: {"wiki": "==", "org": "*", "asciidoc": "=="},
        2: {"wiki": "===", "org": "**", "asciidoc": "==="},
    }

    def head(name: str, level: int) -> None:
        mark = marks[level][kind]
        printed = f"{mark} {name} {mark}" if kind == "wiki" else f"{mark} {name}"
        w.heading([printed], name, level, gap=kind != "org")
        w.truth.headings[-1].printed = printed
        if kind == "org" and rng.random() < 0.4:
            w.lines.pop()
            w.raw([":PROPERTIES:", f":CUSTOM_ID: sec-{len(w.truth.headings)}", ":END:", ""])
            for line in (":PROPERTIES:", ":END:"):
                w.furniture(line)

    def body() -> None:
        for _ in range(rng.randint(1, 3)):
            sentences = prose.sentences(2, 5)
            w.truth.sentences.append(sentences[0])
            if rng.random() < 0.4:
                k = rng.randrange(len(sentences))
                note = prose.note()
                w.truth.footnotes += 1
                if kind == "wiki":
                    sentences[k] += f"<ref>{note}</ref>"
                elif kind == "asciidoc":
                    sentences[k] += f"footnote:[{note}]"
                else:
                    org_notes.append(note)
                    sentences[k] += f"[fn:{len(org_notes)}]"
                w.truth.sentences.append(re.sub(r"(<ref>|footnote:\[|\[fn:).*", "", sentences[k]))
            w.paragraph(sentences)

    for _ in range(rng.randint(2, 4)):
        head(prose.title(), 1)
        body()
        for _ in range(rng.randint(0, 2)):
            head(prose.title(question=rng.random() < 0.2), 2)
            body()
    if kind == "wiki":  # the notes' section is a heading like any other to a reader
        w.heading(["== References =="], "References", 1)
        w.raw(["{{Reflist}}", ""])
        w.furniture("{{Reflist}}")
    elif kind == "org" and org_notes:
        w.raw(["", "* Footnotes", ""])
        for k, note in enumerate(org_notes, 1):
            w.raw([f"[fn:{k}] {note}", ""])
    truth = w.truth
    truth.sentences = list(dict.fromkeys(truth.sentences))
    return finish(w, "markup")


FAMILIES = {
    "handbook": handbook,
    "translation": translation,
    "slides": slides,
    "hansard": hansard,
    "lecture": lecture,
    "judgment": judgment,
    "markup": markup,
}
