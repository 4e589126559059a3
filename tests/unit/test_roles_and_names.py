"""One office however worded, one person however spelled."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.roles import office_of, role_key, stored_titles
from store.textnorm import name_key


def is_country_word(word: str) -> bool:
    return word in {"Узбекистана", "Узбекистан", "Казахстана", "Таджикистана"}


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Президент Республики Узбекистан", "президента Узбекистана"),
        ("Президент Узбекистана", "President"),
        ("Министр иностранных дел Таджикистана", "Foreign Minister"),
        ("министра иностранных дел", "Minister of Foreign Affairs"),
        ("Премьер-министр", "Председатель Правительства"),
        (
            "Заместитель премьер-министра — министр иностранных дел",
            "Deputy Prime Minister and Foreign Minister",
        ),
        ("министр торговли и интеграции Казахстана", "Министр торговли и интеграции"),
    ],
)
def test_one_office_in_other_words_is_one_role(first: str, second: str) -> None:
    assert role_key(first, is_country_word) == role_key(second, is_country_word)


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Президент", "Вице-президент"),
        ("Министр иностранных дел", "Заместитель министра иностранных дел"),
        ("Премьер-министр", "Заместитель премьер-министра"),
        ("Министр торговли", "Министр энергетики"),
    ],
)
def test_different_offices_stay_apart(first: str, second: str) -> None:
    assert role_key(first) != role_key(second)


def test_each_language_gets_its_wording() -> None:
    assert stored_titles("Foreign Minister") == ("Министр иностранных дел", "Foreign Minister")
    assert stored_titles("Президент Узбекистана") == ("Президент Узбекистана", "President")
    # an office we do not know: English kept as it is, no Russian made up
    assert stored_titles("Chief Mufti") == ("Chief Mufti", "Chief Mufti")
    assert stored_titles("Аким Алматы") == ("Аким Алматы", None)
    assert office_of("главный редактор") is None


@pytest.mark.parametrize(
    ("cyrillic", "latin"),
    [
        ("Шавкат Мирзиёев", "Shavkat Mirziyoyev"),
        ("Касым-Жомарт Токаев", "Kassym-Jomart Tokayev"),
        ("Касым-Жомарт Токаев", "Kassym-Jomart Tokaev"),
        ("Бахтиёр Саидов", "Bakhtiyor Saidov"),
        ("Эмомали Рахмон", "Emomali Rahmon"),
        ("Ильхам Алиев", "Ilham Aliyev"),
        ("Ермек Кошербаев", "Yermek Kosherbayev"),
    ],
)
def test_a_name_and_its_latin_spellings_share_a_key(cyrillic: str, latin: str) -> None:
    assert name_key(cyrillic) == name_key(latin)


@pytest.mark.parametrize(
    ("first", "second"),
    [("Бахтиёр Саидов", "Бахтиёр Саидкулов"), ("Ильхам Алиев", "Ильхом Алиев")],
)
def test_different_names_keep_different_keys(first: str, second: str) -> None:
    assert name_key(first) != name_key(second)


@given(st.text(max_size=80))
def test_keys_never_fail(text: str) -> None:
    assert isinstance(name_key(text), str)
    assert isinstance(role_key(text), str)
    title_ru, title_en = stored_titles(text)
    assert title_ru == text or title_en == text
