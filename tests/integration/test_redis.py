"""FSM state in Redis (REDIS_URL): an upload started on one replica is published on another
and survives a restart; with Redis down, lookups still work and uploads say why they
cannot. Uses the real Redis server on 127.0.0.1:6379 (database 15, flushed)."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from aiogram.methods import SendMessage
from pydantic import SecretStr
from sqlalchemy import func, select

from bot.runtime import Runtime
from store.models import Article
from tests.harness import Harness, make_callback, make_update
from tests.harness.uploads import ADMIN, document_update, sent_texts, upload_button

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "articles"
REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


@pytest.fixture
async def redis_url() -> AsyncIterator[str]:
    from redis.asyncio import Redis

    client = Redis.from_url(REDIS_URL, socket_connect_timeout=1)
    try:
        await client.ping()
    except Exception as error:  # any failure means "no server here"
        await client.aclose()
        if os.environ.get("REQUIRE_REDIS") == "1":
            pytest.fail(f"Redis at {REDIS_URL} does not answer: {error}")
        pytest.skip(f"no Redis at {REDIS_URL}")
    await client.flushdb()
    yield REDIS_URL
    await client.flushdb()
    await client.aclose()


def _replica(runtime: Runtime, url: str) -> Harness:
    runtime.settings = runtime.settings.model_copy(
        update={"admin_ids": frozenset({ADMIN}), "redis_url": SecretStr(url)}
    )
    return Harness(runtime)  # a dispatcher of its own, with its own Redis connection


async def test_flow_started_on_one_replica_finishes_on_another(
    runtime: Runtime, redis_url: str
) -> None:
    first = _replica(runtime, redis_url)
    second = _replica(runtime, redis_url)
    await first.send("/upload", user_id=ADMIN)
    preview = await first.feed(
        document_update(first, (FIXTURES / "kz_uz_visit.txt").read_bytes(), "a.txt")
    )
    # a restart: the first replica's storage is gone; a new one still sees the draft
    await first.dispatcher.storage.close()
    restarted = _replica(runtime, redis_url)
    pending = await restarted.send("/upload", user_id=ADMIN)
    assert "ещё ждёт решения" in pending[0]
    published = await second.feed(make_callback(upload_button(preview, "publish"), user_id=ADMIN))
    assert "Опубликовано" in "\n".join(sent_texts(published))
    async with runtime.session_factory() as session:
        uploads = await session.scalar(
            select(func.count()).select_from(Article).where(Article.uploaded_by == ADMIN)
        )
    assert uploads == 1
    for harness in (second, restarted):
        await harness.dispatcher.storage.close()


async def test_redis_down_lookups_work_and_uploads_say_why(runtime: Runtime) -> None:
    harness = _replica(runtime, "redis://127.0.0.1:6399/0")  # nothing listens there
    card = await harness.send("/country TJ")
    assert "Таджикистан" in card[0]
    requests = await harness.feed(make_update("/upload", user_id=ADMIN))
    notices = [r.text for r in requests if isinstance(r, SendMessage)]
    assert any("Хранилище состояний сейчас не отвечает" in text for text in notices)
    await harness.dispatcher.storage.close()
