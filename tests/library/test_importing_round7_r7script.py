"""Rules added in round seven, part I (issue #13): layout conventions of judgments, plays
printed to PDF and reports whose tables and figures stand right over a heading.

Each layout is written by hand with its own prose, so a rule is pinned by what it means.
"""

from __future__ import annotations

from studygroup.library.importing.pipeline import parse_text

from .test_importing_structure import plain_text


def _titles(parsed) -> list[tuple[int, str]]:
    return [(s.level, s.title) for s in parsed.sections]


def _body(parsed) -> str:
    return " ".join(p.text for s in parsed.sections for p in s.paragraphs)


# --- a judgment's title page ------------------------------------------------------------

PARTIES = [
    "Between:",
    "MARGARET OYELARAN\nClaimant",
    "v",
    "RIVERSIDE HAULAGE LIMITED\nDefendant",
]
REASONS = [
    "Facts",
    "1. The claimant ran a ferry across the estuary for eleven years. "
    "Her licence lapsed when the harbour board changed hands.",
    "2. The defendant bought the slipway in the spring. It refused her the use of it.",
    "Decision",
    "3. The licence was never lawfully withdrawn. The claim succeeds.",
]


def test_a_judgments_case_name_is_its_title_not_the_court_or_citation():
    text = plain_text(
        "Case reference: [1987] ECH 31",
        "IN THE ESTUARY COURT",
        "The Ferry Licence Appeal",
        *PARTIES,
        "Reasons for the decision of Judge Amos Kettering:",
        *REASONS,
    )
    parsed = parse_text(text)
    assert parsed.title == "The Ferry Licence Appeal"
    assert [t for _, t in _titles(parsed)] == ["Facts", "Decision"]
    assert "RIVERSIDE" not in _body(parsed)


def test_a_judgment_with_no_case_name_is_named_after_its_parties():
    text = plain_text("IN THE ESTUARY COURT", *PARTIES, "JUDGMENT", *REASONS)
    parsed = parse_text(text)
    assert parsed.title == "Margaret Oyelaran v Riverside Haulage Limited"
    assert [t for _, t in _titles(parsed)] == ["Facts", "Decision"]
