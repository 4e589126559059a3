"""The scheduling tick: create the ledger rows of digests that are due. APScheduler only
calls this every minute; what is due comes from the database, so a missed or late tick
changes nothing but the moment a digest goes out."""

from __future__ import annotations

import datetime as dt
import logging

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.digest.schedule import Schedule, latest_occurrence
from store import deliveries as delivery_store
from store import dto
from store import subscriptions as subscription_store

log = logging.getLogger(__name__)


def schedule_of(subscription: dto.SubscriptionInfo) -> Schedule:
    hours, minutes = (int(part) for part in subscription.local_time.split(":"))
    return Schedule(
        "weekly" if subscription.frequency == "weekly" else "daily",
        dt.time(hours, minutes),
        subscription.timezone,
        subscription.weekday,
    )


async def tick(session_factory: async_sessionmaker[AsyncSession], now: dt.datetime) -> int:
    """Create the deliveries due at `now`; returns how many were created."""
    async with session_factory() as session:
        candidates = await subscription_store.due_candidates(session)
        due: list[dto.DueDelivery] = []
        for subscription in candidates:
            period, moment = latest_occurrence(schedule_of(subscription), now)
            # A moment before the subscription existed is not owed to it.
            if moment >= subscription.created_at:
                due.append(dto.DueDelivery(subscription.id, period, moment))
        have = await delivery_store.existing_periods(
            session, [(d.subscription_id, d.period) for d in due]
        )
        missing = [d for d in due if (d.subscription_id, d.period) not in have]
        created = await delivery_store.create_due_deliveries(session, missing, now)
    if created:
        log.info("digest tick at %s: %d deliveries due", now.isoformat(), created)
    return created
