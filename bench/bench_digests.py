"""Digest figures (issue: digests). Prints figures; asserts nothing.

    .venv/bin/python -m bench.bench_digests [--quick]

1. 10,000 subscribers (mixed languages, filters, times): the tick that creates their ledger
   rows, and composing every digest (with storing the texts), against composing one digest.
2. Delivery against the fake Bot API over HTTP, which answers 429 the way Telegram does when
   a bot exceeds 30 messages/s or one message per second per chat: the rate reached against
   the configured 25/s, and how many 429s the bot caused.
3. Resident memory sampled through both: peak, and whether it keeps growing.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

from sqlalchemy import insert, update

from bot.config import Settings
from bot.digest.tick import tick
from bot.render.digest import compose
from bot.runtime import Runtime, prepare_database, settle_heap
from bot.telegram.app import create_bot
from bot.telegram.digest_sender import DigestSender, SenderSettings
from bot.telegram.local import LocalSession
from store import deliveries as delivery_store
from store.models import Agreement, Delivery, Event, Subscription, TradeFigure
from tests.fake_bot_api import FakeBotApi

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

UTC = dt.UTC
SUBSCRIBED = dt.datetime(2026, 11, 19, 0, 0, tzinfo=UTC)
PUBLISHED = dt.datetime(2026, 11, 19, 12, 0, tzinfo=UTC)
DUE = dt.datetime(2026, 11, 20, 12, 0, tzinfo=UTC)
PARTNERS = ["TJ", "PK", "RU", "KG", "UZ", "TM", "CN", "AF"]


def rss_mib() -> float:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * resource.getpagesize() / 2**20


async def add_subscriptions(
    runtime: Runtime, count: int, first_chat: int, countries: str | None = None
) -> None:
    rng = random.Random(first_chat)
    rows = []
    for number in range(count):
        chosen = (
            countries
            if countries is not None
            else ",".join(sorted(rng.sample(PARTNERS, rng.choice((0, 1, 2)))))
        )
        rows.append(
            {
                "chat_id": first_chat + number,
                "chat_type": "private",
                "frequency": "daily",
                "weekday": -1,
                "local_time": f"{rng.randrange(0, 10):02d}:{rng.choice((0, 30)):02d}",
                "timezone": rng.choice(("Asia/Almaty", "Europe/Moscow", "UTC")),
                "countries_key": chosen,
                "language": rng.choice(("ru", "en")),
                "notify_empty": False,
                "paused": False,
                "active": True,
                "covered_until": SUBSCRIBED,
                "created_at": SUBSCRIBED,
            }
        )
    async with runtime.session_factory() as session:
        await session.execute(insert(Subscription), rows)
        for model in (Event, Agreement, TradeFigure):
            await session.execute(update(model).values(created_at=PUBLISHED))
        await session.commit()


def names(runtime: Runtime):  # type: ignore[no-untyped-def]
    return lambda language: lambda code: runtime.directory.country_name(code, language)


async def composing(runtime: Runtime, subscribers: int, samples: list[float]) -> None:
    await add_subscriptions(runtime, subscribers, 1_000_000)
    start = time.perf_counter()
    created = await tick(runtime.session_factory, DUE)
    ticked = time.perf_counter() - start
    sender = DigestSender(
        create_bot(runtime.settings, session=LocalSession()),
        runtime.session_factory,
        names(runtime),
        worker="bench",
        settings=SenderSettings(batch=subscribers),
        clock=lambda: DUE,
    )
    start = time.perf_counter()
    async with runtime.session_factory() as session:
        claimed = await delivery_store.claim(session, "bench", DUE, subscribers)
    ready = await sender.prepare(claimed)
    composed = time.perf_counter() - start
    samples.append(rss_mib())
    async with runtime.session_factory() as session:
        entries = await delivery_store.entries_published_between(session, SUBSCRIBED, DUE)
    start = time.perf_counter()
    compose(entries, (), "ru", names(runtime)("ru"), "2026-11-20")
    one = time.perf_counter() - start
    print(
        f"{subscribers} subscribers: tick created {created} deliveries in {ticked:.2f} s; "
        f"claiming and composing all digests (texts stored) {composed:.2f} s, "
        f"{len(ready)} with something to send"
    )
    print(
        f"  baseline: composing one digest of {len(entries)} entries {one * 1000:.1f} ms "
        f"(x {subscribers} without sharing = {one * subscribers:.1f} s)"
    )


async def delivering(runtime: Runtime, chats: int, rate: float, samples: list[float]) -> None:
    async with runtime.session_factory() as session:
        # The composing phase's subscribers and claims are done with: only the new ones count.
        await session.execute(update(Subscription).values(active=False))
        await session.execute(update(Delivery).values(status="sent", claimed_by=None))
        await session.commit()
    await add_subscriptions(runtime, chats, 2_000_000, countries="PK")
    await tick(runtime.session_factory, DUE + dt.timedelta(days=1))
    api = FakeBotApi(enforce_limits=True, global_per_second=30, chat_interval=0.95)
    url = await api.start()
    settings = Settings(
        database_url=runtime.settings.database_url, bot_token="1:bench", telegram_api_url=url
    )
    bot = create_bot(settings)
    sender = DigestSender(
        bot,
        runtime.session_factory,
        names(runtime),
        worker="bench",
        settings=SenderSettings(rate=rate, per_chat_interval=1.0),
        clock=lambda: DUE + dt.timedelta(days=1),
    )
    stop = asyncio.Event()
    start = time.perf_counter()
    started_at = time.monotonic()
    running = asyncio.create_task(sender.run(stop))
    while sum(len(texts) for texts in api.delivered.values()) < chats:
        await asyncio.sleep(0.05)
        if len(samples) < 200 and int(time.perf_counter() - start) % 3 == 0:
            samples.append(rss_mib())
    elapsed = time.perf_counter() - start
    stop.set()
    await running
    await bot.session.close()
    await api.stop()
    sent = sum(len(texts) for texts in api.delivered.values())
    achieved = sent / elapsed
    first, last = api.accepted_at[0], api.accepted_at[-1]
    steady = (len(api.accepted_at) - 1) / (last - first)
    print(
        f"delivery: {sent} messages to {len(api.delivered)} chats in {elapsed:.1f} s = "
        f"{achieved:.1f}/s end to end against {rate:.0f}/s configured "
        f"({achieved / rate:.1%}); first to last message {steady:.2f}/s ({steady / rate:.1%}); "
        f"first message {first - started_at:.2f} s after start; "
        f"429s caused by the bot: {api.refused_429}"
    )


async def main(quick: bool) -> None:
    samples: list[float] = [rss_mib()]
    with tempfile.TemporaryDirectory() as folder:
        runtime = await prepare_database(
            Settings(database_url=f"sqlite+aiosqlite:///{folder}/delivery_store.sqlite3")
        )
        settle_heap()
        samples.append(rss_mib())
        await composing(runtime, 2_000 if quick else 10_000, samples)
        await delivering(runtime, 150 if quick else 600, 25.0, samples)
        await runtime.close()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    middle = samples[len(samples) // 2]
    print(
        f"memory: resident {samples[1]:.0f} MiB after start, {middle:.0f} MiB mid-run, "
        f"{samples[-1]:.0f} MiB at the end; peak RSS {peak:.0f} MiB "
        f"({len(samples)} samples)"
    )


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    asyncio.run(main(parser.parse_args().quick))
