"""The same store on PostgreSQL (asyncpg): migrations up/down/up, seeding, a briefing.

Each run gets a database of its own. Where PostgreSQL is unreachable these tests fail
rather than skip when REQUIRE_POSTGRES=1 (as in CI), so a green run means they ran.
"""

from __future__ import annotations

from sqlalchemy import func, select

from bot.config import Settings
from bot.runtime import prepare_database
from bot.telegram.client import as_plain_text
from store import models
from tests.harness import Harness


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


def _cluster_version() -> str | None:
    import os
    import shutil
    from pathlib import Path

    clusters = Path("/etc/postgresql")
    if not (shutil.which("pg_ctlcluster") and os.geteuid() == 0 and clusters.is_dir()):
        return None
    return sorted(clusters.iterdir())[-1].name


async def _restart_postgres() -> str:
    """A real server restart where this machine lets us (root with pg_ctlcluster, as in CI);
    otherwise every connection is killed, which is what a restart does to the bot's pool."""
    import asyncio

    version = _cluster_version()
    if version is not None:
        process = await asyncio.create_subprocess_exec(
            "pg_ctlcluster", "--skip-systemctl-redirect", version, "main", "restart",
            stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.DEVNULL,
        )  # fmt: skip
        if await process.wait() == 0:
            return "restart"
    from tests.harness.databases import admin_execute

    await admin_execute(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
        "WHERE pid <> pg_backend_pid() AND datname LIKE 'bot_test_%'"
    )
    return "terminated"


async def test_postgres_restart_mid_run(postgres_url: str) -> None:
    """The bot keeps answering once PostgreSQL is back (pool pre-ping), and a transaction
    cut by the restart leaves nothing half-written."""
    import asyncio

    from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError

    settings = Settings(database_url=postgres_url, bot_token=None, admin_ids="")
    runtime = await prepare_database(settings)
    harness = Harness(runtime)
    try:
        assert "Таджикистан" in as_plain_text((await harness.send("/country TJ"))[0])
        session = runtime.session_factory()
        session.add(
            models.Article(key="half-written", title="cut by the restart", status="published")
        )
        await session.flush()  # written inside a transaction the restart will cut
        how = await _restart_postgres()
        try:
            await session.commit()
            committed = True
        except (DBAPIError, InterfaceError, OperationalError, OSError):
            committed = False
        finally:
            await session.close()
        assert not committed, how
        answered = False
        for _ in range(60):  # the server may need a few seconds to accept connections
            replies = await harness.send("/country TJ")
            if replies and "Таджикистан" in as_plain_text(replies[0]):
                answered = True
                break
            await asyncio.sleep(0.5)
        assert answered, f"no answer after PostgreSQL came back ({how})"
        async with runtime.session_factory() as check:
            lost = await check.scalar(
                select(func.count())
                .select_from(models.Article)
                .where(models.Article.key == "half-written")
            )
        assert lost == 0
    finally:
        await runtime.close()
