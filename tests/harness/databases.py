"""The PostgreSQL server the tests use, and statements run on it as its administrator."""

from __future__ import annotations

import os

import asyncpg

POSTGRES_URL = os.environ.get(
    "TEST_POSTGRES_URL", "postgresql+asyncpg://postgres@127.0.0.1:5432/postgres"
)


async def admin_execute(statement: str) -> None:
    connection = await asyncpg.connect(server_dsn(POSTGRES_URL), timeout=10)
    try:
        await connection.execute(statement)
    finally:
        await connection.close()


def server_dsn(url: str) -> str:
    return url.replace("postgresql+asyncpg://", "postgresql://")
