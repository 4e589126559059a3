"""Read repositories: every query the bot runs lives here, and returns plain records.

A fact is visible when at least one non-rejected evidence row ties it to a published
article; retracting an article hides the facts only it supported.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from sqlalchemy import ColumnElement, Select, and_, exists, false, func, or_, select, union
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import InstrumentedAttribute, aliased

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

if TYPE_CHECKING:
    # Select is variadic in SQLAlchemy 2.1: any row shape.
    AnySelect = Select[*tuple[Any, ...]]


def published(fact_column: InstrumentedAttribute[Any], fact_id: Any) -> ColumnElement[bool]:
    # Nested rather than joined: the only way to evaluate it is from the fact's own evidence
    # rows (indexed) to each article by primary key, whatever the planner's statistics say.
    return exists().where(
        fact_column == fact_id,
        Evidence.status != "rejected",
        exists().where(Article.id == Evidence.article_id, Article.status == "published"),
    )


def event_visible() -> ColumnElement[bool]:
    return published(Evidence.event_id, Event.id)


def agreement_visible() -> ColumnElement[bool]:
    return published(Evidence.agreement_id, Agreement.id)


def trade_visible() -> ColumnElement[bool]:
    return published(Evidence.trade_figure_id, TradeFigure.id)


def role_info(role: PersonRole, person: Person) -> RoleInfo:
    return RoleInfo(
        person.id, person.name_ru, person.name_en, role.title_ru, role.title_en, role.country_iso2
    )


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


FactKey = tuple[str, int]  # (evidence column name, fact id)


async def sources_for_facts(
    session: AsyncSession, wanted: dict[InstrumentedAttribute[Any], Iterable[int]]
) -> dict[FactKey, tuple[SourceRef, ...]]:
    """Published articles behind each fact, newest first, for several kinds of fact in two
    queries: evidence rows by fact (indexed), then articles by key. Two index-driven steps
    also leave no planner the choice of starting from the articles table."""
    conditions = [column.in_(list(ids)) for column, ids in wanted.items() if ids]
    if not conditions:
        return {}
    columns = list(wanted)
    links = (
        await session.execute(
            select(Evidence.article_id, *columns).where(
                or_(*conditions), Evidence.status != "rejected"
            )
        )
    ).all()
    article_ids = {row[0] for row in links}
    articles = {
        article.id: source_ref(article)
        for article in (
            await session.scalars(
                select(Article).where(Article.id.in_(article_ids), Article.status == "published")
            )
        ).all()
    }
    found: dict[FactKey, list[SourceRef]] = defaultdict(list)
    for article_id, *fact_ids in links:
        if article_id not in articles:
            continue
        for column, fact_id in zip(columns, fact_ids, strict=True):
            if fact_id is not None:
                found[(column.key, fact_id)].append(articles[article_id])
    return {key: tuple(sorted(refs, key=newest_source_first)) for key, refs in found.items()}


async def sources_for(
    session: AsyncSession, fact_column: InstrumentedAttribute[Any], fact_ids: Iterable[int]
) -> dict[int, tuple[SourceRef, ...]]:
    found = await sources_for_facts(session, {fact_column: fact_ids})
    return {fact_id: refs for (_column, fact_id), refs in found.items()}


def newest_source_first(ref: SourceRef) -> tuple[bool, int, int]:
    return (
        ref.published_at is None,
        -(ref.published_at.toordinal() if ref.published_at else 0),
        ref.article_id,
    )


def source_ref(article: Article) -> SourceRef:
    return SourceRef(
        article.id,
        article.title,
        article.outlet,
        article.author,
        article.published_at,
        article.url,
    )


# ------------------------------------------------------------------ facts


async def event_rows(session: AsyncSession, query: AnySelect) -> list[EventInfo]:
    return await event_infos(session, (await session.scalars(query)).all())


async def event_infos(
    session: AsyncSession,
    rows: Sequence[Event],
    sources: dict[int, tuple[SourceRef, ...]] | None = None,
) -> list[EventInfo]:
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
    if sources is None:
        sources = await sources_for(session, Evidence.event_id, ids)
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


async def agreement_rows(session: AsyncSession, query: AnySelect) -> list[AgreementInfo]:
    return await agreement_infos(session, (await session.scalars(query)).all())


async def agreement_infos(
    session: AsyncSession,
    rows: Sequence[Agreement],
    sources: dict[int, tuple[SourceRef, ...]] | None = None,
) -> list[AgreementInfo]:
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
    if sources is None:
        sources = await sources_for(session, Evidence.agreement_id, ids)
    return [
        AgreementInfo(
            row.id,
            row.title,
            row.type,
            row.quantity,
            home_first(parties[row.id]),
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


def home_first(codes: Sequence[str]) -> tuple[str, ...]:
    return tuple(sorted(codes, key=lambda code: (code != HOME, code)))


def newest_agreements() -> tuple[Any, ...]:
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
    found = await agreement_rows(session, select(Agreement).where(Agreement.id.in_(ids)))
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


async def trade_infos(
    session: AsyncSession,
    rows: Sequence[TradeFigure],
    sources: dict[int, tuple[SourceRef, ...]] | None = None,
) -> list[TradeInfo]:
    if sources is None:
        sources = await sources_for(session, Evidence.trade_figure_id, [row.id for row in rows])
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


async def rows_with_total(session: AsyncSession, query: AnySelect) -> tuple[list[Any], int]:
    rows = (await session.execute(query)).all()
    return [row[0] for row in rows], int(rows[0][1]) if rows else 0


def with_both_sides(query: AnySelect, iso2: str) -> AnySelect:
    """Visible events involving the country and Kazakhstan; the joins start from the
    indexed country link rows, so only that country's events are read."""
    partner, home = aliased(EventCountry), aliased(EventCountry)
    return (
        query.select_from(Event)
        .join(partner, and_(partner.event_id == Event.id, partner.iso2 == iso2))
        .join(home, and_(home.event_id == Event.id, home.iso2 == HOME))
        .where(event_visible())
    )


def with_both_parties(query: AnySelect, iso2: str) -> AnySelect:
    partner, home = aliased(AgreementParty), aliased(AgreementParty)
    return (
        query.select_from(Agreement)
        .join(partner, and_(partner.agreement_id == Agreement.id, partner.iso2 == iso2))
        .join(home, and_(home.agreement_id == Agreement.id, home.iso2 == HOME))
        .where(agreement_visible())
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

    relation_rows = (
        await session.execute(
            select(RelationLevel, Agreement.title, Agreement.signed_on)
            .outerjoin(Agreement, Agreement.id == RelationLevel.agreement_id)
            .where(
                RelationLevel.partner_iso2 == iso2,
                published(Evidence.relation_level_id, RelationLevel.id),
            )
            .order_by(RelationLevel.since.desc().nulls_last(), RelationLevel.id.desc())
        )
    ).all()
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
    # One round trip for the sources of every fact on the card.
    found = await sources_for_facts(
        session,
        {
            Evidence.relation_level_id: [row[0].id for row in relation_rows],
            Evidence.event_id: [row.id for row in event_rows],
            Evidence.agreement_id: [row.id for row in agreement_rows],
            Evidence.trade_figure_id: [row.id for row in trade_rows],
        },
    )

    def sources_of(column: InstrumentedAttribute[Any]) -> dict[int, tuple[SourceRef, ...]]:
        return {fact_id: refs for (name, fact_id), refs in found.items() if name == column.key}

    relation_sources = sources_of(Evidence.relation_level_id)
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
    event_list = await event_infos(session, event_rows, sources_of(Evidence.event_id))
    agreement_list = await agreement_infos(
        session, agreement_rows, sources_of(Evidence.agreement_id)
    )
    trade_list = await trade_infos(session, trade_rows, sources_of(Evidence.trade_figure_id))

    people = await _people_for_country(session, iso2, [e.id for e in event_list])

    shown_sources = {
        ref.article_id
        for group in (relations, event_list, agreement_list, trade_list)
        for fact in group
        for ref in fact.sources
    }
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
        sources_total=max(sources_total, len(shown_sources)),
    )


async def _people_for_country(
    session: AsyncSession, iso2: str, event_ids: Sequence[int], limit: int = 10
) -> list[RoleInfo]:
    """Officials of that country, then Kazakh officials who took part in the shown contacts."""
    query = (
        select(PersonRole, Person)
        .join(Person, Person.id == PersonRole.person_id)
        .where(published(Evidence.person_role_id, PersonRole.id))
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
            query.where(or_(PersonRole.country_iso2 == iso2, took_part))
            # that country's own officials first
            .order_by((PersonRole.country_iso2 != iso2), Person.id)
            .limit(limit)
        )
    ).all()
    people = [role_info(role, person) for role, person in rows]
    return people


async def _count_country_sources(session: AsyncSession, iso2: str) -> int:
    """Published articles behind any fact of the card, counted once each."""
    usable = Evidence.status != "rejected"
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
        tuple(role_info(role, person) for role in roles),
        tuple(event_list),
        int(total or 0),
    )
