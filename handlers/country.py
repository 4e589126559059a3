"""/country: the relations card."""

from __future__ import annotations

from aiogram import Router
from aiogram.types import Message

from bot.directory import Directory
from bot.i18n import Translator
from handlers.filters import command_filter
from handlers.views import send_card
from store.db import Session


async def country(
    message: Message,
    query: str,
    session: Session,
    directory: Directory,
    t: Translator,
) -> None:
    await send_card(message, session, directory, t, query)


def create_router() -> Router:
    router = Router(name=__name__)
    router.message(*command_filter("country"))(country)
    return router
