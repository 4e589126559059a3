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
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from bot.digest.tick import tick
from bot.runtime import Runtime
from bot.telegram.digest_sender import Clock, DigestSender, SenderSettings, utc_now

log = logging.getLogger(__name__)
# Any constant both processes agree on; "KZ digest" in ASCII digits.
ADVISORY_LOCK_KEY = 751_068_471_115


class Leadership:
    """Who runs the tick. On PostgreSQL a session-level advisory lock held on a connection of
    its own: when the holder dies its connection closes, the lock is freed, and another
    process takes it at its next minute. SQLite has a single process: always the leader."""

    def __init__(self, engine: AsyncEngine) -> None:
        self.engine = engine
        self._connection: AsyncConnection | None = None

    async def is_leader(self) -> bool:
        if self.engine.dialect.name != "postgresql":
            return True
        if self._connection is not None:
            try:
                await self._connection.execute(text("SELECT 1"))
                return True
            except Exception:  # the connection (and with it the lock) is gone
                log.warning("lost the digest leader lock")
                self._connection = None
        connection = await self.engine.connect()
        # Autocommit: a lock held for days must not keep a transaction open with it.
        await connection.execution_options(isolation_level="AUTOCOMMIT")
        got = await connection.scalar(
            text("SELECT pg_try_advisory_lock(:key)"), {"key": ADVISORY_LOCK_KEY}
        )
        if got:
            self._connection = connection
            log.info("this process now runs the digest tick")
            return True
        await connection.close()
        return False

    async def release(self) -> None:
        if self._connection is not None:
            try:
                await self._connection.execute(
                    text("SELECT pg_advisory_unlock(:key)"), {"key": ADVISORY_LOCK_KEY}
                )
            finally:
                await self._connection.close()
                self._connection = None


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
