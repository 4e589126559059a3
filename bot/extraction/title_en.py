"""Document titles in English, by rule: the formulaic grammar of Russian treaty titles
("Договор о стратегическом партнёрстве между Республикой Казахстан и Республикой
Таджикистан") rendered word by word through the glossary, with prepositions, genitive
chains ("of"), plurals, year ranges and country names handled. A title with a word the
glossary does not know is not sure; then the original is shown beside the rendering."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.extraction.gazetteer import CountryMention, Gazetteer
from bot.matching.glossary import translation
from bot.matching.morph import grammar, lemma
from store.textnorm import normalize

_TOKEN = re.compile(r"\d{4}\s*[–—-]\s*\d{4}|\d+|[^\W\d_]+(?:-[^\W\d_]+)*|[,;:()«»\"]")
_YEAR_WORDS = frozenset({"год", "годы", "года", "годов", "гг", "г"})
# prepositions, and what they become; "на" before years is "for"
_PREPOSITIONS = {
    "о": "on", "об": "on", "обо": "on", "между": "between", "в": "in", "во": "in",
    "по": "on", "на": "on", "с": "with", "со": "with", "для": "for", "до": "until",
    "из": "from", "от": "from", "к": "to", "ко": "to", "при": "under", "за": "for",
    "и": "and", "или": "or", "а": "and", "также": "also",
}  # fmt: skip
# after these the genitive needs no "of" of its own
_GOVERN_GENITIVE = frozenset({"для", "до", "из", "от", "без", "у", "около", "среди", "против"})
_PHRASES = {
    ("о", "взаимопонимание"): "of understanding",
    ("в", "область"): "in the field of",
    ("в", "сфера"): "in the sphere of",
}
_SMALL = frozenset(
    {"and", "or", "of", "on", "in", "for", "the", "between", "with", "to", "from", "a", "an",
     "under", "until", "also"}
)  # fmt: skip
_NOUNS = frozenset({"NOUN"})
_NOMINALS = frozenset({"NOUN", "ADJF", "PRTF", "NPRO"})


@dataclass(frozen=True, slots=True)
class TitleRendering:
    text: str
    sure: bool  # every word was known: no need to show the original beside it


@dataclass
class _Renderer:
    gazetteer: Gazetteer
    words: list[str]
    sure: bool = True
    previous_noun: bool = False  # the last word emitted was a noun: a genitive takes "of"

    def emit(self, text: str, noun: bool = False) -> None:
        self.words.append(text)
        self.previous_noun = noun

    def country(self, codes: list[str], named: str, adjective: bool) -> None:
        """`named` is the mention as written: "Казахстана", "Республикой Казахстан",
        "казахстанско-узбекской" (an adjective of two countries)."""
        first = named.split()[0]
        tags = grammar(first.split("-")[-1])
        if self.previous_noun and "gent" in tags:
            self.words.append("of the" if adjective else "of")
        names = [self.gazetteer.countries.name(code, "en") for code in codes]
        if adjective:  # "казахстанско-узбекская граница": the Kazakhstan–Uzbekistan border
            self.emit("–".join(names))
            return
        formal = lemma(normalize(first)) == "республика" and " " in named
        self.emit(f"the Republic of {names[0]}" if formal else names[0], noun=True)

    def word(self, word: str, next_word: str | None) -> None:
        tags = grammar(word.split("-")[-1])
        if tags & _NOMINALS and "gent" in tags and self.previous_noun:
            self.words.append("of")
        if "-" in word:  # "торгово-экономический": "trade and economic"
            self.emit(" and ".join(self._translate(part) or part for part in word.split("-")))
            return
        english = self._translate(word)
        if english is None:
            self.emit(word)
            return
        if tags & _NOUNS and "plur" in tags:
            english = _plural(english)
        if english == "republic":
            english = "the Republic"
        self.emit(english, noun=bool(tags & _NOUNS))

    def _translate(self, word: str) -> str | None:
        found = translation(word)
        if found is None:
            self.sure = False
        return found


def _plural(word: str) -> str:
    last = word.split()[-1]
    if last.endswith(("s", "ies")) or last in {"affairs", "youth", "goods", "drugs"}:
        return word
    if last.endswith("um"):
        return word[:-2] + "a"
    if last.endswith("y") and last[-2:-1] not in set("aeiou"):
        return word[:-1] + "ies"
    return word + "s"


def _title_case(words: list[str]) -> str:
    text = " ".join(words)
    text = re.sub(r"\s+([,;:)])", r"\1", text).replace("( ", "(")
    out = []
    for index, word in enumerate(text.split(" ")):
        if index == 0 or word not in _SMALL:
            word = word[:1].upper() + word[1:]
        out.append(word)
    return " ".join(out)


def title_in_english(title: str, gazetteer: Gazetteer) -> TitleRendering:
    countries: dict[int, list[CountryMention]] = {}
    for mention in gazetteer.scan_countries(title):
        countries.setdefault(mention.start, []).append(mention)
    inside = -1  # the end of the country name being rendered: its words are done
    tokens = list(_TOKEN.finditer(title))
    renderer = _Renderer(gazetteer, [])
    index = 0
    while index < len(tokens):
        match = tokens[index]
        text = match.group()
        lower = normalize(text)
        following = normalize(tokens[index + 1].group()) if index + 1 < len(tokens) else None
        mentions = countries.get(match.start())
        if match.start() < inside:
            pass
        elif mentions:
            codes = list(dict.fromkeys(mention.iso2 for mention in mentions))
            adjective = all(mention.kind == "adjective" for mention in mentions)
            end = max(mention.end for mention in mentions)
            renderer.country(codes, title[match.start() : end], adjective)
            inside = end
        elif following is not None and (lower, lemma(following)) in _PHRASES:
            renderer.emit(_PHRASES[(lower, lemma(following))])
            renderer.previous_noun = False
            index += 1
        elif lower in _PREPOSITIONS:
            years_follow = following is not None and following[:1].isdigit()
            renderer.emit("for" if lower == "на" and years_follow else _PREPOSITIONS[lower])
            renderer.previous_noun = False
        elif text[:1].isdigit():
            renderer.emit(re.sub(r"\s*[–—-]\s*", "–", text))
        elif lemma(lower) in _YEAR_WORDS or lower in _YEAR_WORDS:
            pass  # "на 2026–2028 годы": the years say it
        elif text in ",;:()":
            renderer.emit(text)
            renderer.previous_noun = False
        elif text in '«»"':
            pass  # the quoted name is rendered without its quotes
        else:
            renderer.word(lower, following)
        index += 1
    return TitleRendering(_title_case(renderer.words), renderer.sure)
