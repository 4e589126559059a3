"""Digest subscriptions: create, list, pause, change, remove; which are due; chats that
blocked the bot or moved."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import and_, func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from store.dto import SubscribeOutcome, SubscriptionInfo
from store.mappers import aware
from store.models import (
    Subscription,
)

MAX_SUBSCRIPTIONS_PER_CHAT = 10


def subscription_info(row: Subscription) -> SubscriptionInfo:
    return SubscriptionInfo(
        row.id,
        row.chat_id,
        row.chat_type,
        row.frequency,
        row.weekday,
        row.local_time,
        row.timezone,
        tuple(c for c in row.countries_key.split(",") if c),
        row.language,
        row.notify_empty,
        row.paused,
        row.active,
        aware(row.covered_until) or dt.datetime.now(dt.UTC),
        aware(row.created_at) or dt.datetime.now(dt.UTC),
    )


async def _renewed(
    session: AsyncSession, existing: Subscription, notify_empty: bool, now: dt.datetime
) -> SubscribeOutcome:
    """The identical subscription asked for again: reactivated if it was paused or off."""
    if existing.notify_empty != notify_empty:  # the one setting outside the identity
        existing.notify_empty = notify_empty
        await session.commit()
    if not existing.active or existing.paused:
        existing.active, existing.paused, existing.deactivated_reason = True, False, None
        existing.covered_until = now
        await session.commit()
        return SubscribeOutcome(subscription_info(existing), created=True)
    return SubscribeOutcome(subscription_info(existing), created=False)


async def subscribe(
    session: AsyncSession,
    *,
    chat_id: int,
    chat_type: str,
    user_id: int | None,
    frequency: str,
    weekday: int,
    local_time: str,
    timezone: str,
    countries_key: str,
    language: str,
    now: dt.datetime,
    notify_empty: bool = False,
) -> SubscribeOutcome:
    """Create, or find the identical one (the unique constraint decides, so a flood of the
    same command from one chat still leaves one row)."""
    identity = and_(
        Subscription.chat_id == chat_id,
        Subscription.frequency == frequency,
        Subscription.weekday == weekday,
        Subscription.local_time == local_time,
        Subscription.timezone == timezone,
        Subscription.countries_key == countries_key,
    )
    existing = await session.scalar(select(Subscription).where(identity))
    if existing is not None:
        return await _renewed(session, existing, notify_empty, now)
    count = await session.scalar(
        select(func.count())
        .select_from(Subscription)
        .where(Subscription.chat_id == chat_id, Subscription.active.is_(True))
    )
    if int(count or 0) >= MAX_SUBSCRIPTIONS_PER_CHAT:
        return SubscribeOutcome(None, created=False, too_many=True)
    row = Subscription(
        chat_id=chat_id,
        chat_type=chat_type,
        created_by=user_id,
        frequency=frequency,
        weekday=weekday,
        local_time=local_time,
        timezone=timezone,
        countries_key=countries_key,
        language=language,
        covered_until=now,
        created_at=now,
        notify_empty=notify_empty,
    )
    session.add(row)
    try:
        await session.commit()
    except IntegrityError:  # the same request from a concurrent update won the race
        await session.rollback()
        existing = await session.scalar(select(Subscription).where(identity))
        return SubscribeOutcome(subscription_info(existing) if existing else None, created=False)
    return SubscribeOutcome(subscription_info(row), created=True)


async def chat_subscriptions(session: AsyncSession, chat_id: int) -> list[SubscriptionInfo]:
    rows = (
        await session.scalars(
            select(Subscription)
            .where(Subscription.chat_id == chat_id, Subscription.active.is_(True))
            .order_by(Subscription.id)
        )
    ).all()
    return [subscription_info(row) for row in rows]


async def get_subscription(session: AsyncSession, subscription_id: int) -> SubscriptionInfo | None:
    row = await session.get(Subscription, subscription_id)
    return subscription_info(row) if row else None


async def set_paused(
    session: AsyncSession, chat_id: int, subscription_id: int, paused: bool, now: dt.datetime
) -> bool:
    row = await session.get(Subscription, subscription_id)
    if row is None or row.chat_id != chat_id or not row.active:
        return False
    if row.paused and not paused:
        # Resuming starts afresh: no flood of everything published while paused.
        row.covered_until = now
    row.paused = paused
    await session.commit()
    return True


async def set_time(
    session: AsyncSession, chat_id: int, subscription_id: int, local_time: str
) -> bool | None:
    """True when changed; False when not this chat's; None when an identical one exists."""
    row = await session.get(Subscription, subscription_id)
    if row is None or row.chat_id != chat_id or not row.active:
        return False
    row.local_time = local_time
    try:
        await session.commit()
    except IntegrityError:
        await session.rollback()
        return None
    return True


UNSUBSCRIBED = "unsubscribed"


async def unsubscribe(
    session: AsyncSession, chat_id: int, subscription_id: int | None, batch: str
) -> int:
    """Switch off one of the chat's subscriptions, or all of them; how many went. The rows
    stay, marked with `batch`, so that `undo_unsubscribe` can bring them back."""
    result = await session.execute(
        update(Subscription)
        .where(
            Subscription.chat_id == chat_id,
            Subscription.active.is_(True),
            *([Subscription.id == subscription_id] if subscription_id is not None else []),
        )
        .values(active=False, deactivated_reason=f"{UNSUBSCRIBED}:{batch}")
    )
    await session.commit()
    return int(getattr(result, "rowcount", 0) or 0)


async def undo_unsubscribe(session: AsyncSession, chat_id: int, batch: str) -> int:
    """Bring back what one `unsubscribe` switched off in this chat; how many came back."""
    result = await session.execute(
        update(Subscription)
        .where(
            Subscription.chat_id == chat_id,
            Subscription.active.is_(False),
            Subscription.deactivated_reason == f"{UNSUBSCRIBED}:{batch}",
        )
        .values(active=True, deactivated_reason=None)
    )
    await session.commit()
    return int(getattr(result, "rowcount", 0) or 0)


async def due_candidates(session: AsyncSession) -> list[SubscriptionInfo]:
    rows = (
        await session.scalars(
            select(Subscription).where(
                Subscription.active.is_(True), Subscription.paused.is_(False)
            )
        )
    ).all()
    return [subscription_info(row) for row in rows]


async def deactivate(session: AsyncSession, subscription_id: int, reason: str) -> None:
    await session.execute(
        update(Subscription)
        .where(Subscription.id == subscription_id)
        .values(active=False, deactivated_reason=reason[:200])
    )
    await session.commit()


async def migrate_chat(session: AsyncSession, old_chat_id: int, new_chat_id: int) -> None:
    """A group became a supergroup: its subscriptions follow it."""
    await session.execute(
        update(Subscription)
        .where(Subscription.chat_id == old_chat_id)
        .values(chat_id=new_chat_id, chat_type="supergroup")
    )
    await session.commit()
