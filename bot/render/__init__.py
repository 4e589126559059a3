"""Results -> Telegram HTML. Nothing outside this package builds HTML."""
