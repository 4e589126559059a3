"""Where conversation state (the upload flow's draft) lives: in memory for one process, in
Redis (REDIS_URL) for replicas and restarts. Redis being down must not take the bot down:
reading state then yields "no flow in progress", so every lookup still works, and writing
raises FlowStorageUnavailable, which the error handler turns into a clear notice."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Mapping
from typing import Any

from aiogram.fsm.state import State
from aiogram.fsm.storage.base import BaseStorage, StorageKey
from aiogram.fsm.storage.memory import MemoryStorage

from bot.config import Settings

log = logging.getLogger(__name__)

# A draft waiting for Publish is dropped after a day of silence rather than kept forever.
STATE_TTL_SECONDS = 24 * 3600


class FlowStorageUnavailable(RuntimeError):
    """The state store does not answer: flows that need it cannot go on right now."""


def _unavailable_errors() -> tuple[type[BaseException], ...]:
    from redis.exceptions import RedisError

    return (RedisError, OSError, asyncio.TimeoutError)


class ResilientStorage(BaseStorage):
    def __init__(self, inner: BaseStorage) -> None:
        self.inner = inner
        self._errors = _unavailable_errors()

    async def set_state(self, key: StorageKey, state: str | State | None = None) -> None:
        try:
            await self.inner.set_state(key, state)
        except self._errors as error:
            raise FlowStorageUnavailable(str(error)) from error

    async def get_state(self, key: StorageKey) -> str | None:
        try:
            return await self.inner.get_state(key)
        except self._errors as error:
            log.warning("state store unavailable, reading no state: %s", error)
            return None

    async def set_data(self, key: StorageKey, data: Mapping[str, Any]) -> None:
        try:
            await self.inner.set_data(key, data)
        except self._errors as error:
            raise FlowStorageUnavailable(str(error)) from error

    async def get_data(self, key: StorageKey) -> dict[str, Any]:
        try:
            return await self.inner.get_data(key)
        except self._errors as error:
            raise FlowStorageUnavailable(str(error)) from error

    async def close(self) -> None:
        try:
            await self.inner.close()
        except self._errors:
            log.warning("state store unavailable while closing")


def create_storage(settings: Settings) -> BaseStorage:
    if settings.redis_url is None:
        return MemoryStorage()
    from aiogram.fsm.storage.redis import RedisStorage
    from redis.asyncio import Redis

    redis = Redis.from_url(
        settings.redis_url.get_secret_value(),
        # fail fast: a user waits on this, and lookups must not hang on a dead Redis
        socket_connect_timeout=1.0,
        socket_timeout=2.0,
    )
    return ResilientStorage(
        RedisStorage(redis, state_ttl=STATE_TTL_SECONDS, data_ttl=STATE_TTL_SECONDS)
    )
