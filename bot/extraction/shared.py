"""The process's one extractor, built on first use, shared by uploads, imports and `extract`."""

from __future__ import annotations

import threading
from pathlib import Path

from bot import SEEDS_DIR
from bot.extraction.extractor import (
    Extractor,
)
from bot.extraction.gazetteer import gazetteer_from_seeds

_extractor_lock = threading.Lock()
_extractor: Extractor | None = None


def shared_extractor(seeds_dir: Path = SEEDS_DIR) -> Extractor:
    """One extractor per process, built on first use (gazetteers from the seed files; the
    NER models load on the first extraction), so ordinary commands never wait for it."""
    global _extractor
    if _extractor is None:
        with _extractor_lock:
            if _extractor is None:
                _extractor = Extractor(gazetteer_from_seeds(seeds_dir))
    return _extractor


def warm_up_extraction() -> None:
    """Build the extractor and load its models now: run in a thread after start-up."""
    from bot.extraction.extractor import warm_up

    shared_extractor()
    warm_up()
