"""Inline keyboards; every label comes from the locale files."""

from __future__ import annotations

from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.i18n import LANGUAGES, Translator
from bot.lists import PAGE_SIZE, Entry, ListKind, PageResult
from handlers.callback_data import LanguageButton, OpenButton, PageButton, SectionButton

CARD_SECTIONS = ("agreements", "timeline", "trade", "people", "sources", "subscribe")


def page_keyboard(t: Translator, result: PageResult) -> InlineKeyboardMarkup | None:
    builder = InlineKeyboardBuilder()
    if result.kind is ListKind.SEARCH:
        first = (result.page - 1) * PAGE_SIZE + 1
        for number, item in enumerate(result.items, start=first):
            if isinstance(item, Entry):
                builder.button(
                    text=str(number), callback_data=OpenButton(kind=item.kind, id=item.fact_id)
                )
        builder.adjust(PAGE_SIZE // 2)
    if result.pages > 1 and result.view_id is not None:
        navigation = []
        if result.page > 1:
            navigation.append(
                InlineKeyboardButton(
                    text=t("button-prev"),
                    callback_data=PageButton(view=result.view_id, page=result.page - 1).pack(),
                )
            )
        navigation.append(
            InlineKeyboardButton(
                text=f"{result.page}/{result.pages}",
                callback_data=PageButton(view=result.view_id, page=result.page).pack(),
            )
        )
        if result.page < result.pages:
            navigation.append(
                InlineKeyboardButton(
                    text=t("button-next"),
                    callback_data=PageButton(view=result.view_id, page=result.page + 1).pack(),
                )
            )
        builder.row(*navigation)
    markup = builder.as_markup()
    return markup if markup.inline_keyboard else None


def card_keyboard(t: Translator, iso2: str) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    for section in CARD_SECTIONS:
        builder.button(
            text=t(f"button-{section}"), callback_data=SectionButton(country=iso2, section=section)
        )
    builder.adjust(3, 3)
    return builder.as_markup()


def language_keyboard(t: Translator) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    for language in LANGUAGES:
        builder.button(
            text=t(f"language-name-{language}"),
            callback_data=LanguageButton(language=language),
        )
    return builder.as_markup()
