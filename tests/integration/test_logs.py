"""Structured logs: JSON lines in production, a request id on every line an update causes."""

from __future__ import annotations

import io
import json
import logging
from collections.abc import Awaitable, Callable
from typing import Any

from aiogram import BaseMiddleware
from aiogram.types import TelegramObject

from bot.logs import TEXT_FORMAT, RequestIdFilter, json_formatter
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
