"""Under a country card: its sections."""

from __future__ import annotations

from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup
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
    t: Translator,
    iso2: str,
    present: frozenset[str],
    admin: bool = False,
    share_url: str | None = None,
) -> InlineKeyboardMarkup:
    """The card's sections that have content, a link others can open it with, and for
    admins the facts to correct."""
    builder = InlineKeyboardBuilder()
    for section in [s for s in CARD_SECTIONS if s in present]:
        builder.button(
            text=t(f"button-{section}"), callback_data=SectionButton(country=iso2, section=section)
        )
    builder.adjust(3)
    if share_url:
        builder.row(InlineKeyboardButton(text=t("button-share"), url=share_url))
    if admin:
        fix = SectionButton(country=iso2, section=FIX_SECTION).pack()
        builder.row(InlineKeyboardButton(text=t(f"button-{FIX_SECTION}"), callback_data=fix))
    return builder.as_markup()


def share_link(bot_username: str | None, iso2: str) -> str | None:
    """`t.me/<bot>?start=TJ`: /start with a country code opens its card."""
    return f"https://t.me/{bot_username}?start={iso2}" if bot_username else None
