"""Logging: readable lines on a console, one JSON object per line in production
(LOG_FORMAT=json), a request id on every line written while an update is handled, so all
that one update caused can be found together, and no secret in any line: the bot token and
any Bot API URL carrying a token are redacted on every handler, in messages, arguments and
tracebacks, whichever code path wrote them."""

from __future__ import annotations

import logging
import re
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

# "-" outside any update (start-up, the digest tick)
REQUEST_ID: ContextVar[str] = ContextVar("request_id", default="-")

TEXT_FORMAT = "%(asctime)s %(levelname)s %(name)s [%(request_id)s]: %(message)s"
REDACTED = "<redacted>"
# A Bot API token wherever it appears, configured or not: "123456789:AA...": the digits of
# the bot's id, a colon, and the secret. Bounded repetitions keep the pattern linear.
_ANY_TOKEN = re.compile(r"\d{3,20}:[A-Za-z0-9_-]{16,100}")
# Warnings are one line: aiogram's "unknown update type" appends the whole update (user
# text included) on the lines after its first.
_WARNING_LIMIT = 300


def handling_update() -> bool:
    """Whether this code runs for an update (a person waiting for the answer)."""
    return REQUEST_ID.get() != "-"


def request_id_of(update_id: int) -> str:
    return f"upd-{update_id}"


@contextmanager
def request_scope(request_id: str) -> Iterator[None]:
    token = REQUEST_ID.set(request_id)
    try:
        yield
    finally:
        REQUEST_ID.reset(token)


class RequestIdFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = REQUEST_ID.get()
        return True


class RedactingFilter(logging.Filter):
    """Renders the record's message and traceback once, redacted, and leaves nothing for a
    formatter to render again from the raw arguments or the exception."""

    def __init__(self, secrets: Iterable[str] = ()) -> None:
        super().__init__()
        self._secrets = sorted({s for s in secrets if len(s) >= 6}, key=len, reverse=True)
        self._traceback = logging.Formatter()

    def redact(self, text: str) -> str:
        for secret in self._secrets:
            text = text.replace(secret, REDACTED)
        return _ANY_TOKEN.sub(REDACTED, text)

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if record.name == "py.warnings":
            message = _one_line(message)
        record.msg, record.args = self.redact(message), None
        if record.exc_info:
            record.exc_text = self.redact(self._traceback.formatException(record.exc_info))
            record.exc_info = None
        elif record.exc_text:
            record.exc_text = self.redact(record.exc_text)
        if record.stack_info:
            record.stack_info = self.redact(record.stack_info)
        return True


def _one_line(message: str) -> str:
    first = message.strip().splitlines()[0] if message.strip() else ""
    return first[:_WARNING_LIMIT]


def json_formatter() -> logging.Formatter:
    from pythonjsonlogger.json import JsonFormatter

    return JsonFormatter(
        "%(asctime)s %(levelname)s %(name)s %(message)s %(request_id)s",
        rename_fields={"asctime": "time", "levelname": "level", "name": "logger"},
        timestamp=False,
    )


def configure_logging(level: str, log_format: str = "text", secrets: Iterable[str] = ()) -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.addFilter(RequestIdFilter())
    handler.addFilter(RedactingFilter(secrets))
    handler.setFormatter(
        json_formatter() if log_format == "json" else logging.Formatter(TEXT_FORMAT)
    )
    root = logging.getLogger()
    for existing in list(root.handlers):
        root.removeHandler(existing)
    root.addHandler(handler)
    root.setLevel(getattr(logging, level.upper(), logging.INFO))
    # Python's warnings (aiogram's, the libraries') as log records: one format for all.
    logging.captureWarnings(True)
    # aiogram logs every handled update at INFO; that is noise on a console.
    logging.getLogger("aiogram.event").setLevel(logging.WARNING)
    # Start-up chatter (each migration step, dictionary loading) is not news.
    for chatty in ("alembic", "pymorphy3", "pymorphy2", "trafilatura", "htmldate"):
        logging.getLogger(chatty).setLevel(logging.WARNING)
