"""/subscribe (one line, or a guided flow of buttons), /subscriptions with pause, resume,
time and delete buttons, /unsubscribe. In groups only administrators may change anything.
Removing asks first or offers Undo: the rows stay, switched off."""

from __future__ import annotations

import datetime as dt
from contextlib import suppress

from aiogram import Bot, Router
from aiogram.exceptions import TelegramBadRequest
from aiogram.filters import CommandObject
from aiogram.fsm.context import FSMContext
from aiogram.types import (
    CallbackQuery,
    InlineKeyboardMarkup,
    Message,
)

from bot.config import Settings
from bot.digest import manage
from bot.digest.parse import (
    INSTANT_TIME,
    Frequency,
    ParseProblem,
    SubscriptionRequest,
    parse_time,
)
from bot.directory import Directory
from bot.i18n import Translator
from bot.render.subscriptions import (
    describe,
    next_delivery,
    parse_problem,
    subscriptions_list,
    time_prompt,
)
from handlers.callback_data import (
    DigestButton,
    SubscribeFlow,
    SubscriptionAction,
    UnsubscribeButton,
)
from handlers.filters import command_filter
from handlers.flows import finish_subscribe_setup, start_subscribe_setup
from handlers.keyboards.subscriptions import (
    CANCEL_FLOW,
    change_time_keyboard,
    delete_confirm_keyboard,
    flow_time_keyboard,
    frequency_keyboard,
    resume_keyboard,
    subscriptions_keyboard,
    undo_keyboard,
    unsubscribe_all_keyboard,
    weekday_keyboard,
)
from handlers.views import frequency_prompt, names, send_card
from store.db import Session
from store.dto import parse_row_id

ADMIN_STATUSES = {"creator", "administrator"}
FLOW_FREQUENCIES: dict[str, Frequency] = {
    "daily": "daily",
    "weekly": "weekly",
    "instant": "instant",
}


def now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


async def permission_problem(bot: Bot, message: Message, user_id: int | None) -> str | None:
    """None when this user may manage the chat's subscriptions, else the reason's text id."""
    if message.chat.type == "private":
        return None
    if message.sender_chat is not None or user_id is None:
        return "subscribe-anonymous"
    member = await bot.get_chat_member(message.chat.id, user_id)
    return None if member.status in ADMIN_STATUSES else "subscribe-admins-only"


async def managed_message(callback: CallbackQuery, t: Translator, bot: Bot) -> Message | None:
    """The message a subscription button sits on, if this user may act on it; otherwise the
    press is answered with the reason and None returned."""
    message = callback.message
    if not isinstance(message, Message):
        await callback.answer(t("list-expired"), show_alert=True)
        return None
    problem = await permission_problem(bot, message, callback.from_user.id)
    if problem:
        await callback.answer(t(problem), show_alert=True)
        return None
    return message


def _chat(message: Message, user_id: int | None, t: Translator) -> manage.Chat:
    return manage.Chat(message.chat.id, message.chat.type, user_id, t.language)


async def _confirm(t: Translator, directory: Directory, outcome: manage.SubscribeOutcome) -> str:
    if outcome.too_many or outcome.subscription is None:
        return t("subscribe-too-many", max=str(manage.MAX_SUBSCRIPTIONS_PER_CHAT))
    description = describe(t, outcome.subscription, names(directory, t))
    if not outcome.created:
        return t("subscribe-exists", description=description)
    next_at = manage.next_digest_at(outcome.subscription, now())
    return t(
        "subscribe-done",
        description=description,
        next=next_delivery(t, outcome.subscription, next_at),
    )


# ------------------------------------------------------------------ /subscribe


async def subscribe_command(
    message: Message,
    command: CommandObject,
    session: Session,
    directory: Directory,
    settings: Settings,
    state: FSMContext,
    t: Translator,
    bot: Bot,
) -> None:
    user_id = message.from_user.id if message.from_user else None
    problem = await permission_problem(bot, message, user_id)
    if problem:
        await message.answer(t(problem))
        return
    text = (command.args or "").strip()[:300]
    if not text:
        shown = await message.answer(
            frequency_prompt(t, directory, "-"), reply_markup=frequency_keyboard(t, "-")
        )
        await start_subscribe_setup(state, shown.message_id)
        return
    result = await manage.subscribe_text(
        session, directory, _chat(message, user_id, t), text, settings.default_tz, now()
    )
    if isinstance(result, ParseProblem):
        await message.answer(parse_problem(t, result, names(directory, t)))
        return
    await message.answer(await _confirm(t, directory, result))


async def subscribe_flow(
    callback: CallbackQuery,
    callback_data: SubscribeFlow,
    session: Session,
    directory: Directory,
    settings: Settings,
    state: FSMContext,
    t: Translator,
    bot: Bot,
) -> None:
    message = await managed_message(callback, t, bot)
    if message is None:
        return
    data = callback_data
    if data.frequency == CANCEL_FLOW:
        await finish_subscribe_setup(state)
        await callback.answer()
        await message.edit_text(t("subscribe-cancelled"))
        return
    country_ok = data.country == "-" or data.country in directory.countries.records
    if data.frequency not in FLOW_FREQUENCIES or not country_ok or not -1 <= data.weekday <= 6:
        await callback.answer(t("list-expired"), show_alert=True)
        return
    await callback.answer()
    if data.frequency == "instant":  # no day, no time: it comes when new facts do
        request = _flow_request(data, INSTANT_TIME, settings.default_tz)
        chat = _chat(message, callback.from_user.id, t)
        await _finish_flow(session, chat, message, state, t, directory, request)
        return
    if data.frequency == "weekly" and data.weekday < 0:
        keyboard = weekday_keyboard(t, data.country)
        await message.edit_text(t("subscribe-choose-weekday"), reply_markup=keyboard)
        return
    if data.time == "-":
        await message.edit_text(
            time_prompt(t, settings.default_tz),
            reply_markup=flow_time_keyboard(t, data),
        )
        return
    local_time = parse_time(f"{data.time[:2]}:{data.time[2:]}")
    if local_time is None:
        await message.edit_text(t("list-expired"))
        return
    request = _flow_request(data, local_time, settings.default_tz)
    chat = _chat(message, callback.from_user.id, t)
    await _finish_flow(session, chat, message, state, t, directory, request)


def _flow_request(data: SubscribeFlow, local_time: dt.time, timezone: str) -> SubscriptionRequest:
    frequency = FLOW_FREQUENCIES[data.frequency]
    return SubscriptionRequest(
        frequency,
        data.weekday if frequency == "weekly" else -1,
        local_time,
        timezone,
        () if data.country == "-" else (data.country,),
    )


async def _finish_flow(
    session: Session,
    chat: manage.Chat,
    message: Message,
    state: FSMContext,
    t: Translator,
    directory: Directory,
    request: SubscriptionRequest,
) -> None:
    outcome = await manage.subscribe(session, chat, request, now())
    await finish_subscribe_setup(state)
    await message.edit_text(await _confirm(t, directory, outcome))


# ------------------------------------------------------------------ /subscriptions


async def _list(
    session: Session, chat_id: int, t: Translator, directory: Directory
) -> tuple[str, InlineKeyboardMarkup | None]:
    current = await manage.chat_subscriptions(session, chat_id)
    moment = now()
    text = subscriptions_list(
        t, [(s, manage.next_digest_at(s, moment)) for s in current], names(directory, t)
    )
    if not current:
        return text, None
    return text, subscriptions_keyboard(t, current)


async def subscriptions_command(
    message: Message, session: Session, directory: Directory, t: Translator
) -> None:
    text, keyboard = await _list(session, message.chat.id, t, directory)
    await message.answer(text, reply_markup=keyboard)


async def subscription_action(
    callback: CallbackQuery,
    callback_data: SubscriptionAction,
    session: Session,
    directory: Directory,
    t: Translator,
    bot: Bot,
) -> None:
    message = await managed_message(callback, t, bot)
    if message is None:
        return
    chat_id, sub_id, action = message.chat.id, callback_data.id, callback_data.action
    notice: str
    if action in {"pause", "resume"}:
        done = await manage.pause(session, chat_id, sub_id, action == "pause", now())
        notice = t(f"subscription-{action}d", id=str(sub_id)) if done else t("subscription-missing")
    elif action == "delete" and callback_data.value != "yes":
        # a question first: the list's buttons are close together
        await callback.answer()
        await message.edit_reply_markup(reply_markup=delete_confirm_keyboard(t, sub_id))
        return
    elif action == "delete":
        notice = await _delete(session, message, sub_id, t)
    elif action == "keep":
        notice = t("subscription-kept", id=str(sub_id))
    elif action == "time" and callback_data.value == "-":
        await callback.answer()
        await message.edit_reply_markup(reply_markup=change_time_keyboard(sub_id))
        return
    elif action == "time" and parse_time(f"{callback_data.value[:2]}:{callback_data.value[2:]}"):
        value = f"{callback_data.value[:2]}:{callback_data.value[2:]}"
        changed = await manage.change_time(session, chat_id, sub_id, value)
        notice = {
            True: t("subscription-time-set", id=str(sub_id), time=value),
            False: t("subscription-missing"),
            None: t("subscription-time-conflict"),
        }[changed]
    else:
        await callback.answer(t("list-expired"), show_alert=True)
        return
    await callback.answer(notice)
    text, keyboard = await _list(session, chat_id, t, directory)
    await message.edit_text(text, reply_markup=keyboard)


async def _delete(session: Session, message: Message, subscription_id: int, t: Translator) -> str:
    """Removes one subscription and offers Undo; the toast's text."""
    removal = await manage.remove(session, message.chat.id, subscription_id)
    if not removal.count:
        return t("subscription-missing")
    text = t("subscription-deleted", id=str(subscription_id))
    await message.answer(text, reply_markup=undo_keyboard(t, removal.batch))
    return text


# ------------------------------------------------------------------ /unsubscribe


async def unsubscribe_command(
    message: Message, query: str, session: Session, t: Translator, bot: Bot
) -> None:
    """With a number, that subscription goes at once (Undo below); without one, all of the
    chat's go, after a question."""
    user_id = message.from_user.id if message.from_user else None
    problem = await permission_problem(bot, message, user_id)
    if problem:
        await message.answer(t(problem))
        return
    if not query:
        count = len(await manage.chat_subscriptions(session, message.chat.id))
        if count:
            await message.answer(
                t("unsubscribe-question", count=count),
                reply_markup=unsubscribe_all_keyboard(t, count),
            )
        else:
            await message.answer(t("unsubscribe-none"))
        return
    subscription_id = parse_row_id(query)
    if subscription_id is None:  # never None here: that would remove them all
        await message.answer(t("subscription-missing"))
        return
    removal = await manage.remove(session, message.chat.id, subscription_id)
    if not removal.count:
        await message.answer(t("subscription-missing"))
        return
    await message.answer(
        t("subscription-deleted", id=str(subscription_id)),
        reply_markup=undo_keyboard(t, removal.batch),
    )


async def unsubscribe_answer(
    callback: CallbackQuery,
    callback_data: UnsubscribeButton,
    session: Session,
    t: Translator,
    bot: Bot,
) -> None:
    message = await managed_message(callback, t, bot)
    if message is None:
        return
    await callback.answer()
    with suppress(TelegramBadRequest):  # the buttons are spent; an old message keeps them
        await message.edit_reply_markup(reply_markup=None)
    chat_id = message.chat.id
    if callback_data.action == "all":
        removal = await manage.remove(session, chat_id, None)
        text = t("unsubscribe-done", count=str(removal.count))
        markup = undo_keyboard(t, removal.batch) if removal.count else None
        await message.answer(text if removal.count else t("unsubscribe-none"), reply_markup=markup)
    elif callback_data.action == "undo" and callback_data.batch != "-":
        restored = await manage.undo_removal(session, chat_id, callback_data.batch)
        await message.answer(
            t("unsubscribe-undone", count=restored) if restored else t("unsubscribe-undo-none")
        )
    else:
        await message.answer(t("unsubscribe-kept"))


# ------------------------------------------------------------------ under a digest


async def digest_button(
    callback: CallbackQuery,
    callback_data: DigestButton,
    session: Session,
    directory: Directory,
    t: Translator,
    bot: Bot,
) -> None:
    """Cards open for anyone in the chat; pause and unsubscribe only for those who may
    manage its subscriptions. Each answers with a new message: the digest stays as sent."""
    message = callback.message
    if not isinstance(message, Message):
        await callback.answer(t("list-expired"), show_alert=True)
        return
    action, sub_id = callback_data.action, callback_data.id
    if action in {"card", "countries"}:
        await callback.answer()
        query = callback_data.country if action == "card" else ""
        await send_card(message, session, directory, t, query)
        return
    if action not in {"pause", "resume", "unsubscribe"}:
        await callback.answer(t("list-expired"), show_alert=True)
        return
    if await managed_message(callback, t, bot) is None:
        return  # answered with the reason
    await callback.answer()
    if action == "unsubscribe":
        await message.answer(
            t("digest-unsubscribe-question", id=str(sub_id)),
            reply_markup=delete_confirm_keyboard(t, sub_id),
        )
        return
    done = await manage.pause(session, message.chat.id, sub_id, action == "pause", now())
    if not done:
        await message.answer(t("subscription-missing"))
    elif action == "pause":
        await message.answer(
            t("digest-paused", id=str(sub_id)), reply_markup=resume_keyboard(t, sub_id)
        )
    else:
        await message.answer(t("subscription-resumed", id=str(sub_id)))


def create_router() -> Router:
    router = Router(name=__name__)
    router.message(*command_filter("subscribe"))(subscribe_command)
    router.message(*command_filter("subscriptions"))(subscriptions_command)
    router.message(*command_filter("unsubscribe"))(unsubscribe_command)
    router.callback_query(SubscribeFlow.filter())(subscribe_flow)
    router.callback_query(SubscriptionAction.filter())(subscription_action)
    router.callback_query(UnsubscribeButton.filter())(unsubscribe_answer)
    router.callback_query(DigestButton.filter())(digest_button)
    return router
