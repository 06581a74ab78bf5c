"""Writes to the library: saving an imported text atomically, re-importing in place."""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from django.db import models, transaction
from django.utils.html import escape
from django.utils.text import slugify

from studygroup.library.importing.document import FootnoteRef, ParsedText
from studygroup.library.models import Footnote, Paragraph, Reading, Section, Text
from studygroup.library.readings import check_readings, generate_readings


@dataclass
class ImportReport:
    text: Text
    created: bool
    sections: int = 0
    paragraphs_kept: int = 0
    paragraphs_created: int = 0
    paragraphs_removed: int = 0
    footnotes: int = 0
    warnings: list[str] = field(default_factory=list)


def paragraph_checksum(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


# A rendered footnote reference: the superscript link and, when the note has text, the
# note itself, hidden until the link targets it (CSS :target), so it opens in place
# without JavaScript. Editing and snippets strip references with this pattern.
FOOTNOTE_MARKUP = re.compile(
    r'<sup class="fn-ref">.*?>(\d+)</a></sup>(?:<span class="fn-note"[^>]*>.*?</span>)?', re.S
)


def render_paragraph_html(
    text: str,
    refs: Iterable[FootnoteRef],
    *,
    kind: str = "prose",
    notes: Mapping[int, str] | None = None,
) -> str:
    """Escape the text and put a linked superscript where each footnote marker stood.

    With `notes` (number → text), each reference carries its note, shown in place when
    the reference is followed; a note without text links to the list of notes instead.
    """
    notes = notes or {}
    seed = paragraph_checksum(text)[:6]  # unique ids when a note is cited twice on a page
    pieces: list[str] = []
    cursor = 0
    for ref in sorted(refs, key=lambda r: r.offset):
        offset = min(max(ref.offset, cursor), len(text))
        pieces.append(escape(text[cursor:offset]))
        n = ref.number
        note = notes.get(n, "").strip()
        target = f"n{n}-{seed}" if note else f"fn-{n}"
        pieces.append(
            f'<sup class="fn-ref"><a href="#{target}" id="r{n}-{seed}"'
            f' aria-label="Note {n}">{n}</a></sup>'
        )
        if note:
            pieces.append(
                f'<span class="fn-note" id="{target}" role="note">'
                f'<strong class="fn-number">{n}</strong> {escape(note)} '
                f'<a class="fn-close" href="#r{n}-{seed}" aria-label="Close note {n}">×</a>'
                f'<a class="fn-all" href="#fn-{n}">all notes</a></span>'
            )
        cursor = offset
    pieces.append(escape(text[cursor:]))
    html = "".join(pieces)
    if kind == "verse":
        html = html.replace("\n", "<br>")
    return html


def unique_slug(title: str, *, exclude_pk: int | None = None) -> str:
    base = slugify(title)[:100] or "text"
    slug, n = base, 1
    while Text.objects.filter(slug=slug).exclude(pk=exclude_pk).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


@transaction.atomic
def save_imported_text(
    *,
    parsed: ParsedText,
    filename: str,
    checksum: str,
    title: str | None = None,
    author: str | None = None,
    tags: Iterable[str] = (),
    is_public: bool = True,
    imported_by=None,
    replace: Text | None = None,
) -> ImportReport:
    """Save a parsed text, all or nothing.

    With `replace`, the text is re-imported in place: paragraphs whose text did not
    change keep their ids (the anchors discussion points at); the others are created
    or removed.
    """
    title = (title or parsed.title or filename or "Untitled").strip()[:300]
    author = (author if author is not None else parsed.author or "").strip()[:200]
    if replace is None:
        text = Text.objects.create(
            title=title,
            slug=unique_slug(title),
            author=author,
            is_public=is_public,
            imported_by=imported_by,
            original_filename=filename[:255],
            checksum=checksum,
            language=parsed.language,
        )
        created = True
    else:
        text = Text.objects.select_for_update().get(pk=replace.pk)
        text.title, text.author = title, author
        text.original_filename, text.checksum = filename[:255], checksum
        created = False

    report = ImportReport(text=text, created=created, warnings=list(parsed.warnings))

    # Old paragraphs by checksum, in reading order, so repeated texts match in order.
    note_texts = {f.number: f.text for f in parsed.footnotes}
    reusable: dict[str, list[Paragraph]] = defaultdict(list)
    old_sections = list(text.sections.all()) if not created else []
    if old_sections:
        for paragraph in Paragraph.objects.filter(section__text=text).order_by(
            "section__position", "position"
        ):
            reusable[paragraph.checksum].append(paragraph)
    # Several old sections may share a title and level ("Notes"): match them in order.
    old_by_key: dict[tuple[str, int], list[Section]] = defaultdict(list)
    for old in old_sections:
        old_by_key[(old.title, old.level)].append(old)

    kept_ids: set[int] = set()
    new_paragraphs: list[Paragraph] = []
    updated_paragraphs: list[Paragraph] = []
    citations: list[tuple[Paragraph, list[int]]] = []
    sections: list[Section] = []
    for position, parsed_section in enumerate(parsed.sections):
        same = old_by_key.get((parsed_section.title[:300], parsed_section.level))
        section = same.pop(0) if same else Section(text=text)
        section.position = position
        section.level = parsed_section.level
        section.kind = parsed_section.kind
        section.title = parsed_section.title[:300] or f"Section {position + 1}"
        section.words = parsed_section.words
        section.save()
        sections.append(section)
        for p_position, parsed_paragraph in enumerate(parsed_section.paragraphs):
            checksum_ = paragraph_checksum(parsed_paragraph.text)
            fields = {
                "section": section,
                "position": p_position,
                "kind": parsed_paragraph.kind,
                "text": parsed_paragraph.text,
                "html": render_paragraph_html(
                    parsed_paragraph.text,
                    parsed_paragraph.refs,
                    kind=parsed_paragraph.kind,
                    notes=note_texts,
                ),
                "words": parsed_paragraph.words,
                "checksum": checksum_,
            }
            candidates = reusable.get(checksum_)
            if candidates:
                paragraph = candidates.pop(0)
                for name, value in fields.items():
                    setattr(paragraph, name, value)
                updated_paragraphs.append(paragraph)
                kept_ids.add(paragraph.pk)
            else:
                paragraph = Paragraph(**fields)
                new_paragraphs.append(paragraph)
            if parsed_paragraph.refs:
                citations.append((paragraph, parsed_paragraph.footnote_numbers))

    # Paragraphs that vanished: their discussion moves to the section (discussion app).
    removed = Paragraph.objects.filter(section__text=text).exclude(pk__in=kept_ids)
    report.paragraphs_removed = removed.count() if not created else 0
    if report.paragraphs_removed:
        removed.delete()
    Paragraph.objects.bulk_update(
        updated_paragraphs, ["section", "position", "kind", "text", "html", "words", "checksum"]
    )
    Paragraph.objects.bulk_create(new_paragraphs, batch_size=500)
    stale_sections = [section for group in old_by_key.values() for section in group]
    weeks = text.readings.count() if not created else 0
    if stale_sections and weeks:
        # Readings protect the sections they start and end at. Park them on the first
        # section; they are re-split below, keeping their rows (and their discussion).
        Reading.objects.filter(text=text).filter(
            models.Q(start_section__in=stale_sections) | models.Q(end_section__in=stale_sections)
        ).update(start_section=sections[0], start_paragraph=0, end_section=None, end_paragraph=0)
    for stale in stale_sections:
        stale.delete()

    text.footnotes.all().delete()
    footnotes = Footnote.objects.bulk_create(
        [Footnote(text=text, number=f.number, body=f.text) for f in parsed.footnotes]
    )
    by_number = {f.number: f for f in footnotes}
    through = Footnote.cited_by.through
    links = {
        (by_number[number].pk, paragraph.pk)
        for paragraph, numbers in citations
        for number in numbers
        if number in by_number
    }
    through.objects.bulk_create(
        [through(footnote_id=f, paragraph_id=p) for f, p in sorted(links)], batch_size=500
    )

    text.words = parsed.words
    text.warnings = list(parsed.warnings)
    text.save()
    if weeks and (stale_sections or check_readings(text)):
        generate_readings(text, weeks=weeks)
        report.warnings.append(
            f"The sections changed, so the text was split again into {weeks} weekly readings."
        )
    tags = [t.strip() for t in tags if t.strip()]
    if tags:
        text.tags.add(*tags)

    report.sections = len(sections)
    report.paragraphs_kept = len(updated_paragraphs)
    report.paragraphs_created = len(new_paragraphs)
    report.footnotes = len(footnotes)
    return report
