"""Prose for the third held-out families: a grammar and a vocabulary of their own.

Its world (miners' libraries, cooperative bakeries, river pilots, typesetters' chapels,
land reform) shares no word list and no sentence shape with prose.py or fresh_prose.py,
so a rule keyed to either vocabulary or template cannot pass here. The grammar is
grammar.py's, shared by every set. Nothing is copied from any real text.
"""

from __future__ import annotations

from .grammar import FORM, Grammar, vocabulary

AGENTS = [
    "the colliery librarian", "a night baker", "the river pilot", "the chapel father",
    "our branch treasurer", "two compositors", "the land committee", "a smallholder",
    "the bread roundsman", "the reading-room steward", "three hewers", "the dough mixer",
    "a survey officer", "the oven crew", "the chapel clerk", "a retired pilot",
    "the co-op manager", "the tenant farmers", "a visiting agronomist", "the lodge secretary",
]  # fmt: skip
OBJECTS = [
    "the lending register", "a sack of rye flour", "the pilotage dues", "the type cases",
    "the land titles", "a box of galley proofs", "the sourdough starter", "the depth book",
    "the fines book", "a crate of loaves", "the boundary maps", "the reading-room keys",
    "the chapel rules", "the flour accounts", "a stack of pamphlets", "the river plans",
    "the allocation lists", "the oven thermometer", "the subscription cards", "the mill tokens",
]  # fmt: skip
ACTIONS = [
    "audited", "rebound", "kneaded", "surveyed", "confiscated", "redistributed", "proofread",
    "catalogued", "mortgaged", "rationed", "reissued", "measured", "burned", "fenced",
    "counted", "hid", "lent", "rescued", "inventoried", "divided",
]  # fmt: skip
SETTINGS = [
    "in the miners' institute", "behind the bakehouse", "on the pilot cutter",
    "in the composing room", "at the pithead baths", "beside the flour loft",
    "in the reading room", "on the disputed estate", "under the chapel stairs",
    "at the co-op counter", "by the river steps", "in the welfare hall",
]  # fmt: skip
WHENS = [
    "during the lockout", "before the dawn bake", "after the flood season",
    "in the year of the land decree", "on pay night", "throughout the long dispute",
    "when the pit reopened", "at the chapel meeting", "before the crop was shared",
    "in the spring of the ballot", "after the last shift", "while the ovens cooled",
]  # fmt: skip
HOWS = [
    "openly", "in secret", "at cost price", "by ballot", "line by line", "with a borrowed ladder",
    "in chalk", "without a receipt", "on credit", "by the light of the ovens",
]  # fmt: skip
MOTIVES = [
    "so that every member could borrow", "because the owners had closed the shop",
    "since the grain price had doubled", "as the general meeting had resolved",
    "though the estate disputed it", "because the fairway had moved again",
    "so that no family went without bread", "while the compositors were on strike",
]  # fmt: skip
IDEAS = [
    "common ownership", "the right to read", "a fair loaf", "safe pilotage", "land to the tiller",
    "workers' education", "the closed shop", "mutual aid", "an honest weight",
    "collective farming", "the chapel's custom", "cheap bread",
]  # fmt: skip
QUALITIES = [
    "dog-eared", "floury", "coal-stained", "contested", "ink-blotted", "frugal", "crowded",
    "overdrawn", "smoky", "hard-won", "tattered", "waterlogged",
]  # fmt: skip
FORMS = [
    "{A} {act} {o} {s}, {w}.",
    "It was {a} who {act} {o} {h}, {m}.",
    "By most accounts {o} had been {act} {w}.",
    "When {a} {act} {o}, {a2} objected {h}.",
    "Few minutes mention {i} without {o}.",
    "{A} spoke for {i}; {a2} spoke for {o2}.",
    "For years the argument about {i} went on {s}.",
    "Members remember that {a} {act} {o} {m}.",
    "Nothing was {act} {s} until {a} agreed.",
    "{W} {a} {act} {o2}, and {a2} {act2} {o}.",
    "The {q} copy of {o} shows how {i} was understood.",
    "“Leave {o} alone,” said {a}, {w}.",
    "There was no word for {i} yet, but {a} acted on it.",
    "One {q} notice {s} still asks for {o}.",
]  # fmt: skip
BRIEF = [
    "The ovens went cold.", "Nobody voted.", "The pit closed.", "The river rose.",
    "We kept reading.", "The estate refused.", "Bread was free.", "The chapel struck.",
]  # fmt: skip

T_NOUNS = [
    "Reading Room", "Bakehouse", "Pilot Cutter", "Composing Stick", "Land Decree", "Lockout",
    "Oven", "Galley", "Pithead", "Estate", "Boundary", "Loaf", "Lending Shelf",
    "Ballot", "Smallholding", "Welfare Hall", "Rye Field", "Forme", "Lead Line",
    "Flour Loft", "Lodge",
]  # fmt: skip
T_ADJECTIVES = [
    "Common", "Long", "Rising", "Hungry", "Shared", "Lower", "Dark", "Patient", "Broad",
    "Bitter", "Bright", "Northern", "Free", "Last",
]  # fmt: skip
T_FORMS = [
    "The {A} {N}", "A {N} of Our Own", "{N} against {N2}", "Under the {N}", "Who Keeps the {N}",
    "The {N} Question", "From {N} to {N2}", "Letters about the {N}", "Defending the {N}",
    "Before the {N}", "What the {N} Taught", "Beneath the {A} {N}",
]  # fmt: skip
T_QUESTIONS = [
    "Whose {N} Is It?", "Can the {N} Pay?", "Who Closed the {N}?", "Why Share the {N}?",
]  # fmt: skip
GIVEN = ["Ffion", "Bartek", "Nuala", "Osric", "Pilar", "Tomasz", "Rhian", "Sadie", "Yusuf", "Zofia"]
FAMILY = ["Abernethy", "Bevan", "Carreira", "Dunmore", "Esquivel", "Gwynne", "Hollins", "Ibarra"]
TOWNS = ["Tredwyn", "Alcaraz", "Blaenhir", "Coldharbour Row", "Valdemora", "Pentrych"]
MONTHS = ["February", "March", "May", "July", "August", "October", "December"]


VOCABULARY = vocabulary(
    globals(),
    draws=(
        ("a a2", AGENTS), ("o o2", OBJECTS), ("w", WHENS), (FORM, ()), ("act", ACTIONS),
        ("act2", ACTIONS), ("s", SETTINGS), ("h", HOWS), ("m", MOTIVES), ("i", IDEAS),
        ("q", QUALITIES),
    ),
    capitals=(("A", "a", ""), ("W", "w", ",")),
    years=(1921, 1989),
    note_forms=[
        "Branch minute book, {w}.", "Recollection of {a}, recorded {s}.",
        "Figures from {o}.", "On {i}, see the report of {year}.",
    ],
)  # fmt: skip


class ThirdProse(Grammar):
    """The third world's sentences, titles and names, with its towns and references."""

    vocabulary = VOCABULARY

    def town(self) -> str:
        return self.rng.choice(TOWNS)

    def reference(self) -> str:
        rng = self.rng
        return (
            f"{self.surname()}, {rng.choice(GIVEN)}. {self.title()}. "
            f"{self.town()}: {rng.choice(['Lodge Press', 'Chapel Books', 'Co-op Editions'])}, "
            f"{rng.randint(1930, 2020)}."
        )
