"""The layout's promises, checked on the source: one place for each change stays one."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

from bot import PROJECT_ROOT
from bot.lists import LIST_KINDS, ListKind
from bot.render.lists import LOOKS

PACKAGES = ("bot", "handlers", "store")
ROUTER_MODULES = {
    path.stem
    for path in (PROJECT_ROOT / "handlers").glob("*.py")
    if "def create_router" in path.read_text(encoding="utf-8")
}


def _sources() -> list[Path]:
    return [
        path
        for package in PACKAGES
        for path in (PROJECT_ROOT / package).rglob("*.py")
        if "migrations" not in path.parts
    ]


def _imports(path: Path) -> list[ast.ImportFrom | ast.Import]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [node for node in ast.walk(tree) if isinstance(node, ast.Import | ast.ImportFrom)]


def test_every_list_kind_can_be_fetched_and_shown() -> None:
    assert set(LIST_KINDS) == set(ListKind) == set(LOOKS)


def test_no_module_imports_another_modules_private_names() -> None:
    offenders = [
        f"{path.relative_to(PROJECT_ROOT)}: {alias.name}"
        for path in _sources()
        for node in _imports(path)
        if isinstance(node, ast.ImportFrom) and node.module and node.module != "__future__"
        for alias in node.names
        if alias.name.startswith("_")
    ]
    assert not offenders


def test_no_router_module_imports_another() -> None:
    offenders = []
    for name in ROUTER_MODULES:
        for node in _imports(PROJECT_ROOT / "handlers" / f"{name}.py"):
            modules = [node.module] if isinstance(node, ast.ImportFrom) else []
            modules += [alias.name for alias in node.names]
            if any(m and m.removeprefix("handlers.") in ROUTER_MODULES - {name} for m in modules):
                offenders.append(name)
    assert {"country", "uploads", "refusals"} <= ROUTER_MODULES
    assert not offenders


def test_services_speak_neither_telegram_nor_sql_where_they_must_not() -> None:
    """Services know nothing of aiogram; handlers and the CLI reach the database only
    through services and store; the store knows nothing of Telegram."""

    def imported(path: Path) -> set[str]:
        names: set[str] = set()
        for node in _imports(path):
            if isinstance(node, ast.ImportFrom) and node.module:
                names.add(node.module.split(".")[0])
            elif isinstance(node, ast.Import):
                names.update(alias.name.split(".")[0] for alias in node.names)
        return names

    for path in _sources():
        parts = path.relative_to(PROJECT_ROOT).parts
        found = imported(path)
        if parts[0] == "store":
            assert "aiogram" not in found, path
        if parts[0] == "bot" and parts[1] not in ("telegram", "cli"):
            assert "aiogram" not in found, path
        if parts[0] == "handlers" or parts[:2] == ("bot", "cli"):
            assert "sqlalchemy" not in found, path


def _modules_loaded_by(args: list[str], env: dict[str, str] | None = None) -> set[str]:
    script = (
        "import sys\n"
        "from bot.cli import main\n"
        f"code = main({args!r})\n"
        "print('MODULES', ' '.join(sorted(sys.modules)))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script],
        cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=300, check=False,
        env=None if env is None else {**os.environ, **env},
    )  # fmt: skip
    line = next(line for line in done.stdout.splitlines() if line.startswith("MODULES"))
    return set(line.split()[1:])


def test_extract_loads_no_telegram_database_or_chart_library() -> None:
    article = str(PROJECT_ROOT / "tests" / "fixtures" / "articles" / "kz_uz_visit.txt")
    loaded = _modules_loaded_by(["extract", article, "--json"])
    assert "natasha" in loaded  # the extraction really ran
    assert not loaded & {"aiogram", "sqlalchemy", "matplotlib"}


def test_fingerprint_loads_no_telegram_library() -> None:
    article = str(PROJECT_ROOT / "tests" / "fixtures" / "articles" / "kz_uz_visit.txt")
    assert "aiogram" not in _modules_loaded_by(["fingerprint", article])


def test_a_start_on_a_ready_database_loads_no_migration_or_seed_tools(tmp_path: Path) -> None:
    env = {"DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'ready.sqlite3'}"}
    first = _modules_loaded_by(["ask", "/help"], env)
    seed_tools = {"alembic", "store.seed", "store.seed_files"}
    assert seed_tools <= first  # the first start migrates and seeds
    again = _modules_loaded_by(["ask", "/country TJ"], env)
    # (YAML itself may load: the search glossary is a YAML file)
    assert "aiogram" in again and not again & (seed_tools | {"natasha"})
