"""The upload preview's decision, the retraction confirmation and the /articles pager."""

from __future__ import annotations

from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

from bot.i18n import Translator
from handlers.callback_data import ArticlesPage, RetractButton, UploadButton


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


def retract_keyboard(t: Translator, article_id: int, step: str) -> InlineKeyboardMarkup:
    """`step`: confirm (an upload) | continue (a curated article's first step) | curated
    (its second, explicit one)."""
    return InlineKeyboardMarkup(
        inline_keyboard=[
            [
                InlineKeyboardButton(
                    text=t(f"retract-button-{step}"),
                    callback_data=RetractButton(action=step, article=article_id).pack(),
                ),
                InlineKeyboardButton(
                    text=t("retract-button-cancel"),
                    callback_data=RetractButton(action="cancel", article=article_id).pack(),
                ),
            ]
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
