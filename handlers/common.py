"""/start, /help, and the fallback for anything no other router took."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import CommandStart
from aiogram.types import Message

from bot.i18n import Translator
from handlers.filters import AddressedToUs, command_filter

router = Router(name=__name__)


@router.message(CommandStart(ignore_case=True), AddressedToUs())
async def start(message: Message, t: Translator) -> None:
    await message.answer(t("start"))


@router.message(*command_filter("help"))
async def help_command(message: Message, t: Translator) -> None:
    await message.answer(t("help"))


@router.message(F.chat.type == "private", F.text.startswith("/"))
async def unknown_command(message: Message, t: Translator) -> None:
    await message.answer(t("unknown-command"))


@router.message(F.chat.type == "private")
async def anything_else(message: Message, t: Translator) -> None:
    await message.answer(t("plain-text-hint"))
