"""An article made ready for the rules: sentences of tokens with lemmas, the countries,
dates and people found in it, and the helpers every kind of fact uses."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from bot.extraction.dates import DateMention
from bot.extraction.documents import Document
from bot.extraction.facts import Evidence, PersonFact
from bot.extraction.gazetteer import CountryMention
from bot.matching.countries import HOME_COUNTRY
from bot.matching.morph import analyzer, lemma

_EVIDENCE_CHARS = 300


_ENGLISH_STEMS = re.compile(r"(?:ies|es|s|ed|ing)$")


@dataclass(slots=True)
class Token:
    text: str
    start: int
    end: int
    lemma: str
    tag: Any = None


@dataclass(slots=True)
class Sentence:
    index: int
    start: int
    end: int
    text: str
    tokens: list[Token]
    lemmas: set[str] = field(default_factory=set)


@dataclass(slots=True)
class PersonMention:
    person: int  # index into the article's people
    start: int
    end: int


@lru_cache(maxsize=100_000)
def parse_word(word: str) -> Any:
    return analyzer().parse(word)[0]


def english_lemma(word: str) -> str:
    lowered = word.lower()
    if len(lowered) > 4:
        return _ENGLISH_STEMS.sub("", lowered) or lowered
    return lowered


def nominative(word: str, plural: bool | None = None) -> str:
    """`Договора` -> `Договор`, `министром` -> `министр`; case of the first letter kept."""
    if not re.fullmatch(r"[А-Яа-яЁё-]+", word):
        return word
    parsed = parse_word(word.lower())
    grammemes = {"nomn"}
    if plural is True:
        grammemes.add("plur")
    elif plural is False or (plural is None and "sing" in parsed.tag):
        grammemes.add("sing")
    inflected = parsed.inflect(grammemes) or parsed.inflect({"nomn"})
    form = inflected.word if inflected else word.lower()
    return form[0].upper() + form[1:] if word[0].isupper() else form


@dataclass
class Article:
    document: Document
    language: str
    sentences: list[Sentence]
    countries: list[CountryMention]
    country_counts: Counter[str]
    dates: list[DateMention]
    doc: Any = None  # natasha's Doc, segmented, for NER
    people: list[PersonFact] = field(default_factory=list)
    mentions: list[PersonMention] = field(default_factory=list)

    def main_pair(self) -> tuple[str, ...]:
        foreign = [code for code, _ in self.country_counts.most_common() if code != HOME_COUNTRY]
        if not foreign:
            return ()
        return (
            tuple(sorted({HOME_COUNTRY, foreign[0]}))
            if self.country_counts[HOME_COUNTRY]
            else (foreign[0],)
        )

    def in_sentence(
        self, sentence: Sentence
    ) -> tuple[list[CountryMention], list[DateMention], list[PersonMention]]:
        return (
            [c for c in self.countries if sentence.start <= c.start < sentence.end],
            [d for d in self.dates if sentence.start <= d.start < sentence.end],
            [m for m in self.mentions if sentence.start <= m.start < sentence.end],
        )


def split_lines(tokens: list[Token], text: str) -> list[list[Token]]:
    parts: list[list[Token]] = []
    current: list[Token] = []
    for token in tokens:
        if current and "\n" in text[current[-1].end : token.start]:
            parts.append(current)
            current = []
        current.append(token)
    if current:
        parts.append(current)
    return parts


def evidence(sentence: Sentence) -> Evidence:
    phrase = sentence.text.strip()
    if len(phrase) > _EVIDENCE_CHARS:
        phrase = phrase[: _EVIDENCE_CHARS - 1].rstrip() + "…"
    return Evidence(sentence.start, sentence.end, phrase, sentence.index)


def sentence_at(article: Article, position: int) -> Sentence:
    for sentence in article.sentences:
        if sentence.start <= position < sentence.end:
            return sentence
    return article.sentences[-1]


def closest_date(dates: list[DateMention], position: int) -> DateMention | None:
    if not dates:
        return None
    return min(dates, key=lambda d: (abs(d.start - position), d.precision != "day"))


def nearby_countries(article: Article, sentence: Sentence) -> set[str]:
    """Countries of the two sentences before: "Отношения между Казахстаном и
    Таджикистаном ... Они оформлены Договором ..." """
    for previous in article.sentences[max(0, sentence.index - 2) : sentence.index][::-1]:
        codes = {c.iso2 for c in article.in_sentence(previous)[0] if c.kind != "capital"}
        if len(codes) >= 2:
            return codes
    return set()


# Words every title has: two titles sharing only these are not the same document.
GENERIC_TITLE_WORDS = frozenset(
    {"между", "страна", "государство", "республика", "два", "наш", "сторона", "год"}
)


def title_words(text: str) -> frozenset[str]:
    words = re.findall(r"[А-Яа-яЁёA-Za-z]+", text.lower().replace("ё", "е"))
    return frozenset(lemma(w) for w in words if len(w) > 2)


def title_content_words(title: str) -> frozenset[str]:
    """Lemmas that tell one document from another: "между", "страна", "год" do not. The
    extractor merges mentions by them and publishing matches documents on file by them."""
    return frozenset(w for w in title_words(title) if w not in GENERIC_TITLE_WORDS)
