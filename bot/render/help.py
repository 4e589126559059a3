"""/help: every command the reader may use, each with an example in their language."""

from __future__ import annotations

from bot.commands import ADMIN_COMMANDS, USER_COMMANDS
from bot.i18n import Translator


def help_text(t: Translator, admin: bool) -> str:
    lines = [t("help-header"), *(t(f"help-{name}") for name in USER_COMMANDS)]
    if admin:
        lines += ["", t("help-admin-header"), *(t(f"help-{name}") for name in ADMIN_COMMANDS)]
    lines += ["", t("help-footer")]
    return "\n".join(lines)
