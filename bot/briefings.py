"""Briefing services: resolve what the user asked for and fetch it. No Telegram here.

Each call returns one of a few result types, so the handler only has to pick a renderer.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

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
from bot.matching.countries import HOME_COUNTRY
from bot.search import SearchIndex
from store import browse, repo
from store.browse import SearchDocument
from store.dto import AgreementInfo, CountryCard, PersonProfile, RoleInfo

# Longer queries are cut: no country, title or name is longer, and it bounds the work.
QUERY_LIMIT = 200
_PAGE_REQUEST = re.compile(r"^(?:page|стр(?:аница)?\.?)\s*(\d{1,6})$", re.IGNORECASE)


@dataclass
class Directory:
    """In-memory indexes the matchers need, built from the store at start-up."""

    countries: CountryIndex
    people: PersonIndex
    titles: TitleIndex
    # None while a large store's index is still being built in the background.
    search: SearchIndex | None

    def country_name(self, iso2: str, language: str) -> str:
        return self.countries.name(iso2, language)


# Up to this many facts the search index is built before the bot answers (well under a
# second); above it, in the background, so a large store does not delay start-up.
SEARCH_BUILD_INLINE_LIMIT = 20_000


async def load_directory(session: AsyncSession, *, search_inline: bool = True) -> Directory:
    """`search_inline=False` lets a large store's search index be built later, in the
    background (see `build_search_in_background`)."""
    countries = CountryIndex.build(
        [
            CountryRecord(c.iso2, c.name_ru, c.name_en, c.aliases)
            for c in await repo.country_aliases(session)
        ]
    )
    people = PersonIndex.build(
        [
            PersonRecord(p.person_id, p.name_ru, p.name_en, p.aliases)
            for p in await repo.person_names(session)
        ]
    )
    search = None
    if search_inline or await browse.count_facts(session) <= SEARCH_BUILD_INLINE_LIMIT:
        search = await build_search_index(session, countries)
    return Directory(countries, people, await _title_index(session, countries), search)


async def refresh_directory(directory: Directory, session: AsyncSession) -> None:
    """After a publish or a retraction: people and titles at once (milliseconds), the
    search index in a worker thread; the old indexes answer until the new ones are ready."""
    directory.people = PersonIndex.build(
        [
            PersonRecord(p.person_id, p.name_ru, p.name_en, p.aliases)
            for p in await repo.person_names(session)
        ]
    )
    directory.titles = await _title_index(session, directory.countries)
    directory.search = await build_search_index(session, directory.countries)


async def build_search_index(session: AsyncSession, countries: CountryIndex) -> SearchIndex:
    documents = await browse.search_documents(session)
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
        return words

    return describe


async def _title_index(session: AsyncSession, countries: CountryIndex) -> TitleIndex:
    records = []
    for agreement in await repo.agreement_titles(session):
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
    return TitleIndex.build(records)


def clean_query(raw: str | None) -> tuple[str, bool]:
    """(query without surrounding blanks, whether it had to be shortened)."""
    text = " ".join((raw or "").split())
    return text[:QUERY_LIMIT], len(text) > QUERY_LIMIT


# ------------------------------------------------------------------ /country


@dataclass(frozen=True)
class CountryFound:
    card: CountryCard
    kind: Literal["card"] = "card"


@dataclass(frozen=True)
class CountryWithoutFacts:
    iso2: str
    kind: Literal["no_facts"] = "no_facts"


@dataclass(frozen=True)
class CountryHome:
    kind: Literal["home"] = "home"


@dataclass(frozen=True)
class CountryUnresolved:
    query: str
    candidates: tuple[str, ...]
    ambiguous: bool
    kind: Literal["unresolved"] = "unresolved"


CountryResult = CountryFound | CountryWithoutFacts | CountryHome | CountryUnresolved


def _has_facts(card: CountryCard) -> bool:
    return bool(card.relations or card.agreements or card.events or card.trade)


async def country_briefing(
    directory: Directory, session: AsyncSession, query: str
) -> CountryResult:
    resolution = directory.countries.resolve(query)
    partner = resolution.partner
    if partner == HOME_COUNTRY:
        return CountryHome()
    if partner is None:
        candidates = tuple(c for c in resolution.codes if c != HOME_COUNTRY)
        return CountryUnresolved(
            query, candidates or resolution.suggestions, ambiguous=bool(candidates)
        )
    card = await repo.country_card(session, partner)
    if card is None:
        return CountryUnresolved(query, resolution.suggestions, ambiguous=False)
    if not _has_facts(card):
        return CountryWithoutFacts(partner)
    return CountryFound(card)


# ------------------------------------------------------------------ /treaty


@dataclass(frozen=True)
class TreatyMatches:
    query: str
    agreements: list[AgreementInfo]
    kind: Literal["matches"] = "matches"


@dataclass(frozen=True)
class TreatyNotFound:
    query: str
    close: list[AgreementInfo]
    kind: Literal["not_found"] = "not_found"


TreatyResult = TreatyMatches | TreatyNotFound


def page_request(query: str) -> int | None:
    """`стр 2` / `page 2` as the whole argument asks for a page of the full list."""
    match = _PAGE_REQUEST.match(query)
    return int(match.group(1)) if match else None


async def treaty_search(directory: Directory, session: AsyncSession, query: str) -> TreatyResult:
    if not query:
        return TreatyNotFound(query, [])
    full, partial = directory.titles.search(query)
    if not full:
        resolved = directory.countries.resolve(query).partner
        if resolved and resolved != HOME_COUNTRY:
            # "/treaty Пакистан": the documents with that party, even if no title says so.
            full, partial = directory.titles.search(directory.countries.name(resolved, "ru"))
    if full:
        ids = [hit.agreement_id for hit in full]
        return TreatyMatches(query, await repo.agreements_by_ids(session, ids))
    close = await repo.agreements_by_ids(session, [hit.agreement_id for hit in partial])
    return TreatyNotFound(query, close)


# ------------------------------------------------------------------ /person


@dataclass(frozen=True)
class PersonFound:
    profile: PersonProfile
    kind: Literal["profile"] = "profile"


@dataclass(frozen=True)
class PersonUnresolved:
    query: str
    candidates: list[RoleInfo]
    ambiguous: bool
    kind: Literal["unresolved"] = "unresolved"


@dataclass(frozen=True)
class PersonMissingQuery:
    kind: Literal["usage"] = "usage"


PersonResult = PersonFound | PersonUnresolved | PersonMissingQuery


async def person_lookup(directory: Directory, session: AsyncSession, query: str) -> PersonResult:
    if not query:
        return PersonMissingQuery()
    resolution = directory.people.resolve(query)
    if len(resolution.matches) == 1:
        profile = await repo.person_profile(session, resolution.matches[0])
        if profile is not None:
            return PersonFound(profile)
    ids = list(resolution.matches) if len(resolution.matches) > 1 else list(resolution.suggestions)
    candidates = []
    for person_id in ids[:5]:
        profile = await repo.person_profile(session, person_id, events=0)
        if profile is not None and profile.roles:
            candidates.append(profile.roles[0])
    return PersonUnresolved(query, candidates, ambiguous=len(resolution.matches) > 1)
