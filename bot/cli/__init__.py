"""`python -m bot <command>`: the parser, and one module per group of subcommands.

Each subcommand names the function that runs it as "module:function"; the module is
imported only when that subcommand runs, so `extract`, `import`, `fingerprint`, `seed` and
`health` never load aiogram, and `extract` loads no database either.
"""

from __future__ import annotations

import argparse
import gc
import importlib
import sys
from collections.abc import Sequence
from types import ModuleType

LANGUAGES = ("ru", "en")


class CommandFailed(Exception):
    """Ends a subcommand with this exit code; the message has been printed."""

    def __init__(self, code: int) -> None:
        super().__init__(code)
        self.code = code


def _chat_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    run = commands.add_parser("run", help="long polling when BOT_TOKEN is set, else the console")
    run.set_defaults(func="bot.cli.chat:run_command")
    console = commands.add_parser("console", help="interactive, offline")
    console.set_defaults(func="bot.cli.chat:console_command")
    ask = commands.add_parser(
        "ask",
        help="feed messages in order and print every reply",
        description=(
            'Each MESSAGE is sent in turn: "[Label]" presses the inline button with that '
            'label on the newest bot message that has one, "@path/to/file.txt" sends that '
            "file as a document, anything else is a text message."
        ),
    )
    ask.add_argument("messages", nargs="+", metavar="MESSAGE")
    ask.add_argument("--html", action="store_true", help="print the HTML as sent")
    ask.add_argument("--user", type=int, default=1, help="Telegram user id (default 1)")
    ask.add_argument("--chat-type", choices=["private", "group", "supergroup"], default="private")
    ask.add_argument(
        "--save-files", metavar="DIR", help="write the files and pictures the bot sends into DIR"
    )
    ask.set_defaults(func="bot.cli.chat:ask_command")
    digests = commands.add_parser("digests", help="run digest delivery without polling")
    digests.add_argument(
        "--send-only", action="store_true", help="only send; another process runs the schedule"
    )
    digests.set_defaults(func="bot.cli.chat:digests_command")


def _article_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    extract = commands.add_parser(
        "extract", help="dry run of fact extraction on one article file; stores nothing"
    )
    extract.add_argument("file")
    extract.add_argument("--json", action="store_true", help="print one JSON object")
    extract.set_defaults(func="bot.cli.articles:extract_command")
    imports = commands.add_parser("import", help="bulk import of article files and folders")
    imports.add_argument("paths", nargs="+", metavar="PATH")
    imports.add_argument(
        "--publish", action="store_true", help="store the articles (without it: a dry run)"
    )
    imports.set_defaults(func="bot.cli.articles:import_command")
    fingerprint = commands.add_parser(
        "fingerprint", help="text_hash and sketch of article files, for seeds/articles.yaml"
    )
    fingerprint.add_argument("files", nargs="+", metavar="FILE")
    fingerprint.set_defaults(func="bot.cli.articles:fingerprint_command")


def _feed_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    feeds = commands.add_parser("feeds", help="watched sources: add, list, remove, poll")
    actions = feeds.add_subparsers(dest="feeds_command", required=True)
    add = actions.add_parser("add", help="watch a feed (RSS, Atom, JSON Feed) or a page naming one")
    add.add_argument("url")
    add.add_argument("--name", help="how /feeds names it (default: its host)")
    add.add_argument("--trust", choices=["review", "auto"], default="review")
    add.add_argument("--every", type=int, default=15, metavar="MIN", help="minutes (>= 5)")
    add.add_argument(
        "--allow-host",
        action="append",
        default=[],
        metavar="HOST",
        help="another host whose article pages the feed links to (repeatable)",
    )
    add.set_defaults(func="bot.cli.feeds:add_command")
    actions.add_parser("list", help="the sources, their state and queue").set_defaults(
        func="bot.cli.feeds:list_command"
    )
    remove = actions.add_parser("remove", help="stop watching a source")
    remove.add_argument("id", type=int)
    remove.set_defaults(func="bot.cli.feeds:remove_command")
    poll = actions.add_parser("poll", help="poll due sources and read new items, every minute")
    poll.add_argument("--once", action="store_true", help="one round, then exit")
    poll.set_defaults(func="bot.cli.feeds:poll_command")


def _maintenance_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    seed = commands.add_parser("seed", help="(re)load the seed files into the database")
    seed.set_defaults(func="bot.cli.maintenance:seed_command")
    health = commands.add_parser("health", help="exit 0 when the bot (or its database) answers")
    health.set_defaults(func="bot.cli.maintenance:health_command")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m bot", description=__doc__)
    parser.add_argument(
        "--lang",
        choices=LANGUAGES,
        default="ru",
        help="interface language for console and ask (default ru)",
    )
    commands = parser.add_subparsers(dest="command", required=True)
    _chat_commands(commands)
    _article_commands(commands)
    _maintenance_commands(commands)
    _feed_commands(commands)
    return parser


def _import_quietly(module_name: str) -> ModuleType:
    """Import a command's module with the cycle collector paused, then freeze what it
    loaded. aiogram and pydantic leave a few hundred thousand objects that live as long as
    the process; each full collection walking them costs over 100 ms, several of which
    otherwise land in the imports and the first reply after them."""
    gc.disable()
    try:
        return importlib.import_module(module_name)
    finally:
        gc.freeze()
        gc.enable()


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    module_name, function_name = str(args.func).split(":")
    command = getattr(_import_quietly(module_name), function_name)
    try:
        return int(command(args))
    except CommandFailed as failed:
        return failed.code
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
