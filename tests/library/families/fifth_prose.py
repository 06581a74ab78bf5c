"""Prose for the fifth held-out families: grammar.py's engine with a vocabulary of its own.

Its world (canal lock-keepers, cider orchards, a weather observatory, a glassworks, a
travelling puppet theatre, a mobile library van, a women's cycling club) shares no word
list and no sentence form with prose.py, fresh_prose.py, third_prose.py or
fourth_prose.py, and draws its words in an order of its own, so a rule keyed to an
earlier set's words or templates cannot pass here. Nothing is copied from any real text.
"""

from __future__ import annotations

from .grammar import FORM, Grammar, vocabulary

AGENTS = [
    "the senior lock-keeper", "a cider presser", "the observatory clerk", "two glassblowers",
    "the puppet master", "our van librarian", "the cycling captain", "a canal inspector",
    "the orchard foreman", "three apprentice gaffers", "the rainfall recorder",
    "the towpath warden", "a visiting meteorologist", "the marionette carvers",
    "the club's honorary cyclist", "the furnace stoker", "a boat family",
    "the education officer", "the van driver", "the pressing gang",
]  # fmt: skip
OBJECTS = [
    "the lock tolls", "a barrel of perry", "the rain gauge readings", "the cullet heaps",
    "the marionette strings", "the overdue slips", "the racing tyres", "the sluice keys",
    "the graft labels", "a tray of goblets", "the barometer log", "the towing ropes",
    "the touring posters", "the issue stamps", "the puncture kits", "the annealing lehr",
    "the apple scab reports", "the stage curtains", "the wind records of the observatory",
    "the cradle of the press",
]  # fmt: skip
ACTIONS = [
    "pressed", "gauged", "annealed", "restrung", "tallied", "impounded", "photographed",
    "unbolted", "grafted", "toured", "re-tarred", "stamped", "mislaid", "sheltered",
    "bottled", "dredged", "auctioned", "re-sited", "catalogued anew", "winched",
]  # fmt: skip
SETTINGS = [
    "at the top lock", "in the cider barn", "on the observatory roof", "beside the glory hole",
    "behind the puppet booth", "inside the library van", "on the old towpath",
    "under the weather vane", "in the packing shed", "by the overflow weir",
    "at the velodrome gate", "among the cordon trees",
]  # fmt: skip
WHENS = [
    "in the wet summer", "before the canal froze", "on pressing day",
    "after the furnace was relit", "during the touring season", "at first frost",
    "the night the sluice failed", "in the blossom week", "when the van broke down",
    "after the national rally", "all through the drought", "at the spring stocktake",
]  # fmt: skip
HOWS = [
    "by lamplight", "in pencil", "two at a time", "with borrowed tools", "for nothing",
    "under protest", "in fair copy", "by bicycle", "on a handcart", "from memory",
]  # fmt: skip
MOTIVES = [
    "because the carrying company had gone bust", "so the schools would still get books",
    "since the trees were grubbed out", "as the union's circular asked",
    "although the owners had locked the gate", "so that the readings would not lapse",
    "because the wages were a fortnight late", "in case the inspectors returned",
]  # fmt: skip
IDEAS = [
    "free carriage", "the right to roam the towpath", "a people's observatory",
    "cheap books", "the glassworkers' craft", "common orchards", "touring theatre",
    "women on wheels", "honest weights", "the learning of adults", "a shorter working day",
    "weather for everyone",
]  # fmt: skip
QUALITIES = [
    "mud-stained", "cider-sticky", "smoky", "wind-torn", "gummed", "pencilled",
    "frost-bitten", "tarred", "foxed", "soot-black", "dog-eared", "crumpled",
]  # fmt: skip
FORMS = [
    "It was {a} who {act} {o} {s}.",
    "{W}, {a} {act} {o} {h}.",
    "According to {a}, {o} had been {act} {m}.",
    "Neither {a} nor {a2} {act} {o2}.",
    "{I} began with {o}; {a} {act} them {w}.",
    "For {i}, {a} {act} {o} {s}.",
    "Some {q} notes by {a} mention {o}.",
    "“Leave {o} alone,” {a} said {w}.",
    "{A} {act} {o} {m}.",
    "Long after {i} was forgotten, {a} still {act} {o}.",
    "We know that {a} {act} {o} {h}, {w}.",
    "The trouble {s} was {o}, as {a} admitted.",
]  # fmt: skip
BRIEF = [
    "The gauge overflowed.", "Nobody answered.", "The press stopped.", "Rain came.",
    "The van was late.", "We cycled on.", "The glass cracked.", "The lock held.",
]  # fmt: skip

T_NOUNS = [
    "Top Lock", "Cider Barn", "Rain Gauge", "Glory Hole", "Puppet Booth", "Towpath",
    "Library Van", "Weather Vane", "Velodrome", "Sluice", "Orchard", "Glassworks",
    "Marionettes", "Cullet", "Overflow Weir", "Pressing Day", "Barometer", "Cordon Trees",
    "Furnace", "Touring Van", "Gaffer", "Tyre Levers",
]  # fmt: skip
T_ADJECTIVES = [
    "Wet", "Hollow", "Windward", "Molten", "Travelling", "Wooden", "Sweet", "Overdue",
    "Green", "Frosty", "Amber", "Crooked", "Little", "Steady",
]  # fmt: skip
T_FORMS = [
    "Above the {N}", "The {A} {N}", "Letters from the {N}", "After the {N}",
    "A {N} of Our Own", "Between the {N} and the {N2}", "The {N} Years",
    "Notes on the {N}", "Keeping the {N}", "{A} {N}", "The Case of the {N}",
    "Beyond the {N}",
]  # fmt: skip
T_QUESTIONS = [
    "Who Owns the {N}?", "Why Keep the {N}?", "Is the {N} Worth Saving?", "Whose {N} Is It?",
]  # fmt: skip
GIVEN = ["Aurelie", "Birgit", "Casimir", "Desmond", "Eilidh", "Florentyna", "Gwilym", "Hester"]
FAMILY = ["Ashdown", "Bellweather", "Carrow", "Drummond", "Ellacott", "Fennimore", "Gethin"]
TOWNS = ["Lydbrook", "Netherwick", "Stoke Abbas", "Pennock", "Orrell Bridge", "Saltmarsh End"]
MONTHS = ["February", "March", "May", "July", "October", "December"]

VOCABULARY = vocabulary(
    globals(),
    draws=(
        ("a a2", AGENTS), ("i", IDEAS), (FORM, ()), ("o o2", OBJECTS), ("act", ACTIONS),
        ("s", SETTINGS), ("w", WHENS), ("h", HOWS), ("m", MOTIVES), ("q", QUALITIES),
    ),
    capitals=(("A", "a", ""), ("I", "i", ""), ("W", "w", "")),
    years=(1902, 1979),
    note_forms=[
        "Lock-keeper's day book, {w}.", "Told to the editor by {a}, {s}.",
        "The figure comes from {o}.", "On {i}, compare the circular of {year}.",
    ],
)  # fmt: skip


class FifthProse(Grammar):
    """The fifth world's sentences, titles and names, with its towns and outcomes."""

    vocabulary = VOCABULARY

    def town(self) -> str:
        return self.rng.choice(TOWNS)

    def outcome(self) -> str:
        """A learning outcome, as a handbook words it: "explain why the sluice keys matter"."""
        rng = self.rng
        verb = rng.choice(["explain", "describe", "compare", "list", "discuss", "argue for"])
        return f"{verb} {rng.choice([*IDEAS, *OBJECTS])} {rng.choice(WHENS)}"
