"""Commands through the real dispatcher with a recording Bot session."""

from __future__ import annotations

import asyncio
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.i18n import translator
from bot.telegram.client import as_plain_text
from tests.harness import Harness, make_update
from tests.harness.browse import plain as requests_text

ERROR_RU = translator("ru")("error-generic")
ERROR_EN = translator("en")("error-generic")


def plain(replies: list[str]) -> str:
    return "\n".join(as_plain_text(r) for r in replies)


async def test_start_and_help(harness: Harness) -> None:
    start = plain(await harness.send("/start"))
    assert "/country TJ" in start
    help_text = plain(await harness.send("/help"))
    for command in ("/country", "/treaty", "/person", "/help"):
        assert command in help_text
    english = plain(await harness.send("/start", language="en"))
    assert "/person Tokayev" in english and "союзнич" not in english


async def test_a_deep_link_opens_the_card_and_every_card_can_be_shared(
    harness: Harness,
) -> None:
    """`t.me/<bot>?start=TJ` arrives as `/start TJ`."""
    requests = await harness.feed(make_update("/start TJ"))
    assert "🇹🇯 Таджикистан — отношения с Казахстаном" in requests_text(requests)
    share = [
        button.url
        for request in requests
        for row in getattr(getattr(request, "reply_markup", None), "inline_keyboard", [])
        for button in row
        if button.url
    ]
    assert share == ["https://t.me/briefings_bot?start=TJ"]
    unknown = plain(await harness.send("/start Атлантида"))
    assert "не найден" in unknown


async def test_country_card_for_tajikistan(harness: Harness) -> None:
    replies = await harness.send("/country TJ")
    card = plain(replies)
    assert "🇹🇯 Таджикистан" in card
    assert "союзнические отношения с 22.08.2024" in card
    assert "Договор о союзнических отношениях" in card
    assert "ранее: стратегическое партнёрство (с 14.09.2015)" in card
    assert "07.01.1993" in card and "Договор об основах межгосударственных отношений" in card
    assert "Последние контакты (9)" in card and "…и ещё 4" in card
    assert "февраль 2026, Душанбе — Переговоры министров иностранных дел" in card
    assert "товарооборот более $1,2 млрд" in card
    assert "цель на 2024 г.: товарооборот $2 млрд" in card
    assert "Эмомали Рахмон — Президент Республики Таджикистан" in card
    assert "Zakon.kz, 23.08.2024" in card and "News-Asia, 17.02.2026" in card
    # Russia-Tajikistan documents are not Kazakhstan's relations with Tajikistan.
    assert "трудовой миграции" not in card
    assert all(len(r) <= 4096 for r in replies)


@pytest.mark.parametrize(
    "query", ["Таджикистаном", "tajikistan", "Таджикстан", "TJK", "казахско-таджикский", "Душанбе"]
)
async def test_country_card_any_spelling(harness: Harness, query: str) -> None:
    assert "🇹🇯 Таджикистан — отношения с Казахстаном" in plain(
        await harness.send(f"/country {query}")
    )


async def test_country_card_for_pakistan_and_russia(harness: Harness) -> None:
    pakistan = plain(await harness.send("/country Пакистна"))
    assert "стратегическое партнёрство с 05.02.2026" in pakistan
    assert "Совместная декларация об установлении стратегического партнерства" in pakistan
    assert "цель: товарооборот $1 млрд" in pakistan
    russia = plain(await harness.send("/country РФ"))
    assert "союзник и стратегический партнёр" in russia
    assert "2024 г.: товарооборот достиг $28 млрд" in russia


async def test_country_alone_lists_countries_with_data(harness: Harness) -> None:
    listing = plain(await harness.send("/country"))
    assert "/country TJ" in listing and "/country PK" in listing and "/country RU" in listing
    assert "/country KZ" not in listing
    assert listing.index("/country TJ") < listing.index("/country PK")


async def test_unknown_country_gets_suggestions(harness: Harness) -> None:
    reply = plain(await harness.send("/country Корея"))
    assert "не найдена" in reply and "/country KR" in reply and "/country KP" in reply
    nothing = plain(await harness.send("/country qqqqqq"))
    assert "не найдена" in nothing and "/country" in nothing


async def test_country_without_facts_and_home(harness: Harness) -> None:
    assert "пока нет фактов" in plain(await harness.send("/country Франция"))
    assert "Укажите партнёра" in plain(await harness.send("/country Казахстан"))


async def test_ambiguous_country(harness: Harness) -> None:
    reply = plain(await harness.send("/country кыргызско-узбекский"))
    assert "подходит к нескольким странам" in reply
    assert "/country KG" in reply and "/country UZ" in reply


async def test_treaty_search(harness: Harness) -> None:
    allied = plain(await harness.send("/treaty союзнич"))
    assert "Договор о союзнических отношениях" in allied
    assert "Найдено по запросу «союзнич»: 1" in allied
    assert "стороны: 🇰🇿 Казахстан, 🇹🇯 Таджикистан" in allied
    both = plain(await harness.send("/treaty стратегическом партнерстве"))
    assert "Договор о стратегическом партнёрстве" in both
    assert "Совместная декларация об установлении стратегического партнерства" in both


async def test_treaty_alone_lists_newest_first(harness: Harness) -> None:
    listing = plain(await harness.send("/treaty"))
    dates = re.findall(r"• (\d\d\.\d\d\.\d{4})", listing)
    parsed = [tuple(reversed(d.split("."))) for d in dates]
    assert parsed == sorted(parsed, reverse=True) and len(parsed) >= 4
    assert "Все документы (9)" in listing


async def test_treaty_not_found(harness: Harness) -> None:
    reply = plain(await harness.send("/treaty космос"))
    assert "документов не найдено" in reply


async def test_treaty_by_country(harness: Harness) -> None:
    reply = plain(await harness.send("/treaty Пакистан"))
    assert "Совместная декларация" in reply and "Дорожная карта торгово-экономического" in reply


async def test_person(harness: Harness) -> None:
    reply = plain(await harness.send("/person Кошербаевым"))
    assert "Ермек Кошербаев" in reply
    assert "министр иностранных дел Республики Казахстан" in reply
    assert "Переговоры министров иностранных дел" in reply
    listing = plain(await harness.send("/person"))
    assert "Укажите имя" in listing and "Люди в базе (11)" in listing
    assert listing.count("• ") == 11 and "Эмомали Рахмон — Президент" in listing
    unknown = plain(await harness.send("/person Иванов"))
    assert "не найден" in unknown and "Кто есть в базе" in unknown
    assert "Возможно, вы имели в виду" not in unknown  # nobody alike is not a suggestion
    english = plain(await harness.send("/person", language="en"))
    assert "People on file (11)" in english and "Emomali Rahmon" in english


async def test_english_interface(harness: Harness) -> None:
    card = plain(await harness.send("/country tajikistan", language="en"))
    assert "🇹🇯 Tajikistan — relations with Kazakhstan" in card
    assert "Level of relations: allied relations since 2024-08-22" in card
    assert "Treaty on Allied Relations" in card  # the curated English of the title
    assert "Did you mean" in plain(await harness.send("/country Korea", language="en"))


async def test_command_addressed_to_another_bot(harness: Harness) -> None:
    # A private chat can only mean us; in a group it belongs to the other bot.
    assert "🇹🇯" in plain(await harness.send("/country@OtherBot TJ"))
    assert "Страны, по которым есть данные" in plain(await harness.send("/country@OtherBot"))
    assert await harness.send("/country@OtherBot TJ", chat_type="supergroup") == []
    assert "🇹🇯" in plain(await harness.send("/country@briefings_bot TJ", chat_type="group"))
    assert "🇹🇯" in plain(await harness.send("/country TJ", chat_type="group"))


async def test_unknown_command_and_plain_text(harness: Harness) -> None:
    assert "/help" in plain(await harness.send("/frobnicate"))
    # Plain text in a private chat is a search (a greeting gets a pointer instead); in a
    # group it is not addressed to us.
    assert "Поиск «визит»" in plain(await harness.send("визит"))
    assert "/help" in plain(await harness.send("привет"))
    assert "ничего не найдено" in plain(await harness.send("qqqzzzxx"))
    assert await harness.send("привет", chat_type="group") == []


@pytest.mark.parametrize(
    "argument",
    [
        "",
        " ",
        "x" * 10_000,
        "<b>Таджикистан</b>",
        "<script>alert(1)</script>",
        "&amp;&",
        "*bold* _it_ `code` [link](http://x)",
        "🇹🇯🙂🔥",
        "Tаджикистан",
        "таджик\u0000истан",
        "\u202eнатсикиждат",
        "' OR 1=1; DROP TABLE countries; --",
        "%_%",
        "\\",
        "   \n\t ",
    ],
)
@pytest.mark.parametrize("command", ["/country", "/treaty", "/person"])
async def test_hostile_arguments_get_a_helpful_reply(
    harness: Harness, command: str, argument: str
) -> None:
    replies = await harness.send(f"{command} {argument}")
    assert replies, "never an empty reply"
    assert ERROR_RU not in replies  # no handler raised
    # The database is intact afterwards.
    assert "🇹🇯" in plain(await harness.send("/country TJ"))


async def test_long_query_is_truncated_with_a_notice(harness: Harness) -> None:
    replies = await harness.send("/country " + "Таджикистан " * 1000)
    assert "первые 200 символов" in replies[0]
    assert any("🇹🇯 <b>Таджикистан</b>" in r for r in replies)


command_arguments = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",)), max_size=300
) | st.sampled_from(["<", ">", "&", "&lt;", "<b>", "</i>", "Таджикистан", "союзнич", "Токаев"])


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    command=st.sampled_from(["/country", "/treaty", "/person"]),
    argument=command_arguments,
    language=st.sampled_from(["ru", "en", None]),
)
def test_any_argument_is_answered_with_valid_html(
    sync_harness: tuple[asyncio.AbstractEventLoop, Harness],
    command: str,
    argument: str,
    language: str | None,
) -> None:
    loop, harness = sync_harness
    # The session checks every reply against Telegram's HTML rules and length limit.
    replies = loop.run_until_complete(harness.send(f"{command} {argument}", language=language))
    assert replies
    assert ERROR_RU not in replies and ERROR_EN not in replies
