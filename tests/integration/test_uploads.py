"""Admin uploads through the real dispatcher: /upload, preview, Publish / Discard,
duplicates, merging, /articles, /retract, /stats, the audit log, and bad input."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from aiogram.methods import AnswerCallbackQuery, GetFile
from sqlalchemy import func, select

from bot import PROJECT_ROOT, SEEDS_DIR
from bot.runtime import Runtime, prepare_database
from bot.telegram.client import NoSuchButton
from handlers.callback_data import ArticlesPage, RetractButton, UploadButton
from store.deliveries import entries_published_between
from store.models import Agreement, Article, AuditEntry, Event, EventCountry, Evidence
from store.seed import load_seeds
from store.seed_files import read_seeds
from tests.harness import Harness, make_callback, make_update
from tests.harness.browse import plain
from tests.harness.uploads import (
    ADMIN,
    document_update,
    review_pages,
    sent_texts,
    upload_button,
)

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "articles"
STRANGER = 77

# A text of ours repeating facts the seeds already hold (the allied treaty of 22 August
# 2024 and the 2 bn target) plus one new document: merged, not duplicated.
KNOWN_FACTS = (
    "Союзники по Центральной Азии\n\n"
    "Договор о союзнических отношениях между Казахстаном и Таджикистаном, подписанный "
    "22 августа 2024 года в Душанбе, вступил в силу и действует, напомнил посол Казахстана в "
    "Таджикистане. По его словам, стороны подписали 3 марта 2026 года Соглашение о совместной "
    "охране ледников Памира, а министерства продолжают работу над программами в сфере "
    "энергетики, транспорта и образования для жителей приграничных районов обеих стран."
)


def sent_texts_or_edits(requests: list[object]) -> str:
    return "\n".join(getattr(r, "text", None) or "" for r in requests)


def _alerts(requests: list[object]) -> list[str]:
    return [r.text or "" for r in requests if isinstance(r, AnswerCallbackQuery)]


async def _count(runtime: Runtime, model: type) -> int:
    async with runtime.session_factory() as session:
        return int(await session.scalar(select(func.count()).select_from(model)) or 0)


async def _articles_behind(runtime: Runtime, fact: Any) -> int:
    """How many articles the evidence rows matching `fact` name."""
    async with runtime.session_factory() as session:
        query = select(func.count(func.distinct(Evidence.article_id))).where(fact)
        return int(await session.scalar(query) or 0)


async def _upload(harness: Harness, content: bytes, name: str) -> list[object]:
    await harness.send("/upload", user_id=ADMIN)
    return await harness.feed(document_update(harness, content, name))


async def _publish(harness: Harness, content: bytes, name: str) -> list[str]:
    preview = await _upload(harness, content, name)
    answer = await harness.feed(make_callback(upload_button(preview, "publish"), user_id=ADMIN))
    return sent_texts(answer)


# ---------------------------------------------------------------- who may upload


async def test_strangers_and_groups_are_refused_and_nothing_is_stored(
    admin_harness: Harness, runtime: Runtime
) -> None:
    articles = await _count(runtime, Article)
    refused = await admin_harness.send("/upload", user_id=STRANGER)
    assert "администраторов" in refused[0]
    # a stranger's file is ignored: they are in no upload flow
    sent = await admin_harness.feed(
        document_update(
            admin_harness, (FIXTURES / "kz_uz_visit.txt").read_bytes(), "a.txt", user_id=STRANGER
        )
    )
    assert not any(isinstance(r, GetFile) for r in sent)
    # even an admin, in a group
    in_group = await admin_harness.send("/upload", user_id=ADMIN, chat_type="supergroup")
    assert "администраторов" in in_group[0]
    for command in ("/articles", "/retract 1", "/stats"):
        assert "администраторов" in (await admin_harness.send(command, user_id=STRANGER))[0]
    assert await _count(runtime, Article) == articles
    assert await _count(runtime, AuditEntry) == 0


# ---------------------------------------------------------------- preview and publish


async def test_preview_stores_nothing_and_publish_makes_facts_visible(
    admin_harness: Harness, runtime: Runtime
) -> None:
    before = {
        model: await _count(runtime, model) for model in (Article, Event, Agreement, Evidence)
    }
    start = dt.datetime.now(dt.UTC)
    preview = await _upload(admin_harness, (FIXTURES / "kz_uz_visit.html").read_bytes(), "a.html")
    text = "\n".join(sent_texts(preview) + await review_pages(admin_harness))
    assert "Предпросмотр" in text
    assert "Токаев и Мирзиёев договорились" in text
    assert "Государственный визит" in text and "Ташкент" in text
    assert "Программа экономического сотрудничества на 2026–2030 годы" in text
    assert "%" in text  # confidences
    assert {model: await _count(runtime, model) for model in before} == before

    published = "\n".join(
        sent_texts(
            await admin_harness.feed(
                make_callback(upload_button(preview, "publish"), user_id=ADMIN)
            )
        )
    )
    assert "Опубликовано" in published
    assert await _count(runtime, Article) == before[Article] + 1
    assert await _count(runtime, Event) > before[Event]

    card = "\n".join(await admin_harness.send("/country узбекистан"))
    assert "Ташкент" in card and "12.03.2026" in card
    treaty = "\n".join(await admin_harness.send("/treaty демаркации"))
    assert "Соглашение о демаркации" in treaty
    found = "\n".join(await admin_harness.send("/search экономического сотрудничества 2026"))
    assert "Программа экономического сотрудничества" in found
    async with runtime.session_factory() as session:
        fresh = await entries_published_between(session, start, dt.datetime.now(dt.UTC))
    assert {kind for kind, _, _ in fresh} >= {"event", "agreement", "trade"}
    async with runtime.session_factory() as session:
        audit = (await session.scalars(select(AuditEntry))).all()
    assert [(a.action, a.user_id) for a in audit] == [("publish", ADMIN)]


async def test_publish_twice_discard_and_second_upload_while_pending(
    admin_harness: Harness, runtime: Runtime
) -> None:
    articles = await _count(runtime, Article)
    preview = await _upload(admin_harness, (FIXTURES / "kz_uz_visit.txt").read_bytes(), "a.txt")
    # a second upload while the preview waits: told to decide first, buttons shown again
    again = await admin_harness.send("/upload", user_id=ADMIN)
    assert "ещё ждёт решения" in again[0]
    # Publish pressed by someone else (a forged button): refused, nothing stored
    forged = await admin_harness.feed(
        make_callback(upload_button(preview, "publish"), user_id=STRANGER)
    )
    assert "администраторов" in _alerts(forged)[0]
    assert await _count(runtime, Article) == articles
    publish = upload_button(preview, "publish")
    await admin_harness.feed(make_callback(publish, user_id=ADMIN))
    second = await admin_harness.feed(make_callback(publish, user_id=ADMIN))
    assert "Ждущего решения предпросмотра нет" in _alerts(second)[0]
    assert await _count(runtime, Article) == articles + 1

    preview = await _upload(admin_harness, (FIXTURES / "english_news.txt").read_bytes(), "b.txt")
    discarded = await admin_harness.feed(
        make_callback(upload_button(preview, "discard"), user_id=ADMIN)
    )
    assert "ничего не сохранено" in "\n".join(sent_texts(discarded))
    assert await _count(runtime, Article) == articles + 1
    late = await admin_harness.feed(make_callback(upload_button(preview, "publish"), user_id=ADMIN))
    assert "Ждущего решения предпросмотра нет" in _alerts(late)[0]
    # a button of an old layout or a made-up token
    stale = await admin_harness.feed(
        make_callback(UploadButton(action="publish", token="deadbeef").pack(), user_id=ADMIN)
    )
    assert _alerts(stale)


async def test_a_page_discarded_and_sent_again_is_read_again(admin_harness: Harness) -> None:
    page = (FIXTURES / "kz_uz_visit.html").read_bytes()
    first = "\n".join(sent_texts(await _upload(admin_harness, page, "visit.html")))
    await admin_harness.click("Отменить", user_id=ADMIN)
    again = "\n".join(sent_texts(await _upload(admin_harness, page, "visit.html")))
    assert "Предпросмотр статьи" in first and "Предпросмотр статьи" in again
    assert again.count("Ташкент") == first.count("Ташкент") > 0


async def test_cancel_ends_the_upload_at_every_step(
    admin_harness: Harness, runtime: Runtime
) -> None:
    articles_at_start = await _count(runtime, Article)
    assert "нечего" in (await admin_harness.send("/cancel", user_id=ADMIN))[0]
    await admin_harness.send("/upload", user_id=ADMIN)
    # a lookup typed out of habit is not swallowed as an article
    hint = await admin_harness.send("Таджикистан", user_id=ADMIN)
    assert "/cancel" in hint[0] and await _count(runtime, Article) == articles_at_start
    assert "Отменено" in (await admin_harness.send("/cancel", user_id=ADMIN))[0]
    assert "🇹🇯" in (await admin_harness.send("/country Таджикистан", user_id=ADMIN))[0]
    await admin_harness.send("/upload", user_id=ADMIN)
    pressed = await admin_harness.click("Отменить загрузку", user_id=ADMIN)
    assert "Отменено" in " ".join(sent_texts(pressed))
    preview = await _upload(admin_harness, KNOWN_FACTS.encode(), "known.txt")
    assert "Отменено" in (await admin_harness.send("/cancel", user_id=ADMIN))[0]
    late = await admin_harness.feed(make_callback(upload_button(preview, "publish"), user_id=ADMIN))
    assert "предпросмотра нет" in " ".join(_alerts(late))  # nothing is published after all
    assert await _count(runtime, Article) == articles_at_start
    async with runtime.session_factory() as session:
        actions = list(await session.scalars(select(AuditEntry.action)))
    assert actions == ["discard"]  # the cancelled preview is on the record


async def test_cancel_in_english(runtime: Runtime) -> None:
    runtime.settings = runtime.settings.model_copy(update={"admin_ids": frozenset({ADMIN})})
    harness = Harness(runtime)
    assert "Nothing to cancel" in (await harness.send("/cancel", user_id=ADMIN, language="en"))[0]
    await harness.send("/upload", user_id=ADMIN, language="en")
    assert "/cancel" in (await harness.send("Tajikistan", user_id=ADMIN, language="en"))[0]
    assert "Cancelled" in (await harness.send("/cancel", user_id=ADMIN, language="en"))[0]


async def test_pasted_text_is_an_article_too(admin_harness: Harness, runtime: Runtime) -> None:
    await admin_harness.send("/upload", user_id=ADMIN)
    preview = await admin_harness.feed(make_update(KNOWN_FACTS, user_id=ADMIN))
    assert "Договор о союзнических отношениях" in "\n".join(sent_texts(preview))


# ---------------------------------------------------------------- duplicates and merging


async def test_same_text_and_near_copy_are_refused_with_a_pointer(
    admin_harness: Harness, runtime: Runtime
) -> None:
    content = (FIXTURES / "kz_uz_visit.txt").read_bytes()
    await _publish(admin_harness, content, "a.txt")
    articles = await _count(runtime, Article)
    again = "\n".join(sent_texts(await _upload(admin_harness, content, "copy.txt")))
    assert "уже есть в базе" in again and "100%" in again
    near = content.decode().replace("в узком и расширенном составе", "в расширенном составе")
    refused = "\n".join(sent_texts(await _upload(admin_harness, near.encode("cp1251"), "near.txt")))
    assert "уже есть в базе" in refused
    assert await _count(runtime, Article) == articles


@pytest.mark.skipif(
    not (PROJECT_ROOT.parent / "shared" / "seeds").is_dir(), reason="needs ../shared/seeds"
)
async def test_a_seed_article_is_recognised_although_its_text_is_not_kept(
    admin_harness: Harness,
) -> None:
    seed = PROJECT_ROOT.parent / "shared" / "seeds" / "002_407a503e40663adb.txt"
    answer = "\n".join(sent_texts(await _upload(admin_harness, seed.read_bytes(), "zakon.txt")))
    assert "уже есть в базе" in answer and "политолог" in answer


async def test_known_facts_are_merged_as_new_sources(
    admin_harness: Harness, runtime: Runtime
) -> None:
    agreements = await _count(runtime, Agreement)
    published = "\n".join(await _publish(admin_harness, KNOWN_FACTS.encode(), "known.txt"))
    assert "подтверждено уже известных: 1" in published
    async with runtime.session_factory() as session:
        allied = await session.scalar(
            select(Agreement).where(Agreement.key == "kz-tj-allied-relations-treaty-2024")
        )
        assert allied is not None
        sources = await session.scalar(
            select(func.count()).select_from(Evidence).where(Evidence.agreement_id == allied.id)
        )
    assert sources == 4  # three curated articles and this one
    assert await _count(runtime, Agreement) == agreements + 1  # the glacier agreement


# ---------------------------------------------------------------- lists, retraction, stats


async def _uploaded(runtime: Runtime) -> list[Article]:
    async with runtime.session_factory() as session:
        return list(
            (
                await session.scalars(
                    select(Article).where(Article.uploaded_by == ADMIN).order_by(Article.id)
                )
            ).all()
        )


async def _audit_actions(runtime: Runtime) -> list[str]:
    async with runtime.session_factory() as session:
        rows = (await session.scalars(select(AuditEntry).order_by(AuditEntry.id))).all()
    return [row.action for row in rows]


async def _retract(harness: Harness, article_id: int) -> str:
    """`/retract n`, then the confirmation; the texts of both steps."""
    asked = "\n".join(await harness.send(f"/retract {article_id}", user_id=ADMIN))
    done = sent_texts(await harness.click("🗑 Отозвать", user_id=ADMIN))
    return asked + "\n" + "\n".join(done)


async def test_articles_retract_and_stats(admin_harness: Harness, runtime: Runtime) -> None:
    await _publish(admin_harness, (FIXTURES / "kz_uz_visit.txt").read_bytes(), "a.txt")
    await _publish(admin_harness, KNOWN_FACTS.encode(), "known.txt")
    listing = (await admin_harness.send("/articles", user_id=ADMIN))[0]
    assert "Статьи" in listing and "Союзники по Центральной Азии" in listing
    assert "курируемая" in listing  # the seed articles are listed too
    first, second = await _uploaded(runtime)
    # retracting the article with the allied treaty keeps the treaty (the seeds report it)
    kept = await _retract(admin_harness, second.id)
    assert "Останутся (их подтверждают другие статьи): 1" in kept
    assert "отозвана" in kept and f"/restore {second.id}" in kept
    assert "Договор о союзнических отношениях" in "\n".join(
        await admin_harness.send("/treaty союзнич")
    )
    assert "Соглашение о совместной охране" not in "\n".join(
        await admin_harness.send("/treaty ледников")
    )
    # the Uzbek article's facts disappear with it
    await _retract(admin_harness, first.id)
    assert "Ташкент" not in "\n".join(await admin_harness.send("/country UZ"))
    assert "нет" in (await admin_harness.send(f"/retract {first.id}", user_id=ADMIN))[0]
    for bad in ("/retract", "/retract abc", "/retract 99999999999", "/retract -1"):
        assert (await admin_harness.send(bad, user_id=ADMIN))[0]
    stats = (await admin_harness.send("/stats", user_id=ADMIN))[0]
    assert "отозвано 2" in stats and "загружено админами 2" in stats
    assert await _audit_actions(runtime) == ["publish", "publish", "retract", "retract"]


async def test_retract_asks_first_and_restore_brings_everything_back(
    admin_harness: Harness, runtime: Runtime
) -> None:
    await _publish(admin_harness, (FIXTURES / "kz_uz_visit.txt").read_bytes(), "a.txt")
    (article,) = await _uploaded(runtime)
    card_before = "\n".join(await admin_harness.send("/country UZ"))
    assert "Ташкент" in card_before
    asked = "\n".join(await admin_harness.send(f"/retract {article.id}", user_id=ADMIN))
    # the plan names what would disappear, and nothing has changed yet
    assert "Отозвать статью?" in asked and "Исчезнут" in asked and "Ташкент" in asked
    assert "Ташкент" in "\n".join(await admin_harness.send("/country UZ"))
    # "Keep it" changes nothing
    kept = sent_texts(await admin_harness.click("Не отзывать", user_id=ADMIN))
    assert "остаётся опубликованной" in kept[0]
    assert "Ташкент" in "\n".join(await admin_harness.send("/country UZ"))
    assert await _audit_actions(runtime) == ["publish"]

    await _retract(admin_harness, article.id)
    assert "Ташкент" not in "\n".join(await admin_harness.send("/country UZ"))
    restored = await admin_harness.send(f"/restore {article.id}", user_id=ADMIN)
    assert "снова опубликована" in restored[0]
    assert "\n".join(await admin_harness.send("/country UZ")) == card_before
    assert (
        "среди отозванных нет"
        in (await admin_harness.send(f"/restore {article.id}", user_id=ADMIN))[0]
    )
    for bad in ("/restore", "/restore x", "/restore 0", "/restore 99999999999"):
        answer = (await admin_harness.send(bad, user_id=ADMIN))[0]
        assert "<code>/restore 12</code>" in answer or "среди отозванных нет" in answer
    assert await _audit_actions(runtime) == ["publish", "retract", "restore"]
    english = await admin_harness.send(f"/retract {article.id}", user_id=ADMIN, language="en")
    assert "Retract this article?" in english[0]


async def _seed_article(runtime: Runtime, key: str) -> Article:
    async with runtime.session_factory() as session:
        article = await session.scalar(select(Article).where(Article.key == key))
    assert article is not None
    return article


async def test_a_curated_article_needs_a_second_confirmation(
    admin_harness: Harness, runtime: Runtime
) -> None:
    seed = await _seed_article(runtime, "zakon-2024-08-23")
    before = "\n".join(await admin_harness.send("/treaty союзнич"))
    asked = "\n".join(await admin_harness.send(f"/retract {seed.id}", user_id=ADMIN))
    assert "курируемая статья" in asked and "второе подтверждение" in asked
    with pytest.raises(NoSuchButton):  # no one-press retraction for curated facts
        await admin_harness.click("🗑 Отозвать", user_id=ADMIN)
    second = sent_texts(await admin_harness.click("Продолжить…", user_id=ADMIN))
    assert "Точно отозвать курируемую статью" in second[0]
    assert "\n".join(await admin_harness.send("/treaty союзнич")) == before
    # a forged plain confirmation is refused and changes nothing
    forged = RetractButton(action="confirm", article=seed.id).pack()
    refused = sent_texts(await admin_harness.feed(make_callback(forged, user_id=ADMIN)))
    assert "второго подтверждения" in refused[0]
    assert (await _seed_article(runtime, seed.key)).status == "published"
    # a stranger's forged explicit step is refused too
    explicit = RetractButton(action="curated", article=seed.id).pack()
    await admin_harness.feed(make_callback(explicit, user_id=STRANGER))
    assert (await _seed_article(runtime, seed.key)).status == "published"

    done = sent_texts(await admin_harness.click("🗑 Да, отозвать курируемую статью", user_id=ADMIN))
    assert "отозвана" in done[0]
    assert (await _seed_article(runtime, seed.key)).status == "retracted"
    # loading the seeds again does not undo what the admin did
    async with runtime.session_factory() as session:
        await load_seeds(session, read_seeds(SEEDS_DIR))
        await session.commit()
    assert (await _seed_article(runtime, seed.key)).status == "retracted"
    await admin_harness.send(f"/restore {seed.id}", user_id=ADMIN)
    assert "\n".join(await admin_harness.send("/treaty союзнич")) == before
    actions = await _audit_actions(runtime)
    assert actions == ["retract", "restore"]


async def test_articles_pages(admin_harness: Harness, runtime: Runtime) -> None:
    async with runtime.session_factory() as session:
        for number in range(23):
            session.add(
                Article(
                    key=f"bulk-{number}",
                    title=f"Статья <b>{number}</b> & Co",
                    status="published",
                    uploaded_by=ADMIN,
                    content_hash=f"{number:064d}",
                )
            )
        await session.commit()
    first = await admin_harness.feed(make_update("/articles", user_id=ADMIN, language="en"))
    assert "page 1 of 3" in sent_texts(first)[0]
    assert "&lt;b&gt;" in sent_texts(first)[0]  # titles are escaped
    turned = await admin_harness.feed(make_callback(ArticlesPage(page=2).pack(), user_id=ADMIN))
    edits = [r for r in turned if hasattr(r, "text") and not isinstance(r, AnswerCallbackQuery)]
    assert edits and "стр. 3 из 3" in edits[0].text  # type: ignore[attr-defined]
    beyond = await admin_harness.feed(make_callback(ArticlesPage(page=99).pack(), user_id=ADMIN))
    assert [r for r in beyond if hasattr(r, "text")]
    forged = await admin_harness.feed(make_callback(ArticlesPage(page=0).pack(), user_id=STRANGER))
    assert "администраторов" in _alerts(forged)[0]


# ---------------------------------------------------------------- bad input


async def test_an_impossible_header_date_is_named_in_the_preview(admin_harness: Harness) -> None:
    content = ("Date: 2024-02-30\n" + KNOWN_FACTS).encode()
    preview = "\n".join(sent_texts(await _upload(admin_harness, content, "feb30.txt")))
    assert "2024-02-30" in preview and "не существует" in preview
    assert "Соглашение о совместной охране ледников Памира" in preview


@pytest.mark.parametrize(
    ("content", "name", "expected"),
    [
        (b"", "empty.txt", "пустой"),
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8, "photo.txt", "не текстовый"),
        (b"PK\x03\x04" + b"\x00" * 300, "articles.txt", "Архивы"),
        (b"PK\x03\x04" + b"\x00" * 300, "articles.zip", "Архивы"),
        (b"%PDF-1.7 whatever", "article.pdf", "не поддерживается"),
        ("Очень короткая заметка.".encode(), "short.txt", "слишком мало текста"),
    ],
)
async def test_bad_files_get_a_clear_message_and_nothing_is_stored(
    admin_harness: Harness, runtime: Runtime, content: bytes, name: str, expected: str
) -> None:
    articles = await _count(runtime, Article)
    answer = "\n".join(sent_texts(await _upload(admin_harness, content, name)))
    assert expected in answer
    assert await _count(runtime, Article) == articles


async def test_oversized_file_is_refused_before_download(admin_harness: Harness) -> None:
    await admin_harness.send("/upload", user_id=ADMIN)
    sent = await admin_harness.feed(
        document_update(admin_harness, b"small", "big.txt", size=5_000_000)
    )
    assert "больше 1000 КБ" in sent_texts(sent)[0]
    assert not any(isinstance(r, GetFile) for r in sent)


async def test_kazakh_and_empty_of_facts_articles_are_previewed_honestly(
    admin_harness: Harness,
) -> None:
    preview = await _upload(admin_harness, (FIXTURES / "kazakh.txt").read_bytes(), "kk.txt")
    kazakh = "\n".join(sent_texts(preview))
    assert "не на русском (kk)" in kazakh and "Фактов не найдено" in kazakh
    await admin_harness.feed(make_callback(upload_button(preview, "discard"), user_id=ADMIN))
    preview = await _upload(admin_harness, (FIXTURES / "no_facts.txt").read_bytes(), "spring.txt")
    assert "Фактов не найдено" in "\n".join(sent_texts(preview))


async def test_hostile_html_renders_safely(admin_harness: Harness) -> None:
    page = (
        "<html><head><title>Визит &amp; переговоры <b>«жирный»</b> <script>x</script></title>"
        "</head><body>" + "<div>" * 5000 + "<p>Президент Казахстана Касым-Жомарт Токаев провёл "
        "переговоры с Президентом Кыргызстана Садыром Жапаровым в Бишкеке 5 мая 2026 года; "
        "стороны подписали Соглашение о <i>&lt;демаркации&gt;</i> границы & водных ресурсах.</p>"
        * 2
        + "</div>" * 5000
        + "</body></html>"
    )
    preview = await _upload(admin_harness, page.encode(), "hostile.html")
    # the local session checks every message with Telegram's HTML rules: this passed them
    assert "Предпросмотр" in "\n".join(sent_texts(preview))


async def test_other_processes_see_published_facts(
    admin_harness: Harness, runtime: Runtime
) -> None:
    """A replica (or the bot while `import` runs) holds its own indexes: it notices the
    facts version moved and rebuilds them, so /treaty finds the new document there too."""
    other = await prepare_database(runtime.settings)
    try:
        await other.refresh_if_facts_changed()  # learn the current version
        assert not await other.refresh_if_facts_changed()
        await _publish(admin_harness, (FIXTURES / "kz_uz_visit.txt").read_bytes(), "a.txt")
        hits, _ = other.directory.titles.search("демаркации")
        assert not hits
        assert await other.refresh_if_facts_changed()
        hits, _ = other.directory.titles.search("демаркации")
        assert hits
    finally:
        await other.close()


async def test_a_failure_mid_publish_stores_nothing_and_keeps_the_draft(
    admin_harness: Harness, runtime: Runtime, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sqlalchemy.exc import OperationalError

    import bot.uploads

    counts = {model: await _count(runtime, model) for model in (Article, Event, Evidence)}
    preview = await _upload(admin_harness, (FIXTURES / "kz_uz_visit.txt").read_bytes(), "a.txt")
    original = bot.uploads._store_trade

    async def failing(*args: object, **kwargs: object) -> None:
        raise OperationalError("INSERT", {}, Exception("connection lost"))

    # the article, people, events and documents are written; the trade figures fail
    monkeypatch.setattr(bot.uploads, "_store_trade", failing)
    failed = await admin_harness.feed(
        make_callback(upload_button(preview, "publish"), user_id=ADMIN)
    )
    assert "Ничего не записано" in _alerts(failed)[0]
    assert {model: await _count(runtime, model) for model in counts} == counts
    monkeypatch.setattr(bot.uploads, "_store_trade", original)
    again = await admin_harness.feed(
        make_callback(upload_button(preview, "publish"), user_id=ADMIN)
    )
    assert "Опубликовано" in "\n".join(sent_texts(again))
    assert await _count(runtime, Article) == counts[Article] + 1


async def test_a_long_article_gives_a_short_preview(admin_harness: Harness) -> None:
    """Forty visits in one text: the preview is a header with the counts and one page of
    facts at a time, paged with ▶ / ◀."""
    lines = [
        f"{day} марта 2026 года Президент Казахстана Касым-Жомарт Токаев провёл переговоры "
        f"в Астане с делегацией номер {day}, и стороны обсудили торговлю и транзит."
        for day in range(1, 29)
    ] + [
        f"{day} апреля 2026 года министр иностранных дел Казахстана Ермек Кошербаев провёл "
        f"переговоры в Ташкенте с коллегой из Узбекистана."
        for day in range(1, 13)
    ]
    preview = await _upload(admin_harness, "\n\n".join(lines).encode(), "long.txt")
    header, first_page = sent_texts(preview)[-2:]
    assert "события:" in header
    assert "Факты 1–5 из" in first_page and "6." not in first_page
    second = await admin_harness.click("▶", user_id=ADMIN)
    assert "Факты 6–10 из" in sent_texts_or_edits(second)
    back = await admin_harness.click("◀", user_id=ADMIN)
    assert "Факты 1–5 из" in sent_texts_or_edits(back)
    assert len(await review_pages(admin_harness)) >= 5


async def test_talks_during_a_visit_are_part_of_the_visit(
    admin_harness: Harness, runtime: Runtime
) -> None:
    """Our visit text reports a state visit and the talks held during it on the same day:
    one event with both sentences as evidence. A later article about the talks only joins
    the same event."""
    await _publish(admin_harness, (FIXTURES / "kz_uz_visit.txt").read_bytes(), "a.txt")
    talks_report = (
        "Лидеры обсудили воду и транзит\n\n"
        "12 марта 2026 года в Ташкенте президенты Казахстана и Узбекистана провели переговоры "
        "в узком составе, а затем в расширенном, с участием министров. Обсуждались поставки "
        "воды в вегетационный период, транзит грузов и совместные заводы в приграничье."
    )
    published = await _publish(admin_harness, talks_report.encode(), "b.txt")
    assert "Опубликовано" in published[0]
    async with runtime.session_factory() as session:
        events = (
            await session.scalars(
                select(Event)
                .join(EventCountry, EventCountry.event_id == Event.id)
                .where(EventCountry.iso2 == "UZ", Event.date_start == dt.date(2026, 3, 12))
            )
        ).all()
    assert [event.kind for event in events] == ["state_visit"]
    assert await _articles_behind(runtime, Evidence.event_id == events[0].id) == 2


async def test_a_document_named_in_another_case_is_the_same_document(
    admin_harness: Harness, runtime: Runtime
) -> None:
    await _publish(admin_harness, (FIXTURES / "kz_uz_visit.txt").read_bytes(), "a.txt")
    later = (
        "Программа работает\n\n"
        "Министерства двух стран приступили к выполнению Программы экономического "
        "сотрудничества Казахстана и Узбекистана на 2026–2030 годы, подписанной 12 марта "
        "2026 года в Ташкенте. Первыми станут проекты в энергетике и логистике."
    )
    await _publish(admin_harness, later.encode(), "b.txt")
    async with runtime.session_factory() as session:
        programmes = (
            await session.scalars(
                select(Agreement).where(Agreement.title.like("Программа экономического%"))
            )
        ).all()
    assert len(programmes) == 1
    assert await _articles_behind(runtime, Evidence.agreement_id == programmes[0].id) == 2


PLANNED_VISIT = (
    "Министры обсудили подготовку визита\n\n"
    "5 марта 2026 года в Астане министр иностранных дел Казахстана Ермек Кошербаев провёл "
    "переговоры с министром иностранных дел Азербайджана Джейхуном Байрамовым. Стороны "
    "обсудили транзит по Каспийскому морю и поставки зерна.\n\n"
    "Государственный визит Президента Азербайджана Ильхама Алиева в Казахстан состоится "
    "в мае 2026 года, сообщили в министерстве. К визиту стороны готовят пакет соглашений."
)


async def test_a_planned_visit_is_published_as_planned_and_shown_so(
    admin_harness: Harness, runtime: Runtime
) -> None:
    """An announced visit is a fact of its own, stored and shown as planned, with the month
    the text gives; it is never merged into the talks that were held."""
    preview = await _upload(admin_harness, PLANNED_VISIT.encode(), "planned.txt")
    text = "\n".join(sent_texts(preview) + await review_pages(admin_harness))
    assert "запланировано, май 2026" in text
    await admin_harness.feed(make_callback(upload_button(preview, "publish"), user_id=ADMIN))
    async with runtime.session_factory() as session:
        events = (
            await session.scalars(
                select(Event)
                .join(EventCountry, EventCountry.event_id == Event.id)
                .where(EventCountry.iso2 == "AZ")
                .order_by(Event.id)
            )
        ).all()
    assert {(e.kind, e.planned, e.date_start) for e in events} == {
        ("talks", False, dt.date(2026, 3, 5)),
        ("state_visit", True, dt.date(2026, 5, 1)),
    }
    russian = "\n".join(await admin_harness.send("/country азербайджан"))
    assert "запланировано, май 2026" in russian and "05.03.2026" in russian
    english = plain(await admin_harness.feed(make_update("/country AZ", language="en")))
    assert "planned, May 2026" in english
