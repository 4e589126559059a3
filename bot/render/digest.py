"""A digest's text: the entries of its window, grouped by country, newest first, each with
its date and source, in the subscriber's language. No Telegram, no SQL."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence

from bot.i18n import Translator, translator
from bot.matching.countries import HOME_COUNTRY
from bot.render.facts import (
    CountryName,
    agreement_line,
    event_line,
    flag,
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
    groups: dict[str, list[tuple[dt.date, str]]] = defaultdict(list)
    for kind, info, published in entries:
        codes = entry_countries(kind, info) or (OTHER,)
        if wanted:
            codes = tuple(code for code in codes if code in wanted)
        for code in codes:
            groups[code].append((_entry_date(info, published), _line(t, kind, info, country_name)))
    if not groups:
        return []
    blocks = [t("digest-header", period=esc(period_label))]
    for code in sorted(groups, key=lambda c: (c == OTHER, country_name(c) if c else "")):
        title = (
            f"{flag(code)} <b>{esc(country_name(code))}</b>"
            if code
            else f"<b>{t('digest-other')}</b>"
        )
        lines = [
            line for _date, line in sorted(groups[code], key=lambda pair: pair[0], reverse=True)
        ]
        blocks.append("\n" + title + "\n" + lines[0])
        blocks += lines[1:]
    return pack(blocks)


def _line(
    t: object, kind: str, info: EventInfo | AgreementInfo | TradeInfo, country_name: CountryName
) -> str:

    assert isinstance(t, Translator)
    if isinstance(info, EventInfo):
        line = event_line(t, info, None)
    elif isinstance(info, AgreementInfo):
        line = agreement_line(t, info, country_name, None)
    else:
        line = trade_line(t, info, None)
    sources = info.sources[:2]
    if sources:
        line += "\n  " + "; ".join(source_label(t, source) for source in sources)
    return line


def nothing_new(language: str, period_label: str) -> list[str]:
    return [translator(language)("digest-nothing-new", period=esc(period_label))]
