"""The buttons under a digest, pressed by label through the dispatcher: a country's card,
the list of countries, pause and resume, unsubscribe after a question with Undo; in a
group only its administrators may pause or unsubscribe; the digest itself stays as sent."""

from __future__ import annotations

from sqlalchemy import select

from bot.digest.tick import tick
from bot.telegram.client import GROUP_CHAT_ID
from bot.telegram.digest_runner import DigestRunner
from store.models import Subscription
from tests.harness import Harness
from tests.harness.digests import at, publish_all_facts_at, subscribe

READER = 501


async def deliver(harness: Harness, chat_id: int, countries: str, language: str = "ru") -> int:
    """One digest for a new subscription, sent the way the running bot sends it."""
    runtime = harness.runtime
    subscription = await subscribe(runtime, chat_id, countries=countries, language=language)
    await publish_all_facts_at(runtime, at(20, 1))
    assert await tick(runtime.session_factory, at(20, 3, 31)) == 1
    runner = DigestRunner(runtime, harness.bot, clock=lambda: at(20, 3, 31))
    assert await runner.sender.run_once() == 1
    return subscription


async def subscription_row(harness: Harness, subscription_id: int) -> Subscription:
    async with harness.runtime.session_factory() as session:
        row = await session.scalar(select(Subscription).where(Subscription.id == subscription_id))
    assert row is not None
    return row


def texts(requests: list[object]) -> str:
    return "\n".join(str(getattr(r, "text", "") or "") for r in requests)


async def test_card_pause_resume_and_unsubscribe_under_a_digest(harness: Harness) -> None:
    subscription = await deliver(harness, READER, "TJ")
    reader = {"user_id": READER}
    digest = harness.last_message(**reader)
    assert digest is not None and digest.reply_markup is not None
    assert "Таджикистан" in (digest.text or "")

    card = texts(await harness.click("Таджикистан", **reader))
    assert "Таджикистан" in card and "Договор о союзнических отношениях" in card

    paused = texts(await harness.click("Пауза", **reader))
    assert f"#{subscription} на паузе" in paused
    assert (await subscription_row(harness, subscription)).paused
    resumed = texts(await harness.click("Продолжить", **reader))
    assert "снова активна" in resumed
    assert not (await subscription_row(harness, subscription)).paused

    question = texts(await harness.click("Отписаться", **reader))
    assert f"Отписаться от дайджеста #{subscription}?" in question
    assert (await subscription_row(harness, subscription)).active  # nothing yet
    await harness.click(f"Да, удалить #{subscription}", **reader)
    assert not (await subscription_row(harness, subscription)).active
    await harness.click("Вернуть", **reader)
    assert (await subscription_row(harness, subscription)).active
    # the digest was never edited: its text is as sent
    assert harness.session.messages[(READER, digest.message_id)].text == digest.text


async def test_a_digest_of_all_countries_opens_the_list_in_english(harness: Harness) -> None:
    await deliver(harness, READER, "", language="en")
    reader = {"user_id": READER, "language": "en"}
    digest = harness.last_message(**reader)
    assert digest is not None and digest.reply_markup is not None
    labels = [b.text for row in digest.reply_markup.inline_keyboard for b in row]
    assert labels == ["🌍 Countries", "⏸ Pause", "🔕 Unsubscribe"]
    listed = texts(await harness.click("Countries", **reader))
    assert "/country TJ" in listed


async def test_in_a_group_only_administrators_pause_or_unsubscribe(harness: Harness) -> None:
    subscription = await deliver(harness, GROUP_CHAT_ID, "TJ")
    member = {"user_id": 777, "chat_type": "group"}
    refused = await harness.click("Пауза", **member)
    alerts = [getattr(r, "text", "") for r in refused if getattr(r, "show_alert", False)]
    assert alerts and "администратор" in alerts[0]
    assert not (await subscription_row(harness, subscription)).paused
    card = texts(await harness.click("Таджикистан", **member))  # cards are for everyone
    assert "Таджикистан" in card
    harness.session.member_status[777] = "administrator"
    await harness.click("Пауза", **member)
    assert (await subscription_row(harness, subscription)).paused
