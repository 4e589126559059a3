"""Webhook mode as a real process: the secret header, duplicates, /healthz, SIGTERM."""

from __future__ import annotations

import asyncio
import json
import signal
import socket
import subprocess
import sys
from pathlib import Path

import aiohttp

from bot import PROJECT_ROOT
from tests.fake_bot_api import FakeBotApi
from tests.harness.processes import TOKEN, process_env

SECRET = "s3cret_token-for-tests"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


# Each with the right secret: the answer is 400 and one warning line, never a 500.
MALFORMED_BODIES = [
    b"{not json",
    b"\xff\xfe\x00garbage",
    b"[1, 2, 3]",
    json.dumps({"update_id": "seven", "message": 5}).encode(),
    json.dumps({"update_id": 9, "message": {"chat": "nowhere", "date": "later"}}).encode(),
    b"[" * 200_000 + b"]" * 200_000,
    b'{"update_id": 10, "message": ' + b'{"a": ' * 50_000 + b"1" + b"}" * 50_001,
]


async def _post_malformed(http: aiohttp.ClientSession, url: str, good: dict[str, str]) -> None:
    for malformed in MALFORMED_BODIES:
        async with http.post(url, data=malformed, headers=good) as response:
            assert response.status == 400, malformed[:60]
        no_secret = {"Content-Type": "application/json"}
        async with http.post(url, data=malformed, headers=no_secret) as response:
            assert response.status == 401  # no secret: nothing more is said


def update(update_id: int, text: str) -> dict[str, object]:
    return {
        "update_id": update_id,
        "message": {
            "message_id": update_id,
            "date": 0,
            "text": text,
            "chat": {"id": 77, "type": "private"},
            "from": {"id": 77, "is_bot": False, "first_name": "A", "language_code": "ru"},
        },
    }


async def test_webhook_secret_duplicates_health_and_sigterm(tmp_path: Path) -> None:
    api = FakeBotApi()
    api_url = await api.start()
    port = free_port()
    env = process_env(
        tmp_path,
        BOT_TOKEN=TOKEN,
        TELEGRAM_API_URL=api_url,
        WEBHOOK_URL=f"http://127.0.0.1:{port}/tg/hook",
        WEBHOOK_SECRET=SECRET,
        WEBHOOK_HOST="127.0.0.1",
        WEBHOOK_PORT=str(port),
    )
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        "run",
        cwd=PROJECT_ROOT,
        env=env,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        async with aiohttp.ClientSession() as http:
            for _ in range(200):
                try:
                    async with http.get(f"{base}/healthz") as response:
                        if response.status == 200:
                            assert (await response.json())["database"] == "up"
                            break
                except aiohttp.ClientConnectionError:
                    pass
                await asyncio.sleep(0.1)
            else:
                raise AssertionError("the webhook server did not come up")
            body = json.dumps(update(1, "/country TJ"))
            headers = {"Content-Type": "application/json"}
            async with http.post(f"{base}/tg/hook", data=body, headers=headers) as response:
                assert response.status == 401  # no secret header
            async with http.post(
                f"{base}/tg/hook",
                data=body,
                headers={**headers, "X-Telegram-Bot-Api-Secret-Token": "wrong"},
            ) as response:
                assert response.status == 401
            assert api.sent_texts() == []
            good = {**headers, "X-Telegram-Bot-Api-Secret-Token": SECRET}
            for _ in range(3):  # Telegram re-posting the same update
                async with http.post(f"{base}/tg/hook", data=body, headers=good) as response:
                    assert response.status == 200
            async with http.post(
                f"{base}/tg/hook", data=json.dumps(update(2, "/help")), headers=good
            ) as response:
                assert response.status == 200

            # A burst larger than the SQLite pool (15): each update must need one connection
            # at a time, or the burst holds the pool and waits on itself until the pool's
            # 30 s timeout (it once did). The 20 s client timeout turns that into a failure.
            async def post(update_id: int) -> int:
                async with http.post(
                    f"{base}/tg/hook",
                    data=json.dumps(update(update_id, "/country PK")),
                    headers=good,
                    timeout=aiohttp.ClientTimeout(total=20),
                ) as response:
                    return response.status

            statuses = await asyncio.gather(*(post(100 + n) for n in range(30)))
            assert statuses == [200] * 30
            await _post_malformed(http, f"{base}/tg/hook", good)
        cards = [text for text in api.sent_texts() if "отношения с Казахстаном" in text]
        assert len(cards) == 31 and any("/country" in text for text in api.sent_texts())
        set_webhook = [p for m, p in api.calls if m == "setWebhook"]
        assert set_webhook and set_webhook[0]["secret_token"] == SECRET
    finally:
        process.send_signal(signal.SIGTERM)
        _out, err = await asyncio.wait_for(process.communicate(), 30)
        await api.stop()
    assert process.returncode == 0
    log = err.decode()
    assert "already handled" in log
    assert log.count("refused a malformed update") == len(MALFORMED_BODIES)
    assert "Traceback" not in log
    assert TOKEN not in log and TOKEN.split(":")[1] not in log and SECRET not in log


def test_webhook_mode_refuses_to_start_without_a_secret(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "bot", "run"],
        capture_output=True,
        text=True,
        timeout=60,
        env=process_env(tmp_path, BOT_TOKEN=TOKEN, WEBHOOK_URL="https://bot.example/hook"),
        cwd=PROJECT_ROOT,
    )
    assert result.returncode == 2
    assert "Invalid WEBHOOK_SECRET: webhook mode needs a secret token" in result.stderr
