"""Delivering digests: claim due ledger rows, compose, send at a paced rate, record progress.

Guarantees (see DESIGN.md): a message is recorded as sent right after Telegram accepts it,
so a crash between the two can repeat only the messages in flight (logged with their
delivery and index before each send); everything else resumes exactly where it stopped.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import logging
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field, replace
from typing import Any

from aiogram import Bot
from aiogram.exceptions import (
    TelegramAPIError,
    TelegramBadRequest,
    TelegramForbiddenError,
    TelegramMigrateToChat,
    TelegramNetworkError,
    TelegramRetryAfter,
    TelegramServerError,
)
from aiogram.types import InlineKeyboardMarkup, LinkPreviewOptions
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.render.digest import compose, nothing_new
from bot.render.facts import CountryName
from store import deliveries as delivery_store
from store import dto
from store import subscriptions as subscription_store

log = logging.getLogger(__name__)
Clock = Callable[[], dt.datetime]


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


@dataclass
class RateLimiter:
    """About `rate` sends a second overall, one per `per_chat` seconds to any chat, and a
    pause for everyone when Telegram says 429."""

    rate: float
    per_chat: float
    monotonic: Callable[[], float] = time.monotonic
    sleep: Callable[[float], Awaitable[None]] = asyncio.sleep
    BURST_SLOTS = 2
    _next_slot: float = 0.0
    _paused_until: float = 0.0
    _chat_next: dict[int, float] = field(default_factory=dict)
    _lock: asyncio.Lock = field(default_factory=asyncio.Lock)

    async def acquire(self, chat_id: int) -> None:
        while True:
            now = self.monotonic()
            chat_wait = self._chat_next.get(chat_id, 0.0) - now
            if chat_wait > 0:
                await self.sleep(chat_wait)
                continue
            async with self._lock:
                now = self.monotonic()
                # Slots unused while the sender was busy elsewhere (claiming, composing) may
                # be taken late, up to two of them: at 25/s that never makes 30 in a second.
                earliest = max(self._next_slot, now - self.BURST_SLOTS / self.rate)
                slot = max(earliest, self._paused_until)
                self._next_slot = slot + 1.0 / self.rate
            if slot > now:
                await self.sleep(slot - now)
            if self.monotonic() < self._paused_until:
                continue  # a 429 arrived while we waited: queue again behind the pause
            self._chat_next[chat_id] = self.monotonic() + self.per_chat
            return

    def pause(self, seconds: float) -> None:
        self._paused_until = max(self._paused_until, self.monotonic() + seconds)


@dataclass(frozen=True)
class SenderSettings:
    rate: float = 25.0
    per_chat_interval: float = 1.0
    concurrency: int = 30
    batch: int = 100
    max_attempts: int = 5
    backoff_seconds: float = 30.0
    claim_lease: dt.timedelta = dt.timedelta(minutes=5)
    idle_poll_seconds: float = 2.0


# The buttons under a digest, for its subscription (built by the handlers' keyboards).
DigestKeyboard = Callable[[dto.SubscriptionInfo], InlineKeyboardMarkup]


class DigestSender:
    def __init__(
        self,
        bot: Bot,
        session_factory: async_sessionmaker[AsyncSession],
        names: Callable[[str], CountryName],
        worker: str,
        settings: SenderSettings = SenderSettings(),
        clock: Clock = utc_now,
        limiter: RateLimiter | None = None,
        keyboard: DigestKeyboard | None = None,
    ) -> None:
        self.bot, self.session_factory, self.names = bot, session_factory, names
        self.keyboard = keyboard
        self.worker, self.settings, self.clock = worker, settings, clock
        self.limiter = limiter or RateLimiter(settings.rate, settings.per_chat_interval)
        self._entries: dict[tuple[dt.datetime, dt.datetime], list[delivery_store.Entry]] = {}
        self._composed: dict[tuple[object, ...], list[str]] = {}
        self.sent_messages = 0

    async def run_once(self) -> int:
        """Claim one batch and deliver it; how many deliveries were handled."""
        batch = await self._claim_and_prepare()
        if batch is None:
            return 0
        claimed, ready = batch
        await self._send_all(ready)
        return len(claimed)

    async def _claim_and_prepare(
        self,
    ) -> tuple[list[dto.ClaimedDelivery], list[dto.ClaimedDelivery]] | None:
        async with self.session_factory() as session:
            await delivery_store.release_stale_claims(
                session, self.clock(), self.settings.claim_lease, self.worker
            )
            claimed = await delivery_store.claim(
                session, self.worker, self.clock(), self.settings.batch
            )
        if not claimed:
            return None
        return claimed, await self.prepare(claimed)

    async def _send_all(self, ready: list[dto.ClaimedDelivery]) -> None:
        gate = asyncio.Semaphore(self.settings.concurrency)

        async def one(delivery: dto.ClaimedDelivery) -> None:
            async with gate:
                try:
                    await self._deliver(delivery)
                except Exception:
                    # E.g. the database went away after a send. The row stays claimed; after
                    # the lease a sender resumes it from the last recorded message.
                    log.exception(
                        "delivery %s interrupted; it resumes after the claim lease", delivery.id
                    )

        await asyncio.gather(*(one(delivery) for delivery in ready))

    async def prepare(self, claimed: list[dto.ClaimedDelivery]) -> list[dto.ClaimedDelivery]:
        """Compose every claimed digest that has no text yet, store them all in one
        transaction, close the empty ones; return those with something to send."""
        composed: dict[int, list[str]] = {}
        ready, empty = [], []
        for delivery in claimed:
            payload = delivery.payload
            if payload is None:
                payload = composed[delivery.id] = await self._compose(delivery)
            if payload:
                ready.append(replace(delivery, payload=payload))
            else:
                empty.append(delivery.id)
        async with self.session_factory() as session:
            await delivery_store.save_payloads(session, composed)
            await delivery_store.finish_many(session, empty, "empty", self.clock())
        return ready

    async def run(self, stop: asyncio.Event) -> None:
        """Deliver until stopped. The next batch is claimed and composed while the current
        one is being sent, so the rate does not sag between batches."""
        upcoming: asyncio.Task[Any] | None = None
        heartbeat = asyncio.create_task(self._renew_claims_until(stop))
        while not stop.is_set():
            try:
                batch = await (upcoming or self._claim_and_prepare())
            except Exception:  # a database hiccup must not end delivery for good
                log.exception("digest sender batch failed; retrying")
                batch = None
            upcoming = None
            if batch is None:
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(stop.wait(), self.settings.idle_poll_seconds)
                continue
            upcoming = asyncio.create_task(self._claim_and_prepare())
            await self._send_all(batch[1])
        if upcoming is not None:
            with contextlib.suppress(Exception):
                await upcoming  # its claims are handed back just below
        heartbeat.cancel()
        async with self.session_factory() as session:
            released = await delivery_store.release_claims_of(session, self.worker, self.clock())
        if released:
            log.info("digest sender %s stopped; %d deliveries handed back", self.worker, released)

    async def _renew_claims_until(self, stop: asyncio.Event) -> None:
        interval = max(self.settings.claim_lease.total_seconds() / 3, 0.05)
        while not stop.is_set():
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), interval)
            try:
                async with self.session_factory() as session:
                    await delivery_store.renew_claims(session, self.worker, self.clock())
            except Exception:  # the next beat tries again; until the lease ends they are ours
                log.warning("could not renew digest claims", exc_info=True)

    async def _still_mine(self, delivery: dto.ClaimedDelivery) -> bool:
        async with self.session_factory() as session:
            mine = await delivery_store.keep_claim(session, delivery.id, self.worker, self.clock())
        if not mine:
            log.warning(
                "delivery %s was taken over by another sender; %s leaves it",
                delivery.id,
                self.worker,
            )
        return mine

    # ------------------------------------------------------------------ one delivery

    async def _compose(self, delivery: dto.ClaimedDelivery) -> list[str]:
        window = (delivery.covers_from, delivery.covers_to)
        if window not in self._entries:
            async with self.session_factory() as session:
                self._entries[window] = await delivery_store.entries_published_between(
                    session, *window
                )
            if len(self._entries) > 64:
                self._entries.pop(next(iter(self._entries)))
        subscription = delivery.subscription
        key = (window, subscription.countries, subscription.language, delivery.period)
        if key not in self._composed:
            self._composed[key] = compose(
                self._entries[window],
                subscription.countries,
                subscription.language,
                self.names(subscription.language),
                delivery.period,
            )
            if len(self._composed) > 512:
                self._composed.pop(next(iter(self._composed)))
        payload = self._composed[key]
        if not payload and subscription.notify_empty:
            payload = nothing_new(subscription.language, delivery.period)
        return payload

    async def _deliver(self, delivery: dto.ClaimedDelivery) -> None:
        payload = delivery.payload or []
        chat_id = delivery.subscription.chat_id
        index = delivery.messages_sent
        while index < len(payload):
            await self.limiter.acquire(chat_id)
            if not await self._still_mine(delivery):
                return
            log.info(
                "delivery %s: message %d of %d to chat %s in flight (sender %s)",
                delivery.id,
                index + 1,
                len(payload),
                chat_id,
                self.worker,
            )
            try:
                await self.bot.send_message(
                    chat_id,
                    payload[index],
                    link_preview_options=LinkPreviewOptions(is_disabled=True),
                    reply_markup=self._markup(delivery, last=index == len(payload) - 1),
                )
            except TelegramRetryAfter as error:
                log.warning("429 from Telegram: pausing all sends for %s s", error.retry_after)
                self.limiter.pause(error.retry_after)
                continue  # the same message again, after the pause
            except TelegramMigrateToChat as error:
                log.info("chat %s migrated to %s", chat_id, error.migrate_to_chat_id)
                async with self.session_factory() as session:
                    await subscription_store.migrate_chat(
                        session, chat_id, error.migrate_to_chat_id
                    )
                chat_id = error.migrate_to_chat_id
                continue
            except TelegramForbiddenError as error:
                await self._deactivate(delivery, f"forbidden: {error.message}")
                return
            except TelegramBadRequest as error:
                if "chat not found" in error.message.lower():
                    await self._deactivate(delivery, "chat not found")
                else:
                    await self._finish(delivery, "failed", f"bad request: {error.message}")
                return
            except (TelegramNetworkError, TelegramServerError, TimeoutError) as error:
                await self._retry_or_fail(delivery, f"{type(error).__name__}: {error}")
                return
            except TelegramAPIError as error:
                await self._finish(delivery, "failed", f"{type(error).__name__}: {error}")
                return
            index += 1
            self.sent_messages += 1
            async with self.session_factory() as session:
                await delivery_store.mark_sent(session, delivery.id, index)
        await self._finish(delivery, "sent")

    def _markup(self, delivery: dto.ClaimedDelivery, last: bool) -> InlineKeyboardMarkup | None:
        """The buttons go under the last message of a digest only."""
        if not last or self.keyboard is None:
            return None
        return self.keyboard(delivery.subscription)

    async def _finish(
        self, delivery: dto.ClaimedDelivery, status: str, error: str | None = None
    ) -> None:
        async with self.session_factory() as session:
            await delivery_store.finish(session, delivery.id, status, self.clock(), error)

    async def _deactivate(self, delivery: dto.ClaimedDelivery, reason: str) -> None:
        log.info("subscription %s deactivated: %s", delivery.subscription.id, reason)
        async with self.session_factory() as session:
            await subscription_store.deactivate(session, delivery.subscription.id, reason)
            await delivery_store.finish(session, delivery.id, "deactivated", self.clock(), reason)

    async def _retry_or_fail(self, delivery: dto.ClaimedDelivery, error: str) -> None:
        if delivery.attempts >= self.settings.max_attempts:
            log.warning(
                "delivery %s failed after %d attempts: %s", delivery.id, delivery.attempts, error
            )
            await self._finish(delivery, "failed", error)
            return
        wait = self.settings.backoff_seconds * 2 ** (delivery.attempts - 1)
        async with self.session_factory() as session:
            await delivery_store.retry_later(
                session, delivery.id, self.clock() + dt.timedelta(seconds=wait), error
            )
