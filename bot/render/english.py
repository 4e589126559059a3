"""Fact texts in the reader's language. A curated fact carries its English; otherwise an
English reader gets what can be said from the structured fields (an event's kind,
countries and place), names and places in Latin letters, and no Russian free text: a
summary or note with no English is left out rather than shown in the other language."""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

from bot.i18n import Translator
from bot.matching.placenames import groups, places_and_venues
from bot.roles import is_latin_only
from store.dto import AgreementInfo, EventInfo
from store.textnorm import CYRILLIC_TO_LATIN, normalize

VISITS = frozenset({"state_visit", "official_visit", "working_visit", "visit"})
HOME = "KZ"

# Names of authors, places and people the sources give only in Cyrillic.
_LETTERS = CYRILLIC_TO_LATIN
_VOWELS = set("аеёиоуыэюяәөұүі")


def transliterate(text: str) -> str:
    out: list[str] = []
    previous = ""
    for char in text:
        lower = char.lower()
        if lower not in _LETTERS:
            out.append(char)
            previous = lower
            continue
        # "е" is "ye" where it starts a word or follows a vowel: Yermek, Nikolayeva
        latin = "ye" if lower == "е" and (not previous.isalpha() or previous in _VOWELS) else None
        latin = latin or _LETTERS[lower]
        if char != lower and latin:
            latin = latin[0].upper() + latin[1:]
        out.append(latin)
        previous = lower
    return "".join(out)


@lru_cache(maxsize=2)
def _english_names(section: str) -> dict[str, str]:
    """normalised Russian name -> English name"""
    names = places_and_venues() if section == "places" else groups()
    return {normalize(ru): en for ru, en in names.items()}


@lru_cache(maxsize=1)
def _russian_places() -> dict[str, str]:
    """normalised English name -> Russian name, for places English articles give"""
    return {normalize(en): ru for ru, en in places_and_venues().items()}


def group_name(t: Translator, group: str) -> str:
    """A group of countries ("СНГ") in the reader's language, where we know it."""
    if t.language != "en" or is_latin_only(group):
        return group
    return _english_names("groups").get(normalize(group)) or transliterate(group)


def place_name(t: Translator, place: str | None, place_en: str | None = None) -> str | None:
    """A place in the reader's language: from the list of known names, else spelled in
    Latin letters for an English reader (a Russian reader gets a Latin name as written)."""
    if not place:
        return place
    if t.language != "en":
        return _russian_places().get(normalize(place), place) if is_latin_only(place) else place
    if is_latin_only(place):
        return place
    return place_en or _english_names("places").get(normalize(place)) or transliterate(place)


def person_name(t: Translator, name_ru: str, name_en: str | None) -> str:
    if t.language != "en":
        return name_ru
    return name_en or transliterate(name_ru)


def own_language(t: Translator, text: str | None, text_en: str | None) -> str | None:
    """A free text in the reader's language, or None: never the other language's."""
    if t.language == "en":
        return text_en or (text if text and is_latin_only(text) else None)
    return text if text and not is_latin_only(text) else None


def participants(t: Translator, event: EventInfo) -> list[str]:
    english = event.participants_en
    if len(english) != len(event.participants):
        english = (None,) * len(event.participants)
    return [person_name(t, ru, en) for ru, en in zip(event.participants, english, strict=True)]


def event_title(t: Translator, event: EventInfo, country_name: Callable[[str], str]) -> str:
    """The stored title where it is in the reader's language; else one made from the
    fields: "State visit to Pakistan", "Talks: Kazakhstan – Tajikistan"."""
    stored = own_language(t, event.title, event.title_en)
    if stored:
        return stored
    kind = t(f"event-{event.kind}")
    hosts = [code for code, role in event.countries if role == "host"]
    visitors = [code for code, role in event.countries if role == "visitor"]
    if event.kind in VISITS and hosts and visitors:
        visitor = _the_visitor(t, event, visitors[0])
        if visitor:  # "Official visit of Yermek Kosherbayev to Tajikistan"
            return t(
                "event-title-visit-of", kind=kind, person=visitor, country=country_name(hosts[0])
            )
    if event.kind in VISITS and hosts and hosts[0] != HOME:
        return t("event-title-visit-to", kind=kind, country=country_name(hosts[0]))
    if event.kind in VISITS and visitors and visitors[0] != HOME:
        return t("event-title-visit-from", kind=kind, country=country_name(visitors[0]))
    place = place_name(t, event.place, event.place_en)
    codes = sorted({code for code, _ in event.countries}, key=lambda c: (c != HOME, c))
    sides = " – ".join(country_name(code) for code in codes)
    if place:
        return t("event-title-in", kind=kind, place=place)
    return t("event-title-between", kind=kind, countries=sides) if sides else kind


def _the_visitor(t: Translator, event: EventInfo, country: str) -> str | None:
    """The one participant representing the visiting country, named as the reader reads."""
    names = participants(t, event)
    if len(event.participant_countries) != len(names):
        return None
    theirs = [
        name
        for name, code in zip(names, event.participant_countries, strict=True)
        if code == country
    ]
    return theirs[0] if len(theirs) == 1 else None


def agreement_title(t: Translator, agreement: AgreementInfo, kind: str) -> str:
    """A document's title in the reader's language where one is known, else as named. A
    rendering by rule that met a word the glossary lacks comes with the original; a
    Russian reader of an English-titled document gets its type ("kind") and the original."""
    known = own_language(t, agreement.title, agreement.title_en)
    if not known and t.language != "en":
        return t(
            "agreement-title-from-type", kind=kind[:1].upper() + kind[1:], original=agreement.title
        )
    if not known:
        return agreement.title
    if t.language == "en" and agreement.title_en and not agreement.title_en_sure:
        return t("agreement-title-rendered", rendering=known, original=agreement.title)
    return known
