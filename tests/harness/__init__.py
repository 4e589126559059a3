"""Feeding real Update objects through the real dispatcher, with a recording Bot session.

The harness is the scriptable client (`bot.telegram.client`) with test conveniences: any
speaker per call, buttons pressed by label, documents, and errors injected into the
session (`fail_next`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from aiogram import Bot, Dispatcher
from aiogram.methods import TelegramMethod
from aiogram.types import Message, Update

from bot.runtime import Runtime
from bot.telegram.app import create_bot, create_dispatcher
from bot.telegram.client import (
    LocalClient,
    Speaker,
    callback_update,
    inline_update,
    message_update,
)
from bot.telegram.local import LOCAL_BOT_USER, Failure, LocalSession


def make_update(
    text: str,
    *,
    chat_type: str = "private",
    language: str | None = "ru",
    user_id: int = 42,
    chat_id: int | None = None,
) -> Update:
    return message_update(Speaker(user_id, language, chat_type, chat_id), text)


def make_callback(
    data: str, *, language: str | None = "ru", user_id: int = 42, message_text: str = "list"
) -> Update:
    speaker = Speaker(user_id, language)
    shown = message_update(speaker, message_text).message
    assert shown is not None
    bot_message = shown.model_copy(update={"from_user": LOCAL_BOT_USER})
    return callback_update(speaker, data, bot_message)


def make_inline(query: str, *, language: str | None = "ru", user_id: int = 42) -> Update:
    return inline_update(Speaker(user_id, language), query)


@dataclass
class Harness:
    runtime: Runtime
    session: LocalSession = field(default_factory=LocalSession)
    bot: Bot = field(init=False)
    dispatcher: Dispatcher = field(init=False)

    def __post_init__(self) -> None:
        self.bot = create_bot(self.runtime.settings, session=self.session)
        self.dispatcher = create_dispatcher(self.runtime)

    def client(self, **speaker: Any) -> LocalClient:
        return LocalClient(self.dispatcher, self.bot, self.session, Speaker(**speaker))

    async def feed(self, update: Update) -> list[TelegramMethod[object]]:
        """Every request the bot made in answer (messages, photos, edits, callback answers)."""
        self.session.requests.clear()
        await self.dispatcher.feed_update(self.bot, update)
        return list(self.session.requests)

    async def send(self, text: str, **speaker: Any) -> list[str]:
        """The texts the bot sent in answer; each passed Telegram's HTML rules."""
        self.session.requests.clear()
        await self.client(**speaker).send(text)
        return self.session.sent_texts()

    async def click(self, text: str, **speaker: Any) -> list[TelegramMethod[Any]]:
        """Press the button labelled `text` on the newest message that has one."""
        self.session.requests.clear()
        return await self.client(**speaker).click(text)

    async def send_document(
        self, filename: str, content: bytes, caption: str | None = None, **speaker: Any
    ) -> list[TelegramMethod[Any]]:
        self.session.requests.clear()
        return await self.client(**speaker).send_document(filename, content, caption)

    def last_message(self, **speaker: Any) -> Message | None:
        return self.client(**speaker).last_message()

    def fail_next(self, method: str, failure: Failure, *, retry_after: int = 1) -> None:
        self.session.fail_next(method, failure, retry_after=retry_after)
