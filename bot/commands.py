"""Every command the bot answers, in the order /help and the command menu list them. The
one place a new command is added; a test checks that each registered handler's command
is here and that /help and the menu show them all, in both languages."""

from __future__ import annotations

USER_COMMANDS = (
    "country",
    "treaty",
    "person",
    "search",
    "timeline",
    "latest",
    "trade",
    "sources",
    "export",
    "calendar",
    "subscribe",
    "subscriptions",
    "unsubscribe",
    "lang",
    "cancel",
    "help",
)
# Private chats of the numeric ids in ADMIN_IDS; everyone else is refused politely.
ADMIN_COMMANDS = (
    "upload",
    "articles",
    "retract",
    "restore",
    "fix",
    "feeds",
    "queue",
    "stats",
    "digest_preview",
    "digest_stats",
)
