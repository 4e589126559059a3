"""Inline mode: `@bot <query>` offers country cards, documents, people and events to post
in any chat, each with a button that opens the bot on the country it concerns."""

from __future__ import annotations

from aiogram import Bot, Router
from aiogram.types import (
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InlineQuery,
    InlineQueryResultArticle,
    InlineQueryResultUnion,
    InputTextMessageContent,
    LinkPreviewOptions,
)

from bot import lists
from bot.briefings import (
    CountryFound,
    PersonFound,
    TreatyMatches,
    clean_query,
    country_briefing,
    person_lookup,
    treaty_search,
)
from bot.directory import Directory
from bot.i18n import Translator
from bot.matching.countries import HOME_COUNTRY
from bot.render import cards, facts
from bot.render import lists as render_lists
from bot.render.facts import CountryName, flag
from handlers.keyboards.cards import share_link
from handlers.views import names
from store.db import Session
from store.dto import EventInfo

MAX_RESULTS = 20
MAX_EVENTS = 5


class Results:
    """The answer being built: each article with its "open in the bot" button."""

    def __init__(self, t: Translator, bot_username: str | None) -> None:
        self.t, self.bot_username = t, bot_username
        self.items: list[InlineQueryResultUnion] = []

    @property
    def room(self) -> int:
        return MAX_RESULTS - len(self.items)

    def add(
        self, result_id: str, title: str, description: str, text: str, country: str | None
    ) -> None:
        # Kazakhstan itself has no card: a Kazakh official's result opens the bot's start.
        if country and country != HOME_COUNTRY:
            link = share_link(self.bot_username, country)
        else:
            link = f"https://t.me/{self.bot_username}" if self.bot_username else None
        markup = (
            InlineKeyboardMarkup(
                inline_keyboard=[[InlineKeyboardButton(text=self.t("inline-open-bot"), url=link)]]
            )
            if link
            else None
        )
        self.items.append(
            InlineQueryResultArticle(
                id=result_id[:64],
                title=title[:200],
                description=description[:200],
                input_message_content=InputTextMessageContent(
                    message_text=text,
                    parse_mode="HTML",
                    link_preview_options=LinkPreviewOptions(is_disabled=True),
                ),
                reply_markup=markup,
            )
        )


def _partner(codes: list[str]) -> str | None:
    return next((code for code in codes if code != HOME_COUNTRY), None)


async def _countries(
    results: Results, text: str, session: Session, directory: Directory, name: CountryName
) -> None:
    codes: list[str] = []
    if not text:
        codes = (await lists.countries_with_data(session))[:MAX_RESULTS]
    else:
        partner = directory.countries.resolve(text).partner
        if partner:
            codes = [partner]
    for code in codes:
        result = await country_briefing(directory, session, code)
        if isinstance(result, CountryFound):
            card = cards.country_result(results.t, result, name)
            title = f"{flag(code)} {name(code)}"
            results.add(
                f"country:{code}", title, results.t("inline-card-description"), card[0], code
            )


async def _documents(
    results: Results, text: str, session: Session, directory: Directory, name: CountryName
) -> None:
    t = results.t
    treaties = await treaty_search(directory, session, text)
    if not isinstance(treaties, TreatyMatches):
        return
    for agreement in treaties.agreements[: results.room]:
        detail = facts.agreement_line(t, agreement, name, None, with_details=True)
        description = t(
            "inline-agreement-description",
            type=facts.agreement_kind(t, agreement),
            date=render_lists.agreement_date(t, agreement),
        )
        country = _partner(list(agreement.parties))
        results.add(f"agreement:{agreement.id}", agreement.title, description, detail, country)


async def _people(
    results: Results, text: str, session: Session, directory: Directory, name: CountryName
) -> None:
    found = await person_lookup(directory, session, text)
    if not isinstance(found, PersonFound) or results.room <= 0:
        return
    profile, t = found.profile, results.t
    title = profile.name_en if t.language == "en" and profile.name_en else profile.name_ru
    titles = [facts.role_title(t, role) for role in profile.roles]
    role = next((title for title in titles if title), None)
    country = next((r.country for r in profile.roles if r.country), None)
    text_html = cards.person_profile(t, profile, name)[0]
    description = role or t("inline-person-description")
    results.add(f"person:{profile.person_id}", title, description, text_html, country)


def _event_description(t: Translator, event: EventInfo) -> str:
    when = facts.format_date_range(t, event.date_start, event.date_end, event.precision)
    return f"{t(f'event-{event.kind}')} · {when}" + (f" · {event.place}" if event.place else "")


async def _events(
    results: Results, text: str, session: Session, directory: Directory, name: CountryName
) -> None:
    limit = min(MAX_EVENTS, results.room)
    if limit <= 0:
        return
    for event in await lists.events_matching(directory, session, text, limit):
        country = _partner([code for code, _role in event.countries])
        line = facts.event_line(results.t, event, None, name)
        description = _event_description(results.t, event)
        results.add(f"event:{event.id}", event.title, description, line, country)


async def inline_query(
    query: InlineQuery, session: Session, directory: Directory, t: Translator, bot: Bot
) -> None:
    text, _truncated = clean_query(query.query)
    name = names(directory, t)
    me = await bot.me()
    results = Results(t, me.username)
    await _countries(results, text, session, directory, name)
    if text:
        await _people(results, text, session, directory, name)
        await _documents(results, text, session, directory, name)
        await _events(results, text, session, directory, name)
    await query.answer(results.items, cache_time=60, is_personal=True)


def create_router() -> Router:
    router = Router(name=__name__)
    router.inline_query()(inline_query)
    return router
