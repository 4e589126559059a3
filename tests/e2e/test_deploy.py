"""Deployment files (Docker cannot run on this machine, so their content is checked) and
the health command the container's HEALTHCHECK runs."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import yaml

from bot import PROJECT_ROOT
from bot.config import Settings


def test_dockerfile_is_multi_stage_slim_non_root_with_a_healthcheck() -> None:
    text = (PROJECT_ROOT / "Dockerfile").read_text()
    stages = re.findall(r"^FROM (\S+) AS (\w+)", text, re.M)
    assert [image for image, _ in stages] == ["python:3.11-slim", "python:3.11-slim"]
    assert "COPY --from=build /opt/venv /opt/venv" in text
    users = re.findall(r"^USER (\S+)", text, re.M)
    assert users and users[-1] not in ("root", "0")
    assert re.search(r'^HEALTHCHECK .*\n\s+CMD \["python", "-m", "bot", "health"\]', text, re.M)
    for needed in ("seeds", "locales", "bot", "handlers", "store"):
        assert f"COPY --chown=bot:bot {needed} ./{needed}" in text
    # a default run never carries secrets baked into the image
    assert "BOT_TOKEN" not in text and "WEBHOOK_SECRET" not in text


def test_compose_runs_bot_postgres_and_redis_with_volumes_and_env_file() -> None:
    compose = yaml.safe_load((PROJECT_ROOT / "compose.yaml").read_text())
    services = compose["services"]
    assert set(services) == {"bot", "postgres", "redis"}
    bot = services["bot"]
    assert bot["env_file"] == ".env"
    assert bot["environment"]["DATABASE_URL"].startswith("postgresql+asyncpg://")
    assert "@postgres:5432/" in bot["environment"]["DATABASE_URL"]
    assert bot["environment"]["REDIS_URL"] == "redis://redis:6379/0"
    assert bot["depends_on"] == {
        "postgres": {"condition": "service_healthy"},
        "redis": {"condition": "service_healthy"},
    }
    for name in ("postgres", "redis"):
        assert "healthcheck" in services[name]
    mounted = {v.split(":")[0] for s in services.values() for v in s.get("volumes", [])}
    assert mounted == set(compose["volumes"]) == {"bot-data", "postgres-data", "redis-data"}
    # the settings the compose file sets are settings the bot knows
    for variable in bot["environment"]:
        assert variable.lower() in Settings.model_fields


def test_every_setting_is_documented_in_env_example_and_readme() -> None:
    example = (PROJECT_ROOT / ".env.example").read_text()
    readme = (PROJECT_ROOT / "README.md").read_text()
    for field in Settings.model_fields:
        variable = field.upper()
        assert re.search(rf"^{variable}=", example, re.M), variable
        assert f"`{variable}`" in readme, variable


def _health(database_url: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("WEBHOOK_", "BOT_"))}
    env["DATABASE_URL"] = database_url
    return subprocess.run(
        [sys.executable, "-m", "bot", "health"],
        cwd=PROJECT_ROOT, env=env, capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip


def test_health_command(tmp_path: Path) -> None:
    healthy = _health(f"sqlite+aiosqlite:///{tmp_path / 'bot.sqlite3'}")
    assert (healthy.returncode, healthy.stdout.strip()) == (0, "healthy")
    down = _health("postgresql+asyncpg://nobody@127.0.0.1:1/none")
    assert (down.returncode, down.stdout.strip()) == (1, "unhealthy")


def test_the_image_layout_answers_from_the_files_the_dockerfile_copies(tmp_path: Path) -> None:
    """Without a Docker engine, rebuild the runtime stage's /app from the Dockerfile's own
    COPY lines and run the bot from there: a file the image forgets to copy fails here."""
    import shutil

    text = (PROJECT_ROOT / "Dockerfile").read_text()
    runtime_stage = text.split("AS runtime", 1)[1]
    app = tmp_path / "app"
    app.mkdir()
    copied = re.findall(r"^COPY --chown=\S+ (\S+) \./(\S*)$", runtime_stage, re.M)
    assert copied
    for source, target in copied:
        origin = PROJECT_ROOT / source
        destination = app / (target or source)
        if origin.is_dir():
            shutil.copytree(origin, destination, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(origin, destination)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("WEBHOOK_", "BOT_"))}
    env["DATABASE_URL"] = f"sqlite+aiosqlite:///{app / 'data' / 'bot.sqlite3'}"
    env["LOG_FORMAT"] = "json"
    done = subprocess.run(
        [sys.executable, "-m", "bot", "ask", "/country TJ"],
        cwd=app, env=env, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "Таджикистан" in done.stdout
    health = subprocess.run(
        [sys.executable, "-m", "bot", "health"],
        cwd=app, env=env, capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert health.returncode == 0
