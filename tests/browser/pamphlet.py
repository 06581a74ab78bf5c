"""A small PDF made here, by Chromium printing HTML we write: a pamphlet with three chapters,
a figure caption the importer keeps as a paragraph, and a heading with a typo to fix."""

from __future__ import annotations

from html import escape

TITLE = "The Tenants' Handbook"
AUTHOR = "Mary Barbour"
CAPTION = "Figure 1. A rent strike notice in a close window, Govan, 1915."

CHAPTERS = [
    (
        "Chapter 1. Why Organse",
        [
            "A tenant alone is easily ignored. A tenant who speaks for a whole close, or a "
            "whole street, is not. The landlord counts on our silence and on our being too "
            "tired to meet after work.",
            CAPTION,
            "So we meet on Tuesday evenings in the kitchen with the biggest table, and we "
            "begin by listening to each other before anyone proposes anything at all.",
        ],
    ),
    (
        "Chapter 2. Running a Meeting",
        [
            "Somebody keeps the time and somebody keeps the notes. The notes are read back "
            "at the start of the next meeting so that nobody can say they were not told.",
            "Decisions are taken by show of hands, after everybody who wishes to speak has "
            "spoken once. Nobody speaks twice before everybody has spoken once.",
        ],
    ),
    (
        "Chapter 3. Winning",
        [
            "Winning is slow. The first victory is usually a repair that was promised for a "
            "year. Celebrate it anyway: it shows the street what a meeting can do.",
        ],
    ),
]


def pamphlet_html() -> str:
    chapters = "".join(
        f'<h2 style="page-break-before: always">{escape(title)}</h2>'
        + "".join(
            f"<p><i>{escape(p)}</i></p>" if p == CAPTION else f"<p>{escape(p)}</p>"
            for p in paragraphs
        )
        for title, paragraphs in CHAPTERS
    )
    return (
        "<!doctype html><html><head><meta charset='utf-8'>"
        f"<title>{escape(TITLE)}</title>"
        "<style>body{font: 12pt serif; margin: 2cm} h1{font-size: 24pt} h2{font-size: 16pt}</style>"
        f"</head><body><h1>{escape(TITLE)}</h1><p>by {escape(AUTHOR)}</p>{chapters}</body></html>"
    )


def pamphlet_pdf(browser) -> bytes:
    """The pamphlet as a PDF, printed by the test session's Chromium."""
    context = browser.new_context()
    try:
        page = context.new_page()
        page.set_content(pamphlet_html())
        return page.pdf(format="A5")
    finally:
        context.close()
