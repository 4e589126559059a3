"""Managing subscriptions: the service behind /subscribe, /subscriptions, /unsubscribe and
the admin previews. No Telegram here."""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession

from bot.digest.parse import ParseProblem, SubscriptionRequest, parse_subscription
from bot.digest.schedule import next_occurrence
from bot.digest.tick import schedule_of
from bot.directory import Directory
from bot.render.digest import compose, nothing_new
from bot.render.facts import CountryName
from store import deliveries as delivery_store
from store import dto
from store import subscriptions as subscription_store
from store.dto import is_row_id, parse_row_id


@dataclass(frozen=True)
class Chat:
    id: int
    type: str
    user_id: int | None
    language: str


def next_digest_at(subscription: dto.SubscriptionInfo, now: dt.datetime) -> dt.datetime | None:
    """None for an instant subscription: it comes when new facts do."""
    if subscription.frequency == "instant":
        return None
    return next_occurrence(schedule_of(subscription), now)


async def subscribe_text(
    session: AsyncSession,
    directory: Directory,
    chat: Chat,
    text: str,
    default_timezone: str,
    now: dt.datetime,
) -> dto.SubscribeOutcome | ParseProblem:
    request = parse_subscription(text, directory.countries, default_timezone)
    if isinstance(request, ParseProblem):
        return request
    return await subscribe(session, chat, request, now)


async def subscribe(
    session: AsyncSession, chat: Chat, request: SubscriptionRequest, now: dt.datetime
) -> dto.SubscribeOutcome:
    return await subscription_store.subscribe(
        session,
        chat_id=chat.id,
        chat_type=chat.type,
        user_id=chat.user_id,
        frequency=request.frequency,
        weekday=request.weekday,
        local_time=request.local_time.strftime("%H:%M"),
        timezone=request.timezone,
        countries_key=request.countries_key,
        language=chat.language,
        now=now,
        notify_empty=request.notify_empty,
    )


async def preview(
    session: AsyncSession,
    subscription: dto.SubscriptionInfo,
    names: CountryName,
    now: dt.datetime,
) -> list[str]:
    """What the subscription would receive if its digest went out now."""
    entries = await delivery_store.entries_published_between(
        session, subscription.covered_until, now
    )
    period = now.date().isoformat()
    messages = compose(entries, subscription.countries, subscription.language, names, period)
    if not messages and subscription.notify_empty:
        return nothing_new(subscription.language, period)
    return messages


# The handlers reach the ledger only through these (handlers -> services -> store).
SubscribeOutcome = dto.SubscribeOutcome
SubscriptionInfo = dto.SubscriptionInfo
MAX_SUBSCRIPTIONS_PER_CHAT = subscription_store.MAX_SUBSCRIPTIONS_PER_CHAT


SAMPLE_WINDOW = dt.timedelta(days=30)


async def recent_entries(session: AsyncSession, now: dt.datetime) -> list[delivery_store.Entry]:
    """The facts of the last month: a new subscription's sample digest is made of them."""
    return await delivery_store.entries_published_between(session, now - SAMPLE_WINDOW, now)


async def chat_subscriptions(session: AsyncSession, chat_id: int) -> list[SubscriptionInfo]:
    return await subscription_store.chat_subscriptions(session, chat_id)


async def pause(
    session: AsyncSession, chat_id: int, subscription_id: int, paused: bool, now: dt.datetime
) -> bool:
    if not is_row_id(subscription_id):
        return False
    return await subscription_store.set_paused(session, chat_id, subscription_id, paused, now)


async def change_time(
    session: AsyncSession, chat_id: int, subscription_id: int, local_time: str
) -> bool | None:
    if not is_row_id(subscription_id):
        return False
    return await subscription_store.set_time(session, chat_id, subscription_id, local_time)


@dataclass(frozen=True)
class Removal:
    count: int
    batch: str  # what `undo_removal` needs to bring them back


async def remove(session: AsyncSession, chat_id: int, subscription_id: int | None) -> Removal:
    """One of the chat's subscriptions, or all; undoable with the batch it returns."""
    batch = secrets.token_hex(4)
    if subscription_id is not None and not is_row_id(subscription_id):
        return Removal(0, batch)
    count = await subscription_store.unsubscribe(session, chat_id, subscription_id, batch)
    return Removal(count, batch)


async def undo_removal(session: AsyncSession, chat_id: int, batch: str) -> int:
    return await subscription_store.undo_unsubscribe(session, chat_id, batch)


async def subscription_to_preview(
    session: AsyncSession, chat_id: int, argument: str
) -> SubscriptionInfo | None:
    """`/digest_preview 12` names one; without a number, the chat's own first one."""
    if argument:
        subscription_id = parse_row_id(argument)
        if subscription_id is None:
            return None
        return await subscription_store.get_subscription(session, subscription_id)
    own = await subscription_store.chat_subscriptions(session, chat_id)
    return own[0] if own else None


async def statistics(session: AsyncSession) -> dto.DigestStats:
    return await delivery_store.stats(session)
