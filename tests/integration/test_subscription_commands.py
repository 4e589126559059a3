"""Subscription commands through the dispatcher: one line, guided buttons, management
buttons, groups, floods and bad input, admin commands."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from aiogram.methods import AnswerCallbackQuery, EditMessageReplyMarkup
from sqlalchemy import select, update

from bot.runtime import Runtime
from handlers.callback_data import SectionButton
from store.models import Subscription
from tests.harness import Harness, make_callback, make_update
from tests.harness.browse import buttons, last_message, plain


async def rows(runtime: Runtime) -> list[Subscription]:
    async with runtime.session_factory() as session:
        return list((await session.scalars(select(Subscription).order_by(Subscription.id))).all())


async def test_one_line_subscribe(harness: Harness, runtime: Runtime) -> None:
    reply = plain(await harness.feed(make_update("/subscribe daily 08:30 Asia/Almaty TJ PK")))
    assert "Готово: ежедневно в 08:30 (Asia/Almaty)" in reply
    assert "Пакистан" in reply and "Таджикистан" in reply and "Следующий дайджест" in reply
    [row] = await rows(runtime)
    assert (row.frequency, row.local_time, row.timezone, row.countries_key) == (
        "daily",
        "08:30",
        "Asia/Almaty",
        "PK,TJ",
    )
    assert "уже есть" in plain(
        await harness.feed(make_update("/subscribe daily 8:30 asia/almaty PK Таджикистан"))
    )
    assert len(await rows(runtime)) == 1


async def test_a_flood_of_subscribe_commands_leaves_one_row(
    harness: Harness, runtime: Runtime
) -> None:
    for _ in range(1000):
        await harness.feed(make_update("/subscribe weekly friday 18:00"))
    assert len(await rows(runtime)) == 1
    for hour in range(20):  # distinct ones: capped per chat
        await harness.feed(make_update(f"/subscribe daily {hour:02d}:15"))
    assert len(await rows(runtime)) == 10
    assert "уже 10 подписок" in plain(await harness.feed(make_update("/subscribe daily 23:59")))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("daily 25:99", "ЧЧ:ММ"),
        ("daily 08:30 Mars/Olympus", "Часовой пояс «Mars/Olympus»"),
        ("daily Нарния", "Страна «Нарния» не найдена"),
        ("daily Казахстан", "страны-партнёры"),
        ("daily <b>x</b>", "не найден"),
        ("daily 99", "ЧЧ:ММ"),
    ],
)
async def test_bad_subscribe_input(
    harness: Harness, runtime: Runtime, text: str, expected: str
) -> None:
    reply = plain(await harness.feed(make_update(f"/subscribe {text}")))
    assert expected in reply and "/subscribe daily 08:30" in reply
    assert await rows(runtime) == []


def shown_text(requests: list[Any]) -> str:
    return "\n".join(str(getattr(r, "text", "") or "") for r in requests)


async def test_guided_flow(harness: Harness, runtime: Runtime) -> None:
    start = await harness.feed(make_update("/subscribe"))
    frequency = buttons(last_message(start))
    assert [text for text, _ in frequency] == ["Ежедневно", "Раз в неделю", "⚡ Сразу", "✖️ Отмена"]
    assert "пятница" in [
        text for text, _ in buttons(last_message(await harness.click("Раз в неделю")))
    ]
    assert "Во сколько?" in shown_text(await harness.click("пятница"))
    zones = await harness.click("18:00")
    assert "В каком часовом поясе" in shown_text(zones)
    countries = await harness.click("Almaty")
    assert "По каким странам" in shown_text(countries)
    done = await harness.click("Все страны")
    assert "по дням: пятница, в 18:00 (Asia/Almaty)" in shown_text(done)
    assert "Вот что будет приходить" in shown_text(done)  # a sample of the digest
    [row] = await rows(runtime)
    assert (row.frequency, row.weekday, row.local_time, row.timezone, row.countries_key) == (
        "weekly",
        4,
        "18:00",
        "Asia/Almaty",
        "",
    )


async def test_guided_flow_goes_back_and_takes_a_typed_zone(
    harness: Harness, runtime: Runtime
) -> None:
    await harness.send("/subscribe")
    await harness.click("Ежедневно")
    await harness.click("09:00")
    back = await harness.click("Назад")  # from the zone question back to the time
    assert "Во сколько?" in shown_text(back)
    await harness.click("08:00")
    assert "не найден" in "\n".join(await harness.send("Mars/Base_One"))
    countries = "\n".join(await harness.send("asia/karachi"))
    assert "По каким странам" in countries
    await harness.click("Таджикистан")
    await harness.click("Пакистан")
    await harness.click("Таджикистан")  # a second press takes it out again
    await harness.click("Таджикистан")
    done = await harness.click("Готово (2)")
    assert "Asia/Karachi" in shown_text(done)
    [row] = await rows(runtime)
    assert (row.frequency, row.local_time, row.timezone, row.countries_key) == (
        "daily",
        "08:00",
        "Asia/Karachi",
        "PK,TJ",
    )
    assert "Таджикистан" in shown_text(done).split("Вот что будет приходить")[1]
    # after the flow, plain text is a search again, not a time zone
    after = "\n".join(await harness.send("Europe/Paris"))
    assert after and "Часовой пояс" not in after and "По каким странам" not in after


async def test_instant_alerts_by_one_line_or_by_button(harness: Harness, runtime: Runtime) -> None:
    one_line = plain(await harness.feed(make_update("/subscribe instant TJ", language="en")))
    assert "instantly, within a minute of new facts" in one_line
    assert "as soon as new facts are published" in one_line
    await harness.send("/subscribe")
    countries = shown_text(await harness.click("⚡ Сразу"))
    assert "По каким странам" in countries  # no day, time or zone for an instant one
    done = shown_text(await harness.click("Все страны"))
    assert "сразу, в течение минуты после новых фактов, все страны" in done
    assert sorted((row.frequency, row.countries_key) for row in await rows(runtime)) == [
        ("instant", ""),
        ("instant", "TJ"),
    ]
    listed = await harness.feed(make_update("/subscriptions"))
    labels = [text for text, _ in buttons(last_message(listed))]
    assert not any("Время" in label for label in labels)  # no time of day to change


@pytest.mark.parametrize("steps", [0, 1, 2, 3, 4])
async def test_the_guided_flow_can_be_cancelled_at_every_step(
    harness: Harness, runtime: Runtime, steps: int
) -> None:
    """Cancel on the frequency, weekday, time, zone or countries question: nothing is made."""
    shown = last_message(await harness.feed(make_update("/subscribe", language="en")))
    for label in ("Weekly", "Friday", "18:00", "London")[:steps]:
        pressed = dict(buttons(shown))[label]
        shown = last_message(await harness.feed(make_callback(pressed, language="en")))
    assert "✖️ Cancel" in dict(buttons(shown))
    cancelled = await harness.feed(make_callback(dict(buttons(shown))["✖️ Cancel"]))
    assert "подписка не создана" in plain(cancelled)
    assert await rows(runtime) == []


async def test_cancel_command_ends_the_guided_flow_and_takes_its_buttons(
    harness: Harness, runtime: Runtime
) -> None:
    for start in ("/subscribe", None):
        if start:
            await harness.feed(make_update(start))
        else:  # the card's Subscribe button starts the same flow
            card = SectionButton(country="TJ", section="subscribe").pack()
            await harness.feed(make_callback(card))
        flow_message = harness.last_message()
        assert flow_message is not None and flow_message.reply_markup is not None
        cancelled = await harness.feed(make_update("/cancel"))
        assert "подписка не создана" in plain(cancelled)
        [removed] = [r for r in cancelled if isinstance(r, EditMessageReplyMarkup)]
        assert removed.message_id == flow_message.message_id and removed.reply_markup is None
        assert "Отменять нечего" in plain(await harness.feed(make_update("/cancel")))
    assert await rows(runtime) == []


async def test_subscribe_button_on_the_card(harness: Harness, runtime: Runtime) -> None:
    start = await harness.feed(
        make_callback(SectionButton(country="TJ", section="subscribe").pack())
    )
    assert "по стране Таджикистан" in plain(start)
    await harness.click("Ежедневно")
    await harness.click("09:00")
    countries = await harness.click("Almaty")
    assert "✅ 🇹🇯 Таджикистан" in [text for text, _ in buttons(last_message(countries))]
    await harness.click("Готово (1)")
    [row] = await rows(runtime)
    assert (row.countries_key, row.local_time) == ("TJ", "09:00")


async def test_manage_with_buttons(harness: Harness, runtime: Runtime) -> None:
    await harness.feed(make_update("/subscribe daily 08:30 TJ"))
    listing = await harness.feed(make_update("/subscriptions"))
    [row] = await rows(runtime)
    assert f"#{row.id} · ежедневно в 08:30" in plain(listing)
    labels = {text.split(" #")[0]: data for text, data in buttons(last_message(listing))}
    paused = await harness.feed(make_callback(labels["⏸ Пауза"]))
    assert "на паузе" in plain(paused)
    assert (await rows(runtime))[0].paused
    resume = {text.split(" #")[0]: data for text, data in buttons(last_message(paused))}
    await harness.feed(make_callback(resume["▶ Продолжить"]))
    assert not (await rows(runtime))[0].paused
    edit = await harness.feed(make_callback(labels["🕘 Время"]))
    keyboard = next(r for r in edit if isinstance(r, EditMessageReplyMarkup))
    noon = next(data for text, data in buttons(keyboard) if text == "12:00")
    assert "теперь в 12:00" in next(
        r.text
        for r in await harness.feed(make_callback(noon))
        if isinstance(r, AnswerCallbackQuery)
    )
    assert (await rows(runtime))[0].local_time == "12:00"
    # the delete button asks first; "Keep" changes nothing
    asked = await harness.feed(make_callback(labels["🗑 Удалить"]))
    question = dict(buttons(next(r for r in asked if isinstance(r, EditMessageReplyMarkup))))
    assert (await rows(runtime))[0].active
    await harness.feed(make_callback(question["Оставить"]))
    assert (await rows(runtime))[0].active
    deleted = await harness.feed(make_callback(question[f"🗑 Да, удалить #{row.id}"]))
    assert "Подписок нет" in plain(deleted) and f"Подписка #{row.id} удалена" in plain(deleted)
    assert not (await rows(runtime))[0].active  # switched off, not gone
    # Undo brings it back as it was
    undo = {text: data for r in deleted for text, data in buttons(r)}
    assert "Вернули подписок: 1" in plain(await harness.feed(make_callback(undo["↩️ Вернуть"])))
    [back] = await rows(runtime)
    assert (back.active, back.local_time, back.countries_key) == (True, "12:00", "TJ")
    assert "уже вернули" in plain(await harness.feed(make_callback(undo["↩️ Вернуть"])))


async def test_unsubscribe_asks_before_removing_all_and_can_be_undone(
    harness: Harness, runtime: Runtime
) -> None:
    assert "не было" in plain(await harness.feed(make_update("/unsubscribe")))
    await harness.feed(make_update("/subscribe daily 08:30"))
    await harness.feed(make_update("/subscribe daily 09:30"))
    assert "нет" in plain(await harness.feed(make_update("/unsubscribe 99999")))
    assert "нет" in plain(await harness.feed(make_update("/unsubscribe abc")))
    asked = await harness.feed(make_update("/unsubscribe"))
    assert "Удалить все подписки этого чата (2)?" in plain(asked)
    assert all(row.active for row in await rows(runtime))
    question = dict(buttons(last_message(asked)))
    assert "остаются" in plain(await harness.feed(make_callback(question["Оставить"])))
    assert all(row.active for row in await rows(runtime))
    removed = await harness.feed(make_callback(question["🗑 Да, удалить все (2)"]))
    assert "Удалено подписок: 2" in plain(removed)
    assert not any(row.active for row in await rows(runtime))
    assert "не было" in plain(await harness.feed(make_update("/unsubscribe")))
    undo = dict(buttons(last_message(removed)))
    assert "Вернули подписок: 2" in plain(await harness.feed(make_callback(undo["↩️ Вернуть"])))
    assert all(row.active for row in await rows(runtime))
    # one by number goes at once, with Undo; a forged Undo from another chat restores nothing
    first = (await rows(runtime))[0]
    one = await harness.feed(make_update(f"/unsubscribe {first.id}"))
    assert f"Подписка #{first.id} удалена" in plain(one)
    undo_one = dict(buttons(last_message(one)))["↩️ Вернуть"]
    elsewhere = await harness.feed(make_callback(undo_one, user_id=5))
    assert not (await rows(runtime))[0].active, plain(elsewhere)
    forged = await harness.feed(make_callback("n1:undo:zz", user_id=42))
    assert any(isinstance(r, AnswerCallbackQuery) for r in forged)


async def test_groups_need_an_admin(harness: Harness, runtime: Runtime) -> None:
    group: dict[str, Any] = {"chat_type": "supergroup", "chat_id": -100777, "user_id": 5}
    assert "только администраторы" in plain(
        await harness.feed(make_update("/subscribe daily 08:30", **group))
    )
    harness.session.member_status[5] = "administrator"
    assert "Готово" in plain(await harness.feed(make_update("/subscribe daily 08:30", **group)))
    harness.session.member_status[6] = "creator"
    assert "Готово" in plain(
        await harness.feed(
            make_update(
                "/subscribe daily 09:30", chat_type="supergroup", chat_id=-100777, user_id=6
            )
        )
    )
    assert {row.chat_id for row in await rows(runtime)} == {-100777}
    # Anyone may read the list; the member may not press its buttons.
    listing = await harness.feed(
        make_update("/subscriptions", chat_type="supergroup", chat_id=-100777, user_id=9)
    )
    assert "Подписки этого чата (2)" in plain(listing)


async def test_anonymous_sender_chat_is_not_an_admin(harness: Harness) -> None:
    update_ = make_update("/subscribe daily 08:30", chat_type="supergroup", chat_id=-100888)
    assert update_.message is not None
    message = update_.message.model_copy(update={"sender_chat": update_.message.chat})
    update_ = update_.model_copy(update={"message": message})
    assert "от своего имени" in plain(await harness.feed(update_))


async def test_admin_digest_commands(runtime: Runtime) -> None:
    runtime.settings = runtime.settings.model_copy(update={"admin_ids": frozenset({42})})
    admin = Harness(runtime)
    assert "для администраторов" in plain(await admin.feed(make_update("/digest_stats", user_id=7)))
    await admin.feed(make_update("/subscribe daily 08:30 TJ"))
    stats = plain(await admin.feed(make_update("/digest_stats")))
    assert "Подписки: активных 1" in stats
    assert "ничего" in plain(await admin.feed(make_update("/digest_preview")))
    async with runtime.session_factory() as session:  # as if subscribed long ago
        await session.execute(
            update(Subscription).values(covered_until=dt.datetime(2000, 1, 1, tzinfo=dt.UTC))
        )
        await session.commit()
    preview = plain(await admin.feed(make_update("/digest_preview")))
    assert "Дайджест" in preview and "Таджикистан" in preview and "Пакистан" not in preview
    assert "Подписки для предпросмотра нет" in plain(
        await admin.feed(make_update("/digest_preview 99999"))
    )


async def test_opting_in_to_nothing_new_notes(harness: Harness, runtime: Runtime) -> None:
    reply = plain(await harness.feed(make_update("/subscribe daily 08:30 всегда")))
    assert "и когда нового нет" in reply
    [row] = await rows(runtime)
    assert row.notify_empty
    await harness.feed(make_update("/subscribe daily 08:30"))  # the same, without the word
    assert not (await rows(runtime))[0].notify_empty


@pytest.mark.parametrize(
    "command",
    [
        "/unsubscribe 99999999999",
        "/unsubscribe 99999999999999999999999",
        "/unsubscribe ²",
        "/unsubscribe ١٢",
        "/digest_preview 99999999999",
        "/digest_preview 99999999999999999999999",
        "/unsubscribe 0",
    ],
)
async def test_ids_beyond_any_row(runtime: Runtime, command: str) -> None:
    # 32-bit keys on PostgreSQL: an oversized id is "no such row", never a database error.
    runtime.settings = runtime.settings.model_copy(update={"admin_ids": frozenset({42})})
    reply = plain(await Harness(runtime).feed(make_update(command)))
    assert "нет" in reply.lower()


async def test_forged_subscription_buttons(harness: Harness, runtime: Runtime) -> None:
    from handlers.callback_data import SubscriptionAction

    await harness.feed(make_update("/subscribe daily 08:30"))
    for forged in (
        f"a1:pause:{2**31}:-",
        f"a1:time:{2**64}:1200",
        SubscriptionAction(action="explode", id=1).pack(),
    ):
        requests = await harness.feed(make_callback(forged))
        answer = next(r for r in requests if isinstance(r, AnswerCallbackQuery))
        assert answer.text
    assert not (await rows(runtime))[0].paused


async def test_the_next_digest_is_dated_as_the_reader_writes_dates(harness: Harness) -> None:
    english = plain(await harness.feed(make_update("/subscribe daily 09:00", language="en")))
    assert re.search(r"Next digest: \d{4}-\d{2}-\d{2} 09:00 \(Asia/Almaty\)", english), english
    russian = plain(await harness.feed(make_update("/subscribe weekly 10:00", language="ru")))
    assert re.search(r"\d{2}\.\d{2}\.\d{4} 10:00 \(Asia/Almaty\)", russian), russian
