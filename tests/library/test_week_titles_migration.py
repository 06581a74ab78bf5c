"""Migration 0004: stored week titles lose a leaked chapter number; other titles stay."""

from __future__ import annotations

import pytest

from tests.migrations import migration_step

BEFORE = [("library", "0003_curatoredit")]
AFTER = [("library", "0004_week_titles_without_chapter_numbers")]


@pytest.mark.django_db(transaction=True)
def test_stored_week_titles_lose_their_chapter_numbers():
    with migration_step("library", BEFORE, AFTER) as step:
        old = step.before
        text_model = old.get_model("library", "Text")
        section_model = old.get_model("library", "Section")
        reading_model = old.get_model("library", "Reading")
        titles = {
            "primer": ["1 Why Read Together", "2 How a Study Circle Works", "Our own title"],
            "novel": ["1984 and After", "Chapter 2: The Ministry", "Part Two: Julia"],
        }
        for slug, weeks in titles.items():
            text = text_model.objects.create(title=slug, slug=slug)
            section = section_model.objects.create(text=text, position=0, level=1, title="S")
            for number, title in enumerate(weeks, start=1):
                reading_model.objects.create(
                    text=text, number=number, title=title, start_section=section
                )

        new = step.forward()
        stored = {
            slug: list(
                new.get_model("library", "Reading")
                .objects.filter(text__slug=slug)
                .order_by("number")
                .values_list("title", flat=True)
            )
            for slug in titles
        }
        assert stored == {
            "primer": ["Why Read Together", "How a Study Circle Works", "Our own title"],
            "novel": ["1984 and After", "The Ministry", "Part Two: Julia"],
        }
