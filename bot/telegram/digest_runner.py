"""Running digests inside the bot (or alone): APScheduler is only the clock that calls the
tick once a minute; the sender loop runs beside it. With several processes on PostgreSQL,
one holds an advisory lock and ticks; every one of them may send."""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import os
import socket

from aiogram import Bot
from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.interval import IntervalTrigger

from bot.digest.tick import tick
from bot.i18n import translator
from bot.runtime import Runtime
from bot.telegram.digest_sender import Clock, DigestSender, SenderSettings, utc_now
from handlers.keyboards.subscriptions import digest_keyboard
from store.locks import Leadership

log = logging.getLogger(__name__)


class DigestRunner:
    def __init__(
        self,
        runtime: Runtime,
        bot: Bot,
        *,
        clock: Clock = utc_now,
        send: bool = True,
        schedule: bool = True,
    ) -> None:
        settings = runtime.settings
        self.runtime, self.clock = runtime, clock
        self.send_enabled, self.schedule_enabled = send, schedule
        directory = runtime.directory
        self.sender = DigestSender(
            bot,
            runtime.session_factory,
            lambda language: lambda code: directory.country_name(code, language),
            worker=f"{socket.gethostname()}:{os.getpid()}",
            settings=SenderSettings(
                rate=settings.digest_rate,
                per_chat_interval=settings.digest_per_chat_interval,
                concurrency=settings.digest_concurrency,
                batch=settings.digest_batch,
                claim_lease=dt.timedelta(seconds=settings.digest_claim_lease_seconds),
            ),
            clock=clock,
            keyboard=lambda subscription: digest_keyboard(
                translator(subscription.language),
                subscription,
                lambda code: directory.country_name(code, subscription.language),
            ),
        )
        self.leadership = Leadership(runtime.engine)
        self.scheduler = AsyncIOScheduler(timezone=dt.UTC)
        self._stop = asyncio.Event()
        self._sender_task: asyncio.Task[None] | None = None

    async def tick_once(self) -> int:
        try:
            if await self.leadership.is_leader():
                return await tick(self.runtime.session_factory, self.clock())
        except Exception:  # a failed tick is retried by the next one; the ledger is intact
            log.exception("digest tick failed")
        return 0

    async def start_after(self, delay: float) -> None:
        """In the bot: the first updates after a start are answered before the first tick."""
        await asyncio.sleep(delay)
        if not self._stop.is_set():
            self.start()

    def start(self) -> None:
        if self.schedule_enabled:
            # Misfires and coalescing do not matter for correctness: what is due is read
            # from the database at each tick, so a late tick still finds it.
            self.scheduler.add_job(
                self.tick_once,
                IntervalTrigger(seconds=self.runtime.settings.digest_tick_seconds),
                next_run_time=dt.datetime.now(dt.UTC),
                coalesce=True,
                max_instances=1,
                misfire_grace_time=None,
            )
            self.scheduler.start()
        if self.send_enabled:
            self._sender_task = asyncio.create_task(self.sender.run(self._stop))

    async def stop(self) -> None:
        if self.scheduler.running:
            self.scheduler.shutdown(wait=False)
        self._stop.set()
        if self._sender_task is not None:
            await self._sender_task  # hands its unfinished claims back before returning
        await self.leadership.release()
