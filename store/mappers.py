"""Rows -> DTOs: events, documents, trade figures and roles with their numbered sources,
newest source first. Every repository module maps through these."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from sqlalchemy import or_, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import InstrumentedAttribute

from store.dto import (
    AgreementInfo,
    EventInfo,
    RoleInfo,
    SourceRef,
    TradeInfo,
)

if TYPE_CHECKING:
    from store.visibility import AnySelect
import datetime as dt

from store.models import (
    Agreement,
    AgreementParty,
    Article,
    Event,
    EventCountry,
    EventParticipant,
    Evidence,
    Person,
    PersonRole,
    TradeFigure,
)
from store.visibility import HOME, evidence_usable


def role_info(role: PersonRole, person: Person) -> RoleInfo:
    return RoleInfo(
        person.id,
        person.name_ru,
        person.name_en,
        role.title_ru,
        role.title_en,
        role.country_iso2,
        role.id,
    )


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
            select(Evidence.article_id, *columns).where(or_(*conditions), evidence_usable())
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
    participants: dict[int, list[tuple[str, str | None, str | None]]] = defaultdict(list)
    # the country a participant represents: of their roles, the first on file
    represents = (
        select(PersonRole.country_iso2)
        .where(PersonRole.person_id == Person.id, PersonRole.country_iso2.is_not(None))
        .order_by(PersonRole.id)
        .limit(1)
        .scalar_subquery()
    )
    for event_id, name, name_en, country in (
        await session.execute(
            select(EventParticipant.event_id, Person.name_ru, Person.name_en, represents)
            .join(Person, Person.id == EventParticipant.person_id)
            .where(EventParticipant.event_id.in_(ids))
            .order_by(EventParticipant.event_id, Person.id)
        )
    ).all():
        participants[event_id].append((name, name_en, country))
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
            tuple(name for name, _, _ in participants[row.id]),
            row.summary,
            sources.get(row.id, ()),
            tuple(name_en for _, name_en, _ in participants[row.id]),
            row.title_en,
            row.summary_en,
            row.place_en,
            tuple(country for _, _, country in participants[row.id]),
            row.planned,
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
            row.title_en,
            row.summary_en,
            row.title_en_sure is not False,
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
            row.note_en,
        )
        for row in rows
    ]


async def rows_with_total(session: AsyncSession, query: AnySelect) -> tuple[list[Any], int]:
    rows = (await session.execute(query)).all()
    return [row[0] for row in rows], int(rows[0][1]) if rows else 0


def aware(moment: dt.datetime | None) -> dt.datetime | None:
    """SQLite hands back naive datetimes; everything stored is UTC."""
    if moment is not None and moment.tzinfo is None:
        return moment.replace(tzinfo=dt.UTC)
    return moment
