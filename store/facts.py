"""Read repositories: every query the bot runs lives here, and returns plain records.

A fact is visible when at least one non-rejected evidence row ties it to a published
article; retracting an article hides the facts only it supported.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import Row, and_, exists, false, func, or_, select, union
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import InstrumentedAttribute, aliased

from store.dto import (
    AgreementInfo,
    AgreementTitle,
    CountryAliases,
    CountryCard,
    CountryInfo,
    CountryWithData,
    PersonNames,
    PersonProfile,
    RelationInfo,
    RoleInfo,
    SourceRef,
)
from store.mappers import (
    agreement_infos,
    agreement_rows,
    event_infos,
    event_rows,
    newest_agreements,
    role_info,
    rows_with_total,
    sources_for_facts,
    trade_infos,
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
from store.visibility import (
    HOME,
    agreement_visible,
    current_role,
    event_visible,
    evidence_usable,
    published,
    role_visible,
    trade_visible,
    with_both_parties,
    with_both_sides,
)

if TYPE_CHECKING:
    pass


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
    rows = (await session.scalars(select(Agreement).where(agreement_visible()))).all()
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
        .where(event_visible())
        .group_by(EventCountry.iso2)
    )
    agreement_counts = (
        select(AgreementParty.iso2, func.count())
        .join(Agreement, Agreement.id == AgreementParty.agreement_id)
        .where(agreement_visible())
        .group_by(AgreementParty.iso2)
    )
    trade_counts = (
        select(TradeFigure.partner_iso2, func.count())
        .where(trade_visible(), TradeFigure.partner_iso2.is_not(None))
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


# ------------------------------------------------------------------ facts


async def agreements_by_ids(session: AsyncSession, ids: Sequence[int]) -> list[AgreementInfo]:
    if not ids:
        return []
    query = select(Agreement).where(Agreement.id.in_(ids), agreement_visible())
    found = await agreement_rows(session, query)
    by_id = {info.id: info for info in found}
    return [by_id[i] for i in ids if i in by_id]


async def agreements_page(
    session: AsyncSession, offset: int, limit: int
) -> tuple[list[AgreementInfo], int]:
    total = await session.scalar(
        select(func.count()).select_from(Agreement).where(agreement_visible())
    )
    query = (
        select(Agreement)
        .where(agreement_visible())
        .order_by(*newest_agreements())
        .offset(offset)
        .limit(limit)
    )
    return await agreement_rows(session, query), int(total or 0)


async def country_info(session: AsyncSession, iso2: str) -> CountryInfo | None:
    row = await session.get(Country, iso2)
    if row is None:
        return None
    return CountryInfo(row.iso2, row.iso3, row.name_ru, row.name_en, row.capital_ru, row.capital_en)


RelationRow = Row[RelationLevel, str, dt.date | None, str | None]


async def _relation_rows(session: AsyncSession, iso2: str) -> Sequence[RelationRow]:
    return (
        await session.execute(
            select(RelationLevel, Agreement.title, Agreement.signed_on, Agreement.title_en)
            .outerjoin(Agreement, Agreement.id == RelationLevel.agreement_id)
            .where(
                RelationLevel.partner_iso2 == iso2,
                published(Evidence.relation_level_id, RelationLevel.id),
            )
            .order_by(RelationLevel.since.desc().nulls_last(), RelationLevel.id.desc())
        )
    ).all()


@dataclass(frozen=True)
class _CardRows:
    """The newest facts of each kind on a card, with how many there are in all."""

    events: list[Any]
    events_total: int
    agreements: list[Any]
    agreements_total: int
    trade: list[Any]
    trade_total: int


async def _card_rows(
    session: AsyncSession, iso2: str, events: int, agreements: int, trade: int
) -> _CardRows:
    # Each list's total comes from a window count in the same scan, not a second query.
    total = func.count().over().label("total")
    event_rows, events_total = await rows_with_total(
        session,
        with_both_sides(select(Event, total), iso2)
        .order_by(Event.date_start.desc().nulls_last(), Event.id.desc())
        .limit(events),
    )
    agreement_rows, agreements_total = await rows_with_total(
        session,
        with_both_parties(select(Agreement, total), iso2)
        .order_by(*newest_agreements())
        .limit(agreements),
    )
    trade_rows, trade_total = await rows_with_total(
        session,
        select(TradeFigure, total)
        .where(
            trade_visible(),
            or_(TradeFigure.partner_iso2 == iso2, TradeFigure.reporter_iso2 == iso2),
        )
        .order_by(
            func.coalesce(TradeFigure.year, TradeFigure.target_year).desc().nulls_last(),
            TradeFigure.kind,
            TradeFigure.id.desc(),
        )
        .limit(trade),
    )
    return _CardRows(
        event_rows, events_total, agreement_rows, agreements_total, trade_rows, trade_total
    )


def _relations(
    rows: Sequence[RelationRow], sources: dict[int, tuple[SourceRef, ...]]
) -> tuple[RelationInfo, ...]:
    return tuple(
        RelationInfo(
            rel.level,
            rel.since,
            rel.since_precision,
            title,
            signed_on,
            rel.note,
            sources.get(rel.id, ()),
            title_en,
            rel.note_en,
        )
        for rel, title, signed_on, title_en in rows
    )


async def country_card(
    session: AsyncSession,
    iso2: str,
    *,
    events: int = 5,
    agreements: int = 8,
    trade: int = 8,
) -> CountryCard | None:
    country = await country_info(session, iso2)
    if country is None:
        return None
    relation_rows = await _relation_rows(session, iso2)
    rows = await _card_rows(session, iso2, events, agreements, trade)
    # One round trip for the sources of every fact on the card.
    found = await sources_for_facts(
        session,
        {
            Evidence.relation_level_id: [row[0].id for row in relation_rows],
            Evidence.event_id: [row.id for row in rows.events],
            Evidence.agreement_id: [row.id for row in rows.agreements],
            Evidence.trade_figure_id: [row.id for row in rows.trade],
        },
    )

    def sources_of(column: InstrumentedAttribute[Any]) -> dict[int, tuple[SourceRef, ...]]:
        return {fact_id: refs for (name, fact_id), refs in found.items() if name == column.key}

    relations = _relations(relation_rows, sources_of(Evidence.relation_level_id))
    event_list = await event_infos(session, rows.events, sources_of(Evidence.event_id))
    agreement_list = await agreement_infos(
        session, rows.agreements, sources_of(Evidence.agreement_id)
    )
    trade_list = await trade_infos(session, rows.trade, sources_of(Evidence.trade_figure_id))
    shown_sources = {
        ref.article_id
        for group in (relations, event_list, agreement_list, trade_list)
        for fact in group
        for ref in fact.sources
    }
    return CountryCard(
        country=country,
        relations=relations,
        agreements=tuple(agreement_list),
        agreements_total=int(rows.agreements_total or 0),
        events=tuple(event_list),
        events_total=int(rows.events_total or 0),
        trade=tuple(trade_list),
        trade_total=int(rows.trade_total or 0),
        people=tuple(await _people_for_country(session, iso2, [e.id for e in event_list])),
        sources_total=max(await _count_country_sources(session, iso2), len(shown_sources)),
    )


async def _people_for_country(
    session: AsyncSession, iso2: str, event_ids: Sequence[int], limit: int = 10
) -> list[RoleInfo]:
    """Officials of that country, then Kazakh officials who took part in the shown contacts."""
    query = (
        select(PersonRole, Person)
        .join(Person, Person.id == PersonRole.person_id)
        .where(role_visible())
    )
    took_part = (
        and_(
            PersonRole.country_iso2 == HOME,
            exists().where(
                EventParticipant.person_id == Person.id,
                EventParticipant.event_id.in_(event_ids),
            ),
        )
        if event_ids and iso2 != HOME
        else false()
    )
    rows = (
        await session.execute(
            query.where(or_(PersonRole.country_iso2 == iso2, took_part), current_role())
            # that country's own officials first
            .order_by((PersonRole.country_iso2 != iso2), Person.id)
            .limit(limit)
        )
    ).all()
    return [role_info(role, person) for role, person in rows]


async def _count_country_sources(session: AsyncSession, iso2: str) -> int:
    """Published articles behind any fact of the card, counted once each."""
    usable = evidence_usable()
    partner_event, home_event = aliased(EventCountry), aliased(EventCountry)
    partner_party, home_party = aliased(AgreementParty), aliased(AgreementParty)
    article_ids = union(
        select(Evidence.article_id)
        .join(
            partner_event,
            and_(partner_event.event_id == Evidence.event_id, partner_event.iso2 == iso2),
        )
        .join(home_event, and_(home_event.event_id == Evidence.event_id, home_event.iso2 == HOME))
        .where(usable),
        select(Evidence.article_id)
        .join(
            partner_party,
            and_(partner_party.agreement_id == Evidence.agreement_id, partner_party.iso2 == iso2),
        )
        .join(
            home_party,
            and_(home_party.agreement_id == Evidence.agreement_id, home_party.iso2 == HOME),
        )
        .where(usable),
        select(Evidence.article_id)
        .join(TradeFigure, TradeFigure.id == Evidence.trade_figure_id)
        .where(usable, or_(TradeFigure.partner_iso2 == iso2, TradeFigure.reporter_iso2 == iso2)),
    ).subquery()
    count = await session.scalar(
        select(func.count())
        .select_from(article_ids)
        .join(Article, Article.id == article_ids.c.article_id)
        .where(Article.status == "published")
    )
    return int(count or 0)


async def _roles_with_dates(session: AsyncSession, person: Person) -> tuple[RoleInfo, ...]:
    """The person's shown roles, each with the dates of the first and last article on it."""
    published = and_(Article.id == Evidence.article_id, Article.status == "published")
    rows = (
        await session.execute(
            select(PersonRole, func.min(Article.published_at), func.max(Article.published_at))
            .outerjoin(Evidence, and_(Evidence.person_role_id == PersonRole.id, evidence_usable()))
            .outerjoin(Article, published)
            .where(PersonRole.person_id == person.id, PersonRole.hidden.is_(False))
            .group_by(PersonRole.id)
            # shown while a published article supports it, as `role_visible` says
            .having(func.count(Article.id) > 0)
            .order_by(PersonRole.id)
        )
    ).all()
    return tuple(
        dataclasses.replace(
            role_info(role, person), reported=(first, last) if first and last else None
        )
        for role, first, last in rows
    )


async def person_profile(
    session: AsyncSession, person_id: int, events: int = 10
) -> PersonProfile | None:
    person = await session.get(Person, person_id)
    if person is None:
        return None
    roles = await _roles_with_dates(session, person)
    event_filter = and_(
        event_visible(),
        exists().where(
            EventParticipant.event_id == Event.id, EventParticipant.person_id == person_id
        ),
    )
    event_list = await event_rows(
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
        roles,
        tuple(event_list),
        int(total or 0),
    )


async def people_on_file(session: AsyncSession, limit: int) -> tuple[list[RoleInfo], int]:
    """Shown people with their current role, Kazakhstan's partners' officials first, by
    name; and how many there are."""
    condition = and_(role_visible(), current_role())
    total = await session.scalar(
        select(func.count(func.distinct(PersonRole.person_id))).where(condition)
    )
    rows = (
        await session.execute(
            select(PersonRole, Person)
            .join(Person, Person.id == PersonRole.person_id)
            .where(condition)
            .order_by(PersonRole.country_iso2 == HOME, Person.name_ru, PersonRole.id)
        )
    ).all()
    seen: dict[int, RoleInfo] = {}
    for role, person in rows:
        seen.setdefault(person.id, role_info(role, person))
    return list(seen.values())[:limit], int(total or 0)
