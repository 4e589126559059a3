"""Extraction quality against the curated seed facts.

Runs the extractor over the five articles in ../shared/seeds/ and compares what it finds
with the facts curated by hand in seeds/ (each fact cites the articles reporting it).
Prints precision and recall per kind, and every miss and false find, so the figures can be
read, not just trusted.

    .venv/bin/python -m bench.eval_extraction [--verbose]

How a find counts as right (per article):
- countries: the ISO code is among the countries of that article's curated facts
  (event countries, agreement parties, trade partners, roles of the people named);
- people: the person is one the curated people list cites this article for;
- events: same family (any visit / talks / meeting / summit), dates compatible at the
  curated precision, at least one country in common;
- agreements: same type, same parties, same status, and titles sharing at least half
  their content words (curated alternative titles count);
- trade: the same value (within 0.5%) in the same unit, the same kind (actual or target),
  and the same year where the curated figure has one.
Each curated fact can be matched once.
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from bot import PROJECT_ROOT, SEEDS_DIR
from bot.extraction.documents import load_document
from bot.extraction.extractor import (
    AgreementFact,
    EventFact,
    Extractor,
    TradeFact,
    title_content_words,
)
from bot.extraction.gazetteer import gazetteer_from_seeds
from store.seed_files import read_seeds

SHARED_SEEDS = PROJECT_ROOT.parent / "shared" / "seeds"
KINDS = ("countries", "people", "events", "agreements", "trade")
FAMILY = {"state_visit": "visit", "official_visit": "visit", "working_visit": "visit",
          "visit": "visit", "talks": "talks", "meeting": "meeting", "summit": "summit",
          "phone_call": "phone_call"}  # fmt: skip
STOP = frozenset({"между", "страна", "государство", "республика", "два", "наш", "год", "казахстан",
                  "таджикистан", "пакистан", "россия"})  # fmt: skip


@dataclass
class Score:
    true_positive: int = 0
    found: int = 0
    expected: int = 0
    misses: list[str] = field(default_factory=list)
    false: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.true_positive / self.found if self.found else 1.0

    @property
    def recall(self) -> float:
        return self.true_positive / self.expected if self.expected else 1.0


def _content(title: str) -> frozenset[str]:
    return frozenset(w for w in title_content_words(title) if w not in STOP)


def _event_matches(found: EventFact, gold: Any) -> bool:
    if FAMILY[found.kind] != FAMILY[gold.kind] or found.date is None:
        return False
    if gold.precision == "year":
        same_date = found.date.year == gold.date_start.year
    elif gold.precision == "month" or found.precision != "day":
        same_date = (found.date.year, found.date.month) == (
            gold.date_start.year,
            gold.date_start.month,
        )
    else:
        gold_end = gold.date_end or gold.date_start
        found_end = found.date_end or found.date
        same_date = found.date <= gold_end and gold.date_start <= found_end
    countries = {c for codes in gold.countries.values() for c in codes}
    return same_date and bool(countries & set(found.countries))


def _agreement_matches(found: AgreementFact, gold: Any) -> bool:
    if found.type != gold.type or set(found.parties) != set(gold.parties):
        return False
    if found.status != gold.status:
        return False
    mine = _content(found.title)
    for title in (gold.title, *gold.alt_titles):
        theirs = _content(title)
        if mine and theirs and len(mine & theirs) / min(len(mine), len(theirs)) >= 0.5:
            return True
    return False


def _trade_matches(found: TradeFact, gold: Any) -> bool:
    value = Decimal(str(gold.value))
    same_year = (
        found.year == (gold.year or gold.target_year) or (gold.year or gold.target_year) is None
    )
    return (
        found.currency == gold.unit
        and abs(found.value - value) <= abs(value) * Decimal("0.005")
        and found.kind == gold.kind
        and same_year
    )


def _pair(
    score: Score,
    label: str,
    found: list[Any],
    gold: list[Any],
    same: Any,
    show: Any,
    show_gold: Any,
) -> None:
    score.found += len(found)
    score.expected += len(gold)
    left = list(gold)
    for item in found:
        match = next((g for g in left if same(item, g)), None)
        if match is None:
            score.false.append(f"{label} {show(item)}")
        else:
            left.remove(match)
            score.true_positive += 1
    score.misses.extend(f"{label} {show_gold(g)}" for g in left)


def _gold_by_article(bundle: Any) -> dict[str, dict[str, list[Any]]]:
    by_article: dict[str, dict[str, list[Any]]] = defaultdict(lambda: defaultdict(list))
    for section in ("events", "agreements", "trade"):
        for fact in getattr(bundle.facts, section):
            for source in fact.sources:
                by_article[source][section].append(fact)
    for relation in bundle.facts.relations:
        for source in relation.sources:
            by_article[source]["relations"].append(relation)
    for person in bundle.people:
        for role in person.roles:
            for source in role.sources:
                by_article[source]["people"].append((person, role))
    return by_article


def _gold_countries(gold: dict[str, list[Any]]) -> list[str]:
    codes: set[str] = set()
    for event in gold["events"]:
        codes.update(c for group in event.countries.values() for c in group)
    for agreement in gold["agreements"]:
        codes.update(agreement.parties)
    for figure in gold["trade"]:
        if figure.partner:
            codes.update({figure.partner, figure.reporter or "KZ"})
    for relation in gold["relations"]:
        codes.update({relation.partner, "KZ"})
    codes.update(role.country for _, role in gold["people"] if role.country)
    return sorted(codes)


def _score_article(
    scores: dict[str, Score], label: str, result: Any, gold: dict[str, list[Any]]
) -> None:
    _pair(
        scores["countries"], label, list(result.countries), _gold_countries(gold),
        lambda a, b: a == b, str, str,
    )  # fmt: skip
    _pair(
        scores["people"],
        label,
        list(result.people),
        sorted({person.key for person, _ in gold["people"]}),
        lambda p, key: p.known_key == key,
        lambda p: f"{p.name} ({p.role})",
        str,
    )
    _pair(
        scores["events"],
        label,
        list(result.events),
        gold["events"],
        _event_matches,
        lambda e: f"{e.kind} {e.date} {e.place} {','.join(e.countries)} | {e.evidence.phrase[:90]}",
        lambda g: f"{g.key}",
    )
    _pair(
        scores["agreements"],
        label,
        list(result.agreements),
        gold["agreements"],
        _agreement_matches,
        lambda a: f"{a.type}: {a.title} [{a.status} {a.signed_on}]",
        lambda g: f"{g.key}",
    )
    _pair(
        scores["trade"],
        label,
        list(result.trade),
        gold["trade"],
        _trade_matches,
        lambda t: f"{t.value} {t.currency} {t.kind} {t.metric} {t.year} | {t.evidence.phrase[:90]}",
        lambda g: f"{g.key}",
    )


def evaluate(verbose: bool = False) -> dict[str, Score]:
    bundle = read_seeds(SEEDS_DIR)
    extractor = Extractor(gazetteer_from_seeds(SEEDS_DIR))
    scores = {kind: Score() for kind in KINDS}
    by_article = _gold_by_article(bundle)
    for article in bundle.articles:
        if not article.seed_file:
            continue
        path = SHARED_SEEDS / article.seed_file
        result = extractor.extract(load_document(path.read_bytes(), path.name))
        _score_article(scores, article.seed_file[:3], result, by_article[article.key])
    return scores


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--verbose", action="store_true", help="list every miss and false find")
    args = parser.parse_args(argv)
    scores = evaluate()
    print(f"{'kind':<12}{'precision':>10}{'recall':>8}{'found':>7}{'gold':>6}")
    for kind, score in scores.items():
        print(
            f"{kind:<12}{score.precision:>10.2f}{score.recall:>8.2f}{score.found:>7}{score.expected:>6}"
        )
    if args.verbose:
        for kind, score in scores.items():
            for line in score.false:
                print(f"  false {kind}: {line}")
            for line in score.misses:
                print(f"  missed {kind}: {line}")
    worst = min(min(s.precision, s.recall) for s in scores.values())
    print(f"lowest figure: {worst:.2f} (target 0.85)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
