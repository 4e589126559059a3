"""Country resolution: codes, names in any case and inflection, capitals, adjectives, typos."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Literal

from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

from bot.matching.morph import lemma, lemma_key, typo_budget
from store.textnorm import normalize, tokens

HOME_COUNTRY = "KZ"
# Alias kinds a single word inside a longer phrase may match; codes are left out because
# "to", "in", "it" are both English words and ISO codes.
_WORD_KINDS = frozenset({"name", "capital", "residence", "demonym", "short"})
_TYPO_KINDS = frozenset({"name", "capital", "demonym"})
# Longest ending an adjective may add to its stem: таджикск + ими / ого / ая ...
_MAX_ADJECTIVE_ENDING = 4

Via = Literal["exact", "lemma", "adjective", "typo"]


@dataclass(frozen=True, slots=True)
class CountryRecord:
    iso2: str
    name_ru: str
    name_en: str
    aliases: tuple[tuple[str, str], ...]  # (normalised alias, kind)


@dataclass(frozen=True, slots=True)
class CountryMatch:
    iso2: str
    via: Via
    distance: int = 0


@dataclass(frozen=True, slots=True)
class CountryResolution:
    query: str
    matches: tuple[CountryMatch, ...] = ()
    suggestions: tuple[str, ...] = ()  # ISO codes, best first

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(match.iso2 for match in self.matches)

    @property
    def partner(self) -> str | None:
        """The foreign country meant: `казахско-таджикский` is about Tajikistan, not us."""
        foreign = [code for code in self.codes if code != HOME_COUNTRY]
        if len(foreign) == 1:
            return foreign[0]
        if not foreign and self.codes == (HOME_COUNTRY,):
            return HOME_COUNTRY
        return None

    @property
    def is_ambiguous(self) -> bool:
        return len([c for c in self.codes if c != HOME_COUNTRY]) > 1


@dataclass
class CountryIndex:
    records: dict[str, CountryRecord]
    exact: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    by_lemma: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    words: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    adjective_stems: dict[str, str] = field(default_factory=dict)
    typo_choices: list[str] = field(default_factory=list)
    typo_owners: list[str] = field(default_factory=list)
    alias_owner_tuples: list[tuple[str, ...]] = field(default_factory=list)
    suggest_words: list[str] = field(default_factory=list)
    suggest_owners: list[tuple[str, ...]] = field(default_factory=list)

    @classmethod
    def build(cls, records: list[CountryRecord]) -> CountryIndex:
        index = cls(records={record.iso2: record for record in records})
        typo_pairs: set[tuple[str, str]] = set()
        for record in records:
            for alias, kind in record.aliases:
                alias = normalize(alias)
                if not alias:
                    continue
                if kind == "adjective":
                    index.adjective_stems[alias] = record.iso2
                    continue
                index.exact[alias].add(record.iso2)
                if kind == "code":
                    continue
                alias_lemma = lemma_key(alias.split(" "))
                index.by_lemma[alias_lemma].add(record.iso2)
                if kind in _WORD_KINDS and " " not in alias:
                    index.words[alias].add(record.iso2)
                    index.words[alias_lemma].add(record.iso2)
                if kind in _TYPO_KINDS:
                    typo_pairs.add((alias, record.iso2))
        word_owners: dict[str, set[str]] = defaultdict(set)
        for alias, code in sorted(typo_pairs):
            index.typo_choices.append(alias)
            index.typo_owners.append(code)
            index.alias_owner_tuples.append((code,))
            for word in tokens(alias):
                if len(word) >= 3:
                    word_owners[word].add(code)
        for word, codes in sorted(word_owners.items()):
            index.suggest_words.append(word)
            index.suggest_owners.append(tuple(sorted(codes)))
        return index

    def name(self, iso2: str, language: str = "ru") -> str:
        record = self.records.get(iso2)
        if record is None:
            return iso2
        return record.name_en if language == "en" else record.name_ru

    # ------------------------------------------------------------------ resolution

    def resolve(self, query: str, *, whole_only: bool = False) -> CountryResolution:
        """`whole_only`: the text as a whole must name the country (a hyphenated compound
        such as "казахско-таджикский" still counts); "визит в Душанбе" then does not."""
        text = normalize(query)[:200]
        if not text:
            return CountryResolution(query=query)
        whole = self._whole_phrase(text)
        if whole is not None:
            return CountryResolution(query=query, matches=whole)
        parts = tokens(text)[:20]
        if not whole_only or " " not in text:
            by_words = self._word_by_word(parts)
            if by_words:
                return CountryResolution(query=query, matches=by_words)
        typo = self._typos(text, [] if whole_only else parts)
        if typo:
            return CountryResolution(query=query, matches=typo)
        return CountryResolution(query=query, suggestions=self.suggest(text))

    def _whole_phrase(self, text: str) -> tuple[CountryMatch, ...] | None:
        codes = self.exact.get(text)
        via: Via = "exact"
        if not codes:
            codes = self.by_lemma.get(lemma_key(text.split(" ")))
            via = "lemma"
        if not codes:
            return None
        return tuple(CountryMatch(code, via) for code in sorted(codes))

    def _word_by_word(self, parts: list[str]) -> tuple[CountryMatch, ...]:
        found: dict[str, CountryMatch] = {}
        for part in parts:
            for code, via in self._word(part):
                found.setdefault(code, CountryMatch(code, via))
        return tuple(found.values())

    def _word(self, word: str) -> list[tuple[str, Via]]:
        if word in self.words:
            return [(code, "exact") for code in sorted(self.words[word])]
        word_lemma = lemma(word)
        if word_lemma in self.words:
            return [(code, "lemma") for code in sorted(self.words[word_lemma])]
        for length in range(len(word), max(len(word) - _MAX_ADJECTIVE_ENDING, 3) - 1, -1):
            code = self.adjective_stems.get(word[:length])
            if code is not None:
                return [(code, "adjective")]
        return []

    def _typos(self, text: str, parts: list[str]) -> tuple[CountryMatch, ...]:
        candidates = [text, *(part for part in parts if part != text)]
        best: dict[str, int] = {}
        for candidate in candidates:
            budget = typo_budget(candidate)
            if budget == 0:
                continue
            for _choice, distance, position in process.extract(
                candidate,
                self.typo_choices,
                scorer=OSA.distance,
                score_cutoff=budget,
                limit=None,
            ):
                code = self.typo_owners[position]
                best[code] = min(int(distance), best.get(code, 99))
        if not best:
            return ()
        closest = min(best.values())
        winners = sorted(code for code, distance in best.items() if distance == closest)
        return tuple(CountryMatch(code, "typo", closest) for code in winners)

    def suggest(self, text: str, limit: int = 5) -> tuple[str, ...]:
        """Closest country names for something that matched nothing. Plain ratio over whole
        aliases and over their single words ("корея" -> Южная Корея, Северная Корея): WRatio
        would rank as well but costs ten times more per call."""
        query = normalize(text)[:100]
        best: dict[str, float] = {}
        probes = [(query, self.typo_choices, self.alias_owner_tuples)]
        probes += [
            (word, self.suggest_words, self.suggest_owners)
            for word in tokens(query)[:3]
            if len(word) >= 3
        ]
        for probe, choices, owners in probes:
            for _choice, score, position in process.extract(
                probe, choices, scorer=fuzz.ratio, score_cutoff=75, limit=limit * 4
            ):
                for code in owners[position]:
                    best[code] = max(score, best.get(code, 0.0))
        ranked = sorted(best, key=lambda code: (-best[code], code))
        return tuple(ranked[:limit])
