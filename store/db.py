"""Engine and session factory; migrations applied programmatically at start-up."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import event, text
from sqlalchemy.engine import Connection
from sqlalchemy.exc import IntegrityError, SQLAlchemyError
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
# The newest migration's revision. A start-up whose database already has it never imports
# Alembic (a tenth of a second); a test keeps this equal to the scripts' head.
SCHEMA_HEAD = "0011"
# The session handlers receive per update; named here so they need not import SQLAlchemy.
Session = AsyncSession


def create_engine(database_url: str) -> AsyncEngine:
    if database_url.startswith("sqlite"):
        _ensure_sqlite_directory(database_url)
        engine = create_async_engine(database_url, connect_args={"timeout": 30})

        @event.listens_for(engine.sync_engine, "connect")
        def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
            cursor = dbapi_connection.cursor()
            # Foreign keys are off by default in SQLite; WAL lets readers run during writes.
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute("PRAGMA journal_mode=WAL")
            # Keep the hot pages of a large store in memory: 64 MiB cache, 256 MiB mapped.
            cursor.execute("PRAGMA cache_size=-65536")
            cursor.execute("PRAGMA mmap_size=268435456")
            cursor.close()

        return engine
    return create_async_engine(database_url, pool_pre_ping=True, pool_size=10, max_overflow=10)


def _ensure_sqlite_directory(database_url: str) -> None:
    path = database_url.split(":///", 1)[-1]
    if path and path != ":memory:" and not path.startswith("file:"):
        Path(path).parent.mkdir(parents=True, exist_ok=True)


async def ping(engine: AsyncEngine) -> None:
    """One round trip; raises when the database does not answer (health checks)."""
    async with engine.connect() as connection:
        await connection.execute(text("SELECT 1"))


def create_session_factory(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    return async_sessionmaker(engine, expire_on_commit=False)


def alembic_config(connection: Connection | None = None) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["connection"] = connection
    return config


async def migrate(engine: AsyncEngine, revision: str = "head") -> None:
    if revision == "head" and await schema_revisions(engine) == [SCHEMA_HEAD]:
        return
    from alembic import command

    async with engine.begin() as connection:
        await connection.run_sync(lambda sync: command.upgrade(alembic_config(sync), revision))


async def schema_revisions(engine: AsyncEngine) -> list[str]:
    """The revisions Alembic recorded; none for a database it has not touched yet."""
    async with engine.connect() as connection:
        try:
            result = await connection.execute(text("SELECT version_num FROM alembic_version"))
        except SQLAlchemyError:  # no such table yet
            return []
        return [str(revision) for revision in result.scalars()]


async def downgrade(engine: AsyncEngine, revision: str) -> None:
    from alembic import command

    async with engine.begin() as connection:
        await connection.run_sync(lambda sync: command.downgrade(alembic_config(sync), revision))


class StoreConflict(Exception):
    """A write met a uniqueness rule: the same row was written a moment ago."""


class StoreUnavailable(Exception):
    """The database refused or lost the transaction; nothing of it was kept."""


@asynccontextmanager
async def unit_of_work(session: AsyncSession) -> AsyncIterator[AsyncSession]:
    """All or nothing: commit when the block ends, roll back when it raises. Database errors
    come out as StoreConflict / StoreUnavailable, so services never see SQLAlchemy."""
    try:
        yield session
        await session.commit()
    except IntegrityError as error:
        await session.rollback()
        raise StoreConflict(str(error.orig)) from error
    except SQLAlchemyError as error:
        await session.rollback()
        raise StoreUnavailable(type(error).__name__) from error
    except BaseException:
        await session.rollback()
        raise
