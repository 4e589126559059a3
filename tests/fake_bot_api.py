"""A small Bot API server over real HTTP (aiohttp), for tests of the polling process.

It serves getMe, hands out queued updates through getUpdates (long polling), records
every call, and can be told to fail a method with a given status.
"""

from __future__ import annotations

import asyncio
import json
import time
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

from tests.harness.servers import serve_locally

BOT_USER = {"id": 7, "is_bot": True, "first_name": "Briefings", "username": "briefings_bot"}


@dataclass
class FakeBotApi:
    updates: list[dict[str, Any]] = field(default_factory=list)
    calls: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    failures: dict[str, tuple[int, str]] = field(default_factory=dict)
    sent: asyncio.Event = field(default_factory=asyncio.Event)
    # Fault injection for sendMessage.
    too_many_requests: int = 0  # the next N calls get 429
    retry_after: int = 1
    server_errors: int = 0  # the next N calls get 502
    forbidden_chats: set[int] = field(default_factory=set)
    missing_chats: set[int] = field(default_factory=set)
    migrated_chats: dict[int, int] = field(default_factory=dict)
    send_delay: float = 0.0
    delivered: dict[int, list[str]] = field(default_factory=dict)
    refused_429: int = 0
    accepted_at: list[float] = field(default_factory=list)  # monotonic time of each accepted send
    # Telegram's own limits: more than `global_per_second` messages in any second, or two
    # to one chat within `chat_interval` seconds, get a 429 the bot itself caused.
    enforce_limits: bool = False
    global_per_second: int = 30
    chat_interval: float = 1.0
    _recent: list[float] = field(default_factory=list)
    _last_to_chat: dict[int, float] = field(default_factory=dict)
    _next_update: int = 0
    # getUpdates answered by a redirect to itself (aiohttp gives up after ten)
    redirect_updates: bool = False
    # each file download takes the next failure: "404", "500" or "redirect" (a loop)
    download_failures: list[str] = field(default_factory=list)
    files: dict[str, bytes] = field(default_factory=dict)
    _looping: set[str] = field(default_factory=set)
    _runner: web.AppRunner | None = None
    url: str = ""

    async def start(self) -> str:
        app = web.Application()
        app.router.add_route("*", "/bot{token}/{method}", self._handle)
        app.router.add_get("/file/bot{token}/{path:.+}", self._download)
        # No access log: it is Telegram's side, where the token is part of every URL.
        self._runner, self.url = await serve_locally(app)
        return self.url

    async def stop(self) -> None:
        if self._runner:
            await self._runner.cleanup()

    async def _download(self, request: web.Request) -> web.Response:
        path = request.match_info["path"]
        self.calls.append(("download", {"path": path}))
        if path in self._looping:
            raise web.HTTPFound(location=str(request.url))
        failure = self.download_failures.pop(0) if self.download_failures else None
        if failure == "redirect":
            self._looping.add(path)  # every later request for it redirects again
            raise web.HTTPFound(location=str(request.url))
        if failure is not None:
            return web.Response(status=int(failure), text="no such file")
        return web.Response(body=self.files.get(path, b""))

    async def _handle(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        if method == "getUpdates" and self.redirect_updates:
            self.calls.append((method, {}))
            raise web.HTTPFound(location=str(request.url))
        if request.content_type == "application/json":
            payload = await request.json()
        else:
            payload = {key: value for key, value in (await request.post()).items()}
        self.calls.append((method, dict(payload)))
        if method == "sendMessage":
            fault = await self._send_fault(payload)
            if fault is not None:
                return fault
        if method in self.failures:
            status, description = self.failures[method]
            return web.json_response(
                {"ok": False, "error_code": status, "description": description}, status=status
            )
        result: Any = True
        if method == "getMe":
            result = BOT_USER
        elif method == "getFile":
            file_id = str(payload.get("file_id"))
            result = {"file_id": file_id, "file_unique_id": file_id, "file_path": file_id}
        elif method == "getUpdates":
            offset = int(payload.get("offset") or 0)
            pending = [u for u in self.updates if u["update_id"] >= offset]
            if not pending:
                await asyncio.sleep(min(float(payload.get("timeout") or 0), 0.5))
            result = pending
        elif method == "sendMessage":
            chat = int(payload["chat_id"])
            self.delivered.setdefault(chat, []).append(str(payload.get("text", "")))
            self.accepted_at.append(time.monotonic())
            self.sent.set()
            result = {
                "message_id": len(self.calls),
                "date": 0,
                "chat": {"id": int(payload["chat_id"]), "type": "private"},
                "from": BOT_USER,
                "text": payload.get("text", ""),
            }
        return web.json_response({"ok": True, "result": result})

    async def _send_fault(self, payload: dict[str, Any]) -> web.Response | None:
        chat = int(payload["chat_id"])
        if self.send_delay:
            await asyncio.sleep(self.send_delay)
        if self.enforce_limits and self._over_limit(chat):
            self.refused_429 += 1
            return web.json_response(
                {
                    "ok": False,
                    "error_code": 429,
                    "description": "Too Many Requests: retry after 1",
                    "parameters": {"retry_after": 1},
                },
                status=429,
            )
        if self.too_many_requests > 0:
            self.too_many_requests -= 1
            self.refused_429 += 1
            return web.json_response(
                {
                    "ok": False,
                    "error_code": 429,
                    "description": f"Too Many Requests: retry after {self.retry_after}",
                    "parameters": {"retry_after": self.retry_after},
                },
                status=429,
            )
        if self.server_errors > 0:
            self.server_errors -= 1
            return web.json_response(
                {"ok": False, "error_code": 502, "description": "Bad Gateway"}, status=502
            )
        if chat in self.forbidden_chats:
            return web.json_response(
                {
                    "ok": False,
                    "error_code": 403,
                    "description": "Forbidden: bot was blocked by the user",
                },
                status=403,
            )
        if chat in self.missing_chats:
            return web.json_response(
                {"ok": False, "error_code": 400, "description": "Bad Request: chat not found"},
                status=400,
            )
        if chat in self.migrated_chats:
            return web.json_response(
                {
                    "ok": False,
                    "error_code": 400,
                    "description": "Bad Request: group chat was upgraded to a supergroup chat",
                    "parameters": {"migrate_to_chat_id": self.migrated_chats[chat]},
                },
                status=400,
            )
        return None

    def _over_limit(self, chat: int) -> bool:
        now = time.monotonic()
        self._recent = [moment for moment in self._recent if now - moment < 1.0]
        if len(self._recent) >= self.global_per_second:
            return True
        if now - self._last_to_chat.get(chat, -1e9) < self.chat_interval:
            return True
        self._recent.append(now)
        self._last_to_chat[chat] = now
        return False

    def queue_message(self, text: str, chat_id: int = 501, language: str = "ru") -> None:
        self._next_update += 1
        self.updates.append(
            {
                "update_id": self._next_update,
                "message": {
                    "message_id": self._next_update,
                    "date": 0,
                    "text": text,
                    "chat": {"id": chat_id, "type": "private"},
                    "from": {
                        "id": chat_id,
                        "is_bot": False,
                        "first_name": "A",
                        "language_code": language,
                    },
                },
            }
        )

    def queue_document(self, name: str, content: bytes, chat_id: int = 501) -> None:
        """A document message; getFile then points at `content` by the file's id."""
        self._next_update += 1
        file_id = f"documents/file_{self._next_update}.txt"
        self.files[file_id] = content
        self.updates.append(
            {
                "update_id": self._next_update,
                "message": {
                    "message_id": self._next_update,
                    "date": 0,
                    "chat": {"id": chat_id, "type": "private"},
                    "from": {"id": chat_id, "is_bot": False, "first_name": "A"},
                    "document": {
                        "file_id": file_id,
                        "file_unique_id": file_id,
                        "file_name": name,
                        "file_size": len(content),
                    },
                },
            }
        )

    async def wait_for_calls(self, method: str, count: int, timeout: float = 30.0) -> None:
        """Until `count` calls of `method` came in (work a bot does after its first replies)."""
        deadline = time.monotonic() + timeout
        while sum(1 for name, _ in self.calls if name == method) < count:
            if time.monotonic() > deadline:
                raise TimeoutError(f"fewer than {count} {method} calls in {timeout} s")
            await asyncio.sleep(0.05)

    def sent_texts(self) -> list[str]:
        return [str(p.get("text")) for m, p in self.calls if m == "sendMessage"]


def dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)
