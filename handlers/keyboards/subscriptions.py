"""The guided /subscribe flow, the /subscriptions list, and the questions and Undo of
removing subscriptions."""

from __future__ import annotations

from collections.abc import Callable

from aiogram.filters.callback_data import CallbackData
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.digest.manage import SubscriptionInfo
from bot.i18n import Translator
from bot.render.facts import CountryName, flag
from handlers.callback_data import (
    DigestButton,
    SubscribeFlow,
    SubscriptionAction,
    UnsubscribeButton,
)

FLOW_TIMES = ("0700", "0800", "0900", "1200", "1800", "2100")


def _clock(hhmm: str) -> str:
    return f"{hhmm[:2]}:{hhmm[2:]}"


# The guided /subscribe's Cancel: a "frequency" no step has, so no subscription follows.
CANCEL_FLOW = "cancel"


def _cancel_row(builder: InlineKeyboardBuilder, t: Translator, country: str) -> None:
    builder.row(
        InlineKeyboardButton(
            text=t("subscribe-button-cancel"),
            callback_data=SubscribeFlow(
                frequency=CANCEL_FLOW, weekday=-1, time="-", country=country
            ).pack(),
        )
    )


def frequency_keyboard(t: Translator, country: str) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    for frequency in ("daily", "weekly", "instant"):
        builder.button(
            text=t(f"button-{frequency}"),
            callback_data=SubscribeFlow(frequency=frequency, weekday=-1, time="-", country=country),
        )
    _cancel_row(builder, t, country)
    return builder.as_markup()


def weekday_keyboard(t: Translator, country: str) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    for day in range(7):
        builder.button(
            text=t(f"weekday-{day}"),
            callback_data=SubscribeFlow(frequency="weekly", weekday=day, time="-", country=country),
        )
    builder.adjust(4, 3)
    _cancel_row(builder, t, country)
    return builder.as_markup()


def _time_builder(data_for: Callable[[str], CallbackData]) -> InlineKeyboardBuilder:
    builder = InlineKeyboardBuilder()
    for hhmm in FLOW_TIMES:
        builder.button(text=_clock(hhmm), callback_data=data_for(hhmm))
    builder.adjust(3)
    return builder


def flow_time_keyboard(t: Translator, step: SubscribeFlow) -> InlineKeyboardMarkup:
    builder = _time_builder(
        lambda hhmm: SubscribeFlow(
            frequency=step.frequency, weekday=step.weekday, time=hhmm, country=step.country
        )
    )
    _cancel_row(builder, t, step.country)
    return builder.as_markup()


def change_time_keyboard(subscription_id: int) -> InlineKeyboardMarkup:
    return _time_builder(
        lambda hhmm: SubscriptionAction(action="time", id=subscription_id, value=hhmm)
    ).as_markup()


def subscriptions_keyboard(
    t: Translator, subscriptions: list[SubscriptionInfo]
) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    for subscription in subscriptions:
        toggle = "resume" if subscription.paused else "pause"
        actions = [(toggle, f"button-{toggle}"), ("time", "button-edit-time")]
        if subscription.frequency == "instant":  # it has no time of day to change
            actions.pop()
        row = [
            InlineKeyboardButton(
                text=f"{t(label)} #{subscription.id}",
                callback_data=SubscriptionAction(action=action, id=subscription.id).pack(),
            )
            for action, label in [*actions, ("delete", "button-delete")]
        ]
        builder.row(*row)
    return builder.as_markup()


def delete_confirm_keyboard(t: Translator, subscription_id: int) -> InlineKeyboardMarkup:
    yes = SubscriptionAction(action="delete", id=subscription_id, value="yes")
    keep = SubscriptionAction(action="keep", id=subscription_id)
    return InlineKeyboardMarkup(
        inline_keyboard=[
            [
                InlineKeyboardButton(
                    text=t("button-delete-confirm", id=str(subscription_id)),
                    callback_data=yes.pack(),
                ),
                InlineKeyboardButton(text=t("button-keep"), callback_data=keep.pack()),
            ]
        ]
    )


def unsubscribe_all_keyboard(t: Translator, count: int) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        inline_keyboard=[
            [
                InlineKeyboardButton(
                    text=t("button-unsubscribe-all", count=count),
                    callback_data=UnsubscribeButton(action="all").pack(),
                ),
                InlineKeyboardButton(
                    text=t("button-keep"),
                    callback_data=UnsubscribeButton(action="keep").pack(),
                ),
            ]
        ]
    )


def undo_keyboard(t: Translator, batch: str) -> InlineKeyboardMarkup:
    undo = UnsubscribeButton(action="undo", batch=batch)
    return InlineKeyboardMarkup(
        inline_keyboard=[[InlineKeyboardButton(text=t("button-undo"), callback_data=undo.pack())]]
    )


DIGEST_CARD_BUTTONS = 3  # more would crowd the digest; the rest are one tap away in the list


def digest_keyboard(
    t: Translator, subscription: SubscriptionInfo, country_name: CountryName
) -> InlineKeyboardMarkup:
    """Under the last message of a digest: the subscription's countries' cards (or the
    list of countries, for a digest of all of them), pause, unsubscribe."""
    builder = InlineKeyboardBuilder()
    sub = subscription.id
    countries = subscription.countries[:DIGEST_CARD_BUTTONS]
    for code in countries:
        builder.button(
            text=f"{flag(code)} {country_name(code)}",
            callback_data=DigestButton(action="card", id=sub, country=code),
        )
    if not countries or len(subscription.countries) > len(countries):
        builder.button(
            text=t("digest-button-countries"),
            callback_data=DigestButton(action="countries", id=sub),
        )
    builder.adjust(DIGEST_CARD_BUTTONS)
    builder.row(
        InlineKeyboardButton(
            text=t("button-pause"), callback_data=DigestButton(action="pause", id=sub).pack()
        ),
        InlineKeyboardButton(
            text=t("digest-button-unsubscribe"),
            callback_data=DigestButton(action="unsubscribe", id=sub).pack(),
        ),
    )
    return builder.as_markup()


def resume_keyboard(t: Translator, subscription_id: int) -> InlineKeyboardMarkup:
    resume = DigestButton(action="resume", id=subscription_id)
    return InlineKeyboardMarkup(
        inline_keyboard=[
            [InlineKeyboardButton(text=t("button-resume"), callback_data=resume.pack())]
        ]
    )
