"""manage.py import_text: --dry-run --json, real imports, refusals, tags, progress."""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from studygroup.library.importing.formats import read_path
from studygroup.library.models import Footnote, Paragraph, Section, Text

pytestmark = pytest.mark.django_db

SAMPLE = (
    "Reading Together\n\nby Ada Hartley\n\n"
    "Chapter 1: The First Meeting\n\n"
    "We met in the library and read the first chapter slowly together.[1]\n\n"
    "Chapter 2: The Second Meeting\n\n"
    "We met again and argued about the minutes for an hour or more.\n"
)


def run(*args, **options) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("import_text", *args, stdout=out, stderr=err, **options)
    return out.getvalue(), err.getvalue()


def nothing_written() -> bool:
    return not (
        Text.objects.exists()
        or Section.objects.exists()
        or Paragraph.objects.exists()
        or Footnote.objects.exists()
    )


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    path = tmp_path / "reading.txt"
    path.write_text(SAMPLE, encoding="utf-8")
    return path


def _check_shape(data: dict) -> None:
    assert set(data) == {"title", "author", "words", "footnotes", "sections"}
    assert isinstance(data["title"], str)
    assert data["author"] is None or isinstance(data["author"], str)
    assert isinstance(data["words"], int)
    for note in data["footnotes"]:
        assert set(note) == {"number", "text"}
        assert isinstance(note["number"], int) and isinstance(note["text"], str)
    for section in data["sections"]:
        assert set(section) == {"title", "level", "words", "paragraphs", "footnote_numbers"}
        assert isinstance(section["title"], str)
        assert isinstance(section["level"], int) and isinstance(section["words"], int)
        assert all(isinstance(p, str) for p in section["paragraphs"])
        assert all(isinstance(n, int) for n in section["footnote_numbers"])


def test_dry_run_json_prints_exactly_one_object_and_writes_nothing(sample: Path) -> None:
    out, err = run(str(sample), "--dry-run", "--json")
    data = json.loads(out)  # one object and nothing else, or this raises
    assert json.JSONDecoder().raw_decode(out.strip()) == (data, len(out.strip()))
    _check_shape(data)
    assert (data["title"], data["author"]) == ("Reading Together", "Ada Hartley")
    assert [s["title"] for s in data["sections"]] == [
        "Chapter 1: The First Meeting",
        "Chapter 2: The Second Meeting",
    ]
    assert err == ""  # no progress bar when stderr is not a terminal
    assert nothing_written()


@pytest.mark.corpus
def test_dry_run_json_of_a_real_text(shared_texts: Path) -> None:
    path = sorted(shared_texts.glob("*.txt"))[0]
    out, _err = run(str(path), "--dry-run", "--json")
    _check_shape(json.loads(out))
    assert nothing_written()


def test_real_import_of_the_five_texts(shared_texts: Path, settings) -> None:
    paths = sorted(shared_texts.glob("*.txt"))
    assert len(paths) == 5
    for path in paths:
        expected = read_path(path, max_bytes=settings.IMPORT_MAX_BYTES)
        out, _err = run(str(path))
        assert out.startswith("Imported")
        text = Text.objects.get(original_filename=path.name)
        assert text.sections.count() == len(expected.sections), path.name
        assert text.title == expected.title
        assert Footnote.objects.filter(text=text).count() == len(expected.footnotes)
    assert Text.objects.count() == 5


def test_import_is_atomic(sample: Path, monkeypatch) -> None:
    def boom(*args, **kwargs):
        raise RuntimeError("the database went away")

    monkeypatch.setattr(Footnote.objects, "bulk_create", boom)
    with pytest.raises(RuntimeError):
        run(str(sample))
    assert nothing_written()


def test_json_import_prints_one_object(sample: Path) -> None:
    out, _err = run(str(sample), "--json")
    data = json.loads(out)
    assert data["slug"] == Text.objects.get().slug
    assert len(data["sections"]) == 2


def test_tags(sample: Path) -> None:
    run(str(sample), "--tags", "a, b,,")
    assert sorted(t.name for t in Text.objects.get().tags.all()) == ["a", "b"]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("empty.txt", b"", "is empty"),
        ("blank.md", b"\n \n\t\n", "is empty"),
        ("picture.txt", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "not a text file"),
        ("noise.txt", bytes(range(256)) * 40, "not a text file"),
        ("notes.docx", b"PK\x03\x04 whatever", ".docx is not supported"),
        ("README", b"Some text.", "no file extension"),
    ],
)
def test_bad_input_raises_a_clear_command_error(
    tmp_path: Path, name: str, content: bytes, message: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(CommandError, match=message):
        run(str(path))
    with pytest.raises(CommandError, match=message):
        run(str(path), "--dry-run", "--json")
    assert nothing_written()


def test_missing_path(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="no such file"):
        run(str(tmp_path / "nowhere.txt"))
    assert nothing_written()


def test_over_the_size_limit(sample: Path, settings) -> None:
    settings.IMPORT_MAX_BYTES = 100
    with pytest.raises(CommandError, match=r"reading\.txt is \d+ bytes; the limit is 100 bytes"):
        run(str(sample))
    assert nothing_written()


def test_progress_bar_on_a_terminal_advances_per_stage(sample: Path, monkeypatch) -> None:
    """On a terminal the bar goes to stderr, stage by stage; stdout is untouched."""
    from studygroup.library.management.commands import import_text

    class Terminal(StringIO):
        def isatty(self) -> bool:
            return True

    term = Terminal()
    monkeypatch.setattr(import_text.sys, "stderr", term)
    seen: list[tuple[int, str]] = []
    real_tqdm = import_text.tqdm

    class Recording(real_tqdm):
        def update(self, n=1):
            result = super().update(n)
            seen.append((self.n, self.postfix or ""))
            return result

    monkeypatch.setattr(import_text, "tqdm", Recording)
    out, _err = run(str(sample), "--json")
    json.loads(out)
    assert [n for n, _ in seen] == [1, 2, 3, 4, 5]
    assert [p.split("=")[-1].strip(", ") for _, p in seen] == import_text.STAGES
    assert "Importing" in term.getvalue()
