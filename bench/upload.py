"""A group's upload, end to end through the web form: the largest of the shared texts.

    .venv/bin/python bench/upload.py
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench .venv/bin/python bench/upload.py

Seeds a temporary database (a SQLite file by default; with DATABASE_URL, a throwaway
`test_<name>` database on that PostgreSQL server, dropped at the end), signs a facilitator
in with Django's test client and, best of 5:

* baseline: the import pipeline alone on the same bytes (`read_document`);
* upload: POST the file to the group's upload form (parse, stash) and follow the redirect
  to the preview page (parse again with the fixes, build the preview, propose the weeks,
  render every section and line with its correction buttons): what the facilitator waits
  for between "Preview" and seeing the page;
* save: POST "Save" on the preview (claim, parse, save in one transaction).

Target: upload + preview < 2 s.
"""

from __future__ import annotations

import time

import _harness as harness

harness.setup(WRITE_RATE_LIMIT="10000/m", GROUP_UPLOAD_RATE_LIMIT="10000/m")

from django.conf import settings  # noqa: E402
from django.core.files.uploadedfile import SimpleUploadedFile  # noqa: E402
from django.test import Client, override_settings  # noqa: E402
from django.urls import reverse  # noqa: E402

from studygroup.library.importing.formats import read_document  # noqa: E402
from studygroup.library.models import Text  # noqa: E402
from tests.factories import make_group, make_user  # noqa: E402

TARGET = 2.0


def main() -> None:
    files = (
        sorted(p for p in harness.TEXTS.iterdir() if p.is_file()) if harness.TEXTS.is_dir() else []
    )
    if not files:
        print(f"no texts in {harness.TEXTS}; nothing to measure")
        return
    largest = max(files, key=lambda p: p.stat().st_size)
    data = largest.read_bytes()

    with harness.database():
        facilitator = make_user(username="bench-fac")
        group = make_group(facilitator=facilitator, name="Bench Circle")
        client = Client()
        client.force_login(facilitator)
        upload_url = reverse("groups:texts", args=[group.slug])

        baseline, parsed = harness.best_of(
            lambda: read_document(data, largest.name, max_bytes=settings.GROUP_UPLOAD_MAX_BYTES)
        )

        def upload_and_preview():
            response = client.post(
                upload_url, {"file": SimpleUploadedFile(largest.name, data)}, secure=True
            )
            assert response.status_code == 302, response.status_code
            page = client.get(response["Location"], secure=True)
            assert page.status_code == 200, page.status_code
            return response["Location"], len(page.content)

        seconds, (preview_url, page_bytes) = harness.best_of(upload_and_preview)

        def save():
            response = client.post(preview_url + "save/", {"title": "", "author": ""}, secure=True)
            assert response.status_code == 302, response.status_code

        start = time.perf_counter()
        save()
        saved = time.perf_counter() - start
        text = Text.objects.get()

        paragraphs = sum(len(s.paragraphs) for s in parsed.sections)
        print(
            f"{largest.name}: {len(data) / 1024:.0f} KB, {len(parsed.sections)} sections, "
            f"{paragraphs} paragraphs, {parsed.words:,} words "
            f"({harness.database_name()})"
        )
        print(f"baseline, the import pipeline alone:  {baseline * 1000:7.0f} ms")
        print(
            f"upload + preview through the form:    {seconds * 1000:7.0f} ms  "
            f"(preview page {page_bytes / 1024:.0f} KB)  "
            f"target < {TARGET:.0f} s: {'ok' if seconds < TARGET else 'SLOW'}"
        )
        print(f"save (claim, parse, one transaction): {saved * 1000:7.0f} ms  → “{text.title}”")


if __name__ == "__main__":
    with override_settings(STORAGES=harness.PLAIN_STORAGE):
        main()
