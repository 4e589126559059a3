"""/feeds (watched sources: add, pause, resume, remove with Undo) and /queue (articles
from them waiting for review: open one with the upload's review, or skip it). Admins only;
everyone else meets handlers.refusals."""

from __future__ import annotations

import datetime as dt

from aiogram import Router
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message

from bot.directory import Directory
from bot.feeds import manage, queue
from bot.i18n import Translator
from bot.render import feeds as render_feeds
from handlers.callback_data import FeedButton, QueueButton
from handlers.filters import IsAdmin, command_filter
from handlers.keyboards.feeds import queue_keyboard, removed_keyboard, sources_keyboard
from handlers.views import send_preview
from store.db import Session
from store.dto import SourceInfo


def now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


async def feeds_command(message: Message, query: str, session: Session, t: Translator) -> None:
    """`/feeds` lists; `/feeds add URL [auto] [name]` watches one more source (`auto`: its
    confident facts are published without review)."""
    words = query.split(maxsplit=2)
    if words and words[0].lower() == "add" and len(words) >= 2:
        rest = words[2].split(maxsplit=1) if len(words) > 2 else []
        trust = "auto" if rest and rest[0].lower() == "auto" else "review"
        name = " ".join(rest[1:] if trust == "auto" else rest) or None
        added = await manage.add(session, words[1], name, trust, manage.DEFAULT_INTERVAL, now())
        if not isinstance(added, SourceInfo):
            await message.answer(render_feeds.source_problem(t, added.reason))
            return
        await message.answer(t("feeds-added", id=str(added.id), name=added.name))
    elif words:
        await message.answer(t("feeds-usage"))
        return
    await _send_list(message, session, t)


async def _send_list(message: Message, session: Session, t: Translator) -> None:
    found = await manage.sources(session)
    await message.answer(
        render_feeds.sources_list(t, found), reply_markup=sources_keyboard(t, found)
    )


async def feed_pressed(
    callback: CallbackQuery, callback_data: FeedButton, session: Session, t: Translator
) -> None:
    message = callback.message
    if not isinstance(message, Message):
        await callback.answer(t("list-expired"), show_alert=True)
        return
    action, source_id = callback_data.action, callback_data.id
    if action in {"pause", "resume"}:
        done = await manage.set_active(session, source_id, action == "resume", now())
    elif action == "remove":
        done = await manage.remove(session, source_id)
    elif action == "undo":
        done = await manage.restore(session, source_id)
    else:
        done = False
    if not done:
        await callback.answer(t("feeds-missing"), show_alert=True)
        return
    await callback.answer(t(f"feeds-{action}-done", id=str(source_id)))
    if action == "remove":
        await message.answer(
            t("feeds-removed", id=str(source_id)), reply_markup=removed_keyboard(t, source_id)
        )
    found = await manage.sources(session)
    await message.answer(
        render_feeds.sources_list(t, found), reply_markup=sources_keyboard(t, found)
    )


async def queue_command(message: Message, session: Session, t: Translator) -> None:
    waiting = await queue.waiting(session)
    parked = await queue.parked(session)
    await message.answer(
        render_feeds.queue_list(t, waiting, parked), reply_markup=queue_keyboard(t, waiting)
    )


async def queue_pressed(
    callback: CallbackQuery,
    callback_data: QueueButton,
    session: Session,
    directory: Directory,
    state: FSMContext,
    t: Translator,
) -> None:
    message = callback.message
    if not isinstance(message, Message):
        await callback.answer(t("list-expired"), show_alert=True)
        return
    if callback_data.action == "skip":
        skipped = await queue.skip(session, callback_data.id)
        await callback.answer(
            t("queue-skipped" if skipped else "queue-gone"), show_alert=not skipped
        )
        return
    opened = await queue.open_item(session, callback_data.id)
    if opened is None:
        await callback.answer(t("queue-gone"), show_alert=True)
        return
    await callback.answer()
    _item, draft = opened
    await send_preview(message, state, draft, directory, t, feed_item=callback_data.id)


def create_router() -> Router:
    router = Router(name=__name__)
    router.message.filter(IsAdmin())  # everyone else meets handlers.refusals
    router.callback_query.filter(IsAdmin())
    router.message(*command_filter("feeds"))(feeds_command)
    router.message(*command_filter("queue"))(queue_command)
    router.callback_query(FeedButton.filter())(feed_pressed)
    router.callback_query(QueueButton.filter())(queue_pressed)
    return router
