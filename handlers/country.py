"""/country: the relations card."""

from __future__ import annotations

from aiogram import Router
from aiogram.filters import CommandObject
from aiogram.types import Message
from sqlalchemy.ext.asyncio import AsyncSession

from bot.directory import Directory
from bot.i18n import Translator
from handlers.filters import command_filter
from handlers.replies import read_query
from handlers.views import send_card


async def country(
    message: Message,
    command: CommandObject,
    session: AsyncSession,
    directory: Directory,
    t: Translator,
) -> None:
    query = await read_query(message, command.args, t)
    await send_card(message, session, directory, t, query)


def create_router() -> Router:
    router = Router(name=__name__)
    router.message(*command_filter("country"))(country)
    return router
