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


def instant_period(now: dt.datetime) -> str:
    """An instant delivery's period: the minute of the tick (one per subscription and
    minute, so a repeated tick never sends twice)."""
    return now.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%MZ")


def _scheduled(subscription: dto.SubscriptionInfo, now: dt.datetime) -> dto.DueDelivery | None:
    period, moment = latest_occurrence(schedule_of(subscription), now)
    # A moment before the subscription existed is not owed to it.
    if moment >= subscription.created_at:
        return dto.DueDelivery(subscription.id, period, moment)
    return None


async def tick(session_factory: async_sessionmaker[AsyncSession], now: dt.datetime) -> int:
    """Create the deliveries due at `now`; returns how many were created. An instant
    subscription is due whenever facts entered the database after its last delivery."""
    async with session_factory() as session:
        candidates = await subscription_store.due_candidates(session)
        due: list[dto.DueDelivery] = []
        newest: dt.datetime | None = None
        if any(s.frequency == "instant" for s in candidates):
            newest = await delivery_store.newest_fact_at(session)
        for subscription in candidates:
            if subscription.frequency != "instant":
                scheduled = _scheduled(subscription, now)
                if scheduled is not None:
                    due.append(scheduled)
            elif newest is not None and subscription.covered_until < newest <= now:
                due.append(dto.DueDelivery(subscription.id, instant_period(now), now))
        have = await delivery_store.existing_periods(
            session, [(d.subscription_id, d.period) for d in due]
        )
        missing = [d for d in due if (d.subscription_id, d.period) not in have]
        created = await delivery_store.create_due_deliveries(session, missing, now)
    if created:
        log.info("digest tick at %s: %d deliveries due", now.isoformat(), created)
    return created
