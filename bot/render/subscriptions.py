"""Subscriptions and digest statistics -> Telegram HTML."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from zoneinfo import ZoneInfo

from bot.digest.flow import MAX_FLOW_COUNTRIES, FlowChoice, next_step
from bot.digest.parse import ParseProblem
from bot.i18n import Translator
from bot.render.facts import CountryName, flag, format_date
from bot.render.html import esc
from store.dto import DigestStats, SubscriptionInfo


def local_moment(t: Translator, moment: dt.datetime, zone: str) -> str:
    """The moment on the zone's clock, its date written as the reader's language does."""
    local = moment.astimezone(ZoneInfo(zone))
    return f"{format_date(t, local.date(), 'day')} {local:%H:%M} ({esc(zone)})"


def next_delivery(
    t: Translator, subscription: SubscriptionInfo, next_at: dt.datetime | None
) -> str:
    if next_at is None:
        return t("sub-next-instant")
    return local_moment(t, next_at, subscription.timezone)


def describe(t: Translator, subscription: SubscriptionInfo, name: CountryName) -> str:
    if subscription.frequency == "instant":
        when = t("sub-instant")
    elif subscription.frequency == "weekly":
        when = t(
            "sub-weekly",
            weekday=t(f"weekday-{subscription.weekday}"),
            time=subscription.local_time,
            zone=esc(subscription.timezone),
        )
    else:
        when = t("sub-daily", time=subscription.local_time, zone=esc(subscription.timezone))
    if subscription.countries:
        countries = ", ".join(f"{flag(c)} {esc(name(c))}" for c in subscription.countries)
        text = f"{when}, {t('sub-countries', countries=countries)}"
    else:
        text = f"{when}, {t('sub-all-countries')}"
    return text + (f", {t('sub-notify-empty')}" if subscription.notify_empty else "")


def subscriptions_list(
    t: Translator,
    items: Sequence[tuple[SubscriptionInfo, dt.datetime | None]],
    name: CountryName,
) -> str:
    if not items:
        return t("subscriptions-none")
    lines = [t("subscriptions-header", count=str(len(items)))]
    for subscription, next_at in items:
        state = f" — <i>{t('sub-paused')}</i>" if subscription.paused else ""
        lines.append(
            t(
                "subscriptions-item",
                id=str(subscription.id),
                description=describe(t, subscription, name),
                state=state,
            )
        )
        if not subscription.paused:
            lines.append(
                "  " + t("subscriptions-next", next=next_delivery(t, subscription, next_at))
            )
    return "\n".join(lines)


def parse_problem(t: Translator, problem: ParseProblem, name: CountryName) -> str:
    key = {
        "time": "subscribe-bad-time",
        "timezone": "subscribe-bad-timezone",
        "country": "subscribe-bad-country",
        "home_country": "subscribe-bad-home",
        "too_many_countries": "subscribe-bad-too-many-countries",
        "weekday": "subscribe-usage",
        "word": "subscribe-usage",
    }[problem.problem]
    text = t(key, value=esc(problem.value))
    if problem.suggestions:
        text += (
            "\n"
            + t("country-suggestions")
            + " "
            + ", ".join(f"{flag(c)} {esc(name(c))} (<code>{c}</code>)" for c in problem.suggestions)
        )
    return text if key == "subscribe-usage" else text + "\n" + t("subscribe-usage")


def stats(t: Translator, figures: DigestStats) -> str:
    deliveries = ", ".join(
        f"{status} {count}" for status, count in sorted(figures.deliveries.items())
    ) or t("digest-stats-none")
    runs = ", ".join(f"{at.strftime('%d.%m %H:%M')} UTC: {n}" for at, n in figures.last_runs)
    return t(
        "digest-stats",
        active=str(figures.subscriptions_active),
        paused=str(figures.subscriptions_paused),
        deactivated=str(figures.subscriptions_deactivated),
        deliveries=deliveries,
        runs=runs or t("digest-stats-none"),
    )


def flow_prompt(t: Translator, choice: FlowChoice, name: CountryName) -> str:
    """The question of the guided flow's current step."""
    step = next_step(choice)
    if step == "frequency":
        codes = choice.country_codes
        scope = "" if not codes else t("subscribe-scope", name=esc(name(codes[0])))
        return t("subscribe-choose-frequency", scope=scope)
    if step == "countries":
        return t("subscribe-choose-countries", max=str(MAX_FLOW_COUNTRIES))
    return t(f"subscribe-choose-{step}")


def sample_digest(t: Translator, messages: Sequence[str]) -> str:
    """What the new subscription will look like: the first message of a digest of recent
    entries, or a note that there were none for its countries."""
    if not messages:
        return t("subscribe-sample-empty")
    return t("subscribe-sample-header") + "\n\n" + messages[0]
