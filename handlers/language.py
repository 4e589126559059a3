"""/lang: choose the interface language; the choice is remembered."""

from __future__ import annotations

from aiogram import Router
from aiogram.types import CallbackQuery, Message

from bot.i18n import LANGUAGES, translator
from bot.i18n import Translator as TranslatorType
from bot.preferences import remember_language
from handlers.callback_data import LanguageButton
from handlers.filters import command_filter
from handlers.keyboards.language import language_keyboard
from store.db import Session


async def lang(message: Message, query: str, session: Session, t: TranslatorType) -> None:
    choice = query.lower()[:10]
    if not choice:
        await message.answer(t("lang-current"), reply_markup=language_keyboard(t))
    elif choice in LANGUAGES and message.from_user is not None:
        await remember_language(session, message.from_user.id, choice)
        await message.answer(translator(choice)("lang-set"))
    else:
        await message.answer(t("lang-unknown"))


async def lang_button(
    callback: CallbackQuery, callback_data: LanguageButton, session: Session, t: TranslatorType
) -> None:
    if callback_data.language not in LANGUAGES:
        await callback.answer(t("lang-unknown"), show_alert=True)
        return
    await remember_language(session, callback.from_user.id, callback_data.language)
    chosen = translator(callback_data.language)
    await callback.answer(chosen("lang-set"))
    if isinstance(callback.message, Message):
        await callback.message.answer(chosen("lang-set"))


def create_router() -> Router:
    router = Router(name=__name__)
    router.message(*command_filter("lang", "language"))(lang)
    router.callback_query(LanguageButton.filter())(lang_button)
    return router
