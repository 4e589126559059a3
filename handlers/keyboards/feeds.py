"""Under /feeds and /queue."""

from __future__ import annotations

from collections.abc import Sequence

from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

from bot.i18n import Translator
from handlers.callback_data import FeedButton, QueueButton
from store.dto import ItemInfo, SourceInfo


def _button(text: str, data: FeedButton | QueueButton) -> InlineKeyboardButton:
    return InlineKeyboardButton(text=text, callback_data=data.pack())


def sources_keyboard(t: Translator, sources: Sequence[SourceInfo]) -> InlineKeyboardMarkup | None:
    rows = []
    for source in sources:
        toggle = "resume" if not source.active else "pause"
        rows.append(
            [
                _button(
                    t(f"button-feed-{toggle}", id=str(source.id)),
                    FeedButton(action=toggle, id=source.id),
                ),
                _button(
                    t("button-feed-remove", id=str(source.id)),
                    FeedButton(action="remove", id=source.id),
                ),
            ]
        )
    return InlineKeyboardMarkup(inline_keyboard=rows) if rows else None


def removed_keyboard(t: Translator, source_id: int) -> InlineKeyboardMarkup:
    undo = FeedButton(action="undo", id=source_id)
    return InlineKeyboardMarkup(inline_keyboard=[[_button(t("button-undo"), undo)]])


def queue_keyboard(t: Translator, items: Sequence[ItemInfo]) -> InlineKeyboardMarkup | None:
    rows = [
        [
            _button(
                t("button-queue-open", id=str(item.id)), QueueButton(action="open", id=item.id)
            ),
            _button(
                t("button-queue-skip", id=str(item.id)), QueueButton(action="skip", id=item.id)
            ),
        ]
        for item in items
    ]
    return InlineKeyboardMarkup(inline_keyboard=rows) if rows else None
