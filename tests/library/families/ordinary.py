"""Ordinary documents: no page furniture, no contents page, every word a reader keeps.

Each kind is a document a curator might bring whose layout looks, to a layout-guessing
importer, like something it may drop: lines opening with years (a chronology), aligned
figures (a table), short lines ending in digits ("Room 12"), lines of capitals, refrains
that repeat exactly, roman numerals alone on a line. None of them is furniture here, so an
import must keep every word (test_words_kept.py, bench/words_kept.py). Hand-written
templates over a small world of their own (a river ferry town: ferrymen, lock keepers,
beekeepers, a lending library, an observatory club); the seed picks the words and the
layout. Nothing is copied from any real text.
"""

from __future__ import annotations

import random
from collections.abc import Callable

from .model import Case, Truth

GIVEN = [
    "Maud", "Ezra", "Hester", "Lionel", "Tamsin", "Oswin", "Rosalind", "Barnaby", "Ida",
    "Cyril", "Philippa", "Jasper", "Winifred", "Amos", "Delphine", "Rufus",
]  # fmt: skip
FAMILY = [
    "Penhallow", "Quennell", "Ashdown", "Wickstead", "Marlowe", "Thorne", "Hollis",
    "Fairbairn", "Coldicott", "Ambrose", "Pettifer", "Lindqvist", "Okonjo", "Varga",
]  # fmt: skip
AGENTS = [
    "the ferryman", "the lock keeper", "a beekeeper", "the librarian", "the stargazers",
    "the harbour clerk", "our treasurer", "the lamp trimmer", "two net menders",
    "the towpath warden", "the choir of the mission", "the bell ringers",
]  # fmt: skip
OBJECTS = [
    "the ledger of crossings", "a crate of honeycomb", "the brass telescope",
    "the overdue slips", "the chain ferry", "the sluice gates", "the tide tables",
    "the lantern oil", "the reading room keys", "the new pontoon", "the swarm boxes",
]  # fmt: skip
ACTIONS = [
    "mended", "repainted", "counted", "carried", "winched", "catalogued", "polished",
    "measured", "hid", "auctioned", "borrowed", "returned",
]  # fmt: skip
PLACES = [
    "on the slipway", "behind the chandlery", "in the reading room", "beside the weir",
    "under the old crane", "at the observatory hut", "along the towpath", "in the apiary",
]  # fmt: skip
WHENS = [
    "before the spring tide", "after the flood", "during the winter fair",
    "on the longest night", "when the fog lifted", "in the dry summer", "at first light",
]  # fmt: skip
NOUNS = [
    "Ferry", "Lantern", "Weir", "Harbour", "Orchard", "Tide", "Beacon", "Lock", "Hive",
    "Comet", "Towpath", "Chandlery", "Heron", "Slipway", "Meadow", "Almanac",
]  # fmt: skip
ADJECTIVES = [
    "Quiet", "Drowned", "Golden", "Lesser", "Northern", "Patient", "Crooked", "Silver",
    "Late", "Borrowed", "Winter", "Hidden",
]  # fmt: skip
MONTHS = [
    "January", "February", "March", "April", "May", "June", "July", "August",
    "September", "October", "November", "December",
]  # fmt: skip
ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII"]


class Prose:
    def __init__(self, rng: random.Random):
        self.rng = rng

    def pick(self, words):
        return self.rng.choice(words)

    def name(self) -> str:
        return f"{self.pick(GIVEN)} {self.pick(FAMILY)}"

    def title(self) -> str:
        form = self.pick(["The {A} {N}", "{N} and {N2}", "A {N} in {M}", "The {N} of the {N2}"])
        n, n2 = self.rng.sample(NOUNS, 2)
        return form.format(A=self.pick(ADJECTIVES), N=n, N2=n2, M=self.pick(MONTHS))

    def clause(self) -> str:
        return f"{self.pick(AGENTS)} {self.pick(ACTIONS)} {self.pick(OBJECTS)}"

    def sentence(self) -> str:
        s = self.clause()
        if self.rng.random() < 0.6:
            s += " " + self.pick(PLACES)
        if self.rng.random() < 0.5:
            s += " " + self.pick(WHENS)
        return s[0].upper() + s[1:] + "."

    def paragraph(self, low: int = 2, high: int = 5) -> str:
        return " ".join(self.sentence() for _ in range(self.rng.randint(low, high)))

    def short(self) -> str:
        """A short line of verse or speech, three to six words."""
        s = self.pick([self.pick(AGENTS), self.pick(PLACES), self.pick(WHENS), self.pick(OBJECTS)])
        return s[0].upper() + s[1:]

    def year(self) -> int:
        return self.rng.randint(1780, 1990)


def wrap(text: str, width: int, indent: str = "") -> list[str]:
    lines: list[str] = []
    line = ""
    for word in text.split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(indent + line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    if line:
        lines.append(indent + line)
    return lines


def _start(kind: str, seed: int) -> tuple[random.Random, Prose]:
    rng = random.Random(f"ordinary-{kind}:{seed}")
    return rng, Prose(rng)


def _case(kind: str, seed: int, title: str, lines: list[str], ext: str = ".txt") -> Case:
    return Case(
        Truth(family=kind, seed=seed, title=title), f"{kind}-{seed}{ext}", "\n".join(lines) + "\n"
    )


def _heading(rng: random.Random, title: str) -> list[str]:
    style = rng.choice(["plain", "caps", "underlined"])
    if style == "caps":
        return [title.upper(), ""]
    if style == "underlined":
        return [title, "=" * len(title), ""]
    return [title, ""]


def _body(rng: random.Random, prose: Prose, width: int, low: int = 1, high: int = 3) -> list[str]:
    lines: list[str] = []
    for _ in range(rng.randint(low, high)):
        lines += wrap(prose.paragraph(), width) + [""]
    return lines


# --------------------------------------------------------------------------- kinds


def chronology(seed: int) -> Case:
    """Lines opening with years, one event each; some events run onto a second line."""
    rng, prose = _start("chronology", seed)
    title = f"A Chronology of the {prose.pick(NOUNS)}"
    lines = _heading(rng, title) + _body(rng, prose, 70, 1, 1)
    sep = rng.choice(["  ", " – ", ": ", "\t"])
    years = sorted(rng.sample(range(1780, 1990), rng.randint(12, 24)))
    for year in years:
        event = prose.sentence()
        lines += wrap(f"{year}{sep}{event}", rng.choice([60, 72, 200]), indent="")
        if rng.random() < 0.3:
            lines.append("")
    return _case("chronology", seed, title, lines)


def table(seed: int) -> Case:
    """A table of figures in aligned columns between paragraphs."""
    rng, prose = _start("table", seed)
    title = f"{prose.pick(NOUNS)} Crossings by Month"
    lines = _heading(rng, title) + _body(rng, prose, 68)
    cols = ["Month", "Crossings", "Passengers", "Carts", "Takings"]
    gap = rng.choice([2, 3, 4])
    lines.append("".join(c.ljust(12 + gap) for c in cols).rstrip())
    if rng.random() < 0.5:
        lines.append("-" * (len(cols) * (12 + gap) - gap))
    for month in MONTHS[: rng.randint(6, 12)]:
        row = [month, *(str(rng.randint(10, 9999)) for _ in cols[1:])]
        lines.append(
            "".join(
                c.rjust(12) + " " * gap if i else c.ljust(12 + gap) for i, c in enumerate(row)
            ).rstrip()
        )
    lines.append(f"{'Total'.ljust(12 + gap)}{str(rng.randint(10000, 99999)).rjust(12)}")
    lines += [""] + _body(rng, prose, 68)
    return _case("table", seed, title, lines)


def bibliography(seed: int) -> Case:
    rng, prose = _start("bibliography", seed)
    title = rng.choice(["Bibliography", "Further Reading", "Works Cited"])
    lines = _heading(rng, title)
    hanging = rng.random() < 0.5
    for _ in range(rng.randint(10, 20)):
        entry = (
            f"{prose.pick(FAMILY)}, {prose.pick(GIVEN)}. {prose.title()}. "
            f"{prose.pick(['Rivermouth', 'Saltcombe', 'Dunmere'])}: "
            f"{prose.pick(NOUNS)} Press, {prose.year()}."
        )
        wrapped = wrap(entry, rng.choice([60, 76]))
        lines += [wrapped[0], *(("    " if hanging else "") + w for w in wrapped[1:])]
        if rng.random() < 0.5:
            lines.append("")
    return _case("bibliography", seed, title, lines)


def glossary(seed: int) -> Case:
    rng, prose = _start("glossary", seed)
    title = "Glossary"
    lines = _heading(rng, title)
    style = rng.choice(["dash", "colon", "below"])
    for term in sorted(rng.sample(NOUNS + ADJECTIVES, rng.randint(8, 16))):
        definition = prose.sentence()
        if style == "below":
            lines += [term, *wrap(definition, 64, "    "), ""]
        else:
            joiner = " — " if style == "dash" else ": "
            lines += wrap(f"{term}{joiner}{definition}", 72) + [""]
    return _case("glossary", seed, title, lines)


def recipe(seed: int) -> Case:
    rng, prose = _start("recipe", seed)
    title = f"{prose.pick(NOUNS)} Honey Cake"
    lines = _heading(rng, title) + _body(rng, prose, 66, 1, 1)
    lines += [rng.choice(["Ingredients", "INGREDIENTS", "You will need:"]), ""]
    for item in rng.sample(
        ["flour", "butter", "honey", "eggs", "walnuts", "milk", "salt", "ginger"], 6
    ):
        lines.append(f"{rng.choice(['- ', '* ', ''])}{rng.randint(1, 500)} g {item}")
    lines += ["", rng.choice(["Method", "METHOD", "Steps"]), ""]
    marker = rng.choice(["{n}. ", "{n}) ", "Step {n}: "])
    for n in range(1, rng.randint(5, 9)):
        lines += wrap(marker.format(n=n) + prose.sentence(), 64)
    return _case("recipe", seed, title, lines)


def poem(seed: int) -> Case:
    """Short lines, an all-caps title, roman numerals alone on a line between parts."""
    rng, prose = _start("poem", seed)
    title = prose.title().upper()
    lines = [title, "", rng.choice(["", f"by {prose.name()}"]), ""]
    for part in range(rng.randint(2, 4)):
        lines += [ROMAN[part], ""]
        for _ in range(rng.randint(2, 3)):
            lines += [prose.short() + rng.choice([",", "", ";"]) for _ in range(4)] + [""]
    return _case("poem", seed, title, lines)


def play(seed: int) -> Case:
    rng, prose = _start("play", seed)
    title = prose.title()
    people = [n.upper() for n in rng.sample(GIVEN, 3)]
    lines = _heading(rng, title)
    style = rng.choice(["dot", "colon", "above"])
    for _ in range(rng.randint(12, 24)):
        who = rng.choice(people)
        said = prose.sentence() if rng.random() < 0.6 else prose.short() + "?"
        if style == "above":
            lines += [who, *wrap(said, 60, "  "), ""]
        else:
            lines += wrap(f"{who}{'. ' if style == 'dot' else ': '}{said}", 70) + [""]
        if rng.random() < 0.15:
            lines += [f"({prose.sentence()})", ""]
    return _case("play", seed, title, lines)


def novel(seed: int) -> Case:
    """Dash dialogue and short lines between paragraphs of narration."""
    rng, prose = _start("novel", seed)
    title = prose.title()
    dash = rng.choice(["—", "–", "-"])
    lines = _heading(rng, title)
    for _ in range(rng.randint(4, 7)):
        lines += _body(rng, prose, 66, 1, 1)
        for _ in range(rng.randint(3, 6)):
            said = prose.short() + rng.choice(["?", ".", "!"])
            lines.append(f"{dash} {said}" if rng.random() < 0.8 else said)
        lines.append("")
    return _case("novel", seed, title, lines)


def essay(seed: int) -> Case:
    """Rhetorical questions on lines of their own between paragraphs."""
    rng, prose = _start("essay", seed)
    title = prose.title()
    lines = _heading(rng, title)
    for _ in range(rng.randint(4, 7)):
        lines += _body(rng, prose, 72, 1, 1)
        question = f"Who {prose.pick(ACTIONS)} {prose.pick(OBJECTS)}?"
        lines += [question if rng.random() < 0.6 else f"  {question}", ""]
    return _case("essay", seed, title, lines)


def markdown_note(seed: int) -> Case:
    rng, prose = _start("markdown_note", seed)
    title = prose.title()
    lines = [f"# {title}", ""] + _body(rng, prose, 80, 1, 1)
    for _ in range(rng.randint(2, 3)):
        lines += [f"## {prose.title()}", ""]
        bullet = rng.choice(["-", "*", "1."])
        for _ in range(rng.randint(3, 5)):
            lines.append(f"{bullet} {prose.sentence()}")
        lines += [
            "",
            f"See [the {prose.pick(NOUNS).lower()} notes]"
            f"(https://example.org/{prose.pick(NOUNS).lower()}) for more.",
            "",
        ]
        if rng.random() < 0.6:
            lines += ["```", f"ferry count {prose.pick(NOUNS).lower()}", "```", ""]
        lines += _body(rng, prose, 80, 1, 1)
    return _case("markdown_note", seed, title, lines, ".md")


def email_thread(seed: int) -> Case:
    rng, prose = _start("email_thread", seed)
    a, b = prose.name(), prose.name()
    subject = prose.title()
    lines: list[str] = []
    quoted: list[str] = []
    for n in range(rng.randint(2, 4)):
        frm, to = (a, b) if n % 2 == 0 else (b, a)
        lines += [f"From: {frm}", f"To: {to}", f"Subject: {'Re: ' * min(n, 1)}{subject}", ""]
        lines += [f"Dear {to.split()[0]},", ""] + _body(rng, prose, 70, 1, 2)
        if quoted:
            lines += [f"On {rng.randint(1, 28)} {prose.pick(MONTHS)}, {to} wrote:"]
            lines += ["> " + q if q else ">" for q in quoted] + [""]
        lines += [rng.choice(["Best,", "Thanks,", "Yours,"]), frm.split()[0], ""]
        quoted = lines[-12:-3]
    return _case("email_thread", seed, subject, lines)


def contract(seed: int) -> Case:
    rng, prose = _start("contract", seed)
    title = f"Agreement for the Hire of the {prose.pick(NOUNS)} Boat"
    lines = (
        _heading(rng, title)
        + wrap(f"This agreement is made between {prose.name()} and {prose.name()}.", 70)
        + [""]
    )
    for n in range(1, rng.randint(4, 7)):
        lines += [
            f"{n}. {rng.choice(NOUNS).upper()}"
            if rng.random() < 0.5
            else f"{n}. {rng.choice(NOUNS)}",
            "",
        ]
        for m in range(1, rng.randint(2, 4)):
            lines += wrap(f"{n}.{m} {prose.sentence()}", 70)
            if rng.random() < 0.4:
                lines += [f"    ({letter}) {prose.clause()};" for letter in "abc"]
            lines.append("")
    lines += ["Signed:", prose.name(), "Witness:", prose.name()]
    return _case("contract", seed, title, lines)


def minutes(seed: int) -> Case:
    rng, prose = _start("minutes", seed)
    title = f"Minutes of the {prose.pick(NOUNS)} Society"
    lines = _heading(rng, title)
    lines += [
        f"Present: {', '.join(prose.name() for _ in range(4))}",
        f"Apologies: {prose.name()}",
        "",
    ]
    for n in range(1, rng.randint(4, 8)):
        lines += [
            f"{n}. {prose.pick(NOUNS)} "
            f"{prose.pick(['report', 'accounts', 'repairs', 'any other business'])}"
        ]
        lines += wrap(prose.paragraph(1, 3), 72) + [f"Action: {prose.name()}", ""]
    lines += [
        f"Next meeting: {rng.randint(1, 28)} {prose.pick(MONTHS)} in Room {rng.randint(1, 40)}"
    ]
    return _case("minutes", seed, title, lines)


def faq(seed: int) -> Case:
    rng, prose = _start("faq", seed)
    title = rng.choice(["Frequently Asked Questions", "FAQ", "Questions and Answers"])
    lines = _heading(rng, title)
    style = rng.choice(["qa", "bare", "numbered"])
    for n in range(1, rng.randint(6, 10)):
        q = f"Why did {prose.clause()}?"
        a = prose.paragraph(1, 3)
        if style == "qa":
            lines += [f"Q: {q}", *wrap(f"A: {a}", 70), ""]
        elif style == "numbered":
            lines += [f"{n}. {q}", "", *wrap(a, 70), ""]
        else:
            lines += [q, *wrap(a, 70), ""]
    return _case("faq", seed, title, lines)


def letter(seed: int) -> Case:
    rng, prose = _start("letter", seed)
    sender, to = prose.name(), prose.name()
    lines = [
        f"{rng.randint(1, 99)} {prose.pick(NOUNS)} Lane".rjust(rng.choice([40, 60])),
        "Rivermouth".rjust(rng.choice([40, 60])),
        f"{rng.randint(1, 28)} {prose.pick(MONTHS)} {prose.year()}".rjust(rng.choice([40, 60])),
        "",
        to,
        f"{rng.randint(1, 99)} {prose.pick(NOUNS)} Street",
        "Saltcombe",
        "",
        f"Dear {to.split()[0]},",
        "",
    ]
    lines += _body(rng, prose, 70, 2, 4)
    lines += [rng.choice(["Yours sincerely,", "With love,", "Yours ever,"]), "", sender]
    return _case("letter", seed, "", lines)


def resolutions(seed: int) -> Case:
    """A closing numbered list: the resolutions end the document."""
    rng, prose = _start("resolutions", seed)
    title = f"Resolutions of the {prose.pick(NOUNS)} Meeting"
    lines = _heading(rng, title) + _body(rng, prose, 70, 1, 2)
    marker = rng.choice(["{n}. ", "({n}) ", "Resolved {n}: "])
    for n in range(1, rng.randint(4, 9)):
        lines += wrap(marker.format(n=n) + f"that {prose.clause()}.", 70)
    return _case("resolutions", seed, title, lines)


def lyrics(seed: int) -> Case:
    """A chorus repeated word for word after each verse: repetition is the song."""
    rng, prose = _start("lyrics", seed)
    title = prose.title()
    chorus = [prose.short() for _ in range(rng.randint(2, 4))]
    lines = _heading(rng, title)
    label = rng.choice(["Chorus:", "CHORUS", "", "(Chorus)"])
    for _ in range(rng.randint(3, 5)):
        lines += [prose.short() for _ in range(4)] + [""]
        lines += ([label] if label else []) + chorus + [""]
    return _case("lyrics", seed, title, lines)


def timetable(seed: int) -> Case:
    rng, prose = _start("timetable", seed)
    title = f"{prose.pick(NOUNS)} Ferry Timetable"
    lines = _heading(rng, title) + _body(rng, prose, 70, 1, 1)
    for _ in range(rng.randint(8, 16)):
        hour, minute = rng.randint(5, 22), rng.choice([0, 15, 30, 45])
        place = rng.choice(["Saltcombe", "Dunmere Quay", "Rivermouth", "Heron Steps"])
        lines.append(f"{hour:02d}:{minute:02d}   {place.ljust(14)}  Platform {rng.randint(1, 9)}")
    lines += ["", *wrap(prose.sentence(), 70)]
    return _case("timetable", seed, title, lines)


def index_list(seed: int) -> Case:
    rng, prose = _start("index_list", seed)
    title = "Index"
    lines = _heading(rng, title)
    terms = sorted(rng.sample(NOUNS + ADJECTIVES + FAMILY, rng.randint(15, 25)))
    for term in terms:
        pages = sorted(rng.sample(range(1, 300), rng.randint(1, 4)))
        lines.append(f"{term}, {', '.join(map(str, pages))}")
        if rng.random() < 0.3:
            lines.append(f"    {prose.pick(OBJECTS)}, {rng.randint(1, 300)}")
    return _case("index_list", seed, title, lines)


def refrains(seed: int) -> Case:
    """A litany: one line repeated exactly between stanzas, many times."""
    rng, prose = _start("refrains", seed)
    title = prose.title()
    refrain = prose.short() + rng.choice([".", "!", ""])
    lines = _heading(rng, title)
    for _ in range(rng.randint(6, 12)):
        lines += [prose.short() for _ in range(rng.randint(1, 3))] + [refrain, ""]
    return _case("refrains", seed, title, lines)


def footnoted_essay(seed: int) -> Case:
    rng, prose = _start("footnoted_essay", seed)
    title = prose.title()
    lines = _heading(rng, title)
    style = rng.choice(["bracket", "caret", "plain"])
    mark = {"bracket": "[{n}]", "caret": "[^{n}]", "plain": "{n}"}[style]
    notes = []
    for n in range(1, rng.randint(3, 6) + 1):
        sentences = [prose.sentence() for _ in range(rng.randint(2, 4))]
        sentences[0] = sentences[0][:-1] + mark.format(n=n) + "."
        notes.append(prose.sentence())
        lines += wrap(" ".join(sentences), 70) + [""]
    lines += [rng.choice(["Notes", "NOTES", "Endnotes"]), ""]
    for i, note in enumerate(notes, 1):
        lead = f"[^{i}]: " if style == "caret" else f"{i}. "
        lines += wrap(lead + note, 70)
    return _case("footnoted_essay", seed, title, lines, ".md" if style == "caret" else ".txt")


def directory(seed: int) -> Case:
    """Short lines ending in digits: a building's directory of rooms."""
    rng, prose = _start("directory", seed)
    title = f"{prose.pick(NOUNS)} House Directory"
    lines = _heading(rng, title)
    for _ in range(rng.randint(8, 16)):
        what = rng.choice(["Room", "Platform", "Berth", "Shelf", "Gate"])
        lines.append(
            f"{prose.pick(NOUNS)} {prose.pick(['office', 'store', 'study', 'desk'])}"
            f"{rng.choice(['  ', ' — ', ', '])}{what} {rng.randint(1, 60)}"
        )
        if rng.random() < 0.25:
            lines.append("")
    lines += ["", *wrap(prose.sentence(), 70)]
    return _case("directory", seed, title, lines)


def notice(seed: int) -> Case:
    """Lines of capitals: a public notice shouting its points."""
    rng, prose = _start("notice", seed)
    title = f"NOTICE TO USERS OF THE {prose.pick(NOUNS).upper()}"
    lines = [title, ""]
    for _ in range(rng.randint(3, 6)):
        lines += [prose.sentence().upper(), ""] + wrap(prose.paragraph(1, 2), 70) + [""]
    lines += [f"BY ORDER OF {prose.name().upper()}"]
    return _case("notice", seed, title, lines)


def programme(seed: int) -> Case:
    """A concert programme: items with composers and durations, a short note each."""
    rng, prose = _start("programme", seed)
    title = f"A {prose.pick(MONTHS)} Concert"
    lines = _heading(rng, title)
    for _ in range(rng.randint(5, 9)):
        lines.append(
            f"{prose.title()}{' ' * rng.randint(2, 8)}{prose.name()}"
            f"{' ' * rng.randint(2, 6)}{rng.randint(2, 20)}'"
        )
        if rng.random() < 0.5:
            lines += wrap(prose.sentence(), 66, "  ")
        lines.append("")
    lines.append(rng.choice(["Interval", "INTERVAL"]))
    return _case("programme", seed, title, lines)


def diary(seed: int) -> Case:
    """Entries headed by bare dates, some of a single short line."""
    rng, prose = _start("diary", seed)
    title = f"Diary of {prose.name()}"
    lines = _heading(rng, title)
    year = prose.year()
    for day in sorted(rng.sample(range(1, 29), rng.randint(6, 12))):
        lines.append(
            rng.choice(
                [f"{day} {MONTHS[2]} {year}", f"{MONTHS[2]} {day}.", f"{day}.iii.{year % 100:02d}"]
            )
        )
        lines += (
            wrap(prose.paragraph(1, 3), 68) if rng.random() < 0.7 else [prose.short() + "."]
        ) + [""]
    return _case("diary", seed, title, lines)


KINDS: dict[str, Callable[[int], Case]] = {
    f.__name__: f
    for f in (
        chronology, table, bibliography, glossary, recipe, poem, play, novel, essay,
        markdown_note, email_thread, contract, minutes, faq, letter, resolutions, lyrics,
        timetable, index_list, refrains, footnoted_essay, directory, notice, programme, diary,
    )
}  # fmt: skip
