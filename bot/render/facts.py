"""One line per fact (document, event, trade figure, role), dates and amounts in the
user's language, "flag + country name", and the numbered source list - each written once."""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Callable, Sequence
from decimal import Decimal

from bot.i18n import Translator
from bot.render import english
from bot.render.html import clip, esc
from bot.roles import is_latin_only
from store.dto import (
    AgreementInfo,
    EventInfo,
    RoleInfo,
    SourceRef,
    TradeInfo,
)

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
    "заявление": "statement",
}


def agreement_status(t: Translator, status: str, type_: str, quantity: int = 1) -> str:
    """ "подписана" for a declaration, "подписано" for an agreement, "подписаны" for several:
    the Russian participle agrees with the document; the type id tells the gender."""
    type_id = "documents" if quantity > 1 else AGREEMENT_TYPE_IDS.get(type_, "documents")
    return t(f"agreement-status-{status}", type=type_id)


CURRENCY_SIGNS = {"USD": "$", "EUR": "€", "RUB": "₽", "CNY": "¥", "KZT": "₸"}


CountryName = Callable[[str], str]


def flag(iso2: str) -> str:
    if len(iso2) != 2 or not iso2.isalpha():
        return "🏳"
    return "".join(chr(0x1F1E6 + ord(letter) - ord("A")) for letter in iso2.upper())


def format_date(t: Translator, date: dt.date | None, precision: str | None) -> str:
    if date is None:
        return "—"
    if precision == "year":
        return t("year-suffix", year=str(date.year))
    if precision == "month":
        return f"{t(f'month-{date.month}')} {date.year}"
    return date.strftime("%d.%m.%Y") if t.language == "ru" else date.isoformat()


def planned_when(t: Translator, when: str, *, dated: bool) -> str:
    """The date of an event announced, not held: "planned, May 2026"."""
    return t("event-planned-when", date=when) if dated else t("event-planned-undated")


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
    who = source.outlet or source.author
    who = english.person_name(t, who, None) if who else t("source-no-outlet")
    date = format_date(t, source.published_at, "day") if source.published_at else "—"
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


def section(header: str, entries: list[str]) -> list[str]:
    """A header glued to its first entry, so no message ends on a bare header."""
    if not entries:
        return []
    return ["\n" + header + "\n" + entries[0], *entries[1:]]


def more_line(t: Translator, shown: int, total: int) -> list[str]:
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
    title = esc(clip(english.agreement_title(t, agreement, kind), 300))
    if agreement.quantity > 1:
        title = f"{t('agreement-quantity', count=str(agreement.quantity))}: {title}"
    details = [kind, agreement_status(t, agreement.status, agreement.type, agreement.quantity)]
    if agreement.period_start and agreement.period_end:
        details.append(
            t("agreement-period", start=str(agreement.period_start), end=str(agreement.period_end))
        )
    line = f"• <b>{when}</b> — {title} ({', '.join(details)})"
    if with_details:
        parties = ", ".join(f"{flag(c)} {esc(country_name(c))}" for c in agreement.parties)
        line += "\n  " + t("agreement-parties", parties=parties)
        place = english.place_name(t, agreement.place)
        if place:
            line += "; " + t("agreement-place", place=esc(clip(place, 100)))
        summary = english.own_language(t, agreement.summary, agreement.summary_en)
        if summary:
            line += "\n  " + esc(clip(summary, 300))
        line += (
            "\n  "
            + t("sources-label")
            + ": "
            + "; ".join(source_label(t, s) for s in agreement.sources[:5])
        )
    elif cite is not None:
        line += cite.cite(agreement.sources)
    return line


def reporting_outlets(sources: Sequence[SourceRef]) -> int:
    """How many outlets (or authors, for an article naming no outlet) report a fact."""
    return len({source.outlet or source.author or source.article_id for source in sources})


def event_line(
    t: Translator,
    event: EventInfo,
    cite: SourceNumbers | None,
    country_name: CountryName | None = None,
) -> str:
    when = format_date_range(t, event.date_start, event.date_end, event.precision)
    if event.planned:  # announced, not held: said before anything else on the line
        when = planned_when(t, when, dated=event.date_start is not None)
    where = english.place_name(t, event.place, event.place_en)
    place = f", {esc(clip(where, 100))}" if where else ""
    kind = t(f"event-{event.kind}")
    if country_name is not None:
        text = english.event_title(t, event, country_name)
    else:
        text = english.own_language(t, event.title, event.title_en) or event.title
    title = esc(clip(text, 250))
    # "Переговоры: Переговоры министров ..." says it twice; the title alone is enough then.
    label = title if text.lower().startswith(kind.lower()) else f"{kind}: {title}"
    line = f"• <b>{when}</b>{place} — {label}"
    outlets = reporting_outlets(event.sources)
    if outlets > 1:  # one occasion, several outlets: said once, never as several events
        line += " · " + t("event-reported-by", count=outlets)
    people = english.participants(t, event)
    if people:
        line += "\n  " + esc(clip(", ".join(people), 250))
    if cite is not None:
        line += cite.cite(event.sources)
    return line


def trade_line(t: Translator, figure: TradeInfo, cite: SourceNumbers | None) -> str:
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
    group = f" ({esc(english.group_name(t, figure.partner_group))})" if figure.partner_group else ""
    line = (
        f"• <b>{when}</b>: {t(f'trade-{figure.metric}')}{group} {qualifier}"
        f"{format_amount(t, figure.value, figure.unit)}"
    )
    note = english.own_language(t, figure.note, figure.note_en)
    if note:
        line += f" — <i>{esc(clip(note, 200))}</i>"
    return line + (cite.cite(figure.sources) if cite is not None else "")


def role_title(t: Translator, role: RoleInfo) -> str | None:
    """The role in the reader's language; None rather than a role in the other one."""
    if t.language == "en":
        if role.title_en:
            return role.title_en
        return role.title_ru if is_latin_only(role.title_ru) else None
    return None if is_latin_only(role.title_ru) else role.title_ru


def role_line(t: Translator, role: RoleInfo, country_name: CountryName) -> str:
    name = english.person_name(t, role.name_ru, role.name_en)
    title = role_title(t, role)
    where = f"{flag(role.country)} " if role.country else ""
    line = f"• {where}<b>{esc(name)}</b>"
    return f"{line} — {esc(clip(title, 200))}" if title else line
