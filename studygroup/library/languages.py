"""A text's language: which ones we know, detecting one from the text, and what it implies
(writing direction, reading speed, the database's full-text configuration).

Detection uses py3langid (a trained n-gram classifier shipped with its small model: offline,
no download at run time, about a second to load once per process). lingua-language-detector
is more accurate on very short strings but ships hundreds of megabytes of models; a text
here is pages long, where py3langid is reliable, so the small one was chosen.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable

from django.conf import settings
from django.utils.translation import get_language_info

DEFAULT = "en"

# ISO 639-1 codes a text may have: the languages Django itself names (so the names are shown
# translated into the UI language) that py3langid can tell apart.
CODES = (
    "ar", "bg", "ca", "cs", "da", "de", "el", "en", "es", "et", "eu", "fa", "fi", "fr", "ga",
    "gl", "he", "hi", "hr", "hu", "id", "it", "ja", "ko", "lt", "lv", "nb", "nl", "pl", "pt",
    "ro", "ru", "sk", "sl", "sr", "sv", "sw", "ta", "th", "tr", "uk", "ur", "vi",
)  # fmt: skip

RIGHT_TO_LEFT = frozenset({"ar", "fa", "he", "ur"})

# Words per minute of adults reading silently, from the IReST study (Trauzettel-Klosinski &
# Dietz, "Standardized assessment of reading performance", IOVS 2012, table 2). Only the ratio
# to English is used: the site's WORDS_PER_MINUTE setting stays the English rate.
_IREST_WPM = {
    "ar": 138, "de": 179, "en": 228, "es": 218, "fi": 161, "fr": 195, "he": 187, "it": 188,
    "ja": 193, "nl": 202, "pl": 166, "pt": 181, "ru": 184, "sl": 180, "sv": 218, "tr": 166,
}  # fmt: skip
_IREST_OTHERS = 184  # the study's median, for languages it did not measure

# PostgreSQL's built-in text search configurations (Snowball stemmers); others use `simple`.
PG_CONFIG = {
    "ar": "arabic", "ca": "catalan", "da": "danish", "de": "german", "el": "greek",
    "en": "english", "es": "spanish", "eu": "basque", "fi": "finnish", "fr": "french",
    "ga": "irish", "hi": "hindi", "hu": "hungarian", "id": "indonesian", "it": "italian",
    "lt": "lithuanian", "nb": "norwegian", "nl": "dutch", "pt": "portuguese", "ro": "romanian",
    "ru": "russian", "sr": "serbian", "sv": "swedish", "ta": "tamil", "tr": "turkish",
}  # fmt: skip

# Below this probability (after normalising over CODES) detection says "unsure".
CONFIDENCE = 0.8
SAMPLE_CHARS = 4000  # enough for a sure answer; a whole book would only cost time


def choices() -> list[tuple[str, str]]:
    """(code, name in the UI language), sorted by code so the list is stable."""
    return [(code, get_language_info(code)["name_translated"]) for code in CODES]


def name(code: str) -> str:
    try:
        return str(get_language_info(code)["name_translated"])
    except KeyError:
        return code


def direction(code: str) -> str:
    return "rtl" if code in RIGHT_TO_LEFT else "ltr"


def words_per_minute(code: str) -> int:
    """The reading rate for a text in this language, scaled from the English setting."""
    rate = _IREST_WPM.get(code, _IREST_OTHERS)
    return max(1, round(settings.WORDS_PER_MINUTE * rate / _IREST_WPM["en"]))


_lock = threading.Lock()
_identifier = None


def _get_identifier():
    global _identifier
    with _lock:
        if _identifier is None:
            from py3langid.langid import MODEL_FILE, LanguageIdentifier

            identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
            identifier.set_languages([c for c in CODES if c in identifier.nb_classes])
            _identifier = identifier
    return _identifier


def detect(text: str, *, confidence: float = CONFIDENCE) -> str | None:
    """The ISO 639-1 code of `text`'s language, or None when unsure (too short, mixed)."""
    sample = (text or "").strip()[:SAMPLE_CHARS]
    if sum(ch.isalpha() for ch in sample) < 20:
        return None
    code, probability = _get_identifier().classify(sample)
    return code if probability >= confidence and code in CODES else None


def detect_paragraphs(paragraphs: Iterable[str], *, default: str = DEFAULT) -> str:
    """A text's language from its first paragraphs (front matter is often short or mixed)."""
    sample: list[str] = []
    size = 0
    for paragraph in paragraphs:
        sample.append(paragraph)
        size += len(paragraph)
        if size >= SAMPLE_CHARS:
            break
    return detect("\n".join(sample)) or default


def detect_parsed(parsed) -> str:
    """The language of an import's ParsedText, from its body; the importer's guess if unsure."""
    body = [s for s in parsed.sections if s.kind == "body"] or parsed.sections
    return detect_paragraphs((p.text for s in body for p in s.paragraphs), default=parsed.language)
