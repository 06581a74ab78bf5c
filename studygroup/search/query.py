"""The search box's words, turned into safe full-text queries; snippets, turned into safe HTML.

Pure Python: no Django database code, so the rules are tested on small strings.

A query is a list of terms, all required. A term is one word, a hyphenated or quoted run of
words (a phrase), or a word ending in `*` (a prefix). Everything else the user types
(operators, brackets, colons) is dropped, so no input can break the database's syntax.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

MAX_TERMS = 12
MAX_LENGTH = 200
# The databases wrap each match in these; they are swapped for <mark> after escaping.
START, STOP = "\x02", "\x03"
# PostgreSQL's parser drops anything that looks like an HTML tag from a headline, so angle
# brackets go in as these and come back here.
LT, GT = "\x04", "\x05"

_TOKEN = re.compile(r'"([^"]*)"?|(\S+)')
_WORD = re.compile(r"[^\W_]+")  # letters and digits: safe inside either database's syntax
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Term:
    words: tuple[str, ...]
    prefix: bool = False


def parse(text: str) -> list[Term]:
    """The terms of a query, in order, without duplicates; [] when nothing is searchable."""
    terms: list[Term] = []
    for match in _TOKEN.finditer((text or "")[:MAX_LENGTH]):
        phrase, bare = match.groups()
        chunk = phrase if phrase is not None else bare
        words = tuple(w.lower() for w in _WORD.findall(chunk))
        if not words:
            continue
        prefix = phrase is None and chunk.endswith("*")
        term = Term(words, prefix)
        if term not in terms:
            terms.append(term)
    return terms[:MAX_TERMS]


def fts5_match(terms: list[Term]) -> str:
    """An FTS5 MATCH expression: each term a quoted phrase (words hold no quotes), ANDed."""
    return " ".join(f'"{" ".join(t.words)}"' + (" *" if t.prefix else "") for t in terms)


def pg_term_inputs(terms: list[Term]) -> list[tuple[str, str]]:
    """Per term, the PostgreSQL function that makes its tsquery and that function's text."""
    inputs: list[tuple[str, str]] = []
    for term in terms:
        if term.prefix:
            # to_tsquery syntax, but built from letters and digits only.
            inputs.append(("to_tsquery", " <-> ".join(term.words) + ":*"))
        else:
            inputs.append(("phraseto_tsquery", " ".join(term.words)))
    return inputs


def pg_tsquery(terms: list[Term], *, config: str = "english") -> tuple[str, list[str]]:
    """SQL for a PostgreSQL tsquery under one configuration: phrases ANDed with `&&`."""
    inputs = pg_term_inputs(terms)
    parts = [f"{function}('{config}', %s)" for function, _ in inputs]
    return " && ".join(parts), [value for _, value in inputs]


def highlight(snippet: str) -> SafeString:
    """Escape a snippet from the database and turn its match markers into <mark> tags.

    The source text is never trusted: it is escaped whole, and the only tags in the result
    are the balanced <mark>s made here from the markers.
    """
    out: list[str] = []
    open_ = False
    for piece in re.split(f"([{START}{STOP}])", snippet or ""):
        if piece == START:
            if not open_:
                out.append("<mark>")
                open_ = True
        elif piece == STOP:
            if open_:
                out.append("</mark>")
                open_ = False
        else:
            piece = piece.replace(LT, "<").replace(GT, ">")
            out.append(escape(_SPACE.sub(" ", _CONTROL.sub(" ", piece))))
    if open_:
        out.append("</mark>")
    return mark_safe("".join(out))  # noqa: S308 - every piece above is escaped
