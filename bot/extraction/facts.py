"""What extraction finds: the facts of one article, each with the sentence it rests on."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

EXTRACTOR_NAME = "rules"


EXTRACTOR_VERSION = "1"


@dataclass(frozen=True, slots=True)
class Evidence:
    start: int
    end: int
    phrase: str
    sentence_index: int


@dataclass(frozen=True, slots=True)
class PersonFact:
    name: str
    role: str | None
    country: str | None
    known_key: str | None  # the gazetteer's key when the person is already known
    confidence: float
    evidence: Evidence


@dataclass(frozen=True, slots=True)
class EventFact:
    kind: str
    date: dt.date | None
    date_end: dt.date | None
    precision: str
    place: str | None
    countries: tuple[str, ...]
    participants: tuple[str, ...]
    name: str | None  # a summit's own name, «Центральная Азия — Россия»
    confidence: float
    evidence: Evidence
    planned: bool = False  # announced, scheduled or still ahead
    at_summit: bool = False  # met on the sidelines of a summit held ("встретились на саммите")


@dataclass(frozen=True, slots=True)
class AgreementFact:
    title: str
    type: str
    signed_on: dt.date | None
    precision: str | None
    period: tuple[int, int] | None
    parties: tuple[str, ...]
    status: str  # planned | signed | in_force
    quantity: int
    confidence: float
    evidence: Evidence


@dataclass(frozen=True, slots=True)
class TradeFact:
    value: Decimal
    currency: str  # USD | KZT | ... | percent | times
    kind: str  # actual | target
    metric: str  # turnover | exports | imports | investment | share | growth
    year: int | None
    qualifier: str | None  # exceeds | about | up_to | reached
    countries: tuple[str, ...]
    group: str | None  # СНГ, ЕАЭС: a figure for a bloc rather than a country
    confidence: float
    evidence: Evidence


@dataclass(frozen=True)
class Extraction:
    language: str
    title: str | None
    outlet: str | None
    author: str | None
    published_at: dt.date | None
    countries: tuple[str, ...]
    people: tuple[PersonFact, ...] = ()
    events: tuple[EventFact, ...] = ()
    agreements: tuple[AgreementFact, ...] = ()
    trade: tuple[TradeFact, ...] = ()
    warnings: tuple[str, ...] = ()

    @property
    def fact_count(self) -> int:
        return len(self.people) + len(self.events) + len(self.agreements) + len(self.trade)

    def to_json(self) -> dict[str, Any]:
        """Exactly the schema of `python -m bot extract --json`."""
        return {
            "language": self.language,
            "title": self.title,
            "outlet": self.outlet,
            "published_at": _iso(self.published_at),
            "countries": list(self.countries),
            "people": [{"name": p.name, "role": p.role, "country": p.country} for p in self.people],
            "events": [
                {
                    "kind": e.kind,
                    "date": _iso(e.date),
                    "date_end": _iso(e.date_end),
                    "precision": e.precision if e.date else None,
                    "place": e.place,
                    "countries": list(e.countries),
                    "participants": list(e.participants),
                    "planned": e.planned or None,
                }
                for e in self.events
            ],
            "agreements": [
                {
                    "title": a.title,
                    "type": a.type,
                    "signed_on": _iso(a.signed_on),
                    "precision": a.precision if a.signed_on else None,
                    "count": a.quantity if a.quantity > 1 else None,
                    "period": f"{a.period[0]}-{a.period[1]}" if a.period else None,
                    "parties": list(a.parties),
                    "status": a.status,
                }
                for a in self.agreements
            ],
            "trade": [
                {
                    "value": _number(t.value),
                    "currency": t.currency,
                    "kind": t.kind,
                    "metric": t.metric,
                    "year": t.year,
                    "qualifier": t.qualifier,
                    "countries": list(t.countries),
                }
                for t in self.trade
            ],
            "warnings": list(self.warnings),
        }


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def _number(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)
