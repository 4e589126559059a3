"""Webhook mode: an aiohttp server for Telegram's POSTs (secret header checked), /healthz
for the orchestrator, and a graceful stop: stop taking updates, let handlers in flight finish
(bounded), stop digests (claims handed back), close the pools."""

from __future__ import annotations

import asyncio
import hmac
import json
import logging
import signal
from collections.abc import Awaitable, Callable
from urllib.parse import urlsplit

from aiogram import Bot, Dispatcher
from aiogram.webhook.aiohttp_server import SimpleRequestHandler
from aiohttp import web
from pydantic import ValidationError

from bot.runtime import Runtime
from bot.telegram.app import set_command_menu
from bot.telegram.middlewares import OnceOnlyMiddleware
from store.db import ping

log = logging.getLogger(__name__)
IN_FLIGHT_GRACE_SECONDS = 20
SECRET_KEY = web.AppKey("webhook_secret", str)
Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


def build_app(runtime: Runtime, dispatcher: Dispatcher, bot: Bot) -> web.Application:
    settings = runtime.settings
    assert settings.webhook_url and settings.webhook_secret  # checked by the settings
    dispatcher.update.outer_middleware(OnceOnlyMiddleware(runtime.session_factory))
    app = web.Application(middlewares=[refuse_malformed_updates])
    # Handled inside the request, not in the background: a graceful stop then waits for
    # the requests in flight (aiohttp's shutdown), and a slow answer that makes Telegram
    # post again is caught by OnceOnlyMiddleware.
    handler = SimpleRequestHandler(
        dispatcher,
        bot,
        handle_in_background=False,
        secret_token=settings.webhook_secret.get_secret_value(),
    )
    handler.register(app, path=urlsplit(settings.webhook_url).path or "/")
    app[SECRET_KEY] = settings.webhook_secret.get_secret_value()

    async def healthz(_request: web.Request) -> web.Response:
        try:
            await ping(runtime.engine)
        except Exception as error:  # the database is what the bot cannot work without
            log.warning("health check failed: %s", type(error).__name__)
            return web.json_response({"status": "degraded", "database": "down"}, status=503)
        return web.json_response({"status": "ok", "database": "up"})

    app.router.add_get("/healthz", healthz)
    return app


@web.middleware
async def refuse_malformed_updates(request: web.Request, handler: Handler) -> web.StreamResponse:
    """A body that is not JSON, too deeply nested to read, or not an Update gets a 400 and
    one warning line, not a 500 with a traceback. Only after the secret is checked (by the
    handler itself): without it the answer stays 401 whatever the body."""
    if request.method != "POST" or request.path == "/healthz":
        return await handler(request)
    try:
        json.loads(await request.read())
    except (ValueError, RecursionError) as error:
        if _has_secret(request):
            return _malformed(request, type(error).__name__)
        return await handler(request)
    try:
        return await handler(request)
    except ValidationError as error:
        return _malformed(request, f"{error.error_count()} wrong field(s)")


def _has_secret(request: web.Request) -> bool:
    expected = request.app[SECRET_KEY]
    given = request.headers.get("X-Telegram-Bot-Api-Secret-Token", "")
    return hmac.compare_digest(given.encode(), expected.encode())


def _malformed(request: web.Request, why: str) -> web.Response:
    log.warning("refused a malformed update from %s: %s", request.remote, why)
    return web.json_response({"ok": False, "description": "malformed update"}, status=400)


async def serve(runtime: Runtime, dispatcher: Dispatcher, bot: Bot) -> None:
    from bot.telegram.digest_runner import DigestRunner
    from bot.telegram.feed_runner import FeedRunner

    settings = runtime.settings
    app = build_app(runtime, dispatcher, bot)
    runner = web.AppRunner(app, handle_signals=False, shutdown_timeout=IN_FLIGHT_GRACE_SECONDS)
    await runner.setup()
    site = web.TCPSite(runner, settings.webhook_host, settings.webhook_port)
    await site.start()
    log.info("webhook server on %s:%s", settings.webhook_host, settings.webhook_port)
    assert settings.webhook_url and settings.webhook_secret
    try:
        await bot.set_webhook(
            settings.webhook_url,
            secret_token=settings.webhook_secret.get_secret_value(),
            allowed_updates=dispatcher.resolve_used_update_types(),
        )
    except Exception as error:  # keep serving: the webhook may already be set
        log.error("could not set the webhook: %s", type(error).__name__)
    await set_command_menu(bot, settings.admin_ids)
    digests = DigestRunner(runtime, bot)
    digests.start()
    feeds = FeedRunner(runtime, bot)  # watched sources, as in polling mode
    runtime.spawn(feeds.start_after(runtime.after_start_delay))

    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signal_number in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signal_number, stop.set)
    await stop.wait()
    log.info("stopping: no new updates; finishing those in flight")
    # Stops listening, then waits (bounded) for the requests being handled.
    await runner.cleanup()
    await feeds.stop()
    await digests.stop()
