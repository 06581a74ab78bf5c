"""Short passages in several languages, written for these tests (not taken from any book)."""

from __future__ import annotations

SAMPLES = {
    "es": (
        "El grupo de lectura se reúne cada martes en la biblioteca del barrio. Leemos un "
        "capítulo por semana y después hablamos de lo que hemos entendido, de lo que no, y de "
        "las preguntas que nos deja el texto. Nadie tiene que saberlo todo antes de empezar."
    ),
    "de": (
        "Der Lesekreis trifft sich jeden Dienstag in der Stadtteilbibliothek. Wir lesen jede "
        "Woche ein Kapitel und sprechen danach darüber, was wir verstanden haben, was nicht, "
        "und welche Fragen der Text uns hinterlässt. Niemand muss vorher alles wissen."
    ),
    "en": (
        "The reading group meets every Tuesday in the neighbourhood library. We read one "
        "chapter a week and then talk about what we understood, what we did not, and the "
        "questions the text leaves us with. Nobody has to know everything before we begin."
    ),
    "ar": (
        "تجتمع مجموعة القراءة كل يوم ثلاثاء في مكتبة الحي. نقرأ فصلا واحدا كل أسبوع ثم نتحدث "
        "عما فهمناه وما لم نفهمه وعن الأسئلة التي يتركها لنا النص."
    ),
    "he": (
        "קבוצת הקריאה נפגשת בכל יום שלישי בספריית השכונה. אנחנו קוראים פרק אחד בכל שבוע "
        "ואחר כך מדברים על מה שהבנו, על מה שלא הבנו, ועל השאלות שהטקסט משאיר לנו."
    ),
}


def parsed_in(language: str, *, chapters: int = 2, title: str = "Sample"):
    """A small ParsedText whose body is the sample in `language` (the importer says "en")."""
    from studygroup.library.importing.document import ParsedParagraph, ParsedSection, ParsedText

    sections = [
        ParsedSection(title=f"{title} {c}", paragraphs=[ParsedParagraph(text=SAMPLES[language])])
        for c in range(1, chapters + 1)
    ]
    return ParsedText(title=title, author=None, sections=sections)


def text_in(written_in: str, *, is_public: bool = True, title: str = "Sample", **kwargs):
    """A saved text whose body is the sample in `written_in`; kwargs go to the import."""
    from studygroup.library.services import save_imported_text

    return save_imported_text(
        parsed=parsed_in(written_in, title=title),
        filename="sample.txt",
        checksum="1" * 64,
        is_public=is_public,
        title=title,
        **kwargs,
    ).text
