from __future__ import annotations

import asyncio
import logging
import os
import shutil
import uuid
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import asyncpg
import pytest

from bot.config import Settings
from bot.runtime import Runtime, prepare_database
from tests.harness import Harness
from tests.harness.databases import POSTGRES_URL, admin_execute, server_dsn
from tests.harness.uploads import ADMIN, OTHER_ADMIN

# TEST_DB=postgres runs every database-backed test on PostgreSQL instead of SQLite: each test
# gets a database of its own, copied from one seeded template (CREATE DATABASE ... TEMPLATE).
BACKEND = os.environ.get("TEST_DB", "sqlite")


def sqlite_settings(path: Path) -> Settings:
    return Settings(database_url=f"sqlite+aiosqlite:///{path}", bot_token=None, admin_ids="")


def _server_url(database: str) -> str:
    return POSTGRES_URL.rsplit("/", 1)[0] + f"/{database}"


@pytest.fixture(scope="session")
def seeded_template(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """One migrated, seeded database; each test gets a copy rather than seeding again.
    The value is a SQLite file path, or a PostgreSQL template database name."""
    if BACKEND == "postgres":
        name = f"bot_template_{uuid.uuid4().hex[:10]}"

        async def build_postgres() -> None:
            await admin_execute(f'CREATE DATABASE "{name}"')
            settings = Settings(database_url=_server_url(name), bot_token=None, admin_ids="")
            runtime = await prepare_database(settings)
            await runtime.close()

        asyncio.run(build_postgres())
        yield name
        asyncio.run(admin_execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        return
    path = tmp_path_factory.mktemp("template") / "seeded.sqlite3"

    async def build() -> None:
        runtime = await prepare_database(sqlite_settings(path))
        await runtime.close()

    asyncio.run(build())
    yield str(path)


async def _copy_of(template: str, directory: Path) -> tuple[Settings, str | None]:
    """Settings for a fresh copy of the template; the PostgreSQL database name to drop."""
    if BACKEND == "postgres":
        name = f"bot_test_{uuid.uuid4().hex[:12]}"
        await admin_execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
        return Settings(database_url=_server_url(name), bot_token=None, admin_ids=""), name
    target = directory / "bot.sqlite3"
    shutil.copy(template, target)
    return sqlite_settings(target), None


@pytest.fixture
async def runtime(seeded_template: str, tmp_path: Path) -> AsyncIterator[Runtime]:
    settings, database = await _copy_of(seeded_template, tmp_path)
    rt = await prepare_database(settings)
    yield rt
    await rt.close()
    if database:
        await admin_execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')


@pytest.fixture
async def harness(runtime: Runtime) -> Harness:
    return Harness(runtime)


@pytest.fixture
def admin_harness(runtime: Runtime) -> Harness:
    """Two admins (ADMIN, OTHER_ADMIN), private chats; everyone else is a stranger."""
    admins = frozenset({ADMIN, OTHER_ADMIN})
    runtime.settings = runtime.settings.model_copy(update={"admin_ids": admins})
    return Harness(runtime)


@pytest.fixture(scope="module")
def sync_harness(
    seeded_template: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[asyncio.AbstractEventLoop, Harness]]:
    """A harness on its own event loop, for hypothesis tests (they are synchronous)."""
    loop = asyncio.new_event_loop()
    settings, database = loop.run_until_complete(
        _copy_of(seeded_template, tmp_path_factory.mktemp("prop"))
    )
    rt = loop.run_until_complete(prepare_database(settings))
    yield loop, Harness(rt)
    loop.run_until_complete(rt.close())
    if database:
        loop.run_until_complete(admin_execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)'))
    loop.close()


@pytest.fixture
async def postgres_url() -> AsyncIterator[str]:
    name = f"bot_test_{uuid.uuid4().hex[:12]}"
    try:
        admin = await asyncpg.connect(server_dsn(POSTGRES_URL), timeout=5)
    except (OSError, asyncpg.PostgresError) as exc:
        if os.environ.get("REQUIRE_POSTGRES") == "1":
            pytest.fail(f"PostgreSQL is required but unreachable: {exc}")
        pytest.skip(f"PostgreSQL unreachable: {exc}")
    await admin.execute(f'CREATE DATABASE "{name}"')
    await admin.close()
    try:
        yield POSTGRES_URL.rsplit("/", 1)[0] + f"/{name}"
    finally:
        # a new connection: a test may have restarted the server under the old one
        await admin_execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


# Every token and secret the tests hand to the bot; none may reach a log line or traceback.
SECRETS_IN_TESTS = ("TEST-token-not-real", "digest-test", "bench-token", "s3cret_token-for-tests")


class _EverythingLogged(logging.Handler):
    def __init__(self) -> None:
        super().__init__(level=logging.DEBUG)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        text = record.getMessage()
        if record.exc_info:
            text += "\n" + logging.Formatter().formatException(record.exc_info)
        self.lines.append(text)


@pytest.fixture(scope="session", autouse=True)
def no_secret_in_any_log(request: pytest.FixtureRequest) -> Iterator[None]:
    """Over the whole run: the logs of every test (child processes check their own)."""
    handler = _EverythingLogged()
    root = logging.getLogger()
    previous = root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    yield
    root.removeHandler(handler)
    root.setLevel(previous)
    leaks = [line for line in handler.lines for secret in SECRETS_IN_TESTS if secret in line]
    assert not leaks, f"a secret reached the logs: {leaks[:3]}"
    # A whole run logs plenty; a handful of pure tests picked by hand may log nothing.
    if request.session.testscollected > 100:
        assert handler.lines, "the log capture saw nothing: the check would be empty"
