"""Polite HTTP for feeds and article pages: an honest User-Agent, conditional requests,
a minimum interval per host, timeouts, and a cap on every response's size (read in
chunks, so a 50 MB answer or a server dripping bytes costs bounded memory and time)."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import aiohttp

USER_AGENT = (
    "kz-diplomacy-briefings/0.1 (feed reader for a briefing bot's admins; polls each feed "
    "at most every few minutes)"
)
MAX_BYTES = 5_000_000
CHUNK = 64 * 1024
MAX_REDIRECTS = 5


class FetchError(Exception):
    """A request that gave no usable answer; `reason` is short and shown in /feeds."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True, slots=True)
class Fetched:
    status: int
    body: bytes
    headers: Mapping[str, str]  # names in lower case
    url: str  # after redirects


@dataclass
class Fetcher:
    session: aiohttp.ClientSession
    per_host_interval: float = 2.0  # seconds between two requests to one host
    max_bytes: int = MAX_BYTES
    timeout: aiohttp.ClientTimeout = field(
        default_factory=lambda: aiohttp.ClientTimeout(total=30, sock_connect=10, sock_read=15)
    )
    clock: Callable[[], float] = time.monotonic
    _last_request: dict[str, float] = field(default_factory=dict)
    _host_locks: dict[str, asyncio.Lock] = field(default_factory=dict)

    async def get(
        self, url: str, etag: str | None = None, last_modified: str | None = None
    ) -> Fetched:
        host = urlsplit(url).hostname or ""
        headers = {"User-Agent": USER_AGENT, "Accept-Encoding": "gzip, deflate"}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        lock = self._host_locks.setdefault(host, asyncio.Lock())
        async with lock:  # one request at a time per host, spaced out
            await self._wait_for(host)
            try:
                return await self._request(url, headers)
            finally:
                self._last_request[host] = self.clock()

    async def _wait_for(self, host: str) -> None:
        last = self._last_request.get(host)
        if last is not None:
            wait = self.per_host_interval - (self.clock() - last)
            if wait > 0:
                await asyncio.sleep(wait)

    async def _request(self, url: str, headers: dict[str, str]) -> Fetched:
        try:
            async with self.session.get(
                url, headers=headers, timeout=self.timeout, max_redirects=MAX_REDIRECTS
            ) as response:
                if (response.content_length or 0) > self.max_bytes:
                    raise FetchError("too_large")
                body = bytearray()
                async for chunk in response.content.iter_chunked(CHUNK):
                    body += chunk
                    if len(body) > self.max_bytes:
                        raise FetchError("too_large")
                headers = {name.lower(): value for name, value in response.headers.items()}
                return Fetched(response.status, bytes(body), headers, str(response.url))
        except aiohttp.TooManyRedirects as error:
            raise FetchError("redirect_loop") from error
        except TimeoutError as error:
            raise FetchError("timeout") from error
        except (aiohttp.ClientError, OSError, ValueError) as error:
            raise FetchError("network") from error
