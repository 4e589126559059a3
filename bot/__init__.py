"""Telegram bot for briefings on Kazakhstan's foreign relations."""

from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent

LOCALES_DIR = PROJECT_ROOT / "locales"
SEEDS_DIR = PROJECT_ROOT / "seeds"
