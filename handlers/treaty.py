"""/treaty: agreements by fuzzy title, or all of them, newest first; paged with buttons."""

from __future__ import annotations

from aiogram import Router
from aiogram.types import Message

from bot import lists
from bot.briefings import TreatyNotFound, page_request, treaty_search
from bot.directory import Directory
from bot.i18n import Translator
from bot.render import cards
from handlers.filters import command_filter
from handlers.replies import answer_all
from handlers.views import names, send_page
from store.db import Session


async def treaty(
    message: Message,
    query: str,
    session: Session,
    directory: Directory,
    t: Translator,
) -> None:
    page = page_request(query)
    if page is not None or not query:
        result = await lists.start_view(
            directory, session, message.chat.id, lists.ListKind.TREATIES, {"q": ""}, page or 1
        )
        await send_page(message, t, directory, result)
        return
    found = await treaty_search(directory, session, query)
    if isinstance(found, TreatyNotFound):
        await answer_all(message, cards.treaty_not_found(t, found, names(directory, t)))
        return
    await send_page(
        message,
        t,
        directory,
        await lists.start_view(
            directory, session, message.chat.id, lists.ListKind.TREATIES, {"q": query}
        ),
    )


def create_router() -> Router:
    router = Router(name=__name__)
    router.message(*command_filter("treaty", "treaties"))(treaty)
    return router
