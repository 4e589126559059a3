"""Matching tables: what must resolve, what must not, and what must only be suggested."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.directory import cached_country_index
from bot.matching import (
    CountryIndex,
    CountryRecord,
    PersonIndex,
    PersonRecord,
    TitleIndex,
    TitleRecord,
)
from bot.matching.morph import typo_budget
from bot.matching.people import case_forms
from tests.harness.data import BUNDLE, COUNTRIES

PEOPLE_KEYS = [p.key for p in BUNDLE.people]
PEOPLE = PersonIndex.build(
    [PersonRecord(i, p.name_ru, p.name_en, tuple(p.aliases)) for i, p in enumerate(BUNDLE.people)]
)
AGREEMENT_KEYS = [a.key for a in BUNDLE.facts.agreements]
TITLES = TitleIndex.build(
    [
        TitleRecord(i, a.title, tuple(a.alt_titles), a.type)
        for i, a in enumerate(BUNDLE.facts.agreements)
    ]
)


@pytest.mark.parametrize(
    ("query", "partner"),
    [
        ("TJ", "TJ"),
        ("tj", "TJ"),
        ("TJK", "TJ"),
        ("Таджикистан", "TJ"),
        ("Таджикистаном", "TJ"),
        ("таджикистане", "TJ"),
        ("ТАДЖИКИСТАНА", "TJ"),
        ("tajikistan", "TJ"),
        ("Tajikistan", "TJ"),
        ("Республика Таджикистан", "TJ"),
        ("Таджикстан", "TJ"),
        ("Tajikstan", "TJ"),
        ("Tаджикистан", "TJ"),  # Latin T
        ("казахско-таджикский", "TJ"),
        ("таджикско-казахстанские", "TJ"),
        ("Душанбе", "TJ"),
        ("в Душанбе", "TJ"),
        ("таджики", "TJ"),
        ("PK", "PK"),
        ("Пакистна", "PK"),
        ("Пакистане", "PK"),
        ("пакистанские", "PK"),
        ("Исламабад", "PK"),
        ("pakistan", "PK"),
        ("РФ", "RU"),
        ("Россией", "RU"),
        ("Российской Федерации", "RU"),
        ("russia", "RU"),
        ("Кыргызстана", "KG"),
        ("Киргизии", "KG"),
        ("Бишкеке", "KG"),
        ("Узбекистаном", "UZ"),
        ("Ташкент", "UZ"),
        ("Туркменистану", "TM"),
        ("КНР", "CN"),
        ("Китаем", "CN"),
        ("Южной Кореи", "KR"),
        ("США", "US"),
        ("Америки", "US"),
        ("Австрия", "AT"),
        ("Австралия", "AU"),
        ("Ирана", "IR"),
        ("Ирак", "IQ"),
        ("«Таджикистан»!!!", "TJ"),
        ("  таджикистан  ", "TJ"),
        ("Казахстан", "KZ"),
        ("KZ", "KZ"),
    ],
)
def test_country_resolves(query: str, partner: str) -> None:
    assert COUNTRIES.resolve(query).partner == partner


@pytest.mark.parametrize(
    ("query", "never"),
    [
        ("таджикистан", "PK"),
        ("Таджикистаном", "PK"),
        ("Таджикстан", "PK"),
        ("пакистан", "TJ"),
        ("Австрия", "AU"),
        ("Австралия", "AT"),
        ("Иран", "IQ"),
        ("Ирак", "IR"),
    ],
)
def test_country_never_confused(query: str, never: str) -> None:
    assert never not in COUNTRIES.resolve(query).codes


@pytest.mark.parametrize(
    "query", ["", "   ", "xyzzy", "1234", "<b>", "🙂🙂", "qwertyuiop", "Гондор", "a" * 10_000]
)
def test_country_unknown_resolves_to_nothing(query: str) -> None:
    assert COUNTRIES.resolve(query).codes == ()


def test_compound_adjective_names_both_countries() -> None:
    assert set(COUNTRIES.resolve("казахско-таджикский").codes) == {"KZ", "TJ"}


def test_two_foreign_countries_are_ambiguous() -> None:
    resolution = COUNTRIES.resolve("кыргызско-узбекская")
    assert resolution.partner is None
    assert resolution.is_ambiguous
    assert set(resolution.codes) == {"KG", "UZ"}


def test_unknown_gets_ranked_suggestions() -> None:
    resolution = COUNTRIES.resolve("Корея")
    assert resolution.codes == ()
    assert resolution.suggestions[:2] in (("KR", "KP"), ("KP", "KR"))


def test_short_words_get_no_typo_tolerance() -> None:
    # Four letters: "Ирак" and "Иран" are one edit apart and both real.
    assert typo_budget("ирак") == 0
    assert typo_budget("пакистна") == 1
    assert typo_budget("таджикистн") == 2


def test_codes_do_not_match_inside_phrases() -> None:
    # "to" is Tonga's code, and an English word; only a bare code counts.
    assert COUNTRIES.resolve("visit to Dushanbe").codes == ("TJ",)


@pytest.mark.parametrize(
    ("query", "key"),
    [
        ("Токаев", "tokayev"),
        ("Токаевым", "tokayev"),
        ("Касым-Жомартом Токаевым", "tokayev"),
        ("Tokayev", "tokayev"),
        ("Kassym-Jomart Tokayev", "tokayev"),
        ("Рахмоном", "rahmon"),
        ("Эмомали", "rahmon"),
        ("Rahmon", "rahmon"),
        ("Кошербаева", "kosherbayev"),
        ("Kosherbayev", "kosherbayev"),
        ("Кошербаев", "kosherbayev"),
        ("Кошербаеве", "kosherbayev"),
        ("Мухриддином", "muhriddin"),
        ("Шахбаза Шарифа", "sharif-shehbaz"),
        ("Мирзиёеву", "mirziyoyev"),
        ("Мирзиеев", "mirziyoyev"),
        ("Расулзоды", "rasulzoda"),
        ("Кошербаеф", "kosherbayev"),  # one typo in a long name
    ],
)
def test_person_resolves(query: str, key: str) -> None:
    matches = PEOPLE.resolve(query).matches
    assert [PEOPLE_KEYS[i] for i in matches] == [key]


@pytest.mark.parametrize("query", ["", "Иванов", "Атамбаев", "<script>", "Ток"])
def test_person_unknown(query: str) -> None:
    assert PEOPLE.resolve(query).matches == ()


def test_two_people_in_one_query_are_only_suggestions() -> None:
    result = PEOPLE.resolve("Токаев Рахмон")
    assert result.matches == ()
    assert {PEOPLE_KEYS[i] for i in result.suggestions} == {"tokayev", "rahmon"}


def test_case_forms_of_surnames() -> None:
    assert {"токаева", "токаеву", "токаевым", "токаеве"} <= case_forms("токаев")
    assert {"расулзоды", "расулзоде", "расулзодой"} <= case_forms("расулзода")
    assert case_forms("эмомали") == {"эмомали"}


def _titles(query: str) -> list[str]:
    full, _partial = TITLES.search(query)
    return [AGREEMENT_KEYS[hit.agreement_id] for hit in full]


def test_title_prefix_finds_allied_treaty() -> None:
    assert _titles("союзнич") == ["kz-tj-allied-relations-treaty-2024"]


def test_title_lemmas_find_both_strategic_partnership_documents() -> None:
    assert set(_titles("стратегическом партнерстве")) == {
        "kz-tj-strategic-partnership-treaty-2015",
        "kz-pk-strategic-partnership-declaration-2026",
    }


def test_title_typo_and_alternative_title() -> None:
    assert _titles("союзнических отнашениях") == ["kz-tj-allied-relations-treaty-2024"]
    assert _titles("программа взаимодействия") == ["kz-tj-mfa-cooperation-programme-2026-2028"]


def test_title_type_word_matches_type() -> None:
    assert set(_titles("дорожная карта")) == {
        "kz-tj-trade-roadmap-2025-2027",
        "kz-pk-trade-roadmap-2025-2027",
    }


@pytest.mark.parametrize("query", ["", "о", "xyzzy", "<b>&amp;", "🙂"])
def test_title_nonsense_finds_nothing(query: str) -> None:
    assert _titles(query) == []


@pytest.mark.parametrize(
    ("text", "partner"),
    [
        ("Таджикистаном", "TJ"),
        ("казахско-таджикский", "TJ"),
        ("Таджикстан", "TJ"),
        ("Южной Кореи", "KR"),
        ("визит в Душанбе", None),
        ("товарооборот с Пакистаном", None),
    ],
)
def test_whole_text_resolution_for_plain_messages(text: str, partner: str | None) -> None:
    assert COUNTRIES.resolve(text, whole_only=True).partner == partner


def test_country_index_is_cached_under_its_records(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    records = [CountryRecord("TJ", "Таджикистан", "Tajikistan", (("таджикистан", "name"),))]
    first = cached_country_index(records, tmp_path)
    assert first.resolve("Таджикистаном").partner == "TJ"

    def no_rebuild(_records: object) -> CountryIndex:
        raise AssertionError("built again although nothing changed")

    monkeypatch.setattr(CountryIndex, "build", no_rebuild)
    assert cached_country_index(records, tmp_path).resolve("таджикистан").partner == "TJ"

    monkeypatch.undo()
    changed = [*records, CountryRecord("UZ", "Узбекистан", "Uzbekistan", (("узбекистан", "name"),))]
    assert cached_country_index(changed, tmp_path).resolve("Узбекистан").partner == "UZ"
    assert len(list(tmp_path.glob("countries-*.pickle"))) == 1  # the older copy is gone


def test_a_broken_cache_file_is_rebuilt(tmp_path: Path) -> None:
    records = [CountryRecord("TJ", "Таджикистан", "Tajikistan", (("таджикистан", "name"),))]
    cached_country_index(records, tmp_path)
    for path in tmp_path.glob("countries-*.pickle"):
        path.write_bytes(b"not a pickle")
    assert cached_country_index(records, tmp_path).resolve("таджикистан").partner == "TJ"
    assert all(path.read_bytes() != b"not a pickle" for path in tmp_path.glob("countries-*"))


ENGLISH_QUERIES = TitleIndex.build(
    [
        TitleRecord(1, "Договор о союзнических отношениях между двумя республиками", (), "договор"),
        TitleRecord(2, "Меморандум о сотрудничестве в области водных ресурсов", (), "меморандум"),
        TitleRecord(3, "Совместная декларация о стратегическом партнёрстве", (), "декларация"),
        TitleRecord(
            4, "Программа экономического сотрудничества на 2026-2030 годы", (), "программа"
        ),
    ]
)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("alliance", 1),
        ("allied relations", 1),
        ("alliance treaty", 1),
        ("water cooperation memorandum", 2),
        ("strategic partnership", 3),
        ("joint declaration", 3),
        ("economic cooperation programme", 4),
        ("союзнич", 1),  # Russian queries as before
    ],
)
def test_english_queries_find_russian_titles(query: str, expected: int) -> None:
    full, _partial = ENGLISH_QUERIES.search(query)
    assert full and full[0].agreement_id == expected, (query, full)


def test_english_words_do_not_make_everything_match() -> None:
    full, _partial = ENGLISH_QUERIES.search("nuclear submarine")
    assert not full
    full, _partial = ENGLISH_QUERIES.search("cooperation")
    assert {hit.agreement_id for hit in full} == {2, 4}
