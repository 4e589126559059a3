"""A scriptable Telegram user for the in-process session: sends messages and documents,
presses inline buttons by their label, and reads back everything the bot did, in order.

`python -m bot ask` and the tests' harness both drive the bot through it, so what a test
checks is what a person trying the bot from the command line sees.
"""

from __future__ import annotations

import datetime as dt
import html
import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from aiogram import Bot, Dispatcher
from aiogram.methods import (
    AnswerCallbackQuery,
    AnswerInlineQuery,
    EditMessageReplyMarkup,
    EditMessageText,
    SendDocument,
    SendMessage,
    SendPhoto,
    TelegramMethod,
)
from aiogram.types import (
    CallbackQuery,
    Chat,
    Document,
    InlineKeyboardMarkup,
    InlineQuery,
    Message,
    Update,
    User,
)

from bot.telegram.local import LocalSession

GROUP_CHAT_ID = -100123
_ids = itertools.count(1)


class NoSuchButton(LookupError):
    """No message the bot has shown carries a button with that label."""


@dataclass(frozen=True)
class Speaker:
    """Who is talking to the bot, and where."""

    user_id: int = 42
    language: str | None = "ru"
    chat_type: str = "private"
    chat_id: int | None = None

    def user(self) -> User:
        return User(
            id=self.user_id, is_bot=False, first_name="Analyst", language_code=self.language
        )

    def chat(self) -> Chat:
        if self.chat_id is not None:
            chat_id = self.chat_id
        else:
            chat_id = self.user_id if self.chat_type == "private" else GROUP_CHAT_ID
        return Chat(id=chat_id, type=self.chat_type)


def message_update(speaker: Speaker, text: str | None = None, **fields: Any) -> Update:
    return Update(
        update_id=next(_ids),
        message=Message(
            message_id=next(_ids),
            date=dt.datetime.now(dt.UTC),
            chat=speaker.chat(),
            from_user=speaker.user(),
            text=text,
            **fields,
        ),
    )


def callback_update(speaker: Speaker, data: str, message: Message) -> Update:
    return Update(
        update_id=next(_ids),
        callback_query=CallbackQuery(
            id=str(next(_ids)),
            from_user=speaker.user(),
            chat_instance="local",
            message=message,
            data=data,
        ),
    )


def inline_update(speaker: Speaker, query: str) -> Update:
    return Update(
        update_id=next(_ids),
        inline_query=InlineQuery(
            id=str(next(_ids)), from_user=speaker.user(), query=query, offset=""
        ),
    )


def as_plain_text(message_html: str) -> str:
    """What a Telegram user would read: tags removed, entities decoded."""
    return html.unescape(re.sub(r"<[^>]+>", "", message_html))


def same_label(shown: str, asked: str) -> bool:
    """Exactly, or by its words alone: "[Торговля]" presses "📈 Торговля", and
    "[Опубликовать]" presses "✅ Опубликовать (9)" (a count in brackets is not a word)."""
    if shown == asked:
        return True
    asked_words = _words(asked)
    return asked_words != "" and asked_words in {_words(shown), _words(_COUNT.sub("", shown))}


_COUNT = re.compile(r"\s*\(\d+\)\s*$")


def _words(label: str) -> str:
    return " ".join(re.findall(r"\w+", label.casefold()))


def button_labels(markup: object) -> list[list[str]]:
    if not isinstance(markup, InlineKeyboardMarkup):
        return []
    return [[button.text for button in row] for row in markup.inline_keyboard]


def describe(request: TelegramMethod[Any]) -> str | None:
    """One request as a person would see it; None for requests nobody sees."""
    if isinstance(request, SendMessage):
        return as_plain_text(request.text) + _buttons(request.reply_markup)
    if isinstance(request, EditMessageText):
        return "(edited) " + as_plain_text(request.text or "") + _buttons(request.reply_markup)
    if isinstance(request, EditMessageReplyMarkup):
        return "(buttons) " + (_buttons(request.reply_markup).strip() or "removed")
    if isinstance(request, SendPhoto):
        return "(picture) " + as_plain_text(request.caption or "")
    if isinstance(request, SendDocument):
        return "(file) " + as_plain_text(request.caption or "")
    if isinstance(request, AnswerCallbackQuery):
        return f"(toast) {request.text}" if request.text else None
    if isinstance(request, AnswerInlineQuery):
        titles = [str(getattr(result, "title", "")) for result in request.results]
        return "(inline) " + " | ".join(titles)
    return None


def _buttons(markup: object) -> str:
    rows = button_labels(markup)
    if not rows:
        return ""
    return "\n" + "\n".join(" ".join(f"[{label}]" for label in row) for row in rows)


@dataclass
class LocalClient:
    """One speaker in conversation with the real dispatcher over a `LocalSession`."""

    dispatcher: Dispatcher
    bot: Bot
    session: LocalSession
    speaker: Speaker = field(default_factory=Speaker)

    async def feed(self, update: Update) -> list[TelegramMethod[Any]]:
        """Every request the bot made in answer (messages, photos, edits, toasts)."""
        start = len(self.session.requests)
        await self.dispatcher.feed_update(self.bot, update)
        return list(self.session.requests[start:])

    async def send(self, text: str) -> list[TelegramMethod[Any]]:
        return await self.feed(message_update(self.speaker, text))

    async def send_document(
        self, filename: str, content: bytes, caption: str | None = None
    ) -> list[TelegramMethod[Any]]:
        file_id = f"local-{next(_ids)}"
        self.session.files[file_id] = content
        document = Document(
            file_id=file_id, file_unique_id=file_id, file_name=filename, file_size=len(content)
        )
        update = message_update(self.speaker, None, document=document, caption=caption)
        return await self.feed(update)

    async def inline(self, query: str) -> list[TelegramMethod[Any]]:
        return await self.feed(inline_update(self.speaker, query))

    async def click(self, label: str) -> list[TelegramMethod[Any]]:
        """Press the button with this label on the newest message that has one."""
        for message in reversed(self.shown_messages()):
            markup = message.reply_markup
            for row in markup.inline_keyboard if markup else []:
                for button in row:
                    if same_label(button.text, label) and button.callback_data is not None:
                        # the session does not know chat types; the speaker does
                        where = message.model_copy(update={"chat": self.speaker.chat()})
                        update = callback_update(self.speaker, button.callback_data, where)
                        return await self.feed(update)
        raise NoSuchButton(label)

    def shown_messages(self) -> Sequence[Message]:
        chat_id = self.speaker.chat().id
        return [message for (chat, _), message in self.session.messages.items() if chat == chat_id]

    def last_message(self) -> Message | None:
        shown = self.shown_messages()
        return shown[-1] if shown else None
