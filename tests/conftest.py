from __future__ import annotations

import asyncio
import os
import shutil
import uuid
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import asyncpg
import pytest

from bot.app import Runtime, prepare_database
from bot.config import Settings
from tests.harness import Harness

POSTGRES_URL = os.environ.get(
    "TEST_POSTGRES_URL", "postgresql+asyncpg://postgres@127.0.0.1:5432/postgres"
)


def sqlite_settings(path: Path) -> Settings:
    return Settings(database_url=f"sqlite+aiosqlite:///{path}", bot_token=None, admin_ids="")


@pytest.fixture(scope="session")
def seeded_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One migrated, seeded SQLite file; tests copy it rather than seeding again."""
    path = tmp_path_factory.mktemp("template") / "seeded.sqlite3"

    async def build() -> None:
        runtime = await prepare_database(sqlite_settings(path))
        await runtime.close()

    asyncio.run(build())
    return path


def copy_template(template: Path, directory: Path) -> Path:
    target = directory / "bot.sqlite3"
    shutil.copy(template, target)
    return target


@pytest.fixture
async def runtime(seeded_template: Path, tmp_path: Path) -> AsyncIterator[Runtime]:
    rt = await prepare_database(sqlite_settings(copy_template(seeded_template, tmp_path)))
    yield rt
    await rt.close()


@pytest.fixture
async def harness(runtime: Runtime) -> Harness:
    return Harness(runtime)


@pytest.fixture(scope="module")
def sync_harness(
    seeded_template: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[asyncio.AbstractEventLoop, Harness]]:
    """A harness on its own event loop, for hypothesis tests (they are synchronous)."""
    loop = asyncio.new_event_loop()
    path = copy_template(seeded_template, tmp_path_factory.mktemp("prop"))
    rt = loop.run_until_complete(prepare_database(sqlite_settings(path)))
    yield loop, Harness(rt)
    loop.run_until_complete(rt.close())
    loop.close()


def _dsn(url: str) -> str:
    return url.replace("postgresql+asyncpg://", "postgresql://")


@pytest.fixture
async def postgres_url() -> AsyncIterator[str]:
    name = f"bot_test_{uuid.uuid4().hex[:12]}"
    try:
        admin = await asyncpg.connect(_dsn(POSTGRES_URL), timeout=5)
    except (OSError, asyncpg.PostgresError) as exc:
        if os.environ.get("REQUIRE_POSTGRES") == "1":
            pytest.fail(f"PostgreSQL is required but unreachable: {exc}")
        pytest.skip(f"PostgreSQL unreachable: {exc}")
    await admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield POSTGRES_URL.rsplit("/", 1)[0] + f"/{name}"
    finally:
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await admin.close()
