"""Links an admin gives for an article: only http(s) to a named host, whatever is typed."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.extraction.source_url import article_url, first_url, leading_url, outlet_of


@pytest.mark.parametrize(
    "text",
    [
        "https://www.kazinform.kz/news/a-1",
        "http://example.org/path?x=1#top",
        "  https://gov.kz/memleket/entities/mfa/press/news/details/1  ",
    ],
)
def test_good_links(text: str) -> None:
    assert article_url(text) == text.strip()


@pytest.mark.parametrize(
    "text",
    [
        "ftp://example.org/a",
        "javascript:alert(1)",
        "https://localhost/a",
        "https://exa mple.org",
        'https://example.org/"><b>',
        "https://example.org:99999/",
        "example.org/news",
        "https://" + "a" * 600 + ".kz",
        "",
    ],
)
def test_bad_links(text: str) -> None:
    assert article_url(text) is None


@given(st.text(max_size=300))
def test_any_text_gives_an_http_link_or_nothing(text: str) -> None:
    for found in (article_url(text), first_url(text), leading_url(text)[0]):
        assert found is None or (
            found.lower().startswith(("http://", "https://"))
            and not any(char.isspace() for char in found)
            and len(found) <= 500
        )


def test_caption_and_first_line() -> None:
    assert first_url("Источник: https://example.kz/a/1.") == "https://example.kz/a/1"
    assert first_url("(см. https://example.kz/b)") == "https://example.kz/b"
    url, rest = leading_url("\n https://example.kz/c \nЗаголовок\n\nТекст")
    assert url == "https://example.kz/c" and rest == "Заголовок\n\nТекст"
    assert leading_url("Заголовок https://example.kz\nТекст") == (
        None,
        "Заголовок https://example.kz\nТекст",
    )
    assert outlet_of("https://WWW.Kazinform.kz/x") == "kazinform.kz"
