"""For tests that run the bot as a process: its token and environment."""

from __future__ import annotations

import os
from pathlib import Path

TOKEN = "123456:TEST-token-not-real"


def process_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if k
        not in {
            "BOT_TOKEN",
            "DATABASE_URL",
            "ADMIN_IDS",
            "DEFAULT_TZ",
            "TELEGRAM_API_URL",
            "WEBHOOK_URL",
            "WEBHOOK_SECRET",
            "WEBHOOK_HOST",
            "WEBHOOK_PORT",
        }
    }
    env.update(DATABASE_URL=f"sqlite+aiosqlite:///{tmp_path / 'bot.sqlite3'}", **extra)
    return env
