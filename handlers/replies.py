"""How a command's reply goes out: read the argument, call a service, render, answer."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from typing import TypeVar

from aiogram.types import LinkPreviewOptions, Message

from bot.directory import Directory
from bot.i18n import Translator
from bot.render.facts import CountryName

Result = TypeVar("Result")


async def answer_all(message: Message, texts: Sequence[str]) -> None:
    for text in texts:
        await message.answer(text, link_preview_options=LinkPreviewOptions(is_disabled=True))


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
