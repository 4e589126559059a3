"""The word lists extraction rules read, kept in data files (bot/extraction/words/) so a
new word is a line of YAML, not a change of code."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

WORDS_DIR = Path(__file__).with_name("words")


@lru_cache(maxsize=8)
def word_lists(name: str) -> dict[str, Any]:
    import yaml

    loaded: dict[str, Any] = yaml.safe_load((WORDS_DIR / f"{name}.yaml").read_text("utf-8"))
    return loaded


def word_set(name: str, key: str) -> frozenset[str]:
    return frozenset(_word(name, key, word) for word in word_lists(name)[key])


def word_map(name: str, key: str) -> dict[str, str]:
    return {
        _word(name, key, word): _word(name, key, value)
        for word, value in word_lists(name)[key].items()
    }


def _word(name: str, key: str, word: object) -> str:
    # YAML reads a bare on / no / yes as a boolean: such a word must be quoted
    if isinstance(word, bool) or word is None:
        raise ValueError(f"{name}.yaml, {key}: {word!r} is not a word; quote it")
    return str(word)
