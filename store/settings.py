"""Per-user settings: the interface language a user chose."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from store.models import (
    UserSetting,
)


async def user_language(session: AsyncSession, user_id: int) -> str | None:
    setting = await session.get(UserSetting, user_id)
    return setting.language if setting else None


async def set_user_language(session: AsyncSession, user_id: int, language: str) -> None:
    setting = await session.get(UserSetting, user_id)
    if setting is None:
        session.add(UserSetting(user_id=user_id, language=language))
    else:
        setting.language = language
    await session.commit()
