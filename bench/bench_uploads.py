"""Hostile uploads and the event loop (issue: hardening). Prints figures; asserts nothing.

    .venv/bin/python -m bench.bench_uploads [--size BYTES]

For each generated hostile input (tests/harness/hostile.py) and a long ordinary article,
the upload goes through the real dispatcher while a monitor measures how late the event
loop wakes up (its longest stall) and another user asks `/country TJ` every 100 ms. The
same inputs are then read the old way, in a thread of the bot's own process, as the
baseline: what the worker process saves is the difference.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import statistics
import tempfile
import time
from collections.abc import Awaitable, Callable
from pathlib import Path

from aiogram.methods import SendMessage

from bot.config import Settings
from bot.draft_worker import shared_draft_worker
from bot.drafts import prepare_draft
from bot.runtime import Runtime, prepare_database
from bot.telegram.client import NoSuchButton
from tests.harness import Harness, make_update
from tests.harness.hostile import ARTICLE, SHAPES, hostile_upload
from tests.harness.uploads import ADMIN, document_update

LONG_ARTICLE = ("long article", "long.txt", (ARTICLE * 3000).encode()[:999_000])


async def watch_loop(stop: asyncio.Event, stalls: list[float]) -> None:
    while not stop.is_set():
        started = time.perf_counter()
        await asyncio.sleep(0.005)
        stalls.append(time.perf_counter() - started - 0.005)


async def ask_country(harness: Harness, stop: asyncio.Event, latencies: list[float]) -> None:
    while not stop.is_set():
        started = time.perf_counter()
        await harness.dispatcher.feed_update(harness.bot, make_update("/country TJ", user_id=77))
        latencies.append(time.perf_counter() - started)
        await asyncio.sleep(0.1)


async def measured(work: Callable[[], Awaitable[object]], harness: Harness) -> dict[str, float]:
    stop = asyncio.Event()
    stalls: list[float] = []
    latencies: list[float] = []
    watchers = [
        asyncio.create_task(watch_loop(stop, stalls)),
        asyncio.create_task(ask_country(harness, stop, latencies)),
    ]
    started = time.perf_counter()
    await work()
    elapsed = time.perf_counter() - started
    stop.set()
    await asyncio.gather(*watchers)
    return {
        "seconds": elapsed,
        "max_stall": max(stalls, default=0.0),
        "country_p50": statistics.median(latencies) if latencies else float("nan"),
        "country_max": max(latencies, default=float("nan")),
    }


def upload_through_the_bot(
    harness: Harness, name: str, content: bytes
) -> Callable[[], Awaitable[object]]:
    async def work() -> None:
        await harness.send("/upload", user_id=ADMIN)
        await harness.dispatcher.feed_update(harness.bot, document_update(harness, content, name))
        with contextlib.suppress(NoSuchButton):  # no preview, nothing to discard
            await harness.click("Отменить", user_id=ADMIN)
        harness.session.requests.clear()

    return work


def read_in_a_thread(name: str, content: bytes) -> Callable[[], Awaitable[object]]:
    async def work() -> None:
        with contextlib.suppress(Exception):  # a refusal is an outcome like any other here
            await asyncio.to_thread(prepare_draft, content, name)

    return work


def row(label: str, figures: dict[str, float]) -> str:
    return (
        f"| {label} | {figures['seconds']:.2f} s | {figures['max_stall'] * 1000:.0f} ms | "
        f"{figures['country_p50'] * 1000:.1f} ms / {figures['country_max'] * 1000:.0f} ms |"
    )


async def main(size: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        settings = Settings(
            database_url=f"sqlite+aiosqlite:///{Path(folder) / 'bot.sqlite3'}",
            admin_ids=frozenset({ADMIN}),
        )
        runtime: Runtime = await prepare_database(settings)
        harness = Harness(runtime)
        await asyncio.to_thread(shared_draft_worker().start)
        inputs = [(shape, *hostile_upload(shape, size)) for shape in SHAPES] + [LONG_ARTICLE]
        idle = await measured(lambda: asyncio.sleep(2), harness)
        print("| input | read in | longest loop stall | /country p50 / max meanwhile |")
        print("| --- | --- | --- | --- |")
        print(row("nothing (baseline)", idle))
        for label, name, content in inputs:
            print(row(f"{label}, worker process", await measured(
                upload_through_the_bot(harness, name, content), harness)))  # fmt: skip
            print(row(f"{label}, thread (old way)", await measured(
                read_in_a_thread(name, content), harness)), flush=True)  # fmt: skip
        sent = [r for r in harness.session.requests if isinstance(r, SendMessage)]
        print(f"({len(sent)} replies pending in the fake session)")
        shared_draft_worker().close()
        await runtime.close()


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--size", type=int, default=1_000_000, help="bytes of each input")
    asyncio.run(main(parser.parse_args().size))
