"""Command filtering shared by the routers."""

from __future__ import annotations

from aiogram import Bot
from aiogram.filters import BaseFilter, Command
from aiogram.types import Message


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


def command_filter(*names: str) -> tuple[Command, AddressedToUs]:
    return Command(*names, ignore_case=True, ignore_mention=True), AddressedToUs()
