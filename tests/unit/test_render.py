"""Escaping, splitting, and the Telegram HTML rules the fake session enforces."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.i18n import translator
from bot.render.facts import format_amount
from bot.render.html import esc, pack, utf16_length
from bot.telegram.local import TelegramHTMLError, check_telegram_html


@pytest.mark.parametrize(
    "text",
    [
        "<b>x</b>",
        "a &amp; b &lt;tag&gt;",
        '<a href="https://x">y</a>',
        "<b><i>x</i></b>",
        "&#128512;",
    ],
)
def test_valid_html_passes(text: str) -> None:
    check_telegram_html(text)


@pytest.mark.parametrize(
    "text",
    [
        "<b>x",
        "x</b>",
        "<b><i>x</b></i>",
        "<script>x</script>",
        "a & b",
        "a &nbsp; b",
        "<br/>",
        "1 < 2",
        "<!-- x -->",
        "",
        "<b></b>",
        "x" * 4097,
        "🇹🇯" * 1025,
    ],
)
def test_invalid_html_is_refused_like_telegram(text: str) -> None:
    with pytest.raises(TelegramHTMLError):
        check_telegram_html(text)


@given(st.text())
def test_escaped_text_is_always_valid_html(text: str) -> None:
    if text.strip():
        check_telegram_html(f"<b>{esc(text[:1000])}</b>")


def test_pack_never_splits_inside_a_block_and_respects_the_limit() -> None:
    blocks = [f"<b>entry {i}</b> " + "слово " * 60 for i in range(200)]
    messages = pack(blocks)
    assert len(messages) > 1
    assert all(utf16_length(m) <= 4096 for m in messages)
    assert "\n".join(messages) == "\n".join(blocks)  # nothing lost, no block cut
    for message in messages:
        check_telegram_html(message)


def test_pack_counts_utf16_units() -> None:
    flags = ["🇹🇯" * 100 for _ in range(20)]  # 400 units each, but 200 Python characters
    assert all(utf16_length(m) <= 4096 for m in pack(flags))


def test_amounts_in_both_languages() -> None:
    ru, en = translator("ru"), translator("en")
    assert format_amount(ru, Decimal("1200000000"), "USD") == "$1,2 млрд"
    assert format_amount(en, Decimal("1200000000"), "USD") == "$1.2 bn"
    assert format_amount(ru, Decimal("13.8"), "percent") == "13,8%"
    assert format_amount(en, Decimal("2"), "times") == "2×"
    assert format_amount(ru, Decimal("5000000"), "KZT") == "5 млн\u00a0₸"
