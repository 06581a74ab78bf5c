"""The library: texts, their sections, paragraphs and footnotes.

Paragraph ids are the anchors discussion points at (`#p-<id>`): a curator's edit keeps
the id, and a re-import keeps the id of every paragraph that is still there, even
corrected a little (see `anchors.py`).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from taggit.managers import TaggableManager

from studygroup.library import languages


class Kind(models.TextChoices):
    FRONT = "front", _("Front matter")
    BODY = "body", _("Body")
    BACK = "back", _("Back matter")


class Text(models.Model):
    title = models.CharField(max_length=300)
    slug = models.SlugField(max_length=120, unique=True)
    author = models.CharField(max_length=200, blank=True)
    source = models.TextField(blank=True, help_text=_("Citation: publisher, year, URL."))
    language = models.CharField(
        _("language"),
        max_length=16,
        default=languages.DEFAULT,
        choices=languages.choices,
        help_text=_("The text's own language: it sets hyphenation, reading time and search."),
    )
    is_public = models.BooleanField(
        _("public"),
        default=True,
        help_text=_("Restricted texts are read by the groups that adopt them."),
    )
    words = models.PositiveIntegerField(default=0)
    original_filename = models.CharField(max_length=255, blank=True)
    checksum = models.CharField(max_length=64, blank=True, db_index=True)
    warnings = models.JSONField(default=list, blank=True)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    tags = TaggableManager(blank=True)

    class Meta:
        verbose_name = _("text")
        verbose_name_plural = _("texts")
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("library:text", kwargs={"slug": self.slug})

    @property
    def direction(self) -> str:
        """ "rtl" for a right-to-left script, else "ltr" (the reader's `dir`)."""
        return languages.direction(self.language)


class Section(models.Model):
    text = models.ForeignKey(Text, on_delete=models.CASCADE, related_name="sections")
    position = models.PositiveIntegerField()
    # 1 a part (or a chapter, in a text without parts), 2 a chapter inside a part or a
    # sub-heading, 3 a sub-heading inside a chapter inside a part (importing/document.py).
    level = models.PositiveSmallIntegerField(
        default=1,
        choices=[
            (1, _("Part, or chapter")),
            (2, _("Chapter in a part, or sub-heading")),
            (3, _("Sub-heading in a chapter in a part")),
        ],
    )
    kind = models.CharField(max_length=8, choices=Kind.choices, default=Kind.BODY)
    title = models.CharField(max_length=300)
    words = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("section")
        verbose_name_plural = _("sections")
        ordering = ["text", "position"]
        indexes = [models.Index(fields=["text", "position"])]
        constraints = [
            models.CheckConstraint(condition=Q(level__in=[1, 2, 3]), name="section_level_1_to_3"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("library:section", kwargs={"slug": self.text.slug, "section": self.pk})

    @property
    def minutes(self) -> int:
        # `text.sections` hands each section its text, so this costs no query there.
        return max(1, -(-self.words // languages.words_per_minute(self.text.language)))


class Paragraph(models.Model):
    class ParagraphKind(models.TextChoices):
        PROSE = "prose", _("Prose")
        QUOTE = "quote", _("Block quote")
        VERSE = "verse", _("Verse")
        LIST = "list", _("List item")
        CAPTION = "caption", _("Caption or pull-quote")

    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="paragraphs")
    position = models.PositiveIntegerField()
    kind = models.CharField(max_length=8, choices=ParagraphKind.choices, default="prose")
    text = models.TextField()
    html = models.TextField(help_text=_("Rendered once, at import or edit."))
    words = models.PositiveIntegerField(default=0)
    checksum = models.CharField(max_length=40, db_index=True)

    class Meta:
        verbose_name = _("paragraph")
        verbose_name_plural = _("paragraphs")
        ordering = ["section", "position"]
        indexes = [models.Index(fields=["section", "position"])]

    def __str__(self) -> str:
        return self.text[:60]

    @property
    def anchor(self) -> str:
        return f"p-{self.pk}"


class Footnote(models.Model):
    text = models.ForeignKey(Text, on_delete=models.CASCADE, related_name="footnotes")
    number = models.PositiveIntegerField()
    body = models.TextField(
        blank=True, help_text=_("Empty when the source has a marker but no note.")
    )
    cited_by = models.ManyToManyField(Paragraph, related_name="footnotes", blank=True)

    class Meta:
        verbose_name = _("footnote")
        verbose_name_plural = _("footnotes")
        ordering = ["text", "number"]
        constraints = [
            models.UniqueConstraint(fields=["text", "number"], name="one_footnote_per_number"),
        ]

    def __str__(self) -> str:
        return f"[{self.number}] {self.body[:50]}"


class ReadingQuerySet(models.QuerySet):
    def published(self) -> ReadingQuerySet:
        return self.filter(is_published=True)

    def curated(self) -> ReadingQuerySet:
        """The text's default split, the one curators edit (no adoption)."""
        return self.filter(adoption__isnull=True)

    def for_adoption(self, adoption) -> ReadingQuerySet:
        """A group's own weeks of a text: those of its adoption (an Adoption or its pk)."""
        return self.filter(adoption=adoption)

    def of_groups(self, groups) -> ReadingQuerySet:
        """The weeks these groups read (groups or their pks): their adoptions' own splits."""
        return self.filter(adoption__group__in=groups)

    def of_group(self, group) -> ReadingQuerySet:
        """The weeks this group reads (a group or its pk): its adoptions' own splits."""
        return self.filter(adoption__group=group)

    def of_split(self, adoption_id: int | None) -> ReadingQuerySet:
        """One split: a group's (its adoption's pk) or the curated default (None)."""
        if adoption_id is None:
            return self.curated()
        return self.for_adoption(adoption_id)


class Reading(models.Model):
    """Week `number` of a text: from a start (section, paragraph) up to an end, exclusive.

    A text has a curated default split (`adoption` None), edited by curators; each group
    that adopts the text gets its own copy (`adoption` set), which its facilitators reshape
    without touching the default or another group's (groups/split.py). The start is usually
    a section's first paragraph; the splitter only cuts inside a section that is longer than
    two weeks' reading. `end_section` None means "to the end of the text".
    """

    text = models.ForeignKey(Text, on_delete=models.CASCADE, related_name="readings")
    adoption = models.ForeignKey(
        "groups.Adoption",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="readings",
        help_text=_("Empty for the text's curated default split."),
    )
    number = models.PositiveIntegerField()
    title = models.CharField(max_length=300)
    start_section = models.ForeignKey(Section, on_delete=models.PROTECT, related_name="+")
    start_paragraph = models.PositiveIntegerField(default=0)
    end_section = models.ForeignKey(
        Section, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    end_paragraph = models.PositiveIntegerField(default=0)
    words = models.PositiveIntegerField(default=0)
    minutes = models.PositiveIntegerField(default=0)
    is_published = models.BooleanField(default=True)
    tags = TaggableManager(blank=True)

    objects = ReadingQuerySet.as_manager()

    class Meta:
        verbose_name = _("reading")
        verbose_name_plural = _("readings")
        ordering = ["text", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["text", "number"],
                condition=Q(adoption__isnull=True),
                name="one_curated_reading_per_week_number",
            ),
            models.UniqueConstraint(
                fields=["adoption", "number"],
                condition=Q(adoption__isnull=False),
                name="one_group_reading_per_week_number",
            ),
        ]

    def __str__(self) -> str:
        return f"Week {self.number}: {self.title}"


class Question(models.Model):
    """A discussion question on a reading.

    Curated questions (group None) come with the reading for every group; a group may add
    its own, and members may propose questions that a facilitator approves.
    """

    class Status(models.TextChoices):
        APPROVED = "approved", _("Approved")
        PROPOSED = "proposed", _("Proposed")
        DECLINED = "declined", _("Declined")

    reading = models.ForeignKey(Reading, on_delete=models.CASCADE, related_name="questions")
    group = models.ForeignKey(
        "groups.ReadingGroup",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="questions",
        help_text=_("Empty for curated questions shared by every group."),
    )
    body = models.TextField()
    position = models.PositiveIntegerField(default=0)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.APPROVED)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    tags = TaggableManager(blank=True)

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["reading", "position", "pk"]

    def __str__(self) -> str:
        return self.body[:80]


class CuratorEdit(models.Model):
    """A curator's correction of a paragraph's text or a section's title, in place.

    Kept so that a re-import of the source file can show which corrections it would
    undo, and let the curator keep them.
    """

    class Target(models.TextChoices):
        PARAGRAPH = "paragraph", _("Paragraph text")
        SECTION = "section", _("Section title")

    text = models.ForeignKey(Text, on_delete=models.CASCADE, related_name="curator_edits")
    target = models.CharField(max_length=10, choices=Target.choices)
    paragraph = models.ForeignKey(
        Paragraph, null=True, blank=True, on_delete=models.SET_NULL, related_name="curator_edits"
    )
    section = models.ForeignKey(
        Section, null=True, blank=True, on_delete=models.SET_NULL, related_name="curator_edits"
    )
    old_value = models.TextField()
    new_value = models.TextField()
    edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    edited_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["text", "edited_at", "pk"]
        verbose_name = _("curator edit")
        verbose_name_plural = _("curator edits")

    def __str__(self) -> str:
        return _("%(target)s edited %(when)s") % {
            "target": self.get_target_display(),
            "when": f"{self.edited_at:%Y-%m-%d %H:%M}",
        }


class PageStartQuerySet(models.QuerySet):
    def in_order(self) -> PageStartQuerySet:
        return self.order_by("paragraph__section__position", "paragraph__position", "offset")


class PageStart(models.Model):
    """Where a page of the printed source begins: members with paper copies say
    "turn to page 47". Kept from the import (importing/pages.py); the reader shows a
    marker in the margin of the paragraph, with the anchor `#page-<label>`.
    """

    text = models.ForeignKey(Text, on_delete=models.CASCADE, related_name="page_starts")
    paragraph = models.ForeignKey(Paragraph, on_delete=models.CASCADE, related_name="page_starts")
    offset = models.PositiveIntegerField(
        default=0, help_text=_("Where in the paragraph's text the page begins (0: before it).")
    )
    label = models.CharField(max_length=16, help_text=_("As printed: “47”, “xii”."))

    objects = PageStartQuerySet.as_manager()

    class Meta:
        ordering = ["paragraph_id", "offset"]
        constraints = [
            models.UniqueConstraint(fields=["text", "label"], name="one_page_start_per_label"),
        ]
        verbose_name = _("page start")
        verbose_name_plural = _("page starts")

    def __str__(self) -> str:
        return f"p. {self.label}"

    @property
    def anchor(self) -> str:
        return f"page-{self.label}"
