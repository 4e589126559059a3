"""The states of the upload flow, and ending whatever flow a chat is in (an upload waiting
for its article, a preview waiting for a decision, a correction waiting for its value):
shared by /cancel and the Cancel buttons. Not a router."""

from __future__ import annotations

from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup

from bot.drafts import draft_from_state
from bot.uploads import discard_draft
from store.db import Session


class UploadFlow(StatesGroup):
    waiting = State()
    preview = State()
    correcting = State()  # a typed value for one field of one fact is awaited


class SubscribeSetup(StatesGroup):
    # the guided /subscribe is on screen; its buttons carry the choices, the state only
    # lets /cancel end it (taking the buttons away) like any other flow
    choosing = State()


SETUP_MESSAGE = "subscribe_message"  # state data: the guided flow's message id


async def start_subscribe_setup(state: FSMContext, message_id: int) -> None:
    """Tracked only when no other flow is pending: an admin's upload stays as it was."""
    if await state.get_state() in (None, SubscribeSetup.choosing.state):
        await state.set_state(SubscribeSetup.choosing)
        await state.set_data({SETUP_MESSAGE: message_id})


async def finish_subscribe_setup(state: FSMContext) -> None:
    if await state.get_state() == SubscribeSetup.choosing.state:
        await state.clear()


class FixFlow(StatesGroup):
    correcting = State()  # a typed value for a published fact's field (/fix) is awaited


async def end_pending_flow(state: FSMContext, session: Session, user_id: int) -> str:
    """Clears the flow; a draft in preview is discarded as the Discard button would (the
    audit log records it), while a correction in progress returns to its preview. Returns
    the key of the text to answer with."""
    current = await state.get_state()
    if current is None:
        return "cancel-nothing"
    if current == SubscribeSetup.choosing.state:
        await state.clear()
        return "subscribe-cancelled"
    if current == UploadFlow.correcting.state:
        # only the correction ends: the draft and its review stay as they were
        await state.set_state(UploadFlow.preview)
        return "review-correction-cancelled"
    draft = draft_from_state((await state.get_data()).get("draft"))
    await state.clear()
    if draft is not None:
        await discard_draft(session, draft, user_id)
    return "cancel-done"
