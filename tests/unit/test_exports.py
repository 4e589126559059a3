"""The export files on their own: any text survives a CSV round trip whatever the part
budget, and calendar events keep their dates' precision and whether they are planned."""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import replace

import icalendar
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.exports import EventsToExport
from bot.i18n import translator
from bot.render.exports import FIELDS, calendar_event, calendar_files, csv_files, event_row
from store.dto import EventInfo, SourceRef

NAMES = {"KZ": "Kazakhstan", "TJ": "Tajikistan"}.__getitem__
texts = st.text(
    st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=80
)


@settings(max_examples=60, deadline=None)
@given(titles=st.lists(texts, min_size=1, max_size=40), budget=st.integers(600, 5_000))
def test_csv_parts_give_back_every_row_in_order(titles: list[str], budget: int) -> None:
    rows = [
        dict.fromkeys(FIELDS) | {"id": f"e{i}", "title_ru": title} for i, title in enumerate(titles)
    ]
    files = csv_files(rows, "TJ", budget)
    back: list[dict[str, str]] = []
    for number, file in enumerate(files, start=1):
        assert (file.part, file.parts) == (number, len(files))
        part = list(csv.DictReader(io.StringIO(file.content.decode("utf-8-sig"), newline="")))
        assert len(part) == file.items >= 1
        if file.items > 1:
            assert len(file.content) <= budget
        back.extend(part)
    assert [row["id"] for row in back] == [row["id"] for row in rows]
    assert [row["title_ru"] for row in back] == [row["title_ru"] or "" for row in rows]


def event(day: dt.date, precision: str, title: str = "Визит; переговоры, итоги\nдень") -> EventInfo:
    source = SourceRef(1, "Статья", "Outlet", None, day, "https://example.org/a")
    return EventInfo(
        7,
        "official_visit",
        title,
        day,
        None,
        precision,
        "Душанбе",
        None,
        (("KZ", "visitor"), ("TJ", "host")),
        ("Ермек Кошербаев",),
        None,
        (source,),
        ("Yermek Kosherbayev",),
    )


def test_planned_events_are_tentative_and_dates_keep_their_precision() -> None:
    t = translator("en")
    stamp = dt.datetime(2026, 6, 1, 12, tzinfo=dt.UTC)
    planned = calendar_event(t, event(dt.date(2026, 9, 15), "day"), stamp.date(), stamp, NAMES)
    assert str(planned["STATUS"]) == "TENTATIVE"
    assert planned.decoded("DTEND") - planned.decoded("DTSTART") == dt.timedelta(days=1)
    yearly = calendar_event(t, event(dt.date(2025, 1, 1), "year"), stamp.date(), stamp, NAMES)
    assert str(yearly["STATUS"]) == "CONFIRMED"
    assert (yearly.decoded("DTSTART"), yearly.decoded("DTEND")) == (
        dt.date(2025, 1, 1),
        dt.date(2026, 1, 1),
    )
    assert "only the year" in str(yearly["DESCRIPTION"])
    assert "Yermek Kosherbayev" in str(yearly["DESCRIPTION"])


def test_an_announced_event_is_planned_in_the_row_and_tentative_whatever_its_date() -> None:
    """A source announced it: still a plan on the calendar, even once its month is past."""
    t = translator("en")
    stamp = dt.datetime(2026, 6, 1, 12, tzinfo=dt.UTC)
    announced = replace(event(dt.date(2026, 5, 1), "month"), planned=True)
    assert str(calendar_event(t, announced, stamp.date(), stamp, NAMES)["STATUS"]) == "TENTATIVE"
    assert event_row(announced, NAMES)["status"] == "planned"
    assert event_row(event(dt.date(2026, 5, 1), "month"), NAMES)["status"] is None


def test_calendar_text_survives_escaping_and_parts() -> None:
    t = translator("ru")
    stamp = dt.datetime(2026, 6, 1, tzinfo=dt.UTC)
    events = [replace(event(dt.date(2026, 1, day), "day"), id=day) for day in range(1, 29)]
    export = EventsToExport("TJ", events)
    files = calendar_files(t, export, stamp, "Казахстан: Таджикистан", NAMES, 3_000)
    assert len(files) > 1
    parsed = [icalendar.Calendar.from_ical(file.content) for file in files]
    summaries = [str(e["SUMMARY"]) for cal in parsed for e in cal.walk("VEVENT")]
    uids = [str(e["UID"]) for cal in parsed for e in cal.walk("VEVENT")]
    assert uids == [f"event-{day}@kz-diplomacy-bot" for day in range(1, 29)]
    assert all(s == "Официальный визит: Визит; переговоры, итоги\nдень" for s in summaries)
    assert all(str(cal["X-WR-CALNAME"]) == "Казахстан: Таджикистан" for cal in parsed)
