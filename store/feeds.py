"""Watched sources and their items: adding, listing, pausing, the polling schedule with its
back-off, and the ledger of items seen (recorded before they are processed)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from store.dto import ItemInfo, NewItem, SourceInfo
from store.mappers import aware
from store.models import FeedItem, FeedSource


def _source(row: FeedSource, queued: int = 0) -> SourceInfo:
    return SourceInfo(
        row.id,
        row.url,
        row.feed_url,
        row.name,
        row.trust,
        row.active,
        row.state,
        row.interval_seconds,
        row.etag,
        row.last_modified,
        aware(row.next_poll_at) or dt.datetime.now(dt.UTC),
        aware(row.last_polled_at),
        row.failures,
        row.last_error,
        tuple(row.allowed_hosts or ()),
        row.polled_once,
        queued,
    )


def _item(row: FeedItem, source_name: str) -> ItemInfo:
    return ItemInfo(
        row.id,
        row.source_id,
        source_name,
        row.guid,
        row.url,
        row.title,
        row.summary,
        aware(row.published_at),
        row.status,
        row.attempts,
        row.error,
        row.draft,
    )


async def add_source(
    session: AsyncSession,
    url: str,
    name: str,
    trust: str,
    interval_seconds: int,
    now: dt.datetime,
    allowed_hosts: tuple[str, ...] = (),
) -> SourceInfo | None:
    """None when the URL is watched already."""
    row = FeedSource(
        url=url,
        name=name,
        trust=trust,
        interval_seconds=interval_seconds,
        next_poll_at=now,
        allowed_hosts=list(allowed_hosts),
        created_at=now,
    )
    session.add(row)
    try:
        await session.commit()
    except IntegrityError:
        await session.rollback()
        return None
    return _source(row)


async def sources(session: AsyncSession) -> list[SourceInfo]:
    queued = dict(
        (
            await session.execute(
                select(FeedItem.source_id, func.count())
                .where(FeedItem.status == "queued")
                .group_by(FeedItem.source_id)
            )
        ).all()
    )
    rows = (
        await session.scalars(
            select(FeedSource).where(FeedSource.state != "removed").order_by(FeedSource.id)
        )
    ).all()
    return [_source(row, queued.get(row.id, 0)) for row in rows]


async def source(session: AsyncSession, source_id: int) -> SourceInfo | None:
    row = await session.get(FeedSource, source_id)
    return _source(row) if row is not None else None


async def remove_source(session: AsyncSession, source_id: int, removed: bool = True) -> bool:
    """Taken off the list and never polled (or, `removed=False`, brought back): the row
    and its items stay, so a removal can be undone."""
    row = await session.get(FeedSource, source_id)
    if row is None or (row.state == "removed") == removed:
        return False
    row.state, row.active = ("removed", False) if removed else ("ok", True)
    await session.commit()
    return True


async def set_active(session: AsyncSession, source_id: int, active: bool, now: dt.datetime) -> bool:
    """Pause, or resume (a resumed source is polled at once, its errors forgotten)."""
    values: dict[str, Any] = {"active": active}
    if active:
        values |= {"state": "ok", "failures": 0, "next_poll_at": now}
    result = await session.execute(
        update(FeedSource)
        .where(FeedSource.id == source_id, FeedSource.state != "removed")
        .values(**values)
    )
    await session.commit()
    return bool(result.rowcount)  # type: ignore[attr-defined]


async def due_sources(session: AsyncSession, now: dt.datetime, limit: int) -> list[SourceInfo]:
    rows = (
        await session.scalars(
            select(FeedSource)
            .where(FeedSource.active.is_(True), FeedSource.next_poll_at <= now)
            .order_by(FeedSource.next_poll_at)
            .limit(limit)
        )
    ).all()
    return [_source(row) for row in rows]


async def record_poll(session: AsyncSession, source_id: int, **values: Any) -> None:
    """What a poll learnt: validators, the next poll, the state and error, the feed URL."""
    await session.execute(update(FeedSource).where(FeedSource.id == source_id).values(**values))
    await session.commit()


async def record_items(
    session: AsyncSession, source_id: int, items: Sequence[NewItem], now: dt.datetime
) -> int:
    """The items not seen before, recorded as "seen" (before any is processed); how many.
    One item in two feeds is two rows here; the article behind them is one."""
    if not items:
        return 0
    known = set(
        (
            await session.scalars(
                select(FeedItem.guid).where(
                    FeedItem.source_id == source_id,
                    FeedItem.guid.in_([item.guid for item in items]),
                )
            )
        ).all()
    )
    new = [item for item in dict((i.guid, i) for i in items).values() if item.guid not in known]
    session.add_all(
        FeedItem(
            source_id=source_id,
            guid=item.guid,
            url=item.url,
            title=item.title,
            summary=item.summary,
            published_at=item.published_at,
            status="seen",
            attempts=0,
            announced=False,
            created_at=now,
        )
        for item in new
    )
    try:
        await session.commit()
    except IntegrityError:  # another poller recorded them a moment ago
        await session.rollback()
        return 0
    return len(new)


async def items_to_process(session: AsyncSession, limit: int) -> list[ItemInfo]:
    """Seen and not finished: new ones, and ones a crash interrupted."""
    rows = (
        await session.execute(
            select(FeedItem, FeedSource.name)
            .join(FeedSource, FeedSource.id == FeedItem.source_id)
            .where(FeedItem.status == "seen")
            .order_by(FeedItem.id)
            .limit(limit)
        )
    ).all()
    return [_item(row, name) for row, name in rows]


async def start_attempt(session: AsyncSession, item_id: int) -> int:
    """Counted before the work, so an item that kills its worker is not retried forever."""
    await session.execute(
        update(FeedItem).where(FeedItem.id == item_id).values(attempts=FeedItem.attempts + 1)
    )
    await session.commit()
    return int(await session.scalar(select(FeedItem.attempts).where(FeedItem.id == item_id)) or 0)


async def finish_item(session: AsyncSession, item_id: int, status: str, **values: Any) -> None:
    await session.execute(
        update(FeedItem).where(FeedItem.id == item_id).values(status=status, **values)
    )
    await session.commit()


async def items_with_status(session: AsyncSession, status: str, limit: int) -> list[ItemInfo]:
    rows = (
        await session.execute(
            select(FeedItem, FeedSource.name)
            .join(FeedSource, FeedSource.id == FeedItem.source_id)
            .where(FeedItem.status == status)
            .order_by(FeedItem.id)
            .limit(limit)
        )
    ).all()
    return [_item(row, name) for row, name in rows]


async def item(session: AsyncSession, item_id: int) -> ItemInfo | None:
    row = (
        await session.execute(
            select(FeedItem, FeedSource.name)
            .join(FeedSource, FeedSource.id == FeedItem.source_id)
            .where(FeedItem.id == item_id)
        )
    ).first()
    return _item(*row) if row is not None else None


async def item_with_url(session: AsyncSession, url: str) -> ItemInfo | None:
    """An item of any source already taken for this canonical URL (one article, two feeds)."""
    row = (
        await session.execute(
            select(FeedItem, FeedSource.name)
            .join(FeedSource, FeedSource.id == FeedItem.source_id)
            .where(FeedItem.url == url, FeedItem.status.not_in(["seen", "parked"]))
            .limit(1)
        )
    ).first()
    return _item(*row) if row is not None else None


async def unannounced(session: AsyncSession, limit: int) -> list[ItemInfo]:
    """Queued items the admins have not been told about yet."""
    rows = (
        await session.execute(
            select(FeedItem, FeedSource.name)
            .join(FeedSource, FeedSource.id == FeedItem.source_id)
            .where(FeedItem.status == "queued", FeedItem.announced.is_(False))
            .order_by(FeedItem.id)
            .limit(limit)
        )
    ).all()
    return [_item(row, name) for row, name in rows]


async def mark_announced(session: AsyncSession, item_ids: Sequence[int]) -> None:
    if item_ids:
        await session.execute(
            update(FeedItem).where(FeedItem.id.in_(list(item_ids))).values(announced=True)
        )
        await session.commit()
