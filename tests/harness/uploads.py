"""What upload tests build: an admin's documents and the preview's buttons."""

from __future__ import annotations

import datetime as dt
import itertools

from aiogram.methods import AnswerCallbackQuery, EditMessageText, SendMessage
from aiogram.types import Chat, Document, Message, Update, User

from bot.telegram.client import NoSuchButton, as_plain_text
from tests.harness import Harness

ADMIN = 42
OTHER_ADMIN = 43


def document_update(
    harness: Harness,
    content: bytes,
    name: str,
    *,
    user_id: int = ADMIN,
    chat_type: str = "private",
    size: int | None = None,
) -> Update:
    file_id = f"file{next(update_ids)}"
    harness.session.files[file_id] = content
    user = User(id=user_id, is_bot=False, first_name="Admin", language_code="ru")
    chat = Chat(id=user_id if chat_type == "private" else -100500, type=chat_type)
    return Update(
        update_id=next(update_ids),
        message=Message(
            message_id=next(update_ids),
            date=dt.datetime.now(dt.UTC),
            chat=chat,
            from_user=user,
            document=Document(
                file_id=file_id,
                file_unique_id=file_id,
                file_name=name,
                file_size=len(content) if size is None else size,
            ),
        ),
    )


def sent_texts(requests: list[object]) -> list[str]:
    return [r.text for r in requests if isinstance(r, SendMessage)]


def shown(requests: list[object]) -> str:
    """Every text sent or edited in, as the user reads it."""
    return as_plain_text("\n".join(getattr(r, "text", None) or "" for r in requests))


def alerts(requests: list[object]) -> list[str]:
    """The texts of the answers to button presses (toasts and alerts)."""
    return [r.text or "" for r in requests if isinstance(r, AnswerCallbackQuery)]


def upload_button(requests: list[object], action: str) -> str:
    for request in requests:
        markup = getattr(request, "reply_markup", None)
        for row in getattr(markup, "inline_keyboard", []) or []:
            for button in row:
                if button.callback_data and button.callback_data.startswith(f"u1:{action}:"):
                    return str(button.callback_data)
    raise AssertionError(f"no {action} button")


async def review_pages(harness: Harness, *, user_id: int = ADMIN) -> list[str]:
    """The texts of every page of the review after the first, pressing ▶ until the last."""
    pages: list[str] = []
    for _ in range(100):
        try:
            answer = await harness.click("▶", user_id=user_id)
        except NoSuchButton:
            break
        edits = [r.text or "" for r in answer if isinstance(r, EditMessageText)]
        if not edits:
            break
        pages.extend(edits)
    return pages


update_ids = itertools.count(50_000)
