"""/treaty: agreements by fuzzy title, or all of them, newest first."""

from __future__ import annotations

from aiogram import Router
from aiogram.filters import CommandObject
from aiogram.types import Message
from sqlalchemy.ext.asyncio import AsyncSession

from bot import render
from bot.briefings import Directory, treaty_search
from bot.i18n import Translator
from handlers.filters import command_filter
from handlers.replies import answer_lookup


async def treaty(
    message: Message,
    command: CommandObject,
    session: AsyncSession,
    directory: Directory,
    t: Translator,
) -> None:
    await answer_lookup(
        message,
        command.args,
        t,
        directory,
        lambda query: treaty_search(directory, session, query),
        render.treaty_result,
    )


def create_router() -> Router:
    router = Router(name=__name__)
    router.message(*command_filter("treaty", "treaties"))(treaty)
    return router
