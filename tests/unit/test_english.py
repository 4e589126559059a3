"""English for an English reader: document titles rendered by rule, names and places in
Latin letters, event titles made from the fields, and no Russian free text."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot import SEEDS_DIR
from bot.extraction.gazetteer import gazetteer_from_seeds
from bot.extraction.title_en import title_in_english
from bot.i18n import translator
from bot.render import english
from store.dto import AgreementInfo, EventInfo

GAZETTEER = gazetteer_from_seeds(SEEDS_DIR)
EN, RU = translator("en"), translator("ru")
NAMES = {"KZ": "Kazakhstan", "TJ": "Tajikistan", "UZ": "Uzbekistan", "PK": "Pakistan"}


RENDERINGS = [
    (
        "Договор о стратегическом партнёрстве между Республикой Казахстан и Республикой "
        "Таджикистан",
        "Treaty on Strategic Partnership between the Republic of Kazakhstan and the "
        "Republic of Tajikistan",
    ),
    (
        "Соглашение о сотрудничестве в области энергетики",
        "Agreement on Cooperation in the Field of Energy",
    ),
    (
        "Программа экономического сотрудничества на 2026–2030 годы",
        "Programme of Economic Cooperation for 2026–2030",
    ),
    (
        "Меморандум о взаимопонимании между министерствами энергетики Казахстана и Узбекистана",
        "Memorandum of Understanding between Ministries of Energy of Kazakhstan and Uzbekistan",
    ),
    (
        "Дорожная карта торгово-экономического сотрудничества на 2025-2027 гг.",
        "Road Map of Trade and Economic Cooperation for 2025–2027",
    ),
    (
        "Соглашение о демаркации казахстанско-узбекской государственной границы",
        "Agreement on Demarcation of the Kazakhstan–Uzbekistan State Border",
    ),
    (
        "Совместное заявление о дальнейшем углублении союзнических отношений",
        "Joint Statement on Further Deepening of Allied Relations",
    ),
]


@pytest.mark.parametrize(("title", "expected"), RENDERINGS)
def test_formulaic_titles_render_in_english(title: str, expected: str) -> None:
    rendering = title_in_english(title, GAZETTEER)
    assert rendering.text == expected
    assert rendering.sure


def test_a_word_the_glossary_lacks_makes_the_rendering_unsure() -> None:
    rendering = title_in_english(
        "Меморандум о сотрудничестве в сфере квантовых вычислений", GAZETTEER
    )
    assert not rendering.sure
    assert rendering.text.startswith("Memorandum on Cooperation in the Sphere of")


@settings(max_examples=80, deadline=None)
@given(st.text(max_size=120))
def test_any_title_gives_a_rendering(title: str) -> None:
    rendering = title_in_english(title, GAZETTEER)
    assert isinstance(rendering.text, str) and isinstance(rendering.sure, bool)


def event(kind: str, countries: tuple[tuple[str, str], ...], place: str | None) -> EventInfo:
    return EventInfo(
        1, kind, "Визит в Ташкент", dt.date(2026, 3, 12), None, "day", place, None,
        countries, ("Шавкат Мирзиёев", "Айдар Курмашев"), "Краткое описание", (),
        ("Shavkat Mirziyoyev", None),
    )  # fmt: skip


def test_event_texts_for_an_english_reader() -> None:
    visit = event("state_visit", (("KZ", "visitor"), ("UZ", "host")), "Ташкент")
    assert english.event_title(EN, visit, NAMES.__getitem__) == "State visit to Uzbekistan"
    # the one participant of the visiting country is named: "... of <visitor> to <host>"
    named = replace(visit, participant_countries=("UZ", "KZ"))
    assert english.event_title(EN, named, NAMES.__getitem__) == (
        "State visit of Aydar Kurmashev to Uzbekistan"
    )
    incoming = event("official_visit", (("PK", "visitor"), ("KZ", "host")), "Астана")
    assert english.event_title(EN, incoming, NAMES.__getitem__) == "Official visit from Pakistan"
    talks = event("talks", (("KZ", "participant"), ("TJ", "participant")), None)
    assert english.event_title(EN, talks, NAMES.__getitem__) == "Talks: Kazakhstan – Tajikistan"
    summit = event("summit", (("KZ", "participant"),), "Самарканд")
    assert english.event_title(EN, summit, NAMES.__getitem__) == "Summit in Samarkand"
    assert english.place_name(EN, "Москва") == "Moscow"
    assert english.place_name(EN, "Туркестан") == "Turkestan"
    assert english.place_name(EN, "Кызылорда") == "Kyzylorda"  # not listed: transliterated
    assert english.place_name(RU, "Москва") == "Москва"
    assert english.participants(EN, visit) == ["Shavkat Mirziyoyev", "Aydar Kurmashev"]
    assert english.own_language(EN, "Краткое описание", None) is None
    assert english.event_title(RU, visit, NAMES.__getitem__) == "Визит в Ташкент"


def test_transliteration() -> None:
    assert english.transliterate("Екатерина Николаева") == "Yekaterina Nikolayeva"
    assert english.transliterate("Щучинск, Қостанай") == "Shchuchinsk, Kostanay"
    assert english.transliterate("Zakon.kz") == "Zakon.kz"


def agreement(title: str, title_en: str | None = None, sure: bool = True) -> AgreementInfo:
    return AgreementInfo(
        3, title, "соглашение", 1, ("KZ", "AZ"), None, None, None, None, None, "signed",
        None, (), title_en, None, sure,
    )  # fmt: skip


def test_document_titles_in_either_language() -> None:
    english_article = agreement("Agreement on Caspian Transit")
    assert english.agreement_title(EN, english_article, "agreement") == (
        "Agreement on Caspian Transit"
    )
    # a Russian reader: the type in Russian, the original beside it
    assert english.agreement_title(RU, english_article, "соглашение") == (
        "Соглашение «Agreement on Caspian Transit»"
    )
    unsure = agreement("Соглашение о квантовых вычислениях", "Agreement on квантовых", False)
    assert english.agreement_title(EN, unsure, "agreement") == (
        "Agreement on квантовых (original: «Соглашение о квантовых вычислениях»)"
    )
    assert english.agreement_title(RU, unsure, "соглашение") == unsure.title
    assert english.place_name(RU, "Tashkent") == "Ташкент"  # from an English article
