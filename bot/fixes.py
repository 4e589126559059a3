"""Correcting facts after they are published (/fix): change a field, hide or show the
fact, detach or reattach one source. Every change is audited with its before and after,
bumps the facts version (every process's cards show it on the next request) and names
the revision the admin saw: a change made against an older one is refused with
`StaleRevision`, never half-applied. Knows nothing of Telegram."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from bot.corrections import CorrectionError, CountryResolver, choices, chosen, parse_field
from bot.directory import Directory, refresh_directory
from bot.lists import Entry, entries_by_ids
from bot.matching.countries import HOME_COUNTRY
from bot.roles import stored_titles
from store import corrections as store
from store.corrections import StaleRevision
from store.db import unit_of_work
from store.dto import CAMEO_BY_KIND, FixableFact, RoleInfo, is_row_id
from store.facts import country_card
from store.uploads import bump_facts_version, record_audit

__all__ = ["StaleRevision"]

# `/fix e12`: a letter for the kind of fact, then its number.
KIND_LETTERS = {"e": "event", "a": "agreement", "t": "trade", "p": "person"}
LETTER_OF = {kind: letter for letter, kind in KIND_LETTERS.items()}
_REF = re.compile(r"#?([eatp])\s*(\d{1,12})", re.IGNORECASE)

FIELDS: dict[str, tuple[str, ...]] = {
    "event": ("kind", "date", "countries", "place"),
    "agreement": ("type", "status", "date", "countries"),
    # a stored figure has one partner: "country", not a list
    "trade": ("value", "currency", "metric", "basis", "year", "country"),
    "person": ("role", "country"),
}


# Opened from a search result or list entry: a person's entry names the person, and the
# role to correct is found with `/fix <name>` (each role has its own reference).
FIXABLE_KINDS = frozenset({"event", "agreement", "trade"})


def parse_ref(text: str) -> tuple[str, int] | None:
    """`e12`, `#a5`, `T 3` -> (kind, id); None for anything else."""
    match = _REF.fullmatch(text.strip())
    if match is None or not is_row_id(int(match.group(2))):
        return None
    return KIND_LETTERS[match.group(1).lower()], int(match.group(2))


def ref_of(kind: str, fact_id: int) -> str:
    return f"{LETTER_OF[kind]}{fact_id}"


async def open_fact(session: AsyncSession, kind: str, fact_id: int) -> FixableFact | None:
    if kind not in FIELDS or not is_row_id(fact_id):
        return None
    return await store.load_fact(session, kind, fact_id)


async def find_facts(
    directory: Directory, session: AsyncSession, query: str, limit: int = 8
) -> list[Entry]:
    """`/fix <words>`: the events, documents and figures a search for them finds first."""
    if directory.search is None:
        return []
    hits = [hit for hit in directory.search.search(query) if hit.kind in FIXABLE_KINDS | {"person"}]
    found = await entries_by_ids(session, [(hit.kind, hit.id) for hit in hits[:limit]])
    return [entry for entry in found if isinstance(entry, Entry)]


async def card_facts(session: AsyncSession, iso2: str) -> list[Entry]:
    """The facts a country's card shows, to pick one to correct."""
    card = await country_card(session, iso2)
    if card is None:
        return []
    return [
        *(Entry("agreement", agreement) for agreement in card.agreements),
        *(Entry("event", event) for event in card.events),
        *(Entry("trade", figure) for figure in card.trade),
        *(Entry("person", role) for role in card.people),
    ]


def fix_ref_of(entry: Entry) -> tuple[str, int]:
    """(kind, id) of what `/fix` corrects for a found entry: a person's role, else the fact."""
    if isinstance(entry.info, RoleInfo):
        return "person", entry.info.role_id
    return entry.kind, entry.fact_id


def typed_value(kind: str, field: str, text: str, resolve: CountryResolver) -> object:
    """A typed correction, checked; raises CorrectionError."""
    if field not in FIELDS.get(kind, ()) or choices(kind, field) is not None:
        raise CorrectionError("no-such-field")
    return parse_field(field, text, resolve)


def chosen_value(kind: str, field: str, index: int) -> str:
    if field not in FIELDS.get(kind, ()):
        raise CorrectionError("no-such-field")
    return chosen(kind, field, index)


async def change_field(
    session: AsyncSession,
    directory: Directory | None,
    fact: FixableFact,
    field: str,
    value: object,
    user_id: int,
) -> FixableFact:
    """Store `value` (from `typed_value` or `chosen_value`) for `field` of `fact`, as the
    admin saw it; returns the fact as it is now."""
    columns, countries = _columns(fact, field, value)
    before = {name: fact.values.get(name) for name in columns}
    after: dict[str, Any] = dict(columns)
    if countries is not None:
        before["countries"], after["countries"] = fact.values.get("countries"), countries
    async with unit_of_work(session):
        await store.change_fact(session, fact.kind, fact.id, fact.revision, columns, countries)
        await _audit(session, user_id, fact, {"field": field, "before": before, "after": after})
    return await _reloaded(session, directory, fact)


async def set_hidden(
    session: AsyncSession,
    directory: Directory | None,
    fact: FixableFact,
    hidden: bool,
    user_id: int,
) -> FixableFact:
    async with unit_of_work(session):
        await store.set_hidden(session, fact.kind, fact.id, fact.revision, hidden)
        change = {"field": "hidden", "before": fact.hidden, "after": hidden}
        await _audit(session, user_id, fact, change)
    return await _reloaded(session, directory, fact)


async def set_source_detached(
    session: AsyncSession,
    directory: Directory | None,
    fact: FixableFact,
    evidence_id: int,
    detached: bool,
    user_id: int,
) -> FixableFact:
    source = next((s for s in fact.sources if s.evidence_id == evidence_id), None)
    if source is None:
        raise CorrectionError("no-such-source")
    async with unit_of_work(session):
        if not await store.set_detached(
            session, fact.kind, fact.id, fact.revision, evidence_id, detached
        ):
            raise StaleRevision
        change = {
            "field": "source",
            "article_id": source.source.article_id,
            "before": "detached" if source.detached else "attached",
            "after": "detached" if detached else "attached",
        }
        await _audit(session, user_id, fact, change)
    return await _reloaded(session, directory, fact)


async def _audit(
    session: AsyncSession, user_id: int, fact: FixableFact, change: dict[str, Any]
) -> None:
    details = {"fact": ref_of(fact.kind, fact.id), "revision": fact.revision + 1, **change}
    await record_audit(session, user_id, "fix", None, _plain(details))
    await bump_facts_version(session)


async def _reloaded(
    session: AsyncSession, directory: Directory | None, fact: FixableFact
) -> FixableFact:
    if directory is not None:
        await refresh_directory(directory, session)
    fresh = await store.load_fact(session, fact.kind, fact.id)
    assert fresh is not None  # facts are never deleted by a correction
    return fresh


def _plain(value: Any) -> Any:
    """JSON for the audit log: dates as ISO text, amounts as exact text."""
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, tuple | list):
        return [_plain(item) for item in value]
    if isinstance(value, dt.date | Decimal):
        return str(value)
    return value


# ------------------------------------------------------------------ field -> columns


def _columns(
    fact: FixableFact, field: str, value: Any
) -> tuple[dict[str, Any], tuple[str, ...] | None]:
    """The stored columns a corrected field sets, and the new countries when it sets them."""
    kind, values = fact.kind, fact.values
    if field == "countries":
        return {}, tuple(value)
    if field == "date":
        day, precision = value
        if kind == "event":
            return {"date_start": day, "date_end": None, "date_precision": precision}, None
        return {"signed_on": day, "signed_precision": precision}, None
    if kind == "event" and field == "kind":
        return {"kind": value, "cameo": CAMEO_BY_KIND.get(value)}, None
    if kind == "trade":
        return _trade_columns(values, field, value), None
    if kind == "person":
        if field == "role":
            title_ru, title_en = stored_titles(value)
            return {"title_ru": title_ru, "title_en": title_en}, None
        return {"country_iso2": value}, None
    return {field: value}, None  # place, type, status


def _trade_columns(values: dict[str, Any], field: str, value: Any) -> dict[str, Any]:
    # an actual figure keeps its year in `year`, a target in `target_year`
    year_column = "target_year" if values.get("kind") == "target" else "year"
    if field == "year":
        return {year_column: value}
    if field == "basis":
        year = values.get(year_column)
        return {
            "kind": value,
            "year": year if value == "actual" else None,
            "target_year": year if value == "target" else None,
        }
    if field == "country":
        if value == HOME_COUNTRY:
            raise CorrectionError("country-home")
        return {"partner_iso2": value}
    return {{"currency": "unit"}.get(field, field): value}  # value, currency, metric
