"""Inline mode: `@bot <query>` offers country cards and documents to post in any chat."""

from __future__ import annotations

from aiogram import Router
from aiogram.types import (
    InlineQuery,
    InlineQueryResultArticle,
    InlineQueryResultUnion,
    InputTextMessageContent,
    LinkPreviewOptions,
)

from bot import lists
from bot.briefings import CountryFound, TreatyMatches, clean_query, country_briefing, treaty_search
from bot.directory import Directory
from bot.i18n import Translator
from bot.render import cards, facts
from bot.render import lists as render_lists
from bot.render.facts import flag
from handlers.views import names
from store.db import Session

MAX_RESULTS = 20


def _article(result_id: str, title: str, description: str, text: str) -> InlineQueryResultArticle:
    return InlineQueryResultArticle(
        id=result_id[:64],
        title=title[:200],
        description=description[:200],
        input_message_content=InputTextMessageContent(
            message_text=text,
            parse_mode="HTML",
            link_preview_options=LinkPreviewOptions(is_disabled=True),
        ),
    )


async def inline_query(
    query: InlineQuery, session: Session, directory: Directory, t: Translator
) -> None:
    text, _truncated = clean_query(query.query)
    name = names(directory, t)
    results: list[InlineQueryResultUnion] = []
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
            card = cards.country_result(t, result, name)
            results.append(
                _article(
                    f"country:{code}",
                    f"{flag(code)} {name(code)}",
                    t("inline-card-description"),
                    card[0],
                )
            )
    if text:
        treaties = await treaty_search(directory, session, text)
        if isinstance(treaties, TreatyMatches):
            for agreement in treaties.agreements[: MAX_RESULTS - len(results)]:
                detail = facts.agreement_line(t, agreement, name, None, with_details=True)
                results.append(
                    _article(
                        f"agreement:{agreement.id}",
                        agreement.title,
                        t(
                            "inline-agreement-description",
                            type=facts.agreement_kind(t, agreement),
                            date=render_lists.agreement_date(t, agreement),
                        ),
                        detail,
                    )
                )
    await query.answer(results, cache_time=60, is_personal=True)


def create_router() -> Router:
    router = Router(name=__name__)
    router.inline_query()(inline_query)
    return router
