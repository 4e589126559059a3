"""Facts -> Telegram HTML. Every value from the database or the user goes through `esc`.

Renderers return blocks (one entry each); `pack` joins blocks into messages of at most
4096 characters, breaking between blocks and never inside one.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal

from bot.briefings import (
    CountryFound,
    CountryHome,
    CountryResult,
    CountryUnresolved,
    CountryWithoutFacts,
    PersonFound,
    PersonMissingQuery,
    PersonResult,
    PersonUnresolved,
    TreatyNotFound,
)
from bot.i18n import Translator
from store.dto import (
    AgreementInfo,
    CountryCard,
    EventInfo,
    PersonProfile,
    RelationInfo,
    RoleInfo,
    SourceRef,
    TradeInfo,
)

MESSAGE_LIMIT = 4096
# Longest text of one field; keeps every block well under a message, so splitting between
# blocks always works.
FIELD_LIMIT = 400
QUERY_ECHO_LIMIT = 80

AGREEMENT_TYPE_IDS = {
    "договор": "treaty",
    "соглашение": "agreement",
    "меморандум": "memorandum",
    "декларация": "declaration",
    "программа": "programme",
    "дорожная карта": "roadmap",
    "протокол": "protocol",
    "документ": "documents",
    "конвенция": "convention",
    "хартия": "charter",
    "коммюнике": "communique",
    "план": "plan",
}
CURRENCY_SIGNS = {"USD": "$", "EUR": "€", "RUB": "₽", "CNY": "¥", "KZT": "₸"}

CountryName = Callable[[str], str]


def esc(value: object) -> str:
    return html.escape(str(value), quote=False)


def clip(text: str, limit: int = FIELD_LIMIT) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def flag(iso2: str) -> str:
    if len(iso2) != 2 or not iso2.isalpha():
        return "🏳"
    return "".join(chr(0x1F1E6 + ord(letter) - ord("A")) for letter in iso2.upper())


def pack(blocks: Iterable[str], limit: int = MESSAGE_LIMIT) -> list[str]:
    """Join blocks with newlines into as few messages as fit, splitting only between blocks."""
    messages: list[str] = []
    current = ""
    for block in blocks:
        if utf16_length(block) > limit:  # clipped fields make this unreachable; stay safe
            block = esc(clip(html.unescape(_strip_tags(block)), limit // 3))
        candidate = f"{current}\n{block}" if current else block
        if utf16_length(candidate) <= limit:
            current = candidate
        else:
            messages.append(current.strip("\n"))
            current = block
    if current.strip():
        messages.append(current.strip("\n"))
    return messages


def _strip_tags(text: str) -> str:
    return re.sub(r"<[^>]+>", "", text)


def utf16_length(text: str) -> int:
    """Telegram measures text in UTF-16 code units (a flag emoji counts 4)."""
    return len(text.encode("utf-16-le")) // 2


# ------------------------------------------------------------------ pieces


def format_date(t: Translator, date: dt.date | None, precision: str | None) -> str:
    if date is None:
        return "—"
    if precision == "year":
        return t("year-suffix", year=str(date.year))
    if precision == "month":
        return f"{t(f'month-{date.month}')} {date.year}"
    return date.strftime("%d.%m.%Y") if t.language == "ru" else date.isoformat()


def format_date_range(
    t: Translator, start: dt.date | None, end: dt.date | None, precision: str | None
) -> str:
    first = format_date(t, start, precision)
    if end is None or end == start:
        return first
    return t("date-range", start=first, end=format_date(t, end, precision))


def format_number(value: Decimal | float, language: str) -> str:
    number = Decimal(str(value)).quantize(Decimal("0.01")).normalize()
    text = f"{number:,f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    if language == "ru":
        return text.replace(",", "\u00a0").replace(".", ",")
    return text


def format_amount(t: Translator, value: Decimal, unit: str) -> str:
    if unit == "percent":
        return f"{format_number(value, t.language)}%"
    if unit == "times":
        return t("money-times", value=format_number(value, t.language))
    sign = CURRENCY_SIGNS.get(unit, unit + " ")
    if value >= 1_000_000_000:
        amount = t("money-bn", value=format_number(value / 1_000_000_000, t.language))
    elif value >= 1_000_000:
        amount = t("money-mn", value=format_number(value / 1_000_000, t.language))
    else:
        amount = format_number(value, t.language)
    return f"{amount}\u00a0{sign}" if unit == "KZT" else f"{sign}{amount}"


def source_label(t: Translator, source: SourceRef) -> str:
    who = source.outlet or source.author or t("source-no-outlet")
    date = source.published_at.strftime("%d.%m.%Y") if source.published_at else "—"
    label = f"{esc(clip(who, 80))}, {date} — «{esc(clip(source.title, 200))}»"
    if source.url and source.url.startswith(("http://", "https://")):
        return f'<a href="{html.escape(source.url, quote=True)}">{label}</a>'
    return label


class SourceNumbers:
    """Numbers each cited article once, so a fact line can say [1, 3]."""

    def __init__(self) -> None:
        self.order: list[SourceRef] = []
        self._numbers: dict[int, int] = {}

    def cite(self, sources: Sequence[SourceRef]) -> str:
        numbers = []
        for source in sources:
            if source.article_id not in self._numbers:
                self.order.append(source)
                self._numbers[source.article_id] = len(self.order)
            numbers.append(self._numbers[source.article_id])
        return f" [{', '.join(map(str, sorted(numbers)))}]" if numbers else ""


def _section(header: str, entries: list[str]) -> list[str]:
    """A header glued to its first entry, so no message ends on a bare header."""
    if not entries:
        return []
    return ["\n" + header + "\n" + entries[0], *entries[1:]]


def _more(t: Translator, shown: int, total: int) -> list[str]:
    return [t("card-more", count=str(total - shown))] if total > shown else []


def agreement_kind(t: Translator, agreement: AgreementInfo) -> str:
    return t(f"agreement-type-{AGREEMENT_TYPE_IDS.get(agreement.type, 'documents')}")


def agreement_line(
    t: Translator,
    agreement: AgreementInfo,
    country_name: CountryName,
    cite: SourceNumbers | None,
    with_details: bool = False,
) -> str:
    kind = agreement_kind(t, agreement)
    when = (
        format_date(t, agreement.signed_on, agreement.signed_precision)
        if agreement.signed_on
        else t("agreement-undated")
    )
    title = esc(clip(agreement.title, 300))
    if agreement.quantity > 1:
        title = f"{t('agreement-quantity', count=str(agreement.quantity))}: {title}"
    details = [kind, t(f"agreement-status-{agreement.status}")]
    if agreement.period_start and agreement.period_end:
        details.append(
            t("agreement-period", start=str(agreement.period_start), end=str(agreement.period_end))
        )
    line = f"• <b>{when}</b> — {title} ({', '.join(details)})"
    if with_details:
        parties = ", ".join(f"{flag(c)} {esc(country_name(c))}" for c in agreement.parties)
        line += "\n  " + t("agreement-parties", parties=parties)
        if agreement.place:
            line += "; " + t("agreement-place", place=esc(clip(agreement.place, 100)))
        if agreement.summary:
            line += "\n  " + esc(clip(agreement.summary, 300))
        line += (
            "\n  "
            + t("sources-label")
            + ": "
            + "; ".join(source_label(t, s) for s in agreement.sources[:5])
        )
    elif cite is not None:
        line += cite.cite(agreement.sources)
    return line


def event_line(t: Translator, event: EventInfo, cite: SourceNumbers | None) -> str:
    when = format_date_range(t, event.date_start, event.date_end, event.precision)
    place = f", {esc(clip(event.place, 100))}" if event.place else ""
    kind = t(f"event-{event.kind}")
    title = esc(clip(event.title, 250))
    # "Переговоры: Переговоры министров ..." says it twice; the title alone is enough then.
    label = title if event.title.lower().startswith(kind.lower()) else f"{kind}: {title}"
    line = f"• <b>{when}</b>{place} — {label}"
    if event.participants:
        line += "\n  " + esc(clip(", ".join(event.participants), 250))
    if cite is not None:
        line += cite.cite(event.sources)
    return line


def trade_line(t: Translator, figure: TradeInfo, cite: SourceNumbers) -> str:
    if figure.kind == "target":
        when = (
            t("trade-target-year", year=str(figure.target_year))
            if figure.target_year
            else t("trade-target")
        )
    elif figure.year and figure.year_end:
        when = t("trade-year", year=f"{figure.year}–{figure.year_end}")
    elif figure.year:
        when = t("trade-year", year=str(figure.year))
    else:
        when = t("trade-actual")
    qualifier = f"{t(f'trade-qualifier-{figure.qualifier}')} " if figure.qualifier else ""
    group = f" ({esc(figure.partner_group)})" if figure.partner_group else ""
    line = (
        f"• <b>{when}</b>: {t(f'trade-{figure.metric}')}{group} {qualifier}"
        f"{format_amount(t, figure.value, figure.unit)}"
    )
    if figure.note:
        line += f" — <i>{esc(clip(figure.note, 200))}</i>"
    return line + cite.cite(figure.sources)


def role_line(t: Translator, role: RoleInfo, country_name: CountryName) -> str:
    name = role.name_en if t.language == "en" and role.name_en else role.name_ru
    title = role.title_en if t.language == "en" and role.title_en else role.title_ru
    where = f"{flag(role.country)} " if role.country else ""
    return f"• {where}<b>{esc(name)}</b> — {esc(clip(title, 200))}"


def _relation_blocks(
    t: Translator, relations: Sequence[RelationInfo], cite: SourceNumbers
) -> list[str]:
    if not relations:
        return [t("card-level-unknown")]
    current, *earlier = relations
    parts = [t("card-level", level=t(f"level-{current.level}"))]
    if current.since:
        parts.append(t("card-level-since", date=format_date(t, current.since, current.precision)))
    line = " ".join(parts)
    if current.agreement_title:
        line += "; " + t("card-level-document", title=esc(clip(current.agreement_title, 200)))
    if current.note:
        line += f"\n<i>{esc(clip(current.note, 300))}</i>"
    line += cite.cite(current.sources)
    blocks = [line]
    for older in earlier:
        blocks.append(
            t(
                "card-level-previous",
                level=t(f"level-{older.level}"),
                date=format_date(t, older.since, older.precision),
            )
            + cite.cite(older.sources)
        )
    return blocks


# ------------------------------------------------------------------ whole replies


def country_card(t: Translator, card: CountryCard, country_name: CountryName) -> list[str]:
    cite = SourceNumbers()
    name = country_name(card.country.iso2)
    blocks = [t("card-title", flag=flag(card.country.iso2), name=esc(name))]
    blocks += _relation_blocks(t, card.relations, cite)
    agreements = [agreement_line(t, a, country_name, cite) for a in card.agreements]
    agreements += _more(t, len(card.agreements), card.agreements_total)
    if card.agreements_total > len(card.agreements):
        agreements.append(t("card-more-agreements", name=esc(card.country.iso2)))
    blocks += _section(t("card-agreements", count=str(card.agreements_total)), agreements)
    events = [event_line(t, e, cite) for e in card.events]
    blocks += _section(
        t("card-events", count=str(card.events_total)),
        events + _more(t, len(card.events), card.events_total),
    )
    trade = [trade_line(t, f, cite) for f in card.trade]
    blocks += _section(t("card-trade"), trade + _more(t, len(card.trade), card.trade_total))
    blocks += _section(t("card-people"), [role_line(t, r, country_name) for r in card.people])
    sources = [f"[{n}] {source_label(t, s)}" for n, s in enumerate(cite.order, start=1)]
    blocks += _section(
        t("card-sources", count=str(max(card.sources_total, len(cite.order)))),
        sources + _more(t, len(cite.order), card.sources_total),
    )
    return pack(blocks)


def country_suggestions(
    t: Translator, header: str, codes: Sequence[str], country_name: CountryName
) -> list[str]:
    blocks = [header]
    if codes:
        blocks.append(t("country-suggestions"))
        blocks += [
            t("country-suggestion-item", flag=flag(c), name=esc(country_name(c)), code=c)
            for c in codes
        ]
    else:
        blocks.append(t("country-no-suggestions"))
    return pack(blocks)


def person_profile(t: Translator, profile: PersonProfile, country_name: CountryName) -> list[str]:
    name = profile.name_en if t.language == "en" and profile.name_en else profile.name_ru
    other = profile.name_ru if name != profile.name_ru else profile.name_en
    blocks = [f"<b>{esc(name)}</b>" + (f" ({esc(other)})" if other else "")]
    blocks += _section(t("person-roles"), [role_line(t, r, country_name) for r in profile.roles])
    cite = SourceNumbers()
    events = [event_line(t, e, cite) for e in profile.events]
    if events:
        blocks += _section(
            t("person-events", count=str(profile.events_total)),
            events + _more(t, len(profile.events), profile.events_total),
        )
        sources = [f"[{n}] {source_label(t, s)}" for n, s in enumerate(cite.order, start=1)]
        blocks += _section(t("card-sources", count=str(len(cite.order))), sources)
    else:
        blocks.append(t("person-no-events"))
    return pack(blocks)


def echo_query(query: str) -> str:
    """The user's query, shortened and escaped, to quote back in a reply."""
    return esc(clip(query, QUERY_ECHO_LIMIT))


# ------------------------------------------------------------------ results of the services


def country_result(t: Translator, result: CountryResult, country_name: CountryName) -> list[str]:
    match result:
        case CountryFound(card=card):
            return country_card(t, card, country_name)
        case CountryHome():
            return [t("country-home")]
        case CountryWithoutFacts(iso2=iso2):
            return [t("country-no-facts", flag=flag(iso2), name=esc(country_name(iso2)))]
        case CountryUnresolved(query=query, candidates=candidates, ambiguous=ambiguous):
            key = "country-ambiguous" if ambiguous else "country-not-found"
            return country_suggestions(t, t(key, query=echo_query(query)), candidates, country_name)
    raise AssertionError(result)


def treaty_not_found(t: Translator, result: TreatyNotFound, country_name: CountryName) -> list[str]:
    blocks = [t("treaty-not-found", query=echo_query(result.query))]
    if result.close:
        blocks.append(t("treaty-partial"))
        blocks += [agreement_line(t, a, country_name, None) for a in result.close]
    blocks.append(t("treaty-try"))
    return pack(blocks)


def person_result(t: Translator, result: PersonResult, country_name: CountryName) -> list[str]:
    match result:
        case PersonMissingQuery():
            return [t("person-usage")]
        case PersonFound(profile=profile):
            return person_profile(t, profile, country_name)
        case PersonUnresolved(query=query, candidates=candidates, ambiguous=ambiguous):
            key = "person-ambiguous" if ambiguous else "person-not-found"
            blocks = [t(key, query=echo_query(query))]
            if candidates:
                if not ambiguous:
                    blocks.append(t("person-suggestions"))
                blocks += [role_line(t, role, country_name) for role in candidates]
            else:
                blocks.append(t("person-usage"))
            return pack(blocks)
    raise AssertionError(result)
