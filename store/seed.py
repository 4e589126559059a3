"""Seed loader: reference countries (pycountry + curated YAML) and the curated facts.

Loading is idempotent: every row is found by its stable key and updated in place, link
rows and evidence are diffed, so a second load changes nothing. Files are validated first
and a broken one is reported by file and entry before anything is written.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, TypeVar

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from store.dto import CAMEO_BY_KIND
from store.models import (
    Agreement,
    AgreementParty,
    Article,
    Country,
    CountryAlias,
    Event,
    EventCountry,
    EventParticipant,
    Evidence,
    Person,
    PersonAlias,
    PersonRole,
    RelationLevel,
    TradeFigure,
)
from store.seed_files import (
    AgreementSeed,
    ArticleSeed,
    CountryOverride,
    EventSeed,
    RoleSeed,
    SeedBundle,
    TradeSeed,
    country_rows,
)
from store.seed_marker import mark_seeds_loaded
from store.similarity import decode_sketch
from store.textnorm import normalize
from store.uploads import bump_facts_version
from store.visibility import DETACHED


async def load_seeds(session: AsyncSession, bundle: SeedBundle) -> None:
    """Write the bundle; the caller commits. Safe to run any number of times."""
    await _load_countries(session, bundle.countries)
    articles = await _upsert_by_key(session, Article, [_article_values(a) for a in bundle.articles])
    article_ids = {key: row.id for key, row in articles.items()}
    person_ids = await _load_people(session, bundle, article_ids)
    event_ids = await _load_events(session, bundle, person_ids, article_ids)
    agreement_ids = await _load_agreements(session, bundle, event_ids, article_ids)
    await _load_trade_and_relations(session, bundle, agreement_ids, article_ids)
    await _withdraw_removed(session, bundle)
    # Cards cached in every process are keyed by this version: a seed load changes facts.
    await bump_facts_version(session)
    await mark_seeds_loaded(session, bundle.fingerprint)
    await session.flush()


async def _load_people(
    session: AsyncSession, bundle: SeedBundle, article_ids: dict[str, int]
) -> dict[str, int]:
    people = await _upsert_by_key(
        session,
        Person,
        [{"key": p.key, "name_ru": p.name_ru, "name_en": p.name_en} for p in bundle.people],
    )
    for seed in bundle.people:
        person = people[seed.key]
        names = {seed.name_ru, *(seed.aliases)} | ({seed.name_en} if seed.name_en else set())
        await _sync_links(session, PersonAlias, {"person_id": person.id}, "alias", names)
        for role_seed in seed.roles:
            role = await _upsert_role(session, person.id, role_seed)
            await _sync_evidence(session, "person_role_id", role.id, role_seed.sources, article_ids)
    return {key: row.id for key, row in people.items()}


async def _load_events(
    session: AsyncSession,
    bundle: SeedBundle,
    person_ids: dict[str, int],
    article_ids: dict[str, int],
) -> dict[str, int]:
    events = await _upsert_by_key(session, Event, [_event_values(e) for e in bundle.facts.events])
    for seed_event in bundle.facts.events:
        row = events[seed_event.key]
        if not row.revision:
            await _sync_event_countries(session, row.id, seed_event)
        await _sync_links(
            session,
            EventParticipant,
            {"event_id": row.id},
            "person_id",
            {person_ids[p] for p in seed_event.participants},
        )
        await _sync_evidence(session, "event_id", row.id, seed_event.sources, article_ids)
    return {key: row.id for key, row in events.items()}


async def _load_agreements(
    session: AsyncSession,
    bundle: SeedBundle,
    event_ids: dict[str, int],
    article_ids: dict[str, int],
) -> dict[str, int]:
    agreements = await _upsert_by_key(
        session, Agreement, [_agreement_values(a, event_ids) for a in bundle.facts.agreements]
    )
    for seed_agreement in bundle.facts.agreements:
        row = agreements[seed_agreement.key]
        if not row.revision:
            await _sync_links(
                session,
                AgreementParty,
                {"agreement_id": row.id},
                "iso2",
                set(seed_agreement.parties),
            )
        await _sync_evidence(session, "agreement_id", row.id, seed_agreement.sources, article_ids)
    return {key: row.id for key, row in agreements.items()}


async def _load_trade_and_relations(
    session: AsyncSession,
    bundle: SeedBundle,
    agreement_ids: dict[str, int],
    article_ids: dict[str, int],
) -> None:
    trade = await _upsert_by_key(
        session, TradeFigure, [_trade_values(t) for t in bundle.facts.trade]
    )
    for seed_trade in bundle.facts.trade:
        await _sync_evidence(
            session, "trade_figure_id", trade[seed_trade.key].id, seed_trade.sources, article_ids
        )
    relations = await _upsert_by_key(
        session,
        RelationLevel,
        [
            {
                "key": r.key,
                "partner_iso2": r.partner,
                "level": r.level,
                "since": r.since,
                "since_precision": r.precision,
                "agreement_id": agreement_ids[r.agreement] if r.agreement else None,
                "note": r.note,
                "note_en": r.note_en,
            }
            for r in bundle.facts.relations
        ],
    )
    for seed_relation in bundle.facts.relations:
        await _sync_evidence(
            session,
            "relation_level_id",
            relations[seed_relation.key].id,
            seed_relation.sources,
            article_ids,
        )


async def _withdraw_removed(session: AsyncSession, bundle: SeedBundle) -> None:
    """A fact deleted from the seed files loses its curated sources, and with them its
    place in every card and list (facts show only with a published source). Rows stay:
    an uploaded article may support the same fact, and then it stays visible through it.
    Facts of uploads have no curated sources and are never touched."""
    curated = Evidence.status == "curated"
    for model, column, keys in (
        (Event, Evidence.event_id, [e.key for e in bundle.facts.events]),
        (Agreement, Evidence.agreement_id, [a.key for a in bundle.facts.agreements]),
        (TradeFigure, Evidence.trade_figure_id, [t.key for t in bundle.facts.trade]),
        (RelationLevel, Evidence.relation_level_id, [r.key for r in bundle.facts.relations]),
    ):
        removed = select(model.id).where(model.key.not_in(keys))
        await session.execute(delete(Evidence).where(curated, column.in_(removed)))


async def _load_countries(session: AsyncSession, overrides: dict[str, CountryOverride]) -> None:
    existing = {c.iso2: c for c in (await session.scalars(select(Country))).all()}
    rows = country_rows(overrides)
    for values, _aliases in rows:
        country = existing.get(values["iso2"])
        if country is None:
            session.add(Country(**values))
        else:
            _assign(country, values)
    await session.flush()
    current: dict[str, set[tuple[str, str]]] = {}
    for alias in (await session.scalars(select(CountryAlias))).all():
        current.setdefault(alias.iso2, set()).add((alias.alias, alias.kind))
    for values, aliases in rows:
        code = values["iso2"]
        wanted = set(aliases)
        have = current.get(code, set())
        for alias_text, kind in sorted(have - wanted):
            await session.execute(
                delete(CountryAlias).where(
                    CountryAlias.iso2 == code,
                    CountryAlias.alias == alias_text,
                    CountryAlias.kind == kind,
                )
            )
        session.add_all(
            CountryAlias(iso2=code, alias=alias_text, kind=kind)
            for alias_text, kind in sorted(wanted - have)
        )
    await session.flush()


Row = TypeVar("Row", Article, Person, Event, Agreement, TradeFigure, RelationLevel)


async def _upsert_by_key(
    session: AsyncSession, model: type[Row], values_list: Sequence[dict[str, Any]]
) -> dict[str, Row]:
    keys = [values["key"] for values in values_list]
    found = (
        {
            row.key: row
            for row in (await session.scalars(select(model).where(model.key.in_(keys)))).all()
        }
        if keys
        else {}
    )
    for values in values_list:
        row = found.get(values["key"])
        if row is None:
            row = model(**values)
            session.add(row)
            found[values["key"]] = row
        elif not getattr(row, "revision", 0):
            # a fact an admin corrected (/fix) keeps the admin's values
            _assign(row, values)
    await session.flush()
    return found


def _assign(row: Any, values: dict[str, Any]) -> None:
    # Only touch changed attributes, so a second load issues no UPDATE at all.
    for name, value in values.items():
        if getattr(row, name) != value:
            setattr(row, name, value)


async def _upsert_role(session: AsyncSession, person_id: int, seed: RoleSeed) -> PersonRole:
    role = await session.scalar(
        select(PersonRole).where(
            PersonRole.person_id == person_id,
            PersonRole.title_ru == seed.title_ru,
            PersonRole.country_iso2 == seed.country,
        )
    )
    if role is None:
        # an admin may have corrected this role's wording or country: that row is the role
        role = await session.scalar(
            select(PersonRole)
            .where(PersonRole.person_id == person_id, PersonRole.revision > 0)
            .order_by(PersonRole.id)
            .limit(1)
        )
    if role is None:
        role = PersonRole(
            person_id=person_id,
            title_ru=seed.title_ru,
            title_en=seed.title_en,
            country_iso2=seed.country,
        )
        session.add(role)
        await session.flush()
    elif not role.revision:
        _assign(role, {"title_en": seed.title_en})
    return role


async def _sync_links(
    session: AsyncSession, model: Any, fixed: dict[str, Any], column: str, wanted: set[Any]
) -> None:
    """Make the link rows for one owner exactly `wanted` (values of `column`)."""
    conditions = [getattr(model, name) == value for name, value in fixed.items()]
    have = set((await session.scalars(select(getattr(model, column)).where(*conditions))).all())
    stale = have - wanted
    if stale:
        await session.execute(delete(model).where(*conditions, getattr(model, column).in_(stale)))
    session.add_all(model(**fixed, **{column: value}) for value in sorted(wanted - have))


async def _sync_event_countries(session: AsyncSession, event_id: int, seed: EventSeed) -> None:
    wanted = {code: role for role, codes in seed.countries.items() for code in codes}
    have = {
        row.iso2: row
        for row in (
            await session.scalars(select(EventCountry).where(EventCountry.event_id == event_id))
        ).all()
    }
    for code, row in have.items():
        if code not in wanted:
            await session.delete(row)
        elif row.role != wanted[code]:
            row.role = wanted[code]
    session.add_all(
        EventCountry(event_id=event_id, iso2=code, role=role)
        for code, role in sorted(wanted.items())
        if code not in have
    )


async def _sync_evidence(
    session: AsyncSession,
    fact_column: str,
    fact_id: int,
    sources: list[str],
    article_ids: dict[str, int],
) -> None:
    """Curated evidence for one fact: one row per source article, nothing else curated."""
    column = getattr(Evidence, fact_column)
    # a curated source an admin detached stays detached: it counts as present
    curated = Evidence.status.in_(("curated", DETACHED + "curated"))
    rows = (await session.scalars(select(Evidence).where(column == fact_id, curated))).all()
    wanted = {article_ids[key] for key in sources}
    for row in rows:
        if row.article_id not in wanted:
            await session.delete(row)
    have = {row.article_id for row in rows}
    session.add_all(
        Evidence(
            article_id=article_id,
            extractor="curated",
            extractor_version="1",
            confidence=1.0,
            status="curated",
            **{fact_column: fact_id},
        )
        for article_id in sorted(wanted - have)
    )


def _article_values(seed: ArticleSeed) -> dict[str, Any]:
    return {
        "key": seed.key,
        "title": seed.title,
        "outlet": seed.outlet,
        "author": seed.author,
        "url": seed.url,
        "published_at": seed.published_at,
        "language": seed.language,
        "content_hash": seed.content_hash,
        "text_hash": seed.text_hash,
        "sketch": decode_sketch(seed.sketch) if seed.sketch else None,
        # no status: a new row is published by default, and an article an admin retracted
        # stays retracted when the seeds are loaded again
    }


def _event_values(seed: EventSeed) -> dict[str, Any]:
    return {
        "key": seed.key,
        "kind": seed.kind,
        "cameo": seed.cameo or CAMEO_BY_KIND.get(seed.kind),
        "date_start": seed.date_start,
        "date_end": seed.date_end,
        "date_precision": seed.precision,
        "place": seed.place,
        "level": seed.level,
        "title": seed.title,
        "summary": seed.summary,
        "title_en": seed.title_en,
        "summary_en": seed.summary_en,
        "place_en": seed.place_en,
    }


def _agreement_values(seed: AgreementSeed, event_ids: dict[str, int]) -> dict[str, Any]:
    return {
        "key": seed.key,
        "title": seed.title,
        "title_norm": normalize(seed.title),
        "alt_titles": list(seed.alt_titles),
        "type": seed.type,
        "quantity": seed.quantity,
        "signed_on": seed.signed_on,
        "signed_precision": seed.precision,
        "place": seed.place,
        "period_start": seed.period[0] if seed.period else None,
        "period_end": seed.period[1] if seed.period else None,
        "status": seed.status,
        "summary": seed.summary,
        "title_en": seed.title_en,
        "summary_en": seed.summary_en,
        "signing_event_id": event_ids[seed.signing_event] if seed.signing_event else None,
    }


def _trade_values(seed: TradeSeed) -> dict[str, Any]:
    return {
        "key": seed.key,
        "reporter_iso2": seed.reporter,
        "partner_iso2": seed.partner,
        "partner_group": seed.partner_group,
        "metric": seed.metric,
        "value": seed.value,
        "unit": seed.unit,
        "year": seed.year,
        "year_end": seed.year_end,
        "kind": seed.kind,
        "target_year": seed.target_year,
        "qualifier": seed.qualifier,
        "note": seed.note,
        "note_en": seed.note_en,
    }
