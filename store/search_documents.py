"""What the search index is built from: one document per fact, article and person."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from sqlalchemy import (
    select,
)
from sqlalchemy.ext.asyncio import AsyncSession

from store.dto import SearchDocument
from store.models import (
    Agreement,
    AgreementParty,
    Article,
    Event,
    EventCountry,
    EventParticipant,
    Person,
    PersonAlias,
    PersonRole,
    TradeFigure,
)
from store.visibility import (
    agreement_visible,
    event_visible,
    role_visible,
    trade_visible,
)


async def search_documents(session: AsyncSession) -> list[SearchDocument]:
    """Everything searchable, as text; the search service indexes it in memory."""
    return [
        *await _event_documents(session),
        *await _agreement_documents(session),
        *await _trade_documents(session),
        *await _person_documents(session),
        *await _article_documents(session),
    ]


async def _grouped(session: AsyncSession, query: Any) -> dict[int, list[Any]]:
    """Two-column rows (id, value) -> {id: [values]}."""
    groups: dict[int, list[Any]] = defaultdict(list)
    for key, value in await session.execute(query):
        groups[key].append(value)
    return groups


def _joined(*parts: object) -> str:
    return " ".join(str(part) for part in parts if part)


async def _event_documents(session: AsyncSession) -> list[SearchDocument]:
    countries = await _grouped(session, select(EventCountry.event_id, EventCountry.iso2))
    participants = await _grouped(
        session,
        select(EventParticipant.event_id, Person.name_ru).join(
            Person, Person.id == EventParticipant.person_id
        ),
    )
    rows = await session.execute(
        select(
            Event.id, Event.kind, Event.title, Event.summary, Event.place, Event.date_start
        ).where(event_visible())
    )
    return [
        SearchDocument(
            "event",
            row.id,
            _joined(row.title, row.summary, row.place, *participants[row.id]),
            tuple(countries[row.id]),
            row.date_start,
            codes=(row.kind,),
        )
        for row in rows
    ]


async def _agreement_documents(session: AsyncSession) -> list[SearchDocument]:
    parties = await _grouped(session, select(AgreementParty.agreement_id, AgreementParty.iso2))
    agreements = (await session.scalars(select(Agreement).where(agreement_visible()))).all()
    return [
        SearchDocument(
            "agreement",
            agreement.id,
            _joined(
                agreement.title,
                *(agreement.alt_titles or ()),
                agreement.type,
                agreement.place,
                agreement.summary,
            ),
            tuple(parties[agreement.id]),
            agreement.signed_on,
        )
        for agreement in agreements
    ]


async def _trade_documents(session: AsyncSession) -> list[SearchDocument]:
    documents = []
    for figure in (await session.scalars(select(TradeFigure).where(trade_visible()))).all():
        year = figure.year or figure.target_year
        text = _joined(
            figure.metric,
            figure.kind,
            figure.partner_group,
            figure.note,
            year,
            figure.target_year,
        )
        countries = tuple(c for c in (figure.reporter_iso2, figure.partner_iso2) if c)
        documents.append(
            SearchDocument(
                "trade",
                figure.id,
                text,
                countries,
                dt.date(year, 1, 1) if year else None,
                figure.value,
                figure.unit,
                codes=(figure.metric, figure.kind),
            )
        )
    return documents


async def _person_documents(session: AsyncSession) -> list[SearchDocument]:
    aliases = await _grouped(session, select(PersonAlias.person_id, PersonAlias.alias))
    roles: dict[int, list[tuple[str, str | None]]] = defaultdict(list)
    for person_id, title, country in await session.execute(
        select(PersonRole.person_id, PersonRole.title_ru, PersonRole.country_iso2).where(
            role_visible()
        )
    ):
        roles[person_id].append((title, country))
    return [
        SearchDocument(
            "person",
            person.id,
            _joined(
                person.name_ru,
                person.name_en,
                *aliases[person.id],
                *(title for title, _ in roles[person.id]),
            ),
            tuple(c for _, c in roles[person.id] if c),
            None,
        )
        for person in (await session.scalars(select(Person))).all()
        if roles[person.id]
    ]


async def _article_documents(session: AsyncSession) -> list[SearchDocument]:
    published_articles = select(Article).where(Article.status == "published")
    return [
        SearchDocument(
            "article",
            article.id,
            _joined(article.title, article.outlet, article.author),
            (),
            article.published_at,
        )
        for article in (await session.scalars(published_articles)).all()
    ]
