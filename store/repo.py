"""Read repositories: every query the bot runs lives here, and returns plain records.

A fact is visible when at least one non-rejected evidence row ties it to a published
article; retracting an article hides the facts only it supported.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, exists, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import InstrumentedAttribute

from store.dto import (
    AgreementInfo,
    AgreementTitle,
    CountryAliases,
    CountryCard,
    CountryInfo,
    CountryWithData,
    EventInfo,
    PersonNames,
    PersonProfile,
    RelationInfo,
    RoleInfo,
    SourceRef,
    TradeInfo,
)
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

HOME = "KZ"


def _published(fact_column: InstrumentedAttribute[Any], fact_id: Any) -> ColumnElement[bool]:
    return exists().where(
        fact_column == fact_id,
        Evidence.status != "rejected",
        Evidence.article_id == Article.id,
        Article.status == "published",
    )


def _event_visible() -> ColumnElement[bool]:
    return _published(Evidence.event_id, Event.id)


def _agreement_visible() -> ColumnElement[bool]:
    return _published(Evidence.agreement_id, Agreement.id)


def _trade_visible() -> ColumnElement[bool]:
    return _published(Evidence.trade_figure_id, TradeFigure.id)


# ------------------------------------------------------------------ reference data


async def country_aliases(session: AsyncSession) -> list[CountryAliases]:
    aliases: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for iso2, alias, kind in (
        await session.execute(select(CountryAlias.iso2, CountryAlias.alias, CountryAlias.kind))
    ).all():
        aliases[iso2].append((alias, kind))
    countries = (await session.scalars(select(Country).order_by(Country.iso2))).all()
    return [
        CountryAliases(c.iso2, c.name_ru, c.name_en, tuple(sorted(aliases[c.iso2])))
        for c in countries
    ]


async def person_names(session: AsyncSession) -> list[PersonNames]:
    aliases: dict[int, list[str]] = defaultdict(list)
    for person_id, alias in (
        await session.execute(select(PersonAlias.person_id, PersonAlias.alias))
    ).all():
        aliases[person_id].append(alias)
    people = (await session.scalars(select(Person).order_by(Person.id))).all()
    return [PersonNames(p.id, p.name_ru, p.name_en, tuple(sorted(aliases[p.id]))) for p in people]


async def agreement_titles(session: AsyncSession) -> list[AgreementTitle]:
    parties: dict[int, list[str]] = defaultdict(list)
    for agreement_id, iso2 in (
        await session.execute(select(AgreementParty.agreement_id, AgreementParty.iso2))
    ).all():
        parties[agreement_id].append(iso2)
    rows = (await session.scalars(select(Agreement).where(_agreement_visible()))).all()
    return [
        AgreementTitle(
            a.id,
            a.title,
            tuple(a.alt_titles or ()),
            a.type,
            tuple(sorted(parties[a.id])),
            a.signed_on.year if a.signed_on else a.period_start,
        )
        for a in rows
    ]


async def countries_with_data(session: AsyncSession) -> list[CountryWithData]:
    """Partner countries (not Kazakhstan itself) with how many visible facts involve them."""
    counts: dict[str, int] = defaultdict(int)
    event_counts = (
        select(EventCountry.iso2, func.count())
        .join(Event, Event.id == EventCountry.event_id)
        .where(_event_visible())
        .group_by(EventCountry.iso2)
    )
    agreement_counts = (
        select(AgreementParty.iso2, func.count())
        .join(Agreement, Agreement.id == AgreementParty.agreement_id)
        .where(_agreement_visible())
        .group_by(AgreementParty.iso2)
    )
    trade_counts = (
        select(TradeFigure.partner_iso2, func.count())
        .where(_trade_visible(), TradeFigure.partner_iso2.is_not(None))
        .group_by(TradeFigure.partner_iso2)
    )
    for query in (event_counts, agreement_counts, trade_counts):
        for iso2, count in (await session.execute(query)).all():
            if iso2 is not None:
                counts[iso2] += count
    counts.pop(HOME, None)
    if not counts:
        return []
    countries = (await session.scalars(select(Country).where(Country.iso2.in_(counts)))).all()
    result = [CountryWithData(c.iso2, c.name_ru, c.name_en, counts[c.iso2]) for c in countries]
    return sorted(result, key=lambda c: (-c.facts, c.name_ru))


# ------------------------------------------------------------------ sources


async def _sources_for(
    session: AsyncSession, fact_column: InstrumentedAttribute[Any], fact_ids: Iterable[int]
) -> dict[int, tuple[SourceRef, ...]]:
    ids = list(fact_ids)
    if not ids:
        return {}
    query = (
        select(fact_column, Article)
        .join(Article, Article.id == Evidence.article_id)
        .where(fact_column.in_(ids), Evidence.status != "rejected", Article.status == "published")
        .order_by(Article.published_at.desc(), Article.id)
    )
    found: dict[int, list[SourceRef]] = defaultdict(list)
    for fact_id, article in (await session.execute(query)).all():
        found[fact_id].append(_source(article))
    return {fact_id: tuple(refs) for fact_id, refs in found.items()}


def _source(article: Article) -> SourceRef:
    return SourceRef(
        article.id,
        article.title,
        article.outlet,
        article.author,
        article.published_at,
        article.url,
    )


# ------------------------------------------------------------------ facts


async def _events(session: AsyncSession, query: Select[Any]) -> list[EventInfo]:
    rows: Sequence[Event] = (await session.scalars(query)).all()
    ids = [row.id for row in rows]
    if not ids:
        return []
    countries: dict[int, list[tuple[str, str]]] = defaultdict(list)
    for event_id, iso2, role in (
        await session.execute(
            select(EventCountry.event_id, EventCountry.iso2, EventCountry.role)
            .where(EventCountry.event_id.in_(ids))
            .order_by(EventCountry.event_id, EventCountry.role.desc(), EventCountry.iso2)
        )
    ).all():
        countries[event_id].append((iso2, role))
    participants: dict[int, list[str]] = defaultdict(list)
    for event_id, name in (
        await session.execute(
            select(EventParticipant.event_id, Person.name_ru)
            .join(Person, Person.id == EventParticipant.person_id)
            .where(EventParticipant.event_id.in_(ids))
            .order_by(EventParticipant.event_id, Person.id)
        )
    ).all():
        participants[event_id].append(name)
    sources = await _sources_for(session, Evidence.event_id, ids)
    return [
        EventInfo(
            row.id,
            row.kind,
            row.title,
            row.date_start,
            row.date_end,
            row.date_precision,
            row.place,
            row.level,
            tuple(countries[row.id]),
            tuple(participants[row.id]),
            row.summary,
            sources.get(row.id, ()),
        )
        for row in rows
    ]


async def _agreements(session: AsyncSession, query: Select[Any]) -> list[AgreementInfo]:
    rows: Sequence[Agreement] = (await session.scalars(query)).all()
    ids = [row.id for row in rows]
    if not ids:
        return []
    parties: dict[int, list[str]] = defaultdict(list)
    for agreement_id, iso2 in (
        await session.execute(
            select(AgreementParty.agreement_id, AgreementParty.iso2)
            .where(AgreementParty.agreement_id.in_(ids))
            .order_by(AgreementParty.agreement_id, AgreementParty.iso2)
        )
    ).all():
        parties[agreement_id].append(iso2)
    sources = await _sources_for(session, Evidence.agreement_id, ids)
    return [
        AgreementInfo(
            row.id,
            row.title,
            row.type,
            row.quantity,
            _home_first(parties[row.id]),
            row.signed_on,
            row.signed_precision,
            row.place,
            row.period_start,
            row.period_end,
            row.status,
            row.summary,
            sources.get(row.id, ()),
        )
        for row in rows
    ]


def _home_first(codes: Sequence[str]) -> tuple[str, ...]:
    return tuple(sorted(codes, key=lambda code: (code != HOME, code)))


def _newest_agreements() -> tuple[Any, ...]:
    # Undated (planned) documents go last; among dated ones the newest first.
    return (
        Agreement.signed_on.is_(None),
        Agreement.signed_on.desc(),
        Agreement.period_start.desc(),
        Agreement.id.desc(),
    )


async def agreements_by_ids(session: AsyncSession, ids: Sequence[int]) -> list[AgreementInfo]:
    if not ids:
        return []
    found = await _agreements(session, select(Agreement).where(Agreement.id.in_(ids)))
    by_id = {info.id: info for info in found}
    return [by_id[i] for i in ids if i in by_id]


async def agreements_page(
    session: AsyncSession, offset: int, limit: int
) -> tuple[list[AgreementInfo], int]:
    total = await session.scalar(
        select(func.count()).select_from(Agreement).where(_agreement_visible())
    )
    query = (
        select(Agreement)
        .where(_agreement_visible())
        .order_by(*_newest_agreements())
        .offset(offset)
        .limit(limit)
    )
    return await _agreements(session, query), int(total or 0)


async def _trade(session: AsyncSession, query: Select[Any]) -> list[TradeInfo]:
    rows: Sequence[TradeFigure] = (await session.scalars(query)).all()
    sources = await _sources_for(session, Evidence.trade_figure_id, [row.id for row in rows])
    return [
        TradeInfo(
            row.id,
            row.reporter_iso2,
            row.partner_iso2,
            row.partner_group,
            row.metric,
            row.value,
            row.unit,
            row.year,
            row.year_end,
            row.kind,
            row.target_year,
            row.qualifier,
            row.note,
            sources.get(row.id, ()),
        )
        for row in rows
    ]


async def country_info(session: AsyncSession, iso2: str) -> CountryInfo | None:
    row = await session.get(Country, iso2)
    if row is None:
        return None
    return CountryInfo(row.iso2, row.iso3, row.name_ru, row.name_en, row.capital_ru, row.capital_en)


async def country_card(
    session: AsyncSession,
    iso2: str,
    *,
    events: int = 5,
    agreements: int = 8,
    trade: int = 8,
    sources: int = 8,
) -> CountryCard | None:
    country = await country_info(session, iso2)
    if country is None:
        return None

    relation_rows = (
        await session.execute(
            select(RelationLevel, Agreement.title, Agreement.signed_on)
            .outerjoin(Agreement, Agreement.id == RelationLevel.agreement_id)
            .where(
                RelationLevel.partner_iso2 == iso2,
                _published(Evidence.relation_level_id, RelationLevel.id),
            )
            .order_by(RelationLevel.since.desc().nulls_last(), RelationLevel.id.desc())
        )
    ).all()
    relation_sources = await _sources_for(
        session, Evidence.relation_level_id, [row[0].id for row in relation_rows]
    )
    relations = tuple(
        RelationInfo(
            rel.level,
            rel.since,
            rel.since_precision,
            title,
            signed_on,
            rel.note,
            relation_sources.get(rel.id, ()),
        )
        for rel, title, signed_on in relation_rows
    )

    # The card is about relations with Kazakhstan: both sides must be involved.
    sides = {iso2, HOME}
    event_filter = and_(
        _event_visible(),
        *(
            exists().where(EventCountry.event_id == Event.id, EventCountry.iso2 == side)
            for side in sides
        ),
    )
    event_list = await _events(
        session,
        select(Event)
        .where(event_filter)
        .order_by(Event.date_start.desc().nulls_last(), Event.id.desc())
        .limit(events),
    )
    events_total = await session.scalar(select(func.count()).select_from(Event).where(event_filter))

    agreement_filter = and_(
        _agreement_visible(),
        *(
            exists().where(AgreementParty.agreement_id == Agreement.id, AgreementParty.iso2 == side)
            for side in sides
        ),
    )
    agreement_list = await _agreements(
        session,
        select(Agreement).where(agreement_filter).order_by(*_newest_agreements()).limit(agreements),
    )
    agreements_total = await session.scalar(
        select(func.count()).select_from(Agreement).where(agreement_filter)
    )

    trade_filter = and_(
        _trade_visible(),
        or_(TradeFigure.partner_iso2 == iso2, TradeFigure.reporter_iso2 == iso2),
    )
    trade_list = await _trade(
        session,
        select(TradeFigure)
        .where(trade_filter)
        .order_by(
            func.coalesce(TradeFigure.year, TradeFigure.target_year).desc().nulls_last(),
            TradeFigure.kind,
            TradeFigure.id.desc(),
        )
        .limit(trade),
    )
    trade_total = await session.scalar(
        select(func.count()).select_from(TradeFigure).where(trade_filter)
    )

    people = await _people_for_country(session, iso2, [e.id for e in event_list])

    shown_sources: dict[int, SourceRef] = {}
    for group in (relations, event_list, agreement_list, trade_list):
        for fact in group:
            for ref in fact.sources:
                shown_sources.setdefault(ref.article_id, ref)
    ordered_sources = sorted(
        shown_sources.values(),
        key=lambda ref: (
            ref.published_at is None,
            -(ref.published_at.toordinal() if ref.published_at else 0),
            ref.article_id,
        ),
    )
    sources_total = await _count_country_sources(session, iso2)
    return CountryCard(
        country=country,
        relations=relations,
        agreements=tuple(agreement_list),
        agreements_total=int(agreements_total or 0),
        events=tuple(event_list),
        events_total=int(events_total or 0),
        trade=tuple(trade_list),
        trade_total=int(trade_total or 0),
        people=tuple(people),
        sources=tuple(ordered_sources[:sources]),
        sources_total=max(sources_total, len(shown_sources)),
    )


async def _people_for_country(
    session: AsyncSession, iso2: str, event_ids: Sequence[int], limit: int = 10
) -> list[RoleInfo]:
    """Officials of that country, then Kazakh officials who took part in the shown contacts."""
    query = (
        select(PersonRole, Person)
        .join(Person, Person.id == PersonRole.person_id)
        .where(_published(Evidence.person_role_id, PersonRole.id))
    )
    own = (
        await session.execute(
            query.where(PersonRole.country_iso2 == iso2).order_by(Person.id).limit(limit)
        )
    ).all()
    ours: Sequence[Any] = []
    if event_ids and iso2 != HOME:
        ours = (
            await session.execute(
                query.where(
                    PersonRole.country_iso2 == HOME,
                    exists().where(
                        EventParticipant.person_id == Person.id,
                        EventParticipant.event_id.in_(event_ids),
                    ),
                ).order_by(Person.id)
            )
        ).all()
    people = [
        RoleInfo(
            person.id,
            person.name_ru,
            person.name_en,
            role.title_ru,
            role.title_en,
            role.country_iso2,
        )
        for role, person in [*own, *ours]
    ]
    return people[:limit]


async def _count_country_sources(session: AsyncSession, iso2: str) -> int:
    fact_matches = or_(
        exists().where(EventCountry.event_id == Evidence.event_id, EventCountry.iso2 == iso2),
        exists().where(
            AgreementParty.agreement_id == Evidence.agreement_id, AgreementParty.iso2 == iso2
        ),
        exists().where(
            TradeFigure.id == Evidence.trade_figure_id,
            or_(TradeFigure.partner_iso2 == iso2, TradeFigure.reporter_iso2 == iso2),
        ),
    )
    count = await session.scalar(
        select(func.count(func.distinct(Evidence.article_id)))
        .join(Article, Article.id == Evidence.article_id)
        .where(Article.status == "published", Evidence.status != "rejected", fact_matches)
    )
    return int(count or 0)


async def person_profile(
    session: AsyncSession, person_id: int, events: int = 10
) -> PersonProfile | None:
    person = await session.get(Person, person_id)
    if person is None:
        return None
    roles = (
        await session.scalars(
            select(PersonRole).where(PersonRole.person_id == person_id).order_by(PersonRole.id)
        )
    ).all()
    event_filter = and_(
        _event_visible(),
        exists().where(
            EventParticipant.event_id == Event.id, EventParticipant.person_id == person_id
        ),
    )
    event_list = await _events(
        session,
        select(Event)
        .where(event_filter)
        .order_by(Event.date_start.desc().nulls_last(), Event.id.desc())
        .limit(events),
    )
    total = await session.scalar(select(func.count()).select_from(Event).where(event_filter))
    return PersonProfile(
        person.id,
        person.name_ru,
        person.name_en,
        tuple(
            RoleInfo(
                person.id, person.name_ru, person.name_en, r.title_ru, r.title_en, r.country_iso2
            )
            for r in roles
        ),
        tuple(event_list),
        int(total or 0),
    )
