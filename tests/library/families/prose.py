"""Prose for the evaluation families: a small grammar, deterministic by seed.

Its world (harbour towns, surveyors, ferry crews, printers, weather observers) and its
words are its own, different from tests/library/synthetic.py, so that the importer
meets sentences it was not tuned on. Nothing here is copied from any real text.
"""

from __future__ import annotations

from .grammar import FORM, Grammar, Vocabulary, cap

PEOPLE = [
    "the harbour master", "a young surveyor", "the ferry crew", "the printer's apprentice",
    "the weather observer", "two net-menders", "the schoolteacher", "our correspondent",
    "the lock keeper", "an elderly cartographer", "the signal operator", "the night porter",
    "the dock committee", "a travelling bookbinder", "the customs clerk", "the ropemakers",
    "the lighthouse keeper", "three apprentices", "the tide-table compiler", "the ship's cook",
    "a visiting engineer", "the parish archivist", "the glassblowers", "the canal inspector",
]  # fmt: skip
THINGS = [
    "the tide tables", "a ledger of soundings", "the storm warnings", "an unfinished map",
    "the printing press", "a crate of herring", "the harbour accounts", "the ferry timetable",
    "a bundle of telegrams", "the old breakwater", "the pilot's logbook", "a torn sail",
    "the barometer readings", "a parcel of type", "the correspondence", "the channel markers",
    "a broken compass", "the measurements", "the apprenticeship papers", "the winter stores",
    "a weathered signboard", "the navigation charts", "the coal tally", "the mooring fees",
]  # fmt: skip
VERBS = [
    "checked", "copied", "measured", "repaired", "doubted", "mislaid", "recovered",
    "catalogued", "corrected", "carried", "weighed", "questioned", "rebuilt", "abandoned",
    "sketched", "auctioned", "inspected", "rearranged", "translated", "salvaged",
    "inherited", "postponed", "surveyed", "defended",
]  # fmt: skip
PLACES = [
    "along the northern quay", "behind the customs house", "in the drafting room",
    "beside the slipway", "under the lighthouse stairs", "at the end of the jetty",
    "in the damp cellar of the print shop", "near the salt warehouse", "on the ferry deck",
    "inside the signal tower", "across the estuary", "by the dry dock",
]  # fmt: skip
TIMES = [
    "before the spring tide", "during the long calm", "after the third storm",
    "at first light", "every other Tuesday", "throughout the autumn", "once the fog lifted",
    "late in the season", "while the boats were out", "for eleven consecutive days",
    "in the year of the flood", "as the lamps were lit",
]  # fmt: skip
MANNERS = [
    "meticulously", "without complaint", "against all advice", "with borrowed tools",
    "rather clumsily", "in complete silence", "by candlelight", "half-heartedly",
    "with remarkable precision", "somewhat reluctantly",
]  # fmt: skip
REASONS = [
    "because the figures refused to balance", "since nobody trusted the old charts",
    "although the wind had turned against them", "so that the pilots could plan ahead",
    "because the insurance depended on it", "while the town argued about the harbour dues",
    "though the paper was running out", "since the estuary kept shifting its channels",
    "because a well-known merchant had complained", "so that the apprentices could learn",
]  # fmt: skip
ABSTRACTS = [
    "accuracy", "reliable record-keeping", "the shifting sandbanks", "patience with weather",
    "shared navigation", "the cost of delay", "long-distance trade", "an honest ledger",
    "old-fashioned craftsmanship", "self-taught expertise", "the harbour's independence",
    "cross-country freight", "mutual insurance",
]  # fmt: skip
ADJECTIVES = [
    "narrow", "salt-stained", "crowded", "forgotten", "hand-drawn", "uneven", "distant",
    "well-worn", "provisional", "half-finished", "stubborn", "flooded", "quiet", "borrowed",
]  # fmt: skip
TEMPLATES = [
    "{P} {v} {t} {place}.",
    "{P} {v} {t} {time}, {r}.",
    "{Time}, {p} {v} {t} {m}.",
    "Nobody could say why {p} had {v} {t}, but the matter was settled {time}.",
    "It was {p} who first {v} {t}; {p2} {v2} {t2} soon afterwards.",
    "The {a} records show that {p} {v} {t} {m}.",
    "What mattered, in the end, was {x}.",
    "{P} wrote that {x} was worth more than {t2}.",
    "If {p} had not {v} {t}, {p2} would have {v2} {t2} {place}.",
    "The argument about {x} went on {time}.",
    "{R}, {p} {v} {t}.",
    "Between {t} and {t2} there was, as {p} put it, a {a} difference.",
    "“Leave {t} where it is,” said {p}, {r}.",
    "Some days {p} {v} {t} twice; on others nobody touched it.",
    "Few people now remember how {p} {v} {t} {place} {time}.",
    "The lesson drawn from {t} concerned {x}.",
]  # fmt: skip
SHORT_SENTENCES = [
    "Then the fog came.", "Nobody answered.", "The tide turned.", "It rained for a week.",
    "Work stopped.", "The ledger was wrong.", "Someone had to decide.", "That was all.",
    "The ferry was late again.", "Everyone waited.", "The lamps went out.",
]  # fmt: skip

TITLE_NOUNS = [
    "Breakwater", "Tide Tables", "Ferry", "Estuary", "Soundings", "Lighthouse", "Ledger",
    "Quay", "Harbour Dues", "Signal Tower", "Print Shop", "Charts", "Sandbanks", "Storm",
    "Salt Warehouse", "Slipway", "Compass", "Pilots", "Channel", "Fog", "Ropewalk",
    "Mooring", "Dry Dock", "Lantern", "Telegraph", "Custom House", "Winter Stores",
]  # fmt: skip
TITLE_ADJECTIVES = [
    "Narrow", "Northern", "Provisional", "Forgotten", "Flooded", "Borrowed", "Long",
    "Unfinished", "Quiet", "Stubborn", "Distant", "First", "Last", "Shifting", "Broken",
]  # fmt: skip
TITLE_TEMPLATES = [
    "The {A} {N}", "{N} and {N2}", "Keeping the {N}", "Beyond the {A} {N}",
    "A History of the {N}", "What the {N} Recorded", "The {N} in Autumn", "Against the {N}",
    "Measuring the {N}", "After the {A} {N}", "Letters from the {N}", "The {A} {N} Question",
]  # fmt: skip
QUESTION_TEMPLATES = [
    "Who Keeps the {N}?", "Why Did the {N} Fail?", "What Is a {A} {N} For?",
    "Can the {N} Be Trusted?", "Where Did the {N} Go?", "How Long Will the {N} Last?",
]  # fmt: skip
FIRST_NAMES = ["Mara", "Ilse", "Teodor", "Brann", "Wenna", "Caspar", "Livia", "Oren", "Sabe"]
LAST_NAMES = ["Quill", "Dunmore", "Achterberg", "Pellow", "Varga", "Stroud", "Nakamura"]
AGENCIES = ["Harbour Archive", "Estuary Press", "Tidewater Studio", "Northern Quay Collection"]

# Long words that a typesetter splits at line ends, with the one split point we use.
SPLITTABLE_MIN = 8


VOCABULARY = Vocabulary(
    draws=(
        ("p p2", PEOPLE), ("t t2", THINGS), ("v", VERBS), ("v2", VERBS), ("place", PLACES),
        ("time", TIMES), ("m", MANNERS), ("r", REASONS), ("x", ABSTRACTS), ("a", ADJECTIVES),
        (FORM, ()),
    ),
    forms=TEMPLATES,
    capitals=(("P", "p", ""), ("Time", "time", ""), ("R", "r", "")),
    brief=SHORT_SENTENCES,
    title_nouns=TITLE_NOUNS,
    title_adjectives=TITLE_ADJECTIVES,
    title_forms=TITLE_TEMPLATES,
    title_questions=QUESTION_TEMPLATES,
    title_form_first=True,
    title_tries=200,
    given=FIRST_NAMES,
    family=LAST_NAMES,
    note_forms=[
        "See {t}, kept {place}.", "{P} disputed this {time}.",
        "The figure comes from {t}.", "On {x}, compare the account {time}.",
    ],
)  # fmt: skip


class Prose(Grammar):
    """The tuning world's sentences, titles and names, with its verse and agencies."""

    vocabulary = VOCABULARY

    def short_sentence(self) -> str:
        return self.brief()

    def stanza(self) -> list[str]:
        """Four short lines of verse, each starting with a capital, as verse is printed."""
        rng = self.rng
        last = rng.choice(SHORT_SENTENCES)
        return [
            cap(rng.choice(PLACES)) + ",",
            cap(rng.choice(TIMES)) + ",",
            f"{cap(rng.choice(PEOPLE))} {rng.choice(VERBS)} {rng.choice(THINGS)};",
            "And " + last[0].lower() + last[1:],
        ]

    def agency(self) -> str:
        return self.rng.choice(AGENCIES)
