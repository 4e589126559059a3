"""/country: the relations card."""

from __future__ import annotations

from aiogram import Router
from aiogram.types import Message

from bot.config import Settings
from bot.directory import Directory
from bot.i18n import Translator
from handlers.filters import command_filter, is_admin
from handlers.views import send_card
from store.db import Session


async def country(
    message: Message,
    query: str,
    session: Session,
    directory: Directory,
    settings: Settings,
    t: Translator,
) -> None:
    await send_card(message, session, directory, t, query, is_admin(message, settings))


def create_router() -> Router:
    router = Router(name=__name__)
    router.message(*command_filter("country"))(country)
    return router
