"""A digest's text: the entries of its window, grouped by country, newest first, each with
its date and the numbers of its sources, then one numbered list of those sources, in the
subscriber's language. No Telegram, no SQL."""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Sequence

from bot.i18n import Translator, translator
from bot.matching.countries import HOME_COUNTRY
from bot.render.facts import (
    CountryName,
    SourceNumbers,
    agreement_line,
    event_line,
    flag,
    format_date,
    source_label,
    trade_line,
)
from bot.render.html import esc, pack
from store.deliveries import Entry
from store.dto import AgreementInfo, EventInfo, TradeInfo

OTHER = ""  # entries without a partner country (multilateral figures)


def entry_countries(kind: str, info: EventInfo | AgreementInfo | TradeInfo) -> tuple[str, ...]:
    if isinstance(info, EventInfo):
        codes = tuple(code for code, _role in info.countries)
    elif isinstance(info, AgreementInfo):
        codes = info.parties
    else:
        codes = tuple(c for c in (info.reporter, info.partner) if c)
    return tuple(code for code in codes if code != HOME_COUNTRY)


def _entry_date(info: EventInfo | AgreementInfo | TradeInfo, published: dt.datetime) -> dt.date:
    if isinstance(info, EventInfo) and info.date_start:
        return info.date_start
    if isinstance(info, AgreementInfo) and info.signed_on:
        return info.signed_on
    return published.date()


def compose(
    entries: Sequence[Entry],
    countries_filter: Sequence[str],
    language: str,
    country_name: CountryName,
    period_label: str,
) -> list[str]:
    """The messages of one digest; [] when nothing in the window matches the filter."""
    t = translator(language)
    wanted = set(countries_filter)
    groups: dict[str, list[tuple[dt.date, EventInfo | AgreementInfo | TradeInfo]]]
    groups = defaultdict(list)
    for kind, info, published in entries:
        codes = entry_countries(kind, info) or (OTHER,)
        if wanted:
            codes = tuple(code for code in codes if code in wanted)
        for code in codes:
            groups[code].append((_entry_date(info, published), info))
    if not groups:
        return []
    # one numbered list of sources for the whole digest, in the order first cited
    cite = SourceNumbers()
    blocks = [t("digest-header", period=period_text(t, period_label))]
    for code in sorted(groups, key=lambda c: (c == OTHER, country_name(c) if c else "")):
        title = (
            f"{flag(code)} <b>{esc(country_name(code))}</b>"
            if code
            else f"<b>{t('digest-other')}</b>"
        )
        newest_first = sorted(groups[code], key=lambda pair: pair[0], reverse=True)
        lines = [_line(t, info, country_name, cite) for _date, info in newest_first]
        blocks.append("\n" + title + "\n" + lines[0])
        blocks += lines[1:]
    sources = [f"[{n}] {source_label(t, s)}" for n, s in enumerate(cite.order, start=1)]
    if sources:
        blocks.append("\n" + t("card-sources", count=str(len(sources))) + "\n" + sources[0])
        blocks += sources[1:]
    return pack(blocks)


def _line(
    t: Translator,
    info: EventInfo | AgreementInfo | TradeInfo,
    country_name: CountryName,
    cite: SourceNumbers,
) -> str:
    if isinstance(info, EventInfo):
        return event_line(t, info, cite, country_name)
    if isinstance(info, AgreementInfo):
        return agreement_line(t, info, country_name, cite)
    return trade_line(t, info, cite)


_WEEK = re.compile(r"(\d{4})-W(\d{2})")
_MINUTE = re.compile(r"(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})Z")


def period_text(t: Translator, period: str) -> str:
    """A period key as the reader's language writes it: a day, or a week of a year."""
    if week := _WEEK.fullmatch(period):
        return t("digest-week", week=str(int(week.group(2))), year=week.group(1))
    if minute := _MINUTE.fullmatch(period):  # an instant delivery: the minute, UTC
        day = format_date(t, dt.date.fromisoformat(minute.group(1)), "day")
        return t("digest-moment", date=day, time=minute.group(2))
    try:
        return format_date(t, dt.date.fromisoformat(period), "day")
    except ValueError:
        return esc(period)


def nothing_new(language: str, period_label: str) -> list[str]:
    t = translator(language)
    return [t("digest-nothing-new", period=period_text(t, period_label))]
