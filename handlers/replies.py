"""How a command's reply goes out: read the argument, call a service, render, answer."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from typing import TypeVar

from aiogram.types import InlineKeyboardMarkup, LinkPreviewOptions, Message

from bot.directory import Directory
from bot.i18n import Translator
from bot.render.facts import CountryName

Result = TypeVar("Result")


async def answer_all(
    message: Message, texts: Sequence[str], last_markup: InlineKeyboardMarkup | None = None
) -> None:
    """Each text as one message; `last_markup` goes under the last of them."""
    for index, text in enumerate(texts):
        await message.answer(
            text,
            link_preview_options=LinkPreviewOptions(is_disabled=True),
            reply_markup=last_markup if index == len(texts) - 1 else None,
        )


async def answer_lookup(
    message: Message,
    query: str,
    t: Translator,
    directory: Directory,
    lookup: Callable[[str], Awaitable[Result]],
    renderer: Callable[[Translator, Result, CountryName], list[str]],
) -> None:
    result = await lookup(query)
    await answer_all(
        message, renderer(t, result, lambda code: directory.country_name(code, t.language))
    )
