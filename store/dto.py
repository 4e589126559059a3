"""Plain read-only records the repositories return; nothing above store/ sees ORM rows."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True, slots=True)
class SourceRef:
    article_id: int
    title: str
    outlet: str | None
    author: str | None
    published_at: dt.date | None
    url: str | None


@dataclass(frozen=True, slots=True)
class CountryInfo:
    iso2: str
    iso3: str
    name_ru: str
    name_en: str
    capital_ru: str | None
    capital_en: str | None


@dataclass(frozen=True, slots=True)
class CountryAliases:
    iso2: str
    name_ru: str
    name_en: str
    aliases: tuple[tuple[str, str], ...]  # (alias, kind)


@dataclass(frozen=True, slots=True)
class CountryWithData:
    iso2: str
    name_ru: str
    name_en: str
    facts: int


@dataclass(frozen=True, slots=True)
class AgreementInfo:
    id: int
    title: str
    type: str
    quantity: int
    parties: tuple[str, ...]
    signed_on: dt.date | None
    signed_precision: str | None
    place: str | None
    period_start: int | None
    period_end: int | None
    status: str
    summary: str | None
    sources: tuple[SourceRef, ...]


@dataclass(frozen=True, slots=True)
class AgreementTitle:
    id: int
    title: str
    alt_titles: tuple[str, ...]
    type: str
    parties: tuple[str, ...]
    year: int | None


@dataclass(frozen=True, slots=True)
class EventInfo:
    id: int
    kind: str
    title: str
    date_start: dt.date | None
    date_end: dt.date | None
    precision: str
    place: str | None
    level: str | None
    countries: tuple[tuple[str, str], ...]  # (iso2, role)
    participants: tuple[str, ...]
    summary: str | None
    sources: tuple[SourceRef, ...]


@dataclass(frozen=True, slots=True)
class TradeInfo:
    id: int
    reporter: str | None
    partner: str | None
    partner_group: str | None
    metric: str
    value: Decimal
    unit: str
    year: int | None
    year_end: int | None
    kind: str
    target_year: int | None
    qualifier: str | None
    note: str | None
    sources: tuple[SourceRef, ...]


@dataclass(frozen=True, slots=True)
class RelationInfo:
    level: str
    since: dt.date | None
    precision: str | None
    agreement_title: str | None
    agreement_signed_on: dt.date | None
    note: str | None
    sources: tuple[SourceRef, ...]


@dataclass(frozen=True, slots=True)
class RoleInfo:
    person_id: int
    name_ru: str
    name_en: str | None
    title_ru: str
    title_en: str | None
    country: str | None


@dataclass(frozen=True, slots=True)
class PersonNames:
    person_id: int
    name_ru: str
    name_en: str | None
    aliases: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class CountryCard:
    country: CountryInfo
    relations: tuple[RelationInfo, ...]  # newest first; the first is the current level
    agreements: tuple[AgreementInfo, ...]
    agreements_total: int
    events: tuple[EventInfo, ...]
    events_total: int
    trade: tuple[TradeInfo, ...]
    trade_total: int
    people: tuple[RoleInfo, ...]
    sources_total: int  # articles behind all of the country's facts, not only those shown


@dataclass(frozen=True, slots=True)
class PersonProfile:
    person_id: int
    name_ru: str
    name_en: str | None
    roles: tuple[RoleInfo, ...]
    events: tuple[EventInfo, ...]
    events_total: int
