"""Interface texts from Fluent files (locales/<lang>/bot.ftl); no user-facing text in Python."""

from __future__ import annotations

from functools import cache
from typing import Any

from fluent.runtime import FluentLocalization, FluentResourceLoader

from bot import LOCALES_DIR

LANGUAGES = ("ru", "en")
DEFAULT_LANGUAGE = "ru"


def pick_language(telegram_language_code: str | None) -> str:
    """Russian by default; English for users whose Telegram speaks English."""
    if telegram_language_code and telegram_language_code.lower().startswith("en"):
        return "en"
    return DEFAULT_LANGUAGE


class Translator:
    def __init__(self, language: str) -> None:
        self.language = language if language in LANGUAGES else DEFAULT_LANGUAGE
        fallbacks = [self.language, *(lang for lang in LANGUAGES if lang != self.language)]
        self._fluent = FluentLocalization(
            fallbacks, ["bot.ftl"], FluentResourceLoader(str(LOCALES_DIR / "{locale}"))
        )

    def __call__(self, message_id: str, **args: Any) -> str:
        return str(self._fluent.format_value(message_id, args or None))


@cache
def translator(language: str) -> Translator:
    return Translator(language)
