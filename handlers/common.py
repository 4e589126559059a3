"""/start, /help, and the fallback for anything no other router took."""

from __future__ import annotations

from contextlib import suppress

from aiogram import F, Router
from aiogram.exceptions import TelegramBadRequest
from aiogram.filters import CommandObject, CommandStart
from aiogram.fsm.context import FSMContext
from aiogram.types import Message

from bot.briefings import clean_query
from bot.config import Settings
from bot.directory import Directory
from bot.i18n import Translator
from bot.render.help import help_text
from handlers.filters import AddressedToUs, command_filter, is_admin
from handlers.flows import SETUP_MESSAGE, end_pending_flow
from handlers.views import send_card
from store.db import Session


async def start(
    message: Message,
    command: CommandObject,
    session: Session,
    directory: Directory,
    settings: Settings,
    t: Translator,
) -> None:
    """A deep link `t.me/<bot>?start=TJ` arrives as `/start TJ`: that country's card."""
    code, _ = clean_query(command.args)
    if code:
        await send_card(message, session, directory, t, code, is_admin(message, settings))
        return
    await message.answer(t("start"))


async def help_command(message: Message, settings: Settings, t: Translator) -> None:
    await message.answer(help_text(t, is_admin(message, settings)))


async def cancel(message: Message, state: FSMContext, session: Session, t: Translator) -> None:
    user_id = message.from_user.id if message.from_user else 0
    setup_message = (await state.get_data()).get(SETUP_MESSAGE)
    key = await end_pending_flow(state, session, user_id)
    if key == "subscribe-cancelled" and isinstance(setup_message, int) and message.bot:
        # the guided flow's buttons go too: pressing one later would still subscribe
        with suppress(TelegramBadRequest):
            await message.bot.edit_message_reply_markup(
                chat_id=message.chat.id, message_id=setup_message, reply_markup=None
            )
    await message.answer(t(key))


async def unknown_command(message: Message, t: Translator) -> None:
    await message.answer(t("unknown-command"))


async def anything_else(message: Message, t: Translator) -> None:
    await message.answer(t("plain-text-hint"))


def create_router() -> Router:
    router = Router(name=__name__)
    router.message(CommandStart(ignore_case=True), AddressedToUs())(start)
    router.message(*command_filter("help"))(help_command)
    router.message(*command_filter("cancel"))(cancel)
    # Only private chats get a fallback: in groups, other talk is not addressed to us.
    router.message(F.chat.type == "private", F.text.startswith("/"))(unknown_command)
    router.message(F.chat.type == "private")(anything_else)
    return router
