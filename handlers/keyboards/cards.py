"""Under a country card: its sections."""

from __future__ import annotations

from aiogram.types import InlineKeyboardMarkup
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.i18n import Translator
from handlers.callback_data import SectionButton

CARD_SECTIONS = ("agreements", "timeline", "trade", "people", "sources", "subscribe")


FIX_SECTION = "fix"  # admins: the card's facts, each with a button to correct it


def card_keyboard(t: Translator, iso2: str, admin: bool = False) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    sections = (*CARD_SECTIONS, FIX_SECTION) if admin else CARD_SECTIONS
    for section in sections:
        builder.button(
            text=t(f"button-{section}"), callback_data=SectionButton(country=iso2, section=section)
        )
    builder.adjust(3, 3, 1)
    return builder.as_markup()
