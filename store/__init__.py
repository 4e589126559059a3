"""Persistence: models, engine and sessions, repositories, migrations, seed loader."""
