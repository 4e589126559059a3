"""What users chose and the bot remembers (for now, the interface language)."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from store import browse


async def remembered_language(session: AsyncSession, user_id: int) -> str | None:
    return await browse.user_language(session, user_id)


async def remember_language(session: AsyncSession, user_id: int, language: str) -> None:
    await browse.set_user_language(session, user_id, language)
