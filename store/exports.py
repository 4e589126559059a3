"""Every visible fact of a country (or of all countries), for /export and /calendar.

Read in chunks: the fact rows of one chunk, then their countries, people and sources in a
few queries keyed by those ids, so an export of thousands of facts never builds one huge
IN list."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from store.dto import AgreementInfo, EventInfo, TradeInfo
from store.mappers import agreement_infos, event_infos, newest_agreements, trade_infos
from store.models import Agreement, Event, TradeFigure
from store.visibility import (
    agreement_visible,
    event_visible,
    trade_visible,
    with_both_parties,
    with_both_sides,
)

CHUNK = 400


@dataclass(frozen=True, slots=True)
class ExportedFacts:
    events: list[EventInfo]
    agreements: list[AgreementInfo]
    trade: list[TradeInfo]


async def _rows(session: AsyncSession, query: Any) -> list[Any]:
    return list((await session.scalars(query)).all())


def _chunks(rows: Sequence[Any]) -> list[Sequence[Any]]:
    return [rows[start : start + CHUNK] for start in range(0, len(rows), CHUNK)]


async def visible_events(session: AsyncSession, iso2: str | None) -> list[EventInfo]:
    """Newest first; of one country (with Kazakhstan) or of all."""
    query = (
        with_both_sides(select(Event), iso2) if iso2 else select(Event).where(event_visible())
    ).order_by(Event.date_start.desc().nulls_last(), Event.id.desc())
    found: list[EventInfo] = []
    for chunk in _chunks(await _rows(session, query)):
        found.extend(await event_infos(session, chunk))
    return found


async def visible_agreements(session: AsyncSession, iso2: str | None) -> list[AgreementInfo]:
    query = (
        with_both_parties(select(Agreement), iso2)
        if iso2
        else select(Agreement).where(agreement_visible())
    ).order_by(*newest_agreements())
    found: list[AgreementInfo] = []
    for chunk in _chunks(await _rows(session, query)):
        found.extend(await agreement_infos(session, chunk))
    return found


async def visible_trade(session: AsyncSession, iso2: str | None) -> list[TradeInfo]:
    query = select(TradeFigure).where(trade_visible())
    if iso2:
        query = query.where(
            or_(TradeFigure.partner_iso2 == iso2, TradeFigure.reporter_iso2 == iso2)
        )
    query = query.order_by(
        TradeFigure.year.desc().nulls_last(), TradeFigure.target_year, TradeFigure.id.desc()
    )
    found: list[TradeInfo] = []
    for chunk in _chunks(await _rows(session, query)):
        found.extend(await trade_infos(session, chunk))
    return found


async def visible_facts(session: AsyncSession, iso2: str | None) -> ExportedFacts:
    return ExportedFacts(
        await visible_events(session, iso2),
        await visible_agreements(session, iso2),
        await visible_trade(session, iso2),
    )
