"""Paged lists: search, documents, timeline, sources, people, countries, trade overview,
latest entries. No Telegram here: results are plain records for bot.render.lists.

A list is stored as a view (kind + parameters) so its buttons carry only the view id and a
page number; `open_page` serves any page of any stored view. `LIST_KINDS` is the one
registry of kinds: each says how to fetch a page; bot.render.lists says, for the same
kinds, how to head, fill and word it.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import re
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Literal, NamedTuple

from sqlalchemy.ext.asyncio import AsyncSession

from bot.briefings import CountryNotMatched, resolve_partner, treaty_search
from bot.charts import ChartLabels, TradePoint, trade_chart_png
from bot.directory import Directory
from store import facts as fact_store
from store import lists as list_store
from store.dto import (
    AgreementInfo,
    ArticleCard,
    CountryWithData,
    EventInfo,
    RoleInfo,
    SourceRef,
    TradeInfo,
    is_row_id,
)

LabelsFor = Callable[[str], ChartLabels]  # chart labels for a country, in the user's language

PAGE_SIZE = 8
LATEST_DEFAULT, LATEST_MAX = 10, 50
VIEW_LIFETIME = dt.timedelta(days=7)
_YEARS = re.compile(r"(?<!\d)(\d{4})(?:\s*[-–—]\s*(\d{4}))?(?!\d)")
_YEAR_RANGE = (1900, 2100)
_CHART_METRICS = {"turnover", "exports", "imports"}


class ListKind(StrEnum):
    SEARCH = "search"
    TREATIES = "treaties"
    TIMELINE = "timeline"
    SOURCES = "sources"
    AGREEMENTS = "agreements"
    PEOPLE = "people"
    COUNTRIES = "countries"
    TRADE_COUNTRIES = "trade_countries"
    LATEST = "latest"


class SearchIndexPending(Exception):
    """Raised inside page building when the search index is not built yet."""


def pages_for(total: int) -> int:
    return max((total + PAGE_SIZE - 1) // PAGE_SIZE, 1)


def clamp_page(page: int, total: int) -> int:
    return min(max(page, 1), pages_for(total))


# ------------------------------------------------------------------ results

FactInfo = EventInfo | AgreementInfo | TradeInfo | RoleInfo | SourceRef | ArticleCard


class Entry(NamedTuple):
    """A fact of any kind in a mixed list (search, timeline, latest)."""

    kind: str  # event | agreement | trade | person | article
    info: FactInfo

    @property
    def fact_id(self) -> int:
        """The id an "open" button carries: people and articles by their own ids."""
        if isinstance(self.info, RoleInfo):
            return self.info.person_id
        if isinstance(self.info, SourceRef):
            return self.info.article_id
        if isinstance(self.info, ArticleCard):
            return self.info.source.article_id
        return self.info.id


class SourceCount(NamedTuple):
    source: SourceRef
    facts: int


class TradeCountry(NamedTuple):
    iso2: str
    figures: int


ListItem = Entry | SourceCount | TradeCountry | RoleInfo | AgreementInfo | CountryWithData
Params = dict[str, Any]


@dataclass(frozen=True)
class PageResult:
    kind: ListKind
    params: Params
    items: Sequence[ListItem]
    page: int
    pages: int
    total: int
    view_id: int | None = None


@dataclass(frozen=True)
class BadArgument:
    reason: Literal["years", "number"]
    kind: Literal["bad_argument"] = "bad_argument"


@dataclass(frozen=True)
class TradeReport:
    iso2: str
    figures: list[TradeInfo]
    chart: bytes | None = field(default=None, repr=False)
    kind: Literal["trade_report"] = "trade_report"


@dataclass(frozen=True)
class Expired:
    kind: Literal["expired"] = "expired"


@dataclass(frozen=True)
class SearchNotReady:
    """A large store's search index is still being built after a restart."""

    kind: Literal["search_not_ready"] = "search_not_ready"


# ------------------------------------------------------------------ the registry


@dataclass(frozen=True)
class PageQuery:
    directory: Directory
    session: AsyncSession
    params: Params
    offset: int
    limit: int


Fetch = Callable[[PageQuery], Awaitable[tuple[Sequence[ListItem], int]]]


def _entries(pairs: Sequence[tuple[str, FactInfo]]) -> list[ListItem]:
    return [Entry(kind, info) for kind, info in pairs]


def _slice(everything: Sequence[ListItem], q: PageQuery) -> tuple[Sequence[ListItem], int]:
    return everything[q.offset : q.offset + q.limit], len(everything)


async def _fetch_search(q: PageQuery) -> tuple[Sequence[ListItem], int]:
    if q.directory.search is None:
        raise SearchIndexPending
    hits = q.directory.search.search(str(q.params["q"]))
    chosen = hits[q.offset : q.offset + q.limit]
    return await entries_by_ids(q.session, [(hit.kind, hit.id) for hit in chosen]), len(hits)


async def _fetch_treaties(q: PageQuery) -> tuple[Sequence[ListItem], int]:
    ids = await _treaty_ids(q.directory, q.session, str(q.params.get("q") or ""))
    if ids is None:
        return await fact_store.agreements_page(q.session, q.offset, q.limit)
    chosen = ids[q.offset : q.offset + q.limit]
    return await fact_store.agreements_by_ids(q.session, chosen), len(ids)


async def _fetch_timeline(q: PageQuery) -> tuple[Sequence[ListItem], int]:
    p = q.params
    rows, total = await list_store.timeline_page(
        q.session, p.get("c"), p.get("from"), p.get("to"), q.offset, q.limit
    )
    return _entries(rows), total


async def _fetch_sources(q: PageQuery) -> tuple[Sequence[ListItem], int]:
    rows, total = await list_store.sources_page(q.session, q.params.get("c"), q.offset, q.limit)
    return [SourceCount(source, facts) for source, facts in rows], total


async def _fetch_agreements(q: PageQuery) -> tuple[Sequence[ListItem], int]:
    iso2 = str(q.params["c"])
    return await list_store.country_agreements_page(q.session, iso2, q.offset, q.limit)


async def _fetch_people(q: PageQuery) -> tuple[Sequence[ListItem], int]:
    return await list_store.country_people_page(q.session, str(q.params["c"]), q.offset, q.limit)


async def _fetch_countries(q: PageQuery) -> tuple[Sequence[ListItem], int]:
    return _slice(await fact_store.countries_with_data(q.session), q)


async def _fetch_trade_countries(q: PageQuery) -> tuple[Sequence[ListItem], int]:
    pairs = await list_store.countries_with_trade(q.session)
    return _slice([TradeCountry(code, count) for code, count in pairs], q)


async def _fetch_latest(q: PageQuery) -> tuple[Sequence[ListItem], int]:
    return _slice(_entries(await list_store.latest_entries(q.session, int(q.params["n"]))), q)


LIST_KINDS: dict[ListKind, Fetch] = {
    ListKind.SEARCH: _fetch_search,
    ListKind.TREATIES: _fetch_treaties,
    ListKind.TIMELINE: _fetch_timeline,
    ListKind.SOURCES: _fetch_sources,
    ListKind.AGREEMENTS: _fetch_agreements,
    ListKind.PEOPLE: _fetch_people,
    ListKind.COUNTRIES: _fetch_countries,
    ListKind.TRADE_COUNTRIES: _fetch_trade_countries,
    ListKind.LATEST: _fetch_latest,
}


# ------------------------------------------------------------------ pages of stored views


async def start_view(
    directory: Directory,
    session: AsyncSession,
    chat_id: int,
    kind: ListKind,
    params: Params,
    page: int = 1,
) -> PageResult:
    """Store a new view and return its first (or the asked) page."""
    view_id = await list_store.create_view(session, chat_id, kind.value, params)
    return await _page(directory, session, kind, params, page, view_id)


async def open_page(
    directory: Directory,
    session: AsyncSession,
    chat_id: int,
    view_id: int,
    page: int,
    now: dt.datetime | None = None,
) -> PageResult | Expired | SearchNotReady:
    if not is_row_id(view_id):
        return Expired()
    view = await list_store.get_view(session, view_id, chat_id)
    now = now or dt.datetime.now(dt.UTC)
    if view is None or view.kind not in set(ListKind) or now - view.created_at > VIEW_LIFETIME:
        return Expired()
    try:
        return await _page(directory, session, ListKind(view.kind), view.params, page, view.id)
    except SearchIndexPending:
        return SearchNotReady()
    except (KeyError, TypeError, ValueError):
        return Expired()  # parameters written by an older version


async def _page(
    directory: Directory,
    session: AsyncSession,
    kind: ListKind,
    params: Params,
    page: int,
    view_id: int | None,
) -> PageResult:
    page = max(page, 1)
    query = PageQuery(directory, session, params, (page - 1) * PAGE_SIZE, PAGE_SIZE)
    items, total = await LIST_KINDS[kind](query)
    if page > pages_for(total) and total:
        # A page past the end (a stale button): show the last one instead.
        return await _page(directory, session, kind, params, pages_for(total), view_id)
    return PageResult(kind, params, items, page, pages_for(total), total, view_id)


async def _treaty_ids(directory: Directory, session: AsyncSession, query: str) -> list[int] | None:
    if not query:
        return None
    result = await treaty_search(directory, session, query)
    if result.kind == "matches":
        return [agreement.id for agreement in result.agreements]
    return []


async def entries_by_ids(session: AsyncSession, wanted: list[tuple[str, int]]) -> list[ListItem]:
    """Visible facts of any kind, in the order asked; those no longer shown are left out."""

    def ids(kind: str) -> list[int]:
        return [fact_id for fact_kind, fact_id in wanted if fact_kind == kind]

    found: dict[tuple[str, int], FactInfo] = {}
    for info in await list_store.events_by_ids(session, ids("event")):
        found[("event", info.id)] = info
    for agreement in await fact_store.agreements_by_ids(session, ids("agreement")):
        found[("agreement", agreement.id)] = agreement
    for figure in await list_store.trade_by_ids(session, ids("trade")):
        found[("trade", figure.id)] = figure
    for role in await list_store.roles_by_person_ids(session, ids("person")):
        found[("person", role.person_id)] = role
    for source in await list_store.articles_by_ids(session, ids("article")):
        found[("article", source.article_id)] = source
    return [
        Entry(kind, found[(kind, fact_id)]) for kind, fact_id in wanted if (kind, fact_id) in found
    ]


async def open_item(session: AsyncSession, kind: str, item_id: int) -> Entry | None:
    """One search result in full (the "open" button)."""
    if not is_row_id(item_id):
        return None
    if kind == "article":  # a card of its own: the article and the facts it supports
        card = await list_store.article_card(session, item_id)
        return Entry(kind, card) if card is not None else None
    items = await entries_by_ids(session, [(kind, item_id)])
    return items[0] if items and isinstance(items[0], Entry) else None


async def prune_views(session: AsyncSession, now: dt.datetime) -> int:
    """Views past their lifetime answer "expired" anyway: delete them, so the table stays
    the size of a week of browsing."""
    return await list_store.delete_views_before(session, now - VIEW_LIFETIME)


# ------------------------------------------------------------------ commands


async def countries_with_data(session: AsyncSession) -> list[str]:
    """Partner countries with facts, the best covered first."""
    return [country.iso2 for country in await fact_store.countries_with_data(session)]


async def search(
    directory: Directory, session: AsyncSession, chat_id: int, query: str
) -> PageResult | SearchNotReady:
    if directory.search is None:
        return SearchNotReady()
    return await start_view(directory, session, chat_id, ListKind.SEARCH, {"q": query})


async def events_matching(
    directory: Directory, session: AsyncSession, query: str, limit: int = 5
) -> list[EventInfo]:
    """The events a search finds, best first (inline mode); none before the index is built."""
    if directory.search is None:
        return []
    hits = [hit for hit in directory.search.search(query) if hit.kind == "event"][:limit]
    return await list_store.events_by_ids(session, [hit.id for hit in hits])


async def timeline(
    directory: Directory, session: AsyncSession, chat_id: int, query: str
) -> PageResult | CountryNotMatched | BadArgument:
    """`/timeline [country] [year or range]`: both parts optional, in either order."""
    year_from = year_to = None
    years = _YEARS.search(query)
    if years:
        year_from = int(years.group(1))
        year_to = int(years.group(2) or years.group(1))
        if year_from > year_to:
            year_from, year_to = year_to, year_from
        if year_from < _YEAR_RANGE[0] or year_to > _YEAR_RANGE[1]:
            return BadArgument("years")
        query = (query[: years.start()] + " " + query[years.end() :]).strip()
    country = _optional_partner(directory, query)
    if isinstance(country, CountryNotMatched):
        return country
    params = {"c": country, "from": year_from, "to": year_to}
    return await start_view(directory, session, chat_id, ListKind.TIMELINE, params)


async def sources(
    directory: Directory, session: AsyncSession, chat_id: int, query: str
) -> PageResult | CountryNotMatched:
    country = _optional_partner(directory, query)
    if isinstance(country, CountryNotMatched):
        return country
    return await start_view(directory, session, chat_id, ListKind.SOURCES, {"c": country})


def _optional_partner(directory: Directory, query: str) -> str | CountryNotMatched | None:
    """No query: every country (None); otherwise the one it names."""
    return resolve_partner(directory, query) if query else None


_CARD_SECTIONS = {
    "agreements": ListKind.AGREEMENTS,
    "timeline": ListKind.TIMELINE,
    "people": ListKind.PEOPLE,
    "sources": ListKind.SOURCES,
}


async def country_section(
    directory: Directory,
    session: AsyncSession,
    chat_id: int,
    iso2: str,
    section: str,
    labels_for: LabelsFor,
) -> PageResult | TradeReport | Expired:
    """What a button under the country card opens."""
    if iso2 not in directory.countries.records:
        return Expired()
    if section == "trade":
        return await trade_report(session, iso2, labels_for)
    kind = _CARD_SECTIONS.get(section)
    if kind is None:
        return Expired()
    params: Params = {"c": iso2}
    if kind is ListKind.TIMELINE:
        params.update({"from": None, "to": None})
    return await start_view(directory, session, chat_id, kind, params)


async def latest(
    directory: Directory, session: AsyncSession, chat_id: int, argument: str
) -> PageResult | BadArgument:
    count = LATEST_DEFAULT
    if argument:
        if not (argument.isascii() and argument.isdigit() and 1 <= int(argument) <= LATEST_MAX):
            return BadArgument("number")
        count = int(argument)
    return await start_view(directory, session, chat_id, ListKind.LATEST, {"n": count})


async def trade(
    directory: Directory, session: AsyncSession, chat_id: int, query: str, labels_for: LabelsFor
) -> PageResult | TradeReport | CountryNotMatched:
    if not query:
        return await start_view(directory, session, chat_id, ListKind.TRADE_COUNTRIES, {})
    partner = resolve_partner(directory, query)
    if isinstance(partner, CountryNotMatched):
        return partner
    return await trade_report(session, partner, labels_for)


async def trade_report(session: AsyncSession, iso2: str, labels_for: LabelsFor) -> TradeReport:
    figures = await list_store.trade_for_country(session, iso2)
    points = chart_points(figures)
    chart = None
    if len(points) >= 2:
        # matplotlib is CPU-bound: draw in a worker thread, never on the event loop.
        chart = await asyncio.to_thread(trade_chart_png, points, labels_for(iso2))
    return TradeReport(iso2, figures, chart)


def chart_points(figures: list[TradeInfo]) -> list[TradePoint]:
    """Money figures in US dollars with a year: what a chart can honestly put on one axis."""
    points = []
    for figure in figures:
        year = figure.year if figure.kind == "actual" else figure.target_year
        # An actual figure needs its year; a target without one is drawn as a level line.
        if (
            figure.metric in _CHART_METRICS
            and figure.unit == "USD"
            and (year or figure.kind == "target")
        ):
            points.append(
                TradePoint(year, float(figure.value) / 1e9, figure.kind == "target", figure.metric)
            )
    return points
