"""parse_text / parse_bytes entry points."""

from __future__ import annotations

import time

import pytest

from studygroup.library.importing.document import ImportProblem, ParsedText
from studygroup.library.importing.pipeline import parse_bytes, parse_text

TEXT = (
    "A Short Pamphlet\n\nBy Some Writer\n\n"
    "The opening paragraph says what the pamphlet is about and why it matters now.\n\n"
    "Second Section\n\n"
    "The second section develops the argument at greater length than the first one.\n"
)


def test_parse_text_reports_each_stage():
    stages: list[str] = []
    parsed = parse_text(TEXT, progress=stages.append)
    assert isinstance(parsed, ParsedText)
    assert stages == ["clean", "structure", "footnotes"]


def test_parse_bytes_txt():
    parsed = parse_bytes(TEXT.encode("utf-16"), "pamphlet.txt")
    assert (parsed.title, parsed.author) == ("A Short Pamphlet", "Some Writer")
    assert [(s.level, s.title) for s in parsed.sections] == [
        (1, "A Short Pamphlet"),
        (2, "Second Section"),
    ]


def test_parse_bytes_markdown_by_suffix():
    data = b"# Title\n\nSome *emphasis* here in a sentence.\n\n## Next\n\nMore text here.\n"
    parsed = parse_bytes(data, "notes.md")
    assert parsed.title == "Title"
    assert parsed.sections[0].paragraphs[0].text == "Some emphasis here in a sentence."
    as_txt = parse_bytes(data, "notes.txt")
    assert "*emphasis*" in as_txt.sections[0].paragraphs[0].text


def test_parse_bytes_refuses_empty_and_binary():
    with pytest.raises(ImportProblem):
        parse_bytes(b"", "empty.txt")
    with pytest.raises(ImportProblem):
        parse_bytes(b"\x00\x01\x02" * 100, "image.txt")


def test_untitled_text_falls_back_to_file_name():
    parsed = parse_text(
        "just a lower case note without any structure at all.", filename="x/my-file.txt"
    )
    assert parsed.title == "my-file"
    assert "no title found; using the file name" in parsed.warnings


def test_as_json_shape():
    data = parse_text(TEXT).as_json()
    assert data["title"] == "A Short Pamphlet"
    assert data["sections"][1]["title"] == "Second Section"


def test_large_synthetic_text_is_fast():
    para = (
        "Workers met in the hall to discuss the strike, and the debate went on well "
        "into the night while the organisers counted votes and pro-\nduced a report.\n"
    )
    chapters = []
    for i in range(1, 1001):
        body = "\n".join(f"Paragraph {j} of chapter {i}. {para}" for j in range(6))
        chapters.append(f"Chapter {i}\n\n{body}")
    text = "\n\n".join(chapters)
    assert len(text) > 1_000_000
    start = time.process_time()  # CPU time: other test runs may share the machine
    parsed = parse_text(text)
    elapsed = time.process_time() - start
    assert len(parsed.sections) == 1000
    assert "produced a report" in parsed.sections[-1].paragraphs[0].text
    assert elapsed < 4  # 5 MB must stay under 10 s: anything quadratic blows this up


def test_parse_bytes_reports_decode_first():
    stages: list[str] = []
    parse_bytes(TEXT.encode(), "pamphlet.txt", progress=stages.append)
    assert stages == ["decode", "clean", "structure", "footnotes"]


@pytest.mark.parametrize("filename", ["002_2e9606730db105a4.txt", "a0ee4bd712006198.txt", "17.txt"])
def test_a_file_named_by_numbers_or_a_hash_gives_no_title(filename):
    parsed = parse_text(
        "THE COMMON SILENCE of the room was broken at last by the ferry horn. It was late.",
        filename=filename,
    )
    assert parsed.title == "The Common Silence"
    assert parsed.warnings[-1] == "no title found; using the text's opening words"
    plain = parse_text(
        "the tide came in slowly over the flats that night and stayed.", filename=filename
    )
    assert plain.title == "the tide came in slowly over the flats…"


def test_the_pipeline_runs_without_django_settings():
    """bench/ and tools import it before (or without) Django: messages stay English."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    code = (
        "from studygroup.library.importing.formats import read_document\n"
        "p = read_document(b'just a lower case note without any structure.', 'x/n.txt',"
        " max_bytes=10**6)\n"
        "print(p.warnings)\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    root = Path(__file__).resolve().parents[2]
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=root, env=env, capture_output=True, text=True
    )
    assert out.returncode == 0, out.stderr
    assert "no title found; using the file name" in out.stdout
