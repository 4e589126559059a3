"""One round of watching: poll the sources that are due, then read the items they
brought. `python -m bot feeds poll` runs rounds once a minute; with several replicas only
the leader does (the same advisory lock as the digest tick, under a key of its own)."""

from __future__ import annotations

import asyncio
import datetime as dt
from collections import Counter
from dataclasses import dataclass

import aiohttp
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.drafts import Draft, prepare_draft
from bot.extraction.extractor import Extractor
from bot.extraction.shared import shared_extractor
from bot.feeds.fetch import Fetcher
from bot.feeds.ingest import Ingester, Reader
from bot.feeds.poller import DEFAULT_POLL, Clock, FeedPoller, PollOutcome, PollSettings


def thread_reader(extractor: Extractor | None = None) -> Reader:
    """Read an article in a worker thread with the shared extractor."""

    async def read(data: bytes, filename: str) -> Draft:
        return await asyncio.to_thread(
            prepare_draft, data, filename, extractor or shared_extractor()
        )

    return read


@dataclass(frozen=True, slots=True)
class Round:
    polled: list[PollOutcome]
    items: Counter[str]


async def run_round(
    session_factory: async_sessionmaker[AsyncSession],
    http: aiohttp.ClientSession,
    clock: Clock,
    read: Reader,
    settings: PollSettings = DEFAULT_POLL,
    per_host_interval: float = 2.0,
    auto_confidence: float = 0.85,
) -> Round:
    fetcher = Fetcher(http, per_host_interval=per_host_interval)
    polled = await FeedPoller(session_factory, fetcher, clock, settings).poll_due()
    ingester = Ingester(session_factory, fetcher, read, auto_confidence)
    items = await ingester.process_pending()
    return Round(polled, items)


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)
