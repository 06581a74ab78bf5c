"""Migration library 0008: texts already there get the language of their body; a text
detection is unsure of keeps "en"."""

from __future__ import annotations

import pytest

from tests.library.samples import SAMPLES
from tests.migrations import migration_step

BEFORE = [("library", "0007_group_readings")]
AFTER = [("library", "0008_text_language")]


@pytest.mark.django_db(transaction=True)
def test_existing_texts_get_a_detected_language():
    with migration_step("library", BEFORE, AFTER) as step:
        old = step.before
        text_model = old.get_model("library", "Text")
        section_model = old.get_model("library", "Section")
        paragraph_model = old.get_model("library", "Paragraph")
        bodies = {
            "spanish": [SAMPLES["es"]],
            "german": [SAMPLES["de"], SAMPLES["de"]],
            "arabic": [SAMPLES["ar"]],
            "too-short": ["1.", "ii"],
        }
        for slug, paragraphs in bodies.items():
            text = text_model.objects.create(title=slug, slug=slug)
            # Front matter in English is not what the text is written in.
            front = section_model.objects.create(text=text, position=0, title="Front", kind="front")
            paragraph_model.objects.create(
                section=front, position=0, text=SAMPLES["en"], html="", checksum="x"
            )
            body = section_model.objects.create(text=text, position=1, title="Body")
            for position, words in enumerate(paragraphs):
                paragraph_model.objects.create(
                    section=body, position=position, text=words, html="", checksum="x"
                )

        new = step.forward()
        stored = dict(new.get_model("library", "Text").objects.values_list("slug", "language"))
        assert stored == {"spanish": "es", "german": "de", "arabic": "ar", "too-short": "en"}
