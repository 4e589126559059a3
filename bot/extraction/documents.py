"""From uploaded bytes to an article's main text and metadata: size and type checks,
encoding detection, HTML boiled down to its main text, page furniture dropped.

Pure: no Telegram, no database. Every refusal is a `DocumentError` whose `reason` is a key
the bot turns into a friendly message.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from dataclasses import dataclass, field
from typing import Literal

from bot.extraction.page import (
    MIN_TEXT_CHARS,
    drop_furniture,
    find_outlet,
    find_publication_date,
    split_title,
)
from bot.extraction.source_url import article_url, leading_url, outlet_of

log = logging.getLogger(__name__)

MAX_UPLOAD_BYTES = 1_000_000
# A document warning: the header's date does not exist (2024-02-30); the value follows ":".
BAD_HEADER_DATE = "bad_header_date"
# What an upload or an import may be, by file name; archives get a message of their own.
ACCEPTED_EXTENSIONS = (".txt", ".md", ".markdown", ".html", ".htm")
ARCHIVE_EXTENSIONS = (".zip", ".rar", ".7z", ".gz", ".tar", ".bz2", ".xz")
# Below this the text cannot hold an article's worth of facts; it is refused, not guessed at.

Reason = Literal["empty", "too_large", "binary", "archive", "encoding", "no_text"]

# File signatures of what people most often rename to .txt by mistake.
_ARCHIVE_MAGIC = (b"PK\x03\x04", b"PK\x05\x06", b"\x1f\x8b", b"Rar!", b"7z\xbc\xaf", b"BZh")
_BINARY_MAGIC = (
    b"\x89PNG",
    b"\xff\xd8\xff",
    b"GIF8",
    b"%PDF",
    b"\x00\x00\x01\x00",
    b"RIFF",
    b"\x7fELF",
    b"MZ",
    b"ID3",
    b"OggS",
    b"\xd0\xcf\x11\xe0",  # old MS Office
)
_CANDIDATE_ENCODINGS = ("utf_8", "cp1251", "koi8_r")


class DocumentError(ValueError):
    def __init__(self, reason: Reason, detail: str = "") -> None:
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason: Reason = reason
        self.detail = detail


@dataclass(frozen=True, slots=True)
class Document:
    text: str  # the main text, paragraphs separated by blank lines
    title: str | None = None
    outlet: str | None = None
    author: str | None = None
    url: str | None = None
    published_at: dt.date | None = None
    encoding: str = "utf-8"
    source_format: str = "text"  # text | markdown | html
    warnings: tuple[str, ...] = field(default_factory=tuple)


# ---------------------------------------------------------------- bytes -> str


def decode(data: bytes) -> tuple[str, str]:
    """The text and the encoding it was in: UTF-8 (with or without BOM), CP1251 or KOI8-R."""
    if not data.strip():
        raise DocumentError("empty")
    head = data[:16]
    if head.startswith(_ARCHIVE_MAGIC):
        raise DocumentError("archive")
    if head.startswith(_BINARY_MAGIC) or b"\x00" in data[:4096]:
        raise DocumentError("binary")
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "utf-8"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as error:
        if error.start >= len(data) - 3:  # a file cut in the middle of its last character
            return data[: error.start].decode("utf-8"), "utf-8"
    from charset_normalizer import from_bytes  # imported here: only uploads need it

    best = from_bytes(data, cp_isolation=list(_CANDIDATE_ENCODINGS)).best()
    if best is None:
        raise DocumentError("encoding")
    return str(best), _encoding_label(best.encoding)


def _encoding_label(name: str) -> str:
    return {"utf_8": "utf-8", "cp1251": "cp1251", "koi8_r": "koi8-r"}.get(name, name)


def _looks_binary(text: str) -> bool:
    sample = text[:20_000]
    if not sample:
        return False
    control = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\t\n\r\f")
    replacement = sample.count("\ufffd")
    letters = sum(1 for ch in sample if ch.isalpha())
    return (
        control / len(sample) > 0.01
        or replacement / len(sample) > 0.02
        or letters < 0.3 * len(sample)
    )


# ---------------------------------------------------------------- formats

_HTML_HINT = re.compile(r"<(?:!doctype|html|head|body|p|div|article|br|span|table)\b", re.I)


def sniff_format(text: str, filename: str | None) -> str:
    name = (filename or "").lower()
    if name.endswith((".html", ".htm", ".xhtml")):
        return "html"
    if name.endswith((".md", ".markdown")):
        return "markdown"
    if _HTML_HINT.search(text[:2000]) and text.count("<") > 5:
        return "html"
    return "text"


def html_to_document(html: str) -> tuple[str, dict[str, str | None]]:
    """Main text and metadata of a page. trafilatura drops navigation, comments, polls and
    link lists; a page too broken for it (10,000 nested tags exceed libxml2's depth) falls
    back to selecting paragraph text ourselves rather than refusing the upload."""
    import trafilatura  # imported here: heavy, and only uploads need it

    meta: dict[str, str | None] = {}
    try:
        result = trafilatura.bare_extraction(
            html,
            include_comments=False,
            include_tables=False,
            include_links=False,
            include_images=False,
            favor_precision=True,
            with_metadata=True,
            # Its duplicate filter remembers paragraphs across calls for the life of the
            # process: a page read twice (an upload discarded and sent again) lost its text.
            deduplicate=False,
        )
    except Exception:
        result = None
    if result is not None:
        data = result.as_dict() if hasattr(result, "as_dict") else dict(result)
        text = str(data.get("text") or "")
        for key in ("title", "sitename", "date", "url", "author"):
            value = data.get(key)
            meta[key] = str(value) if value else None
        if len(text) >= MIN_TEXT_CHARS:
            return text, meta
    return _paragraphs_from_html(html), meta


# Every pattern here runs on whatever an admin uploads, so each runs in linear time: no
# repetition that can backtrack over what another one already took ("<" never inside a
# tag, "[" never inside a link's text), and a search for a closing tag is a plain find.
_SCRIPT_OPEN = re.compile(r"<(script|style|noscript|template)\b", re.I)
_BLOCK_TAGS = re.compile(r"</?(?:p|div|br|li|h[1-6]|tr|section|article)\b[^<>]*>", re.I)
_TAGS = re.compile(r"<[^<>]*>")


def _paragraphs_from_html(html: str) -> str:
    import html as html_lib

    body = _without_scripts(html)
    body = _BLOCK_TAGS.sub("\n\n", body)
    body = _TAGS.sub(" ", body)
    return html_lib.unescape(body)


def _without_scripts(html: str) -> str:
    """Scripts, styles and templates cut out; one left open runs to the end of the page."""
    parts: list[str] = []
    position = 0
    lowered = html.lower()
    while (opening := _SCRIPT_OPEN.search(html, position)) is not None:
        parts.append(html[position : opening.start()])
        closing = lowered.find(f"</{opening[1].lower()}", opening.end())
        if closing < 0:
            return " ".join(parts)
        end = lowered.find(">", closing)
        position = len(html) if end < 0 else end + 1
    parts.append(html[position:])
    return " ".join(parts)


_MD_LINK = re.compile(r"!?\[([^\[\]\n]{0,500})\]\(([^()\[\]\s]{0,2000})\)")
_MD_MARKS = re.compile(
    r"(^|\s)[*_]{1,3}|[*_]{1,3}(?=\s|$|[.,;:!?])|^\s{0,3}(?:#{1,6}|>|[-*+])\s+", re.M
)


def markdown_to_text(text: str) -> str:
    text = _MD_LINK.sub(r"\1", text)
    text = re.sub(r"```.*?```", " ", text, flags=re.S)
    return _MD_MARKS.sub(r"\1", text)


_HEADER_DATE = re.compile(r"^\s*date[:\s]+(\d{4}-\d{2}-\d{2})\s*", re.I)
_BYLINE_NAME = re.compile(r"^[А-ЯЁ][а-яё]+ [А-ЯЁ][а-яё]+\.?$")


def load_document(data: bytes, filename: str | None = None) -> Document:
    if len(data) > MAX_UPLOAD_BYTES:
        raise DocumentError("too_large", str(len(data)))
    raw, encoding = decode(data)
    if _looks_binary(raw):
        raise DocumentError("binary")
    return parse_text(raw, filename, encoding)


def parse_text(raw: str, filename: str | None = None, encoding: str = "utf-8") -> Document:
    if len(raw.encode("utf-8", errors="replace")) > MAX_UPLOAD_BYTES * 4:
        raise DocumentError("too_large")
    warnings: list[str] = []
    given_url, raw = leading_url(raw)
    source_format = sniff_format(raw, filename)
    meta: dict[str, str | None] = {}
    if source_format == "html":
        raw, meta = html_to_document(raw)
    elif source_format == "markdown":
        raw = markdown_to_text(raw)

    published_at: dt.date | None = None
    header = _HEADER_DATE.match(raw)
    if header:
        published_at = _parse_iso(header[1])
        if published_at is None:  # 2024-02-30: the rest of the article is still good
            log.warning("ignored an impossible date in the article header: %s", header[1])
            warnings.append(f"{BAD_HEADER_DATE}:{header[1]}")
        raw = raw[header.end() :]
    if meta.get("date"):
        published_at = published_at or _parse_iso(meta["date"])

    text, dropped = drop_furniture(raw)
    if dropped:
        warnings.append(f"furniture_lines:{dropped}")
    title = meta.get("title")
    body_title, body = split_title(text)
    if title is None:
        title = body_title
        text = body
    elif body_title and body_title.casefold() == title.casefold():
        text = body
    author = meta.get("author")
    last_line = text.rsplit("\n", 1)[-1].strip()
    if author is None and _BYLINE_NAME.match(last_line):
        author = last_line.rstrip(".")
    if len(text) < MIN_TEXT_CHARS:
        raise DocumentError("no_text")
    head = raw[:600]
    url = given_url or article_url(meta.get("url") or "")
    outlet = meta.get("sitename") or find_outlet(head + "\n" + text[-1500:])
    return Document(
        text=text,
        title=title,
        outlet=outlet or (outlet_of(url) if url else None),
        author=author,
        url=url,
        published_at=published_at or find_publication_date(head),
        encoding=encoding,
        source_format=source_format,
        warnings=tuple(warnings),
    )


def _parse_iso(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None
