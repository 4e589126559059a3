"""Agreement title matching: lemma- and prefix-aware, typo tolerant, via an inverted index."""

from __future__ import annotations

import bisect
from collections import defaultdict
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

from bot.matching.glossary import english_words
from bot.matching.morph import lemma, typo_budget
from store.textnorm import normalize, tokens

# Words that say nothing about which document is meant.
STOPWORDS = frozenset(
    {
        "о", "об", "обо", "между", "и", "в", "во", "на", "с", "со", "по", "для", "к", "от",
        "из", "года", "годы", "год", "гг", "г", "двух", "стран",
        "the", "of", "and", "on", "for", "between", "to", "in", "a", "an",
    }
)  # fmt: skip
_MIN_PREFIX = 4


@dataclass(frozen=True, slots=True)
class TitleRecord:
    agreement_id: int
    title: str
    alt_titles: tuple[str, ...] = ()
    type: str = ""
    keywords: tuple[str, ...] = ()  # party names, years: searchable, but not the title


@dataclass(frozen=True, slots=True)
class TitleHit:
    agreement_id: int
    score: float  # share of query words found, 0..1
    similarity: float  # rapidfuzz token-set ratio of query and title, tie-breaker


def _query_words(text: str) -> list[str]:
    return [word for word in tokens(text) if word not in STOPWORDS and len(word) >= 2][:12]


@dataclass
class TitleIndex:
    records: dict[int, TitleRecord]
    postings: dict[str, set[int]] = field(default_factory=lambda: defaultdict(set))
    vocabulary: list[str] = field(default_factory=list)  # sorted, for prefix search

    @classmethod
    def build(cls, records: list[TitleRecord]) -> TitleIndex:
        index = cls(records={record.agreement_id: record for record in records})
        for record in records:
            text = " ".join((record.title, *record.alt_titles, record.type, *record.keywords))
            words = tokens(text)
            for word in [*words, *english_words(words)]:
                index.postings[word].add(record.agreement_id)
                index.postings[lemma(word)].add(record.agreement_id)
        index.vocabulary = sorted(index.postings)
        return index

    def _documents_for(self, word: str) -> tuple[set[int], float]:
        """Documents containing the word (exact, lemma, prefix or typo) and how sure we are."""
        found = set(self.postings.get(word, ())) | set(self.postings.get(lemma(word), ()))
        if found:
            return found, 1.0
        if len(word) >= _MIN_PREFIX:
            start = bisect.bisect_left(self.vocabulary, word)
            for vocab_word in self.vocabulary[start:]:
                if not vocab_word.startswith(word):
                    break
                found |= self.postings[vocab_word]
            if found:
                return found, 0.95
        budget = typo_budget(word)
        if budget:
            for vocab_word, _distance, _ in process.extract(
                word, self.vocabulary, scorer=OSA.distance, score_cutoff=budget, limit=20
            ):
                found |= self.postings[vocab_word]
        return found, 0.8

    def search(self, query: str, limit: int = 50) -> tuple[list[TitleHit], list[TitleHit]]:
        """(matches with every query word found, partial matches worth suggesting)."""
        words = _query_words(query)
        if not words:
            return [], []
        weights: dict[int, float] = defaultdict(float)
        for word in words:
            documents, certainty = self._documents_for(word)
            for agreement_id in documents:
                weights[agreement_id] += certainty
        normalised_query = normalize(query)
        hits = [
            TitleHit(
                agreement_id,
                round(weight / len(words), 3),
                fuzz.token_set_ratio(normalised_query, normalize(self.records[agreement_id].title)),
            )
            for agreement_id, weight in weights.items()
        ]
        hits.sort(key=lambda hit: (-hit.score, -hit.similarity, hit.agreement_id))
        full = [hit for hit in hits if hit.score >= 0.75]
        partial = [hit for hit in hits if 0.3 <= hit.score < 0.75]
        return full[:limit], partial[:5]
