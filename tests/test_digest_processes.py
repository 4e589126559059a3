"""Digest delivery by real processes: killed mid-run and restarted; two senders sharing a
PostgreSQL ledger."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from pathlib import Path

from sqlalchemy import func, select

from bot import PROJECT_ROOT
from bot.app import Runtime, prepare_database
from bot.config import Settings
from bot.digest.tick import tick
from store.models import Delivery, Subscription
from tests.fake_bot_api import FakeBotApi
from tests.test_digests import at, digest_sizes, publish_all_facts_at, received, subscribe


def sender_env(database_url: str, api_url: str, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DIGEST_", "BOT_"))}
    env.update(
        DATABASE_URL=database_url,
        BOT_TOKEN="1:digest-test",
        TELEGRAM_API_URL=api_url,
        DIGEST_RATE="30",
        DIGEST_PER_CHAT_INTERVAL="0",
        LOG_LEVEL="INFO",
        **extra,
    )
    return env


async def start_sender(env: dict[str, str], log: Path) -> asyncio.subprocess.Process:
    handle = log.open("ab")
    return await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        "digests",
        "--send-only",
        cwd=PROJECT_ROOT,
        env=env,
        stdout=handle,
        stderr=handle,
    )


async def pending(runtime: Runtime) -> int:
    async with runtime.session_factory() as session:
        return int(
            await session.scalar(
                select(func.count())
                .select_from(Delivery)
                .where(Delivery.status.in_(["pending", "claimed"]))
            )
            or 0
        )


async def wait_until(condition, seconds: float) -> None:  # type: ignore[no-untyped-def]
    deadline = asyncio.get_running_loop().time() + seconds
    while not await condition():
        assert asyncio.get_running_loop().time() < deadline, "timed out"
        await asyncio.sleep(0.1)


async def prepare_digests(runtime: Runtime, chats: range) -> None:
    for chat in chats:
        await subscribe(runtime, chat)
    await publish_all_facts_at(runtime, at(20, 1))
    assert await tick(runtime.session_factory, at(20, 3, 31)) == len(chats)


async def test_sender_killed_mid_run_resumes_without_skipping(
    runtime: Runtime, tmp_path: Path
) -> None:
    chats = range(1001, 1031)
    await prepare_digests(runtime, chats)
    api = FakeBotApi(send_delay=0.05)
    url = await api.start()
    env = sender_env(runtime.settings.database_url, url, DIGEST_CLAIM_LEASE_SECONDS="2")
    log = tmp_path / "senders.log"
    first = await start_sender(env, log)
    try:
        await wait_until(lambda: _at_least(api, 20), 60)
        first.send_signal(signal.SIGKILL)  # no chance to release claims or record sends
        await first.wait()
        sent_before_kill = sum(received(api).values())
        await asyncio.sleep(2.5)  # the claims' lease runs out
        second = await start_sender(env, log)
        try:
            await wait_until(lambda: _no_pending(runtime), 90)
        finally:
            second.send_signal(signal.SIGTERM)
            await second.wait()
    finally:
        await api.stop()
    sizes = await digest_sizes(runtime)
    got = received(api)
    assert set(got) == set(chats)  # no subscriber skipped
    duplicates = {chat: got[chat] - sizes[chat] for chat in chats}
    # Only messages in flight at the kill could go twice: at most one per delivery, and no
    # more than were being sent at once.
    assert all(0 <= extra <= 1 for extra in duplicates.values())
    assert sum(duplicates.values()) <= 30
    for chat in chats:
        assert set(api.delivered[chat]) == set(api.delivered[chat][: sizes[chat] + 1])
    assert 20 <= sent_before_kill < sum(sizes.values())
    assert "in flight" in log.read_text()


async def _at_least(api: FakeBotApi, count: int) -> bool:
    return sum(received(api).values()) >= count


async def _no_pending(runtime: Runtime) -> bool:
    return await pending(runtime) == 0


async def test_two_senders_on_postgres_never_double(
    postgres_url: str,
    tmp_path: Path,
) -> None:
    runtime = await prepare_database(Settings(database_url=postgres_url, bot_token=None))
    try:
        chats = range(2001, 2041)
        await prepare_digests(runtime, chats)
        api = FakeBotApi(send_delay=0.01)
        url = await api.start()
        env = sender_env(postgres_url, url, DIGEST_BATCH="3")
        log = tmp_path / "senders.log"
        senders = [await start_sender(env, log) for _ in range(2)]
        try:
            await wait_until(lambda: _no_pending(runtime), 90)
        finally:
            for process in senders:
                process.send_signal(signal.SIGTERM)
            for process in senders:
                await process.wait()
            await api.stop()
        assert received(api) == await digest_sizes(runtime)  # every digest exactly once
        async with runtime.session_factory() as session:
            subscriptions = await session.scalar(select(func.count()).select_from(Subscription))
        assert subscriptions == len(chats)
        # Both processes took part (each claimed in batches of three).
        workers = {
            line.rsplit("(sender ", 1)[1]
            for line in log.read_text().splitlines()
            if "in flight (sender " in line
        }
        assert len(workers) == 2
    finally:
        await runtime.close()
