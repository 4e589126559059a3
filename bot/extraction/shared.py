"""The process's one extractor, built on first use, shared by uploads, imports and `extract`."""

from __future__ import annotations

import hashlib
import logging
import os
import pickle
import threading
from pathlib import Path

from bot import PROJECT_ROOT, SEEDS_DIR
from bot.extraction.extractor import (
    Extractor,
)
from bot.extraction.gazetteer import Gazetteer, gazetteer_from_seeds

log = logging.getLogger(__name__)

_extractor_lock = threading.Lock()
_extractor: Extractor | None = None


# Building the gazetteers (reading the seed files, lemmatising every alias) takes longer than
# extracting an article; a pickled copy keyed by the seed files and the code that builds it
# loads in milliseconds. Any failure to read or write it just means building afresh.
CACHE_DIR = PROJECT_ROOT / "data" / "cache"
_GAZETTEER_CODE = ("extraction/gazetteer.py", "matching/countries.py", "matching/people.py")


def cached_gazetteer(seeds_dir: Path = SEEDS_DIR, cache_dir: Path = CACHE_DIR) -> Gazetteer:
    from store.seed_paths import seed_fingerprint

    digest = hashlib.sha256(seed_fingerprint(seeds_dir).encode())
    for name in _GAZETTEER_CODE:
        digest.update((PROJECT_ROOT / "bot" / name).read_bytes())
    path = cache_dir / f"gazetteer-{digest.hexdigest()[:24]}.pickle"
    try:
        with path.open("rb") as handle:
            cached = pickle.load(handle)  # a file this function wrote, never one from outside
        if isinstance(cached, Gazetteer):
            return cached
    except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError):
        pass
    gazetteer = gazetteer_from_seeds(seeds_dir)
    _write_atomically(path, pickle.dumps(gazetteer, protocol=pickle.HIGHEST_PROTOCOL))
    return gazetteer


def _write_atomically(path: Path, data: bytes) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_suffix(f".{os.getpid()}.tmp")
        temporary.write_bytes(data)
        os.replace(temporary, path)  # readers see the old file or the whole new one
    except OSError as error:
        log.info("gazetteer cache not written (%s); it is rebuilt next time", error)


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
    from bot.extraction.extractor import warm_up

    shared_extractor()
    warm_up()
