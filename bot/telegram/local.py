"""A Bot API session that never leaves the process: for `ask`, `console` and the tests.

It records every request, answers like Telegram would, and checks message HTML with the
same rules as Telegram's parser, so a reply that Telegram would refuse with "can't parse
entities" fails here too.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections.abc import AsyncGenerator
from html.parser import HTMLParser
from typing import Any, Literal

from aiogram import Bot
from aiogram.client.default import Default
from aiogram.client.session.base import BaseSession
from aiogram.exceptions import (
    TelegramBadRequest,
    TelegramForbiddenError,
    TelegramNetworkError,
    TelegramRetryAfter,
)
from aiogram.methods import (
    AnswerInlineQuery,
    EditMessageReplyMarkup,
    EditMessageText,
    GetChatMember,
    GetFile,
    GetMe,
    SendDocument,
    SendMessage,
    SendPhoto,
    TelegramMethod,
)
from aiogram.methods.base import TelegramType
from aiogram.types import (
    Chat,
    ChatMemberAdministrator,
    ChatMemberMember,
    ChatMemberOwner,
    File,
    InlineKeyboardMarkup,
    Message,
    User,
)

from bot.render.html import utf16_length

MESSAGE_LIMIT = 4096
CAPTION_LIMIT = 1024
CALLBACK_DATA_LIMIT = 64
# Tags and attributes Telegram's HTML parse mode accepts.
_ALLOWED_TAGS = {
    "b": set(),
    "strong": set(),
    "i": set(),
    "em": set(),
    "u": set(),
    "ins": set(),
    "s": set(),
    "strike": set(),
    "del": set(),
    "code": {"class"},
    "pre": set(),
    "a": {"href"},
    "tg-spoiler": set(),
    "span": {"class"},
    "blockquote": {"expandable"},
    "tg-emoji": {"emoji-id"},
}
_ENTITIES = {"lt", "gt", "amp", "quot"}

LOCAL_BOT_USER = User(id=1, is_bot=True, first_name="Briefings", username="briefings_bot")


# What `fail_next` can make the next call of a method meet, as Telegram would answer it.
Failure = Literal["429", "403", "not_modified", "network"]


def telegram_error(failure: Failure, method: TelegramMethod[Any], retry_after: int) -> Exception:
    if failure == "429":
        message = f"Too Many Requests: retry after {retry_after}"
        return TelegramRetryAfter(method, message, retry_after)
    if failure == "403":
        return TelegramForbiddenError(method, "Forbidden: bot was blocked by the user")
    if failure == "not_modified":
        return TelegramBadRequest(
            method,
            "Bad Request: message is not modified: specified new message content and reply "
            "markup are exactly the same as a current content and reply markup of the message",
        )
    return TelegramNetworkError(method, "Request timeout error")


class TelegramHTMLError(ValueError):
    """What Telegram answers as "Bad Request: can't parse entities"."""


class _Checker(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.stack: list[str] = []
        self.visible: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in _ALLOWED_TAGS:
            raise TelegramHTMLError(f"unsupported start tag {tag!r}")
        for name, _value in attrs:
            if name not in _ALLOWED_TAGS[tag]:
                raise TelegramHTMLError(f"unsupported attribute {name!r} of tag {tag!r}")
        self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1] != tag:
            raise TelegramHTMLError(f"unmatched end tag {tag!r}")
        self.stack.pop()

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        raise TelegramHTMLError(f"self-closing tag {tag!r}")

    def handle_data(self, data: str) -> None:
        if "<" in data or ">" in data:
            raise TelegramHTMLError("unescaped angle bracket")
        self.visible.append(data)

    def handle_entityref(self, name: str) -> None:
        if name not in _ENTITIES:
            raise TelegramHTMLError(f"unsupported entity &{name};")
        self.visible.append("x")

    def handle_charref(self, name: str) -> None:
        self.visible.append("x")

    def handle_comment(self, data: str) -> None:
        raise TelegramHTMLError("comments are not allowed")

    def handle_decl(self, decl: str) -> None:
        raise TelegramHTMLError("declarations are not allowed")

    def unknown_decl(self, data: str) -> None:
        raise TelegramHTMLError("declarations are not allowed")


def check_telegram_html(text: str, limit: int = MESSAGE_LIMIT) -> None:
    """Raise TelegramHTMLError where Telegram would refuse the message (or caption)."""
    if "&" in text:
        # Python's parser forgives a bare "&"; Telegram does not.
        for match in re.finditer(r"&([^;\s]{0,10});?", text):
            body = match.group(0)
            if not body.endswith(";") or not (
                match.group(1) in _ENTITIES or re.fullmatch(r"#\d+|#x[0-9a-fA-F]+", match.group(1))
            ):
                raise TelegramHTMLError(f"bad entity {body!r}")
    checker = _Checker()
    checker.feed(text)
    checker.close()
    if checker.stack:
        raise TelegramHTMLError(f"unclosed tag {checker.stack[-1]!r}")
    visible = "".join(checker.visible)
    if not visible.strip():
        raise TelegramHTMLError("message text is empty")
    if utf16_length(visible) > limit:
        raise TelegramHTMLError("message is too long")


def check_keyboard(markup: object) -> None:
    """Telegram refuses callback data over 64 bytes (BUTTON_DATA_INVALID)."""
    for row in getattr(markup, "inline_keyboard", None) or []:
        for button in row:
            data = getattr(button, "callback_data", None)
            if data is not None and len(data.encode("utf-8")) > CALLBACK_DATA_LIMIT:
                raise TelegramHTMLError(f"callback data over 64 bytes: {data!r}")


class LocalSession(BaseSession):
    """Records requests; answers sendMessage with a Message, getMe with a bot user."""

    def __init__(self, me: User = LOCAL_BOT_USER) -> None:
        super().__init__()
        self.me = me
        self.requests: list[TelegramMethod[Any]] = []
        # user id -> "creator" | "administrator" | "member", for getChatMember in groups
        self.member_status: dict[int, str] = {}
        self._message_ids = itertools.count(1000)
        # file_id -> content, for documents a test "uploads"; getFile and the download
        # then behave as Telegram's file server would
        self.files: dict[str, bytes] = {}
        # What the bot has shown, by (chat, message id), edits applied: buttons are pressed here.
        self.messages: dict[tuple[int, int], Message] = {}
        self._failures: dict[str, list[tuple[Failure, int]]] = {}

    def fail_next(self, method: str, failure: Failure, *, retry_after: int = 1) -> None:
        """The next call of `method` (e.g. "sendMessage") meets this error instead."""
        self._failures.setdefault(method.lower(), []).append((failure, retry_after))

    def _injected_failure(self, method: TelegramMethod[Any]) -> Exception | None:
        queued = self._failures.get(method.__api_method__.lower())
        if not queued:
            return None
        failure, retry_after = queued.pop(0)
        return telegram_error(failure, method, retry_after)

    async def make_request(
        self, bot: Bot, method: TelegramMethod[TelegramType], timeout: int | None = None
    ) -> TelegramType:
        self.requests.append(method)
        if isinstance(method, GetMe):
            return self.me  # type: ignore[return-value]
        failure = self._injected_failure(method)
        if failure is not None:
            raise failure
        check_keyboard(getattr(method, "reply_markup", None))
        return self._answer(bot, method)  # type: ignore[return-value]

    def _answer(self, bot: Bot, method: TelegramMethod[Any]) -> object:
        if isinstance(method, SendMessage | SendPhoto | SendDocument):
            return self._sent(bot, method)
        if isinstance(method, EditMessageText | EditMessageReplyMarkup):
            return self._edit(bot, method)
        if isinstance(method, GetFile):
            stored = self.files.get(method.file_id, b"")
            return File(
                file_id=method.file_id,
                file_unique_id=method.file_id,
                file_size=len(stored),
                file_path=f"documents/{method.file_id}",
            )
        if isinstance(method, GetChatMember):
            return self._member(method.user_id)
        if isinstance(method, AnswerInlineQuery):
            for result in method.results:
                content = getattr(result, "input_message_content", None)
                if content is not None and getattr(content, "parse_mode", None) == "HTML":
                    check_telegram_html(content.message_text)
        return True  # setMyCommands, answerCallbackQuery, ...

    def _sent(self, bot: Bot, method: SendMessage | SendPhoto | SendDocument) -> Message:
        html_mode = self._html(bot, method.parse_mode)
        if isinstance(method, SendMessage):
            if html_mode:
                check_telegram_html(method.text or "")
            return self._message(method.chat_id, text=method.text, markup=method.reply_markup)
        if method.caption and html_mode:
            check_telegram_html(method.caption, CAPTION_LIMIT)
        return self._message(method.chat_id, caption=method.caption, markup=method.reply_markup)

    def _member(self, user_id: int) -> object:
        status = self.member_status.get(user_id, "member")
        user = User(id=user_id, is_bot=False, first_name="Member")
        if status == "creator":
            return ChatMemberOwner(user=user, is_anonymous=False)
        if status == "administrator":
            # Only .status is read; the dozen rights fields do not matter here.
            return ChatMemberAdministrator.model_construct(user=user, status="administrator")
        return ChatMemberMember(user=user)

    @staticmethod
    def _html(bot: Bot, parse_mode: object) -> bool:
        if isinstance(parse_mode, Default):
            parse_mode = bot.default[parse_mode.name] if bot.default else None
        return parse_mode == "HTML"

    def _message(
        self,
        chat_id: object,
        text: str | None = None,
        caption: str | None = None,
        markup: object = None,
    ) -> Message:
        message = Message(
            message_id=next(self._message_ids),
            date=dt.datetime.now(dt.UTC),
            chat=Chat(id=chat_id if isinstance(chat_id, int) else 0, type="private"),
            from_user=self.me,
            text=text,
            caption=caption,
            reply_markup=markup if isinstance(markup, InlineKeyboardMarkup) else None,
        )
        self.messages[(message.chat.id, message.message_id)] = message
        return message

    def _edit(self, bot: Bot, method: EditMessageText | EditMessageReplyMarkup) -> Message | bool:
        if isinstance(method, EditMessageText) and self._html(bot, method.parse_mode):
            check_telegram_html(method.text or "")
        chat_id = method.chat_id if isinstance(method.chat_id, int) else 0
        shown = self.messages.get((chat_id, method.message_id or 0))
        if shown is None:
            return True  # an inline message, or one this session never sent
        markup = (
            method.reply_markup if isinstance(method.reply_markup, InlineKeyboardMarkup) else None
        )
        changes: dict[str, object] = {"reply_markup": markup}
        if isinstance(method, EditMessageText):
            changes["text"] = method.text
        edited = shown.model_copy(update=changes)
        self.messages[(chat_id, edited.message_id)] = edited
        return edited

    def sent_texts(self) -> list[str]:
        return [r.text for r in self.requests if isinstance(r, SendMessage)]

    async def close(self) -> None:
        return None

    async def stream_content(
        self,
        url: str,
        headers: dict[str, Any] | None = None,
        timeout: int = 30,
        chunk_size: int = 65536,
        raise_for_status: bool = True,
    ) -> AsyncGenerator[bytes, None]:
        file_id = url.rsplit("/", 1)[-1]
        content = self.files.get(file_id, b"")
        for start in range(0, len(content), chunk_size):
            yield content[start : start + chunk_size]
