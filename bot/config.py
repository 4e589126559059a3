"""Settings from environment variables (and an optional `.env`)."""

from __future__ import annotations

import re
from typing import Annotated, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, SecretStr, ValidationError, ValidationInfo, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from bot import PROJECT_ROOT

DEFAULT_DATABASE_URL = f"sqlite+aiosqlite:///{PROJECT_ROOT / 'data' / 'bot.sqlite3'}"


class ConfigError(Exception):
    """A setting is invalid; the message is one line that names the variable."""


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    bot_token: SecretStr | None = None
    telegram_api_url: str = "https://api.telegram.org"
    database_url: str = DEFAULT_DATABASE_URL
    # NoDecode: the value is "1,2,3", not JSON, so we parse it ourselves.
    admin_ids: Annotated[frozenset[int], NoDecode] = Field(default_factory=frozenset)
    default_tz: str = "Asia/Almaty"
    log_level: str = "INFO"
    # text: readable lines; json: one object per line, for a log collector in production
    log_format: Literal["text", "json"] = "text"
    # Webhook mode: set WEBHOOK_URL (public https URL Telegram posts to) and a secret.
    webhook_url: str | None = None
    webhook_secret: SecretStr | None = Field(default=None, validate_default=True)
    webhook_host: str = "0.0.0.0"
    webhook_port: int = Field(default=8080, ge=1, le=65535)
    # Conversation state (uploads) in Redis, shared by replicas and kept over restarts;
    # a secret, since the URL may carry a password. Unset: in memory, one process.
    redis_url: SecretStr | None = None
    # Digest delivery: Telegram allows about 30 messages/s overall and 1/s per chat.
    digest_rate: float = Field(default=25.0, gt=0, le=30)
    digest_per_chat_interval: float = Field(default=1.0, ge=0)
    digest_concurrency: int = Field(default=30, ge=1, le=200)
    digest_batch: int = Field(default=100, ge=1, le=1000)  # deliveries claimed at a time
    # How often the tick looks for due digests; also how long a replica waits to take over
    # the tick when the leader dies (at most a minute, as promised).
    digest_tick_seconds: float = Field(default=60.0, ge=1, le=60)
    # Reading one uploaded article (in a child process): beyond either limit it is
    # refused as too complex, and the bot never waits or swells for it.
    upload_read_seconds: float = Field(default=30.0, gt=0, le=600)
    upload_read_memory_mb: int = Field(default=1024, ge=64, le=16384)
    # A watched source marked `auto` publishes the facts at least this sure without review.
    feed_auto_confidence: float = Field(default=0.85, ge=0.5, le=1.0)
    # /export and /calendar cut a larger file into parts of at most this many bytes.
    export_part_bytes: int = Field(default=8_000_000, ge=2_000, le=45_000_000)
    # A claim older than this belongs to a sender that died; its deliveries are retaken.
    digest_claim_lease_seconds: float = Field(default=300.0, gt=0)

    @field_validator("bot_token", mode="before")
    @classmethod
    def _empty_token_is_none(cls, value: object) -> object:
        if isinstance(value, str) and not value.strip():
            return None
        if isinstance(value, str) and (":" not in value or any(c.isspace() for c in value)):
            raise ValueError("expected a token like 123456:ABC-DEF from @BotFather")
        return value

    @field_validator("telegram_api_url")
    @classmethod
    def _http_url(cls, value: str) -> str:
        value = value.strip().rstrip("/")
        if not value.startswith(("http://", "https://")):
            raise ValueError("expected an http:// or https:// URL")
        return value

    @field_validator("database_url")
    @classmethod
    def _supported_database(cls, value: str) -> str:
        value = value.strip()
        if value.startswith("postgresql://") or value.startswith("postgres://"):
            value = "postgresql+asyncpg://" + value.split("://", 1)[1]
        if value.startswith("sqlite:///"):
            value = "sqlite+aiosqlite:///" + value.removeprefix("sqlite:///")
        if not value.startswith(("sqlite+aiosqlite://", "postgresql+asyncpg://")):
            raise ValueError("expected sqlite+aiosqlite:///path or postgresql+asyncpg://...")
        return value

    @field_validator("redis_url", mode="before")
    @classmethod
    def _redis_url(cls, value: object) -> object:
        if isinstance(value, str) and not value.strip():
            return None
        text = value.get_secret_value() if isinstance(value, SecretStr) else value
        if isinstance(text, str) and not text.startswith(("redis://", "rediss://", "unix://")):
            raise ValueError("expected redis://host:port/db, rediss://... or unix://...")
        return value

    @field_validator("webhook_url")
    @classmethod
    def _webhook_url(cls, value: str | None) -> str | None:
        if value is not None and not value.strip():
            return None
        if value is not None and not value.startswith(("https://", "http://")):
            raise ValueError("expected the public https:// URL Telegram should post to")
        return value

    @field_validator("webhook_secret", mode="before")
    @classmethod
    def _webhook_secret(cls, value: object, info: ValidationInfo) -> object:
        if isinstance(value, str) and not value.strip():
            value = None
        if value is None:
            if info.data.get("webhook_url"):
                raise ValueError("webhook mode needs a secret token (1-256 of A-Z a-z 0-9 _ -)")
            return None
        text = value.get_secret_value() if isinstance(value, SecretStr) else str(value)
        if not re.fullmatch(r"[A-Za-z0-9_-]{1,256}", text):
            raise ValueError("expected 1-256 characters of A-Z a-z 0-9 _ -")
        return text

    @field_validator("admin_ids", mode="before")
    @classmethod
    def _comma_separated_ids(cls, value: object) -> object:
        if isinstance(value, str):
            parts = [part.strip() for part in value.split(",") if part.strip()]
            if not all(part.lstrip("-").isdigit() for part in parts):
                raise ValueError("expected comma-separated numeric Telegram user ids")
            return frozenset(int(part) for part in parts)
        return value

    @field_validator("default_tz")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError("expected an IANA time zone such as Asia/Almaty") from exc
        return value

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")

    def secrets(self) -> list[str]:
        """What no log line may show: the token (and its secret half, which URLs and
        error texts may carry alone), the webhook secret, the Redis URL."""
        found = [
            secret.get_secret_value()
            for secret in (self.bot_token, self.webhook_secret, self.redis_url)
            if secret is not None
        ]
        if self.bot_token is not None:
            found.append(self.bot_token.get_secret_value().partition(":")[2])
        return found


def load_settings() -> Settings:
    """Read settings; turn pydantic's report into one line naming the variable."""
    try:
        return Settings()
    except ValidationError as exc:
        first = exc.errors()[0]
        field = str(first["loc"][0]) if first["loc"] else "?"
        message = str(first["msg"]).removeprefix("Value error, ")
        raise ConfigError(f"Invalid {field.upper()}: {message}") from None
