"""Logging: readable lines on a console, one JSON object per line in production
(LOG_FORMAT=json), and a request id on every line written while an update is handled, so
all that one update caused can be found together."""

from __future__ import annotations

import logging
import sys
from contextvars import ContextVar

# "-" outside any update (start-up, the digest tick)
REQUEST_ID: ContextVar[str] = ContextVar("request_id", default="-")

TEXT_FORMAT = "%(asctime)s %(levelname)s %(name)s [%(request_id)s]: %(message)s"


class RequestIdFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = REQUEST_ID.get()
        return True


def json_formatter() -> logging.Formatter:
    from pythonjsonlogger.json import JsonFormatter

    return JsonFormatter(
        "%(asctime)s %(levelname)s %(name)s %(message)s %(request_id)s",
        rename_fields={"asctime": "time", "levelname": "level", "name": "logger"},
        timestamp=False,
    )


def configure_logging(level: str, log_format: str = "text") -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.addFilter(RequestIdFilter())
    handler.setFormatter(
        json_formatter() if log_format == "json" else logging.Formatter(TEXT_FORMAT)
    )
    root = logging.getLogger()
    for existing in list(root.handlers):
        root.removeHandler(existing)
    root.addHandler(handler)
    root.setLevel(getattr(logging, level.upper(), logging.INFO))
    # aiogram logs every handled update at INFO; that is noise on a console.
    logging.getLogger("aiogram.event").setLevel(logging.WARNING)
    # Start-up chatter (each migration step, dictionary loading) is not news.
    for chatty in ("alembic", "pymorphy3", "pymorphy2", "trafilatura", "htmldate"):
        logging.getLogger(chatty).setLevel(logging.WARNING)
