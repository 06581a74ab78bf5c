"""Builders for test data: plain functions with sensible defaults."""

from __future__ import annotations

import itertools

from allauth.account.models import EmailAddress

from studygroup.accounts.models import User

_seq = itertools.count(1)
PASSWORD = "correct horse battery staple"


def make_user(*, display_name: str | None = None, email: str | None = None, **extra) -> User:
    n = next(_seq)
    # No spoilers is on by default for real people. Most tests are about something else and
    # date their weeks from today, so whether week 1 is folded away would depend on the
    # weekday they run on: they read with it off. Spoiler tests ask for it.
    extra.setdefault("hide_spoilers", False)
    user = User.objects.create_user(
        username=extra.pop("username", f"reader{n}"),
        email=email or f"reader{n}@example.org",
        password=extra.pop("password", PASSWORD),
        display_name=display_name or f"Reader {n}",
        **extra,
    )
    # Signing in needs a verified address (ACCOUNT_EMAIL_VERIFICATION = "mandatory").
    EmailAddress.objects.create(user=user, email=user.email, primary=True, verified=True)
    return user


def parsed_text(
    chapters: int = 3, paragraphs: int = 4, *, title: str = "A Primer on Study Circles"
):
    """A small ParsedText, built by hand, for tests that don't exercise the pipeline."""
    from studygroup.library.importing.document import (
        FootnoteRef,
        ParsedFootnote,
        ParsedParagraph,
        ParsedSection,
        ParsedText,
    )

    sections = [
        ParsedSection(
            title="Preface",
            level=1,
            kind="front",
            paragraphs=[ParsedParagraph(text="Written for every group that reads together.")],
        )
    ]
    for c in range(1, chapters + 1):
        sections.append(
            ParsedSection(
                title=f"Chapter {c}",
                paragraphs=[
                    ParsedParagraph(text=f"Chapter {c}, paragraph {p}: the circle meets weekly.")
                    for p in range(1, paragraphs + 1)
                ],
            )
        )
    sections[1].paragraphs[0].refs.append(FootnoteRef(offset=10, number=1))
    return ParsedText(
        title=title,
        author="The Collective",
        sections=sections,
        footnotes=[ParsedFootnote(number=1, text="A note on <b>method</b>.")],
    )


def make_text(*, is_public: bool = True, **kwargs):
    from studygroup.library.services import save_imported_text

    return save_imported_text(
        parsed=parsed_text(**kwargs), filename="primer.txt", checksum="0" * 64, is_public=is_public
    ).text


def make_shaped_text(
    shape: list[tuple[str, int, str, list[int]]], *, title: str = "A Shaped Text", notes: int = 0
):
    """A text with exactly these sections: (title, level, kind, words of each paragraph).

    Paragraph p of section s reads "sS pP w w w …" so its word count is exact; with `notes`,
    the first `notes` paragraphs of the body each cite their own footnote.
    """
    from studygroup.library.importing.document import (
        FootnoteRef,
        ParsedFootnote,
        ParsedParagraph,
        ParsedSection,
        ParsedText,
    )
    from studygroup.library.services import save_imported_text

    sections = []
    cited = 0
    for s, (heading, level, kind, words) in enumerate(shape):
        paragraphs = []
        for p, count in enumerate(words):
            paragraph = ParsedParagraph(text=" ".join([f"s{s}", f"p{p}", *["w"] * (count - 2)]))
            if kind == "body" and cited < notes:
                cited += 1
                paragraph.refs.append(FootnoteRef(offset=2, number=cited))
            paragraphs.append(paragraph)
        sections.append(ParsedSection(title=heading, level=level, kind=kind, paragraphs=paragraphs))
    parsed = ParsedText(
        title=title,
        author="The Collective",
        sections=sections,
        footnotes=[ParsedFootnote(number=n, text=f"Note {n}.") for n in range(1, cited + 1)],
    )
    return save_imported_text(parsed=parsed, filename="shaped.txt", checksum="1" * 64).text


def make_book(*, chapters: int = 6, paragraphs: int = 4, words: int = 50, notes: int = 0):
    """Preface (front), `chapters` equal chapters, the second with a sub-heading, Notes (back)."""
    shape: list[tuple[str, int, str, list[int]]] = [("Preface", 1, "front", [40])]
    for c in range(1, chapters + 1):
        shape.append((f"Chapter {c}", 1, "body", [words] * paragraphs))
        if c == 2:
            shape.append(("A sub-heading", 2, "body", [words] * paragraphs))
    shape.append(("Notes", 1, "back", [30]))
    return make_shaped_text(shape, notes=notes)


def make_question(reading, *, body: str = "What does the author mean here?", **extra):
    """A question on `reading`; a curated one (no group) given a group's week goes on the
    curated week of the same number, where curated questions live."""
    from studygroup.library.models import Question, Reading

    if extra.get("group") is None and reading.adoption_id is not None:
        reading = Reading.objects.curated().get(text_id=reading.text_id, number=reading.number)
    return Question.objects.create(reading=reading, body=body, **extra)


# --- Groups -------------------------------------------------------------------


def make_group(*, facilitator: User | None = None, is_public: bool = False, **kwargs):
    """A group with a facilitator (made up when not given)."""
    from studygroup.groups.services import create_group

    kwargs.setdefault("name", f"Circle {next(_seq)}")
    return create_group(creator=facilitator or make_user(), is_public=is_public, **kwargs)


def add_member(group, user: User | None = None, *, role: str = "member"):
    from studygroup.groups.models import Membership

    return Membership.objects.create(group=group, user=user or make_user(), role=role)


def make_readings(text, *, weeks: int | None = None) -> list:
    """One published reading per body section (the first `weeks` of them)."""
    from studygroup.library.models import Reading

    sections = list(text.sections.order_by("position"))
    body = [i for i, s in enumerate(sections) if s.kind == "body"][:weeks]
    readings = []
    for number, index in enumerate(body, start=1):
        section = sections[index]
        readings.append(
            Reading.objects.create(
                text=text,
                number=number,
                title=section.title,
                start_section=section,
                end_section=sections[index + 1] if index + 1 < len(sections) else None,
                words=section.words,
                minutes=section.minutes,
            )
        )
    return readings


def adopt(group, text=None, *, start_date=None, weeks: int = 3):
    """The group reads `text` (a new one with `weeks` readings when not given)."""
    from studygroup.groups.services import adopt_text

    if text is None:
        text = make_text(chapters=weeks)
        make_readings(text)
    return adopt_text(group=group, text=text, start_date=start_date)
