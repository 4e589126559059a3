"""English search words for Russian ones: a document titled in Russian is found by
"alliance" or "strategic partnership" too. The words live in glossary.yaml (data, not
code), keyed by Russian lemma, so any grammatical form of a title word finds its English."""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

import yaml

from bot.matching.morph import lemma
from store.textnorm import normalize, tokens

GLOSSARY_FILE = Path(__file__).with_name("glossary.yaml")


@lru_cache(maxsize=1)
def glossary() -> dict[str, tuple[str, ...]]:
    entries = yaml.safe_load(GLOSSARY_FILE.read_text("utf-8"))
    return {
        normalize(russian): tuple(word for english in words for word in tokens(english))
        for russian, words in entries.items()
    }


def english_words(words: Iterable[str]) -> list[str]:
    """The English words for these (normalised) Russian words, in order, without repeats."""
    table = glossary()
    found: dict[str, None] = {}
    for word in words:
        for english in table.get(word) or table.get(lemma(word), ()):
            found[english] = None
    return list(found)
