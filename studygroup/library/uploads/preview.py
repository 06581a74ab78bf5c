"""What an import would produce, computed without writing anything."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext, ngettext

from studygroup.library import languages
from studygroup.library.importing.document import ParsedText, outline_levels
from studygroup.library.importing.footnotes import missing_notes_warning
from studygroup.library.models import Kind, Reading, Text
from studygroup.library.services import EditConflict, plan_reimport
from studygroup.library.splitting import propose_readings, sections_from_parsed

FIRST_WORDS = 16


@dataclass
class ParagraphPreview:
    index: int  # position in its section: what a fix names
    kind: str
    words: int
    first_words: str


@dataclass
class SectionPreview:
    title: str
    level: int
    kind: str
    kind_label: str
    words: int
    paragraphs: int
    footnotes: int
    first_words: str
    index: int = 0
    lines: list[ParagraphPreview] = field(default_factory=list)  # with_paragraphs only
    chapter: bool = True  # a chapter (or part) as weeks are cut, else a sub-heading


@dataclass
class WeekPreview:
    number: int
    title: str
    words: int
    minutes: int


@dataclass
class Preview:
    title: str
    author: str
    words: int
    sections: list[SectionPreview]
    chapters: int
    footnotes: int
    markers_without_notes: int
    warnings: list[str]
    subheadings: int = 0
    duplicates: list[Text] = field(default_factory=list)
    weeks: list[WeekPreview] = field(default_factory=list)
    language: str = languages.DEFAULT  # detected from the text (languages.detect_parsed)
    # Re-import only: what save_imported_text(replace=...) will do to the paragraphs.
    kept: int | None = None  # same text, same id
    matched: int | None = None  # corrected text, same id (a close match)
    created: int | None = None
    removed: int | None = None  # give up their id
    merged: int | None = None  # give up their id to the paragraph they were merged into
    # (what, how many) pointing at removed paragraphs: back to the section, or dropped;
    # and pointing at merged ones: following them.
    falling_back: list[tuple[str, int]] = field(default_factory=list)
    dropped: list[tuple[str, int]] = field(default_factory=list)
    following: list[tuple[str, int]] = field(default_factory=list)
    conflicts: list[EditConflict] = field(default_factory=list)
    readings_resplit: list[str] = field(default_factory=list)


def first_words(text: str, count: int = FIRST_WORDS) -> str:
    words = text.split()
    return " ".join(words[:count]) + ("…" if len(words) > count else "")


def _section_first_words(section) -> str:
    for paragraph in section.paragraphs:
        if paragraph.text.split():
            return first_words(paragraph.text)
    return ""


def build_preview(
    parsed: ParsedText,
    *,
    checksum: str,
    replace: Text | None = None,
    duplicates_among=None,
    minutes_per_week: int | None = None,
    with_paragraphs: bool = False,
) -> Preview:
    """What an import of `parsed` would produce, computed without writing anything.

    `duplicates_among` narrows the "already imported" check to texts the uploader may
    see (a group's upload must not learn of another group's private text).
    `minutes_per_week` adds the weeks a group would read at that pace.
    """
    kinds = dict(Kind.choices)
    outline = outline_levels([(s.level, s.title) for s in parsed.sections])
    sections = [
        SectionPreview(
            title=s.title,
            level=s.level,
            kind=s.kind,
            kind_label=kinds.get(s.kind, s.kind),
            words=s.words,
            paragraphs=len(s.paragraphs),
            footnotes=len(s.footnote_numbers),
            first_words=_section_first_words(s),
            index=i,
            lines=[
                ParagraphPreview(
                    index=j, kind=p.kind, words=p.words, first_words=first_words(p.text)
                )
                for j, p in enumerate(s.paragraphs)
            ]
            if with_paragraphs
            else [],
            chapter=outline[i] == 1,
        )
        for i, s in enumerate(parsed.sections)
    ]
    body = [level for s, level in zip(parsed.sections, outline, strict=True) if s.kind == "body"]
    chapters = body.count(1)
    with_notes = {f.number for f in parsed.footnotes if f.text.strip()}
    markers = [n for s in parsed.sections for n in s.footnote_numbers]
    without = sum(1 for n in markers if n not in with_notes)

    warnings = list(parsed.warnings)
    # The importer's own "no chapters" warnings, in the language they were made in.
    said = {gettext("no chapters found"), gettext("no chapters found; sub-headings only")}
    if chapters == 0 and not any(w in said for w in warnings):
        warnings.append(
            gettext(
                "no chapters found: the text has no level-1 headings in its body; "
                "split it into sections after import"
            )
        )
    if without and missing_notes_warning(without) not in warnings:
        warnings.append(missing_notes_warning(without))

    among = Text.objects.all() if duplicates_among is None else duplicates_among
    preview = Preview(
        title=parsed.title,
        author=parsed.author or "",
        words=parsed.words,
        sections=sections,
        chapters=chapters,
        subheadings=body.count(2),
        language=replace.language if replace is not None else languages.detect_parsed(parsed),
        footnotes=len(parsed.footnotes),
        markers_without_notes=without,
        warnings=warnings,
        duplicates=list(among.filter(checksum=checksum).exclude(pk=getattr(replace, "pk", None))),
    )
    if minutes_per_week:
        preview.weeks = _weeks(parsed, minutes_per_week, preview.language)
    if replace is not None:
        _preview_reimport(preview, parsed, replace)
    return preview


def _weeks(parsed: ParsedText, minutes_per_week: int, language: str) -> list[WeekPreview]:
    try:
        proposed = propose_readings(
            sections_from_parsed(parsed),
            minutes_per_week=minutes_per_week,
            words_per_minute=languages.words_per_minute(language),
        )
    except ValueError:  # no body text: the warnings already say so
        return []
    return [WeekPreview(r.number, r.title, r.words, r.minutes) for r in proposed]


def _preview_reimport(preview: Preview, parsed: ParsedText, text: Text) -> None:
    # The very plan save_imported_text will follow, computed without writing.
    plan = plan_reimport(text, parsed)
    preview.kept = plan.exact
    preview.matched = plan.close
    preview.created = plan.created
    preview.removed = len(plan.removed) - len(plan.merged)
    preview.merged = len(plan.merged)
    preview.falling_back = sorted(plan.falling_back.items())
    preview.dropped = sorted(plan.dropped.items())
    preview.following = sorted(plan.following.items())
    preview.conflicts = plan.conflicts
    # When a week's boundary section is gone, save_imported_text splits the text into
    # weekly readings again: say so up front, once per week and section, with the splits
    # (the library's, groups' own) it concerns. Groups are counted, never named: the preview
    # may be a group's, and another group's name is its own.
    wanted = {section.pk for section in plan.sections if section is not None}
    concerned: dict[tuple[int, str], set[int | None]] = {}
    for reading in Reading.objects.filter(text=text).select_related("start_section", "end_section"):
        for boundary in {reading.start_section, reading.end_section} - {None}:
            if boundary.pk not in wanted:
                key = (reading.number, boundary.title)
                concerned.setdefault(key, set()).add(reading.adoption_id)
    for (number, title), adoptions in sorted(concerned.items()):
        preview.readings_resplit.append(
            gettext(
                "Week %(number)d (%(splits)s) starts or ends at “%(title)s”, which the "
                "corrected file no longer has: the weekly readings will be split again. To "
                "keep them as they are, rename that section to match the file first."
            )
            % {"number": number, "title": title, "splits": _splits(adoptions)}
        )


def _splits(adoptions: set[int | None]) -> str:
    """ "the library's split and 2 groups' own weeks": None stands for the curated split."""
    groups = len(adoptions - {None})
    parts = [gettext("the library's split")] if None in adoptions else []
    if groups:
        parts.append(
            ngettext("%(count)d group's own weeks", "%(count)d groups' own weeks", groups)
            % {"count": groups}
        )
    return gettext(" and ").join(parts)
