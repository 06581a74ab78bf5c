"""Writes to the library: saving an imported text atomically, re-importing in place.

A re-import keeps the id of every paragraph that is still there, even corrected: the
old and new paragraphs are aligned by `anchors.align` (identical text first, then
close matches in order, with `ANCHOR_MATCH_THRESHOLD`). `plan_reimport` computes that
alignment without writing, for the admin's preview, and `save_imported_text` applies
the same plan in one transaction.
"""

from __future__ import annotations

import hashlib
import html as html_lib
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from django.conf import settings
from django.db import IntegrityError, models, transaction
from django.db.models import OuterRef, Subquery
from django.utils.html import escape
from django.utils.text import slugify

from studygroup.cache import bump_rows_on_commit
from studygroup.library import languages
from studygroup.library.anchors import align
from studygroup.library.importing.document import FootnoteRef, ParsedText, count_words
from studygroup.library.markup import FOOTNOTE_MARKUP
from studygroup.library.models import (
    CuratorEdit,
    Footnote,
    PageStart,
    Paragraph,
    Reading,
    Section,
    Text,
)
from studygroup.library.readings import check_readings, generate_readings


@dataclass
class ImportReport:
    text: Text
    created: bool
    sections: int = 0
    paragraphs_kept: int = 0  # every paragraph that kept its id
    paragraphs_matched: int = 0  # of those, kept by a close match (corrected text)
    paragraphs_created: int = 0
    paragraphs_removed: int = 0
    edits_kept: int = 0
    footnotes: int = 0
    pages: int = 0  # print pages in the page map
    warnings: list[str] = field(default_factory=list)


def paragraph_checksum(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


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


def footnote_refs_from_html(html: str) -> list[FootnoteRef]:
    """Where the stored html puts its note references, as offsets in the plain text."""
    refs: list[FootnoteRef] = []
    length = 0
    cursor = 0
    for match in FOOTNOTE_MARKUP.finditer(html):
        length += len(_plain(html[cursor : match.start()]))
        refs.append(FootnoteRef(offset=length, number=int(match.group(1))))
        cursor = match.end()
    return refs


def _plain(fragment: str) -> str:
    # The inverse of render_paragraph_html on a run of text: verse's <br> were newlines.
    return html_lib.unescape(fragment.replace("<br>", "\n"))


def unique_slug(title: str, *, exclude_pk: int | None = None) -> str:
    base = slugify(title)[:100] or "text"
    slug, n = base, 1
    while Text.objects.filter(slug=slug).exclude(pk=exclude_pk).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


@dataclass
class EditConflict:
    """A curator's correction that the new file would overwrite (the curator chooses)."""

    edit: CuratorEdit
    where: str  # the section's title
    curator_value: str
    file_value: str


@dataclass
class ReimportPlan:
    """What a re-import will do, computed before anything is written."""

    # Per parsed section: the old section it updates, or None for a new one.
    sections: list[Section | None]
    # Per new paragraph, in reading order: the old paragraph whose id it keeps.
    keeps: list[Paragraph | None]
    exact: int
    close: int
    created: int
    # Old paragraphs that give up their id.
    removed: list[Paragraph]
    # Of those, the ones merged into a new paragraph: old pk → index in `keeps`.
    merged: dict[int, int]
    conflicts: list[EditConflict]
    # What points at the removed paragraphs: {verbose name plural: rows}, by fate.
    falling_back: dict[str, int] = field(default_factory=dict)
    dropped: dict[str, int] = field(default_factory=dict)
    following: dict[str, int] = field(default_factory=dict)


def _anchored_relations():
    """Other apps' foreign keys to Paragraph (comments, flags, …), as reverse relations."""
    for relation in Paragraph._meta.get_fields(include_hidden=True):
        if relation.concrete or not relation.one_to_many:
            continue
        if relation.related_model._meta.app_label == "library":
            continue  # the library's own rows are handled where they are written
        yield relation


def _count_pointing(paragraph_ids: list[int], plan: ReimportPlan, *, merged: bool) -> None:
    if not paragraph_ids:
        return
    for relation in _anchored_relations():
        model = relation.related_model
        rows = model._base_manager.filter(**{f"{relation.field.name}__in": paragraph_ids}).count()
        if not rows:
            continue
        name = str(model._meta.verbose_name_plural)
        if merged:
            bucket = plan.following
        elif relation.field.remote_field.on_delete is models.CASCADE:
            bucket = plan.dropped
        else:
            bucket = plan.falling_back
        bucket[name] = bucket.get(name, 0) + rows


def plan_reimport(
    text: Text, parsed: ParsedText, *, threshold: float | None = None
) -> ReimportPlan:
    """Align the text's paragraphs and sections with `parsed`; write nothing."""
    threshold = settings.ANCHOR_MATCH_THRESHOLD if threshold is None else threshold
    old_sections = list(text.sections.order_by("position", "pk"))
    old = list(
        Paragraph.objects.filter(section__text=text)
        .select_related("section")
        .order_by("section__position", "position", "pk")
    )
    new_texts = [p.text for s in parsed.sections for p in s.paragraphs]

    # A curator's correction is live while the paragraph (or section) still reads as
    # the curator left it; the texts before it let the matcher recognise the source.
    edits = list(text.curator_edits.order_by("edited_at", "pk"))
    paragraph_edits: dict[int, list[CuratorEdit]] = defaultdict(list)
    section_edits: dict[int, list[CuratorEdit]] = defaultdict(list)
    for edit in edits:
        if edit.target == CuratorEdit.Target.PARAGRAPH and edit.paragraph_id:
            paragraph_edits[edit.paragraph_id].append(edit)
        elif edit.target == CuratorEdit.Target.SECTION and edit.section_id:
            section_edits[edit.section_id].append(edit)
    earlier = {
        i: [e.old_value for e in paragraph_edits[p.pk]]
        for i, p in enumerate(old)
        if paragraph_edits.get(p.pk) and paragraph_edits[p.pk][-1].new_value == p.text
    }

    alignment = align([p.text for p in old], new_texts, threshold=threshold, earlier=earlier)
    keeps = [old[i] if i is not None else None for i in alignment.old_for_new]
    kept = {i for i in alignment.old_for_new if i is not None}
    exact = sum(1 for p, t in zip(keeps, new_texts, strict=True) if p is not None and p.text == t)
    created = sum(1 for p in keeps if p is None)

    # Sections match by (title, level), in order; a retitled section also by its old title.
    by_key: dict[tuple[str, int], list[Section]] = defaultdict(list)
    for section in old_sections:
        by_key[(section.title, section.level)].append(section)
    for section in old_sections:
        chain = section_edits.get(section.pk, [])
        if chain and chain[-1].new_value == section.title:
            for edit in chain:
                by_key[(edit.old_value[:300], section.level)].append(section)
    taken: set[int] = set()
    sections: list[Section | None] = []
    for parsed_section in parsed.sections:
        candidates = by_key.get((parsed_section.title[:300], parsed_section.level), [])
        match = next((s for s in candidates if s.pk not in taken), None)
        if match is not None:
            taken.add(match.pk)
        sections.append(match)
    # A section whose heading the file changed is still the one most of its paragraphs
    # came from: it keeps its id, and the reading boundaries in it stay where they are.
    old_by_pk = {section.pk: section for section in old_sections}
    start = 0
    for k, parsed_section in enumerate(parsed.sections):
        count = len(parsed_section.paragraphs)
        came_from = Counter(
            p.section_id for p in keeps[start : start + count] if p is not None
        ).most_common(1)
        start += count
        if sections[k] is None and came_from and came_from[0][1] * 2 > count:
            origin = old_by_pk[came_from[0][0]]
            if origin.pk not in taken:
                taken.add(origin.pk)
                sections[k] = origin

    conflicts: list[EditConflict] = []
    for section, parsed_section in zip(sections, parsed.sections, strict=True):
        chain = section_edits.get(section.pk, []) if section else []
        file_title = parsed_section.title[:300]
        if chain and chain[-1].new_value == section.title and section.title != file_title:
            conflicts.append(EditConflict(chain[-1], section.title, section.title, file_title))
    for paragraph, new_text in zip(keeps, new_texts, strict=True):
        chain = paragraph_edits.get(paragraph.pk, []) if paragraph else []
        if chain and chain[-1].new_value == paragraph.text and paragraph.text != new_text:
            conflicts.append(
                EditConflict(chain[-1], paragraph.section.title, paragraph.text, new_text)
            )

    removed = [p for i, p in enumerate(old) if i not in kept]
    plan = ReimportPlan(
        sections=sections,
        keeps=keeps,
        exact=exact,
        close=len(new_texts) - created - exact,
        created=created,
        removed=removed,
        merged={old[i].pk: j for i, j in alignment.absorbed.items()},
        conflicts=conflicts,
    )
    _count_pointing([p.pk for p in removed if p.pk not in plan.merged], plan, merged=False)
    _count_pointing(list(plan.merged), plan, merged=True)
    return plan


def follow_merge(absorbed_id: int, into: Paragraph) -> None:
    """Move what pointed at a paragraph merged into `into` over to it."""
    for relation in _anchored_relations():
        model, name = relation.related_model, relation.field.name
        sections = [
            f.name
            for f in model._meta.concrete_fields
            if f.is_relation and f.related_model is Section
        ]
        for row in model._base_manager.filter(**{name: absorbed_id}):
            setattr(row, name, into)
            for section_field in sections:
                setattr(row, section_field, into.section)
            try:
                with transaction.atomic():
                    row.save(update_fields=[name, *sections])
            except IntegrityError:
                # Already there (a flag on both merged paragraphs): one is enough, and
                # the duplicate goes with the old paragraph, as a removed one's would.
                pass


def _sync_sections(text: Text) -> None:
    """Rows anchored to a paragraph that changed section follow it (comments' fallback)."""
    for relation in _anchored_relations():
        model, name = relation.related_model, relation.field.name
        for f in model._meta.concrete_fields:
            if f.is_relation and f.related_model is Section:
                section_of = Paragraph.objects.filter(pk=OuterRef(name)).values("section_id")[:1]
                moving = model._base_manager.filter(**{f"{name}__section__text": text}).exclude(
                    **{f.name: models.F(f"{name}__section")}
                )
                bump_rows_on_commit(model, moving)
                moving.update(**{f.name: Subquery(section_of)})


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
    keep_edits: Iterable[int] = (),
    language: str | None = None,
) -> ImportReport:
    """Save a parsed text, all or nothing.

    `language` (an ISO 639-1 code) is a person's choice; without it a new text's language is
    detected from its paragraphs, and a re-imported one keeps its own.

    With `replace`, the text is re-imported in place (see `plan_reimport`): every
    paragraph that is still there, even corrected, keeps its id and what points at it;
    the others are created or removed. A curator's correction that the file would
    overwrite survives when its CuratorEdit id is in `keep_edits`.
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
            language=language or languages.detect_parsed(parsed),
        )
        created = True
        plan = None
    else:
        text = Text.objects.select_for_update().get(pk=replace.pk)
        text.title, text.author = title, author
        text.original_filename, text.checksum = filename[:255], checksum
        if language:
            text.language = language
        created = False
        plan = plan_reimport(text, parsed)

    report = ImportReport(text=text, created=created, warnings=list(parsed.warnings))
    note_texts = {f.number: f.text for f in parsed.footnotes}
    wanted = set(keep_edits)
    kept_edits = {c.edit.pk: c for c in plan.conflicts if c.edit.pk in wanted} if plan else {}
    kept_paragraphs = {
        c.edit.paragraph_id
        for c in kept_edits.values()
        if c.edit.target == CuratorEdit.Target.PARAGRAPH
    }
    kept_titles = {
        c.edit.section_id: c.curator_value
        for c in kept_edits.values()
        if c.edit.target == CuratorEdit.Target.SECTION
    }
    report.edits_kept = len(kept_edits)

    kept = 0
    new_paragraphs: list[Paragraph] = []
    updated_paragraphs: list[Paragraph] = []
    citations: list[tuple[Paragraph, list[int]]] = []
    sections: list[Section] = []
    flat: list[Paragraph] = []
    n = 0
    for position, parsed_section in enumerate(parsed.sections):
        section = (plan.sections[position] if plan else None) or Section(text=text)
        values = {
            "position": position,
            "level": parsed_section.level,
            "kind": parsed_section.kind,
            "title": kept_titles.get(section.pk)
            or (parsed_section.title[:300] or f"Section {position + 1}"),
            "words": parsed_section.words,
        }
        # Only what changed is written: a re-import of a long text touches few rows.
        if section.pk is None or any(getattr(section, k) != v for k, v in values.items()):
            for name, value in values.items():
                setattr(section, name, value)
            section.save()
        sections.append(section)
        for p_position, parsed_paragraph in enumerate(parsed_section.paragraphs):
            paragraph = plan.keeps[n] if plan else None
            n += 1
            body, refs = parsed_paragraph.text, parsed_paragraph.refs
            if paragraph is not None and paragraph.pk in kept_paragraphs:
                # The curator's correction stands, with its own note references.
                body, refs = paragraph.text, footnote_refs_from_html(paragraph.html)
            fields = {
                "section": section,
                "position": p_position,
                "kind": parsed_paragraph.kind,
                "text": body,
                "html": render_paragraph_html(
                    body, refs, kind=parsed_paragraph.kind, notes=note_texts
                ),
                "words": (
                    parsed_paragraph.words if body == parsed_paragraph.text else count_words(body)
                ),
                "checksum": paragraph_checksum(body),
            }
            if paragraph is not None:
                kept += 1
                if paragraph.section_id != section.pk or any(
                    getattr(paragraph, name) != value
                    for name, value in fields.items()
                    if name != "section"
                ):
                    for name, value in fields.items():
                        setattr(paragraph, name, value)
                    updated_paragraphs.append(paragraph)
            else:
                paragraph = Paragraph(**fields)
                new_paragraphs.append(paragraph)
            flat.append(paragraph)
            if refs:
                citations.append((paragraph, sorted({ref.number for ref in refs})))

    Paragraph.objects.bulk_create(new_paragraphs, batch_size=500)
    # Rows written without save() below: the text's versions and the library's.
    bump_rows_on_commit(Text, [text])
    Paragraph.objects.bulk_update(
        updated_paragraphs,
        ["section", "position", "kind", "text", "html", "words", "checksum"],
        batch_size=500,
    )
    if plan is not None:
        # Merged paragraphs hand what pointed at them to the paragraph they became.
        for old_pk, index in plan.merged.items():
            follow_merge(old_pk, flat[index])
        _sync_sections(text)
    # Paragraphs that vanished: their comments fall back to their section (a key that
    # is nulled, not cascaded); the sections themselves are handled below.
    removed = Paragraph.objects.filter(section__text=text).exclude(pk__in=[p.pk for p in flat])
    report.paragraphs_removed = removed.count() if not created else 0
    if report.paragraphs_removed:
        removed.delete()

    current = {section.pk for section in sections}
    stale_sections = [section for section in text.sections.all() if section.pk not in current]
    weeks = text.readings.curated().count() if not created else 0
    # Each group's own split is kept, or re-split at its own number of weeks, like the default.
    group_weeks = (
        dict(
            text.readings.filter(adoption__isnull=False)
            .values("adoption_id")
            .annotate(n=models.Count("pk"))
            .values_list("adoption_id", "n")
        )
        if not created
        else {}
    )
    if stale_sections and (weeks or group_weeks):
        # Readings protect the sections they start and end at. Park them on the first
        # section; they are re-split below, keeping their rows (and their discussion).
        Reading.objects.filter(text=text).filter(
            models.Q(start_section__in=stale_sections) | models.Q(end_section__in=stale_sections)
        ).update(start_section=sections[0], start_paragraph=0, end_section=None, end_paragraph=0)
    for stale in stale_sections:
        # What pointed at the old section (comments on its removed paragraphs) moves to
        # the section now at its place, so that no comment is left without an anchor.
        if sections:
            fallback = sections[min(stale.position, len(sections) - 1)]
            repoint_section_references(stale, fallback)
        stale.delete()

    report.pages = save_page_map(text, parsed, flat)
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
    resplit = [
        (adoption_id, n)
        for adoption_id, n in sorted(group_weeks.items())
        if stale_sections or check_readings(text, adoption_id=adoption_id)
    ]
    for adoption_id, n in resplit:
        generate_readings(text, adoption_id=adoption_id, weeks=n)
    if resplit:
        report.warnings.append(
            f"The sections changed, so {len(resplit)} group(s) had their weeks split again."
        )
    tags = [t.strip() for t in tags if t.strip()]
    if tags:
        text.tags.add(*tags)

    if kept_edits:
        # A kept correction may change a section's length: count from the paragraphs.
        for section in sections:
            section.words = sum(p.words for p in flat if p.section is section)
        Section.objects.bulk_update(sections, ["words"])
        text.words = sum(section.words for section in sections)
        text.save(update_fields=["words"])

    report.sections = len(sections)
    report.paragraphs_kept = kept
    report.paragraphs_matched = plan.close if plan else 0
    report.paragraphs_created = len(new_paragraphs)
    report.footnotes = len(footnotes)
    return report


def save_page_map(text: Text, parsed: ParsedText, paragraphs: list[Paragraph]) -> int:
    """Replace the text's page map with the parsed one (`paragraphs` in reading order);
    returns how many pages it holds.

    A re-import keeps paragraph ids, so a page follows its paragraph; a kept curator
    correction may be shorter than the file's text, so offsets stay inside it.
    """
    text.page_starts.all().delete()
    seen: set[str] = set()
    rows = []
    for start in parsed.pages:
        if start.label in seen or not 0 <= start.paragraph < len(paragraphs):
            continue
        seen.add(start.label)
        paragraph = paragraphs[start.paragraph]
        offset = min(start.offset, len(paragraph.text))
        label = start.label[: PageStart._meta.get_field("label").max_length]
        rows.append(PageStart(text=text, paragraph=paragraph, offset=offset, label=label))
    PageStart.objects.bulk_create(rows, batch_size=500)
    bump_rows_on_commit(Text, [text])
    return len(rows)


def repoint_section_references(
    old: Section, new: Section, *, paragraph_ids: list[int] | None = None
) -> None:
    """Move rows of other apps (discussion's section fallback) from `old` to `new`.

    Paragraphs and readings are handled by the caller; anything else with a foreign
    key to Section follows the merged or deleted section instead of being nulled or
    cascaded. With `paragraph_ids`, only rows anchored to those paragraphs move (a
    split: their comments follow the paragraphs into the new section).
    """
    # include_hidden: such keys are usually declared with related_name="+".
    for relation in Section._meta.get_fields(include_hidden=True):
        if relation.concrete or not (relation.one_to_many or relation.one_to_one):
            continue
        model = relation.related_model
        if model in (Paragraph, Reading):
            continue
        rows = model._base_manager.filter(**{relation.field.name: old})
        if paragraph_ids is not None:
            anchors = [
                f.name
                for f in model._meta.concrete_fields
                if f.is_relation and f.related_model is Paragraph
            ]
            if not anchors:
                continue
            rows = rows.filter(**{f"{anchors[0]}__in": paragraph_ids})
        bump_rows_on_commit(model, rows)
        rows.update(**{relation.field.name: new})
