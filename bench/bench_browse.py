"""Browsing speed figures (issue: navigation). Prints figures; asserts nothing.

    .venv/bin/python -m bench.bench_browse [--quick]

On the synthetic store of 10,000 articles and 100,000 facts (bench_core.build_synthetic):
1. building the search index (time, memory);
2. /search from update in to the first request out, p50/p99, against /help on the same
   dispatcher;
3. trade chart generation, cold (first, with matplotlib's import) and warm, against a bare
   empty matplotlib figure saved to PNG.
"""

from __future__ import annotations

import argparse
import asyncio
import io
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

from bench.bench_core import TimingSession, build_synthetic, ms, percentiles
from bot.charts import TradePoint, trade_chart_png
from bot.config import Settings
from bot.directory import build_search_index
from bot.i18n import translator
from bot.render.lists import chart_labels
from bot.runtime import prepare_database, settle_heap
from bot.telegram.app import create_bot, create_dispatcher
from tests.harness import make_update

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

QUERIES = [
    "визит Токаева в Душанбе",
    "товарооборот 2 млрд",
    "Transcaspian",
    "соглашение о транзите",
    "контакт 123",
    "сотрудничество энергетики",
    "Пакистан",
    "zzqqxx",
]


def _rss_mib() -> float:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * resource.getpagesize() / 2**20


def _bench_chart(rounds: int) -> None:
    t = translator("ru")
    labels = chart_labels(t, "TJ", lambda code: code)
    points = [TradePoint(2000 + i, 0.5 + i * 0.07, False, "turnover") for i in range(26)]
    points += [TradePoint(2024, 2.0, True, "turnover"), TradePoint(None, 3.0, True, "turnover")]
    start = time.perf_counter()
    trade_chart_png(points, labels)
    cold = time.perf_counter() - start
    warm = []
    for _ in range(rounds):
        start = time.perf_counter()
        trade_chart_png(points, labels)
        warm.append(time.perf_counter() - start)
    from matplotlib.figure import Figure

    bare = []
    for _ in range(rounds):
        start = time.perf_counter()
        figure = Figure(figsize=(8, 4.5), dpi=120)
        figure.add_subplot()
        figure.savefig(io.BytesIO(), format="png")
        bare.append(time.perf_counter() - start)
    print(
        f"trade chart (28 points): cold {cold * 1000:.0f} ms (includes importing "
        f"matplotlib), warm median {statistics.median(warm) * 1000:.0f} ms, max "
        f"{max(warm) * 1000:.0f} ms"
    )
    print(f"  baseline empty figure to PNG: median {statistics.median(bare) * 1000:.0f} ms")


async def main(quick: bool) -> None:
    rounds = 10 if quick else 40
    with tempfile.TemporaryDirectory() as folder:
        settings = Settings(database_url=f"sqlite+aiosqlite:///{folder}/big.sqlite3")
        runtime = await prepare_database(settings)
        await build_synthetic(runtime, 10_000, 100_000)
        await runtime.close()

        # search_inline=False: the build below is the one measured, not a second one.
        runtime = await prepare_database(settings, search_inline=False)
        rss_before = _rss_mib()
        start = time.perf_counter()
        async with runtime.session_factory() as session:
            index = await build_search_index(session, runtime.directory.countries)
        built = time.perf_counter() - start
        print(
            f"search index: {len(index)} documents, {len(index.vocabulary)} words, built in "
            f"{built:.2f} s (documents query included); resident memory "
            f"{_rss_mib() - rss_before:+.0f} MiB"
        )
        runtime.directory.search = index

        session = TimingSession()
        bot = create_bot(settings, session=session)
        dispatcher = create_dispatcher(runtime)
        settle_heap()
        samples: list[float] = []
        for query in QUERIES:
            await dispatcher.feed_update(bot, make_update(f"/search {query}"))  # warm
            for _ in range(rounds):
                session.first_send = None
                begin = time.perf_counter()
                await dispatcher.feed_update(bot, make_update(f"/search {query}"))
                samples.append((session.first_send or begin) - begin)
        p50, p99 = percentiles(samples)
        helps = []
        for _ in range(rounds):
            session.first_send = None
            begin = time.perf_counter()
            await dispatcher.feed_update(bot, make_update("/help"))
            helps.append((session.first_send or begin) - begin)
        h50, h99 = percentiles(helps)
        print(
            f"/search update in -> request out ({len(samples)} updates, {len(QUERIES)} "
            f"queries): p50 {ms(p50)}  p99 {ms(p99)}"
        )
        print(
            f"  baseline /help: p50 {ms(h50)}  p99 {ms(h99)}  (/search / /help p99 = "
            f"{p99 / h99:.1f})"
        )

        _bench_chart(rounds)
        print(
            f"peak RSS of this process: "
            f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB"
        )
        await runtime.close()


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    asyncio.run(main(parser.parse_args().quick))
