"""Sending rendered replies: one place that knows how a list of messages goes out."""

from __future__ import annotations

from collections.abc import Sequence

from aiogram.types import LinkPreviewOptions, Message

from bot.briefings import QUERY_LIMIT, clean_query
from bot.i18n import Translator


async def answer_all(message: Message, texts: Sequence[str]) -> None:
    for text in texts:
        await message.answer(text, link_preview_options=LinkPreviewOptions(is_disabled=True))


async def read_query(message: Message, raw: str | None, t: Translator) -> str:
    """The command's argument, cut to size; the user is told when it was cut."""
    query, truncated = clean_query(raw)
    if truncated:
        await message.answer(t("query-truncated", limit=str(QUERY_LIMIT)))
    return query
