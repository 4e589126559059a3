"""The migration stairway: every revision up, down to the one before, and up again, on
SQLite and on PostgreSQL. A downgrade that forgets a table or an index fails here."""

from __future__ import annotations

from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect
from sqlalchemy.ext.asyncio import AsyncEngine

from store.db import (
    SCHEMA_HEAD,
    alembic_config,
    create_engine,
    downgrade,
    migrate,
    schema_revisions,
)
from store.models import Base


def _revisions() -> list[str]:
    """Oldest first."""
    script = ScriptDirectory.from_config(alembic_config())
    return [revision.revision for revision in reversed(list(script.walk_revisions()))]


async def _schema(engine: AsyncEngine) -> dict[str, set[str]]:
    def read(connection: object) -> dict[str, set[str]]:
        inspector = inspect(connection)
        return {
            table: {index["name"] or "" for index in inspector.get_indexes(table)}
            | {column["name"] for column in inspector.get_columns(table)}
            for table in inspector.get_table_names()
        }

    async with engine.connect() as connection:
        return await connection.run_sync(read)


async def _climb(engine: AsyncEngine) -> None:
    revisions = _revisions()
    assert len(revisions) >= 6
    previous = "base"
    for revision in revisions:
        await migrate(engine, revision)
        after_up = await _schema(engine)
        await downgrade(engine, previous)
        assert await _schema(engine) != after_up, f"{revision} down changed nothing"
        await migrate(engine, revision)
        assert await _schema(engine) == after_up, f"{revision} up/down/up differs"
        previous = revision
    assert set(Base.metadata.tables) <= set(await _schema(engine))
    await downgrade(engine, "base")
    assert set(await _schema(engine)) <= {"alembic_version"}


async def test_stairway_on_sqlite(tmp_path: Path) -> None:
    engine = create_engine(f"sqlite+aiosqlite:///{tmp_path / 'stairs.sqlite3'}")
    try:
        await _climb(engine)
    finally:
        await engine.dispose()


async def test_stairway_on_postgres(postgres_url: str) -> None:
    engine = create_engine(postgres_url)
    try:
        await _climb(engine)
    finally:
        await engine.dispose()


def test_schema_head_names_the_newest_migration() -> None:
    assert _revisions()[-1] == SCHEMA_HEAD


async def test_an_older_database_is_brought_to_the_head(tmp_path: Path) -> None:
    engine = create_engine(f"sqlite+aiosqlite:///{tmp_path / 'old.sqlite3'}")
    try:
        assert await schema_revisions(engine) == []
        await migrate(engine, _revisions()[-2])
        await migrate(engine)
        assert await schema_revisions(engine) == [SCHEMA_HEAD]
        assert set(Base.metadata.tables) <= set(await _schema(engine))
    finally:
        await engine.dispose()


async def _model_drift(engine: AsyncEngine) -> list[object]:
    def compare(connection: object) -> list[object]:
        return list(compare_metadata(MigrationContext.configure(connection), Base.metadata))

    async with engine.connect() as connection:
        return await connection.run_sync(compare)


async def test_the_models_are_what_the_migrations_build(tmp_path: Path) -> None:
    """Alembic's own comparison finds nothing a migration forgot (a column, an index, a
    constraint's name) between the migrated schema and the models."""
    engine = create_engine(f"sqlite+aiosqlite:///{tmp_path / 'drift.sqlite3'}")
    try:
        await migrate(engine)
        assert await _model_drift(engine) == []
    finally:
        await engine.dispose()
