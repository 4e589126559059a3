"""Every button press: page through a list, open a search result, open a section of a
country card. Anything unparseable, forged, stale or from an older layout is answered
"this list has expired" rather than failing."""

from __future__ import annotations

from aiogram import Router
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message

from bot import lists
from bot.config import Settings
from bot.directory import Directory
from bot.fixes import FIXABLE_KINDS, card_facts
from bot.i18n import Translator
from bot.render import lists as render_lists
from bot.render.fixes import card_facts as render_card_facts
from handlers.callback_data import OpenButton, PageButton, SectionButton
from handlers.filters import IsAdmin
from handlers.keyboards.cards import FIX_SECTION
from handlers.keyboards.fixes import found_facts_keyboard, open_fix_keyboard
from handlers.replies import answer_all
from handlers.views import (
    chat_of,
    edit_page,
    names,
    send_page,
    send_trade,
    start_subscribe_flow,
)
from store.db import Session


async def turn_page(
    callback: CallbackQuery,
    callback_data: PageButton,
    session: Session,
    directory: Directory,
    t: Translator,
) -> None:
    result = await lists.open_page(
        directory, session, chat_of(callback), callback_data.view, callback_data.page
    )
    if isinstance(result, lists.Expired):
        await callback.answer(t("list-expired"), show_alert=True)
        return
    if isinstance(result, lists.SearchNotReady):
        await callback.answer(t("search-warming"), show_alert=True)
        return
    await callback.answer()
    await edit_page(callback, t, directory, result)


async def open_result(
    callback: CallbackQuery,
    callback_data: OpenButton,
    session: Session,
    directory: Directory,
    settings: Settings,
    t: Translator,
) -> None:
    await callback.answer()
    if not isinstance(callback.message, Message):
        return
    kind, item_id = callback_data.kind, callback_data.id
    item = await lists.open_item(session, kind, item_id)
    # an admin can correct what they opened; a list's person entry names the person, not
    # one of their roles, so people are corrected from /person's roles instead
    fixable = item is not None and kind in FIXABLE_KINDS
    markup = (
        open_fix_keyboard(t, kind, item_id)
        if fixable and await IsAdmin()(callback, settings)
        else None
    )
    await answer_all(
        callback.message, render_lists.item_details(t, item, names(directory, t)), markup
    )


async def _card_facts_to_fix(
    callback: CallbackQuery,
    iso2: str,
    session: Session,
    directory: Directory,
    settings: Settings,
    t: Translator,
) -> None:
    """Admins: the card's facts, each with a button that opens it for correction."""
    if not await IsAdmin()(callback, settings):
        await callback.answer(t("admin-only"), show_alert=True)
        return
    await callback.answer()
    found = await card_facts(session, iso2) if iso2 in directory.countries.records else []
    assert isinstance(callback.message, Message)
    await answer_all(
        callback.message,
        render_card_facts(t, iso2, found, names(directory, t)),
        found_facts_keyboard(t, found) if found else None,
    )


async def open_section(
    callback: CallbackQuery,
    callback_data: SectionButton,
    session: Session,
    directory: Directory,
    settings: Settings,
    state: FSMContext,
    t: Translator,
) -> None:
    name = names(directory, t)
    if callback_data.section == FIX_SECTION and isinstance(callback.message, Message):
        await _card_facts_to_fix(callback, callback_data.country, session, directory, settings, t)
        return
    if (
        callback_data.section == "subscribe"
        and isinstance(callback.message, Message)
        and callback_data.country in directory.countries.records
    ):
        await callback.answer()
        await start_subscribe_flow(
            callback.message, state, session, directory, t, callback_data.country
        )
        return
    result = await lists.country_section(
        directory,
        session,
        chat_of(callback),
        callback_data.country,
        callback_data.section,
        lambda iso2: render_lists.chart_labels(t, iso2, name),
    )
    if isinstance(result, lists.Expired) or not isinstance(callback.message, Message):
        await callback.answer(t("list-expired"), show_alert=True)
        return
    await callback.answer()
    if isinstance(result, lists.TradeReport):
        await send_trade(callback.message, t, directory, result)
    else:
        await send_page(callback.message, t, directory, result)


async def expired(callback: CallbackQuery, t: Translator) -> None:
    await callback.answer(t("list-expired"), show_alert=True)


def create_router() -> Router:
    router = Router(name=__name__)
    router.callback_query(PageButton.filter())(turn_page)
    router.callback_query(OpenButton.filter())(open_result)
    router.callback_query(SectionButton.filter())(open_section)
    router.callback_query()(expired)  # last: whatever the others did not recognise
    return router
