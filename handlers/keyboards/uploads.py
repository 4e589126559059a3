"""The upload preview's decision and the /articles pager."""

from __future__ import annotations

from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

from bot.i18n import Translator
from handlers.callback_data import ArticlesPage, UploadButton


def decision_keyboard(t: Translator, token: str) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        inline_keyboard=[
            [
                InlineKeyboardButton(
                    text=t("upload-button-publish"),
                    callback_data=UploadButton(action="publish", token=token).pack(),
                ),
                InlineKeyboardButton(
                    text=t("upload-button-discard"),
                    callback_data=UploadButton(action="discard", token=token).pack(),
                ),
            ]
        ]
    )


def waiting_keyboard(t: Translator) -> InlineKeyboardMarkup:
    """Under the /upload prompt: a way out without typing /cancel."""
    cancel = UploadButton(action="cancel", token="-").pack()
    return InlineKeyboardMarkup(
        inline_keyboard=[
            [InlineKeyboardButton(text=t("upload-button-cancel"), callback_data=cancel)]
        ]
    )


def articles_pager(page: int, pages: int) -> InlineKeyboardMarkup | None:
    buttons = []
    if page > 0:
        buttons.append(
            InlineKeyboardButton(text="◀", callback_data=ArticlesPage(page=page - 1).pack())
        )
    if page + 1 < pages:
        buttons.append(
            InlineKeyboardButton(text="▶", callback_data=ArticlesPage(page=page + 1).pack())
        )
    return InlineKeyboardMarkup(inline_keyboard=[buttons]) if buttons else None
