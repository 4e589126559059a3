"""Webhook throughput for /country on PostgreSQL and on SQLite (issue: production).
Prints figures; asserts nothing. Needs wrk (Debian: apt-get install wrk) and PostgreSQL.

    .venv/bin/python -m bench.bench_webhook [--seconds 20] [--connections 16]

One bot process (`python -m bot run` in webhook mode) pinned to one core; wrk and a fake
Bot API server (which receives the replies) on the other. Every request is a distinct
update (own update_id, so none is dropped as a duplicate) asking `/country <code>` for one
of six countries; the reply is sent to the fake Bot API before the webhook answers
(handle_in_background=False), so a request's latency includes building the card, the
duplicate check in the database, and sending the reply. Baseline in the same run: GET
/healthz (the web server and one database round trip).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

import aiohttp
import asyncpg

from bot import PROJECT_ROOT
from bot.config import Settings
from bot.runtime import prepare_database

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

SECRET = "bench_secret"
TOKEN = "1:bench-token"
POSTGRES = os.environ.get(
    "TEST_POSTGRES_URL", "postgresql+asyncpg://postgres@127.0.0.1:5432/postgres"
)

LUA = """
local counter = 0
local thread_id = 0
local codes = {"TJ", "PK", "RU", "KG", "UZ", "TM"}
function setup(thread)
  thread:set("id", thread_id)
  thread_id = thread_id + 1
end
function init(args)
  counter = id * 100000000
end
request = function()
  counter = counter + 1
  local code = codes[(counter % 6) + 1]
  local body = string.format('{"update_id":%d,"message":{"message_id":%d,"date":0,' ..
    '"text":"/country %s","chat":{"id":%d,"type":"private"},' ..
    '"from":{"id":%d,"is_bot":false,"first_name":"A","language_code":"ru"}}}',
    counter, counter, code, 1000 + counter % 5000, 1000 + counter % 5000)
  return wrk.format("POST", "/tg", {["Content-Type"]="application/json",
    ["X-Telegram-Bot-Api-Secret-Token"]="%s"}, body)
end
""".replace('%s"}, body', SECRET + '"}, body')

FAKE_API = """
import asyncio, sys
sys.path.insert(0, {root!r})
from tests.fake_bot_api import FakeBotApi

class Lean(FakeBotApi):
    # keep no record of each call: a long run would only fill memory
    async def _handle(self, request):
        self.calls.clear()
        self.delivered.clear()
        self.accepted_at.clear()
        return await super()._handle(request)

async def main():
    api = Lean()
    print(await api.start(), flush=True)
    await asyncio.Event().wait()

asyncio.run(main())
"""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wrk(
    url: str, seconds: int, connections: int, script: Path | None
) -> tuple[float, float, float]:
    command = ["taskset", "-c", "1", "wrk", "-t1", f"-c{connections}", f"-d{seconds}s", "--latency"]
    if script is not None:
        command += ["-s", str(script)]
    output = subprocess.run([*command, url], capture_output=True, text=True, check=True).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output)[1])  # type: ignore[index]

    def percentile(label: str) -> float:
        match = re.search(rf"^\s+{label}%\s+([\d.]+)(us|ms|s)", output, re.M)
        assert match, output
        return float(match[1]) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[match[2]]

    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    if errors:
        print(f"  ({errors[1]} non-2xx responses)")
    return rate, percentile("50"), percentile("99")


async def database_for(backend: str, directory: Path) -> tuple[str, str | None]:
    if backend == "sqlite":
        url = f"sqlite+aiosqlite:///{directory / 'bench.sqlite3'}"
        name = None
    else:
        name = f"bench_{uuid.uuid4().hex[:10]}"
        admin = await asyncpg.connect(POSTGRES.replace("+asyncpg", ""))
        await admin.execute(f'CREATE DATABASE "{name}"')
        await admin.close()
        url = POSTGRES.rsplit("/", 1)[0] + f"/{name}"
    runtime = await prepare_database(Settings(database_url=url, bot_token=None, admin_ids=""))
    await runtime.close()
    return url, name


async def wait_healthy(base: str) -> None:
    async with aiohttp.ClientSession() as http:
        for _ in range(300):
            try:
                async with http.get(f"{base}/healthz") as response:
                    if response.status == 200:
                        return
            except aiohttp.ClientError:
                pass
            await asyncio.sleep(0.1)
    raise RuntimeError("the bot did not become healthy")


async def measure(backend: str, api_url: str, args: argparse.Namespace, script: Path) -> None:
    with tempfile.TemporaryDirectory() as folder:
        url, name = await database_for(backend, Path(folder))
        port = free_port()
        env = {k: v for k, v in os.environ.items() if not k.startswith(("WEBHOOK_", "BOT_"))}
        env.update(
            DATABASE_URL=url, BOT_TOKEN=TOKEN, TELEGRAM_API_URL=api_url,
            WEBHOOK_URL=f"http://127.0.0.1:{port}/tg", WEBHOOK_SECRET=SECRET,
            WEBHOOK_HOST="127.0.0.1", WEBHOOK_PORT=str(port), LOG_LEVEL="WARNING",
        )  # fmt: skip
        bot = subprocess.Popen(
            ["taskset", "-c", "0", sys.executable, "-m", "bot", "run"],
            cwd=PROJECT_ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        base = f"http://127.0.0.1:{port}"
        try:
            await wait_healthy(base)
            wrk(f"{base}/tg", 3, args.connections, script)  # warm up: caches, pools
            rate, p50, p99 = wrk(f"{base}/tg", args.seconds, args.connections, script)
            base_rate, base_p50, base_p99 = wrk(
                f"{base}/healthz", args.seconds // 2 or 1, args.connections, None
            )
            print(
                f"{backend:<9} /country via webhook: {rate:7.0f} req/s, p50 {p50:6.1f} ms, "
                f"p99 {p99:6.1f} ms | baseline GET /healthz: {base_rate:7.0f} req/s, "
                f"p50 {base_p50:5.1f} ms, p99 {base_p99:5.1f} ms | ratio {rate / base_rate:.2f}"
            )
        finally:
            bot.terminate()
            bot.wait(30)
            if name:
                admin = await asyncpg.connect(POSTGRES.replace("+asyncpg", ""))
                await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
                await admin.close()


async def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=20)
    parser.add_argument("--connections", type=int, default=16)
    args = parser.parse_args()
    fake = subprocess.Popen(
        ["taskset", "-c", "1", sys.executable, "-c", FAKE_API.format(root=str(PROJECT_ROOT))],
        stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    assert fake.stdout is not None
    api_url = fake.stdout.readline().strip()
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as handle:
        handle.write(LUA)
        script = Path(handle.name)
    try:
        print(f"one bot process on core 0; wrk -c{args.connections} and the fake Bot API on core 1")
        for backend in ("postgres", "sqlite"):
            await measure(backend, api_url, args, script)
            time.sleep(1)
    finally:
        fake.terminate()
        script.unlink()


if __name__ == "__main__":
    asyncio.run(main())
