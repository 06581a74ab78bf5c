"""Prose for the seventh held-out families: grammar.py's engine with a vocabulary of its own.

Its world (a tower of bell-ringers, island beekeepers, tweed weavers at their looms, the
herring-curing yards, peat cutters, a travelling cinema, a curling club on the loch)
shares no word list and no sentence form with prose.py or any earlier set's prose, and
draws its words in an order of its own, so a rule keyed to an earlier set's words or
templates cannot pass here. Nothing is copied from any real text.
"""

from __future__ import annotations

from .grammar import FORM, Grammar, vocabulary

AGENTS = [
    "the tower captain", "a treble ringer", "the beekeepers' secretary", "two tweed weavers",
    "the curing-yard forewoman", "our peat cutter", "the projectionist", "the curling skip",
    "a herring packer", "the steeple keeper", "the warping women", "a visiting apiarist",
    "the film society's treasurer", "the coopers", "the township clerk", "the second lead",
    "a skep carrier", "the fulling crew", "the ice master", "the rewind boy",
]  # fmt: skip
OBJECTS = [
    "the sallies", "a skep of bees", "the weft yarns", "the pickle barrels",
    "the peat stack", "the film reels", "the curling stones", "the change book",
    "the honey extractor", "the bobbin creels", "the gutting knives", "the tusker blade",
    "the projector lamp", "the ice pebbler", "the clapper pins", "the queen cages",
    "the dye vats", "the salt tallies", "the ringing peal board", "the hand-bills",
]  # fmt: skip
ACTIONS = [
    "rang down", "smoked out", "beamed", "salted", "stacked", "spliced", "swept",
    "rehung", "uncapped", "wove", "packed tight", "cut and dried", "threaded",
    "re-roped", "graded", "mended", "carted off", "rewound", "dyed", "tallied",
]  # fmt: skip
SETTINGS = [
    "in the ringing chamber", "by the bee boles", "in the weaving shed", "in the curing yard",
    "out on the moss", "in the church hall", "on the frozen loch", "under the belfry",
    "at the gutting troughs", "behind the waulking shed", "in the operator's booth",
    "along the peat road",
]  # fmt: skip
WHENS = [
    "before evensong", "in the swarming season", "after the Harris market",
    "when the herring came in", "when the peats were lifted", "on bonspiel morning",
    "in the winter of the great frost", "the night the reels caught fire",
    "after the quarter peal", "in the year the mill closed", "at the summer fair",
    "once the ice held",
]  # fmt: skip
HOWS = [
    "by tilley lamp", "in Gaelic", "with numb fingers", "by rote", "in silence",
    "for a shilling", "with borrowed ropes", "two at a time", "against the wind",
    "by the minister's leave",
]  # fmt: skip
MOTIVES = [
    "because the mill owners had lowered the piece rates",
    "so that the whole township could see the pictures",
    "since the tenor had cracked", "as the kirk session ordered",
    "although the factor had forbidden it", "so the bees would winter well",
    "because the curers paid by the barrel", "in case the loch thawed early",
]  # fmt: skip
IDEAS = [
    "ringing in rounds", "a fair piece rate", "honest honey", "common grazing",
    "pictures for every township", "the dignity of the gutters", "winter fellowship",
    "the right to cut peat", "a true weft", "shared ice", "open belfries",
    "thrift without meanness",
]  # fmt: skip
QUALITIES = [
    "peat-stained", "frayed", "sticky", "salt-crusted", "moth-eaten", "sooty",
    "dog-eared", "pencilled", "wax-spotted", "faded", "frost-bitten", "handsewn",
]  # fmt: skip
FORMS = [
    "{A} {act} {o} {s}, {w}.",
    "It was {a} who {act} {o} {h}.",
    "Nobody but {a} {act} {o2}, and {a2} never forgot it.",
    "{W} {a} {act} {o} {m}.",
    "Ask {a} why {o} looked so {q}.",
    "For the sake of {i}, {a} {act} {o}.",
    "{A} {act} {o} {h} {s}.",
    "The {q} day-book says {a} {act} {o}.",
    "“Leave {o} alone,” said {a} {w}.",
    "Whatever {a} {act}, {o2} stayed {q}.",
    "Talk turned to {i} when {a} {act} {o}.",
    "So it was that {a} {act} {o} {m}.",
]  # fmt: skip
BRIEF = [
    "The bells fell silent.", "The bees swarmed.", "The treadles stopped.", "Frost came.",
    "The film snapped.", "Nobody spoke.", "The stones ran true.", "Rain again.",
]  # fmt: skip

T_NOUNS = [
    "Ringing Chamber", "Belfry", "Sally Rope", "Bee Boles", "Drone Comb", "Weaving Shed",
    "Weft", "Bobbin Creel", "Curing Yard", "Herring Barrel", "Peat Bank", "Moss Road",
    "Operator's Booth", "Picture Night", "Curling Pond", "Bonspiel", "Waulking Shed",
    "Heather Honey", "Gutting Crew", "Tweed Mark", "Quarter Peal", "Kirk Session",
]  # fmt: skip
T_ADJECTIVES = [
    "Long", "Sweet", "Frozen", "Salted", "Cracked", "Humming", "Woven", "Late",
    "Stubborn", "Bright", "Northern", "Second", "Hidden", "Patient",
]  # fmt: skip
T_FORMS = [
    "The {A} {N}", "Notes from the {N}", "After the {N}", "A {N} Remembered",
    "The {N} and the {N2}", "Beyond the {N}", "Keeping the {N}", "Our {A} {N}",
    "The Trouble with the {N}", "Letters from the {N}", "The {N} Reconsidered",
    "Round About the {N}",
]  # fmt: skip
T_QUESTIONS = [
    "Who Rang the {N}?", "Whose {N} Was It?", "Is the {N} Worth Keeping?",
    "When Did the {N} Close?",
]  # fmt: skip
GIVEN = ["Morag", "Ewan", "Isla", "Callum", "Catriona", "Hamish", "Seonaid", "Duncan"]
FAMILY = ["Buchanan", "Macrae", "Lindsay", "Drummond", "Sinclair", "Gillespie", "Urquhart"]
TOWNS = ["Kilbarra", "Drumnacraig", "Auchterbrae", "Glenmorven", "Balnacoul", "Port Sgeir"]
MONTHS = ["February", "March", "May", "July", "October", "December"]

VOCABULARY = vocabulary(
    globals(),
    draws=(
        ("a a2", AGENTS), ("act", ACTIONS), ("o o2", OBJECTS), ("q", QUALITIES), (FORM, ()),
        ("s", SETTINGS), ("h", HOWS), ("w", WHENS), ("m", MOTIVES), ("i", IDEAS),
    ),
    capitals=(("A", "a", ""), ("W", "w", ",")),
    years=(1912, 1979),
    note_forms=[
        "So {a} told the editor in {year}.", "The kirk session minutes for {year} agree.",
        "{A} kept {o} until {year}.", "The word is the township's own, {w}.",
    ],
)  # fmt: skip


class SeventhProse(Grammar):
    """The seventh world's sentences, titles and names, with its towns."""

    vocabulary = VOCABULARY

    def town(self) -> str:
        return self.rng.choice(TOWNS)
