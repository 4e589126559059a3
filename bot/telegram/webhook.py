"""Webhook mode: an aiohttp server for Telegram's POSTs (secret header checked), /healthz
for the orchestrator, and a graceful stop: stop taking updates, let handlers in flight finish
(bounded), stop digests (claims handed back), close the pools."""

from __future__ import annotations

import asyncio
import logging
import signal
from urllib.parse import urlsplit

from aiogram import Bot, Dispatcher
from aiogram.webhook.aiohttp_server import SimpleRequestHandler
from aiohttp import web

from bot.runtime import Runtime
from bot.telegram.app import set_command_menu
from bot.telegram.middlewares import OnceOnlyMiddleware
from store.db import ping

log = logging.getLogger(__name__)
IN_FLIGHT_GRACE_SECONDS = 20


def build_app(runtime: Runtime, dispatcher: Dispatcher, bot: Bot) -> web.Application:
    settings = runtime.settings
    assert settings.webhook_url and settings.webhook_secret  # checked by the settings
    dispatcher.update.outer_middleware(OnceOnlyMiddleware(runtime.session_factory))
    app = web.Application()
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

    async def healthz(_request: web.Request) -> web.Response:
        try:
            await ping(runtime.engine)
        except Exception as error:  # the database is what the bot cannot work without
            log.warning("health check failed: %s", type(error).__name__)
            return web.json_response({"status": "degraded", "database": "down"}, status=503)
        return web.json_response({"status": "ok", "database": "up"})

    app.router.add_get("/healthz", healthz)
    return app


async def serve(runtime: Runtime, dispatcher: Dispatcher, bot: Bot) -> None:
    from bot.telegram.digest_runner import DigestRunner

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
    await set_command_menu(bot)
    digests = DigestRunner(runtime, bot)
    digests.start()

    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signal_number in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signal_number, stop.set)
    await stop.wait()
    log.info("stopping: no new updates; finishing those in flight")
    # Stops listening, then waits (bounded) for the requests being handled.
    await runner.cleanup()
    await digests.stop()
