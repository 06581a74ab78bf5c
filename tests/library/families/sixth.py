"""Sixth held-out families: plain-text inputs of kinds no earlier family writes.

A union conference's final agenda of motions, composites and amendments; an oral-history
collection of interviews with the editor's headnotes and notes; a mailing list's digests
saved from a mail reader; a book club's reading guide with discussion questions; a
seminar's syllabus week by week with its reading lists; a branch's annual report with
its contents, reports and accounts; and a shared document downloaded as plain text with
its numbered headings, comments and notes. Each function of a seed returns a Case whose
truth is built while the text is written. Levels are on the scorer's two-step scale:
agenda sections, interviews, digest issues, a guide's parts, a syllabus's sections, a
report's reports and "1." headings are level 1; motions, an interview's themes,
messages, a guide's question sets, weeks, branches and "1.1" headings are level 2. The
prose is sixth_prose.py's.
"""

from __future__ import annotations

import random

from .model import Case, Heading
from .render import Writer, begin, finish, number_word, said, wrap
from .sixth_prose import TOWNS, SixthProse


def _begin(family: str, seed: int, writer: type[Writer] = Writer, **layout):
    return begin("sixth", family, seed, SixthProse, writer, **layout)


def _layout(family: str, seed: int) -> random.Random:
    """A second generator for page geometry, so the prose does not shift with the width."""
    return random.Random(f"sixth-layout-{family}:{seed}")


def _paragraphs(rng: random.Random, prose: SixthProse, w: Writer, low: int, high: int) -> None:
    """Paragraphs whose first sentences are probes, besides those a break cuts."""
    for _ in range(rng.randint(low, high)):
        w.paragraph(prose.sentences(2, 5), probe_first=True)


def _folio(style: str, page: int, width: int) -> str:
    """A page number as printed at a page's foot: "– 7 –", "Page 7", a bare "7" set right."""
    text = {"dash": f"– {page} –", "page": f"Page {page}", "bare": str(page)}[style]
    return text.center(width).rstrip() if style != "bare" else text.rjust(width)


# --------------------------------------------------------------------------- 1

AGENDA_SECTIONS = [
    "Organisation and Recruitment", "Health and Safety", "Education and Training",
    "Wages and Conditions", "Pensions", "International", "Equal Pay", "Rules Revision",
]  # fmt: skip
OUTCOMES = ["CARRIED", "LOST", "REMITTED", "Carried unanimously", "WITHDRAWN"]


def resolutions(seed: int) -> Case:
    """A union conference's final agenda: the standing orders committee's note, sections
    ("SECTION 3 — HEALTH AND SAFETY", "Section C: Pensions" or the name alone) holding
    numbered motions ("14. The Last Incline", "Motion 14 — …", "14  THE LAST INCLINE")
    moved by a branch, their text opening "Conference notes", "Conference believes",
    "Conference instructs", amendments ("Delete … and insert …"), composite motions, the
    outcome pencilled in after the vote; the agenda's name at each page's top, a folio."""
    lay = _layout("resolutions", seed)
    width = lay.randint(64, 76)
    folio = lay.choice(["dash", "page", "bare"])

    def header(page: int) -> list[str]:
        w.furniture(running)
        return [running]

    def footer(page: int) -> list[str]:
        line = _folio(folio, page, width)
        if folio != "bare":
            w.furniture(line.strip())
        return [line]

    rng, prose, w = _begin(
        "resolutions",
        seed,
        width=width,
        page_len=lay.randint(46, 58),
        header=header,
        footer=footer,
        hyphenate=lay.random() < 0.4,
    )
    year = rng.randint(1948, 1983)
    running = rng.choice(
        [f"FINAL AGENDA — {year} CONFERENCE", f"Annual Conference {year} · Final Agenda"]
    )
    union = rng.choice(["North Wales Quarrymen's Union", "Fire Brigades Section, Gwynedd"])
    ordinal = rng.choice(["SECOND", "FIFTH", "NINTH", "TWELFTH", "FORTIETH"])
    w.raw([union.upper(), "", f"{ordinal} ANNUAL CONFERENCE"])
    w.raw([f"{prose.town()}, {rng.randint(1, 28)} {rng.choice(['May', 'June'])} {year}", ""])
    w.raw([w.truth.title, "", ""])
    standing = "Report of the Standing Orders Committee"
    w.heading([standing], standing, 1)
    _paragraphs(rng, prose, w, 1, 2)
    section_style = rng.choice(["caps_dash", "letter", "plain"])
    motion_style = rng.choice(["dot", "label", "caps"])
    branches = [f"{town} Branch" for town in TOWNS]
    motion = 0
    for k, section in enumerate(rng.sample(AGENDA_SECTIONS, rng.randint(2, 4)), 1):
        printed = {
            "caps_dash": f"SECTION {k} — {section.upper()}",
            "letter": f"Section {'ABCDEFGH'[k - 1]}: {section}",
            "plain": section,
        }[section_style]
        w.heading([printed], section, 1)
        for _ in range(rng.randint(1, 3)):
            motion += 1
            composite = rng.random() < 0.2
            name = prose.title(question=rng.random() < 0.1)
            label = f"Composite {'ABCDEFGHIJ'[motion % 10]}" if composite else str(motion)
            shown = {
                "dot": f"{label}. {name}",
                "label": f"{'' if composite else 'Motion '}{label} — {name}",
                "caps": f"{label}  {name.upper()}",
            }[motion_style]
            w.heading([shown], name, 2)
            _motion(rng, prose, w, branches, composite)
    w.raw(["", "Emergency motions will be taken as time allows.", ""])
    return finish(w, "resolutions")


def _motion(rng, prose: SixthProse, w: Writer, branches: list[str], composite: bool) -> None:
    """A motion's clauses, its movers, perhaps an amendment, and the pencilled outcome."""
    said(w, prose.sentences(1, 2), "Conference notes: ")
    marks = rng.choice(
        [["(i)", "(ii)", "(iii)"], ["1.", "2.", "3."], ["•"] * 3, ["a)", "b)", "c)"]]
    )
    for clause in rng.sample(["believes", "instructs"], 2):
        if clause == "instructs":
            w.blank()
            w.raw(["Conference instructs the Executive to:", ""])
            for mark, item in zip(marks, prose.sentences(2, 3), strict=False):
                said(w, [item], f"{mark} ")
        else:
            said(w, prose.sentences(1, 3), "Conference believes: ")
    movers = rng.sample(branches, 3 if composite else 1)
    w.raw([f"{'Movers' if composite else 'Moved by'}: {', '.join(movers)}", ""])
    if rng.random() < 0.35:
        old, new = rng.sample(prose.sentence().rstrip(".").split(" "), 2)
        w.raw([f"AMENDMENT ({rng.choice(branches)}):", f'Delete "{old}" and insert "{new}".', ""])
    if rng.random() < 0.7:
        w.raw([rng.choice(OUTCOMES), ""])


# --------------------------------------------------------------------------- 2

SOUNDS = ["(laughs)", "(pause)", "(taps the table)", "[inaudible]", "(sings a line)"]


def oral_history(seed: int) -> Case:
    """An oral-history collection: a contents page, the editor's introduction, then each
    interview under its title with the speaker's name ("EMRYS TUDOR" over the title, or
    "4. Title" with the name under it), an indented headnote by the editor, the recording's
    place and date, the talk as "Q:"/"A:" or the speakers' initials or as one voice, the
    editor's theme heads in some, "(laughs)" in the talk, and the editor's notes after
    each interview, numbered from 1; book title and speaker as running heads, folio."""
    lay = _layout("oral_history", seed)
    width = lay.randint(58, 70)

    def header(page: int) -> list[str]:
        line = w.truth.title.upper() if page % 2 == 0 else state["speaker"]
        w.furniture(line)
        pad = " " * max(4, width - len(line) - 4)
        return [f"{page:<4}{pad}{line}" if page % 2 == 0 else f"{line}{pad}{page:>4}"]

    state = {"speaker": ""}
    rng, prose, w = _begin(
        "oral_history",
        seed,
        width=width,
        page_len=lay.randint(38, 48),
        header=header,
        hyphenate=lay.random() < 0.5,
        notes="chapter",
        marker_style=lay.choice(["super", "plain"]),
    )
    editor = prose.name()
    plan = [(prose.title(), prose.name()) for _ in range(rng.randint(3, 5))]
    w.raw([w.truth.title.upper(), "", "Voices from the quarry villages", ""])
    w.raw([f"Collected and edited by {editor}", "", ""])
    intro = rng.choice(["Introduction", "Editor's Introduction", "About These Recordings"])
    if rng.random() < 0.6:  # a contents page, the interviews by title and speaker
        w.raw(["CONTENTS" if rng.random() < 0.5 else "Contents", ""])
        page = rng.randint(1, 9)
        w.raw([f"{intro:<{width - 6}}{page:>6}"])
        for title, speaker in plan:
            page += rng.randint(8, 20)
            w.raw([f"{f'{title} ({speaker})':<{width - 6}}{page:>6}"])
        w.raw(["", ""])
    state["speaker"] = intro.upper()
    w.heading([intro.upper() if rng.random() < 0.5 else intro], intro, 1)
    _paragraphs(rng, prose, w, 2, 3)
    heading_style = rng.choice(["name_over", "number_title", "title_dash"])
    talk = rng.choice(["qa", "initials", "voice"])
    themes = rng.random() < 0.6
    for n, (title, speaker) in enumerate(plan, 1):
        state["speaker"] = speaker.upper()
        printed = {
            "name_over": [speaker.upper(), title],
            "number_title": [f"{n}. {title}"],
            "title_dash": [title, f"— {speaker} —"],
        }[heading_style]
        w.heading(printed, title, 1)
        if heading_style == "number_title":
            w.raw([speaker, ""])
        headnote = prose.sentences(2, 4)
        lines = wrap(" ".join(headnote), width - 8, rng, hyphenate=False)
        w.raw([f"    {line.text}" for line in lines] + [""])
        w.truth.sentences.extend(s for s in headnote if s not in w.truth.sentences)
        w.raw([f"Recorded at {prose.town()}, {prose.date()}. Interviewer: {editor}.", ""])
        initials = "".join(part[0] for part in speaker.split())
        asker = "".join(part[0] for part in editor.split())
        for t in range(rng.randint(1, 3)):
            if themes and t:
                theme = prose.title(question=rng.random() < 0.2)
                w.heading([theme.upper() if heading_style == "title_dash" else theme], theme, 2)
            for _ in range(rng.randint(2, 4)):
                _answer(rng, prose, w, talk, asker, initials)
        w.end_chapter()
    return finish(w, "oral_history", drop=r"\((?:laughs|pause|taps|sings)|\[inaudible\]")


def _answer(rng, prose: SixthProse, w: Writer, talk: str, asker: str, initials: str) -> None:
    """One turn of the talk: a question and its answer, or a stretch of one voice."""
    answer = prose.sentences(2, 5)
    if rng.random() < 0.3:
        k = rng.randrange(len(answer))
        answer[k] = f"{answer[k]} {rng.choice(SOUNDS)}"
    notes = int(rng.random() < 0.3)
    if talk == "voice":
        w.paragraph(answer, notes=notes)
    else:
        question = prose.sentence().rstrip(".") + "?"
        said(w, [question], "Q: " if talk == "qa" else f"{asker}: ")
        said(w, answer, "A: " if talk == "qa" else f"{initials}: ", notes=notes)
    bare = answer[0].split(" (")[0].split(" [")[0]
    if bare not in w.truth.sentences:
        w.truth.sentences.append(bare)


# --------------------------------------------------------------------------- 3


def digest(seed: int) -> Case:
    """A mailing list's digests saved from a mail reader, issue after issue: the issue's
    name ("Quarry Voices Digest, Vol 4, Issue 12"), "Today's Topics" listing the messages,
    each message with "Message: 3", its Date, From and Subject lines, the body hard-wrapped
    at 72 or not at all, quotations of earlier messages ("> "), a signature after "-- ",
    rules between messages and the list's footer at the end of each issue."""
    lay = _layout("digest", seed)
    rng, prose, w = _begin("digest", seed, width=lay.choice([72, 72, 10_000]))
    lists = ["Quarry Voices", "Valley Choirs", "Retained Crews", "Fell Runners' Forum"]
    name = rng.choice(lists)
    volume, issue = rng.randint(2, 11), rng.randint(1, 30)
    year = rng.randint(1996, 2006)
    rule = "-" * rng.choice([70, 30])
    order = rng.choice([("Date", "From", "Subject"), ("From", "Subject", "Date")])
    people = {prose.name(): prose.town() for _ in range(4)}
    earlier: list[tuple[str, str]] = []  # (subject, a sentence to quote)
    w.raw([w.truth.title, ""])
    for _ in range(rng.randint(2, 3)):
        issue += 1
        title = f"{name} Digest, Vol {volume}, Issue {issue}"
        w.heading([title], title, 1)
        messages = []
        for _ in range(rng.randint(2, 4)):
            who = rng.choice(list(people))
            if earlier and rng.random() < 0.4:
                subject, quoted = earlier.pop(rng.randrange(len(earlier)))
                subject = f"Re: {subject}"
            else:
                subject, quoted = prose.title(question=rng.random() < 0.2), ""
            messages.append((who, subject, quoted))
        w.raw(["Today's Topics:", ""])
        for k, (who, subject, _q) in enumerate(messages, 1):
            w.raw([f"   {k}. {subject} ({who})"])
        w.raw(["", "", rule, ""])
        w.furniture(rule)
        for k, (who, subject, quoted) in enumerate(messages, 1):
            day = rng.randint(1, 28)
            fields = {
                "Date": f"Date: {rng.choice(['Mon', 'Tue', 'Thu'])}, {day} Mar {year} "
                f"{rng.randint(7, 22):02}:{rng.randint(0, 59):02}:{rng.randint(0, 59):02} +0000",
                "From": f"From: {who}",
                "Subject": f"Subject: {subject}",
            }
            w.raw([f"Message: {k}", *(fields[f] for f in order), ""])
            w.furniture(f"Message: {k}")
            w.truth.headings.append(Heading(title=subject, level=2, printed=f"Subject: {subject}"))
            if quoted:
                w.raw([f"{rng.choice(list(people))} wrote:", ""])
                w.raw([f"> {line.text}" for line in wrap(quoted, 68, rng, hyphenate=False)])
                w.raw([">", ""])
            sentences = []
            for _ in range(rng.randint(1, 3)):
                body = prose.sentences(2, 4)
                w.paragraph(body, probe_first=True)
                sentences += body
            if not subject.startswith("Re: "):
                earlier.append((subject, rng.choice(sentences)))
            if rng.random() < 0.6:
                w.raw(["-- ", who, f"{people[who]} branch", ""])
            w.raw(["", rule if k < len(messages) else "", ""])
        footer = [
            "_______________________________________________",
            f"{name} mailing list",
            "To leave the list, write to the list secretary.",
            "",
            f"End of {name} Digest, Vol {volume}, Issue {issue}",
            "*" * len(f"End of {name} Digest, Vol {volume}, Issue {issue}"),
        ]
        w.raw([*footer, "", ""])
        for line in footer[1:3] + footer[4:]:
            w.furniture(line)
    return finish(w, "digest")


# --------------------------------------------------------------------------- 4


def reading_guide(seed: int) -> Case:
    """A reading group's guide to a novel: about the guide and the author, then the book in
    parts ("PART ONE: TITLE (Chapters 1–7)", "Part One" over the title, or "Title —
    chapters 1 to 7") with a summary and numbered discussion questions under a heading of
    their own, passages to read aloud with their page ("(p. 34)"), further reading; the
    guide's name at each page's foot with its number."""
    lay = _layout("reading_guide", seed)
    width = lay.randint(62, 78)

    def footer(page: int) -> list[str]:
        line = f"{guide} | {page}" if lay_style == "bar" else f"{page}   {guide}"
        w.furniture(line)
        return ["", line]

    lay_style = lay.choice(["bar", "lead"])
    rng, prose, w = _begin(
        "reading_guide",
        seed,
        width=width,
        page_len=lay.randint(42, 54),
        footer=footer,
        hyphenate=lay.random() < 0.3,
    )
    author = prose.name()
    guide = f"{w.truth.title}: A Reading Group Guide"
    w.raw(["A READING GROUP GUIDE" if rng.random() < 0.5 else "Reading Group Guide", ""])
    w.raw([w.truth.title, f"by {author}", "", ""])
    for front in rng.sample(["About This Guide", "About the Author"], 2):
        w.heading([front.upper() if rng.random() < 0.4 else front], front, 1)
        _paragraphs(rng, prose, w, 1, 2)
    part_style = rng.choice(["caps_colon", "label_over", "dash"])
    question_style = rng.choice(["per_part", "running"])
    chapter, asked = 0, 0
    for p in range(1, rng.randint(2, 4) + 1):
        name = prose.title()
        first, chapter = chapter + 1, chapter + rng.randint(4, 9)
        word = number_word(p)
        printed = {
            "caps_colon": [f"PART {word.upper()}: {name.upper()} (Chapters {first}–{chapter})"],
            "label_over": [f"Part {word}", name, f"Chapters {first}–{chapter}"],
            "dash": [f"{name} — chapters {first} to {chapter}"],
        }[part_style]
        w.heading(printed, name, 1)
        _paragraphs(rng, prose, w, 1, 2)
        questions = rng.choice(
            [f"Questions on Part {word}", f"Discussing Chapters {first}–{chapter}"]
        )
        w.heading([questions], questions, 2)
        if question_style == "per_part":
            asked = 0
        for _ in range(rng.randint(3, 6)):
            asked += 1
            full, statement = prose.question()
            said(w, [statement, full.removeprefix(statement).strip()], f"{asked}. ")
    aloud = rng.choice(["Passages to Read Aloud", "Key Passages"])
    w.heading([aloud], aloud, 1)
    for _ in range(rng.randint(2, 3)):
        passage = prose.sentences(1, 2)
        lines = wrap(" ".join(passage), width - 10, rng, hyphenate=False)
        w.blank()
        w.raw([f"     {line.text}" for line in lines])  # set in, as a block quotation
        w.raw([f"{' ' * (width - 12)}(p. {rng.randint(3, 320)})", ""])
        w.truth.sentences.extend(s for s in passage if s not in w.truth.sentences)
    w.heading(["Further Reading"], "Further Reading", 1)
    for _ in range(rng.randint(2, 4)):
        who = prose.name().split()
        w.raw([f"{who[1]}, {who[0]}. {prose.title()}. {prose.town()}, {rng.randint(1950, 1990)}."])
    w.raw([""])
    return finish(w, "reading_guide")


# --------------------------------------------------------------------------- 5

PRESSES = ["Gwasg y Graig", "Valley Workers' Press", "Prosser & Sons", "The Extra-Mural Press"]


def _reference(rng: random.Random, prose: SixthProse) -> str:
    """A reading-list entry: "Bowen, Dilys. The Last Incline. Rhosfawr: Gwasg y Graig, 1962,
    pp. 12–40." (or the author's name first, or a chapter in a collection)."""
    given, family = prose.name().split()
    year, start = rng.randint(1921, 1978), rng.randint(1, 200)
    pages = f"pp. {start}–{start + rng.randint(8, 40)}"
    press = f"{prose.town()}: {rng.choice(PRESSES)}, {year}"
    return rng.choice(
        [
            f"{family}, {given}. {prose.title()}. {press}, {pages}.",
            f"{given} {family}, ‘{prose.title()}’, in {prose.title()} ({press}), {pages}.",
            f"{family.upper()}, {given[0]}. ({year}) {prose.title()}. {rng.choice(PRESSES)}.",
        ]
    )


def syllabus(seed: int) -> Case:
    """A seminar's syllabus from an extra-mural department: the course's code, tutor and
    meeting time, its description and aims, assessment as a tabbed table, then the weeks
    ("Week 3 (14 October): Title", "WEEK 3 — TITLE" or "3. Title") each with a paragraph,
    essential and further reading entries and seminar questions; a reading week; the
    department at the page top and "HS 204 · page 3" at the foot."""
    lay = _layout("syllabus", seed)
    code = f"{lay.choice(['HS', 'LS', 'ES'])} {lay.randint(101, 399)}"

    def header(page: int) -> list[str]:
        w.furniture(department)
        return [department]

    def footer(page: int) -> list[str]:
        line = f"{code} · page {page}"
        w.furniture(line)
        return ["", line.rjust(width)]

    width = lay.randint(66, 80)
    department = lay.choice(["Department of Extra-Mural Studies", "ADULT CLASSES COMMITTEE"])
    rng, prose, w = _begin(
        "syllabus", seed, width=width, page_len=lay.randint(48, 60), header=header, footer=footer
    )
    tutor = prose.name()
    term = f"{rng.choice(['Autumn', 'Spring'])} term {rng.randint(1960, 1985)}"
    w.raw([f"{code}  {w.truth.title}", "", f"Tutor: {tutor}"])
    w.raw([f"{term} · {rng.choice(['Tuesdays', 'Thursdays'])} 7–9 pm · {prose.town()}", ""])
    caps = rng.random() < 0.4
    for section in ["Course Description", "Aims"]:
        w.heading([section.upper() if caps else section], section, 1)
        if section == "Aims":
            w.raw(["By the end of the course members should be able to:", ""])
            bullet = rng.choice(["•", "-", "o"])
            for _ in range(rng.randint(2, 4)):
                aim = prose.sentence()
                w.raw([f"{bullet} {aim}"])
                w.truth.sentences.append(aim)
            w.raw([""])
        else:
            _paragraphs(rng, prose, w, 1, 2)
    w.heading(["ASSESSMENT" if caps else "Assessment"], "Assessment", 1)
    w.raw(["Task\tLength\tWeight", ""])
    share = rng.choice([(40, 60), (30, 70), (50, 50)])
    w.raw([f"Essay\t{rng.choice(['2,000', '2,500'])} words\t{share[0]}%"])
    w.raw([f"Seminar log\t{rng.randint(6, 10)} entries\t{share[1]}%", ""])
    _paragraphs(rng, prose, w, 1, 1)
    schedule = rng.choice(["Weekly Schedule", "Programme of Seminars"])
    w.heading([schedule.upper() if caps else schedule], schedule, 1)
    week_style = rng.choice(["dated", "caps_dash", "number"])
    rest = rng.randint(4, 6)
    for week in range(1, rng.randint(5, 8) + 1):
        date = f"{rng.randint(1, 28)} {rng.choice(['October', 'November', 'February'])}"
        name = "Reading week" if week == rest else prose.title(question=rng.random() < 0.15)
        printed = {
            "dated": f"Week {week} ({date}): {name}",
            "caps_dash": f"WEEK {week} — {name.upper()}",
            "number": f"{week}. {name}",
        }[week_style]
        w.heading([printed], name, 2)
        if week == rest:
            w.raw(["No class: use the week to draft your essay.", ""])
            continue
        _paragraphs(rng, prose, w, 1, 1)
        for label, count in (("Essential reading:", (1, 2)), ("Further reading:", (0, 3))):
            entries = [_reference(rng, prose) for _ in range(rng.randint(*count))]
            if entries:
                w.raw([label, *(f"  {entry}" for entry in entries), ""])
        w.raw(["Seminar questions:"])
        for _ in range(rng.randint(1, 3)):
            full, statement = prose.question()
            w.raw([f"  {line.text}" for line in wrap(f"- {full}", width - 2, rng, hyphenate=False)])
            w.truth.sentences.append(statement)
        w.raw([""])
    return finish(w, "syllabus")


# --------------------------------------------------------------------------- 6

ACCOUNTS = [
    "Subscriptions", "Donations", "Concert takings", "Affiliation fees", "Hall hire",
    "Travelling expenses", "Benevolent grants", "Printing and stationery", "Delegates' fees",
]  # fmt: skip


def annual_report(seed: int) -> Case:
    """A branch's annual report and accounts: a cover, a contents page with dot leaders,
    the chair's foreword, the secretary's report with its subjects ("Membership",
    "Education"...), the sections' own reports under their towns' names, the treasurer's
    report with an income and expenditure table, the officers; the report's name and year
    at the page top and a folio at the foot; the officers sign their reports."""
    lay = _layout("annual_report", seed)
    width = lay.randint(60, 74)
    year = lay.randint(1951, 1982)
    running = lay.choice([f"ANNUAL REPORT {year}", f"Annual Report and Accounts, {year}"])

    def header(page: int) -> list[str]:
        w.furniture(running)
        return [running.center(width).rstrip()]

    def footer(page: int) -> list[str]:
        return ["", _folio("bare", page, width)]

    rng, prose, w = _begin(
        "annual_report",
        seed,
        width=width,
        page_len=lay.randint(44, 56),
        header=header,
        footer=footer,
        hyphenate=lay.random() < 0.5,
        indent=lay.choice(["", "", "   "]),
    )
    branch = f"{prose.town()} Branch"
    w.raw([branch.upper(), "", "ANNUAL REPORT AND ACCOUNTS", f"for the year {year}", ""])
    w.raw([w.truth.title, "", ""])
    chair, secretary, treasurer = prose.name(), prose.name(), prose.name()
    plan = [
        rng.choice(["Chair's Foreword", "From the Chair"]),
        rng.choice(["Secretary's Report", "Report of the Secretary"]),
        rng.choice(["Reports from the Sections", "Section Reports"]),
        "Treasurer's Report",
        rng.choice(["Officers for the Year", "Officers and Committee"]),
    ]
    if rng.random() < 0.7:
        w.raw(["CONTENTS", ""])
        page = 2
        for item in plan:
            dots = "." * (width - len(item) - 6)
            w.raw([f"{item} {dots} {page:>3}"])
            page += rng.randint(1, 4)
        w.raw(["", ""])
    caps = rng.random() < 0.5
    subjects = rng.sample(["Membership", "Education", "Safety", "Concerts", "Campaigns"], 3)
    for k, section in enumerate(plan):
        w.heading([section.upper() if caps else section], section, 1)
        if k == 0:
            _paragraphs(rng, prose, w, 2, 3)
            w.raw([chair, "Chair", ""])
        elif k == 1:
            _paragraphs(rng, prose, w, 1, 1)
            for subject in subjects[: rng.randint(2, 3)]:
                w.heading([subject], subject, 2)
                _paragraphs(rng, prose, w, 1, 2)
            w.raw([secretary, "Branch Secretary", ""])
        elif k == 2:
            for town in rng.sample([t for t in TOWNS if t not in branch], rng.randint(2, 3)):
                w.heading([f"{town} Section" if rng.random() < 0.7 else town.upper()], town, 2)
                _paragraphs(rng, prose, w, 1, 2)
        elif k == 3:
            _paragraphs(rng, prose, w, 1, 1)
            _accounts(rng, w, width)
            w.raw([treasurer, "Treasurer", ""])
        else:
            for role in ["Chair", "Secretary", "Treasurer", "Education Officer"]:
                who = {"Chair": chair, "Secretary": secretary, "Treasurer": treasurer}
                w.raw([f"{role + ':':<20}{who.get(role) or prose.name()}"])
            w.raw([""])
    return finish(w, "annual_report")


def _accounts(rng: random.Random, w: Writer, width: int) -> None:
    """An income and expenditure table: items with dot leaders, this year's and last."""
    w.blank()
    w.raw(["INCOME AND EXPENDITURE", f"{'':<{width - 20}}{'This year':>10}{'Last':>10}"])
    for heading, items in (("Income", ACCOUNTS[:5]), ("Expenditure", ACCOUNTS[5:])):
        w.raw(["", heading])
        total = [0, 0]
        for item in rng.sample(items, rng.randint(2, len(items))):
            now, then = rng.randint(5, 900), rng.randint(5, 900)
            total = [total[0] + now, total[1] + then]
            dots = "." * (width - len(item) - 22)
            w.raw([f"{item} {dots} {f'£{now}':>10}{f'£{then}':>10}"])
        w.raw([f"{'Total':<{width - 20}}{f'£{total[0]}':>10}{f'£{total[1]}':>10}"])
    w.raw([""])


# --------------------------------------------------------------------------- 7


def shared_doc(seed: int) -> Case:
    """A document written together in an online editor and downloaded as plain text: a
    title and a "Draft" line, the editor's table of contents (headings listed, sub-headings
    indented, no page numbers), headings numbered "1." and "1.1" (or capitals over title
    case), long unwrapped paragraphs, "*" bullets, comment anchors "[a]" glued to the
    words they mark with the comments listed at the end ("[a]Dilys Bowen: …"), and notes
    marked "[1]" with their text at the end."""
    lay = _layout("shared_doc", seed)
    rng, prose, w = _begin("shared_doc", seed, width=lay.choice([10_000, 10_000, 90]))
    numbered = rng.random() < 0.65
    plan = [(prose.title(), [prose.title() for _ in range(rng.randint(0, 3))]) for _ in range(3)]
    plan += [(prose.title(), [prose.title() for _ in range(rng.randint(0, 2))])]
    plan = plan[: rng.randint(3, 4)]
    people = [prose.name() for _ in range(3)]
    w.raw([w.truth.title, ""])
    w.raw([f"Draft {rng.randint(2, 7)} — comments to {people[0]} by {prose.date()}", ""])

    def printed(n: int, k: int, name: str) -> str:
        if numbered:
            return f"{n}. {name}" if not k else f"{n}.{k} {name}"
        return name.upper() if not k else name

    if rng.random() < 0.6:
        w.raw(["Contents" if rng.random() < 0.5 else "Table of contents"])
        for n, (name, subs) in enumerate(plan, 1):
            w.raw([printed(n, 0, name)])
            w.raw([f"   {printed(n, k, sub)}" for k, sub in enumerate(subs, 1)])
        w.raw([""])
    comments: list[str] = []
    notes: list[str] = []
    letters = "abcdefghijklmnopqrstuvwxyz"

    def body() -> None:
        for _ in range(rng.randint(1, 3)):
            sentences = prose.sentences(2, 5)
            shown = list(sentences)
            probes = [sentences[0]]
            k = rng.randrange(1, len(shown))
            if rng.random() < 0.45:
                comments.append(f"{rng.choice(people)}: {prose.brief()} {prose.sentence()}")
                shown[k] += f"[{letters[len(comments) - 1]}]"
            elif rng.random() < 0.4:
                notes.append(prose.note())
                shown[k] += f"[{len(notes)}]"
                w.truth.footnotes += 1
                probes.append(sentences[k])
            w.paragraph(shown)
            w.truth.sentences.extend(p for p in probes if p not in w.truth.sentences)
            if rng.random() < 0.3:
                bullets = [prose.sentence() for _ in range(rng.randint(2, 3))]
                w.raw([f"* {item}" for item in bullets] + [""])
                w.truth.sentences.extend(bullets)

    for n, (name, subs) in enumerate(plan, 1):
        w.heading([printed(n, 0, name)], name, 1, gap=False)
        body()
        for k, sub in enumerate(subs, 1):
            w.heading([printed(n, k, sub)], sub, 2, gap=False)
            body()
    if notes:
        w.raw(["", "________________", ""])
        w.raw([f"[{k}] {note}" for k, note in enumerate(notes, 1)] + [""])
    if comments:
        w.raw([""] + [f"[{letters[k]}]{comment}" for k, comment in enumerate(comments)])
    return finish(w, "shared_doc")


FAMILIES = {
    "resolutions": resolutions,
    "oral_history": oral_history,
    "digest": digest,
    "reading_guide": reading_guide,
    "syllabus": syllabus,
    "annual_report": annual_report,
    "shared_doc": shared_doc,
}
