"""Filters shared by the routers: commands addressed to us with their parsed argument, and
the admin check."""

from __future__ import annotations

from aiogram import Bot
from aiogram.filters import BaseFilter, Command, CommandObject
from aiogram.types import CallbackQuery, Message

from bot.briefings import QUERY_LIMIT, clean_query
from bot.config import Settings
from bot.i18n import Translator


class AddressedToUs(BaseFilter):
    """In groups, `/cmd@OtherBot` belongs to the other bot; in a private chat it can only
    mean us, so it is answered rather than ignored."""

    async def __call__(self, message: Message, bot: Bot) -> bool:
        if message.chat.type == "private":
            return True
        first_word = (message.text or message.caption or "").split(maxsplit=1)[0:1]
        if not first_word or "@" not in first_word[0]:
            return True
        mention = first_word[0].split("@", 1)[1]
        me = await bot.me()
        return bool(me.username) and mention.lower() == (me.username or "").lower()


class CommandQuery(BaseFilter):
    """Hands the handler its command's argument as `query`, blanks folded and cut to size;
    the user is told here, once for every command, when it was cut."""

    async def __call__(
        self, message: Message, command: CommandObject, t: Translator
    ) -> dict[str, str]:
        query, truncated = clean_query(command.args)
        if truncated:
            await message.answer(t("query-truncated", limit=str(QUERY_LIMIT)))
        return {"query": query}


def command_filter(*names: str) -> tuple[Command, AddressedToUs, CommandQuery]:
    return Command(*names, ignore_case=True, ignore_mention=True), AddressedToUs(), CommandQuery()


def is_admin(message: Message, settings: Settings) -> bool:
    """By numeric id, in a private chat, never on behalf of a chat (sender_chat)."""
    return (
        message.chat.type == "private"
        and message.sender_chat is None
        and message.from_user is not None
        and message.from_user.id in settings.admin_ids
    )


class IsAdmin(BaseFilter):
    """Admin commands and admin buttons; whoever else sends them meets the refusal
    handlers registered after the admin ones."""

    async def __call__(self, event: Message | CallbackQuery, settings: Settings) -> bool:
        if isinstance(event, CallbackQuery):
            message = event.message
            return (
                event.from_user.id in settings.admin_ids
                and message is not None
                and message.chat.type == "private"
            )
        return is_admin(event, settings)
