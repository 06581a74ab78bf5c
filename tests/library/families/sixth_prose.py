"""Prose for the sixth held-out families: grammar.py's engine with a vocabulary of its own.

Its world (slate quarries, a male-voice choir, clock menders, a volunteer fire brigade,
fell runners, radio amateurs, hill shepherds and their dogs) shares no word list and no
sentence form with prose.py, fresh_prose.py, third_prose.py, fourth_prose.py or
fifth_prose.py, and draws its words in an order of its own, so a rule keyed to an
earlier set's words or templates cannot pass here. Nothing is copied from any real text.
"""

from __future__ import annotations

from .grammar import FORM, Grammar, vocabulary

AGENTS = [
    "the quarry steward", "a rockman", "the choir's conductor", "two clock menders",
    "the station officer", "our fell-race starter", "the radio operator", "a hill shepherd",
    "the slate splitters", "the accompanist", "the retained firemen", "the sheepdog handler",
    "a visiting horologist", "the powder man", "the basses", "the relay team",
    "the call-out secretary", "a young dresser", "the aerial riggers", "the winding engineman",
]  # fmt: skip
OBJECTS = [
    "the blasting rota", "a crate of roofing slates", "the part-books", "the escapement",
    "the standpipe keys", "the checkpoint cards", "the valve sets", "the ewe tallies",
    "the incline brake", "the tuning fork", "the pendulum bob", "the turnout siren",
    "the summit cairn", "the log of contacts", "the dog whistles", "the gallery ladders",
    "the fusing wire", "the eisteddfod banners", "the chiming train", "the stretcher poles",
]  # fmt: skip
ACTIONS = [
    "split", "rehearsed", "wound", "oiled", "hosed down", "timed", "soldered", "sheared",
    "braked", "transposed", "re-bushed", "logged", "penned", "hoisted", "repainted",
    "waterproofed", "recounted", "re-strung", "packed away", "handed back",
]  # fmt: skip
SETTINGS = [
    "on the third gallery", "in the vestry", "at the mender's bench", "in the engine bay",
    "below the summit", "in the shack behind the chapel", "at the sheepfold",
    "beside the incline drum", "in the choir loft", "on the splitting floor",
    "at the drill hall", "on the scree path",
]  # fmt: skip
WHENS = [
    "before the blast whistle", "during the gymanfa", "on clock-winding day",
    "after the barn fire", "in the lambing weeks", "the morning of the fell race",
    "through the long strike", "when the mist came down", "at the autumn sales",
    "after the festival results", "in the year of the rockfall", "on contest night",
]  # fmt: skip
HOWS = [
    "by candle", "in tonic sol-fa", "with a borrowed lathe", "at a run", "in shifts",
    "without pay", "by wireless", "on foot", "with one good arm", "in Welsh and English",
]  # fmt: skip
MOTIVES = [
    "because the quarry company had cut the bargain rates",
    "so that the farms would hear the warning", "since the chapel roof was failing",
    "as the union minutes record", "although the owners forbade meetings",
    "so the race could go ahead", "because the maroon had been heard too late",
    "in case the valley flooded again",
]  # fmt: skip
IDEAS = [
    "a fair bargain", "singing for its own sake", "mended time", "the duty to turn out",
    "open hills", "voices across the valley", "safe galleries", "the common flock",
    "music for the pit villages", "the right to a rest day", "skilled hands",
    "neighbours before profit",
]  # fmt: skip
QUALITIES = [
    "slate-grey", "rain-soaked", "greasy", "scorched", "creased", "water-marked",
    "smudged", "hand-ruled", "mildewed", "brittle", "dusty", "well-thumbed",
]  # fmt: skip
FORMS = [
    "{W} {a} {act} {o} {s}.",
    "It fell to {a} to have {o} {act} {m}.",
    "Nobody but {a} ever {act} {o}, and {a2} said so {h}.",
    "Once more {a} {act} {o2} {s}, {w}.",
    "What {a} {act} {w} was {o}.",
    "{A} kept {o} {q} {m}.",
    "There is a {q} page in which {a} {act} {o}.",
    "“Mind {o},” {a} called out {s}.",
    "Talk of {i} began when {a} {act} {o}.",
    "In the name of {i}, {a} {act} {o} {h}.",
    "Even {a} {act} {o} {w}.",
    "So {a} {act} {o}, {m}.",
]  # fmt: skip
BRIEF = [
    "The whistle blew.", "We sang again.", "The clock stopped.", "Smoke rose.",
    "The mist lifted.", "The dogs waited.", "Slate fell.", "The set crackled.",
]  # fmt: skip

T_NOUNS = [
    "Splitting Floor", "Incline", "Choir Loft", "Escapement", "Engine Bay", "Summit Cairn",
    "Sheepfold", "Pendulum", "Blast Whistle", "Scree", "Part-Books", "Drill Hall",
    "Turnout Siren", "Slate Tips", "Valve Set", "Tonic Sol-fa", "Standpipe", "Ewe Flock",
    "Fell Race", "Mender's Bench", "Quarry Gallery", "Aerial Mast",
]  # fmt: skip
T_ADJECTIVES = [
    "Blue", "Steep", "Silent", "Borrowed", "Slow", "High", "Unwound", "Burnt", "Misty",
    "Faithful", "Broken", "Loud", "Lame", "Fourth",
]  # fmt: skip
T_FORMS = [
    "The {N} at Dusk", "Under the {A} {N}", "A {A} {N}", "Round the {N}",
    "The {N} and After", "From the {N} to the {N2}", "Songs of the {N}", "Mending the {N}",
    "Why the {N} Matters", "The Last {N}", "{N} in Winter", "Towards the {N}",
]  # fmt: skip
T_QUESTIONS = [
    "Who Minds the {N}?", "What Became of the {N}?", "Can the {N} Be Saved?",
    "Where Is the {N} Now?",
]  # fmt: skip
GIVEN = ["Angharad", "Bronwen", "Cledwyn", "Dilys", "Emrys", "Ffion", "Goronwy", "Heledd"]
FAMILY = ["Pritchard", "Rowlands", "Vaughan", "Bowen", "Meredith", "Prosser", "Tudor"]
TOWNS = ["Cwm Llechi", "Blaen-y-Ddôl", "Nant Ffrith", "Pen-y-Graig", "Tal-y-Bont", "Rhosfawr"]
MONTHS = ["January", "April", "June", "August", "September", "November"]

VOCABULARY = vocabulary(
    globals(),
    draws=(
        ("w", WHENS), ("o o2", OBJECTS), (FORM, ()), ("a a2", AGENTS), ("act", ACTIONS),
        ("s", SETTINGS), ("i", IDEAS), ("h", HOWS), ("q", QUALITIES), ("m", MOTIVES),
    ),
    capitals=(("W", "w", ","), ("A", "a", "")),
    years=(1908, 1984),
    title_form_first=True,
    note_forms=[
        "Recorded {w}; the tape is with {a}.", "See the minute book for {year}.",
        "The phrase is from {o}.", "{A} confirmed this in a letter of {year}.",
    ],
)  # fmt: skip


class SixthProse(Grammar):
    """The sixth world's sentences, titles and names, with its towns and questions."""

    vocabulary = VOCABULARY

    def town(self) -> str:
        return self.rng.choice(TOWNS)

    def question(self) -> tuple[str, str]:
        """A discussion question as a guide words it, and the statement that opens it (the
        probe): ("Once more the basses oiled ... Why might the author dwell on this?", ...)."""
        statement = self.sentence()
        ask = self.rng.choice(
            [
                "Why might the author dwell on this?",
                "How did this change your view of the valley?",
                "What would you have done?",
                "Is this fair?",
                "Discuss.",
            ]
        )
        return f"{statement} {ask}", statement
