"""Weekly readings of a text: proposed by the splitter, refined by a curator, shown to groups.

A text has one curated default split and one split per adoption (`Reading.adoption`); every
service here works on one split and never touches another. Nothing here may orphan what
points at a reading: regenerating reuses rows by week number; a curator's refinement moves
questions along or refuses. A group's refinements, which move comments and progress along
with the weeks, are in groups/split.py, built on the same pieces.

Where a reading starts: `start_section`, then `start_paragraph`, compared with
`Paragraph.position`: the reading starts at the section's first paragraph whose position is at
least `start_paragraph` (0: at the heading). It ends, exclusive, at `end_section` and
`end_paragraph` read the same way; `end_section` None is the end of the text. Comparing with
positions rather than counting paragraphs keeps a boundary in place when a curator deletes a
paragraph before it.

The services below take `paragraph` as the splitter does: how many of the section's paragraphs
stay in the earlier week (0: the reading starts at the heading).
"""

from __future__ import annotations

import itertools
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass
from typing import TypedDict, Unpack

from django.core.cache import caches
from django.db import router, transaction
from django.db.models import (
    F,
    Max,
    Prefetch,
    ProtectedError,
    Q,
    RestrictedError,
    Subquery,
    prefetch_related_objects,
)
from django.db.models.deletion import Collector
from django.template.loader import render_to_string
from django.utils.translation import get_language, gettext

from studygroup.cache import bump_rows_on_commit
from studygroup.library import languages
from studygroup.library.importing.document import outline_levels
from studygroup.library.models import (
    Footnote,
    Paragraph,
    Question,
    Reading,
    Section,
    Text,
)
from studygroup.library.pages import mark_pages, page_starts_prefetch
from studygroup.library.splitting import (
    Boundary,
    EmptyReading,
    NothingToSplit,
    ProposedReading,
    SectionInfo,
    propose_readings,
    readings_from_boundaries,
)

# Bump when templates/library/_reading_text.html changes shape, so old cached pages go stale.
HTML_CACHE_VERSION = 2
HTML_CACHE_SECONDS = 7 * 24 * 3600  # the key changes on every edit, so age is no risk
TITLE_MAX = Reading._meta.get_field("title").max_length


class ReadingError(Exception):
    """A regeneration or refinement that would break the readings or orphan something."""


# --- the text as the splitter sees it ----------------------------------------------------------


@dataclass
class Layout:
    """A text's sections in order, with their paragraph positions and word counts."""

    sections: list[Section]
    positions: list[list[int]]  # per section, its paragraphs' positions in order
    infos: list[SectionInfo]
    index: dict[int, int]  # section pk -> index in `sections`
    first_atom: list[int]  # per section (and one past the end), paragraphs before it
    language: str = languages.DEFAULT  # the text's: sets the reading rate

    def boundary(self, section_id: int | None, paragraph: int) -> Boundary:
        """A stored (section, paragraph position) as the splitter's Boundary."""
        if section_id is None:
            return Boundary(len(self.sections))
        s = self.index[section_id]
        return Boundary(s, bisect_left(self.positions[s], paragraph) if paragraph else 0)

    def place(self, b: Boundary) -> tuple[Section | None, int]:
        """A Boundary as what a Reading stores: (section or None for the end, position)."""
        if b.section >= len(self.sections):
            return None, 0
        return self.sections[b.section], (
            self.positions[b.section][b.paragraph] if b.paragraph else 0
        )

    def atom(self, b: Boundary) -> int:
        """How many paragraphs of the text come before `b`."""
        return self.first_atom[b.section] + b.paragraph

    def start(self, reading: Reading) -> Boundary:
        return self.boundary(reading.start_section_id, reading.start_paragraph)

    def end(self, reading: Reading) -> Boundary:
        return self.boundary(reading.end_section_id, reading.end_paragraph)


def load_layout(text: Text) -> Layout:
    """Two queries, whatever the size of the text: sections, then every paragraph's words."""
    sections = list(Section.objects.filter(text=text).order_by("position"))
    index = {s.pk: i for i, s in enumerate(sections)}
    positions: list[list[int]] = [[] for _ in sections]
    words: list[list[int]] = [[] for _ in sections]
    rows = (
        Paragraph.objects.filter(section__text=text)
        .order_by("section__position", "position")
        .values_list("section_id", "position", "words")
    )
    for section_id, position, count in rows:
        positions[index[section_id]].append(position)
        words[index[section_id]].append(count)
    outline = outline_levels([(s.level, s.title) for s in sections])
    infos = [
        SectionInfo(title=s.title, level=level, kind=s.kind, paragraph_words=w)
        for s, w, level in zip(sections, words, outline, strict=True)
    ]
    first_atom = [0, *itertools.accumulate(len(p) for p in positions)]
    return Layout(sections, positions, infos, index, first_atom, text.language)


def _problems(layout: Layout, rows: list[Reading]) -> list[str]:
    if not rows:
        return ["the text has no readings"]
    problems = []
    numbers = [r.number for r in rows]
    if numbers != list(range(1, len(rows) + 1)):
        problems.append(f"week numbers are {numbers}, not 1 to {len(rows)}")
    spans: list[tuple[Boundary, Boundary]] = []
    for r in rows:
        try:
            start, end = layout.start(r), layout.end(r)
        except KeyError:
            problems.append(f"week {r.number} points at a section of another text")
            return problems
        if end <= start or layout.atom(end) <= layout.atom(start):
            problems.append(f"week {r.number} holds no paragraph")
        spans.append((start, end))
    for (r, (_, end)), (n, (start, _)) in itertools.pairwise(zip(rows, spans, strict=True)):
        if end < start:
            problems.append(f"gap between week {r.number} and week {n.number}")
        elif end > start:
            problems.append(f"week {r.number} and week {n.number} overlap")
    body = [i for i, info in enumerate(layout.infos) if info.kind == "body" and info.words]
    if body:
        if layout.atom(spans[0][0]) > layout.first_atom[body[0]]:
            problems.append("body text before week 1 is in no reading")
        if layout.atom(spans[-1][1]) < layout.first_atom[body[-1] + 1]:
            problems.append(f"body text after week {rows[-1].number} is in no reading")
    return problems


def check_readings(text: Text, *, adoption_id: int | None = None) -> list[str]:
    """What is wrong with one split of a text (the curated default unless `adoption_id`):
    gaps, overlaps, empty weeks, numbering, coverage.

    An empty list means weeks 1..N follow each other exactly and cover all the body text.
    """
    rows = list(Reading.objects.filter(text=text).of_split(adoption_id).order_by("number"))
    return _problems(load_layout(text), rows)


def _plan(layout: Layout, rows: list[Reading]) -> list[Boundary]:
    """Every reading's start, then the end of the last: N + 1 boundaries."""
    return [*(layout.start(r) for r in rows), layout.end(rows[-1])]


def _custom_titles(layout: Layout, rows: list[Reading]) -> dict[int, str]:
    """Titles a person chose, by reading pk: those that differ from the derived title.

    There is no flag for it on the model; a person's title equal to the derived one loses
    nothing by being treated as derived.
    """
    if not rows or _problems(layout, rows):
        return {}
    described = readings_from_boundaries(layout.infos, _plan(layout, rows))
    return {
        r.pk: r.title
        for r, d in zip(rows, described, strict=True)
        if r.title != d.title[:TITLE_MAX]
    }


FIELDS = [
    "title",
    "start_section",
    "start_paragraph",
    "end_section",
    "end_paragraph",
    "words",
    "minutes",
]


def _save(
    layout: Layout,
    rows: list[Reading],
    plan: list[Boundary],
    *,
    titles: dict[int, str],
    words_per_minute: int | None,
) -> list[Reading]:
    """Give rows[i] the i-th reading of `plan`; rows without a pk are created.

    `titles` maps a row's pk to a person's title to keep; the others get the derived title.
    Numbers are the caller's business (see `_shift`): they are not written here.
    """
    wpm = words_per_minute or languages.words_per_minute(layout.language)
    try:
        described = readings_from_boundaries(layout.infos, plan, words_per_minute=wpm)
    except EmptyReading as e:
        raise ReadingError(
            gettext("Week %(number)s would hold no paragraph.") % {"number": e.number}
        ) from e
    except ValueError as e:
        raise ReadingError(str(e).capitalize()) from e
    for row, d in zip(rows, described, strict=True):
        row.start_section, row.start_paragraph = layout.place(d.start)
        row.end_section, row.end_paragraph = layout.place(d.end)
        row.words, row.minutes = d.words, d.minutes
        row.title = titles.get(row.pk) or d.title[:TITLE_MAX]
    Reading.objects.bulk_update([r for r in rows if r.pk], FIELDS)
    Reading.objects.bulk_create([r for r in rows if not r.pk])
    bump_rows_on_commit(Reading, rows)
    return rows


def _shift(text: Text, *, after: int, by: int, adoption_id: int | None = None) -> None:
    """Add `by` to the number of every reading of one split after week `after`.

    Two updates, because the unique (split, number) constraint is checked row by row: first
    park the rows above every number in use, then bring them down to where they belong.
    """
    readings = Reading.objects.filter(text=text).of_split(adoption_id)
    top = readings.aggregate(top=Max("number"))["top"] or 0
    park = top + 1
    readings.filter(number__gt=after).update(number=F("number") + park)
    readings.filter(number__gt=after + park).update(number=F("number") - park + by)
    bump_rows_on_commit(Text, [text])


def dependents(reading: Reading) -> Counter[str]:
    """What would be deleted with `reading`, or stops its deletion, by model name (plural).

    Asks Django's deletion collector, so comments, progress and whatever comes later are
    counted without this module knowing about them. Tags go with the reading, unnoticed.
    """
    collector = Collector(using=router.db_for_write(Reading))
    counts: Counter[str] = Counter()
    try:
        collector.collect([reading])
    except ProtectedError as e:
        blocking = e.protected_objects
    except RestrictedError as e:
        blocking = e.restricted_objects
    else:
        blocking = set()
        for model, instances in collector.data.items():
            if model is not Reading:
                counts[str(model._meta.verbose_name_plural)] += len(instances)
        for qs in collector.fast_deletes:
            if qs.model is not Reading and (n := qs.count()):
                counts[str(qs.model._meta.verbose_name_plural)] += n
    for obj in blocking:
        counts[str(obj._meta.verbose_name_plural)] += 1
    return counts


def _refuse_if_referenced(reading: Reading, *, message: str, **values: object) -> None:
    """`message` names the week as %(number)s and what points at it as %(what)s."""
    counts = dependents(reading)
    if counts:
        what = ", ".join(f"{n} {name}" for name, n in sorted(counts.items()))
        raise ReadingError(message % {"number": reading.number, "what": what, **values})


def _lock(text_id: int) -> Text:
    # Serialises curators working on the same text (PostgreSQL; SQLite already writes alone).
    return Text.objects.select_for_update().get(pk=text_id)


# --- generating ---------------------------------------------------------------------------------


class SplitOptions(TypedDict, total=False):
    """How to split a text into weeks: one of `weeks` or `minutes_per_week`."""

    weeks: int | None
    minutes_per_week: int | None
    words_per_minute: int | None  # None: the rate for the text's language
    include_front: bool
    include_back: bool


def _propose(layout: Layout, options: SplitOptions) -> list[ProposedReading]:
    wpm = options.get("words_per_minute") or languages.words_per_minute(layout.language)
    try:
        return propose_readings(layout.infos, **{**options, "words_per_minute": wpm})
    except NothingToSplit as e:
        raise ReadingError(gettext("The text has no body text to split.")) from e
    except ValueError as e:
        raise ReadingError(str(e).capitalize()) from e


def preview_readings(text: Text, **options: Unpack[SplitOptions]) -> list[ProposedReading]:
    """What `generate_readings` would save, without saving anything."""
    return _propose(load_layout(text), options)


@transaction.atomic
def generate_readings(
    text: Text, *, adoption_id: int | None = None, **options: Unpack[SplitOptions]
) -> list[Reading]:
    """Split `text` into weekly readings and save them, reusing the existing rows by number.

    The curated default split, or with `adoption_id` that group's own split.

    Give one of `weeks` or `minutes_per_week`; `words_per_minute` defaults to the setting.
    Week n keeps its row (and its questions) whatever it now covers; surplus weeks are deleted
    only when nothing points at them, otherwise `ReadingError` and nothing changes. A title a
    person chose survives when its week covers exactly what it did.
    """
    text = _lock(text.pk)
    layout = load_layout(text)
    proposed = _propose(layout, options)

    existing = list(Reading.objects.filter(text=text).of_split(adoption_id).order_by("number"))
    custom = _custom_titles(layout, existing)
    by_number = {r.number: r for r in existing}
    surplus = [r for r in existing if not 1 <= r.number <= len(proposed)]
    for reading in surplus:
        _refuse_if_referenced(
            reading,
            message=gettext(
                "Week %(number)s has %(what)s; move or delete them before reducing the "
                "number of weeks."
            ),
        )
    Reading.objects.filter(pk__in=[r.pk for r in surplus]).delete()

    rows = [
        by_number.get(p.number) or Reading(text=text, adoption_id=adoption_id, number=p.number)
        for p in proposed
    ]
    # A person's title stays only on a week that covers exactly what it covered.
    keep = {}
    for row, p in zip(rows, proposed, strict=True):
        if row.pk in custom and (layout.start(row), layout.end(row)) == (p.start, p.end):
            keep[row.pk] = custom[row.pk]
    plan = [*(p.start for p in proposed), proposed[-1].end]
    return _save(layout, rows, plan, titles=keep, words_per_minute=options.get("words_per_minute"))


# Attribute names (`start_section_id`), so that copying loads no section.
COPIED_FIELDS = [Reading._meta.get_field(f).attname for f in ["number", "is_published", *FIELDS]]


@transaction.atomic
def copy_curated_readings(text: Text, *, adoption_id: int) -> list[Reading]:
    """Give an adoption its own copy of the text's curated weeks (two queries)."""
    copies = [
        Reading(text=text, adoption_id=adoption_id, **{f: getattr(r, f) for f in COPIED_FIELDS})
        for r in Reading.objects.filter(text=text).curated().order_by("number")
    ]
    created = Reading.objects.bulk_create(copies)
    bump_rows_on_commit(Reading, created)
    return created


# --- refining -----------------------------------------------------------------------------------


@dataclass
class _Work:
    text: Text
    layout: Layout
    rows: list[Reading]
    plan: list[Boundary]
    titles: dict[int, str]
    i: int  # index of the reading being refined in `rows`


def _begin(reading: Reading) -> _Work:
    text = _lock(reading.text_id)
    layout = load_layout(text)
    rows = list(Reading.objects.filter(text=text).of_split(reading.adoption_id).order_by("number"))
    problems = _problems(layout, rows)
    if problems:
        raise ReadingError(
            "These readings need regenerating before they can be refined: " + "; ".join(problems)
        )
    i = next((i for i, r in enumerate(rows) if r.pk == reading.pk), None)
    if i is None:
        raise ReadingError(
            gettext("Week %(number)s no longer exists.") % {"number": reading.number}
        )
    return _Work(text, layout, rows, _plan(layout, rows), _custom_titles(layout, rows), i)


def _place(work: _Work, section: Section, paragraph: int) -> Boundary:
    s = work.layout.index.get(section.pk)
    if s is None:
        raise ReadingError(
            gettext("“%(section)s” is not a section of “%(text)s”.")
            % {"section": section.title, "text": work.text.title}
        )
    count = len(work.layout.positions[s])
    if not 0 <= paragraph < max(1, count):
        raise ReadingError(
            f"“{section.title}” has {count} paragraphs: leave 0 to {max(0, count - 1)} of them"
            " in the earlier week."
        )
    return Boundary(s, paragraph)


def _require_between(work: _Work, b: Boundary, lo: int, hi: int, message: str) -> None:
    """`b` must fall strictly inside plan[lo]..plan[hi], with paragraphs on both sides."""
    first, last = work.plan[lo], work.plan[hi]
    atom = work.layout.atom(b)
    if not first < b < last:
        raise ReadingError(message)
    if not work.layout.atom(first) < atom < work.layout.atom(last):
        raise ReadingError(gettext("That would leave a week with no paragraph to read."))


def _finish(work: _Work, reading: Reading, words_per_minute: int | None) -> Reading:
    _save(work.layout, work.rows, work.plan, titles=work.titles, words_per_minute=words_per_minute)
    reading.refresh_from_db()
    return reading


@transaction.atomic
def move_boundary(
    reading: Reading, *, section: Section, paragraph: int = 0, words_per_minute: int | None = None
) -> Reading:
    """Move the start of `reading` (week 2 or later): the boundary with the week before.

    Refuses a move past the previous week's start or this week's end, or one that would leave
    either week without a paragraph. Returns `reading`, refreshed.
    """
    work = _begin(reading)
    n = work.rows[work.i].number
    if work.i == 0:
        raise ReadingError(
            gettext("Week 1 starts where the readings start: regenerate to include front matter.")
        )
    b = _place(work, section, paragraph)
    _require_between(
        work,
        b,
        work.i - 1,
        work.i + 1,
        gettext(
            "Week %(number)s must start after week %(previous)s starts and before week "
            "%(number)s ends."
        )
        % {"number": n, "previous": n - 1},
    )
    work.plan[work.i] = b
    return _finish(work, reading, words_per_minute)


@transaction.atomic
def split_reading(
    reading: Reading, *, section: Section, paragraph: int = 0, words_per_minute: int | None = None
) -> Reading:
    """Split `reading` in two at (section, paragraph); later weeks move one number up.

    The new week comes right after `reading`, with its publication state. Returns the new
    reading.
    """
    work = _begin(reading)
    row = work.rows[work.i]
    b = _place(work, section, paragraph)
    _require_between(
        work,
        b,
        work.i,
        work.i + 1,
        gettext("Split week %(number)s somewhere inside it.") % {"number": row.number},
    )
    _shift(work.text, after=row.number, by=1, adoption_id=row.adoption_id)
    for later in work.rows[work.i + 1 :]:
        later.number += 1
    new = Reading(
        text=work.text,
        adoption_id=row.adoption_id,
        number=row.number + 1,
        is_published=row.is_published,
    )
    work.rows.insert(work.i + 1, new)
    work.plan.insert(work.i + 1, b)
    _finish(work, reading, words_per_minute)
    return new


@transaction.atomic
def merge_with_next(reading: Reading, *, words_per_minute: int | None = None) -> Reading:
    """Join the week after `reading` onto it; later weeks move one number down.

    The next week's questions move to `reading`, after its own. Anything else pointing at the
    next week (comments, progress) makes this refuse: moving it is not ours to decide.
    """
    work = _begin(reading)
    row = work.rows[work.i]
    if work.i + 1 >= len(work.rows):
        raise ReadingError(
            gettext("Week %(number)s is the last week: there is nothing to merge.")
            % {"number": row.number}
        )
    nxt = work.rows[work.i + 1]
    top = Question.objects.filter(reading=row).aggregate(top=Max("position"))["top"]
    offset = 0 if top is None else top + 1
    bump_rows_on_commit(Question, Question.objects.filter(reading=nxt))
    Question.objects.filter(reading=nxt).update(reading=row, position=F("position") + offset)
    _refuse_if_referenced(
        nxt,
        message=gettext(
            "Week %(number)s has %(what)s; move or delete them before merging it into "
            "week %(into)s."
        ),
        into=row.number,
    )
    nxt.delete()
    _shift(work.text, after=nxt.number, by=-1, adoption_id=row.adoption_id)
    for later in work.rows[work.i + 2 :]:
        later.number -= 1
    del work.rows[work.i + 1]
    del work.plan[work.i + 1]
    return _finish(work, reading, words_per_minute)


@transaction.atomic
def retitle(reading: Reading, *, title: str, words_per_minute: int | None = None) -> Reading:
    """Give `reading` a person's title; an empty title brings back the derived one."""
    work = _begin(reading)
    title = " ".join(title.split())[:TITLE_MAX]
    if title:
        work.titles[reading.pk] = title
    else:
        work.titles.pop(reading.pk, None)
    return _finish(work, reading, words_per_minute)


# --- curated questions in a group's weeks ------------------------------------------------------
#
# Curated questions hang on the curated weeks. A group's week shows those of every curated
# week that *starts* inside it: each curated week lands in exactly one group week, whatever
# the group's pace, so no curated question is shown twice or lost.


def _after_or_at(prefix: str, position, paragraph) -> Q:
    """The curated week's start (under `prefix`) is at or after (position, paragraph)."""
    return Q(**{f"{prefix}start_section__position__gt": position}) | Q(
        **{
            f"{prefix}start_section__position": position,
            f"{prefix}start_paragraph__gte": paragraph,
        }
    )


def curated_weeks_in(reading: Reading, *, prefix: str = "") -> Q:
    """Curated readings (fields under `prefix`) of the same text that start inside `reading`
    (for week 1: anywhere before its end).

    For a curated reading that is the reading itself. The bounds' section positions come
    from subqueries, so the caller's one query stays one query.
    """

    def position(pk):
        return Subquery(Section.objects.filter(pk=pk).values("position")[:1])

    q = Q(**{f"{prefix}text_id": reading.text_id, f"{prefix}adoption__isnull": True})
    if reading.number > 1:  # week 1 also takes curated weeks of front matter it skips
        q &= _after_or_at(prefix, position(reading.start_section_id), reading.start_paragraph)
    if reading.end_section_id is not None:
        q &= ~_after_or_at(prefix, position(reading.end_section_id), reading.end_paragraph)
    return q


def week_questions(reading: Reading) -> Q:
    """The questions a week shows (any group's; callers narrow to curated and their own)."""
    if reading.adoption_id is None:
        return Q(reading_id=reading.pk)
    return Q(reading_id=reading.pk) | Q(group__isnull=True) & curated_weeks_in(
        reading, prefix="reading__"
    )


def curated_homes(readings: list[Reading]) -> dict[int, Reading]:
    """For group readings, the group week each curated reading of their texts lands in.

    {curated reading pk: group reading}; two queries (section positions, curated bounds).
    """
    group_weeks = [r for r in readings if r.adoption_id is not None]
    if not group_weeks:
        return {}
    text_ids = {r.text_id for r in group_weeks}
    positions = dict(
        Section.objects.filter(text_id__in=text_ids).values_list("pk", "position").order_by()
    )
    homes: dict[int, Reading] = {}
    curated = (
        Reading.objects.curated()
        .filter(text_id__in=text_ids)
        .values_list("pk", "text_id", "start_section_id", "start_paragraph")
        .order_by()
    )
    for pk, text_id, section_id, paragraph in curated:
        start = (positions.get(section_id, -1), paragraph)
        for week in group_weeks:
            if week.text_id != text_id:
                continue
            begins = (positions.get(week.start_section_id, -1), week.start_paragraph)
            ends = (
                (positions.get(week.end_section_id, -1), week.end_paragraph)
                if week.end_section_id is not None
                else None
            )
            if (week.number == 1 or begins <= start) and (ends is None or start < ends):
                homes[pk] = week
                break
    return homes


# --- showing a week -----------------------------------------------------------------------------


def _week_paragraphs(reading: Reading, first: int, last: int | None):
    """The week's paragraphs: sections at positions first..last, trimmed at the boundaries."""
    qs = Paragraph.objects.filter(section__text_id=reading.text_id, section__position__gte=first)
    if last is not None:
        qs = qs.filter(section__position__lte=last)
    qs = qs.exclude(
        Q(section_id=reading.start_section_id) & Q(position__lt=reading.start_paragraph)
    )
    if reading.end_section_id is not None:
        qs = qs.exclude(
            Q(section_id=reading.end_section_id) & Q(position__gte=reading.end_paragraph)
        )
    return qs


def _content(reading: Reading):
    """(sections with their paragraphs, the paragraph queryset): two queries."""

    def position_of(pk: int):
        return Section.objects.filter(pk=pk).values("position")

    sections_qs = Section.objects.filter(
        text_id=reading.text_id, position__gte=position_of(reading.start_section_id)
    )
    if reading.end_section_id is not None:
        sections_qs = sections_qs.filter(position__lte=position_of(reading.end_section_id))
    sections = list(sections_qs.order_by("position"))
    if reading.end_section_id is not None:
        # The end section belongs to the week only when the week stops part-way through it.
        end = next((i for i, s in enumerate(sections) if s.pk == reading.end_section_id), None)
        sections = (
            sections[: (end + 1 if reading.end_paragraph else end)] if end is not None else []
        )
    if not sections:
        return [], Paragraph.objects.none()
    paragraphs = _week_paragraphs(reading, sections[0].position, sections[-1].position)
    by_section: dict[int, list[Paragraph]] = {s.pk: [] for s in sections}
    for p in paragraphs.order_by("section__position", "position").only(
        "id", "section_id", "position", "kind", "html", "words"
    ):
        by_section[p.section_id].append(p)
    return [(s, by_section[s.pk]) for s in sections], paragraphs


def reading_content(reading: Reading) -> list[tuple[Section, list[Paragraph]]]:
    """The sections of the week in order, each with its paragraphs in the week: two queries.

    A section the week starts or stops inside comes with only the paragraphs in the week; its
    heading is there either way.
    """
    return _content(reading)[0]


def html_cache_key(reading: Reading) -> str:
    """Changes whenever what the week shows may change: its bounds, any edit to the text, or
    the language its labels ("Notes", page numbers) are shown in."""
    return ":".join(
        str(part)
        for part in (
            "library:reading-html",
            HTML_CACHE_VERSION,
            reading.pk,
            reading.number,
            reading.start_section_id,
            reading.start_paragraph,
            reading.end_section_id,
            reading.end_paragraph,
            reading.text.updated_at.timestamp(),
            get_language(),
        )
    )


def reading_html(reading: Reading) -> str:
    """The week's text as HTML, rendered once and cached until the text or the week changes.

    Sections as headings, paragraphs with their `p-<id>` anchors and the page markers of the
    print edition, then the notes cited in the week with links back. Five queries when it is
    not cached (sections, paragraphs, page starts, notes, their citing paragraphs in the
    week), none when it is (with `reading.text` loaded). The key
    changes with every edit, so each process keeps its copy in memory (the "local" cache).
    """
    key = html_cache_key(reading)
    local = caches["local"]
    html = local.get(key)
    if html is None:
        content, paragraphs = _content(reading)
        ids = paragraphs.values("pk")
        week = [p for _section, paragraphs_in in content for p in paragraphs_in]
        prefetch_related_objects(week, page_starts_prefetch())
        mark_pages(week)
        notes = (
            Footnote.objects.filter(cited_by__in=ids)
            .distinct()
            .order_by("number")
            .prefetch_related(
                Prefetch("cited_by", queryset=Paragraph.objects.filter(pk__in=ids).only("id"))
            )
            if content
            else []
        )
        html = render_to_string(
            "library/_reading_text.html", {"content": content, "notes": list(notes)}
        )
        local.set(key, html, HTML_CACHE_SECONDS)
    return html
