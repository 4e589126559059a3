"""/subscribe (one line, or a guided flow of buttons), /subscriptions with pause, resume,
time and delete buttons, /unsubscribe. In groups only administrators may change anything.
Removing asks first or offers Undo: the rows stay, switched off."""

from __future__ import annotations

import datetime as dt
from contextlib import suppress
from dataclasses import replace

from aiogram import Bot, F, Router
from aiogram.dispatcher.event.bases import SkipHandler
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
from bot.digest.flow import NONE_YET, TYPED_ZONE, FlowChoice, next_step, zone_name
from bot.digest.parse import (
    INSTANT_TIME,
    Frequency,
    ParseProblem,
    SubscriptionRequest,
    parse_time,
    parse_timezone,
)
from bot.directory import Directory
from bot.i18n import Translator
from bot.render.digest import compose
from bot.render.html import esc
from bot.render.subscriptions import (
    describe,
    next_delivery,
    parse_problem,
    sample_digest,
    subscriptions_list,
)
from handlers.callback_data import (
    DigestButton,
    SubscribeFlow,
    SubscriptionAction,
    UnsubscribeButton,
)
from handlers.filters import command_filter
from handlers.flows import (
    SubscribeSetup,
    finish_subscribe_setup,
    move_setup_message,
    remember_flow,
    remembered_flow,
)
from handlers.keyboards.subscriptions import (
    CANCEL_FLOW,
    change_time_keyboard,
    delete_confirm_keyboard,
    flow_choice,
    resume_keyboard,
    subscriptions_keyboard,
    undo_keyboard,
    unsubscribe_all_keyboard,
)
from handlers.views import flow_step, names, send_card, start_subscribe_flow
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
        await start_subscribe_flow(message, state, session, directory, t)
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
    if callback_data.frequency == CANCEL_FLOW:
        await finish_subscribe_setup(state)
        await callback.answer()
        await message.edit_text(t("subscribe-cancelled"))
        return
    choice = flow_choice(callback_data)
    if not _sound(choice, directory):
        await callback.answer(t("list-expired"), show_alert=True)
        return
    await callback.answer()
    if next_step(choice) != "finish":
        text, keyboard = await flow_step(session, directory, t, choice)
        await message.edit_text(text, reply_markup=keyboard)
        await remember_flow(state, choice)
        return
    _remembered, typed_zone = await remembered_flow(state)
    request = _flow_request(choice, zone_name(choice, typed_zone, settings.default_tz))
    chat = _chat(message, callback.from_user.id, t)
    await _finish_flow(session, chat, message, state, t, directory, request)


def _sound(choice: FlowChoice, directory: Directory) -> bool:
    """A press names only what the buttons offer (a forged one gets "expired")."""
    time_ok = choice.time == NONE_YET or parse_time(_clock(choice.time)) is not None
    countries_ok = all(code in directory.countries.records for code in choice.country_codes)
    return -1 <= choice.weekday <= 6 and time_ok and countries_ok


def _clock(hhmm: str) -> str:
    return f"{hhmm[:2]}:{hhmm[2:]}"


async def typed_zone(
    message: Message,
    session: Session,
    directory: Directory,
    state: FSMContext,
    t: Translator,
    bot: Bot,
) -> None:
    """A time zone typed at the guided flow's zone step ("Asia/Karachi"); any other text
    goes on to the other handlers (a search)."""
    choice, _zone = await remembered_flow(state)
    if choice is None or next_step(choice) != "zone":
        raise SkipHandler
    zone = parse_timezone(message.text or "")
    if zone is None:
        await message.answer(t("subscribe-bad-timezone", value=esc((message.text or "")[:60])))
        return
    choice = replace(choice, zone=TYPED_ZONE)
    text, keyboard = await flow_step(session, directory, t, choice)
    shown = await message.answer(text, reply_markup=keyboard)
    await remember_flow(state, choice, typed_zone=zone)
    old = await move_setup_message(state, shown.message_id)
    if old is not None:  # the zone buttons above are spent
        with suppress(TelegramBadRequest):
            await bot.edit_message_reply_markup(
                chat_id=message.chat.id, message_id=old, reply_markup=None
            )


def _flow_request(choice: FlowChoice, timezone: str) -> SubscriptionRequest:
    frequency = FLOW_FREQUENCIES[choice.frequency]
    local_time = parse_time(_clock(choice.time)) if frequency != "instant" else None
    return SubscriptionRequest(
        frequency,
        choice.weekday if frequency == "weekly" else -1,
        local_time or INSTANT_TIME,
        timezone,
        choice.country_codes,
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
    if outcome.created and outcome.subscription is not None:
        # what will arrive: the recent entries, as a digest of this subscription shows them
        recent = await manage.recent_entries(session, now())
        sample = compose(
            recent, request.countries, t.language, names(directory, t), now().date().isoformat()
        )
        await message.answer(sample_digest(t, sample))


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
    # a time zone typed at the guided flow's zone step; commands pass by
    router.message(SubscribeSetup.choosing, F.text, ~F.text.startswith("/"))(typed_zone)
    router.callback_query(SubscriptionAction.filter())(subscription_action)
    router.callback_query(UnsubscribeButton.filter())(unsubscribe_answer)
    router.callback_query(DigestButton.filter())(digest_button)
    return router
