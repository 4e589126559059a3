"""Gazetteers the extractor leans on: every country (names, capitals, adjectives, short
forms) and the officials already known, with their roles. NER misreads Central Asian names
("Эмомали Рахмоном" split, "РК" as an organisation); these lists put them right."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from bot.matching.countries import CountryIndex, CountryRecord
from bot.matching.morph import lemma
from bot.matching.people import PersonIndex, PersonRecord
from store.textnorm import normalize

_WORD = re.compile(r"[A-Za-zА-Яа-яЁё]+(?:-[A-Za-zА-Яа-яЁё]+)*")
# Short forms are upper-case abbreviations; lower-case "рк" or "рт" is no country.
_SHORT_FORM = re.compile(r"^[A-ZА-ЯЁ][A-ZА-ЯЁa-zа-яё]{1,3}$")


@dataclass(frozen=True, slots=True)
class KnownPerson:
    key: str
    name_ru: str
    name_en: str | None
    role_ru: str | None
    country: str | None
    aliases: tuple[str, ...] = ()  # Latin spellings and forms the name generator misses


def _hyphenated_lemma(word: str) -> str:
    """Only the last part of a hyphenated name declines: "Нур-Султане" -> "нур-султан"."""
    head, _, last = word.rpartition("-")
    return f"{head}-{lemma(last)}" if head else lemma(word)


@dataclass(frozen=True, slots=True)
class CountryMention:
    iso2: str
    start: int
    end: int
    kind: str  # name | capital | adjective | short | demonym


@dataclass
class Gazetteer:
    countries: CountryIndex
    people: PersonIndex
    known_people: dict[int, KnownPerson]
    capital_names: dict[str, str] = field(default_factory=dict)  # iso2 -> capital, Russian
    capital_names_en: dict[str, str] = field(default_factory=dict)
    alias_kinds: dict[tuple[str, str], str] = field(default_factory=dict)
    multiword: dict[tuple[str, ...], str] = field(default_factory=dict)

    def country_name(self, iso2: str) -> str:
        return self.countries.name(iso2)

    def scan_countries(self, text: str, offset: int = 0) -> list[CountryMention]:
        """Every country named in a text, with its position: names in any case,
        capitals, adjectives (also inside compounds such as "казахско-таджикский"),
        upper-case short forms (РК, РФ)."""
        found: list[CountryMention] = []
        words = list(_WORD.finditer(text))
        skip_until = -1
        for index, match in enumerate(words):
            if index <= skip_until:
                continue
            # two- and three-word names first: "Южная Корея", "Объединённые Арабские Эмираты"
            for length in (3, 2):
                chunk = words[index : index + length]
                if len(chunk) < length or not chunk[0].group()[0].isupper():
                    continue
                key = tuple(lemma(normalize(w.group())) for w in chunk)
                code = self.multiword.get(key)
                if code is not None:
                    found.append(
                        CountryMention(
                            code, offset + chunk[0].start(), offset + chunk[-1].end(), "name"
                        )
                    )
                    skip_until = index + length - 1
                    break
            if skip_until >= index:
                continue
            word = match.group()
            whole = self._whole_name(word) if "-" in word else None
            for part in [word] if whole else word.split("-"):
                mention = whole or self._single(part)
                if mention is not None:
                    found.append(
                        CountryMention(
                            mention[0], offset + match.start(), offset + match.end(), mention[1]
                        )
                    )
        return found

    def _single(self, word: str) -> tuple[str, str] | None:
        normal = normalize(word)
        if len(normal) < 2:
            return None
        if word[0].isupper():
            codes = self.countries.words.get(normal) or self.countries.words.get(lemma(normal))
            if codes and len(codes) == 1:
                code = next(iter(codes))
                kind = self._kind(code, normal)
                if kind == "short" and not _SHORT_FORM.match(word):
                    return None
                if kind == "short" and not word.isupper():
                    return None
                return code, kind
        if word.islower() or word[0].isupper():
            for length in range(len(normal), max(len(normal) - 4, 3) - 1, -1):
                stem_owner = self.countries.adjective_stems.get(normal[:length])
                if stem_owner is not None:
                    return stem_owner, "adjective"
        return None

    def _kind(self, code: str, normal: str) -> str:
        # "в Минске" is the capital "Минск" in another case
        return (
            self.alias_kinds.get((code, normal))
            or self.alias_kinds.get((code, _hyphenated_lemma(normal)))
            or "name"
        )

    def _whole_name(self, word: str) -> tuple[str, str] | None:
        """A hyphenated name ("Нур-Султане", "Nur-Sultan"), unlike a compound adjective
        ("казахско-таджикский"), names one place as a whole."""
        normal = normalize(word)
        codes = self.countries.words.get(normal) or self.countries.words.get(
            _hyphenated_lemma(normal)
        )
        if not word[0].isupper() or not codes or len(codes) != 1:
            return None
        code = next(iter(codes))
        return code, self._kind(code, normal)

    def capital_as_written(self, mention: CountryMention, text: str) -> str | None:
        """The capital a mention names, in the nominative and under the name the text
        uses ("в Нур-Султане" -> "Нур-Султан", not today's "Астана")."""
        normal = normalize(text[mention.start : mention.end])
        for form in (normal, _hyphenated_lemma(normal)):
            if self.alias_kinds.get((mention.iso2, form)) == "capital":
                return "-".join(part[:1].upper() + part[1:] for part in form.split("-"))
        return None

    def is_country_word(self, word: str) -> bool:
        return bool(word) and word[0].isupper() and self._single(word) is not None


def build_gazetteer(
    country_records: Iterable[CountryRecord],
    capitals: dict[str, str],
    capitals_en: dict[str, str],
    people: Iterable[KnownPerson],
) -> Gazetteer:
    records = list(country_records)
    index = CountryIndex.build(records)
    alias_kinds: dict[tuple[str, str], str] = {}
    multiword: dict[tuple[str, ...], str] = {}
    for record in records:
        for alias, kind in record.aliases:
            alias_kinds[(record.iso2, alias)] = kind
            alias_kinds.setdefault((record.iso2, _hyphenated_lemma(alias)), kind)
            parts = alias.split(" ")
            if kind in ("name", "short") and 2 <= len(parts) <= 3:
                multiword.setdefault(tuple(lemma(p) for p in parts), record.iso2)
    known = list(people)
    person_index = PersonIndex.build(
        [
            PersonRecord(position, p.name_ru, p.name_en, p.aliases)
            for position, p in enumerate(known, start=1)
        ]
    )
    return Gazetteer(
        countries=index,
        people=person_index,
        known_people=dict(enumerate(known, start=1)),
        capital_names=capitals,
        capital_names_en=capitals_en,
        alias_kinds=alias_kinds,
        multiword=multiword,
    )


@lru_cache(maxsize=4)
def gazetteer_from_seeds(seeds_dir: Path) -> Gazetteer:
    """The gazetteer from the reference files in `seeds/` (no database needed)."""
    from store.seed_files import country_rows, read_seeds

    bundle = read_seeds(seeds_dir)
    rows = country_rows(bundle.countries)
    records = [
        CountryRecord(values["iso2"], values["name_ru"], values["name_en"], tuple(aliases))
        for values, aliases in rows
    ]
    capitals = {values["iso2"]: values["capital_ru"] for values, _ in rows if values["capital_ru"]}
    capitals_en = {v["iso2"]: v["capital_en"] for v, _ in rows if v["capital_en"]}
    people = []
    for person in bundle.people:
        role = person.roles[0] if person.roles else None
        people.append(
            KnownPerson(
                key=person.key,
                name_ru=person.name_ru,
                name_en=person.name_en,
                role_ru=role.title_ru if role else None,
                country=role.country if role else None,
                aliases=tuple(person.aliases),
            )
        )
    return build_gazetteer(records, capitals, capitals_en, people)
