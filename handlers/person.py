"""/person: role, country and the events a person took part in."""

from __future__ import annotations

from aiogram import Router
from aiogram.types import Message

from bot.briefings import person_lookup
from bot.directory import Directory
from bot.i18n import Translator
from bot.render import cards
from handlers.filters import command_filter
from handlers.replies import answer_lookup
from store.db import Session


async def person(
    message: Message,
    query: str,
    session: Session,
    directory: Directory,
    t: Translator,
) -> None:
    await answer_lookup(
        message,
        query,
        t,
        directory,
        lambda query: person_lookup(directory, session, query),
        cards.person_result,
    )


def create_router() -> Router:
    router = Router(name=__name__)
    router.message(*command_filter("person"))(person)
    return router
