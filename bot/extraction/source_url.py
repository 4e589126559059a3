"""Where an uploaded article was published: a URL an admin gives on the first line of the
pasted text, in a file's caption or as a correction. Only http(s) links to a named host
are accepted: anything else would become a broken or unsafe link on every card."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

MAX_URL_CHARS = 500
_URL = re.compile(r"https?://[^\s<>\"'«»]+", re.IGNORECASE)
_TRAILING = ".,;:!?)]}"


def article_url(text: str) -> str | None:
    """`text` itself when it is one acceptable link, else None."""
    value = text.strip()
    if not value or len(value) > MAX_URL_CHARS or any(char.isspace() for char in value):
        return None
    try:
        parts = urlsplit(value)
        port = parts.port  # raises on a malformed port
    except ValueError:
        return None
    host = parts.hostname or ""
    if parts.scheme.lower() not in {"http", "https"} or "." not in host.strip("."):
        return None
    if port is not None and not 0 < port < 65536:
        return None
    if any(char in value for char in "<>\"'"):
        return None
    return value


def first_url(text: str) -> str | None:
    """The first acceptable link anywhere in `text` (a caption: "источник: https://…")."""
    for match in _URL.finditer(text):
        if url := article_url(match.group(0).rstrip(_TRAILING)):
            return url
    return None


def leading_url(text: str) -> tuple[str | None, str]:
    """A link alone on the first non-empty line is the article's address, not its text:
    returns it and the text without that line."""
    stripped = text.lstrip()
    first_line, _, rest = stripped.partition("\n")
    url = article_url(first_line)
    return (url, rest) if url else (None, text)


def outlet_of(url: str) -> str:
    """The outlet a link points at, when the page does not name it: its host, no `www.`."""
    host = (urlsplit(url).hostname or "").lower()
    return host.removeprefix("www.")
