"""Cities an event took place in, in any grammatical case ("в Тяньцзине", "in Tianjin"):
from the list of city names the English rendering uses (bot/matching/names_en.yaml), so
the two cannot disagree. Residences and venues (Акорда, the Kremlin) are not cities."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from bot.extraction.article import Sentence
from bot.matching.placenames import cities
from store.textnorm import normalize

# What a Russian city name may end with in its cases: "Ташкент-е", "Анкар-ой", "Тяньцзин-е"
_ENDINGS = frozenset({"", "а", "е", "у", "ом", "ой", "ы", "и", "ю", "ем", "ей", "ь", "я"})
_VOWEL_OR_SOFT = "аеиоуыэюяь"


@dataclass(frozen=True, slots=True)
class City:
    russian: str
    english: str
    at: int  # where in the text it is named


@dataclass(frozen=True)
class CityIndex:
    stems: dict[str, tuple[str, str]]  # a Russian stem -> (Russian, English) names
    english: re.Pattern[str]
    by_english: dict[str, str]  # English -> Russian

    def find(self, sentence: Sentence) -> list[City]:
        found = []
        for token in sentence.tokens:
            if not token.text[:1].isupper():
                continue  # a proper name: "Вены" is a city, "вены" are veins
            names = self._russian(normalize(token.text))
            if names is not None:
                found.append(City(*names, token.start))
        for match in self.english.finditer(sentence.text):
            english = match.group()
            found.append(City(self.by_english[english], english, sentence.start + match.start()))
        return found

    def _russian(self, word: str) -> tuple[str, str] | None:
        for cut in range(0, 3):
            stem = word[: len(word) - cut] if cut else word
            names = self.stems.get(stem)
            if names is not None and word[len(stem) :] in _ENDINGS:
                return names
        return None


def _stem(name: str) -> str:
    word = normalize(name)
    if len(word) >= 4 and word[-1] in _VOWEL_OR_SOFT:
        return word[:-1]
    return word


@lru_cache(maxsize=1)
def city_index() -> CityIndex:
    names = cities()
    stems = {_stem(russian): (russian, english) for russian, english in names.items()}
    english = sorted(names.values(), key=len, reverse=True)
    pattern = re.compile(r"\b(?:" + "|".join(re.escape(name) for name in english) + r")\b")
    return CityIndex(stems, pattern, {en: ru for ru, en in names.items()})
