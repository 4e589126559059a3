"""Watching sources inside the bot: APScheduler calls a round once a minute (the leader
only, under the feeds lock); after it, each admin gets one message per newly queued
article, with buttons to review it or skip it."""

from __future__ import annotations

import asyncio
import datetime as dt
import logging

import aiohttp
from aiogram import Bot
from aiogram.exceptions import TelegramAPIError
from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.interval import IntervalTrigger

from bot.drafts import draft_from_state
from bot.feeds.ingest import Reader
from bot.feeds.poller import Clock
from bot.feeds.runner import run_round, thread_reader, utc_now
from bot.i18n import Translator, translator
from bot.render import feeds as render_feeds
from bot.render import upload
from bot.render.facts import CountryName
from bot.render.html import pack
from bot.runtime import Runtime
from handlers.keyboards.feeds import queue_keyboard
from store import feeds as feed_store
from store.dto import ItemInfo
from store.locks import FEEDS_LOCK_KEY, Leadership

log = logging.getLogger(__name__)
ROUND_SECONDS = 60
ANNOUNCE_BATCH = 20


class FeedRunner:
    def __init__(
        self,
        runtime: Runtime,
        bot: Bot,
        *,
        clock: Clock = utc_now,
        read: Reader | None = None,
        per_host_interval: float = 2.0,
    ) -> None:
        self.runtime, self.bot, self.clock = runtime, bot, clock
        self.read = read or thread_reader()
        self.per_host_interval = per_host_interval
        self.leadership = Leadership(runtime.engine, FEEDS_LOCK_KEY, "the feed poller")
        self.scheduler = AsyncIOScheduler(timezone=dt.UTC)
        self._http: aiohttp.ClientSession | None = None
        self._stopped = False

    async def round_once(self) -> int:
        """One round and its announcements; how many articles were announced."""
        try:
            if not await self.leadership.is_leader():
                return 0
            if self._http is None:
                self._http = aiohttp.ClientSession()
            await run_round(
                self.runtime.session_factory,
                self._http,
                self.clock,
                self.read,
                per_host_interval=self.per_host_interval,
                auto_confidence=self.runtime.settings.feed_auto_confidence,
            )
            return await self.announce()
        except asyncio.CancelledError:
            if not self._stopped:
                raise
            # the bot is stopping: what the round recorded stays, the rest is the next
            # start's; a cancelled job is no error to report with a traceback
            log.info("feed round stopped by the shutdown")
            return 0
        except Exception:  # the next round retries; items already recorded are not lost
            log.exception("feed round failed")
            return 0

    async def announce(self) -> int:
        async with self.runtime.session_factory() as session:
            fresh = await feed_store.unannounced(session, ANNOUNCE_BATCH)
        if not fresh:
            return 0
        t = translator("ru")
        directory = self.runtime.directory

        def name(code: str) -> str:
            return directory.country_name(code, t.language)

        for item in fresh:
            text = self._notice(t, item, name)
            for admin in sorted(self.runtime.settings.admin_ids):
                try:
                    await self.bot.send_message(admin, text, reply_markup=queue_keyboard(t, [item]))
                except TelegramAPIError as error:
                    log.warning("could not tell admin %s of item %s: %s", admin, item.id, error)
        async with self.runtime.session_factory() as session:
            await feed_store.mark_announced(session, [item.id for item in fresh])
        return len(fresh)

    @staticmethod
    def _notice(t: Translator, item: ItemInfo, name: CountryName) -> str:
        """The article as an upload's preview shows it: its fields, then its first facts;
        "Review" opens the same preview with its controls."""
        draft = draft_from_state(item.draft)
        blocks = [render_feeds.queued_notice(t, item)]
        if draft is not None:
            blocks += [upload.preview_header(t, draft, name), upload.review_page(t, draft, 0, name)]
        return pack(blocks)[0]

    async def start_after(self, delay: float) -> None:
        """In the bot: the first updates after a start are answered before the first round."""
        await asyncio.sleep(delay)
        if self._stopped:
            return
        self.scheduler.add_job(
            self.round_once,
            IntervalTrigger(seconds=ROUND_SECONDS),
            next_run_time=dt.datetime.now(dt.UTC),
            coalesce=True,
            max_instances=1,
            misfire_grace_time=None,
        )
        self.scheduler.start()

    async def stop(self) -> None:
        self._stopped = True
        if self.scheduler.running:
            self.scheduler.shutdown(wait=False)
        if self._http is not None:
            await self._http.close()
        await self.leadership.release()
