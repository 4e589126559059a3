"""Admins correct published facts: `/fix e12` (or the button under a search result or list
entry an admin opens) shows the fact with its sources; buttons change a field, hide or
show the fact, detach or reattach one source. Every press names the revision it was made
on: if the fact changed meanwhile (another admin), the press is refused and the fresh
fact shown, so a change is never applied to a fact the admin did not see."""

from __future__ import annotations

from contextlib import suppress
from typing import Any

from aiogram import F, Router
from aiogram.exceptions import TelegramBadRequest
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message

from bot import fixes
from bot.corrections import CorrectionError, choices
from bot.directory import Directory
from bot.i18n import Translator
from bot.render import fixes as render
from bot.render.upload import correction_error
from handlers.callback_data import FixButton
from handlers.filters import IsAdmin, command_filter
from handlers.flows import FixFlow
from handlers.keyboards.fixes import (
    fix_cancel_keyboard,
    fix_choices_keyboard,
    fix_keyboard,
    found_facts_keyboard,
)
from handlers.replies import answer_all
from handlers.views import names
from store.db import Session
from store.dto import FixableFact


async def fix_command(
    message: Message, query: str, session: Session, directory: Directory, t: Translator
) -> None:
    ref = fixes.parse_ref(query)
    if ref is None and query:
        found = await fixes.find_facts(directory, session, query)
        await answer_all(
            message,
            render.found_facts(t, query, found, names(directory, t)),
            found_facts_keyboard(t, found) if found else None,
        )
        return
    if ref is None:
        await message.answer(t("fix-usage"))
        return
    fact = await fixes.open_fact(session, *ref)
    if fact is None:
        await message.answer(t("fix-not-found", ref=fixes.ref_of(*ref)))
        return
    await _show(message, fact, directory, t)


async def _show(message: Message, fact: FixableFact, directory: Directory, t: Translator) -> None:
    await message.answer(
        render.fix_card(t, fact, names(directory, t)), reply_markup=fix_keyboard(t, fact)
    )


async def _redraw(message: Message, fact: FixableFact, directory: Directory, t: Translator) -> None:
    with suppress(TelegramBadRequest):  # unchanged text (a double press) is no error
        await message.edit_text(
            render.fix_card(t, fact, names(directory, t)), reply_markup=fix_keyboard(t, fact)
        )


async def fix_pressed(
    callback: CallbackQuery,
    callback_data: FixButton,
    state: FSMContext,
    session: Session,
    directory: Directory,
    t: Translator,
) -> None:
    message = callback.message
    kind = fixes.KIND_LETTERS[callback_data.kind]
    fact = await fixes.open_fact(session, kind, callback_data.id)
    if fact is None or not isinstance(message, Message):
        await callback.answer(t("fix-not-found", ref=f"{callback_data.kind}{callback_data.id}"))
        return
    if callback_data.action == "open":
        await callback.answer()
        await _show(message, fact, directory, t)
        return
    if callback_data.action == "cancel":
        if await state.get_state() == FixFlow.correcting.state:
            await _leave(state)
        await callback.answer(t("fix-cancelled"))
        with suppress(TelegramBadRequest):
            await message.edit_reply_markup(reply_markup=None)
        return
    if fact.revision != callback_data.revision:
        await callback.answer(t("fix-stale"), show_alert=True)
        await _redraw(message, fact, directory, t)
        return
    try:
        changed = await _act(callback, callback_data, message, fact, session, state, directory, t)
    except CorrectionError as error:
        await callback.answer(correction_error(t, error), show_alert=True)
        return
    except fixes.StaleRevision:
        await callback.answer(t("fix-stale"), show_alert=True)
        changed = await fixes.open_fact(session, kind, fact.id)
    if changed is not None:
        await _redraw(message, changed, directory, t)


async def _act(
    callback: CallbackQuery,
    data: FixButton,
    message: Message,
    fact: FixableFact,
    session: Session,
    state: FSMContext,
    directory: Directory,
    t: Translator,
) -> FixableFact | None:
    """Carries out one press; returns the fact to redraw, or None when nothing is to be
    redrawn (a list of choices shown, a typed value asked for)."""
    user_id, action = callback.from_user.id, data.action
    if action in {"hide", "show"}:
        await callback.answer(t("fix-done"))
        return await fixes.set_hidden(session, directory, fact, action == "hide", user_id)
    if action in {"detach", "attach"}:
        await callback.answer(t("fix-done"))
        return await fixes.set_source_detached(
            session, directory, fact, data.evidence, action == "detach", user_id
        )
    if action == "choose":
        value = fixes.chosen_value(fact.kind, data.field, data.choice)
        await callback.answer(t("fix-done"))
        return await fixes.change_field(session, directory, fact, data.field, value, user_id)
    if action == "field" and data.field in fixes.FIELDS[fact.kind]:
        await callback.answer()
        if choices(fact.kind, data.field) is not None:
            await message.edit_reply_markup(reply_markup=fix_choices_keyboard(t, fact, data.field))
        else:
            await _ask_for_value(message, fact, data.field, state, t)
        return None
    raise CorrectionError("no-such-field")


async def _ask_for_value(
    message: Message, fact: FixableFact, field: str, state: FSMContext, t: Translator
) -> None:
    # an upload preview may be waiting in the same chat: it resumes after the correction
    resume = await state.get_state()
    fixing = {"kind": fact.kind, "id": fact.id, "revision": fact.revision, "field": field}
    await state.update_data(fixing=fixing, fix_resume=resume)
    await state.set_state(FixFlow.correcting)
    await message.answer(
        render.fix_prompt(t, fact, field), reply_markup=fix_cancel_keyboard(t, fact)
    )


async def receive_value(
    message: Message, state: FSMContext, session: Session, directory: Directory, t: Translator
) -> None:
    """The typed value for the field being corrected: applied and the fact shown again, or
    a clear reason and the same question still open (/cancel leaves it)."""
    fixing = (await state.get_data()).get("fixing")
    if not isinstance(fixing, dict):
        await _leave(state)
        await message.answer(t("fix-nothing-pending"))
        return

    def resolve(text: str) -> tuple[str, ...]:
        return directory.countries.resolve(text, whole_only=True).codes

    kind, field = str(fixing["kind"]), str(fixing["field"])
    try:
        value = fixes.typed_value(kind, field, message.text or "", resolve)
    except CorrectionError as error:
        await message.answer(correction_error(t, error) + "\n" + t("review-error-footer"))
        return
    fact = await fixes.open_fact(session, kind, int(fixing["id"]))
    await _leave(state)
    if fact is None:
        await message.answer(t("fix-not-found", ref=fixes.ref_of(kind, int(fixing["id"]))))
        return
    user_id = message.from_user.id if message.from_user else 0
    try:
        if fact.revision != int(fixing["revision"]):
            raise fixes.StaleRevision
        fact = await fixes.change_field(session, directory, fact, field, value, user_id)
    except fixes.StaleRevision:
        await message.answer(t("fix-stale"))
    except CorrectionError as error:
        await message.answer(correction_error(t, error))
    await _show(message, await fixes.open_fact(session, kind, fact.id) or fact, directory, t)


async def cancel_value(message: Message, state: FSMContext, t: Translator) -> None:
    await _leave(state)
    await message.answer(t("fix-cancelled"))


async def _leave(state: FSMContext) -> None:
    data: dict[str, Any] = await state.get_data()
    resume = data.pop("fix_resume", None)
    data.pop("fixing", None)
    await state.set_data(data)
    await state.set_state(resume)


def create_router() -> Router:
    router = Router(name=__name__)
    router.message.filter(IsAdmin())
    router.callback_query.filter(IsAdmin())
    router.message(*command_filter("fix"))(fix_command)
    router.callback_query(FixButton.filter())(fix_pressed)
    router.message(FixFlow.correcting, *command_filter("cancel"))(cancel_value)
    router.message(FixFlow.correcting, F.text, ~F.text.startswith("/"))(receive_value)
    return router
