"""Digests: the tick, composition and delivery against a fake Bot API over HTTP, with
faults injected. Time is passed in, never slept for (except the 429 pause itself)."""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import re
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import pytest
from aiogram import Bot
from sqlalchemy import select, update

from bot.config import Settings
from bot.digest.tick import tick
from bot.render.digest import compose
from bot.runtime import Runtime, prepare_database
from bot.telegram import digest_sender as sender_module
from bot.telegram.app import create_bot
from bot.telegram.digest_sender import DigestSender, RateLimiter, SenderSettings
from store import deliveries as delivery_store
from store import subscriptions as subscription_store
from store.models import Delivery, Subscription
from tests.fake_bot_api import FakeBotApi
from tests.harness.digests import (
    T0,
    UTC,
    at,
    digest_sizes,
    publish_all_facts_at,
    received,
    subscribe,
)

DAY = dt.timedelta(days=1)


async def ledger(runtime: Runtime) -> list[tuple[int, str, str]]:
    async with runtime.session_factory() as session:
        rows = await session.execute(
            select(Delivery.subscription_id, Delivery.period, Delivery.status).order_by(Delivery.id)
        )
        return [tuple(row) for row in rows]  # type: ignore[misc]


@pytest.fixture
async def api() -> AsyncIterator[FakeBotApi]:
    server = FakeBotApi()
    await server.start()
    yield server
    await server.stop()


@pytest.fixture
async def http_bot(api: FakeBotApi, runtime: Runtime) -> AsyncIterator[Bot]:
    settings = Settings(
        database_url=runtime.settings.database_url,
        bot_token="1:digest-test",
        telegram_api_url=api.url,
    )
    bot = create_bot(settings)
    yield bot
    await bot.session.close()


def make_sender(
    runtime: Runtime, bot: Bot, now: dt.datetime, worker: str = "test", **overrides: object
) -> DigestSender:
    settings = SenderSettings(
        rate=1000,
        per_chat_interval=0,
        backoff_seconds=0,
        claim_lease=dt.timedelta(minutes=5),
        **overrides,
    )  # type: ignore[arg-type]
    directory = runtime.directory
    return DigestSender(
        bot,
        runtime.session_factory,
        lambda language: lambda code: directory.country_name(code, language),
        worker=worker,
        settings=settings,
        clock=lambda: now,
    )


# ------------------------------------------------------------------ the tick


async def test_one_delivery_per_subscription_and_period(runtime: Runtime) -> None:
    subscription = await subscribe(runtime, 101)
    assert await tick(runtime.session_factory, at(20, 3, 29)) == 0  # 08:29 local
    assert await tick(runtime.session_factory, at(20, 3, 30)) == 1
    for minute in (31, 45, 59):  # later ticks, a restart, a misfire: nothing new
        assert await tick(runtime.session_factory, at(20, 3, minute)) == 0
    assert await tick(runtime.session_factory, at(21, 3, 31)) == 1
    assert [(p, s) for _id, p, s in await ledger(runtime)] == [
        ("2026-11-20", "pending"),
        ("2026-11-21", "pending"),
    ]
    assert {i for i, _p, _s in await ledger(runtime)} == {subscription}


async def test_no_digest_for_a_moment_before_subscribing(runtime: Runtime) -> None:
    await subscribe(runtime, 101, now=at(20, 5))  # 10:00 local, after today's 08:30
    assert await tick(runtime.session_factory, at(20, 6)) == 0
    assert await tick(runtime.session_factory, at(21, 3, 31)) == 1


async def test_two_days_of_downtime_give_one_catch_up(runtime: Runtime) -> None:
    subscription = await subscribe(runtime, 101)
    await tick(runtime.session_factory, at(20, 3, 31))
    # The bot is down from the 20th to the 23rd; no ticks run.
    assert await tick(runtime.session_factory, at(23, 9)) == 1
    async with runtime.session_factory() as session:
        rows = (
            await session.scalars(
                select(Delivery)
                .where(Delivery.subscription_id == subscription)
                .order_by(Delivery.id)
            )
        ).all()
    assert [row.period for row in rows] == ["2026-11-20", "2026-11-23"]
    # The catch-up covers everything since the previous digest, with no gap.
    assert rows[1].covers_from.replace(tzinfo=UTC) == at(20, 3, 31)
    assert rows[1].covers_to.replace(tzinfo=UTC) == at(23, 9)


async def test_weekly_schedule(runtime: Runtime) -> None:
    await subscribe(runtime, 101, frequency="weekly", weekday=4, local_time="09:00")
    created = 0
    for day in range(20, 31):  # daily ticks at noon UTC across two Fridays (20th, 27th)
        created += await tick(runtime.session_factory, at(day, 12))
    assert created == 2
    assert [p for _i, p, _s in await ledger(runtime)] == ["2026-W47", "2026-W48"]


async def test_paused_and_deactivated_get_nothing(runtime: Runtime) -> None:
    paused = await subscribe(runtime, 101)
    await subscribe(runtime, 102)
    async with runtime.session_factory() as session:
        assert await subscription_store.set_paused(session, 101, paused, True, T0)
        assert not await subscription_store.set_paused(
            session, 999, paused, False, T0
        )  # not its chat
    assert await tick(runtime.session_factory, at(20, 4)) == 1


async def test_the_same_subscription_twice_is_one_row(runtime: Runtime) -> None:
    first = await subscribe(runtime, 101, countries="PK,TJ")
    for _ in range(50):
        assert await subscribe(runtime, 101, countries="PK,TJ") == first
    async with runtime.session_factory() as session:
        rows = (await session.scalars(select(Subscription))).all()
    assert len(rows) == 1


# ------------------------------------------------------------------ composition


async def test_compose_groups_by_country_newest_first(runtime: Runtime) -> None:
    await publish_all_facts_at(runtime, T0 + dt.timedelta(hours=1))
    async with runtime.session_factory() as session:
        entries = await delivery_store.entries_published_between(session, T0, T0 + DAY)
    name = lambda code: runtime.directory.country_name(code, "ru")  # noqa: E731
    messages = compose(entries, ("TJ", "PK"), "ru", name, "2026-11-20")
    text = "\n".join(messages)
    assert text.startswith("<b>Дайджест: новое в базе</b> · 20.11.2026")
    assert text.index("<b>Пакистан</b>") < text.index("<b>Таджикистан</b>")
    assert "Россия</b>" not in text  # filtered out
    tajik = text[text.index("<b>Таджикистан</b>") :]
    assert tajik.index("февраль 2026") < tajik.index("22.08.2024")  # newest first
    # each entry cites its sources by number; one numbered list of them ends the digest
    assert re.search(r"\[\d+(, \d+)*\]", tajik)
    sources = text[text.index("Источники") :]
    assert text.count("Zakon.kz") == 1 and "[1] " in sources and "Zakon.kz" in sources
    assert all(len(m) <= 4096 for m in messages)
    english = "\n".join(compose(entries, ("TJ",), "en", name, "2026-W47"))
    assert "Digest: new in the database</b> · week 47 of 2026" in english
    assert "Sources" in english
    assert compose([], (), "ru", name, "x") == []


# ------------------------------------------------------------------ delivery over HTTP


async def test_delivery_at_most_once(runtime: Runtime, api: FakeBotApi, http_bot: Bot) -> None:
    for chat in (101, 102, 103):
        await subscribe(runtime, chat)
    await publish_all_facts_at(runtime, T0 + dt.timedelta(hours=1))
    await tick(runtime.session_factory, at(20, 3, 31))
    sender = make_sender(runtime, http_bot, at(20, 3, 31))
    assert await sender.run_once() == 3
    assert await sender.run_once() == 0
    await tick(runtime.session_factory, at(20, 3, 45))
    assert await sender.run_once() == 0
    sizes = await digest_sizes(runtime)
    assert set(sizes) == {101, 102, 103} and received(api) == sizes  # each digest once, whole
    assert "Дайджест" in api.delivered[101][0]
    assert "Таджикистан" in "".join(api.delivered[101])
    assert {s for _i, _p, s in await ledger(runtime)} == {"sent"}


async def test_instant_alerts_come_within_a_minute_and_once(
    runtime: Runtime, api: FakeBotApi, http_bot: Bot
) -> None:
    """An instant subscription is due at the first tick after facts are published, covers
    them once, and gets nothing (not even a note) while nothing new comes."""
    tajik = await subscribe(runtime, 101, frequency="instant", local_time="00:00", countries="TJ")
    await subscribe(runtime, 102, frequency="instant", local_time="00:00", countries="PK")
    await publish_all_facts_at(runtime, T0 - DAY)  # all before the subscriptions
    assert await tick(runtime.session_factory, T0 + dt.timedelta(minutes=1)) == 0
    published = T0 + dt.timedelta(minutes=2, seconds=10)
    await publish_all_facts_at(runtime, published)
    assert await tick(runtime.session_factory, T0 + dt.timedelta(minutes=2)) == 0  # not yet
    moment = T0 + dt.timedelta(minutes=3)
    assert await tick(runtime.session_factory, moment) == 2
    assert await tick(runtime.session_factory, moment) == 0  # a repeated tick: nothing twice
    sender = make_sender(runtime, http_bot, moment)
    assert await sender.run_once() == 2
    assert "Таджикистан" in "".join(api.delivered[101])
    assert "Пакистан" not in "".join(api.delivered[101])
    assert "20.11.2026 00:03 UTC" in api.delivered[101][0]
    # the next minutes: everything is covered, nothing is due, nothing is sent
    for minute in (4, 5, 60):
        assert await tick(runtime.session_factory, T0 + dt.timedelta(minutes=minute)) == 0
    assert received(api) == await digest_sizes(runtime)
    periods = [(sub, period) for sub, period, _ in await ledger(runtime)]
    assert (tajik, "2026-11-20T00:03Z") in periods and len(periods) == 2


async def test_nothing_new_means_nothing_sent(
    runtime: Runtime, api: FakeBotApi, http_bot: Bot
) -> None:
    await subscribe(runtime, 101)
    await subscribe(runtime, 102, notify_empty=True)
    await tick(runtime.session_factory, at(20, 3, 31))
    await make_sender(runtime, http_bot, at(20, 3, 31)).run_once()
    assert 101 not in api.delivered
    assert "новых записей нет" in api.delivered[102][0]
    assert sorted(s for _i, _p, s in await ledger(runtime)) == ["empty", "sent"]


async def test_429_storm_is_waited_out(runtime: Runtime, api: FakeBotApi, http_bot: Bot) -> None:
    for chat in range(201, 206):
        await subscribe(runtime, chat)
    await publish_all_facts_at(runtime, T0 + dt.timedelta(hours=1))
    await tick(runtime.session_factory, at(20, 3, 31))
    api.too_many_requests, api.retry_after = 6, 1
    started = time.monotonic()
    await make_sender(runtime, http_bot, at(20, 3, 31)).run_once()
    assert time.monotonic() - started >= 1.0  # retry_after was honoured
    assert api.refused_429 == 6
    sizes = await digest_sizes(runtime)
    assert received(api) == sizes and len(sizes) == 5  # nothing lost, nothing doubled


async def test_blocked_and_missing_chats_are_deactivated(
    runtime: Runtime, api: FakeBotApi, http_bot: Bot
) -> None:
    for chat in (301, 302, 303):
        await subscribe(runtime, chat)
    await publish_all_facts_at(runtime, T0 + dt.timedelta(hours=1))
    await tick(runtime.session_factory, at(20, 3, 31))
    api.forbidden_chats, api.missing_chats = {302}, {303}
    await make_sender(runtime, http_bot, at(20, 3, 31)).run_once()
    assert list(api.delivered) == [301]
    async with runtime.session_factory() as session:
        states = {
            row.chat_id: (row.active, row.deactivated_reason)
            for row in (await session.scalars(select(Subscription))).all()
        }
    assert states[301] == (True, None)
    assert states[302][0] is False and "forbidden" in str(states[302][1])
    assert states[303] == (False, "chat not found")
    # Deactivated subscriptions get no further digests.
    assert await tick(runtime.session_factory, at(21, 3, 31)) == 1


async def test_migrated_group_is_followed(runtime: Runtime, api: FakeBotApi, http_bot: Bot) -> None:
    await subscribe(runtime, -401)
    await publish_all_facts_at(runtime, T0 + dt.timedelta(hours=1))
    await tick(runtime.session_factory, at(20, 3, 31))
    api.migrated_chats = {-401: -1000000000401}
    await make_sender(runtime, http_bot, at(20, 3, 31)).run_once()
    assert list(api.delivered) == [-1000000000401]
    async with runtime.session_factory() as session:
        chat_ids = {row.chat_id for row in (await session.scalars(select(Subscription))).all()}
    assert chat_ids == {-1000000000401}


async def test_server_errors_retry_then_give_up(
    runtime: Runtime, api: FakeBotApi, http_bot: Bot
) -> None:
    await subscribe(runtime, 501)
    await publish_all_facts_at(runtime, T0 + dt.timedelta(hours=1))
    await tick(runtime.session_factory, at(20, 3, 31))
    api.server_errors = 2
    sender = make_sender(runtime, http_bot, at(20, 3, 31), max_attempts=3)
    for _ in range(3):
        await sender.run_once()
    assert received(api) == await digest_sizes(runtime)
    assert [s for _i, _p, s in await ledger(runtime)] == ["sent"]

    await subscribe(runtime, 502, local_time="10:00")
    await tick(runtime.session_factory, at(20, 5, 1))
    api.server_errors = 100
    later = make_sender(runtime, http_bot, at(20, 5, 1), max_attempts=3)
    for _ in range(5):
        await later.run_once()
    assert 502 not in api.delivered
    async with runtime.session_factory() as session:
        failed = (await session.scalars(select(Delivery).where(Delivery.status == "failed"))).all()
    assert len(failed) == 1 and failed[0].attempts == 3
    assert "Bad Gateway" in str(failed[0].error)
    # The failed window is handed back: the next digest still carries those entries.
    async with runtime.session_factory() as session:
        row = await session.scalar(select(Subscription).where(Subscription.chat_id == 502))
        assert row is not None and row.covered_until.replace(tzinfo=UTC) == failed[
            0
        ].covers_from.replace(tzinfo=UTC)


async def test_crash_between_send_and_commit_resends_only_in_flight(
    runtime: Runtime,
    api: FakeBotApi,
    http_bot: Bot,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    for chat in (601, 602):
        await subscribe(runtime, chat)
    await publish_all_facts_at(runtime, T0 + dt.timedelta(hours=1))
    await tick(runtime.session_factory, at(20, 3, 31))

    async def crash(*_args: object) -> None:
        raise RuntimeError("process died before recording the send")

    monkeypatch.setattr(sender_module.delivery_store, "mark_sent", crash)
    with caplog.at_level(logging.INFO, logger="bot.telegram.digest_sender"):
        await make_sender(runtime, http_bot, at(20, 3, 31)).run_once()
    monkeypatch.undo()
    in_flight = [r.getMessage() for r in caplog.records if "in flight" in r.getMessage()]
    assert len(in_flight) == 2  # the log names each message that may go twice
    assert received(api) == {601: 1, 602: 1}
    # After the lease, another sender (a restarted process) takes over from the last
    # recorded message.
    later = at(20, 3, 31) + dt.timedelta(minutes=10)
    await make_sender(runtime, http_bot, later, worker="restarted").run_once()
    sizes = await digest_sizes(runtime)
    # Each chat got its whole digest, plus at most the one message that was in flight.
    assert received(api) == {chat: size + 1 for chat, size in sizes.items()}
    assert all(api.delivered[chat][0] == api.delivered[chat][1] for chat in sizes)
    assert {s for _i, _p, s in await ledger(runtime)} == {"sent"}


async def test_rate_limiter_paces_overall_and_per_chat() -> None:
    clock = [0.0]

    async def fake_sleep(seconds: float) -> None:
        clock[0] += seconds

    limiter = RateLimiter(rate=10, per_chat=1.0, monotonic=lambda: clock[0], sleep=fake_sleep)
    for chat in range(20):
        await limiter.acquire(chat)
    assert clock[0] == pytest.approx(1.9)  # 20 sends at 10/s
    await limiter.acquire(0)  # the first chat again: its 1 s has long passed
    limiter.pause(5)
    start = clock[0]
    await limiter.acquire(99)
    assert clock[0] - start >= 5  # a 429 pauses everyone
    await limiter.acquire(99)
    assert clock[0] - start >= 6  # and one chat waits its second


async def test_leader_lock_on_postgres(postgres_url: str) -> None:
    from store.db import create_engine
    from store.locks import Leadership

    first_engine, second_engine = create_engine(postgres_url), create_engine(postgres_url)
    first, second = Leadership(first_engine), Leadership(second_engine)
    try:
        assert await first.is_leader()
        assert not await second.is_leader()  # one process per deployment ticks
        assert await first.is_leader()  # and keeps the role
        await first.release()  # the leader stops (or dies, closing its connection)
        assert await second.is_leader()
    finally:
        await first.release()
        await second.release()
        await first_engine.dispose()
        await second_engine.dispose()


async def test_runner_ticks_from_the_scheduler(runtime: Runtime) -> None:
    import asyncio

    from bot.telegram.digest_runner import DigestRunner

    await subscribe(runtime, 701)
    runner = DigestRunner(
        runtime, create_bot(runtime.settings), clock=lambda: at(20, 3, 31), send=False
    )
    runner.start()  # APScheduler runs the first tick at once, then every minute
    for _ in range(50):
        if await ledger(runtime):
            break
        await asyncio.sleep(0.1)
    await runner.stop()
    assert [(p, s) for _i, p, s in await ledger(runtime)] == [("2026-11-20", "pending")]


# ------------------------------------------------------------------ claims that outlive a batch


@asynccontextmanager
async def _postgres_digests(
    postgres_url: str, api: FakeBotApi, chats: range
) -> AsyncIterator[tuple[Runtime, Bot]]:
    """A PostgreSQL store with a digest due for each chat, and a bot talking to `api`."""
    runtime = await prepare_database(Settings(database_url=postgres_url, bot_token=None))
    bot = create_bot(Settings(database_url=postgres_url, bot_token="1:digest-test",
                              telegram_api_url=api.url))  # fmt: skip
    try:
        for chat in chats:
            await subscribe(runtime, chat)
        await publish_all_facts_at(runtime, T0 + dt.timedelta(hours=1))
        await tick(runtime.session_factory, at(20, 3, 31))
        yield runtime, bot
    finally:
        await bot.session.close()
        await runtime.close()


def _real_clock_sender(runtime: Runtime, bot: Bot, worker: str) -> DigestSender:
    """A one-second lease against the wall clock: a three-second flood wait outlives it."""
    directory = runtime.directory
    return DigestSender(
        bot,
        runtime.session_factory,
        lambda language: lambda code: directory.country_name(code, language),
        worker=worker,
        settings=SenderSettings(
            rate=1000,
            per_chat_interval=0,
            backoff_seconds=0,
            batch=4,
            claim_lease=dt.timedelta(seconds=1),
            idle_poll_seconds=0.1,
        ),
    )


async def _run_until_delivered(runtime: Runtime, senders: list[DigestSender]) -> None:
    stop = asyncio.Event()
    tasks = [asyncio.create_task(sender.run(stop)) for sender in senders]
    try:
        for _ in range(600):
            statuses = {status for _s, _p, status in await ledger(runtime)}
            if statuses <= {"sent", "empty"}:
                break
            await asyncio.sleep(0.1)
    finally:
        stop.set()
        await asyncio.gather(*tasks)


async def test_a_flood_wait_longer_than_the_lease_sends_each_digest_once(
    postgres_url: str, api: FakeBotApi
) -> None:
    async with _postgres_digests(postgres_url, api, range(301, 321)) as (runtime, bot):
        api.too_many_requests, api.retry_after = 1, 3
        await _run_until_delivered(runtime, [_real_clock_sender(runtime, bot, "solo")])
        sizes = await digest_sizes(runtime)
        assert len(sizes) == 20 and received(api) == sizes  # each digest once, whole


async def test_two_senders_with_a_short_lease_never_double(
    postgres_url: str, api: FakeBotApi
) -> None:
    async with _postgres_digests(postgres_url, api, range(401, 431)) as (runtime, bot):
        api.too_many_requests, api.retry_after = 2, 3
        senders = [_real_clock_sender(runtime, bot, name) for name in ("one", "two")]
        await _run_until_delivered(runtime, senders)
        sizes = await digest_sizes(runtime)
        assert len(sizes) == 30 and received(api) == sizes
        assert all(sender.sent_messages for sender in senders)  # both took part


class _TakenOverWhileWaiting(RateLimiter):
    """Stands for a sender stalled past its lease: while it waits for a slot, another
    sender takes its delivery over."""

    def __init__(self, runtime: Runtime) -> None:
        super().__init__(rate=1000, per_chat=0)
        self.runtime = runtime

    async def acquire(self, chat_id: int) -> None:
        async with self.runtime.session_factory() as session:
            await session.execute(update(Delivery).values(claimed_by="another sender"))
            await session.commit()


async def test_a_claim_taken_over_is_not_sent_by_its_old_owner(
    runtime: Runtime, api: FakeBotApi, http_bot: Bot
) -> None:
    await subscribe(runtime, 501)
    await publish_all_facts_at(runtime, T0 + dt.timedelta(hours=1))
    await tick(runtime.session_factory, at(20, 3, 31))
    sender = make_sender(runtime, http_bot, at(20, 3, 31))
    sender.limiter = _TakenOverWhileWaiting(runtime)
    assert await sender.run_once() == 1
    assert api.delivered == {}  # the new owner sends it, not this one
    assert [status for _s, _p, status in await ledger(runtime)] == ["claimed"]
