"""No log line shows the bot token, whatever fails: the bot as a process against a fake Bot
API whose getUpdates loops redirects and whose file server fails downloads, in both log
formats, at DEBUG level."""

from __future__ import annotations

import asyncio
import json
import signal
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from bot import PROJECT_ROOT
from tests.fake_bot_api import FakeBotApi
from tests.harness.processes import TOKEN, process_env

ADMIN = 501
ARTICLE = (
    "Казахстан и Узбекистан обсудили водные вопросы. 12 марта 2026 года в Ташкенте прошли "
    "переговоры министров иностранных дел двух стран о совместном использовании рек.\n"
) * 4


async def _drive_failures(api: FakeBotApi) -> None:
    api.redirect_updates = True
    # aiohttp follows ten redirects per request: two failed polls at least
    await api.wait_for_calls("getUpdates", 22, timeout=90)
    api.redirect_updates = False
    api.download_failures = ["404", "500", "redirect"]
    for number in range(3):
        # one at a time: polling handles updates concurrently
        await _exchange(api, lambda: api.queue_message("/upload", chat_id=ADMIN))
        name = f"a{number}.txt"
        await _exchange(api, lambda name=name: api.queue_document(name, ARTICLE.encode(), ADMIN))
    assert sum("Telegram" in text for text in api.sent_texts()) == 3, api.sent_texts()


async def _exchange(api: FakeBotApi, send: Callable[[], None]) -> None:
    """Send one update and wait for the bot's reply to it."""
    before = len(api.sent_texts())
    send()
    deadline = asyncio.get_running_loop().time() + 60
    while len(api.sent_texts()) == before:
        assert asyncio.get_running_loop().time() < deadline, "no reply"
        await asyncio.sleep(0.05)


@pytest.mark.parametrize("log_format", ["text", "json"])
async def test_no_token_in_any_log_line(tmp_path: Path, log_format: str) -> None:
    api = FakeBotApi()
    url = await api.start()
    env = process_env(
        tmp_path,
        BOT_TOKEN=TOKEN,
        TELEGRAM_API_URL=url,
        ADMIN_IDS=str(ADMIN),
        LOG_FORMAT=log_format,
        LOG_LEVEL="DEBUG",
    )
    log_file = tmp_path / "stderr.log"
    with log_file.open("wb") as stderr:  # a file: DEBUG output would fill a pipe and stall
        process = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "bot", "run",
            cwd=PROJECT_ROOT, env=env, stdout=asyncio.subprocess.DEVNULL, stderr=stderr,
        )  # fmt: skip
        try:
            await _drive_failures(api)
        finally:
            process.send_signal(signal.SIGINT)
            await asyncio.wait_for(process.wait(), timeout=60)
            await api.stop()
    log = log_file.read_text(encoding="utf-8")
    secret = TOKEN.split(":")[1]
    assert TOKEN not in log and secret not in log
    # the paths that used to leak were really taken
    assert "Failed to fetch updates" in log
    assert log.count("could not download an uploaded file") == 3
    assert "<redacted>" in log
    if log_format == "json":
        lines = [line for line in log.splitlines() if line.strip()]
        assert all(isinstance(json.loads(line), dict) for line in lines)
