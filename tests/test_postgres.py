"""The same store on PostgreSQL (asyncpg): migrations up/down/up, seeding, a briefing.

Each run gets a database of its own. Where PostgreSQL is unreachable these tests fail
rather than skip when REQUIRE_POSTGRES=1 (as in CI), so a green run means they ran.
"""

from __future__ import annotations

from sqlalchemy import func, inspect, select

from bot.app import prepare_database
from bot.cli import as_plain_text
from bot.config import Settings
from store import models
from store.db import create_engine, downgrade, migrate
from tests.harness import Harness


async def test_stairway_on_postgres(postgres_url: str) -> None:
    engine = create_engine(postgres_url)
    await migrate(engine)
    await downgrade(engine, "base")
    async with engine.connect() as connection:
        tables = await connection.run_sync(lambda c: set(inspect(c).get_table_names()))
    assert tables <= {"alembic_version"}
    await migrate(engine)
    await engine.dispose()


async def test_seed_twice_and_brief_on_postgres(postgres_url: str) -> None:
    settings = Settings(database_url=postgres_url, bot_token=None, admin_ids="")
    runtime = await prepare_database(settings)
    await runtime.close()
    runtime = await prepare_database(settings, force_seed=True)
    try:
        async with runtime.session_factory() as session:
            evidence = await session.scalar(select(func.count()).select_from(models.Evidence))
            agreements = await session.scalar(select(func.count()).select_from(models.Agreement))
        assert (agreements, evidence) == (9, 61)
        harness = Harness(runtime)
        card = "\n".join(map(as_plain_text, await harness.send("/country Таджикистаном")))
        assert "союзнические отношения с 22.08.2024" in card
        assert "Ключевые документы (6)" in card
        treaties = "\n".join(
            map(as_plain_text, await harness.send("/treaty стратегическом партнерстве"))
        )
        assert "Найдено по запросу «стратегическом партнерстве»: 2" in treaties
    finally:
        await runtime.close()
