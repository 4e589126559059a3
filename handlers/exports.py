"""/export and /calendar: the facts as a CSV or JSON file, the events as an .ics file."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TypeVar

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
    found = await exports.facts_to_export(directory, session, query)
    result = await _worth_a_file(message, t, directory, found, "export")
    if result is None:
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
    found = await exports.events_to_export(directory, session, query)
    result = await _worth_a_file(message, t, directory, found, "calendar")
    if result is None:
        return
    name = names(directory, t)
    title = render_exports.calendar_title(t, result.country, name)
    files = render_exports.calendar_files(
        t, result, dt.datetime.now(dt.UTC), title, name, settings.export_part_bytes
    )
    await _send_files(message, t, directory, files, "calendar", result.country)


Wanted = TypeVar("Wanted", exports.FactsToExport, exports.EventsToExport)


async def _worth_a_file(
    message: Message,
    t: Translator,
    directory: Directory,
    result: Wanted | CountryNotMatched,
    what: str,
) -> Wanted | None:
    """What goes into the file; None when a country was not found or there is nothing to
    put in it, and a sentence has said so instead."""
    if isinstance(result, CountryNotMatched):
        await answer_all(message, render_lists.country_needed(t, result, names(directory, t)))
        return None
    if not result.count:
        text = render_exports.nothing_to_send(t, what, result.country, names(directory, t))
        await answer_all(message, [text])
        return None
    return result


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
