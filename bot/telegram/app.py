"""Application factory: the bot and the dispatcher with its middlewares and routers.

Nothing here runs at import time; `python -m bot` and the tests call these functions.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

from aiogram import Bot, Dispatcher
from aiogram.client.default import DefaultBotProperties
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.session.base import BaseSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.enums import ParseMode
from aiogram.types import BotCommand, BotCommandScopeChat, ErrorEvent, Message

from bot.commands import ADMIN_COMMANDS, USER_COMMANDS
from bot.config import Settings
from bot.i18n import LANGUAGES, pick_language, translator
from bot.logs import request_id_of, request_scope
from bot.runtime import Runtime
from bot.telegram.fsm import FlowStorageUnavailable, create_storage
from bot.telegram.middlewares import DbSessionMiddleware, LanguageMiddleware, RequestIdMiddleware
from bot.telegram.retry import ReplyRetry
from handlers import get_routers

log = logging.getLogger(__name__)
LOCAL_TOKEN = "0:local"  # a syntactically valid token for the offline session; never sent


def create_bot(settings: Settings, session: BaseSession | None = None) -> Bot:
    token = settings.bot_token.get_secret_value() if settings.bot_token else LOCAL_TOKEN
    if session is None:
        session = AiohttpSession(api=TelegramAPIServer.from_base(settings.telegram_api_url))
    session.middleware(ReplyRetry())
    return Bot(token, session=session, default=DefaultBotProperties(parse_mode=ParseMode.HTML))


def create_dispatcher(runtime: Runtime) -> Dispatcher:
    dispatcher = Dispatcher(
        storage=create_storage(runtime.settings),
        directory=runtime.directory,
        settings=runtime.settings,
    )
    dispatcher.update.outer_middleware(RequestIdMiddleware())
    dispatcher.update.outer_middleware(DbSessionMiddleware(runtime.session_factory))
    dispatcher.update.outer_middleware(LanguageMiddleware())
    dispatcher.include_routers(*get_routers())
    dispatcher.errors.register(_on_error)
    return dispatcher


async def _on_error(event: ErrorEvent) -> bool:
    """Log with the traceback; tell the user something went wrong instead of going silent.
    aiogram calls this outside the request-id middleware: the id is set again here."""
    with request_scope(request_id_of(event.update.update_id)):
        return await _report_error(event)


async def _report_error(event: ErrorEvent) -> bool:
    degraded = isinstance(event.exception, FlowStorageUnavailable)
    if degraded:
        log.warning("update %s: state store unavailable", event.update.update_id)
    else:
        log.exception("update %s failed", event.update.update_id, exc_info=event.exception)
    update = event.update
    callback = update.callback_query
    sender = (
        callback.from_user if callback else (update.message.from_user if update.message else None)
    )
    t = translator(pick_language(sender.language_code if sender else None))
    notice = t("error-flows-unavailable") if degraded else t("error-generic")
    try:
        if callback is not None:
            await callback.answer(notice, show_alert=True)
        elif isinstance(update.message, Message):
            await update.message.answer(notice)
    except Exception:  # the reply itself may be what failed; nothing more to do
        log.warning("could not send the error notice for update %s", update.update_id)
    return True


async def set_command_menu(bot: Bot, admin_ids: Iterable[int] = ()) -> None:
    """Every user command in each language; admins' private chats list theirs too.
    Cosmetic: a failure is logged, never fatal."""
    for language in LANGUAGES:
        t = translator(language)
        user = [BotCommand(command=name, description=t(f"menu-{name}")) for name in USER_COMMANDS]
        admin = [BotCommand(command=name, description=t(f"menu-{name}")) for name in ADMIN_COMMANDS]
        try:
            await bot.set_my_commands(user, language_code=language)
            for chat_id in admin_ids:
                scope = BotCommandScopeChat(chat_id=chat_id)
                await bot.set_my_commands(user + admin, scope=scope, language_code=language)
        except Exception as exc:
            log.warning("could not set the command menu (%s): %s", language, exc)
