"""Admin commands for digests: /digest_preview and /digest_stats. Numeric user ids from
ADMIN_IDS, private chats only; a message sent on behalf of a chat is never an admin."""

from __future__ import annotations

import datetime as dt

from aiogram import Router
from aiogram.types import Message

from bot.digest import manage
from bot.directory import Directory
from bot.i18n import Translator
from bot.render.subscriptions import stats
from handlers.filters import IsAdmin, command_filter
from handlers.replies import answer_all
from handlers.views import names
from store.db import Session


async def digest_preview(
    message: Message,
    query: str,
    session: Session,
    directory: Directory,
    t: Translator,
) -> None:
    argument = query.lstrip("#")
    subscription = await manage.subscription_to_preview(session, message.chat.id, argument)
    if subscription is None:
        await message.answer(t("digest-preview-none"))
        return
    language_names = names(directory, t)
    texts = await manage.preview(session, subscription, language_names, dt.datetime.now(dt.UTC))
    await answer_all(message, texts or [t("digest-preview-empty", id=str(subscription.id))])


async def digest_stats(message: Message, session: Session, t: Translator) -> None:
    await message.answer(stats(t, await manage.statistics(session)))


def create_router() -> Router:
    router = Router(name=__name__)
    router.message.filter(IsAdmin())  # everyone else meets handlers.refusals
    router.message(*command_filter("digest_preview"))(digest_preview)
    router.message(*command_filter("digest_stats"))(digest_stats)
    return router
