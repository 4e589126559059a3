"""Under a country card: its sections."""

from __future__ import annotations

from aiogram.types import InlineKeyboardMarkup
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.i18n import Translator
from handlers.callback_data import SectionButton
from store.dto import CountryCard

CARD_SECTIONS = ("agreements", "timeline", "trade", "people", "sources", "subscribe")


FIX_SECTION = "fix"  # admins: the card's facts, each with a button to correct it


def sections_with_content(card: CountryCard) -> frozenset[str]:
    """A section button only where pressing it shows something (Subscribe always does)."""
    present = {
        "agreements": card.agreements_total > 0,
        "timeline": card.events_total > 0 or card.agreements_total > 0,
        "trade": card.trade_total > 0,
        "people": bool(card.people),
        "sources": card.sources_total > 0,
        "subscribe": True,
    }
    return frozenset(section for section, shown in present.items() if shown)


def card_keyboard(
    t: Translator, iso2: str, present: frozenset[str], admin: bool = False
) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    sections = [s for s in CARD_SECTIONS if s in present] + ([FIX_SECTION] if admin else [])
    for section in sections:
        builder.button(
            text=t(f"button-{section}"), callback_data=SectionButton(country=iso2, section=section)
        )
    builder.adjust(3, 3, 1)
    return builder.as_markup()
