"""Which language an article is in: py3langid (a compact naive-Bayes model) restricted to
the languages our region writes in, so Kazakh is not mistaken for Mongolian.

Loading the model costs half a second, more than extracting an article, so a text whose
script settles the question is answered without it: Russian (Cyrillic with "ы", none of
the letters only other Cyrillic alphabets have, and Russian function words) and English
(plain Latin with English function words). Anything else asks the model."""

from __future__ import annotations

import re
import threading
from typing import Any

_LANGUAGES = ["ru", "en", "kk", "uk", "be", "ky", "tg", "uz", "tr", "de", "fr", "zh", "ar", "fa"]
# Letters of Kazakh, Kyrgyz, Tajik, Ukrainian, Belarusian, Serbian, Macedonian, Mongolian.
_OTHER_CYRILLIC = frozenset("әғқңөұүһіїєґўђјљњћџѓѕќӣӯҳҷ")
_RUSSIAN_WORDS = frozenset(
    [
        "и",
        "в",
        "на",
        "с",
        "что",
        "по",
        "не",
        "для",
        "от",
        "о",
        "к",
        "из",
        "за",
        "как",
        "это",
        "его",
        "а",
        "также",
        "был",
        "была",
        "были",
        "при",
    ]
)
_ENGLISH_WORDS = frozenset(
    [
        "the",
        "and",
        "of",
        "to",
        "in",
        "for",
        "with",
        "on",
        "is",
        "was",
        "that",
        "by",
        "as",
        "at",
        "from",
        "are",
        "were",
        "has",
        "have",
        "its",
    ]
)
_WORD = re.compile(r"[^\W\d_]+")
_lock = threading.Lock()
_identifier: Any = None


def _model() -> Any:
    global _identifier
    if _identifier is None:
        with _lock:
            if _identifier is None:
                from py3langid.langid import MODEL_FILE, LanguageIdentifier

                identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
                identifier.set_languages(_LANGUAGES)
                _identifier = identifier
    return _identifier


def detect_language(text: str) -> str:
    """An ISO 639-1 code; "und" when there is too little text to tell."""
    sample = text[:5000]
    if sum(ch.isalpha() for ch in sample) < 20:
        return "und"
    language = _by_script(sample)
    if language is None:
        language, _probability = _model().classify(sample)
    return str(language)


def _by_script(sample: str) -> str | None:
    lowered = sample.lower()
    words = _WORD.findall(lowered)
    letters = sum(len(word) for word in words)
    cyrillic = sum(1 for ch in lowered if "а" <= ch <= "я" or ch == "ё")
    latin = sum(1 for ch in lowered if "a" <= ch <= "z")
    if (
        cyrillic >= 0.9 * letters
        and "ы" in lowered
        and _OTHER_CYRILLIC.isdisjoint(lowered)
        and _share(words, _RUSSIAN_WORDS) >= 0.12
    ):
        return "ru"
    if latin >= 0.97 * letters and _share(words, _ENGLISH_WORDS) >= 0.12:
        return "en"
    return None


def _share(words: list[str], function_words: frozenset[str]) -> float:
    return sum(word in function_words for word in words) / max(len(words), 1)
