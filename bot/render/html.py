"""Telegram HTML basics: escaping, clipping, packing blocks into messages, and the one copy
of Telegram's size limits. Every value from the database or the user goes through `esc`."""

from __future__ import annotations

import html
import re
from collections.abc import Iterable

MESSAGE_LIMIT = 4096


# Longest text of one field; keeps every block well under a message, so splitting between
# blocks always works.
FIELD_LIMIT = 400


def esc(value: object) -> str:
    return html.escape(str(value), quote=False)


def clip(text: str, limit: int = FIELD_LIMIT) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def pack(blocks: Iterable[str], limit: int = MESSAGE_LIMIT) -> list[str]:
    """Join blocks with newlines into as few messages as fit, splitting only between blocks."""
    messages: list[str] = []
    current = ""
    for block in blocks:
        if utf16_length(block) > limit:  # clipped fields make this unreachable; stay safe
            block = esc(clip(html.unescape(strip_tags(block)), limit // 3))
        candidate = f"{current}\n{block}" if current else block
        if utf16_length(candidate) <= limit:
            current = candidate
        else:
            messages.append(current.strip("\n"))
            current = block
    if current.strip():
        messages.append(current.strip("\n"))
    return messages


def strip_tags(text: str) -> str:
    return re.sub(r"<[^>]+>", "", text)


def utf16_length(text: str) -> int:
    """Telegram measures text in UTF-16 code units (a flag emoji counts 4)."""
    return len(text.encode("utf-16-le")) // 2
