"""Which language an article is in: py3langid (a compact naive-Bayes model) restricted to
the languages our region writes in, so Kazakh is not mistaken for Mongolian."""

from __future__ import annotations

import threading
from typing import Any

_LANGUAGES = ["ru", "en", "kk", "uk", "be", "ky", "tg", "uz", "tr", "de", "fr", "zh", "ar", "fa"]
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
    language, _probability = _model().classify(sample)
    return str(language)
