"""Extraction quality: on the development set (../shared/devset: 30 real pages, gold.yaml)
and on the curated seed facts (../shared/seeds against seeds/).

Prints precision and recall per kind for each, and every miss and false find, so the
figures can be read, not just trusted.

    .venv/bin/python -m bench.eval_extraction [--quiet]

How a find counts as right on the devset (per page; each gold entry matched once):
- countries: the code is among the page's `countries`; one among `mentioned_countries`
  counts neither way (named by the article, no party to a fact); any other is false;
- people: the same name after normalising (case, ё/е, punctuation, hyphens); a gold name of
  one word matches a find ending in it;
- events: the same kind family (the four visit kinds are one family; talks, meeting,
  phone_call, summit, signing, reception each their own), the date at the gold's precision
  (not compared when the gold has none), the place (its first five letters, to allow for
  inflection; not compared when the gold has none), and the same set of countries;
- agreements: the same type (English head nouns mapped to the Russian types the extractor
  gives), titles sharing at least half the content words of the shorter (function words
  such as "of" and "the" are not content), the signing date at the gold's precision (when
  the gold has one), and the same status; finds and gold entries are paired closest
  titles first;
- trade: the same metric (the gold's "other" matches any metric the extractor has no name
  for), value within 0.5%, currency, kind (actual or target), and year (when the gold has
  one).
Pages 28 and 29 are not about Kazakhstan's foreign relations: anything found there is false.

How a find counts as right on the seeds (per article):
- countries: the ISO code is among the countries of that article's curated facts
  (event countries, agreement parties, trade partners, roles of the people named);
- people: the person is one the curated people list cites this article for;
- events: same family (any visit / talks / meeting / summit), dates compatible at the
  curated precision, at least one country in common; the curated talks, meetings and
  signings held during a curated visit of the same sides count as part of that visit
  (one event per occasion, as the extractor reports them; the curated facts list them
  apart because they were written before that rule);
- agreements: same type, same parties, same status, and titles sharing at least half
  their content words (curated alternative titles count);
- trade: the same value (within 0.5%) in the same unit, the same kind (actual or target),
  and the same year where the curated figure has one.
Each curated fact can be matched once.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from bot import PROJECT_ROOT, SEEDS_DIR
from bot.extraction.article import title_content_words
from bot.extraction.documents import DocumentError, load_document
from bot.extraction.extractor import Extractor
from bot.extraction.facts import AgreementFact, EventFact, TradeFact
from bot.extraction.gazetteer import gazetteer_from_seeds
from store.seed_files import read_seeds

SHARED_SEEDS = PROJECT_ROOT.parent / "shared" / "seeds"
ONE_DAY = dt.timedelta(days=1)
KINDS = ("countries", "people", "events", "agreements", "trade")
FAMILY = {"state_visit": "visit", "official_visit": "visit", "working_visit": "visit",
          "visit": "visit", "talks": "talks", "meeting": "meeting", "summit": "summit",
          "phone_call": "phone_call", "signing": "signing",
          "reception": "reception"}  # fmt: skip
STOP = frozenset({"между", "страна", "государство", "республика", "два", "наш", "год", "казахстан",
                  "таджикистан", "пакистан", "россия",
                  # English function words carry no content either
                  "a", "an", "the", "and", "of", "on", "in", "for", "to", "with", "between",
                  "at", "by", "from"})  # fmt: skip


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


def _one_per_occasion(events: list[Any]) -> list[Any]:
    """The curated events without those held during one of the visits listed."""
    visits = [e for e in events if FAMILY[e.kind] == "visit"]

    def sides(event: Any) -> set[str]:
        return {c for codes in event.countries.values() for c in codes}

    def during(visit: Any, event: Any) -> bool:
        if event.precision != "day" or visit.precision != "day":
            return (event.date_start.year, event.date_start.month) == (
                visit.date_start.year,
                visit.date_start.month,
            )
        end = visit.date_end or visit.date_start
        return visit.date_start - ONE_DAY <= event.date_start <= end + 3 * ONE_DAY

    return [
        event
        for event in events
        if event.kind not in ("talks", "meeting", "signing")
        or not any(sides(event) <= sides(v) and during(v, event) for v in visits)
    ]


def _pair(
    score: Score,
    label: str,
    found: list[Any],
    gold: list[Any],
    same: Any,
    show: Any,
    show_gold: Any,
    closeness: Any = lambda found, gold: 0,
) -> None:
    score.found += len(found)
    score.expected += len(gold)
    # every matching (find, gold entry) pair, the closest first: a generic find does not
    # take the entry a more specific one would have matched
    pairs = sorted(
        (
            (-closeness(item, entry), f, g)
            for f, item in enumerate(found)
            for g, entry in enumerate(gold)
            if same(item, entry)
        ),
        key=lambda pair: (pair[0], pair[1], pair[2]),
    )
    taken_found: set[int] = set()
    taken_gold: set[int] = set()
    for _closeness, f, g in pairs:
        if f in taken_found or g in taken_gold:
            continue
        taken_found.add(f)
        taken_gold.add(g)
        score.true_positive += 1
    score.false.extend(
        f"{label} {show(item)}" for f, item in enumerate(found) if f not in taken_found
    )
    left = [entry for g, entry in enumerate(gold) if g not in taken_gold]
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
        _one_per_occasion(gold["events"]),
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


def evaluate(extractor: Extractor) -> dict[str, Score]:
    bundle = read_seeds(SEEDS_DIR)
    scores = {kind: Score() for kind in KINDS}
    by_article = _gold_by_article(bundle)
    for article in bundle.articles:
        if not article.seed_file:
            continue
        path = SHARED_SEEDS / article.seed_file
        result = extractor.extract(load_document(path.read_bytes(), path.name))
        _score_article(scores, article.seed_file[:3], result, by_article[article.key])
    return scores


# ---------------------------------------------------------------------- the devset

DEVSET = PROJECT_ROOT.parent / "shared" / "devset"
NOT_ABOUT_US = ("28_", "29_")
VISITS = frozenset({"state_visit", "official_visit", "working_visit", "visit"})
GOLD_TYPES = {"treaty": "договор", "agreement": "соглашение", "memorandum": "меморандум",
              "declaration": "декларация", "statement": "заявление", "programme": "программа",
              "roadmap": "дорожная карта", "protocol": "протокол", "plan": "план"}  # fmt: skip


def _family(kind: str) -> str:
    return "visit" if kind in VISITS else kind


def _normal_name(name: str) -> str:
    cleaned = "".join(ch if ch.isalpha() else " " for ch in name.casefold().replace("ё", "е"))
    return " ".join(cleaned.split())


def _same_person(found: Any, gold: dict[str, Any]) -> bool:
    mine, theirs = _normal_name(found.name), _normal_name(str(gold["name"]))
    if " " not in theirs:
        return mine == theirs or mine.endswith(" " + theirs)
    return mine == theirs


def _same_when(found: Any, gold: str | None) -> bool:
    """A found date against a gold "YYYY", "YYYY-MM" or "YYYY-MM-DD" (None: not compared)."""
    if not gold:
        return True
    if found is None:
        return False
    return found.isoformat()[: len(str(gold))] == str(gold)


def _same_place(found: str | None, gold: str | None) -> bool:
    if not gold:
        return True
    return found is not None and _normal_name(found)[:5] == _normal_name(gold)[:5]


def _devset_event(found: EventFact, gold: dict[str, Any]) -> bool:
    return (
        _family(found.kind) == _family(str(gold["kind"]))
        and _same_when(found.date, gold.get("date"))
        and _same_place(found.place, gold.get("place"))
        and set(found.countries) == set(gold.get("countries") or [])
    )


def _devset_agreement(found: AgreementFact, gold: dict[str, Any]) -> bool:
    gold_type = GOLD_TYPES.get(str(gold["type"]), str(gold["type"]))
    if found.type != gold_type or found.status != gold.get("status"):
        return False
    if not _same_when(found.signed_on, gold.get("signed_on")):
        return False
    mine, theirs = _content(found.title), _content(str(gold["title"]))
    return bool(mine and theirs) and len(mine & theirs) / min(len(mine), len(theirs)) >= 0.5


def _title_closeness(found: AgreementFact, gold: dict[str, Any]) -> float:
    mine, theirs = _content(found.title), _content(str(gold["title"]))
    return len(mine & theirs) / max(1, len(mine | theirs))


def _devset_trade(found: TradeFact, gold: dict[str, Any]) -> bool:
    value = Decimal(str(gold["value"]))
    metric = str(gold["metric"])
    same_metric = found.metric == metric or (
        metric == "other" and found.metric not in {"turnover", "exports", "imports", "investment"}
    )
    return (
        same_metric
        and found.currency == gold.get("currency")
        and abs(found.value - value) <= abs(value) * Decimal("0.005")
        and found.kind == gold.get("kind")
        and (gold.get("year") is None or found.year == gold.get("year"))
    )


def _score_page(scores: dict[str, Score], label: str, result: Any, gold: dict[str, Any]) -> None:
    mentioned = set(gold.get("mentioned_countries") or [])
    _pair(
        scores["countries"], label, [c for c in result.countries if c not in mentioned],
        list(gold.get("countries") or []), lambda a, b: a == b, str, str,
    )  # fmt: skip
    _pair(
        scores["people"], label, list(result.people), list(gold.get("people") or []),
        _same_person, lambda p: f"{p.name} ({p.role})", lambda g: f"{g['name']} ({g['role']})",
    )  # fmt: skip
    _pair(
        scores["events"], label, list(result.events), list(gold.get("events") or []),
        _devset_event,
        lambda e: f"{e.kind} {e.date} {e.place} {','.join(e.countries)} | {e.evidence.phrase[:80]}",
        lambda g: f"{g['kind']} {g.get('date')} {g.get('place')} {','.join(g['countries'])}",
    )  # fmt: skip
    _pair(
        scores["agreements"], label, list(result.agreements), list(gold.get("agreements") or []),
        _devset_agreement,
        lambda a: f"{a.type}: {a.title} [{a.status} {a.signed_on}]",
        lambda g: f"{g['type']}: {g['title']} [{g.get('status')} {g.get('signed_on')}]",
        _title_closeness,
    )  # fmt: skip
    _pair(
        scores["trade"], label, list(result.trade), list(gold.get("trade") or []),
        _devset_trade,
        lambda t: f"{t.metric} {t.value} {t.currency} {t.kind} {t.year} | {t.evidence.phrase[:80]}",
        lambda g: f"{g['metric']} {g['value']} {g.get('currency')} {g.get('kind')} {g.get('year')}",
    )  # fmt: skip


def evaluate_devset(extractor: Extractor, devset: Path = DEVSET) -> dict[str, Score]:
    import yaml

    gold_pages = yaml.safe_load((devset / "gold.yaml").read_text(encoding="utf-8"))
    scores = {kind: Score() for kind in KINDS}
    for name, gold in sorted(gold_pages.items()):
        path = devset / "articles" / name
        try:
            result = extractor.extract(load_document(path.read_bytes(), path.name))
        except DocumentError as error:
            scores["countries"].misses.append(f"{name[:2]} page refused: {error.reason}")
            scores["countries"].expected += len(gold.get("countries") or [])
            continue
        _score_page(scores, name[:2], result, gold)
    return scores


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quiet", action="store_true", help="the tables only, no misses")
    args = parser.parse_args(argv)
    extractor = Extractor(gazetteer_from_seeds(SEEDS_DIR))
    worst = 1.0
    for title, scores in (
        ("devset (../shared/devset)", evaluate_devset(extractor)),
        ("seeds (../shared/seeds)", evaluate(extractor)),
    ):
        print(f"\n{title}")
        print(f"{'kind':<12}{'precision':>10}{'recall':>8}{'found':>7}{'gold':>6}")
        for kind, score in scores.items():
            print(
                f"{kind:<12}{score.precision:>10.2f}{score.recall:>8.2f}"
                f"{score.found:>7}{score.expected:>6}"
            )
        if not args.quiet:
            for kind, score in scores.items():
                for line in score.false:
                    print(f"  false {kind}: {line}")
                for line in score.misses:
                    print(f"  missed {kind}: {line}")
        worst = min(worst, *(min(s.precision, s.recall) for s in scores.values()))
    print(f"\nlowest figure: {worst:.2f} (target 0.90 for every kind)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
