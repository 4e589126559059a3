"""Free-text search over every fact: an in-memory inverted index. Pure: no SQL, no Telegram.

Words match exactly, by lemma, by prefix (4+ letters), with typos (search-engine limits),
and Latin words also through a Russian transliteration ("Transcaspian" finds
"Транскаспийский"). Rare words weigh more than common ones.
"""

from __future__ import annotations

import bisect
import math
import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from typing import TYPE_CHECKING

from rapidfuzz import process
from rapidfuzz.distance import OSA

from bot.matching.morph import lemma, typo_budget
from bot.matching.titles import STOPWORDS
from store.dto import SearchDocument
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


if TYPE_CHECKING:
    import numpy as np


def _empty(dtype: str) -> np.ndarray:
    """numpy is imported when an index is first built or searched, not when the bot starts:
    the index is built in the background after the first replies."""
    import numpy as np

    return np.zeros(0, dtype)


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
    """Postings are numpy arrays and scoring is vectorised: a common word ("товарооборот",
    "соглашение") can match tens of thousands of documents, too many for Python loops."""

    kind_names: list[str] = field(default_factory=list)
    kinds: np.ndarray = field(default_factory=lambda: _empty("int8"))
    ids: np.ndarray = field(default_factory=lambda: _empty("int64"))
    dates: np.ndarray = field(default_factory=lambda: _empty("int32"))
    postings: dict[str, np.ndarray] = field(default_factory=dict)
    vocabulary: list[str] = field(default_factory=list)

    @classmethod
    def build(
        cls, documents: Iterable[SearchDocument], describe: Callable[[SearchDocument], list[str]]
    ) -> SearchIndex:
        """`describe` adds what the stored text lacks: country names, labels in both
        languages for coded values (metric "turnover" -> "товарооборот")."""
        import numpy as np  # here, not at start-up: see _empty

        index = cls()
        collected: dict[str, list[int]] = defaultdict(list)
        kinds: list[int] = []
        ids: list[int] = []
        dates: list[int] = []
        kind_codes: dict[str, int] = {}
        for position, document in enumerate(documents):
            kinds.append(kind_codes.setdefault(document.kind, len(kind_codes)))
            ids.append(document.id)
            dates.append(document.date.toordinal() if document.date else 0)
            words = search_words(document.text)
            for extra in describe(document):
                words += _cached_words(extra)  # names and labels repeat across documents
            if document.amount is not None and document.unit:
                words += amount_words(document.amount, document.unit)
            for word in {*words, *(lemma(w) for w in words)}:
                collected[word].append(position)
        index.kind_names = list(kind_codes)
        index.kinds = np.array(kinds, dtype=np.int8)
        index.ids = np.array(ids, dtype=np.int64)
        index.dates = np.array(dates, dtype=np.int32)
        index.postings = {
            word: np.array(positions, dtype=np.int32) for word, positions in collected.items()
        }
        index.vocabulary = sorted(index.postings)
        return index

    def __len__(self) -> int:
        return len(self.ids)

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
        import numpy as np  # here, not at start-up: see _empty

        words = list(dict.fromkeys(search_words(query)))[:MAX_QUERY_WORDS]
        total = len(self.ids)
        if not words or not total:
            return []
        scores = np.zeros(total, dtype=np.float64)
        coverage = np.zeros(total, dtype=np.int16)
        for word in words:
            best = np.zeros(total, dtype=np.float64)
            for vocab_word, weight in self._matches(word).items():
                posting = self.postings[vocab_word]
                value = weight * math.log(1 + total / len(posting))
                np.maximum.at(best, posting, value)
            scores += best
            coverage += best > 0
        most = int(coverage.max())
        if most == 0:
            return []
        # Results that miss more than one of the words are noise once better ones exist.
        kept = np.flatnonzero(coverage >= max(1, most - 1))
        article = self.kind_names.index("article") if "article" in self.kind_names else -1
        # A fact is the answer, an article only a pointer to one: on equal terms, facts first.
        weighted = scores[kept] * np.where(self.kinds[kept] == article, 0.9, 1.0)
        order = np.lexsort((self.ids[kept], -self.dates[kept], -weighted, -coverage[kept]))
        chosen = kept[order[:limit]]
        return [
            SearchHit(
                self.kind_names[self.kinds[p]],
                int(self.ids[p]),
                round(float(scores[p]), 3),
                int(coverage[p]),
            )
            for p in chosen
        ]


@lru_cache(maxsize=50_000)
def _cached_words(text: str) -> tuple[str, ...]:
    return tuple(search_words(text))
