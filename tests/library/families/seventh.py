"""Seventh held-out families: plain-text inputs of kinds no earlier family writes.

A recorded talk's captions saved as a subtitle file or copied from a video site's
transcript panel; a distance-learning study pack with exercises and an answer key; a
volume of sermons; a published diary edited year by year; a local newspaper's archive
page as its OCR gives it; a screenplay; and an exhibition catalogue with its essays and
numbered entries. Each function of a seed returns a Case whose truth is built while the
text is written. Levels are on the scorer's two-step scale: a talk's chapters, units,
sermons, years, articles, acts (or a feature's scenes), essays and the catalogue are
level 1; a unit's sections, a sermon's heads, months, an article's cross-heads, an act's
scenes and the catalogue's entries are level 2. The prose is seventh_prose.py's.
"""

from __future__ import annotations

import random

from .model import Case, Heading
from .render import Writer, begin, finish, number_word, roman, said, wrap
from .seventh_prose import TOWNS, SeventhProse


def _begin(family: str, seed: int, writer: type[Writer] = Writer, **layout):
    return begin("seventh", family, seed, SeventhProse, writer, **layout)


def _layout(family: str, seed: int) -> random.Random:
    """A second generator for page geometry, so the prose does not shift with the width."""
    return random.Random(f"seventh-layout-{family}:{seed}")


def _paragraphs(rng: random.Random, prose: SeventhProse, w: Writer, low: int, high: int) -> None:
    """Paragraphs whose first sentences are probes, besides those a break cuts."""
    for _ in range(rng.randint(low, high)):
        w.paragraph(prose.sentences(2, 5), probe_first=True)


def _title_unused(prose: SeventhProse, w: Writer, **kw) -> str:
    """A title no heading of this case has yet, nor the case itself."""
    while True:
        title = prose.title(**kw)
        if title.casefold() != w.truth.title.casefold():
            return title


# --------------------------------------------------------------------------- 1

SOUNDS = ["[APPLAUSE]", "[LAUGHTER]", "[CHIMES]", "(audience murmurs)", "[MUSIC]"]


def _clock(ms: int, style: str) -> str:
    h, rest = divmod(ms, 3_600_000)
    m, rest = divmod(rest, 60_000)
    s, ms = divmod(rest, 1000)
    if style == "srt":
        return f"{h:02}:{m:02}:{s:02},{ms:03}"
    if style == "vtt":
        return f"{h:02}:{m:02}:{s:02}.{ms:03}"
    return f"{h * 60 + m}:{s:02}"


def captions(seed: int) -> Case:
    """A recorded talk's captions: a SubRip file (cue numbers, "00:01:02,500 --> …" timings,
    two short lines a cue), a WebVTT file ("WEBVTT", chapters as "NOTE Chapter 2: Title")
    or the transcript panel of a video site copied out ("1:23" over each line, chapter titles
    on lines of their own). Sentences run across cues and cues cut them anywhere; sounds
    ("[APPLAUSE]") sit between them; a talk's title cards ("PART TWO — THE TENOR BELL")
    mark its chapters in the subtitle files."""
    lay = _layout("captions", seed)
    style = lay.choice(["srt", "vtt", "panel"])
    width = lay.choice([32, 37, 42])
    rng, prose, w = _begin("captions", seed, width=width)
    speaker = prose.name()
    clock = rng.randint(0, 4000)
    cue = 0
    lines: list[str] = ["WEBVTT", "Kind: captions", "Language: en", ""] if style == "vtt" else []
    if style == "vtt":
        w.furniture("WEBVTT")
    if style == "panel":
        lines += [w.truth.title, f"{speaker} · {rng.randint(2, 90)}K views", "", "Transcript", ""]

    def emit(text_lines: list[str], furnish: bool = False) -> None:
        nonlocal clock, cue
        cue += 1
        start = clock
        clock += rng.randint(1800, 4200)
        timing = f"{_clock(start, style)} --> {_clock(clock, style)}"
        if style == "srt":
            lines.extend([str(cue), timing, *text_lines, ""])
        elif style == "vtt":
            lines.extend([timing, *text_lines, ""])
        else:
            lines.extend([_clock(start, style), " ".join(text_lines)])
        if furnish:
            w.furniture(_clock(start, style) if style == "panel" else timing)

    emit([w.truth.title.upper()] if style != "panel" else [f"Welcome. {prose.brief()}"])
    chapter_style = lay.choice(["part", "dash", "bare"])
    for n in range(1, rng.randint(3, 5) + 1):
        name = _title_unused(prose, w)
        printed = {
            "part": f"PART {number_word(n).upper()} — {name.upper()}",
            "dash": f"{n} – {name}",
            "bare": name,
        }[chapter_style]
        if style == "vtt":
            printed = f"NOTE Chapter {n}: {name}"
            lines.extend([printed, ""])
        elif style == "panel":
            printed = name
            lines.append(printed)
        else:
            emit([printed])
        w.truth.headings.append(Heading(title=name, level=1, printed=printed))
        spoken = prose.sentences(3, 6)
        w.truth.sentences.extend(s for s in spoken if s not in w.truth.sentences)
        stream = " ".join(spoken)
        pieces = [line.text for line in wrap(stream, width, rng, hyphenate=False)]
        first = True
        while pieces:
            take = 1 if style == "panel" else rng.choice([1, 2, 2])
            emit(pieces[:take], furnish=first)
            pieces, first = pieces[take:], False
            if rng.random() < 0.08:
                emit([rng.choice(SOUNDS)])
    emit(["[APPLAUSE]"])
    w.raw(lines)
    return finish(w, "captions")


# --------------------------------------------------------------------------- 2


def study_pack(seed: int) -> Case:
    """A distance-learning study pack: how to use it, units ("UNIT 3" over the title, "Unit
    3: Title" or "3 Title") with numbered sections ("3.1 Title"), exercises set in a frame
    under an "Exercise 3.2" label with lettered questions, "Stop and think" prompts, and the
    answers gathered at the back by exercise number; "Study Pack · Unit 3" and the page at
    each foot. Exercise labels are no headings."""
    lay = _layout("study_pack", seed)
    width = lay.randint(62, 74)
    pack = lay.choice(["Study Pack", "Course Workbook", "Home Study Notes"])

    def footer(page: int) -> list[str]:
        line = f"{pack} · Unit {state['unit']}" if state["unit"] else pack
        left, right = line, f"page {page}"
        w.furniture(line)
        w.furniture(right)
        return [f"{left}{right.rjust(width - len(left))}"]

    state = {"unit": 0}
    rng, prose, w = _begin(
        "study_pack",
        seed,
        width=width,
        page_len=lay.randint(44, 56),
        footer=footer,
        hyphenate=lay.random() < 0.3,
    )
    w.raw([w.truth.title.upper(), "", f"{pack} for the {prose.town()} Evening Class", ""])
    w.raw([f"Prepared by {prose.name()}", "", ""])
    using = rng.choice(["How to Use This Pack", "Before You Begin"])
    w.heading([using], using, 1)
    _paragraphs(rng, prose, w, 1, 2)
    unit_style = rng.choice(["over", "colon", "number"])
    edge = rng.choice(["-" * (width - 8), "~" * (width - 8)])
    answers: list[tuple[str, list[str]]] = []
    for unit in range(1, rng.randint(3, 4) + 1):
        state["unit"] = unit
        name = _title_unused(prose, w)
        printed = {
            "over": [f"UNIT {unit}", name],
            "colon": [f"Unit {unit}: {name}"],
            "number": [f"{unit}  {name}"],
        }[unit_style]
        w.heading(printed, name, 1)
        _paragraphs(rng, prose, w, 1, 1)
        for section in range(1, rng.randint(2, 3) + 1):
            sub = _title_unused(prose, w)
            w.heading([f"{unit}.{section} {sub}"], sub, 2)
            _paragraphs(rng, prose, w, 1, 2)
            if rng.random() < 0.4:
                prompt = prose.sentence()
                w.raw(["", f"Stop and think: {prompt}", ""])
                w.truth.sentences.append(prompt)
            if rng.random() < 0.6:
                label = f"Exercise {unit}.{section}"
                w.blank()
                w.raw([edge, label, ""])
                asked = prose.sentences(2, 3)
                for letter, question in zip("abc", asked, strict=False):
                    first, *rest = wrap(question, width - 12, rng, hyphenate=False)
                    w.raw([f"({letter}) {first.text}", *(f"    {line.text}" for line in rest)])
                w.raw([edge, ""])
                w.furniture(edge)
                w.truth.sentences.extend(asked)
                answers.append((label, prose.sentences(len(asked), len(asked))))
    if answers:
        back = rng.choice(["Answers to the Exercises", "Answers and Comments"])
        w.heading([back.upper() if rng.random() < 0.5 else back], back, 1)
        for label, given in answers:
            w.raw([label, ""])
            for letter, answer in zip("abc", given, strict=False):
                said(w, [answer], f"({letter}) ")
    return finish(w, "study_pack")


# --------------------------------------------------------------------------- 3


def sermons(seed: int) -> Case:
    """A volume of sermons: a preface, each sermon under "SERMON IV." over its title (or
    "IV. Title", or the title in capitals), its text quoted and cited, where and when it was
    preached, heads "I. Title" (or run into the paragraph, "Firstly, …", as no heading),
    an application; notes at the page foot marked "*" or numbered; the volume's name and
    the sermon's title as running heads, the page number beside them."""
    lay = _layout("sermons", seed)
    width = lay.randint(56, 70)

    def header(page: int) -> list[str]:
        line = volume.upper() if page % 2 == 0 else state["title"].upper()
        w.furniture(line)
        return [
            f"{page:<6}{line}" if page % 2 == 0 else f"{line}{str(page).rjust(width - len(line))}"
        ]

    state = {"title": ""}
    rng, prose, w = _begin(
        "sermons",
        seed,
        width=width,
        page_len=lay.randint(36, 46),
        header=header,
        hyphenate=lay.random() < 0.5,
        notes="page",
        marker_style=lay.choice(["super", "plain"]),
        indent=lay.choice(["", "    "]),
    )
    volume = w.truth.title
    preacher = prose.name()
    state["title"] = volume
    w.raw(
        [
            volume.upper(),
            "",
            "SERMONS PREACHED IN THE ISLAND CHURCHES",
            "",
            f"by the Rev. {preacher}",
            "",
            "",
        ]
    )
    w.heading(["PREFACE"], "Preface", 1)
    _paragraphs(rng, prose, w, 1, 2)
    head_style = rng.choice(["label_over", "roman", "caps"])
    heads_printed = rng.random() < 0.6
    for n in range(1, rng.randint(3, 4) + 1):
        name = _title_unused(prose, w)
        state["title"] = name
        printed = {
            "label_over": [f"SERMON {roman(n)}.", name],
            "roman": [f"{roman(n)}. {name}"],
            "caps": [name.upper()],
        }[head_style]
        w.heading(printed, name, 1)
        text = prose.sentence()
        while "“" in text:  # no speech inside the quoted text
            text = prose.sentence()
        quoted = wrap(f"“{text}”", width - 8, rng, hyphenate=False)
        w.raw([f"    {line.text}" for line in quoted])
        w.raw([f"        {prose.town()} Psalter {rng.randint(1, 40)}. {rng.randint(1, 30)}.", ""])
        w.raw([f"Preached in {prose.town()} Church, {prose.date()}.", ""])
        _paragraphs(rng, prose, w, 1, 2)
        for k in range(1, rng.randint(2, 3) + 1):
            if heads_printed:
                head = _title_unused(prose, w)
                w.heading([f"{roman(k)}. {head}"], head, 2, gap=False)
                w.paragraph(prose.sentences(2, 5), notes=int(rng.random() < 0.3), probe_first=True)
            else:
                opener = ["Firstly", "Secondly", "Thirdly"][k - 1]
                body = prose.sentences(2, 5)
                said(w, body, f"{opener}, ", notes=int(rng.random() < 0.3))
            _paragraphs(rng, prose, w, 0, 1)
        said(w, prose.sentences(2, 4), rng.choice(["In application: ", "And now, friends, "]))
    return finish(w, "sermons")


# --------------------------------------------------------------------------- 4

WEEKDAYS = ["Mon.", "Tues.", "Wed.", "Thurs.", "Fri.", "Sat.", "Sun."]


def diary(seed: int) -> Case:
    """A diary edited for publication: the editor's introduction, the years ("1931", or "THE
    YEAR 1931") and their months ("MARCH 1931" or "March 1931"), entries whose date runs into
    their first line ("Tues. 4th.— …" or "4 March. …"), "[illegible]" where the hand fails,
    the editor's notes after each year, numbered from 1; the diarist's name as running head."""
    lay = _layout("diary", seed)
    width = lay.randint(60, 72)

    def header(page: int) -> list[str]:
        line = f"THE DIARY OF {diarist.upper()}"
        w.furniture(line)
        return [line.center(width).rstrip(), str(page).center(width).rstrip()]

    rng, prose, w = _begin(
        "diary",
        seed,
        width=width,
        page_len=lay.randint(40, 52),
        header=header,
        hyphenate=lay.random() < 0.4,
        notes="chapter",
        marker_style=lay.choice(["super", "plain"]),
    )
    diarist = prose.name()
    w.raw([w.truth.title, "", f"The Diary of {diarist}", f"Edited by {prose.name()}", "", ""])
    intro = rng.choice(["Introduction", "Editor's Introduction"])
    w.heading([intro.upper()], intro, 1)
    _paragraphs(rng, prose, w, 2, 3)
    year_style = rng.choice(["bare", "the_year"])
    month_style = rng.choice(["caps", "with_year"])
    entry_style = rng.choice(["weekday", "day_month"])
    year = rng.randint(1925, 1950)
    for y in range(year, year + rng.randint(2, 3)):
        shown = str(y) if year_style == "bare" else f"THE YEAR {y}"
        w.heading([shown], shown if year_style == "bare" else f"The Year {y}", 1)
        months = sorted(rng.sample(range(12), rng.randint(1, 3)))
        for m in months:
            month = ["January", "February", "March", "April", "May", "June", "July", "August",
                     "September", "October", "November", "December"][m]  # fmt: skip
            title = f"{month} {y}"  # a month comes back each year: the year keeps it apart
            printed = title.upper() if month_style == "caps" else title
            w.heading([printed], title, 2, gap=False)
            for day in sorted(rng.sample(range(1, 29), rng.randint(2, 4))):
                date = (
                    f"{rng.choice(WEEKDAYS)} {day}th.— "
                    if entry_style == "weekday"
                    else f"{day} {month}. "
                )
                body = prose.sentences(1, 4)
                if rng.random() < 0.2 and len(body) > 1:
                    body[-1] = body[-1].rstrip(".") + " [illegible]."
                said(w, body, date, notes=int(rng.random() < 0.3))
        w.end_chapter()
    return finish(w, "diary", drop=r"\[illegible\]")


# --------------------------------------------------------------------------- 5

ADVERTS = [
    "HEATHER HONEY, 1s. 6d. the jar. Apply Macrae, Kilbarra.",
    "TWEEDS of every weight. Drummond & Son, The Mill.",
    "PICTURE NIGHT every Friday in the Hall. Admission 4d.",
    "WANTED, a strong lad for the curing yard. Good wages.",
    "CURLING STONES ground and polished. Sinclair, Smith.",
]


def gazette(seed: int) -> Case:
    """A local weekly's page from a digitised archive, as its OCR gives it: the paper's name,
    date and page over every page, narrow hyphenated columns run one after the other, each
    article under a headline in capitals with a deck line under it, a dateline opening its
    first paragraph ("KILBARRA, Tuesday.—"), centred cross-heads in the long ones, small
    advertisements between the articles, and "(Continued on page 5.)" where one jumps."""
    lay = _layout("gazette", seed)
    width = lay.randint(38, 50)
    paper = f"THE {lay.choice(TOWNS).upper()} {lay.choice(['GAZETTE', 'HERALD', 'ADVERTISER'])}"

    def header(page: int) -> list[str]:
        line = f"{paper}, {issue_date}."
        w.furniture(line)
        return [line, str(page)]

    month, day = lay.choice(["MARCH", "MAY", "OCTOBER"]), lay.randint(1, 28)
    issue_date = f"SATURDAY, {month} {day}, {lay.randint(1911, 1938)}"
    rng, prose, w = _begin(
        "gazette",
        seed,
        width=width,
        page_len=lay.randint(60, 80),
        header=header,
        hyphenate=True,
        page_break=lay.choice(["\f", ""]),
    )
    w.raw([f"{paper}, {issue_date}.", "", w.truth.title.upper(), ""])
    w.furniture(f"{paper}, {issue_date}.")
    adverts = rng.sample(ADVERTS, 3)
    for n in range(rng.randint(4, 6)):
        name = _title_unused(prose, w)
        w.heading([name.upper()], name, 1)
        deck = rng.choice(["Meeting in the Hall.", "A Lively Discussion.", "Township Aroused."])
        w.raw([deck.upper() if rng.random() < 0.4 else deck, ""])
        said(
            w,
            prose.sentences(2, 4),
            f"{prose.town().upper()}, {rng.choice(['Tuesday', 'Thursday'])}.— ",
        )
        for _ in range(rng.randint(2, 4)):
            if rng.random() < 0.35:
                cross = _title_unused(prose, w)
                w.heading([cross.center(width).rstrip()], cross, 2, gap=False)
            w.paragraph(prose.sentences(2, 5), probe_first=True)
        if n < 2 and rng.random() < 0.3:
            jump = f"(Continued on page {rng.randint(5, 8)}.)"
            w.raw([jump.rjust(width), ""])
            w.furniture(jump)
        if adverts and rng.random() < 0.6:
            advert = adverts.pop()
            rule = "—" * 12
            w.raw(["", rule.center(width).rstrip()])
            w.raw([line.text for line in wrap(advert, width, rng, hyphenate=False)])
            w.raw([rule.center(width).rstrip(), ""])
            w.furniture(advert)
    return finish(w, "gazette")


# --------------------------------------------------------------------------- 6

PLACES = [
    "RINGING CHAMBER", "BEE BOLES", "WEAVING SHED", "CURING YARD", "PEAT BANK", "CHURCH HALL",
    "FROZEN LOCH", "OPERATOR'S BOOTH", "WAULKING SHED", "MANSE KITCHEN", "MOSS ROAD",
    "BELFRY LADDER",
]  # fmt: skip
TIMES = ["DAY", "NIGHT", "DAWN", "DUSK", "LATER", "CONTINUOUS"]
MANNERS = ["(quietly)", "(to the room)", "(beat)", "(not looking up)", "(in Gaelic, subtitled)"]


class _ScriptWriter(Writer):
    """A page of screenplay: a break inside a speech leaves "(MORE)" at the foot and the
    speaker's name with "(CONT'D)" at the next page's top, as screenwriting software does."""

    speaker: str = ""

    def _body_line(self, text: str) -> bool:
        self.lines.append(text)
        self.on_page += 1
        if self.page_len and self.on_page >= self.page_len:
            if self.speaker:
                self.lines.append(" " * 20 + "(MORE)")
            self.new_page()
            if self.speaker:
                self.lines.append(" " * 20 + f"{self.speaker} (CONT'D)")
                self.furniture(f"{self.speaker} (CONT'D)")
                self.furniture("(MORE)")
            return True
        return False


def screenplay(seed: int) -> Case:
    """A screenplay as a writing program saves it as text: a title page, "FADE IN:", scene
    headings ("INT. APIARY - DAWN", numbered at both ends in a shooting script), action in
    full-width paragraphs, speakers' names set in over their indented lines, parentheticals,
    transitions set right ("CUT TO:"), "ACT ONE" over a television script's scenes, a page
    number at each page's top right, and "(MORE)"/"(CONT'D)" where a speech crosses pages."""
    lay = _layout("screenplay", seed)

    def header(page: int) -> list[str]:
        w.furniture(f"{page}.")
        return [f"{page}.".rjust(60)]

    rng, prose, w = _begin(
        "screenplay", seed, _ScriptWriter, width=60, page_len=lay.randint(46, 54), header=header
    )
    numbered = lay.random() < 0.4
    acts = lay.random() < 0.5
    author = prose.name()
    w.raw(["", w.truth.title.upper().center(60).rstrip(), "", "written by".center(60).rstrip()])
    w.raw([author.center(60).rstrip(), "", f"Draft of {prose.date()}", "", "\f", "FADE IN:", ""])
    cast = [prose.name().split()[0].upper() for _ in range(4)]
    cast = list(dict.fromkeys(cast))
    used: set[str] = set()
    scene = 0
    for act in range(1, (rng.randint(2, 3) if acts else 1) + 1):
        if acts:
            label = f"ACT {number_word(act).upper()}"
            w.heading([label.center(60).rstrip()], label.title(), 1)
        for _ in range(rng.randint(3, 5) if acts else rng.randint(7, 10)):
            scene += 1
            while True:
                slug = f"{rng.choice(['INT.', 'EXT.'])} {rng.choice(PLACES)} - {rng.choice(TIMES)}"
                if slug not in used:
                    used.add(slug)
                    break
            printed = f"{scene}  {slug}  {scene}" if numbered else slug
            w.heading([printed], slug, 2 if acts else 1, gap=False)
            w.paragraph(prose.sentences(1, 3), probe_first=True)
            for _ in range(rng.randint(2, 4)):
                who = rng.choice(cast)
                w.raw([" " * 20 + who], count=True)
                if rng.random() < 0.25:
                    w.raw([" " * 15 + rng.choice(MANNERS)])
                speech = prose.sentences(1, 3)
                w.truth.sentences.extend(s for s in speech if s not in w.truth.sentences)
                w.speaker = who
                for line in wrap(" ".join(speech), 35, rng, hyphenate=False):
                    w._body_line(" " * 10 + line.text)
                w.speaker = ""
                w.raw([""])
                if rng.random() < 0.3:
                    w.paragraph(prose.sentences(1, 2), probe_first=True)
            w.raw([rng.choice(["CUT TO:", "DISSOLVE TO:", "SMASH CUT TO:"]).rjust(60), ""])
        if acts:
            end = f"END OF ACT {number_word(act).upper()}"
            w.raw([end.center(60).rstrip(), ""])
    w.raw(["FADE OUT.".rjust(60), "", "THE END".center(60).rstrip()])
    return finish(w, "screenplay")


# --------------------------------------------------------------------------- 7

MEDIA = ["Oil on board", "Watercolour on paper", "Woven wool", "Linocut", "Carved pine"]
LENDERS = ["Private collection", "Lent by the Kirk Session", "The Township Trust"]


def catalogue(seed: int) -> Case:
    """An exhibition catalogue: the lenders' thanks, a foreword, an essay or two with
    end-notes, then the catalogue of works, each entry numbered ("12  THE FROZEN
    BELFRY", "Cat. 12 Title" or "12. Title (1931)") with its medium, size and lender on
    lines of their own and an entry's text under them, "Plate 4" captions dropped in where
    the plates were, the exhibition's name as a running head and a folio at the foot."""
    lay = _layout("catalogue", seed)
    width = lay.randint(58, 72)
    entry_style = lay.choice(["caps", "cat", "dated"])

    def header(page: int) -> list[str]:
        w.furniture(show)
        return [show.center(width).rstrip()]

    def footer(page: int) -> list[str]:
        return [str(page).center(width).rstrip()]

    rng, prose, w = _begin(
        "catalogue",
        seed,
        width=width,
        page_len=lay.randint(42, 54),
        header=header,
        footer=footer,
        hyphenate=lay.random() < 0.4,
        notes="end",
        marker_style=lay.choice(["super", "plain"]),
    )
    show = f"{w.truth.title} · {prose.town()} {rng.randint(1970, 1999)}"
    w.raw([w.truth.title.upper(), "", "An exhibition of island work", "", ""])
    front = rng.choice(["Foreword", "Director's Foreword"])
    w.heading([front.upper() if rng.random() < 0.5 else front], front, 1)
    _paragraphs(rng, prose, w, 1, 2)
    for _ in range(rng.randint(1, 2)):
        essay = _title_unused(prose, w)
        w.heading([essay, f"{prose.name()}"], essay, 1)
        for _ in range(rng.randint(2, 3)):
            w.paragraph(prose.sentences(2, 5), notes=int(rng.random() < 0.5), probe_first=True)
    w.notes_block()
    listing = rng.choice(["Catalogue", "Catalogue of Works", "List of Works"])
    w.heading([listing.upper()], listing, 1)
    w.raw(["Dimensions are given height before width.", ""])
    entry, plate = 0, 0
    for _ in range(rng.randint(2, 4)):  # the rooms, unprinted: they set how many entries
        for _ in range(rng.randint(2, 3)):
            entry += 1
            name = _title_unused(prose, w)
            year = rng.randint(1890, 1975)
            printed = {
                "caps": f"{entry}  {name.upper()}",
                "cat": f"Cat. {entry} {name}",
                "dated": f"{entry}. {name} ({year})",
            }[entry_style]
            w.heading([printed], name, 2, gap=False)
            size = f"{rng.randint(20, 120)} × {rng.randint(20, 120)} cm"
            w.raw([f"{rng.choice(MEDIA)}, {size}", rng.choice(LENDERS), ""])
            w.paragraph(prose.sentences(1, 4), probe_first=True)
            if rng.random() < 0.3:
                plate += 1
                caption = f"Plate {plate}. {name} (cat. {entry})"
                w.raw(["", caption, ""])
                w.furniture(caption, tolerated=("caption",))
    thanks = rng.choice(["Lenders to the Exhibition", "Acknowledgements"])
    w.heading([thanks], thanks, 1)
    w.raw([*rng.sample(LENDERS, 2), f"{prose.name()}, {prose.town()}", ""])
    return finish(w, "catalogue")


FAMILIES = {
    "captions": captions,
    "study_pack": study_pack,
    "sermons": sermons,
    "diary": diary,
    "gazette": gazette,
    "screenplay": screenplay,
    "catalogue": catalogue,
}
