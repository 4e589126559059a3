"""Which Telegram updates were handled already (webhook mode)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import delete
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

from store.models import ProcessedUpdate


async def first_sighting(session: AsyncSession, update_id: int, now: dt.datetime) -> bool:
    """Record the update; False when it was recorded before (a re-post, or another replica
    has it). The primary key decides, so two replicas racing still agree."""
    dialect = session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    inserted = await session.execute(
        insert(ProcessedUpdate)
        .values(update_id=update_id, seen_at=now)
        .on_conflict_do_nothing(index_elements=["update_id"])
        .returning(ProcessedUpdate.update_id)
    )
    first = inserted.first() is not None
    await session.commit()
    return first


async def forget_older_than(session: AsyncSession, moment: dt.datetime) -> None:
    await session.execute(delete(ProcessedUpdate).where(ProcessedUpdate.seen_at < moment))
    await session.commit()
