"""The in-memory indexes the matchers need (countries, people, titles, search), built from
the store at start-up and refreshed when facts change."""

from __future__ import annotations

import asyncio
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.i18n import LANGUAGES, translator
from bot.matching import (
    CountryIndex,
    CountryRecord,
    PersonIndex,
    PersonRecord,
    TitleIndex,
    TitleRecord,
)
from bot.matching.glossary import english_words
from bot.pickle_cache import CACHE_DIR, load_or_build, sources
from bot.search import SearchIndex, search_words
from store import facts as fact_store
from store import search_documents as search_store
from store.dto import SearchDocument

_COUNTRY_INDEX_CODE = ("bot/matching/countries.py", "bot/matching/morph.py", "store/textnorm.py")
_TITLE_INDEX_CODE = (
    "bot/matching/titles.py",
    "bot/matching/morph.py",
    "bot/matching/glossary.py",
    "bot/matching/glossary.yaml",
    "store/textnorm.py",
)


class CardCache:
    """Country cards already built (and rendered), keyed by the facts version: a publish,
    retraction, import or seed load changes the version in the database, so every process
    sees the new facts on its next request and the old entries are never read again."""

    def __init__(self, size: int = 512) -> None:
        self.size = size
        self._entries: OrderedDict[Hashable, object] = OrderedDict()

    def get(self, key: Hashable) -> object | None:
        value = self._entries.get(key)
        if value is not None:
            self._entries.move_to_end(key)
        return value

    def put(self, key: Hashable, value: object) -> None:
        self._entries[key] = value
        self._entries.move_to_end(key)
        while len(self._entries) > self.size:
            self._entries.popitem(last=False)


@dataclass
class Directory:
    """In-memory indexes the matchers need, built from the store at start-up."""

    countries: CountryIndex
    people: PersonIndex
    titles: TitleIndex
    # None while a large store's index is still being built in the background.
    search: SearchIndex | None
    cards: CardCache = field(default_factory=CardCache)

    def country_name(self, iso2: str, language: str) -> str:
        return self.countries.name(iso2, language)


async def load_directory(session: AsyncSession, *, search_inline: bool = True) -> Directory:
    """`search_inline=False` leaves the search index to be built later, in the background
    (see `build_search_in_background`); until then /search says it is getting ready."""
    countries = cached_country_index(
        [
            CountryRecord(c.iso2, c.name_ru, c.name_en, c.aliases)
            for c in await fact_store.country_aliases(session)
        ]
    )
    people = PersonIndex.build(
        [
            PersonRecord(p.person_id, p.name_ru, p.name_en, p.aliases)
            for p in await fact_store.person_names(session)
        ]
    )
    search = None
    if search_inline:
        search = await build_search_index(session, countries)
    titles = cached_title_index(await _title_records(session, countries))
    return Directory(countries, people, titles, search)


def cached_country_index(records: list[CountryRecord], cache_dir: Path = CACHE_DIR) -> CountryIndex:
    """Lemmatising a thousand aliases is most of a start-up's own work; a copy pickled under
    the same records and the same matching code loads in milliseconds."""
    return load_or_build(
        "countries",
        [repr(records).encode(), *sources(*_COUNTRY_INDEX_CODE)],
        lambda: CountryIndex.build(records),
        CountryIndex,
        cache_dir,
    )


async def refresh_directory(directory: Directory, session: AsyncSession) -> None:
    """After a publish or a retraction: people and titles at once (milliseconds), the
    search index in a worker thread; the old indexes answer until the new ones are ready."""
    directory.people = PersonIndex.build(
        [
            PersonRecord(p.person_id, p.name_ru, p.name_en, p.aliases)
            for p in await fact_store.person_names(session)
        ]
    )
    # Built, not cached: titles change with every publish, and this runs off the start path.
    directory.titles = TitleIndex.build(await _title_records(session, directory.countries))
    directory.search = await build_search_index(session, directory.countries)


async def build_search_index(session: AsyncSession, countries: CountryIndex) -> SearchIndex:
    documents = await search_store.search_documents(session)
    # Tokenising and lemmatising is CPU work: a worker thread keeps the loop answering.
    return await asyncio.to_thread(SearchIndex.build, documents, _describer(countries))


async def build_search_in_background(
    directory: Directory, session_factory: async_sessionmaker[AsyncSession]
) -> None:
    if directory.search is not None:
        return
    async with session_factory() as session:
        directory.search = await build_search_index(session, directory.countries)


def _describer(countries: CountryIndex) -> Callable[[SearchDocument], list[str]]:
    """Words a document's stored text lacks: country names and, in both languages, the
    labels of coded values, so "товарооборот" and "turnover" both find a trade figure."""
    labels = [translator(language) for language in LANGUAGES]

    def describe(document: SearchDocument) -> list[str]:
        words = [
            name
            for code in document.countries
            for name in (countries.name(code, "ru"), countries.name(code, "en"))
        ]
        prefix = {"event": "event-", "trade": "trade-"}.get(document.kind)
        if prefix:
            words += [t(prefix + code) for code in document.codes for t in labels]
        # English words for the Russian text, so "alliance treaty" finds a Russian title
        words += english_words(search_words(document.text))
        return words

    return describe


def cached_title_index(records: list[TitleRecord], cache_dir: Path = CACHE_DIR) -> TitleIndex:
    """At start-up: lemmatising the titles would load the morphological dictionary before
    the first reply, which most often needs none."""
    return load_or_build(
        "titles",
        [repr(records).encode(), *sources(*_TITLE_INDEX_CODE)],
        lambda: TitleIndex.build(records),
        TitleIndex,
        cache_dir,
    )


async def _title_records(session: AsyncSession, countries: CountryIndex) -> list[TitleRecord]:
    records = []
    for agreement in await fact_store.agreement_titles(session):
        keywords = [
            name
            for code in agreement.parties
            for name in (countries.name(code, "ru"), countries.name(code, "en"))
        ]
        if agreement.year:
            keywords.append(str(agreement.year))
        records.append(
            TitleRecord(
                agreement.id, agreement.title, agreement.alt_titles, agreement.type, tuple(keywords)
            )
        )
    return records
