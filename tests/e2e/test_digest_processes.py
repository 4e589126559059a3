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
from bot.config import Settings
from bot.digest.tick import tick
from bot.runtime import Runtime, prepare_database
from store.models import Delivery, Subscription
from tests.fake_bot_api import FakeBotApi
from tests.harness.digests import at, digest_sizes, publish_all_facts_at, received, subscribe


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


async def test_sigterm_mid_run_leaves_no_claimed_deliveries(
    runtime: Runtime, tmp_path: Path
) -> None:
    chats = range(2001, 2031)
    await prepare_digests(runtime, chats)
    api = FakeBotApi(send_delay=0.1)
    url = await api.start()
    # small batches: what is in flight at SIGTERM is a few deliveries, not the whole run
    env = sender_env(runtime.settings.database_url, url, DIGEST_BATCH="5", DIGEST_CONCURRENCY="5")
    log = tmp_path / "sender.log"
    sender = await start_sender(env, log)
    try:
        await wait_until(lambda: _at_least(api, 10), 60)
        sender.send_signal(signal.SIGTERM)
        assert await asyncio.wait_for(sender.wait(), 30) == 0
        async with runtime.session_factory() as session:
            by_status = dict(
                (
                    await session.execute(
                        select(Delivery.status, func.count()).group_by(Delivery.status)
                    )
                ).all()
            )
        # the in-flight batch was finished or handed back: nothing stays claimed
        assert by_status.get("claimed", 0) == 0
        assert by_status.get("pending", 0) > 0  # it did stop mid-run
        # a later sender delivers the rest at once, without waiting for a lease to expire
        second = await start_sender(env, log)
        try:
            await wait_until(lambda: _no_pending(runtime), 60)
        finally:
            second.send_signal(signal.SIGTERM)
            await second.wait()
    finally:
        await api.stop()
    sizes = await digest_sizes(runtime)
    got = received(api)
    assert set(got) == set(chats)
    assert all(0 <= got[chat] - sizes[chat] <= 1 for chat in chats)


def _read_log(log: Path) -> str:
    return log.read_text(errors="replace") if log.exists() else ""


async def _log_says(log: Path, text: str) -> bool:
    return text in await asyncio.to_thread(_read_log, log)


async def test_leader_dies_and_another_replica_takes_the_tick(
    postgres_url: str, tmp_path: Path
) -> None:
    settings = Settings(database_url=postgres_url, bot_token=None, admin_ids="")
    prepared = await prepare_database(settings)  # migrate once, before the replicas race
    await prepared.close()
    api = FakeBotApi()
    url = await api.start()
    env = sender_env(postgres_url, url, DIGEST_TICK_SECONDS="2")
    leader_line = "this process now runs the digest tick"

    async def replica(log: Path) -> asyncio.subprocess.Process:
        handle = log.open("ab")
        return await asyncio.create_subprocess_exec(
            sys.executable, "-m", "bot", "digests",
            cwd=PROJECT_ROOT, env=env, stdout=handle, stderr=handle,
        )  # fmt: skip

    first_log, second_log = tmp_path / "first.log", tmp_path / "second.log"
    first = await replica(first_log)
    second: asyncio.subprocess.Process | None = None
    try:
        await wait_until(lambda: _log_says(first_log, leader_line), 60)
        second = await replica(second_log)
        await wait_until(lambda: _log_says(second_log, "digests running"), 60)
        await asyncio.sleep(3)  # a tick or two: the second must not lead while the first lives
        assert not await _log_says(second_log, leader_line)
        first.send_signal(signal.SIGKILL)
        await first.wait()
        killed_at = asyncio.get_running_loop().time()
        await wait_until(lambda: _log_says(second_log, leader_line), 30)
        # within one tick interval (2 s here; 60 s in production) plus start-up slack
        assert asyncio.get_running_loop().time() - killed_at < 10
    finally:
        for process in (first, second):
            if process is not None and process.returncode is None:
                process.send_signal(signal.SIGTERM)
                await process.wait()
        await api.stop()
