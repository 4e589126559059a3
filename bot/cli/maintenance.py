"""`seed` and `health`: no Telegram library is loaded for either."""

from __future__ import annotations

import argparse
import asyncio
import sys

from bot.cli import CommandFailed
from bot.cli.settings import settings_or_exit
from bot.config import Settings
from store.seed_paths import SeedError


def seed_command(args: argparse.Namespace) -> int:
    try:
        return asyncio.run(seed(settings_or_exit()))
    except SeedError as exc:
        print(f"Seed data error: {exc}", file=sys.stderr)
        raise CommandFailed(3) from exc


def health_command(args: argparse.Namespace) -> int:
    return asyncio.run(health(settings_or_exit()))


async def seed(settings: Settings) -> int:
    from bot.runtime import prepare_database

    runtime = await prepare_database(settings, force_seed=True)
    await runtime.close()
    print("Seed data loaded.")
    return 0


async def health(settings: Settings) -> int:
    """For a container's HEALTHCHECK: in webhook mode the server's /healthz must answer 200;
    in polling mode the database must answer. Exit 0 healthy, 1 not."""
    healthy = await (
        _webhook_answers(settings) if settings.webhook_url else _database_answers(settings)
    )
    print("healthy" if healthy else "unhealthy")
    return 0 if healthy else 1


async def _webhook_answers(settings: Settings) -> bool:
    import aiohttp

    url = f"http://127.0.0.1:{settings.webhook_port}/healthz"
    try:
        async with (
            aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=3)) as client,
            client.get(url) as response,
        ):
            return response.status == 200
    except (OSError, aiohttp.ClientError, TimeoutError):
        return False


async def _database_answers(settings: Settings) -> bool:
    from store.db import create_engine, ping

    engine = create_engine(settings.database_url)
    try:
        await ping(engine)
        return True
    except Exception:  # any failure to reach the database is "unhealthy"
        return False
    finally:
        await engine.dispose()
