"""What every subcommand that touches the database starts with: settings and logging."""

from __future__ import annotations

import sys

from bot.cli import CommandFailed
from bot.config import ConfigError, Settings, load_settings
from bot.logs import configure_logging


def settings_or_exit(*, quiet: bool = False) -> Settings:
    try:
        settings = load_settings()
    except ConfigError as exc:
        print(f"Configuration error: {exc}", file=sys.stderr)
        raise CommandFailed(2) from exc
    configure_logging(
        "WARNING" if quiet else settings.log_level, settings.log_format, settings.secrets()
    )
    return settings
