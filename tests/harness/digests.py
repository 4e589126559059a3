"""Digest test set-up: subscriptions, publication moments, what chats received."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select, update

from bot.runtime import Runtime
from store import subscriptions as subscription_store
from store.models import Agreement, Delivery, Event, Subscription, TradeFigure
from tests.fake_bot_api import FakeBotApi

UTC = dt.UTC


T0 = dt.datetime(2026, 11, 20, 0, 0, tzinfo=UTC)  # 05:00 in Almaty


def at(day: int, hour: int, minute: int = 0) -> dt.datetime:
    """A moment on 2026-11-<day>, UTC."""
    return dt.datetime(2026, 11, day, hour, minute, tzinfo=UTC)


async def subscribe(
    runtime: Runtime,
    chat_id: int,
    *,
    frequency: str = "daily",
    weekday: int = -1,
    local_time: str = "08:30",
    timezone: str = "Asia/Almaty",
    countries: str = "",
    language: str = "ru",
    now: dt.datetime = T0,
    notify_empty: bool = False,
) -> int:
    async with runtime.session_factory() as session:
        outcome = await subscription_store.subscribe(
            session,
            chat_id=chat_id,
            chat_type="private",
            user_id=chat_id,
            frequency=frequency,
            weekday=weekday,
            local_time=local_time,
            timezone=timezone,
            countries_key=countries,
            language=language,
            now=now,
        )
        assert outcome.subscription is not None
        if notify_empty:
            await session.execute(
                update(Subscription)
                .where(Subscription.id == outcome.subscription.id)
                .values(notify_empty=True)
            )
            await session.commit()
        return outcome.subscription.id


async def publish_all_facts_at(runtime: Runtime, moment: dt.datetime) -> None:
    """Pretend every seeded fact entered the database at `moment`."""
    async with runtime.session_factory() as session:
        for model in (Event, Agreement, TradeFigure):
            await session.execute(update(model).values(created_at=moment))
        await session.commit()


async def digest_sizes(runtime: Runtime) -> dict[int, int]:
    """Messages in each chat's composed digest."""
    async with runtime.session_factory() as session:
        rows = await session.execute(
            select(Subscription.chat_id, Delivery.payload).join(
                Subscription, Subscription.id == Delivery.subscription_id
            )
        )
        return {chat: len(payload or []) for chat, payload in rows if payload}


def received(api: FakeBotApi) -> dict[int, int]:
    return {chat: len(texts) for chat, texts in api.delivered.items()}
