"""Reading replies: texts, buttons and the last message of a recorded conversation."""

from __future__ import annotations

from typing import Any

from aiogram.methods import (
    EditMessageText,
    SendMessage,
)

from bot.telegram.client import as_plain_text


def plain(requests: list[Any]) -> str:
    return "\n".join(as_plain_text(text) for text in texts(requests))


def buttons(request: Any) -> list[tuple[str, str]]:
    markup = getattr(request, "reply_markup", None)
    if markup is None:
        return []
    return [(b.text, b.callback_data) for row in markup.inline_keyboard for b in row]


def last_message(requests: list[Any]) -> Any:
    return [r for r in requests if isinstance(r, SendMessage | EditMessageText)][-1]


def texts(requests: list[Any]) -> list[str]:
    return [r.text for r in requests if isinstance(r, SendMessage | EditMessageText)]
