"""Ending whatever flow a chat is in (an upload waiting for its article, a preview waiting
for a decision): shared by /cancel and the Cancel buttons. Not a router."""

from __future__ import annotations

from aiogram.fsm.context import FSMContext

from bot.drafts import draft_from_state
from bot.uploads import discard_draft
from store.db import Session


async def end_pending_flow(state: FSMContext, session: Session, user_id: int) -> str:
    """Clears the flow; a draft in preview is discarded as the Discard button would (the
    audit log records it). Returns the key of the text to answer with."""
    if await state.get_state() is None:
        return "cancel-nothing"
    draft = draft_from_state((await state.get_data()).get("draft"))
    await state.clear()
    if draft is not None:
        await discard_draft(session, draft, user_id)
    return "cancel-done"
