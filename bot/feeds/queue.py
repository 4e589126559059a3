"""The review queue: articles from watched sources waiting for an admin, opened with the
same fact-by-fact review as an upload, skipped, or marked published once they are."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from bot.drafts import Draft, draft_from_state
from store import feeds as feed_store
from store.dto import ItemInfo, is_row_id

QUEUE_PAGE = 10


async def waiting(session: AsyncSession) -> list[ItemInfo]:
    return await feed_store.items_with_status(session, "queued", QUEUE_PAGE)


async def parked(session: AsyncSession) -> list[ItemInfo]:
    """Items that failed three times, with their errors, for an admin to look at."""
    return await feed_store.items_with_status(session, "parked", QUEUE_PAGE)


async def open_item(session: AsyncSession, item_id: int) -> tuple[ItemInfo, Draft] | None:
    """A queued item and its draft; None once it is published, skipped or gone."""
    if not is_row_id(item_id):
        return None
    item = await feed_store.item(session, item_id)
    if item is None or item.status != "queued":
        return None
    draft = draft_from_state(item.draft)
    return (item, draft) if draft is not None else None


async def skip(session: AsyncSession, item_id: int) -> bool:
    if await open_item(session, item_id) is None:
        return False
    await feed_store.finish_item(session, item_id, "skipped")
    return True


async def settle(session: AsyncSession, item_id: int, article_id: int | None) -> None:
    """After its review: published (as this article, or found to be a copy of it), or,
    with no article, discarded."""
    status = "published" if article_id is not None else "skipped"
    await feed_store.finish_item(session, item_id, status, article_id=article_id)
