"""Under a country card: its sections."""

from __future__ import annotations

from aiogram.types import InlineKeyboardMarkup
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.i18n import Translator
from handlers.callback_data import SectionButton

CARD_SECTIONS = ("agreements", "timeline", "trade", "people", "sources", "subscribe")


def card_keyboard(t: Translator, iso2: str) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    for section in CARD_SECTIONS:
        builder.button(
            text=t(f"button-{section}"), callback_data=SectionButton(country=iso2, section=section)
        )
    builder.adjust(3, 3)
    return builder.as_markup()
