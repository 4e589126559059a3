"""The guided /subscribe flow, the /subscriptions list, and the questions and Undo of
removing subscriptions."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace

from aiogram.filters.callback_data import CallbackData
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.digest.flow import (
    ALL,
    COMMON_ZONES,
    FREQUENCIES,
    FlowChoice,
    back,
    next_step,
)
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


def flow_data(choice: FlowChoice) -> SubscribeFlow:
    return SubscribeFlow(
        frequency=choice.frequency,
        weekday=choice.weekday,
        time=choice.time,
        zone=choice.zone,
        countries=choice.countries,
        ready=choice.ready,
    )


def flow_choice(data: SubscribeFlow) -> FlowChoice:
    return FlowChoice(
        data.frequency, data.weekday, data.time, data.zone, data.countries, data.ready
    )


def _button(text: str, choice: FlowChoice) -> InlineKeyboardButton:
    return InlineKeyboardButton(text=text, callback_data=flow_data(choice).pack())


def _back_and_cancel(
    builder: InlineKeyboardBuilder, t: Translator, choice: FlowChoice, with_back: bool = True
) -> None:
    row = [_button(t("button-flow-back"), back(choice))] if with_back else []
    row.append(_button(t("subscribe-button-cancel"), replace(choice, frequency=CANCEL_FLOW)))
    builder.row(*row)


def flow_keyboard(
    t: Translator, choice: FlowChoice, offered: Sequence[str], country_name: CountryName
) -> InlineKeyboardMarkup:
    """The buttons of the step `choice` is at; `offered`: the countries to choose from."""
    step = next_step(choice)
    builder = InlineKeyboardBuilder()
    if step == "frequency":
        for frequency in FREQUENCIES:
            builder.add(_button(t(f"button-{frequency}"), replace(choice, frequency=frequency)))
    elif step == "weekday":
        for day in range(7):
            builder.add(_button(t(f"weekday-{day}"), replace(choice, weekday=day)))
        builder.adjust(4, 3)
    elif step == "time":
        for hhmm in FLOW_TIMES:
            builder.add(_button(_clock(hhmm), replace(choice, time=hhmm)))
        builder.adjust(3)
    elif step == "zone":
        for index, zone in enumerate(COMMON_ZONES):
            builder.add(_button(zone.split("/")[-1].replace("_", " "), replace(choice, zone=index)))
        builder.adjust(3)
    else:
        _country_buttons(builder, t, choice, offered, country_name)
    _back_and_cancel(builder, t, choice, with_back=step != "frequency")
    return builder.as_markup()


def _country_buttons(
    builder: InlineKeyboardBuilder,
    t: Translator,
    choice: FlowChoice,
    offered: Sequence[str],
    country_name: CountryName,
) -> None:
    chosen = choice.country_codes
    builder.row(_button(t("button-all-countries"), replace(choice, countries=ALL, ready=True)))
    toggles = [
        _button(
            ("✅ " if code in chosen else "") + f"{flag(code)} {country_name(code)}",
            choice.with_country(code),
        )
        for code in dict.fromkeys([*chosen, *offered])
    ]
    for start in range(0, len(toggles), 2):
        builder.row(*toggles[start : start + 2])
    if chosen:
        done = t("button-countries-done", count=str(len(chosen)))
        builder.row(_button(done, replace(choice, ready=True)))


def _time_builder(data_for: Callable[[str], CallbackData]) -> InlineKeyboardBuilder:
    builder = InlineKeyboardBuilder()
    for hhmm in FLOW_TIMES:
        builder.button(text=_clock(hhmm), callback_data=data_for(hhmm))
    builder.adjust(3)
    return builder


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
