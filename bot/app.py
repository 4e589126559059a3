"""Application factory: database ready (migrated, seeded), directory loaded, dispatcher built.

Nothing here runs at import time; `python -m bot` and the tests call these functions.
"""

from __future__ import annotations

import asyncio
import gc
import logging
from dataclasses import dataclass, field
from pathlib import Path

from aiogram import Bot, Dispatcher
from aiogram.client.default import DefaultBotProperties
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.session.base import BaseSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.enums import ParseMode
from aiogram.types import BotCommand, ErrorEvent
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from bot import SEEDS_DIR
from bot.briefings import Directory, build_search_in_background, load_directory
from bot.charts import warm_up_charts
from bot.config import Settings
from bot.i18n import LANGUAGES, pick_language, translator
from bot.middlewares import DbSessionMiddleware, LanguageMiddleware
from handlers import get_routers
from store.db import create_engine, create_session_factory, migrate
from store.seed import load_seeds, read_seeds, seed_fingerprint, seeds_are_current

log = logging.getLogger(__name__)
LOCAL_TOKEN = "0:local"  # a syntactically valid token for the offline session; never sent
MENU_COMMANDS = (
    "country",
    "treaty",
    "search",
    "timeline",
    "trade",
    "person",
    "latest",
    "sources",
    "subscribe",
    "subscriptions",
    "lang",
    "help",
)


@dataclass
class Runtime:
    settings: Settings
    engine: AsyncEngine
    session_factory: async_sessionmaker[AsyncSession]
    directory: Directory

    background: set[asyncio.Task[None]] = field(default_factory=set)
    chart_warm_up_delay: float = 5.0

    def start_background_work(self) -> None:
        task = asyncio.create_task(build_search_in_background(self.directory, self.session_factory))
        self.background.add(task)  # keep a reference: the loop holds tasks only weakly
        task.add_done_callback(self.background.discard)

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
    `search_inline=False` (long-running modes): a large store's search index is left for
    `Runtime.start_background_work` to build."""
    engine = create_engine(settings.database_url)
    await migrate(engine)
    session_factory = create_session_factory(engine)
    async with session_factory() as session:
        if force_seed or not await seeds_are_current(session, seed_fingerprint(seeds_dir)):
            log.info("loading seed data from %s", seeds_dir)
            await load_seeds(session, read_seeds(seeds_dir))
            await session.commit()
        directory = await load_directory(session, search_inline=search_inline)
    return Runtime(settings, engine, session_factory, directory)


def settle_heap() -> None:
    """After start-up, move the hundreds of thousands of long-lived objects (aiogram's and
    pydantic's models, the indexes) out of the collector's sight: full collections that walk
    them otherwise add 100+ ms pauses to random replies."""
    gc.collect()
    gc.freeze()


def create_bot(settings: Settings, session: BaseSession | None = None) -> Bot:
    token = settings.bot_token.get_secret_value() if settings.bot_token else LOCAL_TOKEN
    if session is None:
        session = AiohttpSession(api=TelegramAPIServer.from_base(settings.telegram_api_url))
    return Bot(token, session=session, default=DefaultBotProperties(parse_mode=ParseMode.HTML))


def create_dispatcher(runtime: Runtime) -> Dispatcher:
    dispatcher = Dispatcher(directory=runtime.directory, settings=runtime.settings)
    dispatcher.update.outer_middleware(DbSessionMiddleware(runtime.session_factory))
    dispatcher.update.outer_middleware(LanguageMiddleware())
    dispatcher.include_routers(*get_routers())
    dispatcher.errors.register(_on_error)
    return dispatcher


async def _on_error(event: ErrorEvent) -> bool:
    """Log with the traceback; tell the user something went wrong instead of going silent."""
    log.exception("update %s failed", event.update.update_id, exc_info=event.exception)
    message = event.update.message
    if message is not None:
        user = message.from_user
        t = translator(pick_language(user.language_code if user else None))
        try:
            await message.answer(t("error-generic"))
        except Exception:  # the reply itself may be what failed; nothing more to do
            log.warning("could not send the error notice for update %s", event.update.update_id)
    return True


async def set_command_menu(bot: Bot) -> None:
    """Cosmetic: a failure is logged, never fatal."""
    for language in LANGUAGES:
        t = translator(language)
        commands = [
            BotCommand(command=name, description=t(f"menu-{name}")) for name in MENU_COMMANDS
        ]
        try:
            await bot.set_my_commands(commands, language_code=language)
        except Exception as exc:
            log.warning("could not set the command menu (%s): %s", language, exc)
