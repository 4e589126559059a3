"""Outer middlewares: one DB session per update, and the user's translator."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Awaitable, Callable
from typing import Any

from aiogram import BaseMiddleware
from aiogram.types import TelegramObject, Update, User
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.i18n import pick_language, translator
from bot.logs import request_id_of, request_scope
from bot.preferences import remembered_language
from store import updates


class RequestIdMiddleware(BaseMiddleware):
    """Outermost: every line logged while this update is handled carries its id."""

    async def __call__(
        self,
        handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
        event: TelegramObject,
        data: dict[str, Any],
    ) -> Any:
        request_id = request_id_of(event.update_id) if isinstance(event, Update) else "-"
        with request_scope(request_id):
            return await handler(event, data)


log = logging.getLogger(__name__)


class DbSessionMiddleware(BaseMiddleware):
    def __init__(self, session_factory: async_sessionmaker[AsyncSession]) -> None:
        self.session_factory = session_factory

    async def __call__(
        self,
        handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
        event: TelegramObject,
        data: dict[str, Any],
    ) -> Any:
        async with self.session_factory() as session:
            data["session"] = session
            return await handler(event, data)


class LanguageMiddleware(BaseMiddleware):
    """The language the user chose with /lang, else the one their Telegram speaks.
    Runs inside DbSessionMiddleware, whose session it reads the choice with."""

    async def __call__(
        self,
        handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
        event: TelegramObject,
        data: dict[str, Any],
    ) -> Any:
        user: User | None = data.get("event_from_user")
        session: AsyncSession | None = data.get("session")
        chosen = None
        if user is not None and session is not None:
            chosen = await remembered_language(session, user.id)
        data["t"] = translator(chosen or pick_language(user.language_code if user else None))
        return await handler(event, data)


class OnceOnlyMiddleware(BaseMiddleware):
    """Webhook mode: an update Telegram posts twice (it retries when an answer is slow) or
    that two replicas both receive is handled once."""

    KEEP = dt.timedelta(days=2)  # Telegram keeps undelivered updates for 24 hours

    def __init__(self, session_factory: async_sessionmaker[AsyncSession]) -> None:
        self.session_factory = session_factory
        self._handled = 0

    async def __call__(
        self,
        handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
        event: TelegramObject,
        data: dict[str, Any],
    ) -> Any:
        update_id = getattr(event, "update_id", None)
        if update_id is None:
            return await handler(event, data)
        # The update's own session when there is one: a second connection per update would
        # let a burst of concurrent updates hold the whole pool, each waiting for another
        # connection (a deadlock until the pool's timeout; the webhook benchmark found it).
        shared: AsyncSession | None = data.get("session")
        if shared is not None:
            if not await self._first_sighting(shared, update_id):
                return None
        else:
            async with self.session_factory() as session:
                if not await self._first_sighting(session, update_id):
                    return None
        return await handler(event, data)

    async def _first_sighting(self, session: AsyncSession, update_id: int) -> bool:
        now = dt.datetime.now(dt.UTC)
        if not await updates.first_sighting(session, update_id, now):
            log.info("update %s already handled; skipped", update_id)
            return False
        self._handled += 1
        if self._handled % 1000 == 0:
            await updates.forget_older_than(session, now - self.KEEP)
        return True
