"""Admin commands and admin buttons from anyone who is not an admin: a polite refusal,
nothing done. The admin routers (admin, uploads) filter once, on the router; whatever
they let through lands here."""

from __future__ import annotations

from aiogram import Router
from aiogram.types import CallbackQuery, Message

from bot.commands import ADMIN_COMMANDS
from bot.i18n import Translator
from handlers.callback_data import (
    ArticlesPage,
    FeedButton,
    FixButton,
    QueueButton,
    RetractButton,
    ReviewButton,
    UploadButton,
)
from handlers.filters import command_filter


async def refuse(message: Message, t: Translator) -> None:
    await message.answer(t("admin-only"))


async def refuse_button(callback: CallbackQuery, t: Translator) -> None:
    await callback.answer(t("admin-only"), show_alert=True)


def create_router() -> Router:
    router = Router(name=__name__)
    router.message(*command_filter(*ADMIN_COMMANDS))(refuse)
    router.callback_query(UploadButton.filter())(refuse_button)
    router.callback_query(ArticlesPage.filter())(refuse_button)
    router.callback_query(RetractButton.filter())(refuse_button)
    router.callback_query(ReviewButton.filter())(refuse_button)
    router.callback_query(FixButton.filter())(refuse_button)
    router.callback_query(FeedButton.filter())(refuse_button)
    router.callback_query(QueueButton.filter())(refuse_button)
    return router
