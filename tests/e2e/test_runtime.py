"""The processes users run: `python -m bot run | ask | seed`, configuration, migrations."""

from __future__ import annotations

import asyncio
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from bot import PROJECT_ROOT
from bot.config import ConfigError, load_settings
from tests.fake_bot_api import FakeBotApi
from tests.harness.processes import TOKEN, process_env


@pytest.mark.parametrize(
    ("variable", "value"),
    [
        ("ADMIN_IDS", "12,abc"),
        ("DEFAULT_TZ", "Mars/Olympus"),
        ("DATABASE_URL", "mysql://x"),
        ("TELEGRAM_API_URL", "ftp://x"),
        ("BOT_TOKEN", "not a token"),
        ("REDIS_URL", "http://127.0.0.1:6379"),
    ],
)
def test_bad_setting_names_the_variable(
    monkeypatch: pytest.MonkeyPatch, variable: str, value: str
) -> None:
    monkeypatch.setenv(variable, value)
    with pytest.raises(ConfigError, match=rf"^Invalid {variable}: ") as error:
        load_settings()
    assert "\n" not in str(error.value)
    assert value not in str(error.value) or variable != "BOT_TOKEN"


def test_settings_parse_admin_ids_and_defaults(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("BOT_TOKEN", "DATABASE_URL", "DEFAULT_TZ", "TELEGRAM_API_URL"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("ADMIN_IDS", " 12, 34 ,")
    settings = load_settings()
    assert settings.admin_ids == frozenset({12, 34})
    assert settings.default_tz == "Asia/Almaty"
    assert settings.database_url.startswith("sqlite+aiosqlite:///")
    assert settings.telegram_api_url == "https://api.telegram.org"


def test_cli_stops_with_one_line_on_bad_config(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "bot", "ask", "/help"],
        capture_output=True,
        text=True,
        env=process_env(tmp_path, DEFAULT_TZ="Nowhere/Land"),
        cwd=PROJECT_ROOT,
        timeout=60,
    )
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        "Configuration error: Invalid DEFAULT_TZ: expected an IANA time zone such as Asia/Almaty"
    ]


def test_ask_prints_the_reply_on_a_fresh_database(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "bot", "ask", "/country TJ"],
        capture_output=True,
        text=True,
        env=process_env(tmp_path),
        cwd=PROJECT_ROOT,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "🇹🇯 Таджикистан — отношения с Казахстаном" in result.stdout
    assert "<b>" not in result.stdout  # plain text for people and scripts
    assert (tmp_path / "bot.sqlite3").exists()


def test_seed_command_is_repeatable(tmp_path: Path) -> None:
    for _ in range(2):
        result = subprocess.run(
            [sys.executable, "-m", "bot", "seed"],
            capture_output=True,
            text=True,
            env=process_env(tmp_path),
            cwd=PROJECT_ROOT,
            timeout=120,
        )
        assert result.returncode == 0, result.stderr


def test_console_answers_lines_from_stdin(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "bot", "console"],
        input="/treaty союзнич\n\n/person Токаев\n",
        capture_output=True,
        text=True,
        env=process_env(tmp_path),
        cwd=PROJECT_ROOT,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "Договор о союзнических отношениях" in result.stdout
    assert "Касым-Жомарт Токаев" in result.stdout


async def test_run_polls_the_configured_api_and_replies(tmp_path: Path) -> None:
    api = FakeBotApi()
    # The command menu is cosmetic: its failure must not stop the bot.
    api.failures["setMyCommands"] = (500, "Internal Server Error")
    url = await api.start()
    api.queue_message("/country Душанбе")
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        "run",
        cwd=PROJECT_ROOT,
        env=process_env(tmp_path, BOT_TOKEN=TOKEN, TELEGRAM_API_URL=url),
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    try:
        await asyncio.wait_for(api.sent.wait(), timeout=60)
        # The menu follows the first replies: start-up does not wait for it.
        await api.wait_for_calls("setMyCommands", 2)
    finally:
        process.send_signal(signal.SIGINT)
        _out, err = await asyncio.wait_for(process.communicate(), timeout=30)
        await api.stop()
    texts = api.sent_texts()
    assert any("🇹🇯 <b>Таджикистан</b>" in text for text in texts)
    methods = [method for method, _ in api.calls]
    assert "getUpdates" in methods
    menus = [payload for method, payload in api.calls if method == "setMyCommands"]
    assert sorted(str(p.get("language_code")) for p in menus) == ["en", "ru"]
    assert all("timeline" in str(p.get("commands")) for p in menus)
    assert api.calls[methods.index("sendMessage")][1]["parse_mode"] == "HTML"
    log = err.decode()
    assert "could not set the command menu" in log
    assert TOKEN not in log and TOKEN.split(":")[1] not in log
