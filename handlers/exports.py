"""/export and /calendar: the facts as a CSV or JSON file, the events as an .ics file."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from aiogram import Router
from aiogram.types import BufferedInputFile, Message

from bot import exports
from bot.briefings import CountryNotMatched
from bot.config import Settings
from bot.directory import Directory
from bot.i18n import Translator, translator
from bot.render import exports as render_exports
from bot.render import lists as render_lists
from bot.render.exports import ExportFile
from handlers.filters import command_filter
from handlers.replies import answer_all
from handlers.views import names
from store.db import Session


async def export(
    message: Message,
    query: str,
    session: Session,
    directory: Directory,
    settings: Settings,
    t: Translator,
) -> None:
    result = await exports.facts_to_export(directory, session, query)
    if isinstance(result, CountryNotMatched):
        await answer_all(message, render_lists.country_needed(t, result, names(directory, t)))
        return
    if not result.count:
        await _nothing(message, t, directory, "export", result.country)
        return
    english_names = names(directory, translator("en"))
    files = render_exports.export_files(
        result, dt.datetime.now(dt.UTC), english_names, settings.export_part_bytes
    )
    await _send_files(message, t, directory, files, "export", result.country)


async def calendar(
    message: Message,
    query: str,
    session: Session,
    directory: Directory,
    settings: Settings,
    t: Translator,
) -> None:
    result = await exports.events_to_export(directory, session, query)
    if isinstance(result, CountryNotMatched):
        await answer_all(message, render_lists.country_needed(t, result, names(directory, t)))
        return
    if not result.events:
        await _nothing(message, t, directory, "calendar", result.country)
        return
    name = names(directory, t)
    title = t(
        "calendar-name",
        country=name(result.country) if result.country else t("export-all-countries"),
    )
    files = render_exports.calendar_files(
        t, result, dt.datetime.now(dt.UTC), title, name, settings.export_part_bytes
    )
    await _send_files(message, t, directory, files, "calendar", result.country)


async def _nothing(
    message: Message, t: Translator, directory: Directory, what: str, country: str | None
) -> None:
    text = render_exports.nothing_to_send(t, what, country, names(directory, t))
    await answer_all(message, [text])


async def _send_files(
    message: Message,
    t: Translator,
    directory: Directory,
    files: Sequence[ExportFile],
    what: str,
    country: str | None,
) -> None:
    for file in files:
        caption = render_exports.file_caption(t, file, what, country, names(directory, t))
        await message.answer_document(
            BufferedInputFile(file.content, filename=file.filename), caption=caption
        )


def create_router() -> Router:
    router = Router(name=__name__)
    router.message(*command_filter("export"))(export)
    router.message(*command_filter("calendar"))(calendar)
    return router
