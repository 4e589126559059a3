"""Structured logs: JSON lines in production, a request id on every line an update causes."""

from __future__ import annotations

import io
import json
import logging
import subprocess
import sys
from collections.abc import Awaitable, Callable
from typing import Any

from aiogram import BaseMiddleware
from aiogram.types import TelegramObject

from bot import PROJECT_ROOT
from bot.logs import TEXT_FORMAT, RedactingFilter, RequestIdFilter, json_formatter
from tests.harness import Harness, make_update

probe = logging.getLogger("tests.probe")


class _Probe(BaseMiddleware):
    async def __call__(
        self,
        handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
        event: TelegramObject,
        data: dict[str, Any],
    ) -> Any:
        probe.warning("handling an update")
        return await handler(event, data)


def _capture(formatter: logging.Formatter) -> tuple[io.StringIO, logging.Handler]:
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(RequestIdFilter())
    handler.setFormatter(formatter)
    probe.addHandler(handler)
    return stream, handler


async def test_json_lines_carry_the_request_id(harness: Harness) -> None:
    harness.dispatcher.update.outer_middleware(_Probe())
    stream, handler = _capture(json_formatter())
    try:
        update = make_update("/country TJ")
        await harness.feed(update)
        probe.warning("between updates")
    finally:
        probe.removeHandler(handler)
    inside, outside = (json.loads(line) for line in stream.getvalue().splitlines())
    assert inside["request_id"] == f"upd-{update.update_id}"
    assert inside["level"] == "WARNING" and inside["logger"] == "tests.probe"
    assert inside["message"] == "handling an update" and "time" in inside
    assert outside["request_id"] == "-"


async def test_text_lines_carry_the_request_id(harness: Harness) -> None:
    harness.dispatcher.update.outer_middleware(_Probe())
    stream, handler = _capture(logging.Formatter(TEXT_FORMAT))
    try:
        update = make_update("/treaty")
        await harness.feed(update)
    finally:
        probe.removeHandler(handler)
    assert f"[upd-{update.update_id}]: handling an update" in stream.getvalue()


class _Broken(BaseMiddleware):
    async def __call__(
        self,
        handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
        event: TelegramObject,
        data: dict[str, Any],
    ) -> Any:
        raise RuntimeError("a handler broke")


async def test_the_failure_line_carries_the_request_id(harness: Harness) -> None:
    harness.dispatcher.message.middleware(_Broken())
    app_log = logging.getLogger("bot.telegram.app")
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(RequestIdFilter())
    handler.setFormatter(logging.Formatter(TEXT_FORMAT))
    app_log.addHandler(handler)
    try:
        update = make_update("/country TJ")
        replies = await harness.feed(update)
    finally:
        app_log.removeHandler(handler)
    assert f"[upd-{update.update_id}]: update {update.update_id} failed" in stream.getvalue()
    assert replies  # and the user heard something


WARNING_SCRIPT = """
import asyncio, warnings
from aiogram import Bot, Dispatcher
from aiogram.types import Update
from bot import PROJECT_ROOT
from bot.logs import configure_logging

configure_logging("INFO", "json", ["123456:TEST-token-not-real"])
warnings.warn("first line\\nsecond line\\nthird line", RuntimeWarning)
bot = Bot("123456:TEST-token-not-real")
update = Update.model_validate({"update_id": 7, "future_kind": {"text": "private words"}})
asyncio.run(Dispatcher().feed_update(bot, update))
"""


def test_json_logs_are_one_object_per_line_warnings_included() -> None:
    done = subprocess.run(
        [sys.executable, "-c", WARNING_SCRIPT],
        cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    lines = [json.loads(line) for line in done.stderr.splitlines() if line.strip()]
    warnings = [line for line in lines if line["logger"] == "py.warnings"]
    assert len(warnings) == 2 and all(w["level"] == "WARNING" for w in warnings)
    assert "second line" not in done.stderr and "private words" not in done.stderr
    assert any("unknown update type" in w["message"] for w in warnings)


def test_tokens_are_redacted_in_messages_arguments_and_tracebacks() -> None:
    secret_token = "123456:TEST-token-not-real"
    other_token = "987654321:AAE-some-other-bots-secret-xyz"  # not configured: still caught
    for formatter in (logging.Formatter(TEXT_FORMAT), json_formatter()):
        stream, handler = _capture(formatter)
        handler.addFilter(RedactingFilter([secret_token]))
        try:
            probe.warning("url %s and %s", f"https://x/bot{secret_token}/getMe", other_token)
            try:
                raise ValueError(f"GET https://x/file/bot{secret_token}/documents/1.txt")
            except ValueError:
                probe.exception("download of %s failed", "documents/1.txt")
        finally:
            probe.removeHandler(handler)
        text = stream.getvalue()
        assert "TEST-token-not-real" not in text and "some-other-bots" not in text
        assert text.count("<redacted>") >= 3 and "ValueError" in text
