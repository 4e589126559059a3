"""The process's runtime: database ready (migrated, seeded), directory loaded, and the
background work that keeps its indexes fresh. Nothing of Telegram here: the CLI's `seed`
and `import` use it without loading aiogram."""

from __future__ import annotations

import asyncio
import datetime as dt
import gc
import logging
from collections.abc import Coroutine
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from bot import SEEDS_DIR
from bot.charts import warm_up_charts
from bot.config import Settings
from bot.directory import Directory, build_search_in_background, load_directory, refresh_directory
from bot.lists import prune_views
from store import uploads as uploads_store
from store.db import create_engine, create_session_factory, migrate
from store.seed_marker import seeds_are_current
from store.seed_paths import seed_fingerprint

log = logging.getLogger(__name__)


@dataclass
class Runtime:
    settings: Settings
    engine: AsyncEngine
    session_factory: async_sessionmaker[AsyncSession]
    directory: Directory

    background: set[asyncio.Task[None]] = field(default_factory=set)
    chart_warm_up_delay: float = 5.0
    # Publishing, retracting or importing on another replica (or the CLI) changes facts
    # this process holds indexes of; it looks for such a change this often.
    facts_poll_interval: float = 30.0
    extraction_warm_up_delay: float = 20.0
    view_prune_interval: float = 3600.0
    facts_version: str | None = None

    # Work that would delay the first reply after a start waits this long.
    after_start_delay: float = 1.0

    def start_background_work(self) -> None:
        self.spawn(self._after_start())
        self.spawn(self._follow_facts_version())
        self.spawn(self._warm_up_extraction_later())
        self.spawn(self._warm_up_charts_later())
        self.spawn(self._prune_views_now_and_then())

    async def _after_start(self) -> None:
        await asyncio.sleep(self.after_start_delay)
        settle_heap()
        await build_search_in_background(self.directory, self.session_factory)

    def spawn(self, work: Coroutine[Any, Any, None]) -> None:
        task = asyncio.create_task(work)
        self.background.add(task)  # keep a reference: the loop holds tasks only weakly
        task.add_done_callback(self.background.discard)

    async def _follow_facts_version(self) -> None:
        async with self.session_factory() as session:
            self.facts_version = await uploads_store.facts_version(session)
        while True:
            await asyncio.sleep(self.facts_poll_interval)
            try:
                await self.refresh_if_facts_changed()
            except Exception:
                log.warning("could not check for new facts; will retry", exc_info=True)

    async def refresh_if_facts_changed(self) -> bool:
        async with self.session_factory() as session:
            version = await uploads_store.facts_version(session)
            if version == self.facts_version:
                return False
            self.facts_version = version
            await refresh_directory(self.directory, session)
            log.info("facts changed elsewhere: indexes rebuilt")
            return True

    async def _prune_views_now_and_then(self) -> None:
        while True:
            await asyncio.sleep(self.view_prune_interval)
            try:
                async with self.session_factory() as session:
                    removed = await prune_views(session, dt.datetime.now(dt.UTC))
                if removed:
                    log.info("pruned %d expired list views", removed)
            except Exception:  # the next round tries again; expired views are never served
                log.warning("could not prune expired list views", exc_info=True)

    async def _warm_up_extraction_later(self) -> None:
        # Uploads are read in a child process that loads the NER models (a second or two):
        # started after start-up, so the first upload does not wait for it.
        await asyncio.sleep(self.extraction_warm_up_delay)
        from bot.draft_worker import shared_draft_worker  # not on the start-up path

        await asyncio.to_thread(shared_draft_worker().start)

    async def _warm_up_charts_later(self) -> None:
        # Not at once: the import holds the GIL and would slow the first replies.
        await asyncio.sleep(self.chart_warm_up_delay)
        await asyncio.to_thread(warm_up_charts)

    async def close(self) -> None:
        for task in self.background:
            task.cancel()
        await self.engine.dispose()


async def prepare_database(
    settings: Settings,
    seeds_dir: Path = SEEDS_DIR,
    *,
    force_seed: bool = False,
    search_inline: bool = True,
) -> Runtime:
    """Migrate, seed when the seed files changed since the last load, build the indexes.
    `search_inline=False` (long-running modes): the search index is left for
    `Runtime.start_background_work` to build, so the first reply does not wait for it."""
    engine = create_engine(settings.database_url)
    await migrate(engine)
    session_factory = create_session_factory(engine)
    async with session_factory() as session:
        if force_seed or not await seeds_are_current(session, seed_fingerprint(seeds_dir)):
            await _load_seed_files(session, seeds_dir)
        directory = await load_directory(session, search_inline=search_inline)
    return Runtime(settings, engine, session_factory, directory)


async def _load_seed_files(session: AsyncSession, seeds_dir: Path) -> None:
    # Imported here: the seed file schemas and the loader are needed only when the seed
    # files changed, and most starts find them loaded already.
    from store.seed import load_seeds
    from store.seed_files import read_seeds

    log.info("loading seed data from %s", seeds_dir)
    await load_seeds(session, read_seeds(seeds_dir))
    await session.commit()


def settle_heap() -> None:
    """After start-up, move the hundreds of thousands of long-lived objects (aiogram's and
    pydantic's models, the indexes) out of the collector's sight: full collections that walk
    them otherwise add 100+ ms pauses to random replies."""
    gc.collect()
    gc.freeze()
