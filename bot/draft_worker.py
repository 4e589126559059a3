"""Uploaded articles are read in a child process, never in the bot's own.

Reading an article (decoding, page clean-up, NER, the rules) is CPU work on whatever an
admin sends, and Python's `re` holds the GIL: in a thread, a pathological file would still
freeze every chat. The child has a time limit (the parent kills it) and a memory budget
(an address-space limit the child sets around each article); an article that exceeds
either is reported as too complex, and the next upload gets a fresh child. The child loads
the models once and serves one article at a time; the bot waits for it without blocking
its event loop.
"""

from __future__ import annotations

import asyncio
import atexit
import logging
import multiprocessing
import resource
import threading
import time
from dataclasses import dataclass
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from typing import Any

from bot.drafts import Draft, prepare_draft
from bot.extraction.documents import DocumentError

log = logging.getLogger(__name__)

# The child's start (imports, the NER models) is not the article's fault: waited for apart.
START_TIMEOUT_SECONDS = 180.0


class ArticleTooComplex(Exception):
    """The article took more time or memory than an upload may use."""


class ReaderUnavailable(RuntimeError):
    """The child process could not be started (the bot's error handler answers)."""


@dataclass(frozen=True)
class ReadingLimits:
    seconds: float = 30.0
    memory_bytes: int = 1024 * 2**20  # on top of what the child holds before the article


class DraftWorker:
    def __init__(self) -> None:
        self._process: BaseProcess | None = None
        self._connection: Connection | None = None
        self._lock = asyncio.Lock()
        self._thread_lock = threading.Lock()

    async def prepare(self, data: bytes, filename: str | None, limits: ReadingLimits) -> Draft:
        """Raises DocumentError (a file that is no article) or ArticleTooComplex."""
        async with self._lock:
            reply = await asyncio.to_thread(self._round_trip, (data, filename, limits))
        kind, value = reply
        if kind == "draft":
            return value  # type: ignore[no-any-return]
        if kind == "document_error":
            raise DocumentError(*value)
        raise ArticleTooComplex(value)

    def start(self) -> None:
        """Start the child and load its models now (from a thread: this blocks)."""
        with self._thread_lock:
            self._ready_connection()

    def close(self) -> None:
        with self._thread_lock:
            self._stop_child()

    # ------------------------------------------------------------------ in a thread

    def _round_trip(self, request: tuple[bytes, str | None, ReadingLimits]) -> tuple[str, Any]:
        with self._thread_lock:
            connection = self._ready_connection()
            connection.send(request)
            limits = request[2]
            deadline = time.monotonic() + limits.seconds
            while not connection.poll(0.05):
                if time.monotonic() > deadline:
                    log.warning("an article took over %s s to read: worker stopped", limits.seconds)
                    self._stop_child()
                    return ("too_complex", "time")
                if self._process is None or not self._process.is_alive():
                    break
            try:
                return connection.recv()  # type: ignore[no-any-return]
            except (EOFError, OSError):  # the child died: out of memory, or worse
                log.warning("the article reader died on an article: restarting it")
                self._stop_child()
                return ("too_complex", "crash")

    def _ready_connection(self) -> Connection:
        if self._connection is not None and self._process is not None:
            if self._process.is_alive():
                return self._connection
            self._stop_child()
        context = multiprocessing.get_context("spawn")  # no copy of the bot's threads or loop
        parent, child = context.Pipe()
        process = context.Process(target=serve, args=(child,), name="article-reader", daemon=True)
        process.start()
        child.close()
        try:
            ready = parent.poll(START_TIMEOUT_SECONDS) and parent.recv() == "ready"
        except (EOFError, OSError):
            ready = False
        if not ready:
            process.kill()
            parent.close()
            raise ReaderUnavailable("the article reader did not start")
        self._process, self._connection = process, parent
        return parent

    def _stop_child(self) -> None:
        if self._process is not None:
            self._process.kill()
            self._process.join(5)
        if self._connection is not None:
            self._connection.close()
        self._process = self._connection = None


# ---------------------------------------------------------------------- in the child


def serve(connection: Connection) -> None:
    from bot.extraction.shared import warm_up_extraction

    warm_up_extraction()
    connection.send("ready")
    while True:
        try:
            data, filename, limits = connection.recv()
        except EOFError:  # the bot is gone
            return
        connection.send(_read(data, filename, limits.memory_bytes))


def _read(data: bytes, filename: str | None, memory_bytes: int) -> tuple[str, Any]:
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    resource.setrlimit(resource.RLIMIT_AS, (_address_space() + memory_bytes, hard))
    try:
        return ("draft", prepare_draft(data, filename))
    except DocumentError as error:
        return ("document_error", error.args)
    except (MemoryError, RecursionError) as error:
        return ("too_complex", type(error).__name__)
    finally:
        resource.setrlimit(resource.RLIMIT_AS, (hard, hard))


def _address_space() -> int:
    with open("/proc/self/statm") as statm:
        pages = int(statm.read().split()[0])
    return pages * resource.getpagesize()


_shared: DraftWorker | None = None


def shared_draft_worker() -> DraftWorker:
    """One reader per bot process, started on the first upload (or the warm-up)."""
    global _shared
    if _shared is None:
        _shared = DraftWorker()
        atexit.register(_shared.close)
    return _shared
