"""The /lang choice."""

from __future__ import annotations

from aiogram.types import InlineKeyboardMarkup
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.i18n import LANGUAGES, Translator
from handlers.callback_data import LanguageButton


def language_keyboard(t: Translator) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    for language in LANGUAGES:
        builder.button(
            text=t(f"language-name-{language}"),
            callback_data=LanguageButton(language=language),
        )
    return builder.as_markup()
