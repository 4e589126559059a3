"""Replies that survive a flood wait or a network blip.

A reply sent while an update is handled that meets a 429 is sent again after the wait
Telegram asks for, when that wait is short enough for a person still looking at the chat;
one that meets a network error is sent once more. Work outside an update (the digest
sender) is left alone: it keeps its own ledger of what to retry and when."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import Any

from aiogram import Bot
from aiogram.client.session.middlewares.base import (
    BaseRequestMiddleware,
    NextRequestMiddlewareType,
)
from aiogram.exceptions import TelegramNetworkError, TelegramRetryAfter
from aiogram.methods import TelegramMethod
from aiogram.methods.base import Response, TelegramType

from bot.logs import handling_update

log = logging.getLogger(__name__)

Sleep = Callable[[float], Awaitable[Any]]


class ReplyRetry(BaseRequestMiddleware):
    def __init__(
        self, max_wait: float = 30.0, network_pause: float = 0.5, sleep: Sleep = asyncio.sleep
    ) -> None:
        self.max_wait = max_wait  # seconds of flood wait, in all, a reply may spend
        self.network_pause = network_pause
        self.sleep = sleep

    async def __call__(
        self,
        make_request: NextRequestMiddlewareType[TelegramType],
        bot: Bot,
        method: TelegramMethod[TelegramType],
    ) -> Response[TelegramType]:
        if not handling_update():
            return await make_request(bot, method)
        waited = 0.0
        network_retried = False
        while True:
            try:
                return await make_request(bot, method)
            except TelegramRetryAfter as error:
                if waited + error.retry_after > self.max_wait:
                    raise
                waited += error.retry_after
                log.warning("%s: flood wait of %s s, then again", method.__api_method__, waited)
                await self.sleep(error.retry_after)
            except TelegramNetworkError:
                if network_retried:
                    raise
                network_retried = True
                log.warning("%s: network error, once more", method.__api_method__)
                await self.sleep(self.network_pause)
