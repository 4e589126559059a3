"""/search, and plain text in a private chat: a country opens its card, anything else is
searched."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.types import Message

from bot import lists
from bot.briefings import clean_query, is_small_talk
from bot.config import Settings
from bot.directory import Directory
from bot.i18n import Translator
from handlers.filters import command_filter, is_admin
from handlers.views import send_card, send_page
from store.db import Session


async def search(
    message: Message,
    query: str,
    session: Session,
    directory: Directory,
    t: Translator,
) -> None:
    if not query:
        await message.answer(t("search-usage"))
        return
    await _send_results(
        message, t, directory, await lists.search(directory, session, message.chat.id, query)
    )


async def _send_results(
    message: Message,
    t: Translator,
    directory: Directory,
    result: lists.PageResult | lists.SearchNotReady,
) -> None:
    if isinstance(result, lists.SearchNotReady):
        await message.answer(t("search-warming"))
    else:
        await send_page(message, t, directory, result)


async def plain_text(
    message: Message, session: Session, directory: Directory, settings: Settings, t: Translator
) -> None:
    query, _truncated = clean_query(message.text)
    if is_small_talk(query):
        await message.answer(t("small-talk"))
        return
    # Only the whole text naming a country opens a card: "визит в Душанбе" is a search.
    if directory.countries.resolve(query, whole_only=True).partner:
        await send_card(message, session, directory, t, query, is_admin(message, settings))
        return
    await _send_results(
        message, t, directory, await lists.search(directory, session, message.chat.id, query)
    )


def create_router() -> Router:
    router = Router(name=__name__)
    router.message(*command_filter("search", "find"))(search)
    router.message(F.chat.type == "private", F.text, ~F.text.startswith("/"))(plain_text)
    return router
