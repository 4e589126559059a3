"""Free-text search over every fact: an in-memory inverted index. Pure: no SQL, no Telegram.

Words match exactly, by lemma, by prefix (4+ letters), with typos (search-engine limits),
and Latin words also through a Russian transliteration ("Transcaspian" finds
"Транскаспийский"). Rare words weigh more than common ones.
"""

from __future__ import annotations

import bisect
import math
import re
from array import array
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from rapidfuzz import process
from rapidfuzz.distance import OSA

from bot.matching.morph import lemma, typo_budget
from bot.matching.titles import STOPWORDS
from store.browse import SearchDocument
from store.textnorm import tokens

_DECIMAL = re.compile(r"(\d)[.,](\d)")
_LATIN = re.compile(r"^[a-z]+$")
_TRANSLIT = [
    ("shch", "щ"), ("sch", "щ"), ("sh", "ш"), ("ch", "ч"), ("zh", "ж"), ("kh", "х"),
    ("ts", "ц"), ("ya", "я"), ("yu", "ю"), ("yo", "е"), ("ye", "е"),
    ("a", "а"), ("b", "б"), ("c", "к"), ("d", "д"), ("e", "е"), ("f", "ф"), ("g", "г"),
    ("h", "х"), ("i", "и"), ("j", "дж"), ("k", "к"), ("l", "л"), ("m", "м"), ("n", "н"),
    ("o", "о"), ("p", "п"), ("q", "к"), ("r", "р"), ("s", "с"), ("t", "т"), ("u", "у"),
    ("v", "в"), ("w", "в"), ("x", "кс"), ("y", "й"), ("z", "з"),
]  # fmt: skip
_WEIGHT_EXACT, _WEIGHT_PREFIX, _WEIGHT_TYPO = 1.0, 0.85, 0.7
MAX_QUERY_WORDS = 12


def search_words(text: str) -> list[str]:
    """Words as the index sees them; "1,2" stays one word so it never matches "2"."""
    return [w for w in tokens(_DECIMAL.sub(r"\1x\2", text)) if w not in STOPWORDS]


def transliterate(word: str) -> str:
    result, position = [], 0
    while position < len(word):
        for latin, cyrillic in _TRANSLIT:
            if word.startswith(latin, position):
                result.append(cyrillic)
                position += len(latin)
                break
        else:
            result.append(word[position])
            position += 1
    return "".join(result)


def amount_words(value: Decimal, unit: str) -> list[str]:
    """ "2 млрд", "1,2 млрд", "2 bn", "$2bn": the ways people write a figure."""
    words = [unit.lower()]
    if unit in {"USD", "EUR", "RUB", "CNY", "KZT"}:
        for divisor, names in (
            (Decimal(10**9), ("млрд", "bn", "billion")),
            (Decimal(10**6), ("млн", "mn", "million")),
        ):
            if value >= divisor:
                scaled = (value / divisor).normalize()
                words += [_DECIMAL.sub(r"\1x\2", f"{scaled:f}"), *names]
                break
        words += {"USD": ["долл", "доллар", "$"]}.get(unit, [])
    else:
        words.append(_DECIMAL.sub(r"\1x\2", f"{value.normalize():f}"))
    return words


@dataclass(frozen=True, slots=True)
class SearchHit:
    kind: str
    id: int
    score: float
    coverage: int  # how many query words it matched


@dataclass
class SearchIndex:
    kinds: list[str] = field(default_factory=list)
    ids: array = field(default_factory=lambda: array("q"))  # type: ignore[type-arg]
    dates: array = field(default_factory=lambda: array("i"))  # type: ignore[type-arg]
    postings: dict[str, array] = field(default_factory=dict)  # type: ignore[type-arg]
    vocabulary: list[str] = field(default_factory=list)

    @classmethod
    def build(
        cls, documents: Iterable[SearchDocument], describe: Callable[[SearchDocument], list[str]]
    ) -> SearchIndex:
        """`describe` adds what the stored text lacks: country names, labels in both
        languages for coded values (metric "turnover" -> "товарооборот")."""
        index = cls()
        collected: dict[str, list[int]] = defaultdict(list)
        for position, document in enumerate(documents):
            index.kinds.append(document.kind)
            index.ids.append(document.id)
            index.dates.append(document.date.toordinal() if document.date else 0)
            words = search_words(document.text)
            for extra in describe(document):
                words += search_words(extra)
            if document.amount is not None and document.unit:
                words += amount_words(document.amount, document.unit)
            for word in {*words, *(lemma(w) for w in words)}:
                collected[word].append(position)
        index.postings = {word: array("i", positions) for word, positions in collected.items()}
        index.vocabulary = sorted(index.postings)
        return index

    def __len__(self) -> int:
        return len(self.kinds)

    def _matches(self, word: str) -> dict[str, float]:
        """Vocabulary words that count as this query word, with how well they match."""
        found: dict[str, float] = {}
        candidates = [word, lemma(word)]
        if _LATIN.match(word) and len(word) >= 4:
            candidates.append(transliterate(word))
        for candidate in candidates:
            if candidate in self.postings:
                found[candidate] = _WEIGHT_EXACT
        if found:
            return found
        for candidate in candidates:
            stem = candidate if candidate == word else candidate[: max(5, len(candidate) - 3)]
            if len(stem) >= 4 and not stem.isdigit():
                start = bisect.bisect_left(self.vocabulary, stem)
                for vocab_word in self.vocabulary[start : start + 200]:
                    if not vocab_word.startswith(stem):
                        break
                    found[vocab_word] = _WEIGHT_PREFIX
        if found:
            return found
        budget = typo_budget(word)
        if budget:
            for vocab_word, _distance, _ in process.extract(
                word, self.vocabulary, scorer=OSA.distance, score_cutoff=budget, limit=10
            ):
                found[vocab_word] = _WEIGHT_TYPO
        return found

    def search(self, query: str, limit: int = 200) -> list[SearchHit]:
        words = list(dict.fromkeys(search_words(query)))[:MAX_QUERY_WORDS]
        if not words or not self.kinds:
            return []
        total = len(self.kinds)
        scores: dict[int, float] = defaultdict(float)
        coverage: dict[int, int] = defaultdict(int)
        for word in words:
            best: dict[int, float] = {}
            for vocab_word, weight in self._matches(word).items():
                posting = self.postings[vocab_word]
                rarity = math.log(1 + total / len(posting))
                for position in posting:
                    if weight * rarity > best.get(position, 0.0):
                        best[position] = weight * rarity
            for position, value in best.items():
                scores[position] += value * (0.9 if self.kinds[position] == "article" else 1.0)
                coverage[position] += 1
        if not scores:
            return []
        most = max(coverage.values())
        # Results that miss more than one of the words are noise once better ones exist.
        kept = [p for p in scores if coverage[p] >= max(1, most - 1)]
        kept.sort(key=lambda p: (-coverage[p], -scores[p], -self.dates[p], self.ids[p]))
        return [
            SearchHit(self.kinds[p], self.ids[p], round(scores[p], 3), coverage[p])
            for p in kept[:limit]
        ]
