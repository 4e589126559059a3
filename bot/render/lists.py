"""Browsing results -> Telegram HTML: pages (one message each, to be edited in place by the
page buttons), item details, trade, latest entries. Escaping and limits as in bot.render.html."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from bot.briefings import CountryNotMatched
from bot.charts import ChartLabels
from bot.i18n import Translator
from bot.lists import (
    PAGE_SIZE,
    BadArgument,
    Entry,
    ListItem,
    ListKind,
    PageResult,
    Params,
    SourceCount,
    TradeCountry,
    TradeReport,
)
from bot.render import english
from bot.render.cards import country_suggestions, echo_query
from bot.render.facts import (
    CountryName,
    SourceNumbers,
    agreement_line,
    event_line,
    flag,
    format_date,
    more_line,
    role_line,
    section,
    source_label,
    trade_line,
)
from bot.render.html import clip, esc, pack
from store.dto import (
    AgreementInfo,
    ArticleCard,
    CountryWithData,
    EventInfo,
    RoleInfo,
    TradeInfo,
)

CAPTION_LIMIT = 1024


def _years(params: Params) -> str | None:
    start, end = params.get("from"), params.get("to")
    if start is None:
        return None
    return str(start) if start == end else f"{start}–{end}"


def _country_scope(t: Translator, result: PageResult, name: CountryName) -> str:
    country = result.params.get("c")
    return t("timeline-scope-country", name=esc(name(country))) if country else ""


def _search_header(t: Translator, result: PageResult, name: CountryName) -> str:
    return t("search-header", query=echo_query(str(result.params["q"])), count=str(result.total))


def _treaties_header(t: Translator, result: PageResult, name: CountryName) -> str:
    query = str(result.params.get("q") or "")
    if query:
        return t("treaty-results-header", query=echo_query(query), count=str(result.total))
    return t("treaty-list-header", count=str(result.total))


def _timeline_header(t: Translator, result: PageResult, name: CountryName) -> str:
    scope = _country_scope(t, result, name)
    years = _years(result.params)
    if years:
        scope += t("timeline-scope-years", years=years)
    return t("timeline-header", scope=scope, count=str(result.total))


def _sources_header(t: Translator, result: PageResult, name: CountryName) -> str:
    return t("sources-header", scope=_country_scope(t, result, name), count=str(result.total))


def _country_header(key: str) -> Header:
    def header(t: Translator, result: PageResult, name: CountryName) -> str:
        return t(key, name=esc(name(str(result.params.get("c")))), count=str(result.total))

    return header


def _count_header(key: str) -> Header:
    def header(t: Translator, result: PageResult, name: CountryName) -> str:
        return t(key, count=str(result.total))

    return header


def _numbered_entry(t: Translator, item: ListItem, name: CountryName, n: int, full: bool) -> str:
    assert isinstance(item, Entry)
    return f"{n}. <i>{t(f'kind-{item.kind}')}</i> " + _short(t, item.kind, item.info, name)


def _timeline_line(t: Translator, item: ListItem, name: CountryName, n: int, full: bool) -> str:
    assert isinstance(item, Entry)
    return _short(t, item.kind, item.info, name)


def _latest_line(t: Translator, item: ListItem, name: CountryName, n: int, full: bool) -> str:
    assert isinstance(item, Entry)
    return f"• <i>{t(f'kind-{item.kind}')}</i> " + _short(t, item.kind, item.info, name)


def _source_line(t: Translator, item: ListItem, name: CountryName, n: int, full: bool) -> str:
    assert isinstance(item, SourceCount)
    return f"• {source_label(t, item.source)} — {t('sources-facts', count=str(item.facts))}"


def _person_line(t: Translator, item: ListItem, name: CountryName, n: int, full: bool) -> str:
    assert isinstance(item, RoleInfo)
    return role_line(t, item, name)


def _country_line(t: Translator, item: ListItem, name: CountryName, n: int, full: bool) -> str:
    assert isinstance(item, CountryWithData)
    code = item.iso2
    return t(
        "country-list-item", flag=flag(code), name=esc(name(code)), code=code, facts=str(item.facts)
    )


def _trade_country_line(
    t: Translator, item: ListItem, name: CountryName, n: int, full: bool
) -> str:
    assert isinstance(item, TradeCountry)
    code = item.iso2
    return t(
        "trade-overview-item",
        flag=flag(code),
        name=esc(name(code)),
        code=code,
        count=str(item.figures),
    )


def _document_line(t: Translator, item: ListItem, name: CountryName, n: int, full: bool) -> str:
    # Documents are what /treaty is for: full details when the page has room for them.
    assert isinstance(item, AgreementInfo)
    return agreement_line(t, item, name, None, with_details=full)


Header = Callable[[Translator, PageResult, CountryName], str]
Line = Callable[[Translator, ListItem, CountryName, int, bool], str]


@dataclass(frozen=True)
class ListLook:
    """How a list kind is headed, what it says when empty, and how it words one item."""

    header: Header
    empty: str  # locale key
    line: Line


LOOKS: dict[ListKind, ListLook] = {
    ListKind.SEARCH: ListLook(_search_header, "search-nothing", _numbered_entry),
    ListKind.TREATIES: ListLook(_treaties_header, "treaty-empty", _document_line),
    ListKind.TIMELINE: ListLook(_timeline_header, "timeline-empty", _timeline_line),
    ListKind.SOURCES: ListLook(_sources_header, "sources-empty", _source_line),
    ListKind.AGREEMENTS: ListLook(
        _country_header("agreements-header"), "agreements-empty", _document_line
    ),
    ListKind.PEOPLE: ListLook(_country_header("people-header"), "people-empty", _person_line),
    ListKind.COUNTRIES: ListLook(
        _count_header("country-list-header"), "country-list-empty", _country_line
    ),
    ListKind.TRADE_COUNTRIES: ListLook(
        _count_header("trade-overview-header"), "trade-overview-empty", _trade_country_line
    ),
    ListKind.LATEST: ListLook(_count_header("latest-header"), "latest-empty", _latest_line),
}


def page_text(t: Translator, result: PageResult, name: CountryName) -> str:
    """One message: the page is edited in place, so it must never need a second one."""
    if result.kind is ListKind.SEARCH and not result.total:
        return t("search-nothing", query=echo_query(str(result.params["q"])))
    if result.kind is ListKind.TREATIES and not result.total and result.params.get("q"):
        return (
            t("treaty-not-found", query=echo_query(str(result.params["q"])))
            + "\n"
            + t("treaty-try")
        )
    look = LOOKS[result.kind]
    for detailed in (True, False):
        blocks = [look.header(t, result, name)]
        if not result.items:
            blocks.append(t(look.empty))
        first_number = (result.page - 1) * PAGE_SIZE + 1
        for number, item in enumerate(result.items, start=first_number):
            blocks.append(look.line(t, item, name, number, detailed))
        if result.pages > 1:
            blocks.append(f"<i>{t('page-of', page=str(result.page), pages=str(result.pages))}</i>")
        messages = pack(blocks)
        if len(messages) == 1:
            return messages[0]
    # Compact lines are clipped far below the limit; this cannot be reached, but a page
    # must never lose entries silently, so say so rather than cut.
    raise AssertionError("a page of compact lines exceeded one message")


def entry_line(t: Translator, entry: Entry, name: CountryName) -> str:
    """One entry of a mixed list in one line, without citations."""
    return _short(t, entry.kind, entry.info, name)


def _short(t: Translator, kind: str, info: Any, name: CountryName) -> str:
    """One line per entry, without the bullet's sources."""
    if kind == "event":
        return event_line(t, info, None, name).removeprefix("• ")
    if kind == "agreement":
        return agreement_line(t, info, name, None).removeprefix("• ")
    if kind == "trade":
        return _trade_short(t, info, name)
    if kind == "person":
        return role_line(t, info, name).removeprefix("• ")
    return source_label(t, info)


def _trade_short(t: Translator, figure: TradeInfo, name: CountryName) -> str:
    pair = " — ".join(esc(name(c)) for c in (figure.reporter, figure.partner) if c)
    # no [n]: a citation number only ever appears with its numbered list
    line = trade_line(t, figure, None).removeprefix("• ")
    return f"{pair}: {line}" if pair else line


def item_details(t: Translator, item: Entry | None, name: CountryName) -> list[str]:
    """What an "open" button shows: the entry in full, with its sources."""
    if item is None:
        return [t("item-missing")]
    kind, info = item
    if kind == "agreement" and isinstance(info, AgreementInfo):
        return pack([agreement_line(t, info, name, None, with_details=True)])
    if kind == "article" and isinstance(info, ArticleCard):
        return article_card(t, info, name)
    if kind == "person" and isinstance(info, RoleInfo):
        asked = english.person_name(t, info.name_ru, info.name_en)
        return [role_line(t, info, name) + f"\n<code>/person {esc(asked)}</code>"]
    cite = SourceNumbers()
    if kind == "event" and isinstance(info, EventInfo):
        blocks = [event_line(t, info, cite, name)]
        summary = english.own_language(t, info.summary, info.summary_en)
        if summary:
            blocks.append(esc(clip(summary, 600)))
        countries = ", ".join(f"{flag(code)} {esc(name(code))}" for code, _ in info.countries)
        if countries:
            blocks.append(countries)
    elif kind == "trade" and isinstance(info, TradeInfo):
        blocks = [trade_line(t, info, cite)]
    else:
        return [t("item-missing")]
    blocks += [f"[{n}] {source_label(t, s)}" for n, s in enumerate(cite.order, start=1)]
    return pack(blocks)


def country_needed(t: Translator, result: CountryNotMatched, name: CountryName) -> list[str]:
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


ARTICLE_CARD_PER_KIND = 10


def article_card(t: Translator, card: ArticleCard, name: CountryName) -> list[str]:
    """Title, outlet, date and link, then the facts the article supports, by kind."""
    source = card.source
    blocks = [
        f"<b>{esc(clip(source.title, 300))}</b>",
        t(
            "article-card-where",
            outlet=esc(clip(source.outlet or source.author or t("source-no-outlet"), 100)),
            date=format_date(t, source.published_at, "day"),
        ),
    ]
    if source.url and source.url.startswith(("http://", "https://")):
        blocks.append(t("article-card-link", url=esc(source.url)))
    sections = [
        ("article-card-events", [event_line(t, e, None, name) for e in card.events]),
        ("article-card-agreements", [agreement_line(t, a, name, None) for a in card.agreements]),
        ("article-card-trade", ["• " + _trade_short(t, f, name) for f in card.trade]),
    ]
    total = 0
    for key, lines in sections:
        total += len(lines)
        shown = lines[:ARTICLE_CARD_PER_KIND]
        blocks += section(t(key, count=len(lines)), shown)
        blocks += more_line(t, len(shown), len(lines)) if shown else []
    if total == 0:
        blocks.append(t("article-card-no-facts"))
    return pack(blocks)
