"""A search result for an article opens a card: title, outlet, date, link and the facts the
article supports; numbered references never appear without their list."""

from __future__ import annotations

import re
from pathlib import Path

from sqlalchemy import select

from bot.telegram.client import as_plain_text
from handlers.callback_data import OpenButton
from store.models import Article
from tests.harness import Harness, make_callback
from tests.harness.uploads import ADMIN

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "articles"


def _text(requests: list[object]) -> str:
    return as_plain_text("\n".join(getattr(r, "text", None) or "" for r in requests))


async def test_an_uploaded_article_opens_as_a_card_with_its_link_and_facts(
    admin_harness: Harness,
) -> None:
    await admin_harness.send("/upload", user_id=ADMIN)
    content = (FIXTURES / "kz_uz_visit.txt").read_bytes()
    caption = "https://news.example.kz/visit-42"
    await admin_harness.send_document("visit.txt", content, caption, user_id=ADMIN)
    await admin_harness.click("Опубликовать", user_id=ADMIN)

    found = "\n".join(await admin_harness.send("/search нарастить торговлю"))
    assert "статья" in found
    number = re.search(r"(\d+)\. статья", as_plain_text(found)).group(1)  # type: ignore[union-attr]
    card = _text(await admin_harness.click(number))
    assert "Токаев и Мирзиёев договорились нарастить торговлю" in card
    assert "13.03.2026" in card
    assert "🔗 https://news.example.kz/visit-42" in card
    assert "События (2)" in card and "Ташкент — Государственный визит" in card
    assert "запланировано, дата не названа" in card  # the council's session, announced
    assert "Документы (2)" in card and "Соглашение о демаркации" in card
    assert "Торговля и инвестиции (2)" in card and "$10 млрд" in card

    # once retracted, the same result opens no card
    async with admin_harness.runtime.session_factory() as session:
        article_id = await session.scalar(select(Article.id).where(Article.url.is_not(None)))
    await admin_harness.send(f"/retract {article_id}", user_id=ADMIN)
    await admin_harness.click("🗑 Отозвать", user_id=ADMIN)
    results = "\n".join(await admin_harness.send("/search нарастить торговлю"))
    assert "Токаев и Мирзиёев договорились" not in results
    stale = OpenButton(kind="article", id=article_id).pack()  # type: ignore[arg-type]
    gone = _text(await admin_harness.feed(make_callback(stale)))
    assert "Этой записи больше нет" in gone and "нарастить" not in gone


async def test_search_results_show_no_bare_reference_numbers(harness: Harness) -> None:
    for query in ("товарооборот", "trade turnover", "Душанбе"):
        for text in await harness.send(f"/search {query}"):
            plain = as_plain_text(text)
            if re.search(r"\[\d+(, \d+)*\]", plain):
                assert re.search(r"^\[1\] ", plain, re.MULTILINE), plain
