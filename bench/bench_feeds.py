"""Watched-source figures (issue: fresh facts without anyone pasting articles). Prints
figures; asserts nothing.

    .venv/bin/python -m bench.bench_feeds [--quick]

A local news site runs in a child process pinned to the second core (feeds and article
pages generated from templates of our own, every page a different story); the bot side is
pinned to the first.

1. First poll of FEEDS x ITEMS: every feed polled, every page fetched, read and extracted,
   queued (or set aside as irrelevant or a copy): articles per second, against reading the
   same pages with the extractor alone (the baseline of the same run).
2. Steady polling of STEADY unchanged feeds (every answer a 304): CPU seconds the bot
   spends per round, as a share of one core over a 15-minute interval.
3. Resident memory over ten steady rounds.
All feeds live on one host here, so the per-host interval is off (0 s); in production
hosts differ and each is spaced two seconds apart.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import multiprocessing
import os
import resource
import statistics
import tempfile
import time
from pathlib import Path

import aiohttp
from aiohttp import web

from bot.config import Settings
from bot.drafts import Draft, prepare_draft
from bot.extraction.shared import shared_extractor
from bot.feeds import manage
from bot.feeds.fetch import Fetcher
from bot.feeds.ingest import Ingester
from bot.feeds.poller import FeedPoller, PollSettings
from bot.runtime import Runtime, prepare_database

PARTNERS = [
    ("Узбекистана", "Ташкенте"),
    ("Кыргызстана", "Бишкеке"),
    ("Таджикистана", "Душанбе"),
    ("Туркменистана", "Ашхабаде"),
    ("Азербайджана", "Баку"),
    ("Турции", "Анкаре"),
    ("Китая", "Пекине"),
    ("Монголии", "Улан-Баторе"),
]
TOPICS = ["транзит грузов", "водные ресурсы", "поставки зерна", "цифровые сервисы"]


def story(feed: int, item: int) -> tuple[str, str]:
    country, city = PARTNERS[(feed + item) % len(PARTNERS)]
    topic = TOPICS[(feed * 7 + item) % len(TOPICS)]
    day = 1 + (feed * 3 + item) % 27
    volume = 100 + feed * 13 + item * 7
    title = f"Министры Казахстана и {country} обсудили {topic} (№{feed}-{item})"
    text = (
        f"Министр иностранных дел Казахстана {day} ноября 2026 года провёл переговоры с "
        f"коллегой из {country} в {city}. Стороны обсудили {topic}, совместные проекты "
        f"стоимостью {volume} млн долларов США и график встреч на следующий год.\n\n"
        f"Выпуск {feed}-{item}: по словам участников, объём взаимной торговли за девять "
        f"месяцев вырос на {feed % 30 + item} процентов, а новые маршруты откроются весной."
    )
    return title, text


def page(feed: int, item: int) -> str:
    title, text = story(feed, item)
    body = "".join(f"<p>{p}</p>" for p in text.split("\n\n"))
    return f"<html><head><title>{title}</title></head><body><h1>{title}</h1>{body}</body></html>"


def feed_xml(base: str, feed: int, items: int) -> str:
    entries = "".join(
        f"<item><title>{story(feed, n)[0]}</title><link>{base}/a/{feed}/{n}</link>"
        f"<guid>{base}/a/{feed}/{n}</guid></item>"
        for n in range(items)
    )
    channel = f"<channel><title>F{feed}</title>{entries}</channel>"
    return f"<?xml version='1.0'?><rss version='2.0'>{channel}</rss>"


def serve(port_out: multiprocessing.connection.Connection, items: int) -> None:
    """The site, in a child process on the second core."""
    if hasattr(os, "sched_setaffinity") and os.cpu_count() and os.cpu_count() > 1:  # type: ignore[operator]
        os.sched_setaffinity(0, {1})

    async def feed_handler(request: web.Request) -> web.Response:
        if request.headers.get("If-None-Match") == '"same"':
            return web.Response(status=304)
        base = f"http://{request.host}"
        body = feed_xml(base, int(request.match_info["feed"]), items)
        return web.Response(
            text=body, content_type="application/rss+xml", headers={"ETag": '"same"'}
        )

    async def page_handler(request: web.Request) -> web.Response:
        text = page(int(request.match_info["feed"]), int(request.match_info["item"]))
        return web.Response(text=text, content_type="text/html")

    async def main() -> None:
        app = web.Application()
        app.router.add_get("/f/{feed}.xml", feed_handler)
        app.router.add_get("/a/{feed}/{item}", page_handler)
        runner = web.AppRunner(app, access_log=None)
        await runner.setup()
        site = web.TCPSite(runner, "127.0.0.1", 0)
        await site.start()
        port_out.send(site._server.sockets[0].getsockname()[1])  # type: ignore[union-attr]
        await asyncio.Event().wait()

    asyncio.run(main())


def rss_mib() -> float:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * resource.getpagesize() / 2**20


async def read(data: bytes, filename: str) -> Draft:
    return prepare_draft(data, filename, shared_extractor())


async def watching(base: str, feeds: int, database: Path) -> tuple[Runtime, dt.datetime]:
    """A new database watching `feeds` of the site's feeds; and the moment they were added."""
    settings = Settings(database_url=f"sqlite+aiosqlite:///{database}")
    runtime = await prepare_database(settings, search_inline=False)
    now = dt.datetime.now(dt.UTC)
    async with runtime.session_factory() as session:
        for feed in range(feeds):
            url = f"{base}/f/{feed}.xml"
            await manage.add(session, url, None, "review", dt.timedelta(minutes=15), now)
    return runtime, now


async def first_poll(base: str, feeds: int, items: int, folder: Path) -> None:
    runtime, now = await watching(base, feeds, folder / "first.sqlite3")
    shared_extractor()  # models loaded before the clock starts, as in the running bot
    settings_poll = PollSettings(items_per_poll=items, sources_per_round=feeds)
    async with aiohttp.ClientSession() as http:
        fetcher = Fetcher(http, per_host_interval=0)
        started = time.perf_counter()
        await FeedPoller(runtime.session_factory, fetcher, lambda: now, settings_poll).poll_due()
        outcomes = await Ingester(runtime.session_factory, fetcher, read).process_pending(
            limit=feeds * items
        )
        elapsed = time.perf_counter() - started
        # the baseline: the same pages read by the extractor alone, no HTTP, no database
        pages = [page(f, n).encode() for f in range(min(feeds, 20)) for n in range(items)]
        base_started = time.perf_counter()
        for data in pages:
            prepare_draft(data, "page.html", shared_extractor())
        baseline = len(pages) / (time.perf_counter() - base_started)
    await runtime.close()
    total = sum(outcomes.values())
    print(f"1. first poll of {feeds} feeds x {items} items: {total} articles in {elapsed:.1f} s")
    print(
        f"   {total / elapsed:.1f} articles/s (target >= 15 on one core); outcomes {dict(outcomes)}"
    )
    print(
        f"   baseline, extraction alone of {len(pages)} such pages: {baseline:.1f} articles/s"
        f" (ours / baseline = {total / elapsed / baseline:.2f})"
    )


async def steady(base: str, feeds: int, rounds: int, folder: Path) -> None:
    runtime, now = await watching(base, feeds, folder / "steady.sqlite3")
    poll_settings = PollSettings(items_per_poll=0, sources_per_round=feeds)
    cpu: list[float] = []
    memory: list[float] = []
    async with aiohttp.ClientSession() as http:
        fetcher = Fetcher(http, per_host_interval=0)
        moment = now
        # a first round learns the ETags; the measured ones are all 304s
        await FeedPoller(runtime.session_factory, fetcher, lambda: moment, poll_settings).poll_due()
        for _ in range(rounds):
            moment += dt.timedelta(minutes=15)
            started = time.process_time()
            outcomes = await FeedPoller(
                runtime.session_factory, fetcher, lambda at=moment: at, poll_settings
            ).poll_due()
            cpu.append(time.process_time() - started)
            memory.append(rss_mib())
    await runtime.close()
    unchanged = sum(1 for outcome in outcomes if not outcome.changed)
    per_round = statistics.median(cpu)
    print(
        f"2. steady polling of {feeds} unchanged feeds"
        f" ({unchanged} answered 304 in the last round):"
    )
    print(
        f"   CPU per round: median {per_round:.2f} s, max {max(cpu):.2f} s;"
        f" share of one core over 15 minutes: {per_round / 900:.2%} (target < 5%)"
    )
    print(
        f"3. resident memory over {rounds} rounds: {memory[0]:.0f} -> {memory[-1]:.0f} MiB"
        f" (max {max(memory):.0f})"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true", help="20 feeds x 10 items, 200 steady")
    args = parser.parse_args()
    feeds, items, steady_feeds = (20, 10, 200) if args.quick else (200, 20, 1000)
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {0})
    parent, child = multiprocessing.Pipe()
    server = multiprocessing.get_context("spawn").Process(
        target=serve, args=(child, items), daemon=True
    )
    server.start()
    port = parent.recv()
    base = f"http://127.0.0.1:{port}"
    try:
        with tempfile.TemporaryDirectory() as folder:
            asyncio.run(first_poll(base, feeds, items, Path(folder)))
            asyncio.run(steady(base, steady_feeds, 10, Path(folder)))
    finally:
        server.kill()


if __name__ == "__main__":
    main()
