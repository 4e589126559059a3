"""Pickled copies of indexes that take longer to build than to load (the extraction
gazetteers, the country index): keyed by everything they are built from, so a changed input
or changed code never reads a stale copy. Any failure to read or write one only means
building afresh."""

from __future__ import annotations

import hashlib
import logging
import os
import pickle
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TypeVar

from bot import PROJECT_ROOT

log = logging.getLogger(__name__)

CACHE_DIR = PROJECT_ROOT / "data" / "cache"
T = TypeVar("T")


def sources(*modules: str) -> list[bytes]:
    """The source of the modules (paths from the project root) that build a value: part of
    its key, so a changed rule is never answered by a copy the old rule built."""
    return [(PROJECT_ROOT / name).read_bytes() for name in modules]


def load_or_build(
    name: str,
    key_parts: Iterable[bytes],
    build: Callable[[], T],
    kind: type[T],
    cache_dir: Path = CACHE_DIR,
) -> T:
    digest = hashlib.sha256()
    for part in key_parts:
        digest.update(part)
    path = cache_dir / f"{name}-{digest.hexdigest()[:24]}.pickle"
    try:
        with path.open("rb") as handle:
            cached = pickle.load(handle)  # a file this function wrote, never one from outside
        if isinstance(cached, kind):
            return cached
    except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError):
        pass
    value = build()
    if _write_atomically(path, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)):
        _forget_older(name, path)
    return value


def _write_atomically(path: Path, data: bytes) -> bool:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_suffix(f".{os.getpid()}.tmp")
        temporary.write_bytes(data)
        os.replace(temporary, path)  # readers see the old file or the whole new one
    except OSError as error:
        log.info("%s not cached (%s); it is rebuilt next time", path.name, error)
        return False
    return True


def _forget_older(name: str, current: Path) -> None:
    """Copies built from older inputs are never read again: the folder stays one file per
    name (a process still on the old inputs just builds its own copy again)."""
    for old in current.parent.glob(f"{name}-*.pickle"):
        if old != current:
            old.unlink(missing_ok=True)
