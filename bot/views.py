"""Browsing services: search, timeline, trade, latest, sources, and the paged lists behind
the country card's buttons. No Telegram here: results are plain records for bot.render.

A paged list is stored as a view (kind + parameters) so its buttons carry only the view id
and a page number; `open_page` serves any page of any stored view.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal

from sqlalchemy.ext.asyncio import AsyncSession

from bot.briefings import Directory, treaty_search
from bot.charts import ChartLabels, TradePoint, trade_chart_png
from bot.matching.countries import HOME_COUNTRY
from store import browse, repo
from store.dto import AgreementInfo, EventInfo, RoleInfo, SourceRef, TradeInfo
from store.models import is_row_id

LabelsFor = Callable[[str], ChartLabels]  # chart labels for a country, in the user's language

PAGE_SIZE = 8
LATEST_DEFAULT, LATEST_MAX = 10, 50
VIEW_LIFETIME = dt.timedelta(days=7)
VIEW_KINDS = (
    "search",
    "treaties",
    "timeline",
    "sources",
    "agreements",
    "people",
    "countries",
    "trade_countries",
    "latest",
)
_YEARS = re.compile(r"(?<!\d)(\d{4})(?:\s*[-–—]\s*(\d{4}))?(?!\d)")
_YEAR_RANGE = (1900, 2100)
_CHART_METRICS = {"turnover", "exports", "imports"}


class SearchIndexPending(Exception):
    """Raised inside page building when the search index is not built yet."""


def pages_for(total: int) -> int:
    return max((total + PAGE_SIZE - 1) // PAGE_SIZE, 1)


def clamp_page(page: int, total: int) -> int:
    return min(max(page, 1), pages_for(total))


# ------------------------------------------------------------------ results

Item = tuple[str, EventInfo | AgreementInfo | TradeInfo | RoleInfo | SourceRef]


@dataclass(frozen=True)
class PageResult:
    kind: str  # one of VIEW_KINDS
    params: dict[str, Any]
    items: list[Any]
    page: int
    pages: int
    total: int
    view_id: int | None = None


@dataclass(frozen=True)
class CountryNeeded:
    """The query named no country we know: not found, or several fit."""

    query: str
    candidates: tuple[str, ...]
    ambiguous: bool
    kind: Literal["country_needed"] = "country_needed"


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


# ------------------------------------------------------------------ pages of stored views


async def start_view(
    directory: Directory,
    session: AsyncSession,
    kind: str,
    params: dict[str, Any],
    page: int = 1,
) -> PageResult:
    """Store a new view and return its first (or the asked) page."""
    view_id = await browse.create_view(session, kind, params)
    return await _page(directory, session, kind, params, page, view_id)


async def open_page(
    directory: Directory,
    session: AsyncSession,
    view_id: int,
    page: int,
    now: dt.datetime | None = None,
) -> PageResult | Expired | SearchNotReady:
    if not is_row_id(view_id):
        return Expired()
    view = await browse.get_view(session, view_id)
    now = now or dt.datetime.now(dt.UTC)
    if view is None or view.kind not in VIEW_KINDS or now - view.created_at > VIEW_LIFETIME:
        return Expired()
    try:
        return await _page(directory, session, view.kind, view.params, page, view.id)
    except SearchIndexPending:
        return SearchNotReady()
    except (KeyError, TypeError, ValueError):
        return Expired()  # parameters written by an older version


async def _page(
    directory: Directory,
    session: AsyncSession,
    kind: str,
    params: dict[str, Any],
    page: int,
    view_id: int | None,
) -> PageResult:
    items: list[Any]
    total: int
    offset = (max(page, 1) - 1) * PAGE_SIZE
    if kind == "search":
        if directory.search is None:
            raise SearchIndexPending
        hits = directory.search.search(str(params["q"]))
        total = len(hits)
        page = clamp_page(page, total)
        chosen = hits[(page - 1) * PAGE_SIZE : page * PAGE_SIZE]
        items = await _search_items(session, [(hit.kind, hit.id) for hit in chosen])
        return PageResult(kind, params, items, page, pages_for(total), total, view_id)
    if kind == "treaties":
        ids = await _treaty_ids(directory, session, str(params.get("q") or ""))
        if ids is None:
            items, total = await repo.agreements_page(session, offset, PAGE_SIZE)
        else:
            total = len(ids)
            items = await repo.agreements_by_ids(session, ids[offset : offset + PAGE_SIZE])
    elif kind == "timeline":
        items, total = await browse.timeline_page(
            session, params.get("c"), params.get("from"), params.get("to"), offset, PAGE_SIZE
        )
    elif kind == "sources":
        items, total = await browse.sources_page(session, params.get("c"), offset, PAGE_SIZE)
    elif kind == "agreements":
        items, total = await browse.country_agreements_page(
            session, str(params["c"]), offset, PAGE_SIZE
        )
    elif kind == "people":
        items, total = await browse.country_people_page(
            session, str(params["c"]), offset, PAGE_SIZE
        )
    elif kind == "countries":
        everything = await repo.countries_with_data(session)
        items, total = everything[offset : offset + PAGE_SIZE], len(everything)
    elif kind == "trade_countries":
        pairs = await browse.countries_with_trade(session)
        items, total = pairs[offset : offset + PAGE_SIZE], len(pairs)
    elif kind == "latest":
        entries = await browse.latest_entries(session, int(params["n"]))
        items, total = entries[offset : offset + PAGE_SIZE], len(entries)
    else:
        raise ValueError(kind)
    if page > pages_for(total) and total:
        # A page past the end (a stale button): show the last one instead.
        return await _page(directory, session, kind, params, pages_for(total), view_id)
    return PageResult(kind, params, items, max(page, 1), pages_for(total), total, view_id)


async def _treaty_ids(directory: Directory, session: AsyncSession, query: str) -> list[int] | None:
    if not query:
        return None
    result = await treaty_search(directory, session, query)
    if result.kind == "matches":
        return [agreement.id for agreement in result.agreements]
    return []


async def _search_items(session: AsyncSession, wanted: list[tuple[str, int]]) -> list[Item]:
    def ids(kind: str) -> list[int]:
        return [fact_id for fact_kind, fact_id in wanted if fact_kind == kind]

    found: dict[tuple[str, int], Any] = {}
    for info in await browse.events_by_ids(session, ids("event")):
        found[("event", info.id)] = info
    for agreement in await repo.agreements_by_ids(session, ids("agreement")):
        found[("agreement", agreement.id)] = agreement
    for figure in await browse.trade_by_ids(session, ids("trade")):
        found[("trade", figure.id)] = figure
    for role in await browse.roles_by_person_ids(session, ids("person")):
        found[("person", role.person_id)] = role
    for source in await browse.articles_by_ids(session, ids("article")):
        found[("article", source.article_id)] = source
    return [(kind, found[(kind, fact_id)]) for kind, fact_id in wanted if (kind, fact_id) in found]


async def open_item(session: AsyncSession, kind: str, item_id: int) -> Item | None:
    """One search result in full (the "open" button)."""
    if not is_row_id(item_id):
        return None
    items = await _search_items(session, [(kind, item_id)])
    return items[0] if items else None


# ------------------------------------------------------------------ commands


async def countries_with_data(session: AsyncSession) -> list[str]:
    """Partner countries with facts, the best covered first."""
    return [country.iso2 for country in await repo.countries_with_data(session)]


async def search(
    directory: Directory, session: AsyncSession, query: str
) -> PageResult | SearchNotReady:
    if directory.search is None:
        return SearchNotReady()
    return await start_view(directory, session, "search", {"q": query})


def resolve_partner(directory: Directory, query: str) -> str | CountryNeeded:
    resolution = directory.countries.resolve(query)
    if resolution.partner and resolution.partner != HOME_COUNTRY:
        return resolution.partner
    candidates = tuple(code for code in resolution.codes if code != HOME_COUNTRY)
    return CountryNeeded(query, candidates or resolution.suggestions, bool(candidates))


async def timeline(
    directory: Directory, session: AsyncSession, query: str
) -> PageResult | CountryNeeded | BadArgument:
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
    country = None
    if query:
        partner = resolve_partner(directory, query)
        if isinstance(partner, CountryNeeded):
            return partner
        country = partner
    params = {"c": country, "from": year_from, "to": year_to}
    return await start_view(directory, session, "timeline", params)


async def sources(
    directory: Directory, session: AsyncSession, query: str
) -> PageResult | CountryNeeded:
    country = None
    if query:
        partner = resolve_partner(directory, query)
        if isinstance(partner, CountryNeeded):
            return partner
        country = partner
    return await start_view(directory, session, "sources", {"c": country})


async def country_section(
    directory: Directory,
    session: AsyncSession,
    iso2: str,
    section: str,
    labels_for: LabelsFor,
) -> PageResult | TradeReport | Expired:
    """What a button under the country card opens."""
    if iso2 not in directory.countries.records:
        return Expired()
    if section == "trade":
        return await trade_report(session, iso2, labels_for)
    kind = {
        "agreements": "agreements",
        "timeline": "timeline",
        "people": "people",
        "sources": "sources",
    }.get(section)
    if kind is None:
        return Expired()
    params: dict[str, Any] = {"c": iso2}
    if kind == "timeline":
        params.update({"from": None, "to": None})
    return await start_view(directory, session, kind, params)


async def latest(
    directory: Directory, session: AsyncSession, argument: str
) -> PageResult | BadArgument:
    count = LATEST_DEFAULT
    if argument:
        if not argument.isdigit() or not 1 <= int(argument) <= LATEST_MAX:
            return BadArgument("number")
        count = int(argument)
    return await start_view(directory, session, "latest", {"n": count})


async def trade(
    directory: Directory, session: AsyncSession, query: str, labels_for: LabelsFor
) -> PageResult | TradeReport | CountryNeeded:
    if not query:
        return await start_view(directory, session, "trade_countries", {})
    partner = resolve_partner(directory, query)
    if isinstance(partner, CountryNeeded):
        return partner
    return await trade_report(session, partner, labels_for)


async def trade_report(session: AsyncSession, iso2: str, labels_for: LabelsFor) -> TradeReport:
    figures = await browse.trade_for_country(session, iso2)
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
