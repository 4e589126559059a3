"""`python -m bot run | console | ask "<message>" | seed | digests | extract | import`."""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import html
import itertools
import logging
import re
import signal
import sys
from collections.abc import Sequence

from aiogram import Bot, Dispatcher
from aiogram.types import Chat, Message, Update, User

from bot.config import ConfigError, Settings, load_settings
from bot.logs import configure_logging
from bot.telegram.app import (
    Runtime,
    create_bot,
    create_dispatcher,
    prepare_database,
    set_command_menu,
    settle_heap,
)
from bot.telegram.local import LocalSession
from store.seed import SeedError

log = logging.getLogger("bot")
LOCAL_CHAT_ID = 1
_update_ids = itertools.count(1)


def _configure_logging(level: str, log_format: str = "text") -> None:
    configure_logging(level, log_format)


def as_plain_text(message_html: str) -> str:
    """What a Telegram user would read: tags removed, entities decoded."""
    return html.unescape(re.sub(r"<[^>]+>", "", message_html))


def local_update(text: str, language: str) -> Update:
    user = User(id=LOCAL_CHAT_ID, is_bot=False, first_name="Local", language_code=language)
    return Update(
        update_id=next(_update_ids),
        message=Message(
            message_id=next(_update_ids),
            date=dt.datetime.now(dt.UTC),
            chat=Chat(id=LOCAL_CHAT_ID, type="private"),
            from_user=user,
            text=text,
        ),
    )


async def _feed(
    dispatcher: Dispatcher, bot: Bot, session: LocalSession, text: str, language: str
) -> list[str]:
    session.requests.clear()
    await dispatcher.feed_update(bot, local_update(text, language))
    return session.sent_texts()


async def ask(settings: Settings, text: str, language: str, raw_html: bool) -> int:
    runtime = await prepare_database(settings)
    try:
        session = LocalSession()
        bot = create_bot(settings, session=session)
        replies = await _feed(create_dispatcher(runtime), bot, session, text, language)
        for reply in replies:
            print(reply if raw_html else as_plain_text(reply))
            print()
        return 0
    finally:
        await runtime.close()


async def console(settings: Settings, language: str) -> int:
    runtime = await prepare_database(settings)
    try:
        session = LocalSession()
        bot = create_bot(settings, session=session)
        dispatcher = create_dispatcher(runtime)
        settle_heap()
        print("Offline console (no token, no network). Type /help; Ctrl-D to quit.")
        while True:
            try:
                line = await asyncio.to_thread(input, "> ")
            except EOFError:
                print()
                return 0
            if not line.strip():
                continue
            for reply in await _feed(dispatcher, bot, session, line, language):
                print(as_plain_text(reply))
                print()
    finally:
        await runtime.close()


async def run(settings: Settings, language: str) -> int:
    if settings.bot_token is None:
        log.info("BOT_TOKEN is not set: starting the offline console")
        return await console(settings, language)
    runtime = await prepare_database(settings, search_inline=False)
    runtime.start_background_work()
    settle_heap()
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

    dispatcher = create_dispatcher(runtime)
    await set_command_menu(bot)
    digests = DigestRunner(runtime, bot)
    digests.start()
    log.info("polling %s", runtime.settings.telegram_api_url)
    try:
        await dispatcher.start_polling(bot, handle_signals=True, close_bot_session=False)
    finally:
        await digests.stop()


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


async def health(settings: Settings) -> int:
    """For a container's HEALTHCHECK: in webhook mode the server's /healthz must answer 200;
    in polling mode the database must answer. Exit 0 healthy, 1 not."""
    if settings.webhook_url:
        import aiohttp

        url = f"http://127.0.0.1:{settings.webhook_port}/healthz"
        try:
            async with (
                aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=3)) as client,
                client.get(url) as response,
            ):
                healthy = response.status == 200
        except (OSError, aiohttp.ClientError, TimeoutError):
            healthy = False
    else:
        from store.db import create_engine, ping

        engine = create_engine(settings.database_url)
        try:
            await ping(engine)
            healthy = True
        except Exception:  # any failure to reach the database is "unhealthy"
            healthy = False
        finally:
            await engine.dispose()
    print("healthy" if healthy else "unhealthy")
    return 0 if healthy else 1


async def seed(settings: Settings) -> int:
    runtime = await prepare_database(settings, force_seed=True)
    await runtime.close()
    print("Seed data loaded.")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot", description=__doc__)
    parser.add_argument(
        "--lang",
        choices=["ru", "en"],
        default="ru",
        help="interface language for console and ask (default ru)",
    )
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("run", help="long polling when BOT_TOKEN is set, else the console")
    commands.add_parser("console", help="interactive, offline")
    ask_parser = commands.add_parser("ask", help="feed one message, print the replies")
    ask_parser.add_argument("message")
    ask_parser.add_argument("--html", action="store_true", help="print the HTML as sent")
    commands.add_parser("seed", help="(re)load the seed files into the database")
    digests_parser = commands.add_parser("digests", help="run digest delivery without polling")
    digests_parser.add_argument(
        "--send-only", action="store_true", help="only send; another process runs the schedule"
    )
    extract_parser = commands.add_parser(
        "extract", help="dry run of fact extraction on one article file; stores nothing"
    )
    extract_parser.add_argument("file")
    extract_parser.add_argument("--json", action="store_true", help="print one JSON object")
    import_parser = commands.add_parser("import", help="bulk import of article files and folders")
    import_parser.add_argument("paths", nargs="+", metavar="PATH")
    import_parser.add_argument(
        "--publish", action="store_true", help="store the articles (without it: a dry run)"
    )
    commands.add_parser("health", help="exit 0 when the bot (or its database) answers")
    fingerprint_parser = commands.add_parser(
        "fingerprint", help="text_hash and sketch of article files, for seeds/articles.yaml"
    )
    fingerprint_parser.add_argument("files", nargs="+", metavar="FILE")
    args = parser.parse_args(argv)
    if args.command == "fingerprint":
        from bot.cli_uploads import fingerprint

        return fingerprint(args.files)
    if args.command == "extract":
        # needs no database and no settings: a pure dry run
        _configure_logging("ERROR")
        from bot.cli_uploads import extract

        return extract(args.file, args.json)

    try:
        settings = load_settings()
    except ConfigError as exc:
        print(f"Configuration error: {exc}", file=sys.stderr)
        return 2
    _configure_logging(
        "WARNING" if args.command == "ask" else settings.log_level, settings.log_format
    )
    try:
        if args.command == "run":
            return asyncio.run(run(settings, args.lang))
        if args.command == "console":
            return asyncio.run(console(settings, args.lang))
        if args.command == "ask":
            return asyncio.run(ask(settings, args.message, args.lang, args.html))
        if args.command == "digests":
            return asyncio.run(run_digests(settings, args.send_only))
        if args.command == "health":
            return asyncio.run(health(settings))
        if args.command == "import":
            from bot.cli_uploads import import_files, print_summary

            summary = asyncio.run(import_files(settings, args.paths, args.publish))
            print_summary(summary, args.publish)
            return 1 if summary.failed and not summary.imported else 0
        return asyncio.run(seed(settings))
    except SeedError as exc:
        print(f"Seed data error: {exc}", file=sys.stderr)
        return 3
    except KeyboardInterrupt:
        return 130
