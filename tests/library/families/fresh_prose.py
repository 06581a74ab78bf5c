"""Prose for the fresh held-out families: a grammar and a vocabulary of their own.

Its world (hand-loom weavers, rail signallers, seed banks, tenants' unions, bell founders)
shares no words list and no sentence shape with prose.py, so that a rule keyed to one
vocabulary or one template cannot pass both. The grammar is grammar.py's, shared by every
set. Nothing here is copied from any real text.
"""

from __future__ import annotations

from .grammar import FORM, Grammar, vocabulary

AGENTS = [
    "the loom tuner", "a night signaller", "the seed keeper", "our union secretary",
    "the dye-house foreman", "two relief porters", "the tenants' committee", "a bell founder",
    "the block inspector", "the germination clerk", "three spinners", "the rent collector",
    "a shunting crew", "the warp winder", "the allotment board", "a retired linesman",
    "the pattern cutter", "the housing officer", "a visiting botanist", "the caretaker",
]  # fmt: skip
OBJECTS = [
    "the lever frame", "a drawer of bean seed", "the rent book", "the shuttle boxes",
    "a sealed jar of barley", "the token machine", "the weaving drafts", "the repair list",
    "the signal diagrams", "an envelope of onion seed", "the strike fund", "the bell metal",
    "the pattern cards", "the occupancy register", "the frost records", "the wage slips",
    "the junction clock", "a bundle of leaflets", "the dye recipes", "the seed catalogue",
]  # fmt: skip
ACTIONS = [
    "sorted", "rewound", "dated", "hoarded", "tested", "sealed", "pawned", "relabelled",
    "borrowed", "unpicked", "annotated", "stamped", "smuggled", "reset", "dried", "polished",
    "photographed", "returned", "priced", "boxed",
]  # fmt: skip
SETTINGS = [
    "in the top-floor loom shed", "at the junction box", "in the cold store",
    "on the landing of block C", "beside the goods yard", "in the back room of the hall",
    "under the dye vats", "at the allotment gate", "in the foundry pit",
    "on the station footbridge", "inside the laundry", "behind the rent office",
]  # fmt: skip
WHENS = [
    "on the morning of the stoppage", "in the hard winter", "after the last train",
    "before the rent rise", "during the harvest fair", "that same afternoon",
    "each market day", "until the meeting closed", "as the mill whistle went",
    "in the first week of March", "long after the strike", "the night the pipes froze",
]  # fmt: skip
HOWS = [
    "by hand", "with great care", "in a hurry", "without telling anyone", "for a pittance",
    "twice over", "in pencil", "under protest", "by lamplight", "with a borrowed key",
]  # fmt: skip
MOTIVES = [
    "so the next sowing would not fail", "since the landlord denied everything",
    "because the timetable had changed again", "as the members had voted",
    "though the looms were idle", "because the old stock was losing vigour",
    "while the line was closed for repairs", "so that nobody could be evicted quietly",
]  # fmt: skip
IDEAS = [
    "solidarity", "germination rates", "fair rents", "the eight-hour shift", "safe working",
    "a living wage", "seed sovereignty", "the craft of the drawloom", "collective bargaining",
    "block working", "plant breeding", "a decent repair",
]  # fmt: skip
QUALITIES = [
    "threadbare", "patient", "hand-written", "damp", "careful", "crowded", "unheated",
    "much-mended", "overdue", "stubborn", "yellowed", "unpaid",
]  # fmt: skip
FORMS = [
    "{A} {act} {o} {s} {w}.",
    "{W}, {a} {act} {o} {h}.",
    "According to {a}, {o} had been {act} {s}.",
    "No record explains why {a} {act} {o}; {a2} never asked.",
    "Every {q} page of {o} mentions {i}.",
    "{A} insisted that {i} mattered more than {o2}.",
    "The dispute over {i} lasted {w}, {m}.",
    "Once {a} had {act} {o}, {a2} {act2} {o2} {s}.",
    "It fell to {a} to put a value on {o}.",
    "{M}, {a} {act} {o} {h}.",
    "Later accounts of {i} leave out how {a} {act} {o}.",
    "“Put {o} back,” {a} told {a2}, {m}.",
    "Nobody at the time called it {i}, but {a} knew.",
    "One {q} notice about {o} still hangs {s}.",
]  # fmt: skip
BRIEF = [
    "The looms stopped.", "Nobody signed.", "The seed failed.", "The rent went up.",
    "Trains ran late.", "The hall was full.", "We waited.", "The frost held.",
]  # fmt: skip
SLOGANS = [
    "Seeds belong to everyone!", "No rent rises without repairs!", "Share the harvest!",
    "Safe lines save lives!", "Weave it yourself!", "Homes, not profits!",
]  # fmt: skip

T_NOUNS = [
    "Loom", "Signal Box", "Seed Vault", "Rent Strike", "Shuttle", "Junction", "Allotment",
    "Dye House", "Foundry", "Tenement", "Warp", "Token", "Harvest", "Picket", "Lever",
    "Bell", "Goods Yard", "Granary", "Landing", "Pattern Book", "Night Shift", "Seed Drill",
]  # fmt: skip
T_ADJECTIVES = [
    "Cold", "Second", "Hidden", "Common", "Quiet", "Red", "Upper", "Old", "Slow", "Open",
    "Early", "Shared", "Empty", "Western",
]  # fmt: skip
T_FORMS = [
    "The {A} {N}", "On the {N}", "{N} and {N2}", "Inside the {N}", "Who Built the {N}",
    "The {N} Years", "Towards the {A} {N}", "Notes on the {N}", "Saving the {N}",
    "After the {N}", "The {N} Remembers", "Beyond the {A} {N}",
]  # fmt: skip
T_QUESTIONS = [
    "Who Owns the {N}?", "Is the {N} Worth Saving?", "What Did the {N} Cost?",
    "Why Close the {N}?",
]  # fmt: skip
GIVEN = ["Aino", "Dorcas", "Emeka", "Fenna", "Gwil", "Hester", "Ivo", "Jonah", "Katrin", "Luz"]
FAMILY = ["Marwick", "Oduya", "Penhale", "Rasmussen", "Sallow", "Trevick", "Ulbrich", "Vance"]
UNIVERSITIES = [
    "University of Eastmoor", "Linfield Institute of Technology", "Carrow College",
    "Northbridge University",
]  # fmt: skip
DEPARTMENTS = ["Department of History", "School of Social Studies", "Centre for Labour Studies"]
JOURNALS = [
    "Journal of Working Lives", "Textile and Labour Review", "Rail History Quarterly",
    "Review of Community Archives",
]  # fmt: skip
MONTHS = ["January", "March", "April", "June", "September", "October", "November"]


VOCABULARY = vocabulary(
    globals(),
    draws=(
        ("a a2", AGENTS), ("o o2", OBJECTS), ("act", ACTIONS), ("act2", ACTIONS), ("w", WHENS),
        ("m", MOTIVES), (FORM, ()), ("s", SETTINGS), ("h", HOWS), ("i", IDEAS), ("q", QUALITIES),
    ),
    capitals=(("A", "a", ""), ("W", "w", ""), ("M", "m", "")),
    years=(2009, 2025),
    note_forms=[
        "Minutes of the meeting {w}.", "Interview with {a}, kept {s}.",
        "The figure is taken from {o}.", "Compare the later view of {i}.",
    ],
)  # fmt: skip


class FreshProse(Grammar):
    """The fresh world's sentences, titles and names, with its slogans and references."""

    vocabulary = VOCABULARY

    def slogan(self) -> str:
        return self.rng.choice(SLOGANS)

    def reference(self, n: int) -> str:
        rng = self.rng
        year = rng.randint(1968, 2022)
        return (
            f"{self.surname()}, {rng.choice(GIVEN)[0]}. ({year}). {self.title()}. "
            f"{rng.choice(JOURNALS)} {rng.randint(1, 40)}({rng.randint(1, 4)}): "
            f"{rng.randint(10, 90)}–{rng.randint(91, 180)}."
        )
