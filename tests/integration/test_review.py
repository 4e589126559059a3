"""Reviewing an upload fact by fact before it is published, through the real dispatcher with
buttons pressed by their labels: drop and keep, corrections by button and by reply, bad
corrections, /cancel in the middle, other admins' and strangers' presses, and what Publish
stores and audits."""

from __future__ import annotations

import re
from pathlib import Path

from sqlalchemy import select

from bot.runtime import Runtime
from bot.telegram.client import NoSuchButton, as_plain_text
from handlers.callback_data import ReviewButton
from store.models import Article, AuditEntry, Event, Person, TradeFigure
from tests.harness import Harness, make_callback
from tests.harness.uploads import ADMIN, OTHER_ADMIN, alerts, review_pages, sent_texts, shown

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "articles"
STRANGER = 77


async def _preview(harness: Harness, language: str = "ru") -> str:
    """Upload our Uzbekistan visit text; every page of the review, joined."""
    await harness.send("/upload", user_id=ADMIN, language=language)
    content = (FIXTURES / "kz_uz_visit.txt").read_bytes()
    first = await harness.send_document("visit.txt", content, user_id=ADMIN, language=language)
    pages = sent_texts(first) + await review_pages(harness)
    await _rewind(harness, language)
    return "\n".join(pages)


async def _rewind(harness: Harness, language: str = "ru") -> None:
    """Back to the review's first page."""
    for _ in range(100):
        try:
            await harness.click("◀", user_id=ADMIN, language=language)
        except NoSuchButton:
            return


def number_of(review: str, text: str) -> int:
    """The number of the fact whose line holds `text`."""
    for line in review.splitlines():
        if text in line and (match := re.search(r"(\d+)\.</b>", line)):
            return int(match.group(1))
    raise AssertionError(f"no fact with {text!r}")


async def _to_page_of(harness: Harness, number: int, language: str = "ru") -> None:
    await _rewind(harness, language)
    for _ in range((number - 1) // 5):
        await harness.click("▶", user_id=ADMIN, language=language)


async def _correct(harness: Harness, number: int, field: str, reply: str) -> str:
    """The answer to a typed correction, as the admin reads it."""
    await harness.click(f"Исправить {number}", user_id=ADMIN)
    await harness.click(field, user_id=ADMIN)
    return as_plain_text("\n".join(await harness.send(reply, user_id=ADMIN)))


async def _audit(runtime: Runtime) -> AuditEntry:
    async with runtime.session_factory() as session:
        entries = (await session.scalars(select(AuditEntry))).all()
    assert [entry.action for entry in entries] == ["publish"]
    return entries[0]


async def _people(runtime: Runtime) -> set[str]:
    async with runtime.session_factory() as session:
        return set((await session.scalars(select(Person.name_ru))).all())


async def test_a_dropped_fact_is_not_published_and_the_audit_names_it(
    admin_harness: Harness, runtime: Runtime
) -> None:
    review = await _preview(admin_harness)
    assert "(90%)" in review and "«" in review  # confidence and sentence per fact
    saidov = number_of(review, "Бахтиёр Саидов")
    total = int(re.search(r"из (\d+)", review).group(1))  # type: ignore[union-attr]
    await _to_page_of(admin_harness, saidov)
    dropped = await admin_harness.click(f"Убрать {saidov}", user_id=ADMIN)
    page = shown(dropped)
    assert "убран: не будет опубликован" in page and f"оставлено: {total - 1}" in page
    # keep / drop is a toggle: pressed twice, the fact is back, a third time it is out again
    await admin_harness.click(f"Вернуть {saidov}", user_id=ADMIN)
    await admin_harness.click(f"Убрать {saidov}", user_id=ADMIN)

    published = await admin_harness.click(f"Опубликовать ({total - 1})", user_id=ADMIN)
    assert "Опубликовано" in "\n".join(sent_texts(published))
    people = await _people(runtime)
    assert "Бахтиёр Саидов" not in people and "Арман Шаккалиев" in people
    audit = await _audit(runtime)
    assert any("Бахтиёр Саидов" in label for label in audit.details["dropped"])
    assert audit.details["changed"] == []


async def test_a_country_and_a_date_corrected_are_published_and_audited(
    admin_harness: Harness, runtime: Runtime
) -> None:
    review = await _preview(admin_harness)
    visit = number_of(review, "Государственный визит")
    await _to_page_of(admin_harness, visit)
    redrawn = await _correct(admin_harness, visit, "дата", "11.03.2026")
    assert "11.03.2026, Ташкент — Государственный визит" in redrawn
    redrawn = await _correct(admin_harness, visit, "страны", "Таджикистан и UZ")
    assert "🇹🇯 Таджикистан" in redrawn
    # a kind chosen from a list of buttons
    await admin_harness.click(f"Исправить {visit}", user_id=ADMIN)
    await admin_harness.click("вид события", user_id=ADMIN)
    chosen = await admin_harness.click("Официальный визит", user_id=ADMIN)
    assert "Факт" in alerts(chosen)[0]
    assert "11.03.2026, Ташкент — Официальный визит" in shown(chosen)

    await admin_harness.click("Опубликовать", user_id=ADMIN)
    async with runtime.session_factory() as session:
        stored = (await session.scalars(select(Event).where(Event.place == "Ташкент"))).all()
    assert [(e.kind, e.date_start.isoformat()) for e in stored] == [  # type: ignore[union-attr]
        ("official_visit", "2026-03-11")
    ]
    card = as_plain_text("\n".join(await admin_harness.send("/country TJ", user_id=ADMIN)))
    assert "11.03.2026, Ташкент" in card
    changed = (await _audit(runtime)).details["changed"]
    assert [c["field"] for c in changed] == ["date", "countries", "kind"]
    assert "2026-03-12" in changed[0]["before"] and "2026-03-11" in changed[0]["after"]
    assert "TJ" in changed[1]["after"] and "TJ" not in changed[1]["before"]


BAD_CORRECTIONS = [
    ("дата", "31.02.2026", "Такой даты не бывает"),
    ("дата", "1800", "между 1900 и 2100"),
    ("дата", "вчера", "Не понял дату"),
    ("страны", "Марс", "Не знаю страну «Марс»"),
    ("страны", "<b>Атлантида</b>", "Не знаю страну «<b>Атлантида"),
    ("страны", "x" * 10_000, "Слишком длинно"),
]


async def test_bad_corrections_get_a_clear_message_and_change_nothing(
    admin_harness: Harness, runtime: Runtime
) -> None:
    review = await _preview(admin_harness)
    visit = number_of(review, "Государственный визит")
    target = number_of(review, "$10 млрд")
    await _to_page_of(admin_harness, visit)
    for field, reply, message in BAD_CORRECTIONS:
        answer = await _correct(admin_harness, visit, field, reply)
        assert message in answer and "Ничего не изменено" in answer, reply
        await admin_harness.send("/cancel", user_id=ADMIN)
    await _to_page_of(admin_harness, target)
    for reply, message in [
        ("-5", "больше нуля"),
        ("10000000000000000", "не больше"),
        ("🙂", "Не понял сумму"),
        ("0", "больше нуля"),
    ]:
        answer = await _correct(admin_harness, target, "сумма", reply)
        assert message in answer, reply
        await admin_harness.send("/cancel", user_id=ADMIN)

    await admin_harness.click("Опубликовать", user_id=ADMIN)
    assert (await _audit(runtime)).details["changed"] == []
    async with runtime.session_factory() as session:
        event = await session.scalar(select(Event).where(Event.place == "Ташкент"))
        targets = (await session.scalars(select(TradeFigure.value))).all()
    assert event is not None and event.date_start.isoformat() == "2026-03-12"  # type: ignore[union-attr]
    assert 10_000_000_000 in targets


async def test_cancel_during_a_correction_keeps_the_draft(
    admin_harness: Harness, runtime: Runtime
) -> None:
    review = await _preview(admin_harness)
    visit = number_of(review, "Государственный визит")
    await _to_page_of(admin_harness, visit)
    await admin_harness.click(f"Исправить {visit}", user_id=ADMIN)
    asked = await admin_harness.click("дата", user_id=ADMIN)
    assert "пришлите новое значение" in "\n".join(sent_texts(asked))
    cancelled = "\n".join(await admin_harness.send("/cancel", user_id=ADMIN))
    assert "Исправление отменено" in cancelled and "12.03.2026, Ташкент" in cancelled
    # not waiting for a value any more: a date typed now is not taken as a correction
    await admin_harness.send("11.03.2026", user_id=ADMIN)
    # the Cancel button under the question does the same
    await admin_harness.click(f"Исправить {visit}", user_id=ADMIN)
    await admin_harness.click("дата", user_id=ADMIN)
    pressed = await admin_harness.click("✖️ Отменить исправление", user_id=ADMIN)
    assert "Исправление отменено" in alerts(pressed)[0]
    await admin_harness.send("10.03.2026", user_id=ADMIN)
    await admin_harness.click("Опубликовать", user_id=ADMIN)
    assert (await _audit(runtime)).details["changed"] == []


async def test_other_admins_strangers_and_stale_buttons_change_nothing(
    admin_harness: Harness, runtime: Runtime
) -> None:
    review = await _preview(admin_harness)
    assert review
    message = admin_harness.last_message(user_id=ADMIN)
    assert message is not None and message.reply_markup is not None
    drop_first = message.reply_markup.inline_keyboard[0][0].callback_data
    assert drop_first is not None and drop_first.startswith("v1:")
    # another admin has no draft of their own: the press finds nothing to change
    other = await admin_harness.feed(make_callback(drop_first, user_id=OTHER_ADMIN))
    assert "Ждущего решения предпросмотра нет" in alerts(other)[0]
    stranger = await admin_harness.feed(make_callback(drop_first, user_id=STRANGER))
    assert "администраторов" in alerts(stranger)[0]
    token = ReviewButton.unpack(drop_first).token
    for forged in (
        ReviewButton(token="deadbeef", action="toggle", number=1),
        ReviewButton(token=token, action="toggle", number=999),
        ReviewButton(token=token, action="choose", number=1, field="kind", choice=42),
        ReviewButton(token=token, action="field", number=1, field="title"),
    ):
        answer = await admin_harness.feed(make_callback(forged.pack(), user_id=ADMIN))
        assert alerts(answer) and alerts(answer)[0], forged
    await admin_harness.click("Опубликовать", user_id=ADMIN)
    audit = await _audit(runtime)
    assert audit.details["dropped"] == [] and audit.details["changed"] == []
    # the preview is gone: its buttons now say so
    late = await admin_harness.feed(make_callback(drop_first, user_id=ADMIN))
    assert "Ждущего решения предпросмотра нет" in alerts(late)[0]


async def test_review_in_english(admin_harness: Harness, runtime: Runtime) -> None:
    review = await _preview(admin_harness, language="en")
    assert "Facts 1–5 of" in review and "Facts kept:" in review
    visit = number_of(review, "State visit")
    await _to_page_of(admin_harness, visit, "en")
    await admin_harness.click(f"Correct {visit}", user_id=ADMIN, language="en")
    asked = await admin_harness.click("date", user_id=ADMIN, language="en")
    assert "send the new value" in "\n".join(sent_texts(asked))
    bad = "\n".join(await admin_harness.send("30.02.2026", user_id=ADMIN, language="en"))
    assert "There is no such date" in bad and "Nothing was changed" in bad
    good = "\n".join(await admin_harness.send("03.2026", user_id=ADMIN, language="en"))
    assert "March 2026" in good or "03.2026" in good
    await admin_harness.click(f"Drop {visit}", user_id=ADMIN, language="en")
    await admin_harness.click("Publish", user_id=ADMIN, language="en")
    audit = await _audit(runtime)
    assert len(audit.details["dropped"]) == 1 and audit.details["changed"][0]["field"] == "date"


async def test_article_fields_link_from_caption_and_corrections(
    admin_harness: Harness, runtime: Runtime
) -> None:
    await admin_harness.send("/upload", user_id=ADMIN)
    content = (FIXTURES / "kz_uz_visit.txt").read_bytes()
    caption = "Источник: https://news.example.kz/politics/visit-42."
    first = await admin_harness.send_document("visit.txt", content, caption, user_id=ADMIN)
    assert "🔗 https://news.example.kz/politics/visit-42" in "\n".join(sent_texts(first))

    async def article(field: str, reply: str) -> str:
        await admin_harness.click("Статья: заголовок, издание, дата, ссылка", user_id=ADMIN)
        await admin_harness.click(field, user_id=ADMIN)
        return as_plain_text("\n".join(await admin_harness.send(reply, user_id=ADMIN)))

    for field, reply, message in [
        ("ссылка", "ftp://news.example.kz/a", "Это не ссылка на статью"),
        ("ссылка", "https://news.example.kz/a b", "Это не ссылка на статью"),
        ("ссылка", "javascript:alert(1)", "Это не ссылка на статью"),
        ("дата публикации", "03.2026", "нужна дата до дня"),
        ("дата публикации", "30.02.2026", "Такой даты не бывает"),
        ("заголовок", "  ", "Пустое значение"),
    ]:
        answer = await article(field, reply)
        assert message in answer and "Ничего не изменено" in answer, reply
        await admin_harness.send("/cancel", user_id=ADMIN)
    assert "«Визит в Ташкент»" in await article("заголовок", "Визит в Ташкент")
    assert "— Вестник" in await article("издание", "Вестник")
    assert "Вестник, 14.03.2026" in await article("дата публикации", "14.03.2026")
    assert "🔗 https://news.example.kz/v/2" in await article(
        "ссылка", "https://news.example.kz/v/2"
    )

    await admin_harness.click("Опубликовать", user_id=ADMIN)
    async with runtime.session_factory() as session:
        stored = await session.scalar(select(Article).where(Article.title == "Визит в Ташкент"))
    assert stored is not None
    assert (stored.outlet, stored.url, stored.published_at.isoformat()) == (
        "Вестник",
        "https://news.example.kz/v/2",
        "2026-03-14",
    )
    changed = (await _audit(runtime)).details["changed"]
    assert {(c["number"], c["field"]) for c in changed} == {
        (0, "title"),
        (0, "published"),
        (0, "outlet"),
        (0, "url"),
    }
    assert "visit-42" in next(c["before"] for c in changed if c["field"] == "url")


async def test_a_link_on_the_first_line_of_pasted_text_is_the_address(
    admin_harness: Harness, runtime: Runtime
) -> None:
    text = (FIXTURES / "kz_uz_visit.txt").read_text("utf-8")
    await admin_harness.send("/upload", user_id=ADMIN)
    review = as_plain_text(
        "\n".join(
            await admin_harness.send("https://www.example.kz/news/77\n" + text, user_id=ADMIN)
        )
    )
    assert "🔗 https://www.example.kz/news/77" in review
    await admin_harness.click("Опубликовать", user_id=ADMIN)
    async with runtime.session_factory() as session:
        stored = await session.scalar(select(Article).where(Article.url.is_not(None)))
    assert stored is not None and stored.url == "https://www.example.kz/news/77"
    assert "example.kz" not in stored.text
