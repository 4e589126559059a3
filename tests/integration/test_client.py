"""The scriptable client and the harness built on it: buttons pressed by label, documents,
errors injected into the session, and `python -m bot ask` as a person would use it."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from aiogram.methods import AnswerCallbackQuery, EditMessageText, SendMessage
from sqlalchemy import select

from bot import PROJECT_ROOT
from bot.runtime import Runtime
from bot.telegram.app import create_bot
from bot.telegram.client import NoSuchButton, as_plain_text, same_label
from bot.telegram.digest_sender import DigestSender, SenderSettings
from bot.telegram.local import LocalSession
from store import subscriptions as subscription_store
from store.models import Article, Subscription
from tests.harness import Harness, make_update

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "articles"
ADMIN = 4242


def _sent(requests: list[object]) -> list[str]:
    return [as_plain_text(r.text) for r in requests if isinstance(r, SendMessage)]


@pytest.fixture
def admin(runtime: Runtime) -> Harness:
    runtime.settings = runtime.settings.model_copy(update={"admin_ids": frozenset({ADMIN})})
    return Harness(runtime)


def test_labels_match_exactly_or_by_their_words() -> None:
    assert same_label("📈 Торговля", "📈 Торговля")
    assert same_label("📈 Торговля", "торговля")
    assert not same_label("📈 Торговля", "Торг")
    assert not same_label("◀", "")
    assert same_label("✅ Опубликовать (9)", "Опубликовать")
    assert same_label("✅ Опубликовать (9)", "✅ Опубликовать (9)")
    assert not same_label("✅ Опубликовать (9)", "Опубликовать 8")


async def test_card_section_opens_by_its_label(harness: Harness) -> None:
    await harness.send("/country TJ")
    requests = await harness.click("Хронология")
    pages = _sent(requests)
    assert pages and "Таджикистан" in pages[0]
    assert any(isinstance(r, AnswerCallbackQuery) for r in requests)


async def test_next_page_edits_the_message_in_place(harness: Harness) -> None:
    await harness.send("/treaty")
    requests = await harness.click("Далее")
    edits = [r for r in requests if isinstance(r, EditMessageText)]
    assert edits and "2/" in str(edits[0].reply_markup)
    shown = harness.last_message()
    assert shown is not None and shown.text == edits[0].text  # the session applied the edit


async def test_a_missing_label_is_reported(harness: Harness) -> None:
    await harness.send("/help")
    with pytest.raises(NoSuchButton):
        await harness.click("No such button")


async def test_admin_uploads_a_file_and_publishes_it(admin: Harness) -> None:
    content = (FIXTURES / "kz_uz_visit.txt").read_bytes()
    await admin.send("/upload", user_id=ADMIN)
    preview = _sent(await admin.send_document("visit.txt", content, user_id=ADMIN))
    assert any("сохранит только оставленные" in text for text in preview)
    published = _sent(await admin.click("Опубликовать", user_id=ADMIN))
    assert published and "Опубликовано" in published[0]


async def test_publish_survives_a_keyboard_edit_that_fails(admin: Harness) -> None:
    """Telegram refuses to remove a keyboard that is already gone; the article is still
    published and the admin told so, not shown a generic error."""
    content = (FIXTURES / "kz_uz_visit.txt").read_bytes()
    await admin.send("/upload", user_id=ADMIN)
    await admin.send_document("visit.txt", content, user_id=ADMIN)
    admin.fail_next("editMessageReplyMarkup", "not_modified")
    published = _sent(await admin.click("Опубликовать", user_id=ADMIN))
    assert published and "Опубликовано" in published[0]
    async with admin.runtime.session_factory() as session:
        uploaded = await session.scalars(select(Article).where(Article.uploaded_by == ADMIN))
        assert len(uploaded.all()) == 1


async def test_digest_to_a_chat_that_blocked_the_bot_deactivates_it(runtime: Runtime) -> None:
    now = dt.datetime(2026, 11, 20, 3, 31, tzinfo=dt.UTC)
    async with runtime.session_factory() as session:
        outcome = await subscription_store.subscribe(
            session,
            chat_id=501,
            chat_type="private",
            user_id=501,
            frequency="daily",
            weekday=-1,
            local_time="08:30",
            timezone="Asia/Almaty",
            countries_key="",
            language="ru",
            now=now - dt.timedelta(days=2),
            notify_empty=True,
        )
        assert outcome.subscription is not None
    from bot.digest.tick import tick

    assert await tick(runtime.session_factory, now) == 1
    session = LocalSession()
    session.fail_next("sendMessage", "403")
    directory = runtime.directory
    sender = DigestSender(
        create_bot(runtime.settings, session=session),
        runtime.session_factory,
        lambda language: lambda code: directory.country_name(code, language),
        worker="test",
        settings=SenderSettings(rate=1000, per_chat_interval=0, backoff_seconds=0),
        clock=lambda: now,
    )
    await sender.run_once()
    async with runtime.session_factory() as db:
        row = (await db.scalars(select(Subscription))).one()
    assert row.active is False and "forbidden" in str(row.deactivated_reason)


def _ask(tmp_path: Path, *args: str, admins: str = "") -> str:
    env = {k: v for k, v in os.environ.items() if k not in ("BOT_TOKEN", "ADMIN_IDS")}
    env["DATABASE_URL"] = f"sqlite+aiosqlite:///{tmp_path / 'bot.sqlite3'}"
    env["ADMIN_IDS"] = admins
    done = subprocess.run(
        [sys.executable, "-m", "bot", *args],
        cwd=PROJECT_ROOT, env=env, capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.mark.skipif(
    os.environ.get("TEST_DB") == "postgres", reason="a CLI process on its own SQLite file"
)
def test_ask_runs_a_conversation_with_buttons_and_a_file(tmp_path: Path) -> None:
    article = tmp_path / "article.txt"
    article.write_bytes((FIXTURES / "kz_uz_visit.txt").read_bytes())
    script = ["/upload", f"@{article}", "[Опубликовать]", "/country UZ", "[No such]"]
    out = _ask(tmp_path, "ask", "--user", "7", *script, admins="7")
    assert out.count(">>> ") == len(script)  # every step echoed, in order
    assert "Предпросмотр" in out and "[✅ Опубликовать (" in out
    assert "Опубликовано" in out
    assert "🇺🇿 Узбекистан" in out
    assert "(no button labelled [No such])" in out
    english = _ask(tmp_path, "--lang", "en", "ask", "/country TJ", "[Timeline]")
    assert "Tajikistan" in english and "(toast)" not in english.split(">>> [Timeline]")[0]
    refused = _ask(tmp_path, "ask", "--user", "8", "/upload", admins="7")
    assert "Опубликовать" not in refused


async def test_a_card_cached_in_one_process_shows_what_another_published(
    admin: Harness,
) -> None:
    from bot.runtime import prepare_database

    other = Harness(await prepare_database(admin.runtime.settings))
    try:
        before = "\n".join(await other.send("/country UZ"))
        assert "демаркации" not in before
        assert "\n".join(await other.send("/country UZ")) == before  # served from the cache
        content = (FIXTURES / "kz_uz_visit.txt").read_bytes()
        await admin.send("/upload", user_id=ADMIN)
        await admin.send_document("visit.txt", content, user_id=ADMIN)
        await admin.click("Опубликовать", user_id=ADMIN)
        after = "\n".join(await other.send("/country UZ"))
        assert "демаркации" in after
    finally:
        await other.runtime.close()


# ---------------------------------------------------------------- replies that meet trouble


async def _timed(harness: Harness, text: str) -> tuple[list[SendMessage], float]:
    started = time.perf_counter()
    requests = await harness.feed(make_update(text))
    sends = [r for r in requests if isinstance(r, SendMessage)]
    return sends, time.perf_counter() - started


async def test_a_reply_that_meets_a_flood_wait_is_sent_after_it(harness: Harness) -> None:
    harness.fail_next("sendMessage", "429", retry_after=1)
    sends, seconds = await _timed(harness, "/country TJ")
    assert len(sends) == 2 and sends[0].text == sends[1].text  # the same reply, again
    assert "Таджикистан" in (sends[1].text or "") and seconds >= 1.0


async def test_a_reply_that_meets_a_network_error_is_sent_once_more(harness: Harness) -> None:
    harness.fail_next("sendMessage", "network")
    sends, _seconds = await _timed(harness, "/help")
    assert len(sends) == 2 and sends[0].text == sends[1].text


async def test_a_flood_wait_too_long_for_a_person_is_not_waited_out(harness: Harness) -> None:
    harness.fail_next("sendMessage", "429", retry_after=3600)
    sends, seconds = await _timed(harness, "/help")
    assert seconds < 5  # given up at once; the error notice follows
    assert "Не получилось" in (sends[-1].text or "")
