"""Reading a feed: RSS and Atom with feedparser, JSON Feed with the json module (feedparser
does not read it); a web page's own feed found from its <link rel="alternate">; article
URLs made canonical so one article in two feeds is one."""

from __future__ import annotations

import calendar
import datetime as dt
import hashlib
import json
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

import feedparser
import lxml.html

from store.dto import NewItem

FEED_TYPES = frozenset(
    {
        "application/rss+xml",
        "application/atom+xml",
        "application/feed+json",
        "application/json",
        "application/xml",
        "text/xml",
    }
)
_TRACKING = ("utm_", "fbclid", "gclid", "yclid", "_openstat")
MAX_TEXT = 20_000  # of an item's own summary kept


@dataclass(frozen=True, slots=True)
class ParsedFeed:
    title: str | None
    items: list[NewItem]


def canonical_url(url: str | None, base: str | None = None) -> str | None:
    """http(s) only; lower-case host, no fragment, no tracking parameters."""
    if not url:
        return None
    absolute = urljoin(base or "", url.strip())
    parts = urlsplit(absolute)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return None
    query = [(k, v) for k, v in parse_qsl(parts.query) if not k.lower().startswith(_TRACKING)]
    path = parts.path or "/"
    return urlunsplit((parts.scheme, parts.netloc.lower(), path, urlencode(query), ""))


def parse_feed(body: bytes, base_url: str) -> ParsedFeed | None:
    """The feed's items, or None when the body is no feed (an HTML page, broken XML)."""
    stripped = body.lstrip()[:1]
    if stripped in (b"{", b"["):
        return _json_feed(body, base_url)
    parsed = feedparser.parse(body)
    items = [item for item in map(lambda e: _entry(e, base_url), parsed.entries) if item]
    # broken XML that yields no usable item is no feed (feedparser reads what it can)
    if not parsed.get("version") or (parsed.get("bozo") and not items):
        return None
    title = parsed.feed.get("title") if parsed.get("feed") else None
    return ParsedFeed(title, items)


def _entry(entry: Any, base_url: str) -> NewItem | None:
    url = canonical_url(entry.get("link"), base_url)
    title = (entry.get("title") or "").strip() or None
    content = entry.get("content") or []
    summary = content[0].get("value") if content else entry.get("summary")
    guid = (entry.get("id") or url or _digest(title, summary))[:500]
    if not guid:
        return None
    moment = entry.get("published_parsed") or entry.get("updated_parsed")
    published = dt.datetime.fromtimestamp(calendar.timegm(moment), dt.UTC) if moment else None
    return NewItem(guid, url, title[:500] if title else None, _clip(summary), published)


def _json_feed(body: bytes, base_url: str) -> ParsedFeed | None:
    try:
        data = json.loads(body)
    except (ValueError, UnicodeDecodeError):
        return None
    if not isinstance(data, dict) or "jsonfeed.org" not in str(data.get("version", "")):
        return None
    items = []
    for entry in data.get("items") or []:
        if not isinstance(entry, dict):
            continue
        url = canonical_url(entry.get("url") or entry.get("external_url"), base_url)
        title = str(entry.get("title") or "").strip() or None
        summary = entry.get("content_html") or entry.get("content_text") or entry.get("summary")
        guid = str(entry.get("id") or url or _digest(title, summary))[:500]
        items.append(
            NewItem(guid, url, title, _clip(summary), _iso_moment(entry.get("date_published")))
        )
    title = data.get("title")
    return ParsedFeed(str(title) if title else None, items)


def discover_feed(body: bytes, page_url: str) -> str | None:
    """The feed a web page names in <link rel="alternate" type="...">."""
    try:
        tree = lxml.html.fromstring(body[:2_000_000])
    except (ValueError, lxml.etree.ParserError):
        return None
    for link in tree.iter("link"):
        rel = (link.get("rel") or "").lower().split()
        kind = (link.get("type") or "").lower().split(";")[0].strip()
        if "alternate" in rel and kind in FEED_TYPES and link.get("href"):
            return canonical_url(link.get("href"), page_url)
    return None


def _clip(text: Any) -> str | None:
    return str(text)[:MAX_TEXT] if text else None


def _digest(*parts: Any) -> str:
    joined = "\n".join(str(part or "") for part in parts)
    return "sha1:" + hashlib.sha1(joined.encode()).hexdigest() if joined.strip() else ""


def _iso_moment(value: Any) -> dt.datetime | None:
    try:
        moment = dt.datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)
