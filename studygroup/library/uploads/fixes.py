"""Simple corrections made in the preview, before anything is saved.

A fix is a small dict (JSON-able, kept with the stashed upload) naming a section and
paragraph by their index in the structure the previous fixes left. `apply_fixes`
replays them in order on a freshly parsed text, so the preview and the save always
see the same thing. Fixes after saving go through `library.editing`, which keeps
paragraph ids.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext

from studygroup.library.importing.document import (
    LEVELS,
    FootnoteRef,
    ParsedParagraph,
    ParsedSection,
    ParsedText,
)

RENAME, LEVEL, NOT_HEADING, REMOVE, MERGE = "rename", "level", "not_heading", "remove", "merge"
OPERATIONS = (RENAME, LEVEL, NOT_HEADING, REMOVE, MERGE)


class FixRefused(Exception):
    """A fix that does not apply; the message is shown to the uploader as it is."""


@dataclass(frozen=True)
class Fix:
    op: str
    section: int
    paragraph: int = 0
    title: str = ""
    level: int = 1

    def as_dict(self) -> dict:
        return {
            "op": self.op,
            "section": self.section,
            "paragraph": self.paragraph,
            "title": self.title,
            "level": self.level,
        }


def _section(parsed: ParsedText, index: int) -> ParsedSection:
    if not 0 <= index < len(parsed.sections):
        raise FixRefused(gettext("That heading is no longer there; look at the preview again."))
    return parsed.sections[index]


def _paragraph_index(section: ParsedSection, index: int) -> int:
    if not 0 <= index < len(section.paragraphs):
        raise FixRefused(gettext("That line is no longer there; look at the preview again."))
    return index


def join_paragraphs(first: ParsedParagraph, second: ParsedParagraph) -> ParsedParagraph:
    """One paragraph from two that a page break split; footnote markers keep their place."""
    glue = "" if first.text.endswith("-") and second.text[:1].islower() else " "
    head = first.text[:-1] if glue == "" else first.text
    shift = len(head) + len(glue)
    refs = [FootnoteRef(min(r.offset, len(head)), r.number) for r in first.refs]
    refs += [FootnoteRef(r.offset + shift, r.number) for r in second.refs]
    return ParsedParagraph(text=head + glue + second.text, kind=first.kind, refs=refs)


def apply_fix(parsed: ParsedText, fix: Fix) -> None:
    """Change `parsed` in place, or raise FixRefused (leaving it as it was)."""
    section = _section(parsed, fix.section)
    if fix.op == RENAME:
        title = " ".join(fix.title.split())[:300]
        if not title:
            raise FixRefused(gettext("A heading needs some words."))
        section.title = title
    elif fix.op == LEVEL:
        if fix.level not in LEVELS:
            raise FixRefused(
                gettext(
                    "A heading is a part or chapter (1), a chapter in a part or a "
                    "sub-heading (2), or a sub-heading in a chapter in a part (3)."
                )
            )
        section.level = fix.level
    elif fix.op == NOT_HEADING:
        if fix.section == 0:
            raise FixRefused(
                gettext("“%(title)s” is the first heading; there is nothing before it to join.")
                % {"title": section.title}
            )
        previous = parsed.sections[fix.section - 1]
        line = [ParsedParagraph(text=section.title)] if section.title.strip() else []
        previous.paragraphs.extend([*line, *section.paragraphs])
        del parsed.sections[fix.section]
    elif fix.op == REMOVE:
        index = _paragraph_index(section, fix.paragraph)
        del section.paragraphs[index]
    elif fix.op == MERGE:
        index = _paragraph_index(section, fix.paragraph)
        if index == 0:
            raise FixRefused(gettext("The first line under a heading has nothing to join."))
        joined = join_paragraphs(section.paragraphs[index - 1], section.paragraphs[index])
        section.paragraphs[index - 1 : index + 1] = [joined]
    else:
        raise FixRefused(gettext("Unknown correction."))


def apply_fixes(parsed: ParsedText, fixes: list[dict]) -> ParsedText:
    for fix in fixes:
        apply_fix(parsed, Fix(**fix))
    return parsed
