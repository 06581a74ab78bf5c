"""Prose for the fourth held-out families: grammar.py's engine with a vocabulary of its own.

Its world (cinema projectionists, beekeepers, municipal baths, tram crews, telephone
exchanges, market stalls) shares no word list and no sentence form with prose.py,
fresh_prose.py or third_prose.py, and draws its words in an order of its own, so a rule
keyed to an earlier set's words or templates cannot pass here. Nothing is copied from any
real text.
"""

from __future__ import annotations

from .grammar import FORM, Grammar, vocabulary

AGENTS = [
    "the chief projectionist", "a relief usherette", "the beekeeping secretary",
    "two tram conductors", "the bathhouse attendant", "our programme editor",
    "the switchboard supervisor", "a market inspector", "the swarm collector",
    "three trainee operators", "the film society treasurer", "the depot mechanic",
    "a stallholder", "the radio volunteers", "the pool superintendent", "an apiary steward",
    "the exchange manager", "the cloakroom staff", "a visiting entomologist",
    "the matinee pianist",
]  # fmt: skip
OBJECTS = [
    "the reel canisters", "a frame of capped honey", "the booking sheets", "the carbon rods",
    "the fare tables", "a crate of queen cages", "the switchboard log", "the locker tickets",
    "the nitrate reels", "the stall licences", "the hive records", "the transmitter valves",
    "the programme leaflets", "the lost-property book", "the chlorine readings",
    "the pitch fees", "a tin of beeswax", "the route cards", "the projector lamps",
    "the membership badges",
]  # fmt: skip
ACTIONS = [
    "spliced", "rewired", "smoked out", "queued for", "chalked up", "requisitioned", "screened",
    "drained", "swept", "repainted", "overcharged", "shelved", "insured", "mislabelled",
    "rescheduled", "costed", "broadcast", "refunded", "patched", "registered",
]  # fmt: skip
SETTINGS = [
    "in the projection box", "behind the ticket kiosk", "at the tram depot",
    "under the viewing gallery", "beside the plunge pool", "in the apiary shed",
    "on the exchange floor", "by the fish stalls", "in the studio cupboard",
    "at the top of the circle", "outside the cubicles", "inside the boiler house",
]  # fmt: skip
WHENS = [
    "during the late show", "before the swarming season", "on the first cold Sunday",
    "after the power cut", "in the week of the fare rise", "when the exchange went automatic",
    "all through the heatwave", "at the interval", "before the doors opened",
    "on closing night", "in the years of the boycott", "while the film was rewinding",
]  # fmt: skip
HOWS = [
    "reel by reel", "without a licence", "in their own time", "with a hand torch",
    "at half price", "on the quiet", "by rota", "in shorthand", "with gloves on",
    "against the clock",
]  # fmt: skip
MOTIVES = [
    "so the audience would not notice", "because the council wanted the site",
    "since the colony was failing", "as the staff meeting had agreed",
    "though the management forbade it", "because the fares had doubled",
    "so that the pool could stay open", "while the operators were on a go-slow",
]  # fmt: skip
IDEAS = [
    "public bathing", "the free matinee", "cheap fares", "a healthy colony",
    "the operators' rota", "open airwaves", "a market for all", "the audience's rights",
    "municipal pride", "the shared hive", "equal pay for usherettes",
    "a cinema run by its members",
]  # fmt: skip
QUALITIES = [
    "sticky", "flickering", "chlorinated", "waxed", "creased", "rain-soaked", "crackling",
    "sun-faded", "duplicated", "half-legible", "well-thumbed", "scorched",
]  # fmt: skip
FORMS = [
    "{S}, {a} {act} {o}.",
    "Nobody but {a} {act} {o} {w}.",
    "Ask {a} about {i} and you will hear about {o}.",
    "{A} and {a2} {act} {o} together {s}.",
    "What {a} {act} {w} was {o}, not {o2}.",
    "There is a {q} photograph of {a} beside {o}.",
    "The minutes say {a} {act} {o} {h}.",
    "Twice {w}, {a} {act} {o2}.",
    "{I} was the argument; {o} was the evidence.",
    "{A} {act} {o}, and {a2} never forgave it.",
    "“Not {o},” {a} pleaded, {m}.",
    "Even now {i} means {o} to {a}.",
    "A {q} list {s} names {a} and {a2}.",
    "{H}, {a} {act} {o} {m}.",
]  # fmt: skip
BRIEF = [
    "The screen went dark.", "Nobody came.", "The bees swarmed.", "The pool emptied.",
    "Fares rose.", "The line crackled.", "We queued.", "The doors shut.",
]  # fmt: skip

T_NOUNS = [
    "Projection Box", "Apiary", "Switchboard", "Plunge Pool", "Tram Depot", "Matinee",
    "Ticket Kiosk", "Hive", "Circle", "Usherettes", "Exchange", "Market Hall", "Reel",
    "Swarm", "Interval", "Bathhouse", "Late Show", "Queen Cage", "Airwaves", "Fare Stage",
    "Boiler House", "Queue",
]  # fmt: skip
T_ADJECTIVES = [
    "Flickering", "Municipal", "Crackling", "Silver", "Humming", "Double", "Late", "Public",
    "Cheap", "Golden", "Wet", "Tiled", "Sleepless", "Dim",
]  # fmt: skip
T_FORMS = [
    "Tickets for the {N}", "When the {N} Closed", "The {N} and the {N2}", "Keep the {N} Open",
    "Our {A} {N}", "{N} Without {N2}", "The Last {N}", "Minding the {N}", "The {N} Diaries",
    "The {A} {N}", "Down at the {N}", "Counting the {N}",
]  # fmt: skip
T_QUESTIONS = [
    "Who Runs the {N}?", "Must the {N} Close?", "What Is the {N} For?", "Whose {A} {N}?",
]  # fmt: skip
GIVEN = ["Agnieszka", "Bram", "Consolata", "Dagny", "Eamon", "Folake", "Gideon", "Halina", "Ines"]
FAMILY = ["Brannock", "Castellan", "Dimitriou", "Everard", "Fairlie", "Grunwald", "Ilunga"]
TOWNS = ["Wexcombe", "Ostrava Street", "Saltley Cross", "Marrowby", "Quenby", "Vellaton"]
MONTHS = ["January", "April", "June", "September", "November"]
# Verbs for a question ("How do I book the hive records?"), not in the sentence forms.
ASK_VERBS = ["book", "return", "renew", "report", "collect", "change", "borrow", "check"]

VOCABULARY = vocabulary(
    globals(),
    draws=(
        (FORM, ()), ("s", SETTINGS), ("a a2", AGENTS), ("act", ACTIONS), ("o o2", OBJECTS),
        ("w", WHENS), ("i", IDEAS), ("q", QUALITIES), ("h", HOWS), ("m", MOTIVES),
    ),
    capitals=(("S", "s", ""), ("A", "a", ""), ("I", "i", ""), ("H", "h", "")),
    title_form_first=True,
    years=(1948, 1999),
    note_forms=[
        "Film society minute book, {w}.", "As told by {a}, {s}.", "Counted from {o}.",
        "On {i}, see the committee's report of {year}.",
    ],
)  # fmt: skip


class FourthProse(Grammar):
    """The fourth world's sentences, titles and names, with its towns and questions."""

    vocabulary = VOCABULARY

    def town(self) -> str:
        return self.rng.choice(TOWNS)

    def question(self) -> str:
        """A plain question in sentence case, as an FAQ or a study guide asks it."""
        rng = self.rng
        a, o, i = rng.choice(AGENTS), rng.choice(OBJECTS), rng.choice(IDEAS)
        return rng.choice(
            [
                f"How do I {rng.choice(ASK_VERBS)} {o}?",
                f"Can {a} {rng.choice(ASK_VERBS)} {o}?",
                f"Who decides about {i}?",
                f"What happens to {o} {rng.choice(WHENS)}?",
                f"Why does {a} keep {o}?",
                f"Where do I find {o}?",
            ]
        )

    def source(self) -> str:
        """Where an excerpt comes from: "Everard, Ines. The Last Reel. Quenby: …, pp. 4–19"."""
        rng = self.rng
        first = rng.randint(3, 200)
        press = rng.choice(["Kiosk Books", "Hive Press", "Circle Editions"])
        return (
            f"{self.surname()}, {rng.choice(GIVEN)}. {self.title()}. {self.town()}: {press}, "
            f"{rng.randint(1950, 1998)}, pp. {first}–{first + rng.randint(8, 30)}."
        )
