"""Under a paged list: numbered "open" buttons for search results, and ◀ / page / ▶."""

from __future__ import annotations

from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.i18n import Translator
from bot.lists import PAGE_SIZE, Entry, ListKind, PageResult
from handlers.callback_data import OpenButton, PageButton


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
