"""natasha's models, loaded once per process, on first use."""

from __future__ import annotations

import threading
from typing import Any

from bot.extraction.language import detect_language
from bot.extraction.money import find_amounts
from bot.matching.morph import analyzer


class _Models:
    """natasha's segmenter and NER, loaded once, on first use, by whichever thread gets
    there first: ordinary commands never pay for them."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._loaded: tuple[Any, Any] | None = None

    def get(self) -> tuple[Any, Any]:
        if self._loaded is None:
            with self._lock:
                if self._loaded is None:
                    from natasha import NewsEmbedding, NewsNERTagger, Segmenter

                    self._loaded = (Segmenter(), NewsNERTagger(NewsEmbedding()))
        return self._loaded


MODELS = _Models()


def warm_up() -> None:
    """Load every model now (in the background at start-up, or before a benchmark)."""
    MODELS.get()
    detect_language("Казахстан")
    find_amounts("1 млрд долларов")
    analyzer()
