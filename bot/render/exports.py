"""The files /export and /calendar send: CSV or JSON of facts, and an iCalendar of events.

One row per fact, with field names after the event-data conventions analysts know
(PLOVER / ICEWS: event_type, event_date, source_country, target_country, ...). A file
larger than one part's budget is cut into parts at row (or event) boundaries, each part a
complete file of its own: a CSV with its header, a JSON object, a VCALENDAR."""

from __future__ import annotations

import calendar
import csv
import datetime as dt
import io
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import icalendar

from bot.exports import EventsToExport, ExportFormat, FactsToExport
from bot.i18n import Translator, translator
from bot.render import english
from bot.render.facts import AGREEMENT_TYPE_IDS, CountryName, format_date
from bot.render.html import esc
from bot.roles import is_latin_only
from store.dto import AgreementInfo, EventInfo, SourceRef, TradeInfo

PART_BYTES = 8_000_000  # well under the 50 MB a bot may send, and quick to open
PRODID = "-//kz-diplomacy-bot//briefings//EN"
FIELDS = (
    "id",
    "fact_type",
    "event_type",
    "event_date",
    "date_precision",
    "date_end",
    "status",
    "source_country",
    "target_country",
    "countries",
    "participants_ru",
    "participants_en",
    "title_ru",
    "title_en",
    "place",
    "place_en",
    "quantity",
    "metric",
    "value",
    "currency",
    "basis",
    "year",
    "year_end",
    "target_year",
    "qualifier",
    "sources",
)
LIST_SEPARATOR = "; "

Row = dict[str, Any]


@dataclass(frozen=True, slots=True)
class ExportFile:
    filename: str
    content: bytes
    items: int  # facts (or events) in this part
    part: int
    parts: int


# ------------------------------------------------------------------ rows


def _in_language(text: str | None, language: str) -> str | None:
    """A stored title is in the language of its article: it fills the column of that
    language and leaves the other one empty rather than guessing (the same test the cards
    use to tell an English text from a Russian one)."""
    if not text:
        return None
    return text if is_latin_only(text) == (language == "en") else None


def _sources(refs: Sequence[SourceRef]) -> list[Row]:
    return [
        {
            "article_id": ref.article_id,
            "title": ref.title,
            "outlet": ref.outlet,
            "published": ref.published_at.isoformat() if ref.published_at else None,
            "url": ref.url,
        }
        for ref in refs
    ]


def _blank() -> Row:
    return dict.fromkeys(FIELDS)


def event_row(event: EventInfo, english_names: CountryName) -> Row:
    roles = dict((role, iso2) for iso2, role in event.countries)
    en = translator("en")
    row = _blank()
    row.update(
        id=f"e{event.id}",
        fact_type="event",
        event_type=event.kind,
        event_date=event.date_start.isoformat() if event.date_start else None,
        date_precision=event.precision,
        date_end=event.date_end.isoformat() if event.date_end else None,
        source_country=roles.get("visitor"),
        target_country=roles.get("host"),
        countries=[iso2 for iso2, _ in event.countries],
        participants_ru=list(event.participants),
        participants_en=english.participants(en, event),
        title_ru=_in_language(event.title, "ru"),
        title_en=english.event_title(en, event, english_names),
        place=event.place,
        place_en=english.place_name(en, event.place, event.place_en),
        sources=_sources(event.sources),
        status="planned" if event.planned else None,
    )
    return row


def agreement_row(agreement: AgreementInfo) -> Row:
    row = _blank()
    row.update(
        id=f"a{agreement.id}",
        fact_type="agreement",
        event_type=AGREEMENT_TYPE_IDS.get(agreement.type, "documents"),
        event_date=agreement.signed_on.isoformat() if agreement.signed_on else None,
        date_precision=agreement.signed_precision if agreement.signed_on else None,
        status=agreement.status,
        countries=list(agreement.parties),
        title_ru=_in_language(agreement.title, "ru"),
        title_en=agreement.title_en or _in_language(agreement.title, "en"),
        place=agreement.place,
        place_en=english.place_name(translator("en"), agreement.place),
        quantity=agreement.quantity,
        year=agreement.period_start,
        year_end=agreement.period_end,
        sources=_sources(agreement.sources),
    )
    return row


def trade_row(figure: TradeInfo) -> Row:
    row = _blank()
    row.update(
        id=f"t{figure.id}",
        fact_type="trade",
        event_type=figure.metric,
        source_country=figure.reporter,
        target_country=figure.partner or figure.partner_group,
        countries=[code for code in (figure.reporter, figure.partner) if code],
        metric=figure.metric,
        value=str(figure.value.normalize()),
        currency=figure.unit,
        basis=figure.kind,
        year=figure.year,
        year_end=figure.year_end,
        target_year=figure.target_year,
        qualifier=figure.qualifier,
        sources=_sources(figure.sources),
    )
    return row


def fact_rows(export: FactsToExport, english_names: CountryName) -> list[Row]:
    """`english_names`: country names in English, for the event titles made from fields."""
    facts = export.facts
    return (
        [event_row(event, english_names) for event in facts.events]
        + [agreement_row(agreement) for agreement in facts.agreements]
        + [trade_row(figure) for figure in facts.trade]
    )


# ------------------------------------------------------------------ parts


def _parts(pieces: Sequence[bytes], budget: int) -> list[list[int]]:
    """Indexes of `pieces` grouped so each group's bytes stay within `budget`; a piece
    larger than the budget goes alone rather than being cut."""
    groups: list[list[int]] = []
    size = budget + 1
    for index, piece in enumerate(pieces):
        if size + len(piece) > budget and (not groups or groups[-1]):
            groups.append([])
            size = 0
        groups[-1].append(index)
        size += len(piece)
    return groups or [[]]


def _name(stem: str, country: str | None, part: int, parts: int, extension: str) -> str:
    suffix = f"-part{part}" if parts > 1 else ""
    return f"{stem}-{country or 'all'}{suffix}.{extension}"


def _csv_line(values: Sequence[object]) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerow(values)
    return buffer.getvalue().encode("utf-8")


def _csv_value(field: str, value: object) -> object:
    if field == "sources" and isinstance(value, list):
        return " | ".join(
            " — ".join(
                str(part) for part in (s["title"], s["outlet"], s["published"], s["url"]) if part
            )
            for s in value
        )
    if isinstance(value, list):
        return LIST_SEPARATOR.join(str(item) for item in value)
    return "" if value is None else value


def csv_files(rows: Sequence[Row], country: str | None, budget: int) -> list[ExportFile]:
    # The BOM lets spreadsheet programs read the UTF-8 (Cyrillic) columns correctly.
    header = b"\xef\xbb\xbf" + _csv_line(FIELDS)
    lines = [_csv_line([_csv_value(f, row[f]) for f in FIELDS]) for row in rows]
    groups = _parts(lines, budget - len(header))
    return [
        ExportFile(
            _name("kz-facts", country, number, len(groups), "csv"),
            header + b"".join(lines[i] for i in group),
            len(group),
            number,
            len(groups),
        )
        for number, group in enumerate(groups, start=1)
    ]


def json_files(
    rows: Sequence[Row], country: str | None, budget: int, generated: dt.datetime
) -> list[ExportFile]:
    items = [json.dumps(row, ensure_ascii=False).encode("utf-8") for row in rows]
    groups = _parts(items, budget - 300)  # room for the envelope

    def document(number: int, group: list[int]) -> bytes:
        envelope = {
            "generated": generated.isoformat(timespec="seconds"),
            "country": country,
            "part": number,
            "parts": len(groups),
            "fields": list(FIELDS),
            "facts": [rows[i] for i in group],
        }
        return json.dumps(envelope, ensure_ascii=False, indent=1).encode("utf-8")

    return [
        ExportFile(
            _name("kz-facts", country, number, len(groups), "json"),
            document(number, group),
            len(group),
            number,
            len(groups),
        )
        for number, group in enumerate(groups, start=1)
    ]


def export_files(
    export: FactsToExport,
    generated: dt.datetime,
    english_names: CountryName,
    budget: int = PART_BYTES,
) -> list[ExportFile]:
    rows = fact_rows(export, english_names)
    if export.format is ExportFormat.JSON:
        return json_files(rows, export.country, budget, generated)
    return csv_files(rows, export.country, budget)


# ------------------------------------------------------------------ calendar


def _span(event: EventInfo) -> tuple[dt.date, dt.date]:
    """All-day dates [start, end) at the precision the sources give: a month-precise visit
    spans its month, a year-precise one its year (and says so in the description)."""
    start = event.date_start
    assert start is not None
    if event.precision == "year":
        return dt.date(start.year, 1, 1), dt.date(start.year + 1, 1, 1)
    if event.precision == "month":
        days = calendar.monthrange(start.year, start.month)[1]
        first = start.replace(day=1)
        return first, first + dt.timedelta(days=days)
    return start, (event.date_end or start) + dt.timedelta(days=1)


def _description(t: Translator, event: EventInfo) -> str:
    lines = []
    if event.precision in ("month", "year"):
        lines.append(t(f"calendar-precision-{event.precision}"))
    names = english.participants(t, event)
    if names:
        lines.append(t("calendar-participants", names=", ".join(names)))
    if event.sources:
        lines.append(t("calendar-sources"))
        for ref in event.sources:
            published = format_date(t, ref.published_at, "day") if ref.published_at else ""
            parts = (ref.outlet or "", published, f"«{ref.title}»", ref.url or "")
            lines.append(" ".join(part for part in parts if part))
    return "\n".join(lines)


def calendar_event(
    t: Translator,
    event: EventInfo,
    today: dt.date,
    stamp: dt.datetime,
    country_name: CountryName,
) -> icalendar.Event:
    start, end = _span(event)
    kind = t(f"event-{event.kind}")
    title = english.event_title(t, event, country_name)
    summary = title if title.lower().startswith(kind.lower()) else f"{kind}: {title}"
    component = icalendar.Event()
    component.add("uid", f"event-{event.id}@kz-diplomacy-bot")
    component.add("dtstamp", stamp)
    component.add("dtstart", start)
    component.add("dtend", end)
    component.add("summary", summary)
    component.add("categories", [event.kind])
    # Announced, or dated in the future: a plan, not a meeting that took place.
    component.add("status", "TENTATIVE" if event.planned or start > today else "CONFIRMED")
    component.add("transp", "TRANSPARENT")
    place = english.place_name(t, event.place, event.place_en)
    if place:
        component.add("location", place)
    description = _description(t, event)
    if description:
        component.add("description", description)
    url = next((ref.url for ref in event.sources if ref.url), None)
    if url:
        component.add("url", url)
    return component


def calendar_files(
    t: Translator,
    export: EventsToExport,
    stamp: dt.datetime,
    title: str,
    country_name: CountryName,
    budget: int = PART_BYTES,
) -> list[ExportFile]:
    today = stamp.date()
    components = [calendar_event(t, event, today, stamp, country_name) for event in export.events]
    pieces = [component.to_ical() for component in components]
    groups = _parts(pieces, budget - 400)

    def document(group: list[int]) -> bytes:
        cal = icalendar.Calendar()
        cal.add("prodid", PRODID)
        cal.add("version", "2.0")
        cal.add("calscale", "GREGORIAN")
        cal.add("x-wr-calname", title)
        for index in group:
            cal.add_component(components[index])
        return bytes(cal.to_ical())

    return [
        ExportFile(
            _name("kz-events", export.country, number, len(groups), "ics"),
            document(group),
            len(group),
            number,
            len(groups),
        )
        for number, group in enumerate(groups, start=1)
    ]


def _scope(t: Translator, country: str | None, country_name: Callable[[str], str]) -> str:
    """What a file covers: a country, or every one."""
    return country_name(country) if country else t("export-all-countries")


def calendar_title(t: Translator, country: str | None, country_name: CountryName) -> str:
    return t("calendar-name", country=_scope(t, country, country_name))


def file_caption(
    t: Translator,
    file: ExportFile,
    what: str,
    country: str | None,
    country_name: Callable[[str], str],
) -> str:
    place = esc(_scope(t, country, country_name))
    return t(f"{what}-caption", count=file.items, country=place, part=file.part, parts=file.parts)


def nothing_to_send(
    t: Translator, what: str, country: str | None, country_name: Callable[[str], str]
) -> str:
    return t(f"{what}-empty", country=esc(_scope(t, country, country_name)))
