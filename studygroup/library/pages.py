"""Original page numbers, read back: the reader's margin markers and a week's page range.

The page map is stored as PageStart rows (saved by services.save_page_map at import).
A week's range ("pp. 31–58") is computed from its boundaries each time it is shown,
never stored, so a new split can't leave it stale: the map of a text is loaded once
(two queries) and kept in this process's cache until the text changes.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.cache import caches
from django.db.models import Prefetch
from django.utils.html import format_html
from django.utils.translation import gettext as _

from studygroup.library.markup import FOOTNOTE_MARKUP
from studygroup.library.models import PageStart, Paragraph, Reading, Section, Text

PAGE_MAP_VERSION = 1
PAGE_MAP_SECONDS = 24 * 3600  # the key changes with every edit, so age is no risk

Key = tuple[int, int, int]  # (section position, paragraph position, offset)


def page_starts_prefetch() -> Prefetch:
    """Each paragraph's page starts as `paragraph.pages` (the reader's margin markers)."""
    return Prefetch(
        "page_starts",
        queryset=PageStart.objects.only("id", "paragraph_id", "label", "offset").order_by("offset"),
        to_attr="pages",
    )


def mark_pages(paragraphs: Iterable[Paragraph]) -> None:
    """Put each paragraph's page markers into its html, in memory, where the page starts
    (the paragraphs come with `page_starts_prefetch`). The markers go in the margin
    (site.css) at the line the page starts on; they are aria-hidden, for the eye only:
    "p. 47" read out mid-sentence would interrupt the text, and "page 47" in search
    leads a screen reader's user to the same place (the `#page-47` anchor)."""
    for paragraph in paragraphs:
        if getattr(paragraph, "pages", None):
            paragraph.html = insert_page_marks(paragraph.html, paragraph.pages)


def insert_page_marks(html: str, pages: Iterable[PageStart]) -> str:
    """`html` (a paragraph's, from render_paragraph_html) with a marker at each page's
    offset in the paragraph's plain text; markers at one offset share a place."""
    at: dict[int, list[str]] = {}
    for page in pages:
        at.setdefault(page.offset, []).append(page.label)
    cuts = sorted((_html_offset(html, offset), labels) for offset, labels in at.items())
    out, cursor = [], 0
    for position, labels in cuts:
        marks = "".join(
            format_html(
                '<span class="page-mark" id="page-{}">{}</span>',
                label,
                _("p. %(page)s") % {"page": label},
            )
            for label in labels
        )
        out += [
            html[cursor:position],
            f'<span class="page-marks" aria-hidden="true">{marks}</span>',
        ]
        cursor = position
    out.append(html[cursor:])
    return "".join(out)


def _html_offset(html: str, offset: int) -> int:
    """Where the `offset`-th character of the plain text stands in the paragraph's html:
    entities count as one character, <br> as the newline it was, footnote references
    (and the notes they carry) as nothing."""
    if offset <= 0:
        return 0
    seen = 0
    k = 0
    notes = [(m.start(), m.end()) for m in FOOTNOTE_MARKUP.finditer(html)]
    while k < len(html):
        if notes and k == notes[0][0]:
            k = notes.pop(0)[1]
            continue
        if seen >= offset:
            return k
        if html[k] == "&":
            end = html.find(";", k)
            k = end + 1 if end != -1 else k + 1
        elif html[k] == "<":
            end = html.find(">", k)
            k = end + 1 if end != -1 else k + 1
        else:
            k += 1
        seen += 1
    return len(html)


@dataclass(frozen=True)
class WeekPages:
    first: str
    last: str

    def __str__(self) -> str:
        if self.first == self.last:
            return _("p. %(page)s") % {"page": self.first}
        return _("pp. %(first)s–%(last)s") % {"first": self.first, "last": self.last}


@dataclass
class PageMap:
    """A text's page starts in reading order, and where its sections stand."""

    keys: list[Key]
    labels: list[str]
    section_positions: dict[int, int]  # section pk -> position

    def __bool__(self) -> bool:
        return bool(self.keys)

    def between(
        self,
        start_section_id: int,
        start_paragraph: int,
        end_section_id: int | None,
        end_paragraph: int,
    ) -> WeekPages | None:
        """The pages a stretch of text spans, read the way a Reading's bounds are (see
        readings.py): from the page open at its start to the last page that begins
        before its end. None when the text has no page map there."""
        if not self.keys or start_section_id not in self.section_positions:
            return None
        start: Key = (self.section_positions[start_section_id], start_paragraph, 0)
        if end_section_id is None:
            stop = len(self.keys)
        elif end_section_id in self.section_positions:
            stop = bisect_left(
                self.keys, (self.section_positions[end_section_id], end_paragraph, 0)
            )
        else:
            return None
        open_at_start = bisect_right(self.keys, start) - 1
        if open_at_start < 0:  # unnumbered pages first: the range begins at the first number
            if stop == 0:
                return None
            open_at_start = 0
        last = max(open_at_start, stop - 1)
        return WeekPages(self.labels[open_at_start], self.labels[last])

    def for_reading(self, reading: Reading) -> WeekPages | None:
        return self.between(
            reading.start_section_id,
            reading.start_paragraph,
            reading.end_section_id,
            reading.end_paragraph,
        )


def _cache_key(text: Text) -> str:
    return f"library:page-map:{PAGE_MAP_VERSION}:{text.pk}:{text.updated_at.timestamp()}"


def page_maps(texts: Iterable[Text]) -> dict[int, PageMap]:
    """The page maps of several texts (text pk -> PageMap): two queries for all those not
    in this process's cache (none when no text has a page map), then none until a text
    changes: its `updated_at` is in the key."""
    local = caches["local"]
    texts = {text.pk: text for text in texts}
    keys = {pk: _cache_key(text) for pk, text in texts.items()}
    cached = local.get_many(keys.values())
    maps = {pk: cached[key] for pk, key in keys.items() if key in cached}
    missing = [pk for pk in texts if pk not in maps]
    if missing:
        rows = list(
            PageStart.objects.filter(text_id__in=missing)
            .in_order()
            .values_list(
                "text_id", "paragraph__section__position", "paragraph__position", "offset", "label"
            )
        )
        with_pages = {row[0] for row in rows}
        positions: dict[int, dict[int, int]] = {pk: {} for pk in missing}
        if with_pages:
            for text_id, pk, position in Section.objects.filter(text_id__in=with_pages).values_list(
                "text_id", "pk", "position"
            ):
                positions[text_id][pk] = position
        fresh = {pk: PageMap(keys=[], labels=[], section_positions=positions[pk]) for pk in missing}
        for text_id, section, paragraph, offset, label in rows:
            fresh[text_id].keys.append((section, paragraph, offset))
            fresh[text_id].labels.append(label)
        local.set_many({keys[pk]: found for pk, found in fresh.items()}, PAGE_MAP_SECONDS)
        maps.update(fresh)
    return maps


def page_map(text: Text) -> PageMap:
    """One text's page map (see `page_maps`)."""
    return page_maps([text])[text.pk]


def week_pages(reading: Reading, text: Text | None = None) -> WeekPages | None:
    """ "pp. 31–58" for one week; `text` is the reading's text, if loaded apart from it."""
    return page_map(text or reading.text).for_reading(reading)


def attach_week_pages(weeks: Iterable[tuple[Reading, Text]]) -> None:
    """Set `reading.page_range` (a WeekPages or None) on each (reading, its text)."""
    weeks = list(weeks)
    maps = page_maps(text for _reading, text in weeks)
    for reading, text in weeks:
        reading.page_range = maps[text.pk].for_reading(reading)
