"""What users chose and the bot remembers (for now, the interface language)."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from store import settings as settings_store


async def remembered_language(session: AsyncSession, user_id: int) -> str | None:
    return await settings_store.user_language(session, user_id)


async def remember_language(session: AsyncSession, user_id: int, language: str) -> None:
    await settings_store.set_user_language(session, user_id, language)
