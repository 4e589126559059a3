"""Who leads: one process among replicas runs the digest tick (and, later, the feed
poller), by a PostgreSQL advisory lock."""

from __future__ import annotations

import logging

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

# Any constants every process agrees on; "KZ digest" in ASCII digits, and one for feeds.
ADVISORY_LOCK_KEY = 751_068_471_115
FEEDS_LOCK_KEY = 751_068_470_102

log = logging.getLogger(__name__)


class Leadership:
    """Who runs the tick. On PostgreSQL a session-level advisory lock held on a connection of
    its own: when the holder dies its connection closes, the lock is freed, and another
    process takes it at its next minute. SQLite has a single process: always the leader."""

    def __init__(
        self, engine: AsyncEngine, key: int = ADVISORY_LOCK_KEY, role: str = "the digest tick"
    ) -> None:
        self.engine, self.key, self.role = engine, key, role
        self._connection: AsyncConnection | None = None

    async def is_leader(self) -> bool:
        if self.engine.dialect.name != "postgresql":
            return True
        if self._connection is not None:
            try:
                await self._connection.execute(text("SELECT 1"))
                return True
            except Exception:  # the connection (and with it the lock) is gone
                log.warning("lost the leader lock of %s", self.role)
                self._connection = None
        connection = await self.engine.connect()
        # Autocommit: a lock held for days must not keep a transaction open with it.
        await connection.execution_options(isolation_level="AUTOCOMMIT")
        got = await connection.scalar(text("SELECT pg_try_advisory_lock(:key)"), {"key": self.key})
        if got:
            self._connection = connection
            log.info("this process now runs %s", self.role)
            return True
        await connection.close()
        return False

    async def release(self) -> None:
        if self._connection is not None:
            try:
                await self._connection.execute(
                    text("SELECT pg_advisory_unlock(:key)"), {"key": self.key}
                )
            finally:
                await self._connection.close()
                self._connection = None
