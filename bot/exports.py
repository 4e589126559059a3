"""/export and /calendar: which facts a request asks for. No Telegram here; the files
themselves are written by bot.render.exports."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from sqlalchemy.ext.asyncio import AsyncSession

from bot.briefings import CountryNotMatched, resolve_partner
from bot.directory import Directory
from store import exports as export_store
from store.dto import EventInfo
from store.exports import ExportedFacts


class ExportFormat(StrEnum):
    CSV = "csv"
    JSON = "json"


@dataclass(frozen=True, slots=True)
class ExportRequest:
    country: str | None  # None: every country
    format: ExportFormat


@dataclass(frozen=True, slots=True)
class FactsToExport:
    country: str | None
    format: ExportFormat
    facts: ExportedFacts

    @property
    def count(self) -> int:
        return len(self.facts.events) + len(self.facts.agreements) + len(self.facts.trade)


@dataclass(frozen=True, slots=True)
class EventsToExport:
    country: str | None
    events: list[EventInfo]

    @property
    def count(self) -> int:
        return len(self.events)


def parse_export(directory: Directory, query: str) -> ExportRequest | CountryNotMatched:
    """`/export [country] [csv|json]`, in either order; CSV unless JSON is named."""
    words = query.split()
    formats = [word.lower() for word in words if word.lower() in set(ExportFormat)]
    rest = " ".join(word for word in words if word.lower() not in set(ExportFormat))
    country = _optional_country(directory, rest)
    if isinstance(country, CountryNotMatched):
        return country
    return ExportRequest(country, ExportFormat(formats[-1]) if formats else ExportFormat.CSV)


def _optional_country(directory: Directory, query: str) -> str | CountryNotMatched | None:
    return resolve_partner(directory, query) if query.strip() else None


async def facts_to_export(
    directory: Directory, session: AsyncSession, query: str
) -> FactsToExport | CountryNotMatched:
    request = parse_export(directory, query)
    if isinstance(request, CountryNotMatched):
        return request
    facts = await export_store.visible_facts(session, request.country)
    return FactsToExport(request.country, request.format, facts)


async def events_to_export(
    directory: Directory, session: AsyncSession, query: str
) -> EventsToExport | CountryNotMatched:
    """`/calendar [country]`: the dated events, past and planned."""
    country = _optional_country(directory, query)
    if isinstance(country, CountryNotMatched):
        return country
    events = await export_store.visible_events(session, country)
    return EventsToExport(country, [event for event in events if event.date_start is not None])
