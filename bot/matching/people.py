"""Person resolution: canonical names, Latin spellings and Russian case forms, typos."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from rapidfuzz import process
from rapidfuzz.distance import OSA

from bot.matching.morph import typo_budget
from store.textnorm import tokens

# pymorphy3 does not know most Central Asian surnames ("токаева" stays "токаева"), so the
# case forms are generated from the name itself: (ending, endings to add after dropping it).
_DECLENSIONS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("ий", ("ия", "ию", "ием", "ии")),
    ("ой", ("ого", "ому", "ым", "ом")),
    ("ия", ("ии", "ию", "ией")),
    ("а", ("ы", "и", "е", "у", "ой", "ою")),
    ("я", ("и", "е", "ю", "ей")),
    ("й", ("я", "ю", "ем", "е")),
    ("ь", ("я", "ю", "ем", "е", "и")),
)
_SURNAME_SUFFIXES = ("ов", "ев", "ин", "ын")


def case_forms(word: str) -> set[str]:
    """The word plus its likely Russian case forms (masculine and feminine surnames)."""
    forms = {word}
    if not word or not ("а" <= word[-1] <= "я"):
        return forms
    for ending, additions in _DECLENSIONS:
        if word.endswith(ending):
            stem = word[: -len(ending)]
            forms.update(stem + addition for addition in additions)
            return forms
    if word.endswith(("о", "е", "и", "у", "ю", "э")):
        return forms  # indeclinable: Эмомали, Душанбе
    additions = ("а", "у", "ом", "е")
    if word.endswith(_SURNAME_SUFFIXES):
        additions = ("а", "у", "ым", "е", "ой")
    forms.update(word + addition for addition in additions)
    return forms


@dataclass(frozen=True, slots=True)
class PersonRecord:
    person_id: int
    name_ru: str
    name_en: str | None
    aliases: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class PersonResolution:
    query: str
    matches: tuple[int, ...] = ()  # person ids, best first
    suggestions: tuple[int, ...] = ()


@dataclass
class PersonIndex:
    records: dict[int, PersonRecord]
    forms: dict[str, set[int]] = field(default_factory=lambda: defaultdict(set))
    vocabulary: list[str] = field(default_factory=list)

    @classmethod
    def build(cls, records: list[PersonRecord]) -> PersonIndex:
        index = cls(records={record.person_id: record for record in records})
        for record in records:
            names = {record.name_ru, *record.aliases}
            if record.name_en:
                names.add(record.name_en)
            for name in names:
                for word in tokens(name):
                    if len(word) < 2:
                        continue  # initials
                    for form in case_forms(word):
                        index.forms[form].add(record.person_id)
        index.vocabulary = sorted(index.forms)
        return index

    def resolve(self, query: str) -> PersonResolution:
        words = [word for word in tokens(query)[:10] if len(word) >= 2]
        if not words:
            return PersonResolution(query=query)
        scores: dict[int, float] = defaultdict(float)
        for word in words:
            exact = self.forms.get(word)
            if exact:
                for person_id in exact:
                    scores[person_id] += 1.0
                continue
            budget = typo_budget(word)
            if budget == 0:
                continue
            hits: dict[int, int] = {}
            for form, distance, _ in process.extract(
                word, self.vocabulary, scorer=OSA.distance, score_cutoff=budget, limit=None
            ):
                for person_id in self.forms[form]:
                    hits[person_id] = min(int(distance), hits.get(person_id, 99))
            for person_id, distance in hits.items():
                scores[person_id] += 0.8 if distance == 1 else 0.6
        if not scores:
            return PersonResolution(query=query)
        ranked = sorted(scores, key=lambda pid: (-scores[pid], self.records[pid].name_ru))
        top = scores[ranked[0]]
        # Every word must be accounted for to call it a match; otherwise these are guesses.
        if top >= len(words) * 0.6:
            matches = tuple(pid for pid in ranked if scores[pid] == top)
            return PersonResolution(
                query=query,
                matches=matches,
                suggestions=tuple(p for p in ranked if p not in matches)[:5],
            )
        return PersonResolution(query=query, suggestions=tuple(ranked[:5]))
