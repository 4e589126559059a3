"""Polling the watched sources on their schedule: conditional requests, back-off on errors
(the last one kept for /feeds), Retry-After honoured, a source that is gone paused, a cap
on the items taken from one poll, and on a first poll only recent items."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass, replace
from email.utils import parsedate_to_datetime

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.feeds.fetch import Fetched, Fetcher, FetchError
from bot.feeds.parse import ParsedFeed, discover_feed, parse_feed
from store import feeds as feed_store
from store.dto import NewItem, SourceInfo

log = logging.getLogger(__name__)

Clock = Callable[[], dt.datetime]
MAX_BACKOFF = dt.timedelta(hours=24)
GONE = frozenset({404, 410})
LATER = frozenset({429, 503})


@dataclass(frozen=True)
class PollSettings:
    items_per_poll: int = 20  # a feed that suddenly lists 1,000 items does not flood review
    first_poll_days: int = 3  # on a first poll, older items are history, not news
    sources_per_round: int = 50


DEFAULT_POLL = PollSettings()


@dataclass(frozen=True, slots=True)
class PollOutcome:
    source_id: int
    new_items: int = 0
    changed: bool = True  # False: 304, nothing new
    error: str | None = None


class FeedPoller:
    def __init__(
        self,
        session_factory: async_sessionmaker[AsyncSession],
        fetcher: Fetcher,
        clock: Clock,
        settings: PollSettings = DEFAULT_POLL,
    ) -> None:
        self.session_factory, self.fetcher = session_factory, fetcher
        self.clock, self.settings = clock, settings

    async def poll_due(self) -> list[PollOutcome]:
        """Every source whose time has come, once."""
        async with self.session_factory() as session:
            due = await feed_store.due_sources(
                session, self.clock(), self.settings.sources_per_round
            )
        return [await self._poll_safely(source) for source in due]

    async def _poll_safely(self, source: SourceInfo) -> PollOutcome:
        """One source's trouble, whatever it is, is its own: recorded with back-off, and
        the other sources are polled all the same."""
        try:
            return await self.poll(source)
        except Exception as error:
            log.exception("feed %s: polling failed", source.id)
            return await self._failed(source, type(error).__name__)

    async def poll(self, source: SourceInfo) -> PollOutcome:
        url = source.feed_url or source.url
        try:
            fetched = await self.fetcher.get(url, source.etag, source.last_modified)
        except FetchError as error:
            return await self._failed(source, error.reason)
        if fetched.status == 304:
            await self._record(source, changed=False)
            return PollOutcome(source.id, changed=False)
        if fetched.status in GONE:
            return await self._gone(source, fetched.status)
        if fetched.status in LATER:
            return await self._later(source, fetched)
        if fetched.status >= 400:
            return await self._failed(source, f"http_{fetched.status}")
        parsed = parse_feed(fetched.body, fetched.url)
        if parsed is None and source.feed_url is None:
            found = discover_feed(fetched.body, fetched.url)
            if found is not None and found != url:
                async with self.session_factory() as session:
                    await feed_store.record_poll(session, source.id, feed_url=found)
                return await self.poll(_with_feed(source, found))
        if parsed is None:
            return await self._failed(source, "not_a_feed")
        return await self._take(source, fetched, parsed)

    async def _take(self, source: SourceInfo, fetched: Fetched, parsed: ParsedFeed) -> PollOutcome:
        items = self._worth_taking(source, parsed.items)
        async with self.session_factory() as session:
            new = await feed_store.record_items(session, source.id, items, self.clock())
        await self._record(
            source,
            changed=True,
            etag=fetched.headers.get("etag"),
            last_modified=fetched.headers.get("last-modified"),
        )
        log.info("feed %s: %d new items", source.id, new)
        return PollOutcome(source.id, new_items=new)

    def _worth_taking(self, source: SourceInfo, items: list[NewItem]) -> list[NewItem]:
        if not source.polled_once:
            cutoff = self.clock() - dt.timedelta(days=self.settings.first_poll_days)
            items = [i for i in items if i.published_at is None or i.published_at >= cutoff]
        undated = dt.datetime.min.replace(tzinfo=dt.UTC)
        newest_first = sorted(items, key=lambda i: i.published_at or undated, reverse=True)
        return newest_first[: self.settings.items_per_poll]

    async def _record(
        self,
        source: SourceInfo,
        changed: bool,
        etag: str | None = None,
        last_modified: str | None = None,
    ) -> None:
        now = self.clock()
        values: dict[str, object] = {
            "state": "ok",
            "failures": 0,
            "last_error": None,
            "last_polled_at": now,
            "next_poll_at": now + dt.timedelta(seconds=source.interval_seconds),
            "polled_once": True,
        }
        if changed:
            values |= {"etag": etag, "last_modified": last_modified}
        async with self.session_factory() as session:
            await feed_store.record_poll(session, source.id, **values)

    async def _failed(self, source: SourceInfo, reason: str) -> PollOutcome:
        """Exponential back-off: the interval doubled for each failure in a row."""
        failures = source.failures + 1
        delay = min(dt.timedelta(seconds=source.interval_seconds * 2**failures), MAX_BACKOFF)
        now = self.clock()
        async with self.session_factory() as session:
            await feed_store.record_poll(
                session,
                source.id,
                state="error",
                failures=failures,
                last_error=reason,
                last_polled_at=now,
                next_poll_at=now + delay,
            )
        log.warning("feed %s failed (%s): next try in %s", source.id, reason, delay)
        return PollOutcome(source.id, changed=False, error=reason)

    async def _gone(self, source: SourceInfo, status: int) -> PollOutcome:
        """404 / 410: paused, with the reason; an admin resumes it once it is back."""
        async with self.session_factory() as session:
            await feed_store.record_poll(
                session,
                source.id,
                active=False,
                state="gone",
                last_error=f"http_{status}",
                last_polled_at=self.clock(),
            )
        return PollOutcome(source.id, changed=False, error=f"http_{status}")

    async def _later(self, source: SourceInfo, fetched: Fetched) -> PollOutcome:
        """429 / 503: come back when Retry-After says (seconds or an HTTP date)."""
        now = self.clock()
        wait = _retry_after(fetched.headers.get("retry-after"), now)
        wait = max(wait or dt.timedelta(seconds=source.interval_seconds), dt.timedelta(0))
        async with self.session_factory() as session:
            await feed_store.record_poll(
                session,
                source.id,
                state="error",
                last_error=f"http_{fetched.status}",
                last_polled_at=now,
                next_poll_at=now + min(wait, MAX_BACKOFF),
            )
        return PollOutcome(source.id, changed=False, error=f"http_{fetched.status}")


def _with_feed(source: SourceInfo, feed_url: str) -> SourceInfo:
    return replace(source, feed_url=feed_url, etag=None, last_modified=None)


def _retry_after(value: str | None, now: dt.datetime) -> dt.timedelta | None:
    if not value:
        return None
    if value.strip().isdigit():
        return dt.timedelta(seconds=int(value.strip()))
    try:
        moment = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return moment - now if moment.tzinfo else None
