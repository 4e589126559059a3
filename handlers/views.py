"""Replies more than one router sends: pages, cards, trade reports, the subscription
flow's first step."""

from __future__ import annotations

from aiogram.exceptions import TelegramBadRequest
from aiogram.fsm.context import FSMContext
from aiogram.types import BufferedInputFile, CallbackQuery, InlineKeyboardMarkup, Message

from bot import lists
from bot.briefings import CountryFound, CountryResult, country_briefing
from bot.digest.flow import NONE_YET, FlowChoice
from bot.directory import Directory
from bot.drafts import Draft, draft_to_state
from bot.i18n import Translator
from bot.lists import PageResult, TradeReport
from bot.render import cards, upload
from bot.render import lists as render_lists
from bot.render import subscriptions as render_subscriptions
from bot.render.facts import CountryName
from handlers.flows import FEED_ITEM, UploadFlow, remember_flow, start_subscribe_setup
from handlers.keyboards.cards import card_keyboard, sections_with_content, share_link
from handlers.keyboards.lists import page_keyboard
from handlers.keyboards.subscriptions import flow_keyboard
from handlers.keyboards.uploads import review_keyboard
from handlers.replies import answer_all
from store.db import Session


def chat_of(callback: CallbackQuery) -> int:
    """The chat a button was pressed in; a button under an inline-mode message has none,
    and then the lists it opens belong to the person who pressed it."""
    if callback.message is not None:
        return callback.message.chat.id
    return callback.from_user.id


def names(directory: Directory, t: Translator) -> CountryName:
    return lambda code: directory.country_name(code, t.language)


async def send_page(
    message: Message, t: Translator, directory: Directory, result: PageResult
) -> None:
    await message.answer(
        render_lists.page_text(t, result, names(directory, t)),
        reply_markup=page_keyboard(t, result),
    )


async def edit_page(
    callback: CallbackQuery, t: Translator, directory: Directory, result: PageResult
) -> None:
    text = render_lists.page_text(t, result, names(directory, t))
    keyboard = page_keyboard(t, result)
    message = callback.message
    if isinstance(message, Message):
        try:
            await message.edit_text(text, reply_markup=keyboard)
            return
        except TelegramBadRequest as error:
            if "message is not modified" in str(error):
                return  # the same page pressed again
            # too old to edit, or deleted: fall through and send it anew
    if callback.message is not None and callback.bot is not None:
        await callback.bot.send_message(callback.message.chat.id, text, reply_markup=keyboard)


async def send_trade(
    message: Message, t: Translator, directory: Directory, report: TradeReport
) -> None:
    name = names(directory, t)
    if report.chart is not None:
        await message.answer_photo(
            BufferedInputFile(report.chart, filename=f"trade-{report.iso2}.png"),
            caption=render_lists.trade_caption(t, report.iso2, name),
        )
    await answer_all(message, render_lists.trade_report(t, report, name))


def _rendered_result(directory: Directory, t: Translator, result: CountryResult) -> list[str]:
    if not isinstance(result, CountryFound):
        return cards.country_result(t, result, names(directory, t))
    key = ("html", result.card.country.iso2, t.language, result.version)
    texts = directory.cards.get(key)
    if not isinstance(texts, list):
        texts = cards.country_result(t, result, names(directory, t))
        directory.cards.put(key, texts)
    return texts


async def send_card(
    message: Message,
    session: Session,
    directory: Directory,
    t: Translator,
    query: str,
    admin: bool = False,
) -> None:
    if not query:
        await send_page(
            message,
            t,
            directory,
            await lists.start_view(
                directory, session, message.chat.id, lists.ListKind.COUNTRIES, {}
            ),
        )
        return
    result = await country_briefing(directory, session, query)
    texts = _rendered_result(directory, t, result)
    if result.kind == "card":
        await answer_all(message, texts[:-1])
        card = result.card
        iso2 = card.country.iso2
        me = await message.bot.me() if message.bot else None
        share = share_link(me.username if me else None, iso2)
        keyboard = card_keyboard(t, iso2, sections_with_content(card), admin, share)
        await message.answer(texts[-1], reply_markup=keyboard)
    else:
        await answer_all(message, texts)


async def send_preview(
    message: Message,
    state: FSMContext,
    draft: Draft,
    directory: Directory,
    t: Translator,
    feed_item: int | None = None,
) -> None:
    """A draft in review: its header, then its first page of facts with their controls.
    From the review queue, the draft remembers its feed item for Publish to settle."""
    await state.set_state(UploadFlow.preview)
    data: dict[str, object] = {"draft": draft_to_state(draft)}
    if feed_item is not None:
        data[FEED_ITEM] = feed_item
    await state.set_data(data)
    country_name = names(directory, t)
    await message.answer(upload.preview_header(t, draft, country_name))
    await message.answer(
        upload.review_page(t, draft, 0, country_name), reply_markup=review_keyboard(t, draft, 0)
    )


FLOW_OFFERED = 8  # countries offered as buttons in the guided /subscribe (best covered)


async def flow_step(
    session: Session, directory: Directory, t: Translator, choice: FlowChoice
) -> tuple[str, InlineKeyboardMarkup]:
    """The guided /subscribe's question for `choice`, with its buttons."""
    offered = (await lists.countries_with_data(session))[:FLOW_OFFERED]
    name = names(directory, t)
    return render_subscriptions.flow_prompt(t, choice, name), flow_keyboard(
        t, choice, offered, name
    )


async def start_subscribe_flow(
    message: Message,
    state: FSMContext,
    session: Session,
    directory: Directory,
    t: Translator,
    iso2: str | None = None,
) -> None:
    """/subscribe alone, or the card's "Subscribe" button with its country chosen."""
    choice = FlowChoice(countries=iso2 or NONE_YET)
    text, keyboard = await flow_step(session, directory, t, choice)
    shown = await message.answer(text, reply_markup=keyboard)
    await start_subscribe_setup(state, shown.message_id)
    await remember_flow(state, choice)
