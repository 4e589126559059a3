"""The fact-by-fact review of an upload preview: pages, drop / keep, corrections chosen
from a list or typed as a reply. Admins only; the draft lives in the admin's own FSM
state, so a press carrying another draft's token (another admin's, an old preview's, a
forged one) finds nothing to change."""

from __future__ import annotations

from contextlib import suppress
from typing import Any

from aiogram import F, Router
from aiogram.exceptions import TelegramBadRequest
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message

from bot.corrections import CorrectionError
from bot.directory import Directory
from bot.drafts import Draft, draft_from_state, draft_to_state
from bot.i18n import Translator
from bot.render import upload
from bot.review import choices_at, choose, correct, fields_at, toggle
from handlers.callback_data import ReviewButton
from handlers.filters import IsAdmin, command_filter
from handlers.flows import FEED_ITEM, UploadFlow
from handlers.keyboards.uploads import (
    choices_keyboard,
    correction_cancel_keyboard,
    fields_keyboard,
    review_keyboard,
)
from handlers.views import names


async def _pending(state: FSMContext, token: str) -> Draft | None:
    draft = draft_from_state((await state.get_data()).get("draft"))
    return draft if draft is not None and draft.token == token else None


async def _save(state: FSMContext, draft: Draft, **more: Any) -> None:
    # a draft from the review queue keeps its item, so Publish can settle it
    item = (await state.get_data()).get(FEED_ITEM)
    kept = {FEED_ITEM: item} if item is not None else {}
    await state.set_data({"draft": draft_to_state(draft), **kept, **more})


async def _redraw(
    message: Message, draft: Draft, page: int, directory: Directory, t: Translator
) -> None:
    text = upload.review_page(t, draft, page, names(directory, t))
    # an identical redraw (a double press) is not an error worth showing
    with suppress(TelegramBadRequest):
        await message.edit_text(text, reply_markup=review_keyboard(t, draft, page))


async def review_pressed(
    callback: CallbackQuery,
    callback_data: ReviewButton,
    state: FSMContext,
    directory: Directory,
    t: Translator,
) -> None:
    draft = await _pending(state, callback_data.token)
    message = callback.message
    if draft is None or not isinstance(message, Message):
        await callback.answer(t("upload-nothing-pending"), show_alert=True)
        return
    page = min(callback_data.page, upload.review_pages(draft) - 1)
    try:
        await _act(callback, callback_data, message, draft, page, state, directory, t)
    except CorrectionError as error:
        await callback.answer(upload.correction_error(t, error), show_alert=True)


async def _act(
    callback: CallbackQuery,
    data: ReviewButton,
    message: Message,
    draft: Draft,
    page: int,
    state: FSMContext,
    directory: Directory,
    t: Translator,
) -> None:
    number, action = data.number, data.action
    if action == "page":
        await callback.answer()
        await _redraw(message, draft, page, directory, t)
    elif action == "toggle":
        draft = toggle(draft, number)
        await _save(state, draft)
        await callback.answer()
        await _redraw(message, draft, page, directory, t)
    elif action == "edit":
        fields_at(draft, number)
        await callback.answer(upload.field_question(t, number))
        await message.edit_reply_markup(reply_markup=fields_keyboard(t, draft, number, page))
    elif action == "field" and data.field not in fields_at(draft, number):
        raise CorrectionError("no-such-field")
    elif action == "field" and choices_at(draft, number, data.field) is not None:
        await callback.answer()
        markup = choices_keyboard(t, draft, number, page, data.field)
        await message.edit_reply_markup(reply_markup=markup)
    elif action == "field":
        await callback.answer()
        await state.set_state(UploadFlow.correcting)
        editing = {"number": number, "field": data.field, "page": page}
        await _save(state, draft, editing=editing)
        # the page gets its own buttons back: the answer comes as a new page below
        await message.edit_reply_markup(reply_markup=review_keyboard(t, draft, page))
        await message.answer(
            upload.correction_prompt(t, number, data.field),
            reply_markup=correction_cancel_keyboard(t, draft),
        )
    elif action == "cancel":
        if await state.get_state() == UploadFlow.correcting.state:
            await state.set_state(UploadFlow.preview)
            await _save(state, draft)
        await callback.answer(t("review-correction-cancelled"))
        with suppress(TelegramBadRequest):
            await message.edit_reply_markup(reply_markup=None)
    elif action == "choose":
        draft = choose(draft, number, data.field, data.choice)
        await _save(state, draft)
        await callback.answer(t("review-corrected", number=number))
        await _redraw(message, draft, page, directory, t)
    else:
        await callback.answer(t("list-expired"), show_alert=True)


async def receive_correction(
    message: Message, state: FSMContext, directory: Directory, t: Translator
) -> None:
    """The typed value for the field being corrected: applied and the page sent again, or
    a clear reason and the same question still open (/cancel leaves it)."""
    data = await state.get_data()
    draft = draft_from_state(data.get("draft"))
    editing = data.get("editing")
    if draft is None or not isinstance(editing, dict):
        await state.clear()
        await message.answer(t("upload-nothing-pending"))
        return

    def resolve(text: str) -> tuple[str, ...]:
        return directory.countries.resolve(text, whole_only=True).codes

    try:
        draft = correct(draft, editing["number"], editing["field"], message.text or "", resolve)
    except CorrectionError as error:
        await message.answer(upload.correction_error(t, error) + "\n" + t("review-error-footer"))
        return
    page = int(editing.get("page", 0))
    await state.set_state(UploadFlow.preview)
    await _save(state, draft)
    await message.answer(
        upload.review_page(t, draft, page, names(directory, t)),
        reply_markup=review_keyboard(t, draft, page),
    )


async def cancel_correction(
    message: Message, state: FSMContext, directory: Directory, t: Translator
) -> None:
    """/cancel while a value is awaited ends only the correction: the page comes back."""
    data = await state.get_data()
    draft = draft_from_state(data.get("draft"))
    await state.set_state(UploadFlow.preview)
    if draft is None:
        await message.answer(t("upload-nothing-pending"))
        return
    editing = data.get("editing")
    page = int(editing.get("page", 0)) if isinstance(editing, dict) else 0
    await _save(state, draft)
    await message.answer(t("review-correction-cancelled"))
    await message.answer(
        upload.review_page(t, draft, page, names(directory, t)),
        reply_markup=review_keyboard(t, draft, page),
    )


def create_router() -> Router:
    router = Router(name=__name__)
    router.message.filter(IsAdmin())
    router.callback_query.filter(IsAdmin())
    router.callback_query(ReviewButton.filter())(review_pressed)
    router.message(UploadFlow.correcting, *command_filter("cancel"))(cancel_correction)
    router.message(UploadFlow.correcting, F.text, ~F.text.startswith("/"))(receive_correction)
    return router
