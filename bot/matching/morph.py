"""Lemmatisation with pymorphy3, cached: the same few thousand words recur in every query."""

from __future__ import annotations

import re
from functools import lru_cache

import pymorphy3

_CYRILLIC_WORD = re.compile(r"^[а-яё]+$")
_analyzer: pymorphy3.MorphAnalyzer | None = None


def analyzer() -> pymorphy3.MorphAnalyzer:
    global _analyzer
    if _analyzer is None:
        _analyzer = pymorphy3.MorphAnalyzer()
    return _analyzer


@lru_cache(maxsize=200_000)
def lemma(word: str) -> str:
    """Normal form of a normalised Russian word (`е` for `ё`); other words pass unchanged."""
    if len(word) < 3 or not _CYRILLIC_WORD.match(word):
        return word
    return str(analyzer().parse(word)[0].normal_form).replace("ё", "е")


@lru_cache(maxsize=50_000)
def grammar(word: str) -> frozenset[str]:
    """The grammatical tags of a Russian word's likeliest reading ("NOUN", "gent",
    "plur"...); none for other words (pymorphy fails on characters Unicode has no name for)."""
    word = word.lower().replace("ё", "е")
    if not _CYRILLIC_WORD.match(word):
        return frozenset()
    tag = analyzer().parse(word)[0].tag
    return frozenset(str(tag).replace(" ", ",").split(","))


def lemma_key(words: list[str]) -> str:
    return " ".join(lemma(word) for word in words)


def typo_budget(word: str) -> int:
    """Edits tolerated, as search engines do: none under 5 letters, 1 from 5, 2 from 9."""
    length = len(word)
    if length >= 9:
        return 2
    if length >= 5:
        return 1
    return 0
