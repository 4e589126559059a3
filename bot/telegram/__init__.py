"""What speaks to Telegram: the app factory and dispatcher, middlewares, FSM storage, the
webhook server, the in-process session, the digest sender."""
