"""One person, one role per office: the same official uploaded three times, under another
wording of the office, in another case and in English, appears once on the card, with the
newest role, and never with a role in the other language."""

from __future__ import annotations

from sqlalchemy import func, select

from bot.runtime import Runtime
from bot.telegram.client import as_plain_text
from store.models import Person, PersonRole
from tests.harness import Harness
from tests.harness.uploads import ADMIN

# Texts of our own: one official, three outlets' wordings.
WATER = (
    "Переговоры в Ташкенте о водных ресурсах\n\n"
    "10 апреля 2026 года в Ташкенте министр иностранных дел Узбекистана Бахтиёр Саидов "
    "провёл переговоры с казахстанской делегацией. Стороны обсудили распределение воды в "
    "бассейне Сырдарьи, строительство новых гидропостов и обмен данными о паводках."
)
CORRIDOR = (
    "Узбекистан и Казахстан готовят новый транспортный коридор\n\n"
    "Министр иностранных дел Республики Узбекистан Бахтиёр Саидов 2 мая 2026 года "
    "встретился в Астане с руководством Казахстана. Речь шла о железной дороге до китайской "
    "границы, о сокращении времени прохождения грузов на пунктах пропуска и о тарифах."
)
ENERGY = (
    "Uzbekistan and Kazakhstan discuss energy links\n\n"
    "Uzbek Foreign Minister Bakhtiyor Saidov held talks with Kazakh officials in Astana on "
    "June 5, 2026. The sides discussed a joint power line, gas storage during the winter "
    "peak and the schedule for synchronising the two national grids before the year ends."
)

PROMOTED = (
    "Новый премьер-министр Узбекистана посетил Астану\n\n"
    "3 июля 2026 года в Астане премьер-министр Узбекистана Бахтиёр Саидов провёл переговоры "
    "с казахстанскими коллегами. Обсуждались совместные промышленные зоны на границе, "
    "поставки зерна и электроэнергии, а также подготовка межправительственной комиссии."
)


async def _publish(harness: Harness, text: str) -> None:
    await harness.send("/upload", user_id=ADMIN)
    await harness.send(text, user_id=ADMIN)
    published = await harness.click("Опубликовать", user_id=ADMIN)
    assert "Опубликовано" in str(published)


async def test_one_person_uploaded_three_ways_is_one_person_with_one_role(
    admin_harness: Harness, runtime: Runtime
) -> None:
    for text in (WATER, CORRIDOR, ENERGY):
        await _publish(admin_harness, text)
    async with runtime.session_factory() as session:
        people = (
            await session.scalars(select(Person).where(Person.name_ru.like("%Саидов%")))
        ).all()
        assert len(people) == 1
        roles = (
            await session.scalars(select(PersonRole).where(PersonRole.person_id == people[0].id))
        ).all()
        assert [(r.country_iso2, r.title_en) for r in roles] == [
            ("UZ", "Minister of Foreign Affairs")
        ]
        english = await session.scalar(
            select(func.count()).select_from(Person).where(Person.name_ru.like("%Saidov%"))
        )
    assert english == 0

    card = as_plain_text("\n".join(await admin_harness.send("/country UZ")))
    assert card.count("Бахтиёр Саидов —") == 1
    assert "Министр иностранных дел Узбекистана" in card
    # the English article's event is stored in the words of a Russian card
    assert "05.06.2026, Астана — Переговоры: Бахтиёр Саидов" in card and "Astana" not in card
    english_card = as_plain_text("\n".join(await admin_harness.send("/country UZ", language="en")))
    people = english_card.split("People")[-1]
    assert "Bakhtiyor Saidov — Minister of Foreign Affairs" in people
    assert "Министр" not in people


async def test_a_new_post_replaces_the_old_one_on_the_card(
    admin_harness: Harness, runtime: Runtime
) -> None:
    await _publish(admin_harness, WATER)
    await _publish(admin_harness, PROMOTED)
    async with runtime.session_factory() as session:
        roles = (await session.scalars(select(PersonRole.title_ru))).all()
    assert {"Министр иностранных дел Узбекистана", "Премьер-министр Узбекистана"} <= set(roles)
    card = as_plain_text("\n".join(await admin_harness.send("/country UZ")))
    assert card.count("Бахтиёр Саидов —") == 1
    assert "Бахтиёр Саидов — Премьер-министр Узбекистана" in card


async def test_person_shows_each_role_with_its_dates_and_not_a_hidden_one(
    admin_harness: Harness, runtime: Runtime
) -> None:
    for text in (WATER, ENERGY, PROMOTED):
        await _publish(admin_harness, text)
    profile = as_plain_text("\n".join(await admin_harness.send("/person Саидов")))
    assert "Министр иностранных дел Узбекистана (по источникам:" in profile
    assert "Премьер-министр Узбекистана (по источникам:" in profile
    async with runtime.session_factory() as session:
        minister = await session.scalar(
            select(PersonRole.id).where(PersonRole.title_ru.like("Министр иностранных дел Узб%"))
        )
    await admin_harness.send(f"/fix p{minister}", user_id=ADMIN)
    await admin_harness.click("🙈 Скрыть факт", user_id=ADMIN)
    profile = as_plain_text("\n".join(await admin_harness.send("/person Саидов")))
    assert "Министр иностранных дел" not in profile and "Премьер-министр Узбекистана" in profile
