"""A curator's edits to an imported text: sections and paragraphs, ids kept.

Every function here is the one way the admin (or a shell) changes a text's
structure after import. They all:

- run in one transaction, and lock the text's row first so that two curators
  editing the same text queue up instead of interleaving renumbering;
- keep paragraph ids (the anchors discussion points at) for every paragraph that
  still exists; paragraphs only change section and position;
- leave section positions contiguous (0..n-1) and paragraph positions contiguous
  within each section;
- recount words (paragraph → section → text) and bump `text.updated_at`;
- keep the page map: a page that started in a deleted paragraph starts at the next one;
- keep readings consistent: a Reading's boundaries are (section, paragraph index)
  pairs, so every operation that moves paragraphs moves the boundaries with them.
  When an edit would leave a week empty or ending before it starts, it is refused
  with an EditRefused whose message is meant for the curator.

Footnote references in a paragraph's edit box are written `[^n]` (see
`editable_text` and `edit_paragraph`): the stored text never holds markers, so the
box shows them in place, derived from the stored html, and they are parsed back.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from django.db import models, transaction
from django.db.models import Sum
from django.utils.translation import gettext

from studygroup.cache import bump_rows_on_commit
from studygroup.library.importing.document import (
    LEVELS,
    FootnoteRef,
    ParsedParagraph,
    count_words,
)
from studygroup.library.models import (
    CuratorEdit,
    Footnote,
    Kind,
    PageStart,
    Paragraph,
    Reading,
    Section,
    Text,
)
from studygroup.library.services import (
    follow_merge,
    footnote_refs_from_html,
    paragraph_checksum,
    render_paragraph_html,
    repoint_section_references,
)
from studygroup.library.uploads.fixes import join_paragraphs

Boundary = tuple[int, int]  # (section id, paragraph index)


def _level_refused() -> str:
    return gettext(
        "A section's level is 1 (a part, or a chapter), 2 (a chapter in a part, or a "
        "sub-heading) or 3 (a sub-heading in a chapter in a part)."
    )


class EditRefused(Exception):
    """An edit we won't make; the message is shown to the curator as it is."""


# --------------------------------------------------------------------------- sections


@transaction.atomic
def rename_section(section: Section, *, title: str, editor=None) -> Section:
    """Retitle a section; the change is recorded (a re-import offers to keep it)."""
    title = " ".join(title.split())
    if not title:
        raise EditRefused(gettext("A section needs a title."))
    section = _lock(section)
    if section.title != title[:300]:
        CuratorEdit.objects.create(
            text_id=section.text_id,
            target=CuratorEdit.Target.SECTION,
            section=section,
            old_value=section.title,
            new_value=title[:300],
            edited_by=editor,
        )
    section.title = title[:300]
    section.save(update_fields=["title"])
    _finish(section.text_id)
    return section


@transaction.atomic
def relevel_section(section: Section, *, level: int) -> Section:
    """Make a section a chapter or part (1), a sub-heading or chapter in a part (2), or a
    sub-heading in a chapter in a part (3)."""
    if level not in LEVELS:
        raise EditRefused(_level_refused())
    section = _lock(section)
    section.level = level
    section.save(update_fields=["level"])
    _finish(section.text_id)
    return section


@transaction.atomic
def set_section_kind(section: Section, *, kind: str) -> Section:
    """Mark a section as front matter, body or back matter."""
    if kind not in Kind.values:
        raise EditRefused(
            gettext("A section's kind is one of %(kinds)s.") % {"kinds": ", ".join(Kind.values)}
        )
    section = _lock(section)
    section.kind = kind
    section.save(update_fields=["kind"])
    _finish(section.text_id)
    return section


@transaction.atomic
def merge_section_into_previous(section: Section) -> Section:
    """Append this section's paragraphs to the previous section and drop this one.

    Paragraphs keep their ids. Readings that start or end inside this section now
    start or end at the same paragraph in the previous one; anything else that
    points at the section (discussion's section fallback) moves there too.
    Returns the previous section.
    """
    section = _lock(section)
    previous = _previous_or_refuse(section)
    offset = previous.paragraphs.count()
    moving = list(section.paragraphs.order_by("position", "pk"))
    for i, paragraph in enumerate(moving):
        paragraph.section_id, paragraph.position = previous.pk, offset + i
    Paragraph.objects.bulk_update(moving, ["section", "position"])
    bump_rows_on_commit(Paragraph, moving)

    def remap(section_id: int, index: int) -> Boundary | None:
        return (previous.pk, offset + index) if section_id == section.pk else None

    _move_boundaries(section.text_id, remap)
    repoint_section_references(section, previous)
    section.delete()
    _renumber_sections(section.text_id)
    _recount_sections([previous.pk])
    _finish(section.text_id)
    previous.refresh_from_db()
    return previous


@transaction.atomic
def split_section(
    section: Section, *, at_paragraph: Paragraph, title: str, level: int, kind: str | None = None
) -> Section:
    """Start a new section at `at_paragraph`: it and the paragraphs after it move there.

    The new section comes right after this one, with this one's kind unless told
    otherwise. Splitting at the first paragraph leaves this section as a heading
    without text of its own (as a part title before its chapters). Reading
    boundaries and comments anchored to the moved paragraphs follow them. Returns
    the new section.
    """
    title = " ".join(title.split())
    if not title:
        raise EditRefused(gettext("The new section needs a title."))
    if level not in LEVELS:
        raise EditRefused(_level_refused())
    section = _lock(section)
    paragraphs = list(section.paragraphs.order_by("position", "pk"))
    at = next((i for i, p in enumerate(paragraphs) if p.pk == at_paragraph.pk), None)
    if at is None:
        raise EditRefused(gettext("That paragraph is not in this section."))

    Section.objects.filter(text_id=section.text_id, position__gt=section.position).update(
        position=models.F("position") + 1
    )
    bump_rows_on_commit(Text, [section.text_id])
    new = Section.objects.create(
        text_id=section.text_id,
        position=section.position + 1,
        level=level,
        kind=kind or section.kind,
        title=title[:300],
    )
    moving = paragraphs[at:]
    for i, paragraph in enumerate(moving):
        paragraph.section_id, paragraph.position = new.pk, i
    Paragraph.objects.bulk_update(moving, ["section", "position"])
    bump_rows_on_commit(Paragraph, moving)

    def remap(section_id: int, index: int) -> Boundary | None:
        # A boundary exactly at the cut now sits at the start of the new section.
        if section_id == section.pk and index >= at:
            return (new.pk, index - at)
        return None

    _move_boundaries(section.text_id, remap)
    repoint_section_references(section, new, paragraph_ids=[p.pk for p in moving])
    _renumber_sections(section.text_id)
    _recount_sections([section.pk, new.pk])
    _finish(section.text_id)
    new.refresh_from_db()
    return new


@transaction.atomic
def move_section(section: Section, *, up: bool) -> Section:
    """Swap a section with the one before (up) or after it.

    A reading boundary at a section's first paragraph is a line *between* two
    sections, so it stays at its position and now names the section that moved
    there; a boundary inside a section travels with it. If that would make a week
    end before it starts, the move is refused.
    """
    section = _lock(section)
    other = _neighbour(section, up=up)
    if other is None:
        already = (
            gettext("“%(title)s” is already the first section.")
            if up
            else gettext("“%(title)s” is already the last section.")
        )
        raise EditRefused(already % {"title": section.title})
    section.position, other.position = other.position, section.position
    Section.objects.bulk_update([section, other], ["position"])
    bump_rows_on_commit(Section, [section, other])
    swapped = {section.pk: other.pk, other.pk: section.pk}

    def remap(section_id: int, index: int) -> Boundary | None:
        if index == 0 and section_id in swapped:
            return (swapped[section_id], 0)
        return None

    _move_boundaries(section.text_id, remap)
    _finish(section.text_id)
    return section


@transaction.atomic
def delete_section(section: Section) -> None:
    """Delete a section and its paragraphs.

    Refused while a reading starts or ends in it: merge it into the previous
    section instead, or move the reading first. Whatever else points at the section
    (discussion's section fallback) moves to the previous section, or the next one.
    """
    section = _lock(section)
    weeks = _weeks_touching(section)
    if weeks:
        raise EditRefused(
            gettext(
                "“%(title)s” is where %(weeks)s starts or ends; merge it into the "
                "previous section instead, or change the reading first."
            )
            % {"title": section.title, "weeks": weeks}
        )
    fallback = _neighbour(section, up=True) or _neighbour(section, up=False)
    if fallback is not None:
        repoint_section_references(section, fallback)
    _pages_move_on(section.text_id, section.paragraphs.values("pk"), after=(section.position, None))
    section.delete()
    _renumber_sections(section.text_id)
    _finish(section.text_id)


# --------------------------------------------------------------------------- paragraphs

_MARKER = re.compile(r"\[\^(\d{1,4})\]")


def editable_text(paragraph: Paragraph) -> str:
    """The paragraph's text with `[^n]` where each footnote reference stands."""
    return _with_markers(paragraph.text, footnote_refs_from_html(paragraph.html))


def _with_markers(text: str, refs: Iterable[FootnoteRef]) -> str:
    pieces: list[str] = []
    cursor = 0
    for ref in refs:
        offset = min(max(ref.offset, cursor), len(text))
        pieces += [text[cursor:offset], f"[^{ref.number}]"]
        cursor = offset
    pieces.append(text[cursor:])
    return "".join(pieces)


def parse_editable_text(value: str, *, kind: str = "prose") -> tuple[str, list[FootnoteRef]]:
    """Split an edit box's value into clean text and footnote references.

    Whitespace is collapsed as the importer does (verse keeps its line breaks); a
    marker binds to the word before it, so "word [^2] next" reads "word² next".
    """
    keep_lines = kind == "verse"
    out = ""
    refs: list[FootnoteRef] = []
    for i, piece in enumerate(_MARKER.split(value.replace("\r\n", "\n"))):
        if i % 2:  # the split keeps the captured marker number at odd indexes
            refs.append(FootnoteRef(offset=len(out.rstrip()), number=int(piece)))
            continue
        if keep_lines:
            piece = re.sub(r"[ \t]*\n\s*", "\n", re.sub(r"[ \t\f\v]+", " ", piece))
        else:
            piece = re.sub(r"\s+", " ", piece)
        if out[-1:].isspace() and piece[:1].isspace():
            piece = piece[1:]
        if not out:
            piece = piece.lstrip()
        out += piece
    text = out.rstrip()
    for ref in refs:
        ref.offset = min(ref.offset, len(text))
    return text, refs


@transaction.atomic
def edit_paragraph(
    paragraph: Paragraph, *, text: str, kind: str | None = None, editor=None
) -> Paragraph:
    """Correct a paragraph's text (and kind); its id stays.

    `text` is the edit box's value: footnote references are written `[^n]` and
    become linked superscripts; a reference that is left out is no longer cited by
    this paragraph. The html is rendered again, once, here. A change of text is
    recorded as a CuratorEdit (who, when, before and after), so that a re-import of
    the source file does not silently undo it.
    """
    paragraph = Paragraph.objects.select_related("section").get(pk=paragraph.pk)
    _lock_text(paragraph.section.text_id)
    kind = kind or paragraph.kind
    if kind not in Paragraph.ParagraphKind.values:
        raise EditRefused(
            gettext("A paragraph's kind is one of %(kinds)s.")
            % {"kinds": ", ".join(Paragraph.ParagraphKind.values)}
        )
    clean, refs = parse_editable_text(text, kind=kind)
    if not clean:
        raise EditRefused(gettext("A paragraph can't be empty; delete it instead."))
    numbers = {ref.number for ref in refs}
    notes = {
        n.number: n
        for n in Footnote.objects.filter(text_id=paragraph.section.text_id, number__in=numbers)
    }
    missing = sorted(numbers - set(notes))
    if missing:
        listed = ", ".join(str(n) for n in missing)
        raise EditRefused(
            gettext("This text has no note %(notes)s; check the [^n] references.")
            % {"notes": listed}
        )

    if clean != paragraph.text:
        CuratorEdit.objects.create(
            text_id=paragraph.section.text_id,
            target=CuratorEdit.Target.PARAGRAPH,
            paragraph=paragraph,
            section_id=paragraph.section_id,
            old_value=paragraph.text,
            new_value=clean,
            edited_by=editor,
        )
    paragraph.kind = kind
    paragraph.text = clean
    paragraph.html = render_paragraph_html(
        clean, refs, kind=kind, notes={number: note.body for number, note in notes.items()}
    )
    paragraph.words = count_words(clean)
    paragraph.checksum = paragraph_checksum(clean)
    paragraph.save(update_fields=["kind", "text", "html", "words", "checksum"])
    # A page that began inside the old wording begins no later than the new one ends.
    paragraph.page_starts.filter(offset__gt=len(clean)).update(offset=len(clean))
    bump_rows_on_commit(Paragraph, [paragraph])
    paragraph.footnotes.set(notes.values())
    _recount_sections([paragraph.section_id])
    _finish(paragraph.section.text_id)
    return paragraph


@transaction.atomic
def delete_paragraph(paragraph: Paragraph) -> None:
    """Delete a paragraph; the ones after it close the gap.

    Discussion keeps a section beside the paragraph on each comment, so comments
    on this paragraph fall back to its section: nothing to move here. Readings
    whose boundary lies after it shift back by one; a week left empty is refused.
    """
    paragraph = Paragraph.objects.select_related("section").get(pk=paragraph.pk)
    section = paragraph.section
    _lock_text(section.text_id)
    index = list(section.paragraphs.order_by("position", "pk").values_list("pk", flat=True)).index(
        paragraph.pk
    )
    _pages_move_on(section.text_id, [paragraph.pk], after=(section.position, paragraph.position))
    paragraph.delete()

    def remap(section_id: int, boundary: int) -> Boundary | None:
        return (section_id, boundary - 1) if section_id == section.pk and boundary > index else None

    _move_boundaries(section.text_id, remap)
    _renumber_paragraphs(section.pk)
    _recount_sections([section.pk])
    _finish(section.text_id)


@transaction.atomic
def merge_paragraph_into_previous(paragraph: Paragraph, *, editor=None) -> Paragraph:
    """Join a paragraph to the one before it (a paragraph a page break split in two).

    The earlier paragraph keeps its id and takes the text, notes and everything that
    pointed at the later one (comments, quotes, flags follow it); the change is
    recorded, so a re-import offers to keep it. Returns the joined paragraph.
    """
    paragraph = Paragraph.objects.select_related("section").get(pk=paragraph.pk)
    section = paragraph.section
    _lock_text(section.text_id)
    ids = list(section.paragraphs.order_by("position", "pk").values_list("pk", flat=True))
    index = ids.index(paragraph.pk)
    if index == 0:
        raise EditRefused(
            gettext("The first paragraph under a heading has nothing before it to join.")
        )
    previous = Paragraph.objects.get(pk=ids[index - 1])
    both = join_paragraphs(
        ParsedParagraph(previous.text, refs=footnote_refs_from_html(previous.html)),
        ParsedParagraph(paragraph.text, refs=footnote_refs_from_html(paragraph.html)),
    )
    # Recorded as a correction of the earlier paragraph (a re-import offers to keep it).
    previous = edit_paragraph(previous, text=_with_markers(both.text, both.refs), editor=editor)
    follow_merge(paragraph.pk, previous)
    paragraph.delete()

    def remap(section_id: int, boundary: int) -> Boundary | None:
        return (
            (section_id, boundary - 1) if section_id == section.pk and boundary >= index else None
        )

    _move_boundaries(section.text_id, remap)
    _renumber_paragraphs(section.pk)
    _recount_sections([section.pk])
    _finish(section.text_id)
    return previous


@transaction.atomic
def heading_to_paragraph(section: Section, *, editor=None) -> Section:
    """A line the importer took for a heading is text: it becomes a paragraph, and the
    section's paragraphs join the previous section. Every paragraph keeps its id;
    readings follow (a week that began at the heading begins at the new paragraph).
    Returns the previous section.
    """
    section = _lock(section)
    previous = _previous_or_refuse(section)
    offset = previous.paragraphs.count()
    Paragraph.objects.create(  # the heading's words are kept, as a paragraph of their own
        section=previous,
        position=offset,
        kind="prose",
        text=section.title,
        html=render_paragraph_html(section.title, []),
        words=count_words(section.title),
        checksum=paragraph_checksum(section.title),
    )
    moving = list(section.paragraphs.order_by("position", "pk"))
    for i, paragraph in enumerate(moving):
        paragraph.section_id, paragraph.position = previous.pk, offset + 1 + i
    Paragraph.objects.bulk_update(moving, ["section", "position"])
    bump_rows_on_commit(Paragraph, moving)

    def remap(section_id: int, index: int) -> Boundary | None:
        if section_id != section.pk:
            return None
        return (previous.pk, offset + (index + 1 if index else 0))

    _move_boundaries(section.text_id, remap)
    repoint_section_references(section, previous)
    section.delete()
    _renumber_sections(section.text_id)
    _recount_sections([previous.pk])
    _finish(section.text_id)
    previous.refresh_from_db()
    return previous


# --------------------------------------------------------------------------- helpers


def _pages_move_on(text_id: int, paragraph_ids, *, after: tuple[int, int | None]) -> None:
    """Pages that start in paragraphs about to be deleted start at the next paragraph
    after (section position, paragraph position; None: after the whole section)."""
    section_position, position = after
    later = models.Q(section__position__gt=section_position)
    if position is not None:
        later |= models.Q(section__position=section_position, position__gt=position)
    successor = (
        Paragraph.objects.filter(section__text_id=text_id)
        .filter(later)
        .order_by("section__position", "position")
        .first()
    )
    pages = PageStart.objects.filter(paragraph_id__in=paragraph_ids)
    if successor is not None:
        bump_rows_on_commit(PageStart, pages)
        pages.update(paragraph=successor, offset=0)


def _lock_text(text_id: int) -> None:
    # Lock the parent row so concurrent edits to one text run one after the other.
    list(Text.objects.select_for_update().filter(pk=text_id).values_list("pk", flat=True))


def _lock(section: Section) -> Section:
    _lock_text(section.text_id)
    return Section.objects.select_for_update().get(pk=section.pk)


def _previous_or_refuse(section: Section) -> Section:
    """The section before, which a merge joins; the first section has none."""
    previous = _neighbour(section, up=True)
    if previous is None:
        raise EditRefused(
            gettext("“%(title)s” is the first section; there is nothing before it.")
            % {"title": section.title}
        )
    return previous


def _neighbour(section: Section, *, up: bool) -> Section | None:
    siblings = Section.objects.filter(text_id=section.text_id)
    if up:
        return siblings.filter(position__lt=section.position).order_by("-position").first()
    return siblings.filter(position__gt=section.position).order_by("position").first()


def _renumber_sections(text_id: int) -> None:
    sections = list(Section.objects.filter(text_id=text_id).order_by("position", "pk"))
    changed = []
    for i, section in enumerate(sections):
        if section.position != i:
            section.position = i
            changed.append(section)
    Section.objects.bulk_update(changed, ["position"])
    bump_rows_on_commit(Section, changed)


def _renumber_paragraphs(section_id: int) -> None:
    paragraphs = list(Paragraph.objects.filter(section_id=section_id).order_by("position", "pk"))
    changed = []
    for i, paragraph in enumerate(paragraphs):
        if paragraph.position != i:
            paragraph.position = i
            changed.append(paragraph)
    Paragraph.objects.bulk_update(changed, ["position"])
    bump_rows_on_commit(Paragraph, changed)


def _recount_sections(section_ids: Iterable[int]) -> None:
    section_ids = list(section_ids)
    for section_id in section_ids:
        words = Paragraph.objects.filter(section_id=section_id).aggregate(n=Sum("words"))["n"]
        Section.objects.filter(pk=section_id).update(words=words or 0)
    bump_rows_on_commit(Section, section_ids)


def _finish(text_id: int) -> None:
    """Recount the text's words and bump its updated_at."""
    text = Text.objects.get(pk=text_id)
    text.words = Section.objects.filter(text_id=text_id).aggregate(n=Sum("words"))["n"] or 0
    text.save(update_fields=["words", "updated_at"])


def _weeks_touching(section: Section) -> str:
    numbers = sorted(
        Reading.objects.filter(
            models.Q(start_section=section) | models.Q(end_section=section)
        ).values_list("number", flat=True)
    )
    return ", ".join(gettext("week %(number)s") % {"number": n} for n in numbers)


def _move_boundaries(text_id: int, remap: Callable[[int, int], Boundary | None]) -> None:
    """Apply `remap` to every reading boundary of the text, then check the weeks."""
    readings = list(Reading.objects.select_for_update().filter(text_id=text_id))
    changed: list[Reading] = []
    for reading in readings:
        start = remap(reading.start_section_id, reading.start_paragraph)
        end = (
            remap(reading.end_section_id, reading.end_paragraph) if reading.end_section_id else None
        )
        if start:
            reading.start_section_id, reading.start_paragraph = start
        if end:
            reading.end_section_id, reading.end_paragraph = end
        if start or end:
            changed.append(reading)
    if not changed:
        return
    positions = dict(Section.objects.filter(text_id=text_id).values_list("pk", "position"))
    for reading in changed:
        begins = (positions[reading.start_section_id], reading.start_paragraph)
        if reading.end_section_id is not None:
            ends = (positions[reading.end_section_id], reading.end_paragraph)
            if ends <= begins:
                # Raising rolls the whole edit back: nothing half-done stays.
                raise EditRefused(
                    gettext(
                        "This would leave week %(number)s (%(title)s) empty or ending before "
                        "it starts; change that reading first."
                    )
                    % {"number": reading.number, "title": reading.title}
                )
    Reading.objects.bulk_update(
        changed, ["start_section", "start_paragraph", "end_section", "end_paragraph"]
    )
    bump_rows_on_commit(Reading, changed)
