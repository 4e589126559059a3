"""/timeline, /trade, /latest and /sources: chronology, trade with a chart, newest entries,
the articles behind the data."""

from __future__ import annotations

from aiogram import Router
from aiogram.types import Message

from bot import lists
from bot.briefings import CountryNotMatched
from bot.directory import Directory
from bot.i18n import Translator
from bot.render import lists as render_lists
from handlers.filters import command_filter
from handlers.replies import answer_all
from handlers.views import names, send_page, send_trade
from store.db import Session


async def timeline(
    message: Message,
    query: str,
    session: Session,
    directory: Directory,
    t: Translator,
) -> None:
    await _page_or_problem(
        message, t, directory, await lists.timeline(directory, session, message.chat.id, query)
    )


async def sources(
    message: Message,
    query: str,
    session: Session,
    directory: Directory,
    t: Translator,
) -> None:
    await _page_or_problem(
        message, t, directory, await lists.sources(directory, session, message.chat.id, query)
    )


async def _page_or_problem(
    message: Message,
    t: Translator,
    directory: Directory,
    result: lists.PageResult | CountryNotMatched | lists.BadArgument,
) -> None:
    if isinstance(result, lists.PageResult):
        await send_page(message, t, directory, result)
    elif isinstance(result, CountryNotMatched):
        await answer_all(message, render_lists.country_needed(t, result, names(directory, t)))
    else:
        await answer_all(message, render_lists.bad_argument(t, result, lists.LATEST_MAX))


async def trade(
    message: Message,
    query: str,
    session: Session,
    directory: Directory,
    t: Translator,
) -> None:
    name = names(directory, t)
    result = await lists.trade(
        directory,
        session,
        message.chat.id,
        query,
        lambda iso2: render_lists.chart_labels(t, iso2, name),
    )
    if isinstance(result, lists.TradeReport):
        await send_trade(message, t, directory, result)
    elif isinstance(result, lists.PageResult):
        await send_page(message, t, directory, result)
    else:
        await answer_all(message, render_lists.country_needed(t, result, name))


async def latest(
    message: Message,
    query: str,
    session: Session,
    directory: Directory,
    t: Translator,
) -> None:
    result = await lists.latest(directory, session, message.chat.id, query)
    await _page_or_problem(message, t, directory, result)


def create_router() -> Router:
    router = Router(name=__name__)
    router.message(*command_filter("timeline"))(timeline)
    router.message(*command_filter("trade"))(trade)
    router.message(*command_filter("latest"))(latest)
    router.message(*command_filter("sources"))(sources)
    return router
