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


class Kind(models.TextChoices):
    FRONT = "front", "Front matter"
    BODY = "body", "Body"
    BACK = "back", "Back matter"


class Text(models.Model):
    title = models.CharField(max_length=300)
    slug = models.SlugField(max_length=120, unique=True)
    author = models.CharField(max_length=200, blank=True)
    source = models.TextField(blank=True, help_text="Citation: publisher, year, URL.")
    language = models.CharField(max_length=16, default="en")
    is_public = models.BooleanField(
        "public", default=True, help_text="Restricted texts are read by the groups that adopt them."
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
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("library:text", kwargs={"slug": self.slug})


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
        return max(1, -(-self.words // settings.WORDS_PER_MINUTE))


class Paragraph(models.Model):
    class ParagraphKind(models.TextChoices):
        PROSE = "prose", "Prose"
        QUOTE = "quote", "Block quote"
        VERSE = "verse", "Verse"
        LIST = "list", "List item"
        CAPTION = "caption", "Caption or pull-quote"

    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="paragraphs")
    position = models.PositiveIntegerField()
    kind = models.CharField(max_length=8, choices=ParagraphKind.choices, default="prose")
    text = models.TextField()
    html = models.TextField(help_text="Rendered once, at import or edit.")
    words = models.PositiveIntegerField(default=0)
    checksum = models.CharField(max_length=40, db_index=True)

    class Meta:
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
    body = models.TextField(blank=True, help_text="Empty when the source has a marker but no note.")
    cited_by = models.ManyToManyField(Paragraph, related_name="footnotes", blank=True)

    class Meta:
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

    def of_split(self, adoption_id: int | None) -> ReadingQuerySet:
        """One split: a group's (its adoption's pk) or the curated default (None)."""
        if adoption_id is None:
            return self.curated()
        return self.filter(adoption_id=adoption_id)


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
        help_text="Empty for the text's curated default split.",
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
        APPROVED = "approved", "Approved"
        PROPOSED = "proposed", "Proposed"
        DECLINED = "declined", "Declined"

    reading = models.ForeignKey(Reading, on_delete=models.CASCADE, related_name="questions")
    group = models.ForeignKey(
        "groups.ReadingGroup",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="questions",
        help_text="Empty for curated questions shared by every group.",
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
        default=0, help_text="Where in the paragraph's text the page begins (0: before it)."
    )
    label = models.CharField(max_length=16, help_text="As printed: “47”, “xii”.")

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
