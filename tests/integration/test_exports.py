"""/export and /calendar through the dispatcher: the files sent are parsed back (CSV,
JSON, iCalendar), hold every visible fact once and nothing hidden, page by size, and bad
arguments get a message instead of a file."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from typing import Any

import icalendar
from aiogram.methods import SendDocument
from aiogram.types import BufferedInputFile
from sqlalchemy import String, func, update

from bot.runtime import Runtime
from store import corrections
from store import exports as export_store
from store.models import Article
from tests.harness import Harness

TREATY = "Договор о союзнических отношениях"
LINK = "https://news.example.org/a/"


def sent_files(requests: list[Any]) -> list[tuple[str, bytes, str]]:
    """(file name, bytes, caption) of every document the bot sent."""
    found = []
    for request in requests:
        if isinstance(request, SendDocument):
            assert isinstance(request.document, BufferedInputFile)
            found.append((request.document.filename or "", request.document.data, request.caption))
    return found


async def export(harness: Harness, text: str, language: str = "ru") -> list[tuple[str, bytes, str]]:
    harness.session.requests.clear()
    await harness.client(language=language).send(text)
    return sent_files(harness.session.requests)


def csv_rows(content: bytes) -> list[dict[str, str]]:
    assert content.startswith(b"\xef\xbb\xbf")
    return list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"))))


async def visible_count(runtime: Runtime, iso2: str | None) -> int:
    async with runtime.session_factory() as session:
        facts = await export_store.visible_facts(session, iso2)
    return len(facts.events) + len(facts.agreements) + len(facts.trade)


async def give_every_article_a_link(runtime: Runtime) -> None:
    """The seed articles name no link; a published page would."""
    async with runtime.session_factory() as session:
        await session.execute(update(Article).values(url=LINK + func.cast(Article.id, String)))
        await session.commit()


async def test_csv_export_of_a_country_holds_each_fact_once(harness: Harness) -> None:
    await give_every_article_a_link(harness.runtime)
    [(name, content, caption)] = await export(harness, "/export TJ")
    assert name == "kz-facts-TJ.csv"
    rows = csv_rows(content)
    assert len(rows) == await visible_count(harness.runtime, "TJ") > 10
    assert len({row["id"] for row in rows}) == len(rows)
    assert {row["fact_type"] for row in rows} == {"event", "agreement", "trade"}
    assert f"записей: {len(rows)}" in caption
    treaty = next(row for row in rows if row["title_ru"] == TREATY)
    assert treaty["event_type"] == "treaty"
    assert treaty["title_en"] == "Treaty on Allied Relations"
    assert treaty["status"] in {"signed", "in_force"}
    assert set(treaty["countries"].split("; ")) == {"KZ", "TJ"}
    assert treaty["event_date"].startswith("20") and treaty["date_precision"] == "day"
    assert LINK in treaty["sources"] and " | " in treaty["sources"]
    trade = next(row for row in rows if row["fact_type"] == "trade")
    assert float(trade["value"]) > 0 and trade["currency"] and trade["basis"]
    for row in rows:
        if row["event_date"]:
            dt.date.fromisoformat(row["event_date"])


async def test_json_export_of_all_countries_and_hidden_facts_left_out(harness: Harness) -> None:
    [(name, content, caption)] = await export(harness, "/export json", language="en")
    assert name == "kz-facts-all.json" and "all countries" in caption
    document = json.loads(content)
    facts = document["facts"]
    assert len(facts) == await visible_count(harness.runtime, None)
    assert document["parts"] == 1 and document["fields"][0] == "id"
    assert all(fact["sources"] for fact in facts)
    assert all(source["url"] is None for fact in facts for source in fact["sources"])
    event = next(fact for fact in facts if fact["fact_type"] == "event" and fact["participants_en"])
    assert len(event["participants_en"]) == len(event["participants_ru"])
    event_id = int(event["id"][1:])

    async with harness.runtime.session_factory() as session:
        await corrections.set_hidden(session, "event", event_id, 0, True)
        await session.commit()
    [(_, content, _)] = await export(harness, "/export json", language="en")
    ids = {fact["id"] for fact in json.loads(content)["facts"]}
    assert event["id"] not in ids and len(ids) == len(facts) - 1


async def test_a_large_export_is_sent_in_parts_each_a_whole_file(runtime: Runtime) -> None:
    runtime.settings = runtime.settings.model_copy(update={"export_part_bytes": 4_000})
    harness = Harness(runtime)
    files = await export(harness, "/export csv")
    assert len(files) > 2
    seen: list[str] = []
    for number, (name, content, caption) in enumerate(files, start=1):
        assert name == f"kz-facts-all-part{number}.csv"
        assert f"часть {number} из {len(files)}" in caption
        rows = csv_rows(content)
        assert rows  # every part has its header and at least one fact
        if len(rows) > 1:
            assert len(content) <= 4_000
        seen.extend(row["id"] for row in rows)
    assert len(seen) == len(set(seen)) == await visible_count(harness.runtime, None)

    json_parts = await export(harness, "/export json")
    assert len(json_parts) > 2
    ids = [fact["id"] for _, content, _ in json_parts for fact in json.loads(content)["facts"]]
    assert sorted(ids) == sorted(seen)


async def test_calendar_imports_and_keeps_the_precision_of_dates(harness: Harness) -> None:
    await give_every_article_a_link(harness.runtime)
    [(name, content, caption)] = await export(harness, "/calendar TJ", language="en")
    assert name == "kz-events-TJ.ics" and "in the calendar" in caption
    calendar = icalendar.Calendar.from_ical(content)
    events = list(calendar.walk("VEVENT"))
    async with harness.runtime.session_factory() as session:
        dated = [e for e in await export_store.visible_events(session, "TJ") if e.date_start]
    assert len(events) == len(dated) > 3
    assert len({str(event["UID"]) for event in events}) == len(events)
    by_uid = {str(event["UID"]): event for event in events}
    for stored in dated:
        event = by_uid[f"event-{stored.id}@kz-diplomacy-bot"]
        start, end = event.decoded("DTSTART"), event.decoded("DTEND")
        assert start <= stored.date_start < end  # type: ignore[operator]
        if stored.precision == "day":
            assert (end - start).days == 1 + ((stored.date_end or start) - start).days
        elif stored.precision == "month":
            assert start.day == 1 and end.day == 1 and 28 <= (end - start).days <= 31
            assert "only the month" in str(event["DESCRIPTION"])
        if stored.participants_en and all(stored.participants_en):
            # an English reader gets the English spelling of the names
            assert stored.participants_en[0] in str(event["DESCRIPTION"])
        assert str(event["URL"]).startswith(LINK)


async def test_bad_arguments_get_a_message_not_a_file(harness: Harness) -> None:
    for text in ("/export Марс", "/calendar Атлантида json", "/export <b>xx</b> csv"):
        replies = await harness.send(text)
        assert not sent_files(harness.session.requests), text
        assert replies and "не найдена" in replies[0], text
    # A country the database knows with no facts at all: a sentence, not an empty file.
    replies = await harness.send("/calendar Чили", language="en")
    assert not sent_files(harness.session.requests)
    assert "No dated events" in replies[0]
