"""/help and the command menu tell the truth: every command a handler answers is listed,
with an example, in both languages; admins see theirs too, nobody else does."""

from __future__ import annotations

import re
from typing import Any

import pytest

from bot import PROJECT_ROOT
from bot.commands import ADMIN_COMMANDS, USER_COMMANDS
from bot.telegram.app import set_command_menu
from bot.telegram.client import as_plain_text
from tests.harness import Harness
from tests.harness.uploads import ADMIN

STRANGER = 77


def registered_commands() -> set[str]:
    """The first name of every command_filter(...) in the routers (aliases aside)."""
    names: set[str] = set()
    for path in (PROJECT_ROOT / "handlers").glob("*.py"):
        names |= set(re.findall(r'command_filter\(\s*"([a-z_]+)"', path.read_text("utf-8")))
    return names


def test_every_registered_command_is_in_the_registry() -> None:
    registered = registered_commands()
    assert len(registered) > 15
    assert registered <= set(USER_COMMANDS) | set(ADMIN_COMMANDS)
    assert not set(USER_COMMANDS) & set(ADMIN_COMMANDS)


@pytest.mark.parametrize("language", ["ru", "en"])
async def test_help_lists_every_command_with_an_example(
    admin_harness: Harness, language: str
) -> None:
    user_help = as_plain_text(
        "\n".join(await admin_harness.send("/help", user_id=STRANGER, language=language))
    )
    admin_help = as_plain_text(
        "\n".join(await admin_harness.send("/help", user_id=ADMIN, language=language))
    )
    for name in USER_COMMANDS:
        assert re.search(rf"^/{name}\b", user_help, re.MULTILINE), name
    for name in ADMIN_COMMANDS:
        assert f"/{name}" not in user_help, name
        assert re.search(rf"^/{name}\b", admin_help, re.MULTILINE), name
    examples = re.findall(r"^/\w+.*?(/\w+ \S+)", admin_help, re.MULTILINE)
    assert len(examples) >= 12  # most lines carry a runnable example
    cyrillic = sum("а" <= c.lower() <= "я" for c in user_help)
    assert (cyrillic > 200) == (language == "ru")


class MenuRecorder:
    def __init__(self) -> None:
        self.calls: list[dict[str, Any]] = []

    async def set_my_commands(self, commands: list[Any], **options: Any) -> bool:
        self.calls.append({"names": [c.command for c in commands], **options})
        return True


async def test_the_menu_lists_every_command_and_admins_get_theirs() -> None:
    bot = MenuRecorder()
    await set_command_menu(bot, admin_ids=[ADMIN])  # type: ignore[arg-type]
    for language in ("ru", "en"):
        [everyone] = [c for c in bot.calls if c["language_code"] == language and "scope" not in c]
        assert everyone["names"] == list(USER_COMMANDS)
        [admin] = [c for c in bot.calls if c["language_code"] == language and "scope" in c]
        assert admin["names"] == [*USER_COMMANDS, *ADMIN_COMMANDS]
        assert admin["scope"].chat_id == ADMIN
