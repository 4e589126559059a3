"""Core speed figures (issue: core). Prints figures; asserts nothing.

    .venv/bin/python -m bench.bench_core [--quick]

1. country resolution p50/p99, against a naive baseline (one rapidfuzz scan of all aliases);
2. /country from update in to the sendMessage request out, p50/p99, on the seeded SQLite
   database and on a synthetic one of 10,000 articles and 100,000 facts;
3. bot start to first reply: `python -m bot run` polling a local fake Bot API server with one
   update queued, against the bare `import aiogram.types` of the same interpreter.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from aiogram.methods import SendMessage
from rapidfuzz import fuzz, process
from sqlalchemy import insert

from bot import PROJECT_ROOT
from bot.config import Settings
from bot.directory import CardCache
from bot.runtime import Runtime, prepare_database, settle_heap
from bot.telegram.app import create_bot, create_dispatcher
from bot.telegram.local import LocalSession
from store import models
from tests.fake_bot_api import FakeBotApi
from tests.harness import make_update

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

QUERIES = [
    "TJ",
    "Таджикистаном",
    "tajikistan",
    "Таджикстан",
    "казахско-таджикский",
    "Душанбе",
    "Пакистна",
    "Россией",
    "Южной Кореи",
    "xyzzy",
    "Корея",
    "Кыргызстана",
]


def percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    return statistics.median(ordered), ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.3f} ms"


def bench_resolution(runtime: Runtime, rounds: int) -> None:
    index = runtime.directory.countries
    choices = index.typo_choices

    def timed(function: object) -> list[float]:
        samples = []
        for _ in range(rounds):
            for query in QUERIES:
                start = time.perf_counter()
                function(query)  # type: ignore[operator]
                samples.append(time.perf_counter() - start)
        return samples

    ours = timed(index.resolve)
    naive = timed(lambda q: process.extractOne(q, choices, scorer=fuzz.WRatio))
    (p50, p99), (b50, b99) = percentiles(ours), percentiles(naive)
    print(f"country resolution ({len(ours)} calls): p50 {ms(p50)}  p99 {ms(p99)}")
    print(
        f"  baseline one WRatio scan of {len(choices)} aliases: p50 {ms(b50)}  p99 {ms(b99)}"
        f"  (ours / baseline p99 = {p99 / b99:.2f})"
    )


class TimingSession(LocalSession):
    """Records when the first sendMessage request leaves the bot."""

    first_send: float | None = None

    async def make_request(self, bot, method, timeout=None):  # type: ignore[no-untyped-def,override]
        if isinstance(method, SendMessage) and self.first_send is None:
            self.first_send = time.perf_counter()
        return await super().make_request(bot, method, timeout)


async def bench_country_command(runtime: Runtime, label: str, rounds: int) -> None:
    session = TimingSession()
    bot = create_bot(runtime.settings, session=session)
    dispatcher = create_dispatcher(runtime)
    settle_heap()  # as `python -m bot run` does after start-up
    samples: dict[str, list[float]] = {}
    for query in ("TJ", "Таджикистаном", "PK"):
        await dispatcher.feed_update(bot, make_update(f"/country {query}"))  # warm caches
        for _ in range(rounds):
            update = make_update(f"/country {query}")
            session.first_send = None
            start = time.perf_counter()
            await dispatcher.feed_update(bot, update)
            assert session.first_send is not None
            samples.setdefault(query, []).append(session.first_send - start)
    everything = [s for values in samples.values() for s in values]
    p50, p99 = percentiles(everything)
    per_query = ", ".join(f"{q}: p99 {ms(percentiles(v)[1])}" for q, v in samples.items())
    print(
        f"/country update in -> request out, {label} ({len(everything)} updates): "
        f"p50 {ms(p50)}  p99 {ms(p99)}  [{per_query}]"
    )
    help_samples = []
    for _ in range(rounds):
        session.first_send = None
        start = time.perf_counter()
        await dispatcher.feed_update(bot, make_update("/help"))
        help_samples.append((session.first_send or start) - start)
    h50, h99 = percentiles(help_samples)
    print(
        f"  baseline /help (no database) on the same dispatcher: p50 {ms(h50)}  p99 {ms(h99)}"
        f"  (/country / /help p99 = {p99 / h99:.1f})"
    )
    cold = []
    for _ in range(rounds):
        runtime.directory.cards = CardCache()  # as after a publish: nothing cached
        session.first_send = None
        start = time.perf_counter()
        await dispatcher.feed_update(bot, make_update("/country TJ"))
        cold.append((session.first_send or start) - start)
    c50, c99 = percentiles(cold)
    print(f"  /country TJ with the card cache empty each time: p50 {ms(c50)}  p99 {ms(c99)}")


PARTNERS = [
    "TJ",
    "PK",
    "RU",
    "CN",
    "UZ",
    "KG",
    "TM",
    "AF",
    "AZ",
    "IR",
    "TR",
    "MN",
    "GE",
    "AM",
    "BY",
    "UA",
    "IN",
    "US",
    "GB",
    "DE",
    "FR",
    "IT",
    "JP",
    "KR",
    "AE",
    "SA",
    "QA",
    "EG",
    "HU",
    "PL",
    "VN",
    "IL",
    "MD",
    "KP",
    "ES",
    "NL",
    "CH",
    "AT",
    "SE",
    "NO",
]
TITLE_WORDS = [
    "о сотрудничестве",
    "в области энергетики",
    "о транзите",
    "по торговле",
    "о взаимной защите инвестиций",
    "в сфере образования",
    "о культурном обмене",
    "о безопасности",
    "о стратегическом партнерстве",
    "о транспортных коридорах",
]
TYPES = ["договор", "соглашение", "меморандум", "декларация", "программа", "дорожная карта"]


async def build_synthetic(runtime: Runtime, articles: int, facts: int) -> None:
    """10,000 articles and 100,000 facts: 40% events, 30% agreements, 30% trade figures, each
    with one or two evidence rows, spread over 40 partner countries."""
    rng = random.Random(20261121)
    base_date = dt.date(2000, 1, 1)
    async with runtime.session_factory() as session:
        first_article = 100_000
        await session.execute(
            insert(models.Article),
            [
                {
                    "id": first_article + i,
                    "key": f"synthetic-{i}",
                    "title": f"Синтетическая статья {i}",
                    "outlet": f"Outlet {i % 50}",
                    "published_at": base_date + dt.timedelta(days=i % 9000),
                    "language": "ru",
                    "content_hash": f"{i:064x}",
                    "status": "published",
                }
                for i in range(articles)
            ],
        )
        n_events, n_agreements = int(facts * 0.4), int(facts * 0.3)
        n_trade = facts - n_events - n_agreements
        events, event_countries, agreements, parties, trade, evidence = [], [], [], [], [], []

        def cite(column: str, fact_id: int) -> None:
            for article in rng.sample(range(articles), rng.choice((1, 1, 2))):
                evidence.append(
                    {
                        "article_id": first_article + article,
                        column: fact_id,
                        "extractor": "synthetic",
                        "status": "auto",
                        "confidence": 0.9,
                    }
                )

        for i in range(n_events):
            fact_id, partner = 100_000 + i, rng.choice(PARTNERS)
            events.append(
                {
                    "id": fact_id,
                    "key": f"se-{i}",
                    "kind": rng.choice(["talks", "official_visit", "meeting", "phone_call"]),
                    "date_start": base_date + dt.timedelta(days=rng.randrange(9500)),
                    "date_precision": "day",
                    "title": f"Контакт {i}",
                    "place": "Астана",
                }
            )
            event_countries += [
                {"event_id": fact_id, "iso2": "KZ", "role": "visitor"},
                {"event_id": fact_id, "iso2": partner, "role": "host"},
            ]
            cite("event_id", fact_id)
        for i in range(n_agreements):
            fact_id, partner = 100_000 + i, rng.choice(PARTNERS)
            title = f"{rng.choice(TYPES).capitalize()} {rng.choice(TITLE_WORDS)} № {i}"
            agreements.append(
                {
                    "id": fact_id,
                    "key": f"sa-{i}",
                    "title": title,
                    "title_norm": title.lower(),
                    "alt_titles": [],
                    "type": rng.choice(TYPES),
                    "status": "signed",
                    "quantity": 1,
                    "signed_on": base_date + dt.timedelta(days=rng.randrange(9500)),
                    "signed_precision": "day",
                }
            )
            parties += [
                {"agreement_id": fact_id, "iso2": "KZ"},
                {"agreement_id": fact_id, "iso2": partner},
            ]
            cite("agreement_id", fact_id)
        for i in range(n_trade):
            fact_id = 100_000 + i
            trade.append(
                {
                    "id": fact_id,
                    "key": f"st-{i}",
                    "reporter_iso2": "KZ",
                    "partner_iso2": rng.choice(PARTNERS),
                    "metric": "turnover",
                    "value": rng.randrange(10**6, 10**10),
                    "unit": "USD",
                    "year": rng.randrange(2000, 2026),
                    "kind": "actual",
                }
            )
            cite("trade_figure_id", fact_id)
        for model, rows in (
            (models.Event, events),
            (models.EventCountry, event_countries),
            (models.Agreement, agreements),
            (models.AgreementParty, parties),
            (models.TradeFigure, trade),
            (models.Evidence, evidence),
        ):
            await session.execute(insert(model), rows)
        await session.commit()
    print(f"synthetic store: {articles} articles, {facts} facts, {len(evidence)} evidence rows")


async def core_figures(quick: bool) -> None:
    rounds = 20 if quick else 100
    with tempfile.TemporaryDirectory() as folder:
        seeded = Settings(database_url=f"sqlite+aiosqlite:///{folder}/seeded.sqlite3")
        runtime = await prepare_database(seeded)
        bench_resolution(runtime, rounds * 5)
        await bench_country_command(runtime, "seeded SQLite", rounds)
        await runtime.close()

        big = Settings(database_url=f"sqlite+aiosqlite:///{folder}/big.sqlite3")
        runtime = await prepare_database(big)
        start = time.perf_counter()
        await build_synthetic(runtime, 10_000, 100_000)
        print(f"  generated in {time.perf_counter() - start:.1f} s")
        await runtime.close()
        runtime = await prepare_database(big)  # indexes rebuilt over the big store
        await bench_country_command(runtime, "synthetic 10k articles / 100k facts", rounds)
        await runtime.close()


async def start_to_first_reply(runs: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        env = {
            **os.environ,
            "DATABASE_URL": f"sqlite+aiosqlite:///{folder}/bot.sqlite3",
            "BOT_TOKEN": "123456:bench-token",
            "LOG_LEVEL": "WARNING",
        }
        subprocess.run(
            [sys.executable, "-m", "bot", "seed"],
            env=env,
            cwd=PROJECT_ROOT,
            check=True,
            capture_output=True,
        )
        samples: list[float] = []
        imports: list[float] = []
        quiet_imports: list[float] = []
        for _ in range(runs):
            api = FakeBotApi()
            env["TELEGRAM_API_URL"] = await api.start()
            api.queue_message("/country TJ")
            start = time.perf_counter()
            proc = await asyncio.create_subprocess_exec(
                sys.executable,
                "-m",
                "bot",
                "run",
                env=env,
                cwd=PROJECT_ROOT,
                stdout=asyncio.subprocess.DEVNULL,
                stderr=asyncio.subprocess.DEVNULL,
            )
            await asyncio.wait_for(api.sent.wait(), 60)
            samples.append(time.perf_counter() - start)
            proc.terminate()
            await proc.wait()
            await api.stop()
            imports.append(_timed_import("import aiogram.types"))
            # The bot imports with the cycle collector paused; so does this baseline, so the
            # difference is our own code's work, not the collector's saving.
            quiet_imports.append(_timed_import("import gc; gc.disable(); import aiogram.types"))
        reply = statistics.median(samples)
        print(
            f"bot start to first reply ({runs} runs, seeded SQLite): "
            f"median {reply:.2f} s, max {max(samples):.2f} s"
        )
        for label, baseline in (
            ("python -c 'import aiogram.types'", imports),
            ("the same with the collector paused", quiet_imports),
        ):
            median = statistics.median(baseline)
            print(f"  baseline {label}: median {median:.2f} s  (our share {reply - median:.2f} s)")


def _timed_import(code: str) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], check=True)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true", help="fewer rounds")
    args = parser.parse_args()
    asyncio.run(core_figures(args.quick))
    asyncio.run(start_to_first_reply(3 if args.quick else 5))


if __name__ == "__main__":
    main()
