"""English search words for Russian ones: a document titled in Russian is found by
"alliance" or "strategic partnership" too. The words live in glossary.yaml (data, not
code), keyed by Russian lemma, so any grammatical form of a title word finds its English."""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from bot.matching.morph import lemma
from store.textnorm import normalize, tokens

GLOSSARY_FILE = Path(__file__).with_name("glossary.yaml")


@lru_cache(maxsize=1)
def _entries() -> dict[str, list[str]]:
    import yaml  # here: a start that needs no glossary (a cached index) loads no YAML

    entries = yaml.safe_load(GLOSSARY_FILE.read_text("utf-8"))
    return {
        normalize(russian): [str(english) for english in words]
        for russian, words in entries.items()
    }


@lru_cache(maxsize=1)
def glossary() -> dict[str, tuple[str, ...]]:
    """Russian lemma -> the English search words for it."""
    return {
        russian: tuple(word for english in words for word in tokens(english))
        for russian, words in _entries().items()
    }


def translation(word: str) -> str | None:
    """How a Russian word (any form) is rendered in English: the glossary's first choice."""
    entries = _entries()
    found = entries.get(normalize(word)) or entries.get(lemma(normalize(word)))
    return found[0] if found else None


def english_words(words: Iterable[str]) -> list[str]:
    """The English words for these (normalised) Russian words, in order, without repeats."""
    table = glossary()
    found: dict[str, None] = {}
    for word in words:
        for english in table.get(word) or table.get(lemma(word), ()):
            found[english] = None
    return list(found)
