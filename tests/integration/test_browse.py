"""Issue: briefings users can navigate. Search, timeline, trade and chart, latest, sources,
buttons and pagination, inline mode, languages — through the real dispatcher."""

from __future__ import annotations

import asyncio
import datetime as dt
import re
import struct

import pytest
from aiogram.filters.callback_data import CallbackData
from aiogram.methods import (
    AnswerCallbackQuery,
    AnswerInlineQuery,
    EditMessageText,
    SendPhoto,
)
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select, update

from bot.i18n import translator
from bot.lists import trade_report
from bot.render.lists import chart_labels
from bot.runtime import Runtime
from handlers import callback_data as buttons_module
from handlers.callback_data import (
    FixButton,
    LanguageButton,
    OpenButton,
    PageButton,
    ReviewButton,
    SectionButton,
)
from store.dto import MAX_ROW_ID
from store.models import ListView
from tests.harness import Harness, make_callback, make_inline, make_update
from tests.harness.browse import buttons, last_message, plain, texts

ERRORS = {translator("ru")("error-generic"), translator("en")("error-generic")}
EXPIRED_RU = translator("ru")("list-expired")


# ------------------------------------------------------------------ /search


async def test_search_ranks_the_visit_first(harness: Harness) -> None:
    requests = await harness.feed(make_update("/search визит Токаева в Душанбе"))
    reply = plain(requests)
    first = reply.splitlines()[1]
    assert first.startswith("1.") and "Визит Касым-Жомарта Токаева в Душанбе" in first
    assert [text for text, _ in buttons(last_message(requests))][:3] == ["1", "2", "3"]


async def test_search_finds_trade_figures_by_amount(harness: Harness) -> None:
    reply = plain(await harness.feed(make_update("/search товарооборот 2 млрд")))
    assert "$2 млрд" in reply
    assert "$1,2 млрд" not in reply.split("\n")[1]  # 1.2 bn is not "2 bn"


async def test_search_transliterated_english(harness: Harness) -> None:
    reply = plain(await harness.feed(make_update("/search Transcaspian", language="en")))
    assert "Talks between Tokayev and Shehbaz Sharif" in reply  # the English of the title


async def test_search_typo_and_nothing(harness: Harness) -> None:
    assert "Договор о союзнических отношениях" in plain(
        await harness.feed(make_update("/search союзнических отнашений"))
    )
    assert "ничего не найдено" in plain(await harness.feed(make_update("/search zzqqxx")))
    assert "Напишите, что найти" in plain(await harness.feed(make_update("/search")))


async def test_open_button_shows_the_entry_with_sources(harness: Harness) -> None:
    requests = await harness.feed(make_update("/search Transcaspian"))
    _text, data = buttons(last_message(requests))[0]
    opened = plain(await harness.feed(make_callback(data)))
    assert "Карачи и Гвадар" in opened and "[1]" in opened


async def test_plain_text_opens_a_card_or_searches(harness: Harness) -> None:
    card = await harness.feed(make_update("Таджикистаном"))
    assert "🇹🇯 Таджикистан — отношения с Казахстаном" in plain(card)
    sections = [data for _text, data in buttons(last_message(card)) if data]  # no URL
    assert sections == [
        SectionButton(country="TJ", section=s).pack()
        for s in ("agreements", "timeline", "trade", "people", "sources", "subscribe")
    ]
    assert "Поиск «визит в Душанбе»" in plain(await harness.feed(make_update("визит в Душанбе")))


# ------------------------------------------------------------------ /timeline and paging


async def test_timeline_newest_first_with_filters(harness: Harness) -> None:
    reply = plain(await harness.feed(make_update("/timeline Таджикистан")))
    assert reply.startswith("Хронология: Таджикистан")
    only_2024 = plain(await harness.feed(make_update("/timeline 2024")))
    assert "2024" in only_2024 and "2025" not in only_2024.split("\n", 1)[1]
    ranged = plain(await harness.feed(make_update("/timeline 2025-2026 Пакистан")))
    assert "Хронология: Пакистан, 2025–2026" in ranged
    assert "Переговоры Токаева и Шахбаза Шарифа" in ranged
    assert "нет" in plain(await harness.feed(make_update("/timeline 2030")))


async def test_timeline_days_of_one_month_come_newest_first(harness: Harness) -> None:
    """Two days of October 2025 in Dushanbe: on SQLite a CAST to DATE kept only the year, so
    09.10, 10.10 and 09.10 came mixed. Runs on PostgreSQL too (TEST_DB=postgres)."""
    reply = plain(await harness.feed(make_update("/timeline Таджикистан")))
    days = [
        dt.datetime.strptime(day, "%d.%m.%Y").date()
        for day in re.findall(r"^\S*\s*(\d{2}\.\d{2}\.\d{4})", reply, re.MULTILINE)
    ]
    assert len({(day.year, day.month) for day in days}) < len(days)  # same month twice
    assert days == sorted(days, reverse=True), days


@pytest.mark.parametrize("argument", ["0000", "1800-1850", "2024-9999"])
async def test_timeline_bad_years(harness: Harness, argument: str) -> None:
    assert "от 1900 до 2100" in plain(await harness.feed(make_update(f"/timeline {argument}")))


async def test_timeline_unknown_country(harness: Harness) -> None:
    assert "не найдена" in plain(await harness.feed(make_update("/timeline Нарния")))


async def test_pagination_first_middle_last(harness: Harness) -> None:
    first = await harness.feed(make_update("/timeline"))
    labels = [text for text, _ in buttons(last_message(first))]
    assert labels == ["1/3", "Далее ▶"]  # no "Prev" on the first page
    next_data = buttons(last_message(first))[-1][1]
    second = await harness.feed(make_callback(next_data))
    assert any(isinstance(r, AnswerCallbackQuery) for r in second)
    edited = last_message(second)
    assert isinstance(edited, EditMessageText)
    assert [text for text, _ in buttons(edited)] == ["◀ Назад", "2/3", "Далее ▶"]
    third = await harness.feed(make_callback(buttons(edited)[-1][1]))
    assert [text for text, _ in buttons(last_message(third))] == ["◀ Назад", "3/3"]
    assert "стр. 3 из 3" in plain(third)


async def test_single_page_lists_have_no_pager(harness: Harness) -> None:
    requests = await harness.feed(make_update("/timeline Пакистан"))
    assert buttons(last_message(requests)) == []


async def test_page_past_the_end_shows_the_last(harness: Harness) -> None:
    first = await harness.feed(make_update("/timeline"))
    view = PageButton.unpack(buttons(last_message(first))[-1][1]).view
    reply = plain(await harness.feed(make_callback(PageButton(view=view, page=99).pack())))
    assert "стр. 3 из 3" in reply


@pytest.mark.parametrize(
    "data",
    [
        "",
        "garbage",
        "p1:abc:1",
        "p1:999999:1",
        "p1:1:99999999999999999999",
        "p1:99999999999999999999:1",
        "p1:1:-5",
        "o1:event:99999999999999999999",
        "r1:99999999999999999999",
        "f1:weekly:99999999999999999999:0900:-",
        "a1:pause:18446744073709551616:-",
        "p0:1:1",
        "o1:event:notanumber",
        "o1:spaceship:1",
        "s1:XX:trade",
        "s1:TJ:weather",
        "p1:1",
        "x" * 64,
        "🙂",
    ],
)
async def test_stale_or_forged_callbacks_get_a_friendly_answer(harness: Harness, data: str) -> None:
    requests = await harness.feed(make_callback(data))
    answers = [r for r in requests if isinstance(r, AnswerCallbackQuery)]
    sent = texts(requests)
    assert not ERRORS & set(sent)
    assert answers or sent  # never silence
    if answers and answers[0].text:
        assert answers[0].text == EXPIRED_RU
    if data.startswith("o1:spaceship"):
        assert "больше нет" in plain(requests)


async def test_views_expire_after_a_week(harness: Harness, runtime: Runtime) -> None:
    first = await harness.feed(make_update("/timeline"))
    data = buttons(last_message(first))[-1][1]
    async with runtime.session_factory() as session:
        await session.execute(
            update(ListView).values(created_at=dt.datetime.now(dt.UTC) - dt.timedelta(days=8))
        )
        await session.commit()
    requests = await harness.feed(make_callback(data))
    answer = next(r for r in requests if isinstance(r, AnswerCallbackQuery))
    assert answer.text == EXPIRED_RU and answer.show_alert


async def test_a_list_view_belongs_to_its_chat(harness: Harness) -> None:
    mine = await harness.feed(make_update("/search Душанбе", user_id=42))
    data = buttons(last_message(mine))[-1][1]
    # Another user forging the same button sees nothing of the first one's query or results.
    theirs = await harness.feed(make_callback(data, user_id=4242))
    answer = next(r for r in theirs if isinstance(r, AnswerCallbackQuery))
    assert answer.text == EXPIRED_RU
    assert "Душанбе" not in plain(theirs)
    again = await harness.feed(make_callback(data, user_id=42))
    assert "Душанбе" in plain(again)


async def test_expired_views_are_pruned(harness: Harness, runtime: Runtime) -> None:
    await harness.feed(make_update("/timeline"))
    await harness.feed(make_update("/sources"))
    async with runtime.session_factory() as session:
        oldest = await session.scalar(select(func.min(ListView.id)))
        await session.execute(
            update(ListView)
            .where(ListView.id == oldest)
            .values(created_at=dt.datetime.now(dt.UTC) - dt.timedelta(days=8))
        )
        await session.commit()
    runtime.view_prune_interval = 0.05
    runtime.start_background_work()
    for _ in range(200):
        async with runtime.session_factory() as session:
            remaining = list(await session.scalars(select(ListView.id)))
        if oldest not in remaining:
            break
        await asyncio.sleep(0.05)
    assert oldest not in remaining and len(remaining) == 1  # the fresh one stays


def test_callback_data_fits_64_bytes() -> None:
    for data in (
        PageButton(view=MAX_ROW_ID, page=1_000_000).pack(),
        OpenButton(kind="agreement", id=MAX_ROW_ID).pack(),
        SectionButton(country="TJ", section="agreements").pack(),
        FixButton(
            kind="t",
            id=MAX_ROW_ID,
            revision=1_000_000,
            action="attach",
            field="countries",
            choice=50,
            evidence=MAX_ROW_ID,
        ).pack(),
        ReviewButton(
            token="abcdef12", action="choose", number=100_000, page=1_000_000, field="currency"
        ).pack(),
    ):
        assert len(data.encode()) <= 64


def test_every_kind_of_button_has_a_prefix_of_its_own() -> None:
    """Two kinds sharing a prefix would each parse the other's presses."""
    kinds = [
        value
        for value in vars(buttons_module).values()
        if isinstance(value, type) and issubclass(value, CallbackData) and value is not CallbackData
    ]
    prefixes = [kind.__prefix__ for kind in kinds]
    assert len(kinds) > 10 and len(prefixes) == len(set(prefixes)), sorted(prefixes)


# ------------------------------------------------------------------ /trade


async def test_trade_sends_a_chart_and_the_figures(harness: Harness) -> None:
    requests = await harness.feed(make_update("/trade TJ"))
    photos = [r for r in requests if isinstance(r, SendPhoto)]
    assert len(photos) == 1
    png = photos[0].photo.data  # type: ignore[union-attr]
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", png[16:24])
    assert (width, height) == (960, 540) and 10_000 < len(png) < 500_000
    assert len(photos[0].caption or "") <= 1024
    reply = plain(requests)
    assert "2025 г.: товарооборот более $1,2 млрд" in reply and "Zakon.kz" in reply


async def test_trade_with_one_point_is_text_only(harness: Harness) -> None:
    requests = await harness.feed(make_update("/trade Пакистан"))
    assert not any(isinstance(r, SendPhoto) for r in requests)
    assert "цель: товарооборот $1 млрд" in plain(requests)


async def test_trade_overview_unknown_and_empty(harness: Harness) -> None:
    overview = plain(await harness.feed(make_update("/trade")))
    assert "/trade TJ" in overview and "/trade RU" in overview
    assert "торговых показателей в базе нет" in plain(
        await harness.feed(make_update("/trade Франция"))
    )
    assert "не найдена" in plain(await harness.feed(make_update("/trade Нарния")))


async def test_chart_is_drawn_off_the_event_loop(runtime: Runtime) -> None:
    ticks = 0

    async def ticker() -> None:
        nonlocal ticks
        while True:
            await asyncio.sleep(0.005)
            ticks += 1

    task = asyncio.create_task(ticker())
    t = translator("ru")
    async with runtime.session_factory() as session:
        report = await trade_report(
            session, "TJ", lambda iso2: chart_labels(t, iso2, lambda code: code)
        )
    task.cancel()
    assert report.chart is not None
    # The loop kept running while matplotlib drew (and, on a cold start, imported itself).
    assert ticks >= 3


# ------------------------------------------------------------------ /latest, /sources


async def test_latest(harness: Harness) -> None:
    reply = plain(await harness.feed(make_update("/latest 3")))
    assert reply.startswith("Новые записи (3)")
    assert plain(await harness.feed(make_update("/latest"))).startswith("Новые записи (10)")
    paged = await harness.feed(make_update("/latest 20"))
    assert [text for text, _ in buttons(last_message(paged))] == ["1/3", "Далее ▶"]
    for bad in ("0", "abc", "1000", "-5"):
        assert "от 1 до 50" in plain(await harness.feed(make_update(f"/latest {bad}")))


async def test_sources_with_fact_counts(harness: Harness) -> None:
    everything = plain(await harness.feed(make_update("/sources")))
    assert everything.startswith("Источники: 5")
    assert "фактов:" in everything
    pakistan = plain(await harness.feed(make_update("/sources PK")))
    assert pakistan.startswith("Источники: Пакистан: 1")


# ------------------------------------------------------------------ card buttons


@pytest.mark.parametrize(
    ("section", "expected"),
    [
        ("agreements", "Документы: Таджикистан (6)"),
        ("timeline", "Хронология: Таджикистан"),
        ("people", "Люди: Таджикистан"),
        ("sources", "Источники: Таджикистан"),
        ("trade", "Торговля Казахстана: Таджикистан"),
    ],
)
async def test_card_buttons(harness: Harness, section: str, expected: str) -> None:
    requests = await harness.feed(
        make_callback(SectionButton(country="TJ", section=section).pack())
    )
    assert expected in plain(requests)
    assert (section == "trade") == any(isinstance(r, SendPhoto) for r in requests)


# ------------------------------------------------------------------ inline mode


async def test_inline_queries(harness: Harness) -> None:
    empty = next(r for r in await harness.feed(make_inline("")) if isinstance(r, AnswerInlineQuery))
    assert {r.id for r in empty.results} >= {"country:TJ", "country:PK", "country:RU"}
    card = next(
        r
        for r in await harness.feed(make_inline("Таджикистан"))
        if isinstance(r, AnswerInlineQuery)
    )
    assert card.results[0].id == "country:TJ"
    treaty = next(
        r for r in await harness.feed(make_inline("союзнич")) if isinstance(r, AnswerInlineQuery)
    )
    assert any(r.title == "Договор о союзнических отношениях" for r in treaty.results)
    nothing = next(
        r for r in await harness.feed(make_inline("<b>zzz</b>")) if isinstance(r, AnswerInlineQuery)
    )
    assert nothing.results == []


# ------------------------------------------------------------------ languages


async def test_lang_is_remembered(harness: Harness, runtime: Runtime) -> None:
    assert "English" in plain(await harness.feed(make_update("/lang en")))
    card = plain(await harness.feed(make_update("/country TJ", language="ru")))
    assert "Tajikistan — relations with Kazakhstan" in card
    fresh = Harness(runtime)  # a new dispatcher: the choice lives in the database
    assert "Tajikistan" in plain(await fresh.feed(make_update("/timeline TJ")))
    assert "/lang ru" in plain(await harness.feed(make_update("/lang klingon")))


async def test_lang_buttons(harness: Harness) -> None:
    requests = await harness.feed(make_update("/lang"))
    choices = buttons(last_message(requests))
    assert [text for text, _ in choices] == ["Русский", "English"]
    await harness.feed(make_callback(choices[1][1]))
    assert "Sources" in plain(await harness.feed(make_update("/sources")))


@pytest.mark.parametrize("language", ["ru", "en"])
@pytest.mark.parametrize(
    "command",
    ["/search Душанбе", "/timeline TJ", "/trade TJ", "/latest", "/sources TJ", "/treaty", "/lang"],
)
async def test_every_command_in_both_languages(
    harness: Harness, command: str, language: str
) -> None:
    requests = await harness.feed(make_update(command, language=language))
    assert texts(requests) and not ERRORS & set(texts(requests))


# ------------------------------------------------------------------ properties

commands = st.sampled_from(
    ["/search", "/timeline", "/trade", "/latest", "/sources", "/lang", "/treaty", ""]
)
arguments = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",)), max_size=200
) | st.sampled_from(["<b>", "&", "2024-2025", "TJ 2024", "-1", "99999999999999999999"])


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(command=commands, argument=arguments)
def test_any_command_argument_is_answered(
    sync_harness: tuple[asyncio.AbstractEventLoop, Harness], command: str, argument: str
) -> None:
    loop, harness = sync_harness
    text = f"{command} {argument}".strip() or "x"
    requests = loop.run_until_complete(harness.feed(make_update(text)))
    assert requests and not ERRORS & set(texts(requests))


callback_data = st.one_of(
    st.text(max_size=80),
    st.builds(
        lambda f, w, t, c: f"f1:{f}:{w}:{t}:{c}",
        st.sampled_from(["daily", "weekly", "-", "hourly"]),
        st.integers(-3, 9),
        st.sampled_from(["-", "0900", "2599", "ab", "0000"]),
        st.sampled_from(["-", "TJ", "KZ", "ZZ"]),
    ),
    st.builds(
        lambda a, i, v: f"a1:{a}:{i}:{v}",
        st.sampled_from(["pause", "resume", "time", "delete", "x"]),
        st.integers(-5, 2**40),
        st.sampled_from(["-", "1200", "9999", "ab"]),
    ),
    st.builds(
        lambda language: LanguageButton(language=language).pack(),
        st.sampled_from(["ru", "en", "de", ""]),
    ),
    st.builds(
        lambda v, p: f"p1:{v}:{p}",
        st.integers(-10, 10**25),
        st.integers(-10, 10**25),
    ),
    st.builds(
        lambda k, i: f"o1:{k}:{i}",
        st.sampled_from(["event", "agreement", "trade", "person", "article", "x"]),
        st.integers(-5, 10**25),
    ),
    st.builds(
        lambda c, s: SectionButton(country=c, section=s).pack(),
        st.sampled_from(["TJ", "PK", "KZ", "FR", "ZZ", "tj"]),
        st.sampled_from(["agreements", "timeline", "trade", "people", "sources", "x"]),
    ),
)


@settings(
    max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=callback_data)
def test_any_callback_is_answered(
    sync_harness: tuple[asyncio.AbstractEventLoop, Harness], data: str
) -> None:
    loop, harness = sync_harness
    requests = loop.run_until_complete(harness.feed(make_callback(data)))
    assert requests and not ERRORS & set(texts(requests))


async def test_search_while_the_index_is_being_built(harness: Harness, runtime: Runtime) -> None:
    built = runtime.directory.search
    runtime.directory.search = None  # as right after a restart of a large store
    assert "готовится" in plain(await harness.feed(make_update("/search Душанбе")))
    assert "готовится" in plain(await harness.feed(make_update("визит в Душанбе")))
    assert "🇹🇯" in plain(await harness.feed(make_update("/country TJ")))  # the rest works
    runtime.start_background_work()  # the index build, among long-running watchers
    for _ in range(600):
        if runtime.directory.search is not None:
            break
        await asyncio.sleep(0.05)
    assert runtime.directory.search is not None and len(runtime.directory.search) == len(built)
    assert "Поиск «Душанбе»" in plain(await harness.feed(make_update("/search Душанбе")))


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [("Привет", "ru", "Здравствуйте!"), ("Спасибо!", "ru", "/help"), ("hello", "en", "Hello!")],
)
async def test_greetings_get_a_pointer_not_a_search(
    harness: Harness, text: str, language: str, expected: str
) -> None:
    reply = plain(await harness.feed(make_update(text, language=language)))
    assert expected in reply and "Поиск" not in reply and "Search" not in reply


async def test_a_word_like_a_greeting_is_still_searched(harness: Harness) -> None:
    assert "Поиск «Привет Рахмону»" in plain(await harness.feed(make_update("Привет Рахмону")))


async def test_card_buttons_only_for_sections_with_content(harness: Harness) -> None:
    uzbekistan = [
        text for text, _ in buttons(last_message(await harness.feed(make_update("/country UZ"))))
    ]
    assert "📄 Документы" not in uzbekistan and "📈 Торговля" not in uzbekistan
    assert {"🗓 Хронология", "👤 Люди", "🔔 Подписаться"} <= set(uzbekistan)
    tajikistan = [
        text for text, _ in buttons(last_message(await harness.feed(make_update("/country TJ"))))
    ]
    assert {"📄 Документы", "📈 Торговля"} <= set(tajikistan)


async def inline_answer(harness: Harness, query: str, language: str = "ru") -> AnswerInlineQuery:
    requests = await harness.feed(make_inline(query, language=language))
    return next(r for r in requests if isinstance(r, AnswerInlineQuery))


async def test_inline_people_and_events_open_the_bot(harness: Harness) -> None:
    person = await inline_answer(harness, "Токаев")
    ids = [r.id for r in person.results]
    assert any(i.startswith("person:") for i in ids), ids
    profile = next(r for r in person.results if r.id.startswith("person:"))
    assert profile.title == "Касым-Жомарт Токаев"
    assert "Токаев" in profile.input_message_content.message_text  # type: ignore[union-attr]
    assert profile.reply_markup is not None
    button = profile.reply_markup.inline_keyboard[0][0]
    assert button.url == "https://t.me/briefings_bot"  # Kazakhstan has no card of its own

    visits = await inline_answer(harness, "визит Душанбе")
    events = [r for r in visits.results if r.id.startswith("event:")]
    assert events and any("Государственный визит" in r.title for r in events)
    for result in events:
        assert result.reply_markup is not None
        url = result.reply_markup.inline_keyboard[0][0].url or ""
        assert re.fullmatch(r"https://t\.me/briefings_bot\?start=[A-Z]{2}", url), url
    state_visit = next(r for r in events if "Государственный визит" in r.title)
    assert state_visit.reply_markup is not None
    assert state_visit.reply_markup.inline_keyboard[0][0].url.endswith("start=TJ")  # type: ignore[union-attr]
    english = await inline_answer(harness, "Tokayev", language="en")
    found = next(r for r in english.results if r.id.startswith("person:"))
    assert found.title == "Kassym-Jomart Tokayev"
    assert found.reply_markup is not None
    assert found.reply_markup.inline_keyboard[0][0].text == "Open in the bot"
