"""Adding, listing, pausing, resuming and removing watched sources: the use cases the CLI
and /feeds share. A source is checked before it is stored; nothing here fetches."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from sqlalchemy.ext.asyncio import AsyncSession

from bot.extraction.source_url import article_url
from store import feeds as feed_store
from store.dto import SourceInfo, is_row_id

TRUST_LEVELS = ("review", "auto")
DEFAULT_INTERVAL = dt.timedelta(minutes=15)
MIN_INTERVAL = dt.timedelta(minutes=5)  # politeness: no source is asked more often


@dataclass(frozen=True, slots=True)
class SourceProblem:
    reason: Literal["url", "trust", "interval", "exists"]


async def add(
    session: AsyncSession,
    url: str,
    name: str | None,
    trust: str,
    interval: dt.timedelta,
    now: dt.datetime,
    allowed_hosts: tuple[str, ...] = (),
) -> SourceInfo | SourceProblem:
    """`allowed_hosts`: hosts besides the source's own whose article pages may be fetched
    (a feed that links to another site's pages)."""
    checked = article_url(url)
    if checked is None:
        return SourceProblem("url")
    if trust not in TRUST_LEVELS:
        return SourceProblem("trust")
    if interval < MIN_INTERVAL:
        return SourceProblem("interval")
    host = checked.split("/")[2]
    hosts = tuple(sorted({h.strip().lower() for h in allowed_hosts if h.strip()}))
    stored = await feed_store.add_source(
        session, checked, (name or host)[:200], trust, int(interval.total_seconds()), now, hosts
    )
    return stored if stored is not None else SourceProblem("exists")


async def sources(session: AsyncSession) -> list[SourceInfo]:
    return await feed_store.sources(session)


async def remove(session: AsyncSession, source_id: int) -> bool:
    """Off the list and never polled; `restore` brings it back with its items."""
    return is_row_id(source_id) and await feed_store.remove_source(session, source_id)


async def restore(session: AsyncSession, source_id: int) -> bool:
    return is_row_id(source_id) and await feed_store.remove_source(session, source_id, False)


async def set_active(session: AsyncSession, source_id: int, active: bool, now: dt.datetime) -> bool:
    return is_row_id(source_id) and await feed_store.set_active(session, source_id, active, now)
