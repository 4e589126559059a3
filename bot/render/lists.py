"""Browsing results -> Telegram HTML: pages (one message each, to be edited in place by the
page buttons), item details, trade, latest entries. Escaping and limits as in bot.render."""

from __future__ import annotations

from typing import Any

from bot.charts import ChartLabels
from bot.i18n import Translator
from bot.render.cards import country_suggestions, echo_query
from bot.render.facts import (
    CountryName,
    SourceNumbers,
    agreement_line,
    event_line,
    flag,
    format_date,
    role_line,
    source_label,
    trade_line,
)
from bot.render.html import clip, esc, pack
from bot.views import (
    PAGE_SIZE,
    BadArgument,
    CountryNeeded,
    Item,
    PageResult,
    TradeReport,
)
from store.dto import AgreementInfo, EventInfo, RoleInfo, SourceRef, TradeInfo

CAPTION_LIMIT = 1024


def _years(params: dict[str, Any]) -> str | None:
    start, end = params.get("from"), params.get("to")
    if start is None:
        return None
    return str(start) if start == end else f"{start}–{end}"


def _header(t: Translator, result: PageResult, name: CountryName) -> str:
    params, count = result.params, str(result.total)
    country = params.get("c")
    if result.kind == "search":
        return t("search-header", query=echo_query(str(params["q"])), count=count)
    if result.kind == "treaties":
        query = str(params.get("q") or "")
        if query:
            return t("treaty-results-header", query=echo_query(query), count=count)
        return t("treaty-list-header", count=count)
    if result.kind == "timeline":
        scope = ""
        if country:
            scope += t("timeline-scope-country", name=esc(name(country)))
        years = _years(params)
        if years:
            scope += t("timeline-scope-years", years=years)
        return t("timeline-header", scope=scope, count=count)
    if result.kind == "sources":
        scope = t("timeline-scope-country", name=esc(name(country))) if country else ""
        return t("sources-header", scope=scope, count=count)
    if result.kind == "people":
        return t("people-header", name=esc(name(str(country))), count=count)
    if result.kind == "countries":
        return t("country-list-header", count=count)
    if result.kind == "trade_countries":
        return t("trade-overview-header", count=count)
    if result.kind == "latest":
        return t("latest-header", count=count)
    return t("agreements-header", name=esc(name(str(country))), count=count)


_EMPTY = {
    "timeline": "timeline-empty",
    "sources": "sources-empty",
    "people": "people-empty",
    "agreements": "agreements-empty",
    "treaties": "treaty-empty",
    "countries": "country-list-empty",
    "trade_countries": "trade-overview-empty",
    "latest": "latest-empty",
}


def page_text(t: Translator, result: PageResult, name: CountryName) -> str:
    """One message: the page is edited in place, so it must never need a second one."""
    if result.kind == "search" and not result.total:
        return t("search-nothing", query=echo_query(str(result.params["q"])))
    if result.kind == "treaties" and not result.total and result.params.get("q"):
        return (
            t("treaty-not-found", query=echo_query(str(result.params["q"])))
            + "\n"
            + t("treaty-try")
        )
    for detailed in (True, False):
        blocks = [_header(t, result, name)]
        if not result.items:
            blocks.append(t(_EMPTY.get(result.kind, "sources-empty")))
        first_number = (result.page - 1) * PAGE_SIZE + 1
        for number, item in enumerate(result.items, start=first_number):
            blocks.append(_page_line(t, result.kind, item, name, number, detailed))
        if result.pages > 1:
            blocks.append(f"<i>{t('page-of', page=str(result.page), pages=str(result.pages))}</i>")
        messages = pack(blocks)
        if len(messages) == 1:
            return messages[0]
    # Compact lines are clipped far below the limit; this cannot be reached, but a page
    # must never lose entries silently, so say so rather than cut.
    raise AssertionError("a page of compact lines exceeded one message")


def _page_line(
    t: Translator, kind: str, item: Any, name: CountryName, number: int, detailed: bool
) -> str:
    if kind == "search":
        item_kind, info = item
        return f"{number}. <i>{t(f'kind-{item_kind}')}</i> " + _short(t, item_kind, info, name)
    if kind == "timeline":
        item_kind, info = item
        return _short(t, item_kind, info, name)
    if kind == "sources":
        source, facts = item
        return f"• {source_label(t, source)} — {t('sources-facts', count=str(facts))}"
    if kind == "people":
        return role_line(t, item, name)
    if kind == "countries":
        return t(
            "country-list-item",
            flag=flag(item.iso2),
            name=esc(name(item.iso2)),
            code=item.iso2,
            facts=str(item.facts),
        )
    if kind == "trade_countries":
        code, count = item
        return t(
            "trade-overview-item",
            flag=flag(code),
            name=esc(name(code)),
            code=code,
            count=str(count),
        )
    if kind == "latest":
        item_kind, info = item
        return f"• <i>{t(f'kind-{item_kind}')}</i> " + _short(t, item_kind, info, name)
    # Documents are what /treaty is for: full details when the page has room for them.
    return agreement_line(t, item, name, None, with_details=detailed)


def _short(t: Translator, kind: str, info: Any, name: CountryName) -> str:
    """One line per entry, without the bullet's sources."""
    if kind == "event":
        return event_line(t, info, None).removeprefix("• ")
    if kind == "agreement":
        return agreement_line(t, info, name, None).removeprefix("• ")
    if kind == "trade":
        return _trade_short(t, info, name)
    if kind == "person":
        return role_line(t, info, name).removeprefix("• ")
    return source_label(t, info)


def _trade_short(t: Translator, figure: TradeInfo, name: CountryName) -> str:
    pair = " — ".join(esc(name(c)) for c in (figure.reporter, figure.partner) if c)
    line = trade_line(t, figure, SourceNumbers()).removeprefix("• ")
    return f"{pair}: {line}" if pair else line


def item_details(t: Translator, item: Item | None, name: CountryName) -> list[str]:
    """What an "open" button shows: the entry in full, with its sources."""
    if item is None:
        return [t("item-missing")]
    kind, info = item
    if kind == "agreement" and isinstance(info, AgreementInfo):
        return pack([agreement_line(t, info, name, None, with_details=True)])
    if kind == "article" and isinstance(info, SourceRef):
        return [source_label(t, info)]
    if kind == "person" and isinstance(info, RoleInfo):
        return [role_line(t, info, name) + f"\n<code>/person {esc(info.name_ru)}</code>"]
    cite = SourceNumbers()
    if kind == "event" and isinstance(info, EventInfo):
        blocks = [event_line(t, info, cite)]
        if info.summary:
            blocks.append(esc(clip(info.summary, 600)))
        countries = ", ".join(f"{flag(code)} {esc(name(code))}" for code, _ in info.countries)
        if countries:
            blocks.append(countries)
    elif kind == "trade" and isinstance(info, TradeInfo):
        blocks = [trade_line(t, info, cite)]
    else:
        return [t("item-missing")]
    blocks += [f"[{n}] {source_label(t, s)}" for n, s in enumerate(cite.order, start=1)]
    return pack(blocks)


def country_needed(t: Translator, result: CountryNeeded, name: CountryName) -> list[str]:
    key = "country-ambiguous" if result.ambiguous else "country-required-not-found"
    return country_suggestions(t, t(key, query=echo_query(result.query)), result.candidates, name)


def bad_argument(t: Translator, result: BadArgument, latest_max: int) -> list[str]:
    if result.reason == "years":
        return [t("timeline-bad-years")]
    return [t("latest-bad-number", max=str(latest_max))]


def trade_report(t: Translator, result: TradeReport, name: CountryName) -> list[str]:
    country = esc(name(result.iso2))
    if not result.figures:
        return [t("trade-no-figures", flag=flag(result.iso2), name=country)]
    cite = SourceNumbers()
    blocks = [t("trade-header", flag=flag(result.iso2), name=country)]
    blocks += [trade_line(t, figure, cite) for figure in result.figures]
    blocks += [f"[{n}] {source_label(t, s)}" for n, s in enumerate(cite.order, start=1)]
    return pack(blocks)


def trade_caption(t: Translator, iso2: str, name: CountryName) -> str:
    caption = t("trade-chart-caption", flag=flag(iso2), name=esc(name(iso2)))
    return caption[:CAPTION_LIMIT]


def chart_labels(t: Translator, iso2: str, name: CountryName) -> ChartLabels:
    return ChartLabels(
        title=t("chart-title", name=name(iso2)),
        y_axis=t("chart-y-axis"),
        x_axis=t("chart-x-axis"),
        actual=t("chart-actual"),
        target=t("chart-target"),
        target_open=t("chart-target-open"),
        decimal_comma=t.language == "ru",
    )


def agreement_date(t: Translator, agreement: AgreementInfo) -> str:
    if agreement.signed_on is None:
        return t("agreement-undated")
    return format_date(t, agreement.signed_on, agreement.signed_precision)
