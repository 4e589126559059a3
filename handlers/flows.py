"""The states of the upload flow, and ending whatever flow a chat is in (an upload waiting
for its article, a preview waiting for a decision, a correction waiting for its value):
shared by /cancel and the Cancel buttons. Not a router."""

from __future__ import annotations

from dataclasses import asdict

from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup

from bot.digest.flow import FlowChoice
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
SETUP_CHOICE = "subscribe_choice"  # its choice so far, for a typed time zone to continue
SETUP_ZONE = "subscribe_zone"  # a time zone typed rather than pressed


async def remember_flow(
    state: FSMContext, choice: FlowChoice, typed_zone: str | None = None
) -> None:
    if await state.get_state() != SubscribeSetup.choosing.state:
        return
    update: dict[str, object] = {SETUP_CHOICE: asdict(choice)}
    if typed_zone:
        update[SETUP_ZONE] = typed_zone
    await state.update_data(update)


async def move_setup_message(state: FSMContext, message_id: int) -> int | None:
    """The guided flow goes on in a new message (after a typed zone); the old one's id,
    whose buttons are then taken away."""
    old = (await state.get_data()).get(SETUP_MESSAGE)
    await state.update_data({SETUP_MESSAGE: message_id})
    return old if isinstance(old, int) else None


async def remembered_flow(state: FSMContext) -> tuple[FlowChoice | None, str | None]:
    """The guided flow's choice and typed zone, if this chat is in one."""
    if await state.get_state() != SubscribeSetup.choosing.state:
        return None, None
    data = await state.get_data()
    try:
        choice = FlowChoice(**data[SETUP_CHOICE])
    except (KeyError, TypeError):
        return None, None
    return choice, data.get(SETUP_ZONE)


async def start_subscribe_setup(state: FSMContext, message_id: int) -> None:
    """Tracked only when no other flow is pending: an admin's upload stays as it was."""
    if await state.get_state() in (None, SubscribeSetup.choosing.state):
        await state.set_state(SubscribeSetup.choosing)
        await state.set_data({SETUP_MESSAGE: message_id})


async def finish_subscribe_setup(state: FSMContext) -> None:
    if await state.get_state() == SubscribeSetup.choosing.state:
        await state.clear()


# state data of a draft opened from the review queue: the feed item it came from
FEED_ITEM = "feed_item"


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
