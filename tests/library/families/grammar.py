"""The sentence grammar every family's prose runs on; a vocabulary makes it a world of its own.

A Vocabulary holds the word lists and the order in which a sentence draws from them; a
Grammar draws sentences, titles, names, dates and notes from one seeded generator. The
draw order is part of a vocabulary because the cases a seed makes are pinned
(bench/family_hashes.py): two vocabularies that draw in different orders make different
texts from the same seed, and an older set's texts must not change.
"""

from __future__ import annotations

import random
import re
import string
from collections.abc import Sequence
from dataclasses import dataclass

FORM = ""  # in a draw order: the point where the sentence form is picked


@dataclass(frozen=True)
class Vocabulary:
    # (slot names, words): one name draws one word; two names draw two different words.
    draws: tuple[tuple[str, Sequence[str]], ...]
    forms: Sequence[str]  # sentence templates over the slot names
    # (slot, from slot, suffix): "W" is "w" with a capital and, say, a comma after it.
    capitals: tuple[tuple[str, str, str], ...] = ()
    brief: Sequence[str] = ()  # sentences of two or three words
    title_nouns: Sequence[str] = ()
    title_adjectives: Sequence[str] = ()
    title_forms: Sequence[str] = ()
    title_questions: Sequence[str] = ()
    title_form_first: bool = False  # draw the title's form before its nouns
    title_tries: int = 300
    given: Sequence[str] = ()
    family: Sequence[str] = ()
    months: Sequence[str] = ()
    years: tuple[int, int] = (1900, 2000)
    # Note templates over the sentence slots ("{w}"; "{P}": a word for "p" with a capital) and
    # "{year}"; each slot once. Every template is filled before one is picked, as sets did.
    note_forms: Sequence[str] = ()


class Grammar:
    """Sentences, titles and names from one seeded random generator."""

    vocabulary: Vocabulary

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.used: set[str] = set()

    def sentence(self) -> str:
        rng, vocab = self.rng, self.vocabulary
        fill: dict[str, str] = {}
        form = ""
        for names, words in vocab.draws:
            if names == FORM:
                form = rng.choice(vocab.forms)
            elif " " in names:
                fill.update(zip(names.split(), rng.sample(words, 2), strict=True))
            else:
                fill[names] = rng.choice(words)
        for slot, source, suffix in vocab.capitals:
            fill[slot] = cap(fill[source]) + suffix
        return form.format(**fill)

    def sentences(self, low: int, high: int) -> list[str]:
        """Between `low` and `high` different sentences."""
        out: list[str] = []
        wanted = self.rng.randint(low, high)
        while len(out) < wanted:
            s = self.sentence()
            if s not in out:
                out.append(s)
        return out

    def brief(self) -> str:
        return self.rng.choice(self.vocabulary.brief)

    def title(self, *, question: bool = False) -> str:
        """A title not given before by this generator."""
        rng, vocab = self.rng, self.vocabulary
        forms = vocab.title_questions if question else vocab.title_forms
        for _ in range(vocab.title_tries):
            if vocab.title_form_first:
                form = rng.choice(forms)
                n, n2 = rng.sample(vocab.title_nouns, 2)
            else:
                n, n2 = rng.sample(vocab.title_nouns, 2)
                form = rng.choice(forms)
            title = form.format(A=rng.choice(vocab.title_adjectives), N=n, N2=n2)
            title = re.sub(r"\bA (?=[AEIOU])", "An ", title)
            if title.casefold() not in self.used:
                self.used.add(title.casefold())
                return title
        raise RuntimeError("ran out of distinct titles")

    def name(self) -> str:
        return f"{self.rng.choice(self.vocabulary.given)} {self.rng.choice(self.vocabulary.family)}"

    def surname(self) -> str:
        return self.rng.choice(self.vocabulary.family)

    def date(self) -> str:
        rng, vocab = self.rng, self.vocabulary
        return f"{rng.randint(1, 28)} {rng.choice(vocab.months)} {rng.randint(*vocab.years)}"

    def note(self) -> str:
        filled = [self._fill(form) for form in self.vocabulary.note_forms]
        return self.rng.choice(filled)

    def _fill(self, template: str) -> str:
        lists = {name: words for names, words in self.vocabulary.draws for name in names.split()}
        values: dict[str, str] = {}
        for _text, slot, _spec, _conv in string.Formatter().parse(template):
            if slot == "year":
                values[slot] = str(self.rng.randint(*self.vocabulary.years))
            elif slot in lists:
                values[slot] = self.rng.choice(lists[slot])
            elif slot:
                values[slot] = cap(self.rng.choice(lists[slot.lower()]))
        return template.format(**values)


def cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def vocabulary(lists: dict[str, object], **particular) -> Vocabulary:
    """A Vocabulary from a prose module's lists, named as every set names them: FORMS, BRIEF,
    T_NOUNS, T_ADJECTIVES, T_FORMS, T_QUESTIONS, GIVEN, FAMILY, MONTHS. `particular`: the
    rest (draws, capitals, years, note forms...), what makes one vocabulary unlike another."""
    return Vocabulary(
        forms=lists["FORMS"],
        brief=lists["BRIEF"],
        title_nouns=lists["T_NOUNS"],
        title_adjectives=lists["T_ADJECTIVES"],
        title_forms=lists["T_FORMS"],
        title_questions=lists["T_QUESTIONS"],
        given=lists["GIVEN"],
        family=lists["FAMILY"],
        months=lists["MONTHS"],
        **particular,
    )
