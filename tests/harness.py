"""Feeding real Update objects through the real dispatcher, with a recording Bot session."""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import dataclass, field

from aiogram import Bot, Dispatcher
from aiogram.methods import TelegramMethod
from aiogram.types import CallbackQuery, Chat, InlineQuery, Message, Update, User

from bot.telegram.app import Runtime, create_bot, create_dispatcher
from bot.telegram.local import LocalSession

_ids = itertools.count(1)


def make_update(
    text: str,
    *,
    chat_type: str = "private",
    language: str | None = "ru",
    user_id: int = 42,
    chat_id: int | None = None,
) -> Update:
    chat = Chat(
        id=chat_id if chat_id is not None else (user_id if chat_type == "private" else -100123),
        type=chat_type,
    )
    user = User(id=user_id, is_bot=False, first_name="Analyst", language_code=language)
    return Update(
        update_id=next(_ids),
        message=Message(
            message_id=next(_ids),
            date=dt.datetime.now(dt.UTC),
            chat=chat,
            from_user=user,
            text=text,
        ),
    )


@dataclass
class Harness:
    runtime: Runtime
    session: LocalSession = field(default_factory=LocalSession)
    bot: Bot = field(init=False)
    dispatcher: Dispatcher = field(init=False)

    def __post_init__(self) -> None:
        self.bot = create_bot(self.runtime.settings, session=self.session)
        self.dispatcher = create_dispatcher(self.runtime)

    async def feed(self, update: Update) -> list[TelegramMethod[object]]:
        """Every request the bot made in answer (messages, photos, edits, callback answers)."""
        self.session.requests.clear()
        await self.dispatcher.feed_update(self.bot, update)
        return list(self.session.requests)

    async def send(self, text: str, **kwargs: object) -> list[str]:
        """The texts the bot sent in answer; each passed Telegram's HTML rules."""
        self.session.requests.clear()
        await self.dispatcher.feed_update(self.bot, make_update(text, **kwargs))  # type: ignore[arg-type]
        return self.session.sent_texts()


def make_callback(
    data: str, *, language: str | None = "ru", user_id: int = 42, message_text: str = "list"
) -> Update:
    chat = Chat(id=user_id, type="private")
    user = User(id=user_id, is_bot=False, first_name="Analyst", language_code=language)
    message = Message(
        message_id=next(_ids),
        date=dt.datetime.now(dt.UTC),
        chat=chat,
        from_user=User(id=1, is_bot=True, first_name="Bot"),
        text=message_text,
    )
    return Update(
        update_id=next(_ids),
        callback_query=CallbackQuery(
            id=str(next(_ids)), from_user=user, chat_instance="ci", message=message, data=data
        ),
    )


def make_inline(query: str, *, language: str | None = "ru", user_id: int = 42) -> Update:
    user = User(id=user_id, is_bot=False, first_name="Analyst", language_code=language)
    return Update(
        update_id=next(_ids),
        inline_query=InlineQuery(id=str(next(_ids)), from_user=user, query=query, offset=""),
    )
