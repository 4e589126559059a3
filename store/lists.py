"""Paged lists: stored list views, facts by id, timeline, trade, sources, latest entries,
a country's documents and people. Plain records out; visibility as in store.visibility."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from sqlalchemy import (
    CompoundSelect,
    Select,
    and_,
    delete,
    exists,
    func,
    literal,
    or_,
    select,
    union_all,
)
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

if TYPE_CHECKING:
    from store.visibility import AnySelect
from store.dto import (
    AgreementInfo,
    ArticleCard,
    EventInfo,
    RoleInfo,
    SourceRef,
    StoredView,
    TradeInfo,
)
from store.mappers import agreement_infos, event_infos, role_info, source_ref, trade_infos
from store.models import (
    Agreement,
    AgreementParty,
    Article,
    Event,
    EventCountry,
    EventParticipant,
    Evidence,
    ListView,
    Person,
    PersonRole,
    TradeFigure,
)
from store.visibility import (
    HOME,
    agreement_visible,
    current_role,
    event_visible,
    evidence_usable,
    role_visible,
    trade_visible,
    with_both_parties,
    with_both_sides,
)

# ------------------------------------------------------------------ user settings, views


async def create_view(
    session: AsyncSession, chat_id: int, kind: str, params: dict[str, Any]
) -> int:
    view = ListView(chat_id=chat_id, kind=kind, params=params)
    session.add(view)
    await session.commit()
    return view.id


async def get_view(session: AsyncSession, view_id: int, chat_id: int) -> StoredView | None:
    """The view, if it was opened in this chat: another chat's view is as good as gone."""
    view = await session.get(ListView, view_id)
    if view is None or view.chat_id != chat_id:
        return None
    created = view.created_at
    if created.tzinfo is None:  # SQLite hands back naive datetimes
        created = created.replace(tzinfo=dt.UTC)
    return StoredView(view.id, view.kind, dict(view.params), created)


async def delete_views_before(session: AsyncSession, cutoff: dt.datetime) -> int:
    result = await session.execute(delete(ListView).where(ListView.created_at < cutoff))
    await session.commit()
    return int(result.rowcount or 0)  # type: ignore[attr-defined]


# ------------------------------------------------------------------ search documents


# ------------------------------------------------------------------ facts by id


async def events_by_ids(session: AsyncSession, ids: list[int]) -> list[EventInfo]:
    if not ids:
        return []
    # visible only: a hidden or retracted fact stays out even while a search index built
    # before the change (another process's, for up to its poll interval) still names it
    query = select(Event).where(Event.id.in_(ids), event_visible())
    rows = (await session.scalars(query)).all()
    infos = {info.id: info for info in await event_infos(session, rows)}
    return [infos[i] for i in ids if i in infos]


async def trade_by_ids(session: AsyncSession, ids: list[int]) -> list[TradeInfo]:
    if not ids:
        return []
    query = select(TradeFigure).where(TradeFigure.id.in_(ids), trade_visible())
    rows = (await session.scalars(query)).all()
    infos = {info.id: info for info in await trade_infos(session, rows)}
    return [infos[i] for i in ids if i in infos]


async def articles_by_ids(session: AsyncSession, ids: list[int]) -> list[SourceRef]:
    if not ids:
        return []
    query = select(Article).where(Article.id.in_(ids), Article.status == "published")
    rows = (await session.scalars(query)).all()
    found = {row.id: source_ref(row) for row in rows}
    return [found[i] for i in ids if i in found]


async def roles_by_person_ids(session: AsyncSession, ids: list[int]) -> list[RoleInfo]:
    """The first role of each person, in the order asked."""
    if not ids:
        return []
    rows = await session.execute(
        select(PersonRole, Person)
        .join(Person, Person.id == PersonRole.person_id)
        .where(Person.id.in_(ids), role_visible())
        .order_by(PersonRole.id)
    )
    first: dict[int, RoleInfo] = {}
    for role, person in rows:
        first.setdefault(
            person.id,
            role_info(role, person),
        )
    return [first[i] for i in ids if i in first]


# ------------------------------------------------------------------ timeline

TimelineItem = tuple[str, EventInfo | AgreementInfo]


def _dated(kind: str, id_column: Any, day_column: Any) -> AnySelect:
    return select(literal(kind).label("kind"), id_column.label("id"), day_column.label("day"))


def _timeline_queries(
    iso2: str | None, year_from: int | None, year_to: int | None
) -> tuple[AnySelect, AnySelect]:
    """Dated events and signed documents (involving the country and Kazakhstan, if given)."""
    events = _dated("event", Event.id, Event.date_start)
    agreements = _dated("agreement", Agreement.id, Agreement.signed_on)
    if iso2:
        events, agreements = with_both_sides(events, iso2), with_both_parties(agreements, iso2)
    else:
        events, agreements = events.where(event_visible()), agreements.where(agreement_visible())
    agreements = agreements.where(Agreement.signed_on.is_not(None))
    if year_from is not None:
        start = dt.date(year_from, 1, 1)
        events = events.where(Event.date_start >= start)
        agreements = agreements.where(Agreement.signed_on >= start)
    if year_to is not None:
        end = dt.date(year_to, 12, 31)
        events = events.where(Event.date_start <= end)
        agreements = agreements.where(Agreement.signed_on <= end)
    return events, agreements


async def timeline_page(
    session: AsyncSession,
    iso2: str | None,
    year_from: int | None,
    year_to: int | None,
    offset: int,
    limit: int,
) -> tuple[list[TimelineItem], int]:
    """Contacts and signings, newest first. With a country, only those involving it and
    Kazakhstan; with years, only those dated within them."""
    combined = union_all(*_timeline_queries(iso2, year_from, year_to)).subquery()
    total = await session.scalar(select(func.count()).select_from(combined))
    rows = (
        await session.execute(
            select(combined.c.kind, combined.c.id)
            # no CAST: SQLite's CAST(... AS DATE) is numeric and keeps only the year;
            # ISO dates (SQLite) and dates (PostgreSQL) both sort right as they are
            .order_by(combined.c.day.desc(), combined.c.kind, combined.c.id.desc())
            .offset(offset)
            .limit(limit)
        )
    ).all()
    return await _timeline_items(session, rows), int(total or 0)


async def _timeline_items(session: AsyncSession, rows: Sequence[Any]) -> list[TimelineItem]:
    event_ids = [row.id for row in rows if row.kind == "event"]
    agreement_ids = [row.id for row in rows if row.kind == "agreement"]
    events = {e.id: e for e in await events_by_ids(session, event_ids)}
    agreement_rows = (
        (await session.scalars(select(Agreement).where(Agreement.id.in_(agreement_ids)))).all()
        if agreement_ids
        else []
    )
    agreements = {a.id: a for a in await agreement_infos(session, agreement_rows)}
    items: list[TimelineItem] = []
    for row in rows:
        if row.kind == "event" and row.id in events:
            items.append(("event", events[row.id]))
        elif row.kind == "agreement" and row.id in agreements:
            items.append(("agreement", agreements[row.id]))
    return items


# ------------------------------------------------------------------ trade


async def trade_for_country(session: AsyncSession, iso2: str) -> list[TradeInfo]:
    rows = (
        await session.scalars(
            select(TradeFigure)
            .where(
                trade_visible(),
                or_(TradeFigure.partner_iso2 == iso2, TradeFigure.reporter_iso2 == iso2),
            )
            .order_by(
                func.coalesce(TradeFigure.year, TradeFigure.target_year).desc().nulls_last(),
                TradeFigure.kind,
                TradeFigure.id,
            )
            .limit(500)
        )
    ).all()
    return await trade_infos(session, rows)


async def countries_with_trade(session: AsyncSession) -> list[tuple[str, int]]:
    partner = func.coalesce(TradeFigure.partner_iso2, TradeFigure.reporter_iso2)
    rows = await session.execute(
        select(partner, func.count())
        .where(trade_visible(), partner.is_not(None), partner != HOME)
        .group_by(partner)
        .order_by(func.count().desc(), partner)
    )
    return [(iso2, count) for iso2, count in rows]


# ------------------------------------------------------------------ sources


def _supporting_evidence(iso2: str | None) -> Select[int, int] | CompoundSelect[int, int]:
    """(article, evidence) pairs of the facts about the country, or of every fact."""
    usable = evidence_usable()
    pairs = select(Evidence.article_id, Evidence.id.label("evidence_id"))
    if iso2 is None:
        return pairs.where(usable)
    partner_event, home_event = aliased(EventCountry), aliased(EventCountry)
    partner_party, home_party = aliased(AgreementParty), aliased(AgreementParty)
    return union_all(
        pairs.join(
            partner_event,
            and_(partner_event.event_id == Evidence.event_id, partner_event.iso2 == iso2),
        )
        .join(home_event, and_(home_event.event_id == Evidence.event_id, home_event.iso2 == HOME))
        .where(usable),
        pairs.join(
            partner_party,
            and_(partner_party.agreement_id == Evidence.agreement_id, partner_party.iso2 == iso2),
        )
        .join(
            home_party,
            and_(home_party.agreement_id == Evidence.agreement_id, home_party.iso2 == HOME),
        )
        .where(usable),
        pairs.join(TradeFigure, TradeFigure.id == Evidence.trade_figure_id).where(
            usable, or_(TradeFigure.partner_iso2 == iso2, TradeFigure.reporter_iso2 == iso2)
        ),
    )


async def sources_page(
    session: AsyncSession, iso2: str | None, offset: int, limit: int
) -> tuple[list[tuple[SourceRef, int]], int]:
    """Published articles with how many visible facts each supports (about the country, if
    given), the most used first."""
    facts = _supporting_evidence(iso2).subquery()
    counted = (
        select(facts.c.article_id, func.count().label("facts"))
        .join(Article, Article.id == facts.c.article_id)
        .where(Article.status == "published")
        .group_by(facts.c.article_id)
        .subquery()
    )
    total = await session.scalar(select(func.count()).select_from(counted))
    rows = (
        await session.execute(
            select(Article, counted.c.facts)
            .join(counted, counted.c.article_id == Article.id)
            .order_by(counted.c.facts.desc(), Article.published_at.desc().nulls_last(), Article.id)
            .offset(offset)
            .limit(limit)
        )
    ).all()
    return [(source_ref(article), int(facts_count)) for article, facts_count in rows], int(
        total or 0
    )


# ------------------------------------------------------------------ latest entries


async def latest_entries(
    session: AsyncSession, limit: int
) -> list[tuple[str, EventInfo | AgreementInfo | TradeInfo]]:
    """Newest published entries by when they entered the database."""
    newest = union_all(
        select(
            literal("event").label("kind"), Event.id.label("id"), Event.created_at.label("at")
        ).where(event_visible()),
        select(
            literal("agreement").label("kind"),
            Agreement.id.label("id"),
            Agreement.created_at.label("at"),
        ).where(agreement_visible()),
        select(
            literal("trade").label("kind"),
            TradeFigure.id.label("id"),
            TradeFigure.created_at.label("at"),
        ).where(trade_visible()),
    ).subquery()
    rows = (
        await session.execute(
            select(newest.c.kind, newest.c.id)
            .order_by(newest.c.at.desc(), newest.c.kind, newest.c.id.desc())
            .limit(limit)
        )
    ).all()
    events = {
        e.id: e for e in await events_by_ids(session, [r.id for r in rows if r.kind == "event"])
    }
    trade = {
        t.id: t for t in await trade_by_ids(session, [r.id for r in rows if r.kind == "trade"])
    }
    agreement_ids = [r.id for r in rows if r.kind == "agreement"]
    agreement_rows = (
        (await session.scalars(select(Agreement).where(Agreement.id.in_(agreement_ids)))).all()
        if agreement_ids
        else []
    )
    agreements = {a.id: a for a in await agreement_infos(session, agreement_rows)}
    found: dict[str, dict[int, Any]] = {"event": events, "agreement": agreements, "trade": trade}
    return [(r.kind, found[r.kind][r.id]) for r in rows if r.id in found[r.kind]]


# ------------------------------------------------------------------ agreements and people


async def country_agreements_page(
    session: AsyncSession, iso2: str, offset: int, limit: int
) -> tuple[list[AgreementInfo], int]:
    total = await session.scalar(with_both_parties(select(func.count(Agreement.id)), iso2))
    rows = (
        await session.scalars(
            with_both_parties(select(Agreement), iso2)
            .order_by(
                Agreement.signed_on.is_(None), Agreement.signed_on.desc(), Agreement.id.desc()
            )
            .offset(offset)
            .limit(limit)
        )
    ).all()
    return await agreement_infos(session, rows), int(total or 0)


async def country_people_page(
    session: AsyncSession, iso2: str, offset: int, limit: int
) -> tuple[list[RoleInfo], int]:
    """That country's officials, then Kazakh officials who met them."""
    met = select(EventParticipant.person_id).join(
        EventCountry,
        and_(EventCountry.event_id == EventParticipant.event_id, EventCountry.iso2 == iso2),
    )
    condition = and_(
        role_visible(),
        current_role(),
        or_(
            PersonRole.country_iso2 == iso2,
            and_(PersonRole.country_iso2 == HOME, Person.id.in_(met)),
        ),
    )
    base = select(PersonRole, Person).join(Person, Person.id == PersonRole.person_id)
    total = await session.scalar(
        select(func.count())
        .select_from(PersonRole)
        .join(Person, Person.id == PersonRole.person_id)
        .where(condition)
    )
    rows = (
        await session.execute(
            base.where(condition)
            .order_by(PersonRole.country_iso2 != iso2, Person.id)
            .offset(offset)
            .limit(limit)
        )
    ).all()
    return [role_info(role, person) for role, person in rows], int(total or 0)


# ------------------------------------------------------------------ an article's card


async def article_card(session: AsyncSession, article_id: int) -> ArticleCard | None:
    """A published article and the visible facts it supports; None when it is not shown."""
    article = await session.get(Article, article_id)
    if article is None or article.status != "published":
        return None

    def supported(column: Any) -> Any:
        return exists().where(column, Evidence.article_id == article_id, evidence_usable())

    events = await event_infos(
        session,
        (
            await session.scalars(
                select(Event)
                .where(supported(Evidence.event_id == Event.id), event_visible())
                .order_by(Event.date_start.desc().nulls_last(), Event.id)
            )
        ).all(),
    )
    agreements = await agreement_infos(
        session,
        (
            await session.scalars(
                select(Agreement)
                .where(supported(Evidence.agreement_id == Agreement.id), agreement_visible())
                .order_by(Agreement.signed_on.desc().nulls_last(), Agreement.id)
            )
        ).all(),
    )
    trade = await trade_infos(
        session,
        (
            await session.scalars(
                select(TradeFigure)
                .where(supported(Evidence.trade_figure_id == TradeFigure.id), trade_visible())
                .order_by(TradeFigure.id)
            )
        ).all(),
    )
    return ArticleCard(source_ref(article), tuple(events), tuple(agreements), tuple(trade))
