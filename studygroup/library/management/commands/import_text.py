"""Import a text file (.txt, .md, .epub, .pdf) into the library, all or nothing.

    python manage.py import_text PATH [--title T] [--author A] [--tags a,b] [--dry-run] [--json]

`--dry-run --json` writes nothing and prints exactly one JSON object on stdout.
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from studygroup.library.importing.document import ImportProblem
from studygroup.library.importing.formats import read_path
from studygroup.library.services import save_imported_text

STAGES = ["decode", "clean", "structure", "footnotes", "save"]


class Command(BaseCommand):
    help = "Import a text into the library (.txt, .md, .epub or .pdf)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("path")
        parser.add_argument("--title", help="Override the detected title.")
        parser.add_argument("--author", help="Override the detected author.")
        parser.add_argument("--tags", default="", help="Comma-separated tags.")
        parser.add_argument("--restricted", action="store_true", help="Not public.")
        parser.add_argument("--dry-run", action="store_true", help="Parse only; write nothing.")
        parser.add_argument("--json", action="store_true", help="Print the structure as JSON.")

    def handle(self, *args, path: str, **options) -> None:
        # Progress goes to stderr, and only on a terminal: stdout stays clean for --json.
        stages = STAGES[:-1] if options["dry_run"] else STAGES
        progress = tqdm(
            total=len(stages),
            desc="Importing",
            unit="stage",
            file=sys.stderr,
            disable=not _is_terminal(sys.stderr),
            leave=False,
            mininterval=0,  # a handful of updates: draw every stage
        )
        try:
            self._run(path, options, progress)
        finally:
            progress.close()

    def _run(self, path: str, options: dict, progress: tqdm) -> None:
        def advance(stage: str) -> None:
            """Move the bar to just after `stage`; stages a format skips are skipped."""
            if stage in STAGES:
                done = STAGES.index(stage) + 1
                if done > progress.n:
                    progress.set_postfix_str(stage, refresh=False)
                    progress.update(done - progress.n)

        try:
            parsed = read_path(path, max_bytes=settings.IMPORT_MAX_BYTES, progress=advance)
        except ImportProblem as problem:
            raise CommandError(str(problem)) from None
        advance("footnotes")

        if options["title"]:
            parsed.title = options["title"]
        if options["author"]:
            parsed.author = options["author"]

        if options["dry_run"]:
            if options["json"]:
                self.stdout.write(json.dumps(parsed.as_json(), ensure_ascii=False))
            else:
                self._describe(parsed)
            return

        data = Path(path).read_bytes()
        report = save_imported_text(
            parsed=parsed,
            filename=Path(path).name,
            checksum=hashlib.sha256(data).hexdigest(),
            tags=[tag.strip() for tag in options["tags"].split(",") if tag.strip()],
            is_public=not options["restricted"],
        )
        advance("save")
        if options["json"]:
            self.stdout.write(
                json.dumps(
                    {
                        "id": report.text.pk,
                        "slug": report.text.slug,
                        **parsed.as_json(),
                        "warnings": report.warnings,
                    },
                    ensure_ascii=False,
                )
            )
            return
        pages = f"{report.pages} print pages, " if report.pages else ""
        self.stdout.write(
            self.style.SUCCESS(
                f"Imported “{report.text.title}”: {report.sections} sections, "
                f"{report.paragraphs_created} paragraphs, {report.footnotes} footnotes, {pages}"
                f"{report.text.words:,} words → /library/{report.text.slug}/"
            )
        )
        for warning in report.warnings:
            self.stderr.write(self.style.WARNING(f"warning: {warning}"))

    def _describe(self, parsed) -> None:
        self.stdout.write(f"{parsed.title} — {parsed.author or 'unknown author'}")
        self.stdout.write(f"{parsed.words:,} words, {len(parsed.footnotes)} footnotes")
        if parsed.pages:
            first, last = parsed.pages[0].label, parsed.pages[-1].label
            self.stdout.write(f"page numbers of the source: {len(parsed.pages)} ({first}–{last})")
        for section in parsed.sections:
            indent = "  " * (section.level - 1)
            kind = "" if section.kind == "body" else f" [{section.kind}]"
            self.stdout.write(f"{indent}- {section.title}{kind} ({section.words:,} words)")
        for warning in parsed.warnings:
            self.stdout.write(self.style.WARNING(f"warning: {warning}"))


def _is_terminal(stream) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # closed or replaced streams
        return False
