"""Which seed files the database was last loaded from. Checked on every start, so it lives
apart from the loader and the seed file schemas, which a start-up rarely needs."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from store.models import KeyValue

SEED_FINGERPRINT_KEY = "seed_fingerprint"


async def seeds_are_current(session: AsyncSession, fingerprint: str) -> bool:
    marker = await session.get(KeyValue, SEED_FINGERPRINT_KEY)
    return marker is not None and marker.value.get("sha256") == fingerprint


async def mark_seeds_loaded(session: AsyncSession, fingerprint: str) -> None:
    marker = await session.get(KeyValue, SEED_FINGERPRINT_KEY)
    if marker is None:
        session.add(KeyValue(key=SEED_FINGERPRINT_KEY, value={"sha256": fingerprint}))
    elif marker.value.get("sha256") != fingerprint:
        marker.value = {"sha256": fingerprint}
