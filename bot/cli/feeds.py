"""Watched sources from the command line: `feeds add URL [--name N] [--trust review|auto]
[--every MIN]`, `feeds list`, `feeds remove ID`, `feeds poll [--once]`."""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import logging

from bot.cli import CommandFailed
from bot.cli.settings import settings_or_exit
from bot.config import Settings

log = logging.getLogger("bot")
ROUND_SECONDS = 60


def add_command(args: argparse.Namespace) -> int:
    return asyncio.run(
        _add(settings_or_exit(), args.url, args.name, args.trust, args.every, args.allow_host)
    )


def list_command(args: argparse.Namespace) -> int:
    return asyncio.run(_list(settings_or_exit()))


def remove_command(args: argparse.Namespace) -> int:
    return asyncio.run(_remove(settings_or_exit(), args.id))


def poll_command(args: argparse.Namespace) -> int:
    return asyncio.run(_poll(settings_or_exit(), args.once))


async def _add(
    settings: Settings, url: str, name: str | None, trust: str, every: int, hosts: list[str]
) -> int:
    from bot.feeds import manage
    from bot.runtime import prepare_database
    from store.dto import SourceInfo

    runtime = await prepare_database(settings, search_inline=False)
    try:
        async with runtime.session_factory() as session:
            now = dt.datetime.now(dt.UTC)
            interval = dt.timedelta(minutes=every)
            result = await manage.add(session, url, name, trust, interval, now, tuple(hosts))
    finally:
        await runtime.close()
    if not isinstance(result, SourceInfo):
        print(PROBLEMS[result.reason])
        raise CommandFailed(2)
    print(f"added #{result.id}: {result.name} ({result.url}), every {every} min, {trust}")
    return 0


PROBLEMS = {
    "url": "not a feed address: give an http(s) link to a named host",
    "trust": "trust is review or auto",
    "interval": "a source is polled at most every 5 minutes: --every 5 or more",
    "exists": "that address is watched already",
}


async def _list(settings: Settings) -> int:
    from bot.feeds import manage
    from bot.runtime import prepare_database

    runtime = await prepare_database(settings, search_inline=False)
    try:
        async with runtime.session_factory() as session:
            found = await manage.sources(session)
    finally:
        await runtime.close()
    for source in found:
        state = "paused" if not source.active else source.state
        error = f" — last error: {source.last_error}" if source.last_error else ""
        print(
            f"#{source.id} {source.name} [{source.trust}, {state}] {source.url}"
            f" — queued {source.queued}{error}"
        )
    if not found:
        print("no sources: add one with `python -m bot feeds add URL`")
    return 0


async def _remove(settings: Settings, source_id: int) -> int:
    from bot.feeds import manage
    from bot.runtime import prepare_database

    runtime = await prepare_database(settings, search_inline=False)
    try:
        async with runtime.session_factory() as session:
            removed = await manage.remove(session, source_id)
    finally:
        await runtime.close()
    print(f"removed #{source_id}" if removed else f"no source #{source_id}")
    return 0 if removed else 1


async def _poll(settings: Settings, once: bool) -> int:
    import aiohttp

    from bot.feeds.runner import run_round, thread_reader, utc_now
    from bot.runtime import prepare_database
    from store.locks import FEEDS_LOCK_KEY, Leadership

    runtime = await prepare_database(settings, search_inline=False)
    leadership = Leadership(runtime.engine, FEEDS_LOCK_KEY, "the feed poller")
    read = thread_reader()
    try:
        async with aiohttp.ClientSession() as http:
            while True:
                if await leadership.is_leader():
                    done = await run_round(
                        runtime.session_factory,
                        http,
                        utc_now,
                        read,
                        auto_confidence=settings.feed_auto_confidence,
                    )
                    new = sum(outcome.new_items for outcome in done.polled)
                    print(f"polled {len(done.polled)} sources, {new} new items, {dict(done.items)}")
                if once:
                    return 0
                await asyncio.sleep(ROUND_SECONDS)
    finally:
        await leadership.release()
        await runtime.close()
