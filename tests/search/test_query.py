"""The pure part: parsing the box's words, and making snippets safe."""

from __future__ import annotations

from studygroup.search.query import START, STOP, Term, fts5_match, highlight, parse, pg_tsquery


def test_words_phrases_and_prefixes() -> None:
    assert parse('Labour "use value" capit* self-consciousness') == [
        Term(("labour",)),
        Term(("use", "value")),
        Term(("capit",), prefix=True),
        Term(("self", "consciousness")),
    ]


def test_operators_and_quotes_cannot_break_the_syntax() -> None:
    terms = parse('NEAR( a" OR -b : ^c {col}:d "unclosed')
    assert fts5_match(terms) == '"near" "a" "or" "b" "c" "col d" "unclosed"'
    sql, params = pg_tsquery(parse("it's cap*"))
    assert sql == "phraseto_tsquery('english', %s) && to_tsquery('english', %s)"
    assert params == ["it s", "cap:*"]


def test_nothing_to_search() -> None:
    assert parse("") == parse("  ") == parse('"" -- ** ::') == []


def test_duplicates_dropped_and_terms_capped() -> None:
    assert parse("the THE the") == [Term(("the",))]
    assert len(parse(" ".join(f"w{i}" for i in range(40)))) == 12


def test_highlight_escapes_the_source_and_marks_matches() -> None:
    snippet = f"<script>x</script> the {START}value{STOP} of {START}labour & co{STOP}"
    assert highlight(snippet) == (
        "&lt;script&gt;x&lt;/script&gt; the <mark>value</mark> of <mark>labour &amp; co</mark>"
    )


def test_highlight_keeps_marks_balanced() -> None:
    assert highlight(f"{STOP}a{START}b{START}c") == "a<mark>bc</mark>"
    assert highlight("line\none\x00two") == "line one two"


def test_highlight_restores_angle_brackets_then_escapes() -> None:
    assert highlight(f"\x04b\x05{START}x{STOP}\x04/b\x05") == "&lt;b&gt;<mark>x</mark>&lt;/b&gt;"
