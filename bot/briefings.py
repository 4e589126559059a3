"""Briefing services: resolve what the user asked for and fetch it. No Telegram here.

Each call returns one of a few result types, so the handler only has to pick a renderer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from sqlalchemy.ext.asyncio import AsyncSession

from bot.directory import Directory
from bot.matching.countries import HOME_COUNTRY, CountryResolution
from store import facts as fact_store
from store import uploads as upload_store
from store.dto import AgreementInfo, CountryCard, PersonProfile, RoleInfo

# Longer queries are cut: no country, title or name is longer, and it bounds the work.
QUERY_LIMIT = 200
_PAGE_REQUEST = re.compile(r"^(?:page|стр(?:аница)?\.?)\s*(\d{1,6})$", re.IGNORECASE)


def clean_query(raw: str | None) -> tuple[str, bool]:
    """(query without surrounding blanks, whether it had to be shortened)."""
    text = " ".join((raw or "").split())
    return text[:QUERY_LIMIT], len(text) > QUERY_LIMIT


# Greetings, thanks and small talk: answered with a pointer to /help, not searched
# ("Привет" would otherwise find "принял" by its typo tolerance).
_SMALL_TALK = frozenset(
    {"привет", "здравствуйте", "здравствуй", "добрый день", "добрый вечер", "доброе утро",
     "спасибо", "благодарю", "пока", "ок", "хорошо", "как дела", "кто ты", "hi", "hello",
     "hey", "thanks", "thank you", "good morning", "good evening", "bye", "ok",
     "how are you", "who are you", "сәлем", "рахмет"}
)  # fmt: skip


def is_small_talk(text: str) -> bool:
    words = "".join(c for c in text.casefold() if c.isalnum() or c.isspace()).split()
    return " ".join(words) in _SMALL_TALK


# ------------------------------------------------------------------ /country


@dataclass(frozen=True)
class CountryFound:
    card: CountryCard
    # The facts version it was built at: what a rendering of it may be cached under.
    version: str | None = None
    kind: Literal["card"] = "card"


@dataclass(frozen=True)
class CountryWithoutFacts:
    iso2: str
    kind: Literal["no_facts"] = "no_facts"


@dataclass(frozen=True)
class CountryHome:
    kind: Literal["home"] = "home"


@dataclass(frozen=True)
class CountryNotMatched:
    """The query named no partner country we know: not found, or several fit."""

    query: str
    candidates: tuple[str, ...]
    ambiguous: bool
    kind: Literal["unresolved"] = "unresolved"


CountryResult = CountryFound | CountryWithoutFacts | CountryHome | CountryNotMatched


def _has_facts(card: CountryCard) -> bool:
    return bool(card.relations or card.agreements or card.events or card.trade)


def resolve_partner(directory: Directory, query: str) -> str | CountryNotMatched:
    """The one partner country a query names; Kazakhstan itself is not a partner."""
    return partner_of(directory.countries.resolve(query), query)


def partner_of(resolution: CountryResolution, query: str) -> str | CountryNotMatched:
    if resolution.partner and resolution.partner != HOME_COUNTRY:
        return resolution.partner
    candidates = tuple(code for code in resolution.codes if code != HOME_COUNTRY)
    return CountryNotMatched(query, candidates or resolution.suggestions, bool(candidates))


async def country_briefing(
    directory: Directory, session: AsyncSession, query: str
) -> CountryResult:
    resolution = directory.countries.resolve(query)
    if resolution.partner == HOME_COUNTRY:
        return CountryHome()
    partner = partner_of(resolution, query)
    if isinstance(partner, CountryNotMatched):
        return partner
    version = await upload_store.facts_version(session)
    cached = directory.cards.get(("card", partner, version))
    if isinstance(cached, CountryFound):
        return cached
    card = await fact_store.country_card(session, partner)
    if card is None:
        return CountryNotMatched(query, resolution.suggestions, ambiguous=False)
    if not _has_facts(card):
        return CountryWithoutFacts(partner)
    found = CountryFound(card, version)
    directory.cards.put(("card", partner, version), found)
    return found


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
        return TreatyMatches(query, await fact_store.agreements_by_ids(session, ids))
    close = await fact_store.agreements_by_ids(session, [hit.agreement_id for hit in partial])
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
    # nobody alike: `candidates` are people on file, not suggestions
    on_file: bool = False
    kind: Literal["unresolved"] = "unresolved"


@dataclass(frozen=True)
class PersonMissingQuery:
    """`/person` alone, or a name nobody on file is like: the people there are."""

    known: list[RoleInfo] = field(default_factory=list)
    total: int = 0
    kind: Literal["usage"] = "usage"


PersonResult = PersonFound | PersonUnresolved | PersonMissingQuery


async def person_lookup(directory: Directory, session: AsyncSession, query: str) -> PersonResult:
    if not query:
        return await _people_on_file(session)
    resolution = directory.people.resolve(query)
    if len(resolution.matches) == 1:
        profile = await fact_store.person_profile(session, resolution.matches[0])
        if profile is not None:
            return PersonFound(profile)
    ids = list(resolution.matches) if len(resolution.matches) > 1 else list(resolution.suggestions)
    candidates = []
    for person_id in ids[:5]:
        profile = await fact_store.person_profile(session, person_id, events=0)
        if profile is not None and profile.roles:
            candidates.append(profile.roles[0])
    if not candidates:
        # nobody like that: the names there are, so the reader sees what may be asked
        known = (await _people_on_file(session, limit=10)).known
        return PersonUnresolved(query, known, ambiguous=False, on_file=True)
    return PersonUnresolved(query, candidates, ambiguous=len(resolution.matches) > 1)


async def _people_on_file(session: AsyncSession, limit: int = 30) -> PersonMissingQuery:
    known, total = await fact_store.people_on_file(session, limit)
    return PersonMissingQuery(known, total)
