"""The process's one extractor, built on first use, shared by uploads, imports and `extract`."""

from __future__ import annotations

import threading
from pathlib import Path

from bot import SEEDS_DIR
from bot.extraction.extractor import Extractor
from bot.extraction.gazetteer import Gazetteer, gazetteer_from_seeds
from bot.pickle_cache import CACHE_DIR, load_or_build, sources

_extractor_lock = threading.Lock()
_extractor: Extractor | None = None


# Building the gazetteers (reading the seed files, lemmatising every alias) takes longer than
# extracting an article; a pickled copy loads in milliseconds.
_GAZETTEER_CODE = (
    "bot/extraction/gazetteer.py",
    "bot/matching/countries.py",
    "bot/matching/people.py",
    "bot/matching/morph.py",
    "store/textnorm.py",
)


def cached_gazetteer(seeds_dir: Path = SEEDS_DIR, cache_dir: Path = CACHE_DIR) -> Gazetteer:
    from store.seed_paths import seed_fingerprint

    return load_or_build(
        "gazetteer",
        [seed_fingerprint(seeds_dir).encode(), *sources(*_GAZETTEER_CODE)],
        lambda: gazetteer_from_seeds(seeds_dir),
        Gazetteer,
        cache_dir,
    )


def shared_extractor(seeds_dir: Path = SEEDS_DIR) -> Extractor:
    """One extractor per process, built on first use (gazetteers from the seed files; the
    NER models load on the first extraction), so ordinary commands never wait for it."""
    global _extractor
    if _extractor is None:
        with _extractor_lock:
            if _extractor is None:
                _extractor = Extractor(cached_gazetteer(seeds_dir))
    return _extractor


def warm_up_extraction() -> None:
    """Build the extractor and load its models now: run in a thread after start-up."""
    from bot.extraction.models import warm_up

    shared_extractor()
    warm_up()
