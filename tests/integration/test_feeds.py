"""Watched sources against a local news site (tests/harness/feeds.py): RSS, Atom and JSON
Feed read; conditional requests; a page's own feed discovered; every fault a source has
ends in a clear state with back-off, never a crash; new items become drafts waiting for
review, once, with relevance and duplicates decided; a crash mid-item resumes it and an
item failing three times is parked. Tests never reach the internet."""

from __future__ import annotations

import asyncio
import datetime as dt
import os
import sys
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from aiogram.methods import AnswerCallbackQuery, SendMessage
from sqlalchemy import func, select

from bot import PROJECT_ROOT
from bot.digest.tick import tick
from bot.drafts import Draft, draft_from_state, prepare_draft
from bot.extraction.documents import DocumentError
from bot.extraction.shared import shared_extractor
from bot.feeds import manage
from bot.feeds import poller as poller_module
from bot.feeds.fetch import Fetcher
from bot.feeds.ingest import Ingester
from bot.feeds.poller import FeedPoller, PollSettings
from bot.review import numbered
from bot.runtime import Runtime
from bot.telegram.client import as_plain_text
from handlers.callback_data import FeedButton, QueueButton
from store import feeds as feed_store
from store.dto import SourceInfo
from store.models import Article, FeedItem
from tests.harness import Harness, make_callback
from tests.harness.digests import subscribe
from tests.harness.feeds import NOW, FeedSite
from tests.harness.uploads import ADMIN, OTHER_ADMIN, shown


@pytest.fixture
async def site() -> AsyncIterator[FeedSite]:
    server = FeedSite()
    await server.start()
    yield server
    await server.stop()


@pytest.fixture
async def http() -> AsyncIterator[aiohttp.ClientSession]:
    async with aiohttp.ClientSession() as session:
        yield session


def fetcher(http: aiohttp.ClientSession, **options: object) -> Fetcher:
    return Fetcher(http, per_host_interval=0, **options)  # type: ignore[arg-type]


def poller(runtime: Runtime, http: aiohttp.ClientSession, at: dt.datetime = NOW) -> FeedPoller:
    return FeedPoller(runtime.session_factory, fetcher(http), lambda: at)


async def read(data: bytes, filename: str) -> Draft:
    return prepare_draft(data, filename, shared_extractor())


async def watch(runtime: Runtime, url: str, **options: object) -> SourceInfo:
    async with runtime.session_factory() as session:
        added = await manage.add(
            session,
            url,
            options.get("name"),  # type: ignore[arg-type]
            str(options.get("trust", "review")),
            dt.timedelta(minutes=15),
            NOW,
        )
    assert isinstance(added, SourceInfo), added
    return added


async def source_now(runtime: Runtime, source_id: int) -> SourceInfo:
    async with runtime.session_factory() as session:
        found = await feed_store.source(session, source_id)
    assert found is not None
    return found


async def items(runtime: Runtime) -> list[FeedItem]:
    async with runtime.session_factory() as session:
        return list((await session.scalars(select(FeedItem).order_by(FeedItem.id))).all())


# ------------------------------------------------------------------ polling


async def test_rss_then_a_conditional_request_that_brings_nothing_twice(
    runtime: Runtime, site: FeedSite, http: aiohttp.ClientSession
) -> None:
    source = await watch(runtime, f"{site.url}/rss.xml", name="Новости")
    [outcome] = await poller(runtime, http).poll_due()
    assert outcome.new_items == 2
    recorded = await items(runtime)
    assert {item.url for item in recorded} == {
        f"{site.url}/news/tashkent-talks.html",  # the tracking parameter is gone
        f"{site.url}/news/weather.html",
    }
    assert all(item.status == "seen" for item in recorded)
    later = NOW + dt.timedelta(minutes=16)
    assert await poller(runtime, http, NOW + dt.timedelta(minutes=5)).poll_due() == []  # not due
    [again] = await poller(runtime, http, later).poll_due()
    assert (again.changed, again.new_items) == (False, 0)
    first, second = site.asked("/rss.xml")
    assert "If-None-Match" not in first and second["If-None-Match"] == '"v1"'
    assert "kz-diplomacy-briefings" in second["User-Agent"]
    assert len(await items(runtime)) == 2
    polled = await source_now(runtime, source.id)
    assert polled.next_poll_at == later + dt.timedelta(minutes=15)


async def test_atom_json_feed_and_a_page_naming_its_feed(
    runtime: Runtime, site: FeedSite, http: aiohttp.ClientSession
) -> None:
    for path in ("/atom.xml", "/feed.json", "/page.html"):
        await watch(runtime, site.url + path)
    outcomes = await poller(runtime, http).poll_due()
    assert [outcome.new_items for outcome in outcomes] == [1, 2, 2]
    async with runtime.session_factory() as session:
        page = (await feed_store.sources(session))[2]
    assert page.feed_url == f"{site.url}/rss.xml"  # found in <link rel="alternate">
    titles = {item.title for item in await items(runtime)}
    assert "Kazakh foreign minister visits Baku" in titles


@pytest.mark.parametrize(
    ("path", "state", "error", "active"),
    [
        ("/gone.xml", "gone", "http_410", False),
        ("/busy.xml", "error", "http_429", True),
        ("/down.xml", "error", "http_503", True),
        ("/big.xml", "error", "too_large", True),
        ("/loop.xml", "error", "redirect_loop", True),
        ("/broken.xml", "error", "not_a_feed", True),
        ("/missing.xml", "gone", "http_404", False),
    ],
)
async def test_a_broken_source_gets_a_clear_state_and_no_crash(
    runtime: Runtime,
    site: FeedSite,
    http: aiohttp.ClientSession,
    path: str,
    state: str,
    error: str,
    active: bool,
) -> None:
    source = await watch(runtime, site.url + path)
    [outcome] = await poller(runtime, http).poll_due()
    assert outcome.error == error
    after = await source_now(runtime, source.id)
    assert (after.state, after.last_error, after.active) == (state, error, active)
    if path == "/busy.xml":  # Retry-After: 120 is honoured
        assert after.next_poll_at == NOW + dt.timedelta(seconds=120)
    elif path == "/down.xml":  # and Retry-After as a date
        assert after.next_poll_at == NOW + dt.timedelta(minutes=10)
    elif active:  # back-off: twice the interval after the first failure, then four times
        assert after.next_poll_at == NOW + dt.timedelta(minutes=30)
        later = after.next_poll_at
        await poller(runtime, http, later).poll_due()
        assert (await source_now(runtime, source.id)).next_poll_at == later + dt.timedelta(
            minutes=60
        )
    assert await items(runtime) == []


async def test_a_slow_server_dripping_bytes_times_out(
    runtime: Runtime, site: FeedSite, http: aiohttp.ClientSession
) -> None:
    source = await watch(runtime, f"{site.url}/slow.xml")
    quick = Fetcher(http, per_host_interval=0, timeout=aiohttp.ClientTimeout(total=2))
    [outcome] = await FeedPoller(runtime.session_factory, quick, lambda: NOW).poll_due()
    assert outcome.error == "timeout"
    assert (await source_now(runtime, source.id)).state == "error"


async def test_a_flood_and_old_items_do_not_flood_review(
    runtime: Runtime, site: FeedSite, http: aiohttp.ClientSession
) -> None:
    await watch(runtime, f"{site.url}/many.xml")
    await watch(runtime, f"{site.url}/old.xml")
    settings = PollSettings(items_per_poll=20, first_poll_days=3)
    poll = FeedPoller(runtime.session_factory, fetcher(http), lambda: NOW, settings)
    flood, old = await poll.poll_due()
    assert flood.new_items == 20  # the newest twenty, the rest never
    assert old.new_items == 0  # ten days old on a first poll: history, not news


# ------------------------------------------------------------------ from items to drafts


async def test_new_items_become_drafts_once_and_the_irrelevant_are_set_aside(
    runtime: Runtime, site: FeedSite, http: aiohttp.ClientSession
) -> None:
    await watch(runtime, f"{site.url}/rss.xml")
    await watch(runtime, f"{site.url}/feed.json")  # lists the Tashkent story again
    await poller(runtime, http).poll_due()
    ingester = Ingester(runtime.session_factory, fetcher(http), read)
    outcomes = await ingester.process_pending()
    assert outcomes == {"queued": 2, "irrelevant": 1, "duplicate": 1}
    queued = [item for item in await items(runtime) if item.status == "queued"]
    drafts = [draft_from_state(item.draft) for item in queued]
    assert all(draft is not None for draft in drafts)
    tashkent = next(d for d in drafts if d and d.url and "tashkent" in d.url)
    assert "UZ" in tashkent.extraction.countries
    assert any(a.type == "соглашение" for a in tashkent.extraction.agreements)
    assert len(site.asked("/news/tashkent-talks.html")) == 1  # one story, fetched once
    assert await ingester.process_pending() == {}  # nothing twice


async def test_a_crash_mid_item_resumes_and_three_failures_park_it(
    runtime: Runtime, site: FeedSite, http: aiohttp.ClientSession
) -> None:
    await watch(runtime, f"{site.url}/rss.xml")
    await poller(runtime, http).poll_due()
    calls = 0

    async def failing(data: bytes, filename: str) -> Draft:
        nonlocal calls
        calls += 1
        raise DocumentError("no_text")

    broken = Ingester(runtime.session_factory, fetcher(http), failing)
    for round_number in range(1, 4):
        outcomes = await broken.process_pending()
        expected = "parked" if round_number == 3 else "seen"
        assert outcomes == {expected: 2}, round_number
    parked = await items(runtime)
    assert {(item.status, item.attempts, item.error) for item in parked} == {
        ("parked", 3, "no_text")
    }
    assert await broken.process_pending() == {}  # parked: never taken again
    assert calls == 2 * 2 * 3  # the page, then the feed's own text; two items; three rounds
    runtime.settings = runtime.settings.model_copy(update={"admin_ids": frozenset({ADMIN})})
    shown_queue = "\n".join(await Harness(runtime).send("/queue", user_id=ADMIN))
    assert "Не удалось прочитать" in shown_queue and "no_text" in shown_queue


async def test_an_item_recorded_before_a_crash_is_read_after_a_restart(
    runtime: Runtime, site: FeedSite, http: aiohttp.ClientSession
) -> None:
    """The poll recorded the items; the process died before reading them. A new process
    (a new ingester over the same database) reads each of them once."""
    await watch(runtime, f"{site.url}/rss.xml")
    await poller(runtime, http).poll_due()
    async with runtime.session_factory() as session:
        [first, _second] = await feed_store.items_to_process(session, 10)
        await feed_store.start_attempt(session, first.id)  # it had started on this one
    restarted = Ingester(runtime.session_factory, fetcher(http), read)
    assert await restarted.process_pending() == {"queued": 1, "irrelevant": 1}
    assert {item.attempts for item in await items(runtime)} == {1, 2}


async def test_two_pollers_on_postgres_one_polls_and_no_item_is_taken_twice(
    postgres_url: str, site: FeedSite, http: aiohttp.ClientSession
) -> None:
    """Replicas: only the holder of the feeds lock polls (not the digest tick's lock:
    both roles can live in different processes); and should two processes record the
    same items anyway, each item is one row."""
    from bot.config import Settings
    from bot.runtime import prepare_database
    from store.db import create_engine
    from store.locks import FEEDS_LOCK_KEY, Leadership

    settings = Settings(database_url=postgres_url, bot_token=None, admin_ids="")
    first_runtime = await prepare_database(settings, search_inline=False)
    engines = [create_engine(postgres_url), create_engine(postgres_url)]
    feeds = [Leadership(engine, FEEDS_LOCK_KEY, "the feed poller") for engine in engines]
    digests = Leadership(engines[1])
    try:
        assert await feeds[0].is_leader()
        assert not await feeds[1].is_leader()
        assert await digests.is_leader()  # another lock: the tick may run elsewhere
        await watch(first_runtime, f"{site.url}/rss.xml")
        pollers = [poller(first_runtime, http), poller(first_runtime, http)]
        await asyncio.gather(*(p.poll_due() for p in pollers))
        assert len(await items(first_runtime)) == 2
    finally:
        for lock in (*feeds, digests):
            await lock.release()
        for engine in engines:
            await engine.dispose()
        await first_runtime.close()


async def cli(database: str, *args: str) -> tuple[int, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("BOT_TOKEN", "ADMIN_IDS")}
    env["DATABASE_URL"] = database
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "feeds", *args,
        cwd=PROJECT_ROOT, env=env, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip
    out, err = await asyncio.wait_for(process.communicate(), 300)
    return int(process.returncode or 0), out.decode() + err.decode()


@pytest.mark.skipif(
    os.environ.get("TEST_DB") == "postgres", reason="a CLI process on its own SQLite file"
)
async def test_the_command_line_adds_lists_polls_and_removes(
    site: FeedSite, tmp_path: Path
) -> None:
    site.now = dt.datetime.now(dt.UTC)  # the command polls on the real clock
    database = f"sqlite+aiosqlite:///{tmp_path / 'feeds.sqlite3'}"
    code, out = await cli(database, "add", f"{site.url}/rss.xml", "--name", "Новости")
    assert code == 0 and "added #1" in out
    code, out = await cli(database, "add", f"{site.url}/rss.xml")
    assert code == 2 and "watched already" in out
    code, out = await cli(database, "add", "ftp://example.org/feed", "--every", "1")
    assert code == 2 and "not a feed address" in out
    code, out = await cli(database, "poll", "--once")
    assert code == 0 and "2 new items" in out and "'queued': 1" in out, out
    code, out = await cli(database, "list")
    assert "#1 Новости [review, ok]" in out and "queued 1" in out, out
    code, out = await cli(database, "remove", "1")
    assert code == 0 and "removed #1" in out
    assert "no sources" in (await cli(database, "list"))[1]


# ------------------------------------------------------------------ in Telegram


async def test_admins_watch_sources_and_review_the_queue_in_telegram(
    admin_harness: Harness, site: FeedSite, http: aiohttp.ClientSession
) -> None:
    runtime = admin_harness.runtime
    admin = {"user_id": ADMIN}
    site.now = dt.datetime.now(dt.UTC)  # news of today, polled on the real clock
    await subscribe(runtime, 555, frequency="instant", countries="UZ", now=site.now)
    assert "Источников пока нет" in "\n".join(await admin_harness.send("/feeds", **admin))
    added = "\n".join(await admin_harness.send(f"/feeds add {site.url}/feed.json JSON", **admin))
    assert "Отслеживаем #1 JSON" in added and "ждут проверки: 0" in added
    bad = "\n".join(await admin_harness.send("/feeds add ftp://x.example/feed", **admin))
    assert "не адрес ленты" in bad

    # the admin added it just now: poll on the real clock
    await poller(runtime, http, dt.datetime.now(dt.UTC)).poll_due()
    await Ingester(runtime.session_factory, fetcher(http), read).process_pending()
    waiting = as_plain_text("\n".join(await admin_harness.send("/queue", **admin)))
    assert "Ждут проверки (2)" in waiting

    [tashkent] = [i for i in await items(runtime) if i.url and "tashkent" in i.url]
    review = shown(await admin_harness.click(f"Проверить #{tashkent.id}", **admin))
    assert "Предпросмотр" in review and "Узбекистан" in review
    published = shown(await admin_harness.click("Опубликовать", **admin))
    assert "Опубликовано" in published
    settled = {i.id: i for i in await items(runtime)}[tashkent.id]
    assert settled.status == "published" and settled.article_id is not None
    assert "энергетики" in "\n".join(await admin_harness.send("/country UZ"))
    # like an upload's, its facts go to digests and instant alerts
    assert await tick(runtime.session_factory, dt.datetime.now(dt.UTC)) == 1

    [baku] = [i for i in await items(runtime) if i.status == "queued"]
    assert "пропущена" in "\n".join(
        alerts_or_toasts(await admin_harness.click(f"Пропустить #{baku.id}", **admin))
    )
    assert "ничего не ждёт" in "\n".join(await admin_harness.send("/queue", **admin))
    gone = await admin_harness.feed(
        make_callback(QueueButton(action="open", id=baku.id).pack(), user_id=ADMIN)
    )
    assert "больше не ждёт" in "\n".join(alerts_or_toasts(gone))


async def test_pause_remove_and_undo_a_source_and_strangers_are_refused(
    admin_harness: Harness, site: FeedSite
) -> None:
    admin = {"user_id": ADMIN}
    await admin_harness.send(f"/feeds add {site.url}/rss.xml Лента", **admin)
    paused = "\n".join(shown(r) for r in [await admin_harness.click("Пауза #1", **admin)])
    assert "на паузе" in paused
    await admin_harness.click("Продолжить #1", **admin)
    removed = shown(await admin_harness.click("Удалить #1", **admin))
    assert "Источник #1 удалён" in removed and "Источников пока нет" in removed
    back = shown(await admin_harness.click("Вернуть", **admin))
    assert "#1 Лента" in back
    auto = "\n".join(await admin_harness.send(f"/feeds add {site.url}/atom.xml auto Авто", **admin))
    assert "#2 Авто" in auto and "уверенные факты публикуются сразу" in auto
    stranger = "\n".join(await admin_harness.send("/feeds", user_id=STRANGER))
    assert "Лента" not in stranger and "администратор" in stranger
    forged = await admin_harness.feed(
        make_callback(FeedButton(action="remove", id=1).pack(), user_id=STRANGER)
    )
    assert alerts_or_toasts(forged)
    async with admin_harness.runtime.session_factory() as session:
        source, auto_source = await feed_store.sources(session)
    assert source.active and source.state == "ok"  # the stranger changed nothing
    assert auto_source.trust == "auto"


async def test_a_round_cut_short_by_the_shutdown_ends_quietly(
    admin_harness: Harness, site: FeedSite, caplog: pytest.LogCaptureFixture
) -> None:
    """SIGTERM mid-round cancels it: once the runner is stopping, that is no error to log
    with a traceback; before it, a cancellation goes on up as any other."""
    from bot.telegram.feed_runner import FeedRunner

    site.now = dt.datetime.now(dt.UTC)
    await admin_harness.send(f"/feeds add {site.url}/rss.xml Лента", user_id=ADMIN)
    started = asyncio.Event()

    async def slow_read(data: bytes, name: str) -> Any:
        started.set()
        await asyncio.sleep(60)

    runner = FeedRunner(
        admin_harness.runtime, admin_harness.bot, read=slow_read, per_host_interval=0
    )
    round_task = asyncio.create_task(runner.round_once())
    await asyncio.wait_for(started.wait(), 10)
    await runner.stop()
    round_task.cancel()
    assert await round_task == 0
    assert "Traceback" not in caplog.text and "feed round failed" not in caplog.text

    running = FeedRunner(
        admin_harness.runtime, admin_harness.bot, read=slow_read, per_host_interval=0
    )
    started.clear()
    second = asyncio.create_task(running.round_once())
    await asyncio.wait_for(started.wait(), 10)
    second.cancel()
    with pytest.raises(asyncio.CancelledError):
        await second
    await running.stop()


STRANGER = 77


def alerts_or_toasts(requests: list[Any]) -> list[str]:
    return [str(r.text) for r in requests if isinstance(r, AnswerCallbackQuery) and r.text]


async def test_the_bot_polls_on_its_own_and_tells_each_admin_once(
    admin_harness: Harness, site: FeedSite
) -> None:
    from bot.telegram.feed_runner import FeedRunner

    site.now = dt.datetime.now(dt.UTC)
    admin = {"user_id": ADMIN}
    await admin_harness.send(f"/feeds add {site.url}/rss.xml Лента", **admin)
    admin_harness.session.requests.clear()
    runner = FeedRunner(admin_harness.runtime, admin_harness.bot, read=read, per_host_interval=0)
    try:
        assert await runner.round_once() == 1  # the Tashkent story; the weather is not news
        notices = [r for r in admin_harness.session.requests if isinstance(r, SendMessage)]
        assert sorted(r.chat_id for r in notices) == sorted([ADMIN, OTHER_ADMIN])
        assert all("Новая статья на проверку" in (r.text or "") for r in notices)
        # the preview itself, as an upload's: the article's fields and its first facts
        assert all("Предпросмотр" in (r.text or "") and "1." in (r.text or "") for r in notices)
        assert await runner.round_once() == 0  # told once
    finally:
        await runner.stop()
    [queued] = [i for i in await items(admin_harness.runtime) if i.status == "queued"]
    review = shown(await admin_harness.click(f"Проверить #{queued.id}", **admin))
    assert "Предпросмотр" in review


async def test_one_story_from_two_outlets_is_one_event_reported_by_both(
    admin_harness: Harness, site: FeedSite, http: aiohttp.ClientSession
) -> None:
    """The same talks in a Russian and an English article, from two feeds: once reviewed
    and published, the card shows one event "reported by 2 outlets", not two events."""
    site.now = dt.datetime.now(dt.UTC)
    site.feed_slugs = ["tashkent-talks"]
    admin = {"user_id": ADMIN}
    await admin_harness.send(f"/feeds add {site.url}/rss.xml Лента", **admin)
    await admin_harness.send(f"/feeds add {site.url}/en.json English", **admin)
    runtime = admin_harness.runtime
    await poller(runtime, http, dt.datetime.now(dt.UTC)).poll_due()
    await Ingester(runtime.session_factory, fetcher(http), read).process_pending()
    for item in [i for i in await items(runtime) if i.status == "queued"]:
        await admin_harness.send("/queue", **admin)
        await admin_harness.click(f"Проверить #{item.id}", **admin)
        assert "Опубликовано" in shown(await admin_harness.click("Опубликовать", **admin))
    card = as_plain_text("\n".join(await admin_harness.send("/country UZ", language="en")))
    talks = [line for line in card.splitlines() if "Talks" in line and "2026-11-18" in line]
    assert len(talks) == 1, card
    assert "reported by 2 outlets" in talks[0]


async def test_an_auto_source_publishes_sure_facts_and_queues_the_rest(
    admin_harness: Harness, site: FeedSite, http: aiohttp.ClientSession
) -> None:
    runtime = admin_harness.runtime
    site.feed_slugs = ["tashkent-talks"]
    await watch(runtime, f"{site.url}/rss.xml", trust="auto")
    ingester = Ingester(runtime.session_factory, fetcher(http), read, auto_confidence=0.85)
    await poller(runtime, http).poll_due()
    assert await ingester.process_pending() == {"queued": 1}
    [item] = await items(runtime)
    draft = draft_from_state(item.draft)
    assert draft is not None and item.article_id is not None
    assert draft.article_id == item.article_id  # the rest joins the same article
    facts = numbered(draft.extraction)
    published_now = [f for f in facts if f.confidence >= 0.85]
    waiting = [f for f in facts if f.confidence < 0.85]
    assert published_now and waiting
    assert set(draft.dropped) == {n for n, f in enumerate(facts, 1) if f.confidence >= 0.85}
    card = "\n".join(await admin_harness.send("/country UZ"))
    assert "Ташкент" in card  # the sure talks are on the card already, without review

    async with runtime.session_factory() as session:
        before = await session.scalar(select(func.count()).select_from(Article))
    await admin_harness.send("/queue", user_id=ADMIN)
    await admin_harness.click(f"Проверить #{item.id}", user_id=ADMIN)
    assert "Опубликовано" in shown(await admin_harness.click("Опубликовать", user_id=ADMIN))
    async with runtime.session_factory() as session:
        after = await session.scalar(select(func.count()).select_from(Article))
    assert after == before  # the reviewed rest went into the same article


async def test_pages_on_other_hosts_only_when_allowed_and_any_encoding(
    runtime: Runtime, site: FeedSite, http: aiohttp.ClientSession
) -> None:
    site.feed_slugs = ["tashkent-talks"]
    await watch(runtime, f"{site.url}/offsite.xml")
    ingester = Ingester(runtime.session_factory, fetcher(http), read)
    await poller(runtime, http).poll_due()
    await ingester.process_pending()
    assert site.asked("/news/tashkent-talks.html") == []  # another host: not fetched
    [item] = await items(runtime)
    assert item.status == "queued"  # read from the feed's own text instead

    async with runtime.session_factory() as session:
        allowed = await manage.add(
            session, f"{site.url}/cp1251.xml", "CP", "review", dt.timedelta(minutes=15), NOW,
            ("localhost",),
        )  # fmt: skip
    assert isinstance(allowed, SourceInfo) and allowed.allowed_hosts == ("localhost",)
    await poller(runtime, http).poll_due()
    await ingester.process_pending()
    cp = [i for i in await items(runtime) if i.url and i.url.endswith(".cp1251")]
    assert len(site.asked("/news/tashkent-talks.cp1251")) == 1
    draft = draft_from_state(cp[0].draft)
    assert draft is not None and "Мирзиёевым" in draft.text  # windows-1251 read right


async def test_another_outlets_reprint_is_one_more_source_not_new_facts(
    admin_harness: Harness, site: FeedSite, http: aiohttp.ClientSession
) -> None:
    site.now = dt.datetime.now(dt.UTC)
    site.feed_slugs = ["tashkent-talks"]
    admin = {"user_id": ADMIN}
    runtime = admin_harness.runtime
    clock = dt.datetime.now(dt.UTC) + dt.timedelta(minutes=1)  # after the sources are added
    ingester = Ingester(runtime.session_factory, fetcher(http), read)
    await admin_harness.send(f"/feeds add {site.url}/rss.xml Лента", **admin)
    await poller(runtime, http, clock).poll_due()
    await ingester.process_pending()
    [first] = [i for i in await items(runtime) if i.status == "queued"]
    await admin_harness.send("/queue", **admin)
    await admin_harness.click(f"Проверить #{first.id}", **admin)
    await admin_harness.click("Опубликовать", **admin)
    before = "\n".join(await admin_harness.send("/country UZ"))
    assert "сообщили 2 издания" not in before

    await admin_harness.send(f"/feeds add {site.url}/reprints.xml Перепечатки", **admin)
    await poller(runtime, http, clock).poll_due()
    assert await ingester.process_pending() == {"duplicate": 1}
    [reprint] = [i for i in await items(runtime) if i.url and "reprint" in i.url]
    assert reprint.article_id is not None and reprint.article_id != first.article_id
    after = "\n".join(await admin_harness.send("/country UZ"))
    assert after.count("Ташкент") >= 1 and "сообщили 2 издания" in after
    assert after.count("Переговоры") == before.count("Переговоры")  # no new event


async def test_an_item_that_breaks_the_reader_does_not_stop_the_others(
    runtime: Runtime, site: FeedSite, http: aiohttp.ClientSession
) -> None:
    """An unexpected error in one item (a bug, not a bad page) is logged and retried; the
    other items are read in the same round; after three failures it is parked."""
    await watch(runtime, f"{site.url}/rss.xml")
    await poller(runtime, http).poll_due()

    async def flaky(data: bytes, filename: str) -> Draft:
        if b"weather" in data or "Снег".encode() in data:
            raise RuntimeError("a bug in the reader")
        return await read(data, filename)

    ingester = Ingester(runtime.session_factory, fetcher(http), flaky)
    assert await ingester.process_pending() == {"queued": 1, "seen": 1}
    assert await ingester.process_pending() == {"seen": 1}
    assert await ingester.process_pending() == {"parked": 1}
    parked = [item for item in await items(runtime) if item.status == "parked"]
    assert [item.error for item in parked] == ["RuntimeError"]


async def test_a_source_that_breaks_the_poller_does_not_starve_the_others(
    runtime: Runtime, site: FeedSite, http: aiohttp.ClientSession, monkeypatch: pytest.MonkeyPatch
) -> None:
    broken = await watch(runtime, f"{site.url}/atom.xml")
    await watch(runtime, f"{site.url}/rss.xml")
    real = poller_module.parse_feed

    def parse(body: bytes, base_url: str) -> object:
        if b"<feed" in body:
            raise ValueError("a bug in the parser")
        return real(body, base_url)

    monkeypatch.setattr(poller_module, "parse_feed", parse)
    outcomes = await poller(runtime, http).poll_due()
    assert [(o.error, o.new_items) for o in outcomes] == [("ValueError", 0), (None, 2)]
    after = await source_now(runtime, broken.id)
    assert after.state == "error" and after.next_poll_at == NOW + dt.timedelta(minutes=30)
