"""Talking to the bot: `run` (polling, webhook, or the offline console without a token),
`console`, `ask` (a scripted conversation), and `digests` (delivery without polling)."""

from __future__ import annotations

import argparse
import asyncio
import logging
import signal
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from aiogram import Bot
from aiogram.methods import TelegramMethod
from aiogram.types import BufferedInputFile

from bot.cli import CommandFailed
from bot.cli.settings import settings_or_exit
from bot.config import Settings
from bot.runtime import Runtime, prepare_database, settle_heap
from bot.telegram.app import create_bot, create_dispatcher, set_command_menu
from bot.telegram.client import LocalClient, NoSuchButton, Speaker, describe
from bot.telegram.local import LocalSession
from store.seed_paths import SeedError

log = logging.getLogger("bot")
LOCAL_USER_ID = 1
ASK_FILE_LIMIT = 5_000_000  # bytes read from an @file; the bot's own limit is lower


def run_command(args: argparse.Namespace) -> int:
    return _run_async(run(settings_or_exit(), args.lang))


def console_command(args: argparse.Namespace) -> int:
    return _run_async(console(settings_or_exit(), args.lang))


def ask_command(args: argparse.Namespace) -> int:
    speaker = Speaker(user_id=args.user, language=args.lang, chat_type=args.chat_type)
    save_to = Path(args.save_files) if args.save_files else None
    return _run_async(ask(settings_or_exit(quiet=True), args.messages, speaker, args.html, save_to))


def digests_command(args: argparse.Namespace) -> int:
    return _run_async(run_digests(settings_or_exit(), args.send_only))


def _run_async(work: object) -> int:
    try:
        return int(asyncio.run(work))  # type: ignore[arg-type]
    except SeedError as exc:
        print(f"Seed data error: {exc}", file=sys.stderr)
        raise CommandFailed(3) from exc


def local_client(runtime: Runtime, speaker: Speaker) -> LocalClient:
    session = LocalSession()
    bot = create_bot(runtime.settings, session=session)
    return LocalClient(create_dispatcher(runtime), bot, session, speaker)


async def say(client: LocalClient, line: str) -> list[str]:
    """One scripted step: "[Label]" presses a button, "@file" sends a document."""
    if line.startswith("[") and line.endswith("]") and len(line) > 2:
        try:
            requests = await client.click(line[1:-1])
        except NoSuchButton:
            return [f"(no button labelled {line})"]
    elif line.startswith("@") and len(line) > 1:
        path = Path(line[1:])
        content = await asyncio.to_thread(_read_file, path)
        if content is None:
            return [f"(no such file: {path})"]
        requests = await client.send_document(path.name, content)
    else:
        requests = await client.send(line)
    return [text for text in map(describe, requests) if text is not None]


def save_sent_files(requests: Sequence[TelegramMethod[Any]], folder: Path) -> list[Path]:
    """The bytes of every document and picture among `requests`, written into `folder`
    under the name the bot gave them (only the name: never a path of the bot's choosing)."""
    saved = []
    for request in requests:
        sent = getattr(request, "document", None) or getattr(request, "photo", None)
        if isinstance(sent, BufferedInputFile):
            folder.mkdir(parents=True, exist_ok=True)
            path = folder / Path(sent.filename or "file").name
            path.write_bytes(sent.data)
            saved.append(path)
    return saved


def _read_file(path: Path) -> bytes | None:
    if not path.is_file():
        return None
    with path.open("rb") as handle:
        return handle.read(ASK_FILE_LIMIT)


async def ask(
    settings: Settings,
    lines: Sequence[str],
    speaker: Speaker,
    raw: bool,
    save_to: Path | None = None,
) -> int:
    runtime = await prepare_database(settings)
    try:
        client = local_client(runtime, speaker)
        for line in lines:
            print(f">>> {line}")
            start = len(client.session.requests)
            replies = await say(client, line)
            if raw:
                replies = [str(getattr(r, "text", "")) for r in client.session.requests[start:]]
            for reply in replies:
                print(reply)
                print()
            if save_to is not None:
                for path in save_sent_files(client.session.requests[start:], save_to):
                    print(f"(saved {path})\n")
        return 0
    finally:
        await runtime.close()


async def console(settings: Settings, language: str) -> int:
    runtime = await prepare_database(settings)
    try:
        client = local_client(runtime, Speaker(user_id=LOCAL_USER_ID, language=language))
        settle_heap()
        print("Offline console (no token, no network). Type /help; [Label] presses a button;")
        print("@file sends a file. Ctrl-D to quit.")
        while True:
            try:
                line = await asyncio.to_thread(input, "> ")
            except EOFError:
                print()
                return 0
            if line.strip():
                for reply in await say(client, line.strip()):
                    print(reply)
                    print()
    finally:
        await runtime.close()


async def run(settings: Settings, language: str) -> int:
    if settings.bot_token is None:
        log.info("BOT_TOKEN is not set: starting the offline console")
        return await console(settings, language)
    runtime = await prepare_database(settings, search_inline=False)
    # The search index, the heap freeze and the warm-ups follow in the background: the
    # first update is answered first.
    runtime.start_background_work()
    bot = create_bot(settings)
    try:
        if settings.webhook_url:
            from bot.telegram.webhook import serve

            await serve(runtime, create_dispatcher(runtime), bot)
            return 0
        await _poll(runtime, bot)
    finally:
        await bot.session.close()
        await runtime.close()
    return 0


async def _poll(runtime: Runtime, bot: Bot) -> None:
    # Imported here: APScheduler is not needed by `ask` and `console`, which start faster.
    from bot.telegram.digest_runner import DigestRunner
    from bot.telegram.feed_runner import FeedRunner

    dispatcher = create_dispatcher(runtime)
    runtime.spawn(
        _set_command_menu_later(bot, runtime.settings.admin_ids, runtime.after_start_delay)
    )
    digests = DigestRunner(runtime, bot)
    runtime.spawn(digests.start_after(runtime.after_start_delay))
    feeds = FeedRunner(runtime, bot)  # watched sources, read once a minute
    runtime.spawn(feeds.start_after(runtime.after_start_delay))
    log.info("polling %s", runtime.settings.telegram_api_url)
    try:
        await dispatcher.start_polling(bot, handle_signals=True, close_bot_session=False)
    finally:
        await feeds.stop()
        await digests.stop()


async def _set_command_menu_later(bot: Bot, admin_ids: Iterable[int], delay: float) -> None:
    # Cosmetic, and it reads both languages' texts: the first updates are answered first.
    await asyncio.sleep(delay)
    await set_command_menu(bot, admin_ids)


async def run_digests(settings: Settings, send_only: bool) -> int:
    """Digests without polling: for a deployment that runs senders apart from the bot."""
    from bot.telegram.digest_runner import DigestRunner

    if settings.bot_token is None:
        print("Digests need BOT_TOKEN.", file=sys.stderr)
        return 2
    runtime = await prepare_database(settings, search_inline=False)
    bot = create_bot(settings)
    runner = DigestRunner(runtime, bot, schedule=not send_only)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signal_number in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signal_number, stop.set)
    runner.start()
    log.info("digests running (%s)", "send only" if send_only else "tick and send")
    try:
        await stop.wait()
    finally:
        await runner.stop()
        await bot.session.close()
        await runtime.close()
    return 0
