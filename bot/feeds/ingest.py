"""From a new item to a draft waiting for review: the article page (main text by the same
reader uploads use; the feed's own text when the page cannot be had or its host is not
allowed), relevance, duplicates (the canonical URL, then the text's hash and near-copy
sketch), extraction. An item's attempt is counted before the work, so one that crashes its
worker three times is parked with its error instead of being retried for ever."""

from __future__ import annotations

import html
import logging
from collections import Counter
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, replace
from urllib.parse import urlsplit

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.draft_worker import ArticleTooComplex
from bot.drafts import Draft, draft_to_state
from bot.extraction.documents import DocumentError
from bot.extraction.facts import Extraction
from bot.feeds.fetch import Fetcher, FetchError
from bot.matching.countries import HOME_COUNTRY
from bot.review import split_by_confidence
from bot.uploads import Published, PublishFailed, add_reprint, find_duplicate, publish_draft
from store import feeds as feed_store
from store.dto import ItemInfo, SourceInfo

log = logging.getLogger(__name__)

Reader = Callable[[bytes, str], Awaitable[Draft]]  # raises DocumentError, ArticleTooComplex
MAX_ATTEMPTS = 3
FEED_READER = 0  # the "user" the audit log names for facts an auto source published


def is_relevant(extraction: Extraction) -> bool:
    """About Kazakhstan's foreign relations: Kazakhstan and a partner named in the main
    text, or a Kazakh official (page furniture is gone before this is read)."""
    partners = set(extraction.countries) - {HOME_COUNTRY}
    kazakh_official = any(p.country == HOME_COUNTRY and p.role for p in extraction.people)
    return (HOME_COUNTRY in extraction.countries and bool(partners)) or kazakh_official


def page_allowed(source: SourceInfo, url: str) -> bool:
    """Article pages are fetched from the source's own host, or a host the admin allowed."""
    host = urlsplit(url).hostname or ""
    own = {urlsplit(u).hostname for u in (source.url, source.feed_url) if u}
    return host in own or host in source.allowed_hosts


@dataclass
class Ingester:
    session_factory: async_sessionmaker[AsyncSession]
    fetcher: Fetcher
    read: Reader
    auto_confidence: float = 0.85  # an `auto` source's facts at least this sure go out

    async def process_pending(self, limit: int = 50) -> Counter[str]:
        """Every recorded item not yet done (new ones, and ones a crash interrupted)."""
        async with self.session_factory() as session:
            pending = await feed_store.items_to_process(session, limit)
        outcomes: Counter[str] = Counter()
        for item in pending:
            outcomes[await self.process(item)] += 1
        return outcomes

    async def process(self, item: ItemInfo) -> str:
        async with self.session_factory() as session:
            attempts = await feed_store.start_attempt(session, item.id)
            source = await feed_store.source(session, item.source_id)
        if source is None:
            return "gone"
        if attempts > MAX_ATTEMPTS:  # it took its worker down each time: set it aside
            async with self.session_factory() as session:
                await feed_store.finish_item(session, item.id, "parked", error="crashed")
            return "parked"
        try:
            status, values = await self._outcome(item, source)
        except Exception as error:  # one item's failure, whatever it is, never stops the rest
            reason = getattr(error, "reason", None) or type(error).__name__
            if not isinstance(error, DocumentError | ArticleTooComplex | FetchError):
                log.exception("item %s could not be read", item.id)
            status, values = "seen", {"error": str(reason)[:500]}
        if status == "seen" and attempts >= MAX_ATTEMPTS:
            status = "parked"  # three failures: it waits for an admin with its error
        async with self.session_factory() as session:
            await feed_store.finish_item(session, item.id, status, **values)
        return status

    async def _outcome(self, item: ItemInfo, source: SourceInfo) -> tuple[str, dict[str, object]]:
        if item.url:
            async with self.session_factory() as session:
                taken = await feed_store.item_with_url(session, item.url)
            if taken is not None and taken.id != item.id:
                return "duplicate", {"error": None}
        draft = await self._draft(item, source)
        if not is_relevant(draft.extraction):
            return "irrelevant", {"error": None}
        async with self.session_factory() as session:
            duplicate = await find_duplicate(session, draft)
        if duplicate is not None and duplicate.similarity < 1.0 and draft.url:
            # another outlet's near copy: one more source for the same facts, not new ones
            async with self.session_factory() as session:
                reprint = await add_reprint(session, draft, duplicate.article.id, FEED_READER)
            return "duplicate", {"error": None, "article_id": reprint}
        if duplicate is not None:
            return "duplicate", {"error": None, "article_id": duplicate.article.id}
        if source.trust == "auto":
            return await self._auto(draft)
        return "queued", {"error": None, "draft": draft_to_state(draft)}

    async def _auto(self, draft: Draft) -> tuple[str, dict[str, object]]:
        """An `auto` source: its confident facts are published at once; the others wait
        for review, to be added to the same article."""
        sure, unsure = split_by_confidence(draft, self.auto_confidence)
        article_id: int | None = None
        if sure:
            async with self.session_factory() as session:
                outcome = await publish_draft(session, replace(draft, dropped=unsure), FEED_READER)
            if isinstance(outcome, PublishFailed):
                return "seen", {"error": "publish_failed"}  # the next round tries again
            article_id = (
                outcome.article_id if isinstance(outcome, Published) else outcome.article.id
            )
        if not unsure:
            return "published", {"error": None, "article_id": article_id}
        rest = replace(draft, dropped=sure, article_id=article_id)
        return "queued", {"error": None, "draft": draft_to_state(rest), "article_id": article_id}

    async def _draft(self, item: ItemInfo, source: SourceInfo) -> Draft:
        """The page's main text; the feed's own text when the page cannot be had."""
        if item.url and page_allowed(source, item.url):
            try:
                page = await self.fetcher.get(item.url)
                if page.status < 400 and page.body:
                    draft = await self.read(page.body, "page.html")
                    return replace(draft, url=item.url)
            except (FetchError, DocumentError) as error:
                log.info("item %s: page not read (%s), using the feed's text", item.id, error)
        title = html.escape(item.title or "")
        head = f"<html><head><title>{title}</title></head><body><h1>{title}</h1>"
        draft = await self.read(f"{head}{item.summary or ''}</body></html>".encode(), "item.html")
        return replace(draft, url=item.url)
