"""The guided /subscribe flow and the /subscriptions list."""

from __future__ import annotations

from collections.abc import Callable

from aiogram.filters.callback_data import CallbackData
from aiogram.types import InlineKeyboardMarkup
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.digest.manage import SubscriptionInfo
from bot.i18n import Translator
from handlers.callback_data import SubscribeFlow, SubscriptionAction

FLOW_TIMES = ("0700", "0800", "0900", "1200", "1800", "2100")


def _clock(hhmm: str) -> str:
    return f"{hhmm[:2]}:{hhmm[2:]}"


def frequency_keyboard(t: Translator, country: str) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    for frequency in ("daily", "weekly"):
        builder.button(
            text=t(f"button-{frequency}"),
            callback_data=SubscribeFlow(frequency=frequency, weekday=-1, time="-", country=country),
        )
    return builder.as_markup()


def weekday_keyboard(t: Translator, country: str) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    for day in range(7):
        builder.button(
            text=t(f"weekday-{day}"),
            callback_data=SubscribeFlow(frequency="weekly", weekday=day, time="-", country=country),
        )
    builder.adjust(4, 3)
    return builder.as_markup()


def _time_keyboard(data_for: Callable[[str], CallbackData]) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    for hhmm in FLOW_TIMES:
        builder.button(text=_clock(hhmm), callback_data=data_for(hhmm))
    builder.adjust(3)
    return builder.as_markup()


def flow_time_keyboard(step: SubscribeFlow) -> InlineKeyboardMarkup:
    return _time_keyboard(
        lambda hhmm: SubscribeFlow(
            frequency=step.frequency, weekday=step.weekday, time=hhmm, country=step.country
        )
    )


def change_time_keyboard(subscription_id: int) -> InlineKeyboardMarkup:
    return _time_keyboard(
        lambda hhmm: SubscriptionAction(action="time", id=subscription_id, value=hhmm)
    )


def subscriptions_keyboard(
    t: Translator, subscriptions: list[SubscriptionInfo]
) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    for subscription in subscriptions:
        toggle = "resume" if subscription.paused else "pause"
        for action, label in (
            (toggle, f"button-{toggle}"),
            ("time", "button-edit-time"),
            ("delete", "button-delete"),
        ):
            builder.button(
                text=f"{t(label)} #{subscription.id}",
                callback_data=SubscriptionAction(action=action, id=subscription.id),
            )
    builder.adjust(3)
    return builder.as_markup()
