"""Admin uploads: /upload, the preview with Publish / Discard, /articles, /retract (asks
first), /restore, /stats.

Admins only (numeric ids from ADMIN_IDS, private chat, never on behalf of a chat); everyone
else is refused politely and nothing is stored. The draft waits in FSM state (Redis when
configured), so Publish works on whichever replica receives it."""

from __future__ import annotations

import datetime as dt
import logging
from contextlib import suppress

import aiohttp
from aiogram import Bot, F, Router
from aiogram.exceptions import TelegramAPIError, TelegramBadRequest
from aiogram.fsm.context import FSMContext
from aiogram.types import (
    CallbackQuery,
    Document,
    Message,
)

from bot.config import Settings
from bot.directory import Directory
from bot.draft_worker import ArticleTooComplex, ReadingLimits, shared_draft_worker
from bot.drafts import Draft, draft_from_state
from bot.extraction.documents import (
    ACCEPTED_EXTENSIONS,
    ARCHIVE_EXTENSIONS,
    MAX_UPLOAD_BYTES,
    DocumentError,
)
from bot.extraction.page import MIN_TEXT_CHARS
from bot.extraction.source_url import first_url
from bot.feeds import queue
from bot.i18n import Translator
from bot.render import upload
from bot.review import with_url
from bot.uploads import (
    Published,
    PublishFailed,
    discard_draft,
    find_duplicate,
    plan_retraction,
    publish_draft,
    recent_articles,
    restore_article,
    retract_article,
    upload_statistics,
)
from handlers.callback_data import ArticlesPage, RetractButton, UploadButton
from handlers.filters import IsAdmin, command_filter
from handlers.flows import FEED_ITEM, UploadFlow, end_pending_flow
from handlers.keyboards.uploads import (
    articles_pager,
    retract_keyboard,
    review_keyboard,
    waiting_keyboard,
)
from handlers.views import send_preview
from store.db import Session
from store.dto import RetractionPlan, parse_row_id

log = logging.getLogger(__name__)

ARTICLES_PER_PAGE = 10


async def start_upload(message: Message, state: FSMContext, t: Translator) -> None:
    data = await state.get_data()
    pending = (UploadFlow.preview.state, UploadFlow.correcting.state)
    if await state.get_state() in pending and data.get("draft"):
        draft = draft_from_state(data["draft"])
        if draft is not None:
            await message.answer(t("upload-pending"), reply_markup=review_keyboard(t, draft, 0))
            return
    await state.set_state(UploadFlow.waiting)
    await state.set_data({"since": dt.datetime.now(dt.UTC).isoformat()})
    await message.answer(
        t("upload-start", limit=str(MAX_UPLOAD_BYTES // 1000)), reply_markup=waiting_keyboard(t)
    )


async def _download(bot: Bot, document: Document) -> bytes | None:
    """The file's bytes, or None when Telegram's file server failed us (a missing file, a
    server error, a redirect loop, the network): the admin can simply send it again."""
    try:
        buffer = await bot.download(document)
    except (aiohttp.ClientError, TelegramAPIError, TimeoutError) as error:
        # The error's text holds the file URL, token included: the log filter redacts it.
        log.warning("could not download an uploaded file: %s", error)
        return None
    return buffer.read(MAX_UPLOAD_BYTES + 1) if buffer is not None else b""


async def receive_article(
    message: Message,
    bot: Bot,
    state: FSMContext,
    session: Session,
    directory: Directory,
    settings: Settings,
    t: Translator,
) -> None:
    received = await _article_bytes(message, bot, t)
    if received is None:
        return
    data, filename = received
    await message.answer(t("upload-reading"))
    draft = await _read(message, data, filename, settings, t)
    if draft is None:
        return
    if caption_url := first_url(message.caption or ""):
        draft = with_url(draft, caption_url)  # the admin's word beats the page's own
    duplicate = await find_duplicate(session, draft)
    if duplicate is not None:
        # nothing is written for a refusal: the database stays as it was
        await state.clear()
        await message.answer(upload.duplicate(t, duplicate))
        return
    await send_preview(message, state, draft, directory, t)


async def _article_bytes(
    message: Message, bot: Bot, t: Translator
) -> tuple[bytes, str | None] | None:
    """The pasted text, or the file checked by name and size before it is downloaded;
    None when the admin has been told why not."""
    if message.document is None:
        return (message.text or "").encode("utf-8"), None
    document = message.document
    filename = document.file_name or "upload.txt"
    lowered = filename.lower()
    if lowered.endswith(ARCHIVE_EXTENSIONS):
        await message.answer(t("upload-error-archive"))
        return None
    if not lowered.endswith(ACCEPTED_EXTENSIONS):
        await message.answer(t("upload-error-type"))
        return None
    # the size Telegram reports, before anything is downloaded
    if document.file_size is not None and document.file_size > MAX_UPLOAD_BYTES:
        await message.answer(t("upload-error-too_large", limit=str(MAX_UPLOAD_BYTES // 1000)))
        return None
    downloaded = await _download(bot, document)
    if downloaded is None:
        await message.answer(t("upload-download-failed"))
        return None
    return downloaded, filename


async def _read(
    message: Message, data: bytes, filename: str | None, settings: Settings, t: Translator
) -> Draft | None:
    """The draft, read in the worker process; None when the admin has been told why not."""
    limits = ReadingLimits(settings.upload_read_seconds, settings.upload_read_memory_mb * 2**20)
    try:
        return await shared_draft_worker().prepare(data, filename, limits)
    except DocumentError as error:
        await message.answer(t(f"upload-error-{error.reason}", limit=str(MAX_UPLOAD_BYTES // 1000)))
    except ArticleTooComplex:
        await message.answer(t("upload-too-complex"))
    return None


def _looks_like_a_lookup(text: str) -> bool:
    return not text.startswith("/") and "\n" not in text.strip() and len(text) < MIN_TEXT_CHARS


async def lookup_while_waiting(message: Message, t: Translator) -> None:
    await message.answer(t("upload-waiting-for-article"), reply_markup=waiting_keyboard(t))


async def decide(
    callback: CallbackQuery,
    callback_data: UploadButton,
    state: FSMContext,
    session: Session,
    directory: Directory,
    t: Translator,
) -> None:
    if callback_data.action == "cancel":
        await callback.answer()
        key = await end_pending_flow(state, session, callback.from_user.id)
        await _reply(callback, t(key))
        return
    data = await state.get_data()
    draft = draft_from_state(data.get("draft"))
    if draft is None or draft.token != callback_data.token:
        await callback.answer(t("upload-nothing-pending"), show_alert=True)
        return
    user_id = callback.from_user.id
    feed_item = data.get(FEED_ITEM)
    # Clear first: a second press finds nothing pending rather than publishing twice.
    await state.clear()
    if callback_data.action == "discard":
        await discard_draft(session, draft, user_id)
        if isinstance(feed_item, int):
            await queue.settle(session, feed_item, None)
        await callback.answer()
        await _reply(callback, t("upload-discarded"))
        return
    outcome = await publish_draft(session, draft, user_id, directory)
    if isinstance(outcome, PublishFailed):
        # Nothing was stored: the draft is put back so that Publish can simply be pressed again.
        await state.set_state(UploadFlow.preview)
        await state.set_data(data)
        await callback.answer(t("upload-publish-failed"), show_alert=True)
        return
    if isinstance(feed_item, int):
        article = outcome.article_id if isinstance(outcome, Published) else outcome.article.id
        await queue.settle(session, feed_item, article)
    await callback.answer()
    if isinstance(outcome, Published):
        await _reply(callback, upload.published(t, outcome))
    else:  # the same text published a moment ago (another press, another replica)
        await _reply(callback, upload.duplicate(t, outcome))


async def _reply(callback: CallbackQuery, text: str) -> None:
    message = callback.message
    if isinstance(message, Message):
        # Removing the buttons is cosmetic: a message too old to edit, or already without
        # them, must not hide the outcome from the admin.
        with suppress(TelegramBadRequest):
            await message.edit_reply_markup(reply_markup=None)
        await message.answer(text)


async def list_articles(
    message: Message,
    query: str,
    session: Session,
    t: Translator,
) -> None:
    await _send_articles(message, session, t, 0, edit=False)


async def turn_articles(
    callback: CallbackQuery,
    callback_data: ArticlesPage,
    session: Session,
    t: Translator,
) -> None:
    await callback.answer()
    if isinstance(callback.message, Message):
        await _send_articles(callback.message, session, t, max(callback_data.page, 0), edit=True)


async def _send_articles(
    message: Message, session: Session, t: Translator, page: int, *, edit: bool
) -> None:
    rows, total = await recent_articles(session, page * ARTICLES_PER_PAGE, ARTICLES_PER_PAGE)
    if total == 0:
        await message.answer(t("articles-empty"))
        return
    pages = (total + ARTICLES_PER_PAGE - 1) // ARTICLES_PER_PAGE
    page = min(page, pages - 1)
    if not rows:
        rows, _ = await recent_articles(session, page * ARTICLES_PER_PAGE, ARTICLES_PER_PAGE)
    markup = articles_pager(page, pages)
    text = upload.upload_list(t, rows, page, pages)
    if edit:
        await message.edit_text(text, reply_markup=markup)
    else:
        await message.answer(text, reply_markup=markup)


def _article_number(query: str) -> int | None:
    argument = query.strip().lstrip("#")
    return parse_row_id(argument) if argument.isascii() and argument.isdigit() else None


async def retract(message: Message, query: str, session: Session, t: Translator) -> None:
    """Shows what would disappear and asks; nothing changes before a button is pressed."""
    article_id = _article_number(query)
    if article_id is None:
        await message.answer(t("retract-usage"))
        return
    plan = await plan_retraction(session, article_id)
    if plan is None:
        await message.answer(t("retract-not-found", id=str(article_id)))
        return
    step = "continue" if plan.curated else "confirm"
    await message.answer(
        upload.retraction_plan(t, plan), reply_markup=retract_keyboard(t, article_id, step)
    )


async def confirm_retraction(
    callback: CallbackQuery,
    callback_data: RetractButton,
    session: Session,
    directory: Directory,
    t: Translator,
) -> None:
    article_id, action = callback_data.article, callback_data.action
    await callback.answer()
    if action == "cancel":
        await _reply(callback, t("retract-cancelled"))
        return
    if action == "continue":
        plan = await plan_retraction(session, article_id)
        if plan is None:
            await _reply(callback, t("retract-not-found", id=str(article_id)))
        elif isinstance(callback.message, Message):
            await callback.message.answer(
                upload.curated_confirmation(t, plan),
                reply_markup=retract_keyboard(t, article_id, "curated"),
            )
        return
    user_id = callback.from_user.id
    result = await retract_article(
        session, article_id, user_id, directory, curated_confirmed=action == "curated"
    )
    if result is None:
        await _reply(callback, t("retract-not-found", id=str(article_id)))
    elif isinstance(result, RetractionPlan):
        # a plain confirmation cannot retract curated facts, whatever the button said
        await _reply(callback, t("retract-curated-refused", id=str(article_id)))
    else:
        await _reply(callback, upload.retracted(t, result))


async def restore(
    message: Message, query: str, session: Session, directory: Directory, t: Translator
) -> None:
    article_id = _article_number(query)
    if article_id is None:
        await message.answer(t("restore-usage"))
        return
    user_id = message.from_user.id if message.from_user else 0
    result = await restore_article(session, article_id, user_id, directory)
    if result is None:
        await message.answer(t("restore-not-found", id=str(article_id)))
        return
    await message.answer(upload.restored(t, result))


async def show_stats(message: Message, session: Session, t: Translator) -> None:
    figures = await upload_statistics(session)
    await message.answer(upload.stats(t, figures))


def create_router() -> Router:
    router = Router(name=__name__)
    # Admins only, set once for every handler here; everyone else meets handlers.refusals.
    router.message.filter(IsAdmin())
    router.callback_query.filter(IsAdmin())
    router.message(*command_filter("upload"))(start_upload)
    router.message(*command_filter("articles"))(list_articles)
    router.message(*command_filter("retract"))(retract)
    router.message(*command_filter("restore"))(restore)
    router.message(*command_filter("stats"))(show_stats)
    router.message(UploadFlow.waiting, F.document)(receive_article)
    # A short line while an article is awaited is a lookup typed out of habit, not an
    # article (which has at least MIN_TEXT_CHARS): say so, and how to leave the upload.
    router.message(UploadFlow.waiting, F.text.func(_looks_like_a_lookup))(lookup_while_waiting)
    router.message(UploadFlow.waiting, F.text, ~F.text.startswith("/"))(receive_article)
    router.callback_query(UploadButton.filter())(decide)
    router.callback_query(ArticlesPage.filter())(turn_articles)
    router.callback_query(RetractButton.filter())(confirm_retraction)
    return router
