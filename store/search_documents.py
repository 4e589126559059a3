"""What the search index is built from: one document per fact, article and person."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from sqlalchemy import (
    func,
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
    Evidence,
    Person,
    PersonAlias,
    PersonRole,
    TradeFigure,
)
from store.visibility import (
    agreement_visible,
    event_visible,
    published,
    trade_visible,
)


async def count_facts(session: AsyncSession) -> int:
    """A quick size of the store: events, documents and trade figures."""
    total = 0
    for model in (Event, Agreement, TradeFigure):
        total += int(await session.scalar(select(func.count()).select_from(model)) or 0)
    return total


async def search_documents(session: AsyncSession) -> list[SearchDocument]:
    """Everything searchable, as text; the search service indexes it in memory."""
    documents: list[SearchDocument] = []

    event_countries: dict[int, list[str]] = defaultdict(list)
    for event_id, iso2 in await session.execute(select(EventCountry.event_id, EventCountry.iso2)):
        event_countries[event_id].append(iso2)
    participants: dict[int, list[str]] = defaultdict(list)
    for event_id, name in await session.execute(
        select(EventParticipant.event_id, Person.name_ru).join(
            Person, Person.id == EventParticipant.person_id
        )
    ):
        participants[event_id].append(name)
    for row in await session.execute(
        select(
            Event.id, Event.kind, Event.title, Event.summary, Event.place, Event.date_start
        ).where(event_visible())
    ):
        text = " ".join(filter(None, [row.title, row.summary, row.place, *participants[row.id]]))
        documents.append(
            SearchDocument(
                "event",
                row.id,
                text,
                tuple(event_countries[row.id]),
                row.date_start,
                codes=(row.kind,),
            )
        )

    parties: dict[int, list[str]] = defaultdict(list)
    for agreement_id, iso2 in await session.execute(
        select(AgreementParty.agreement_id, AgreementParty.iso2)
    ):
        parties[agreement_id].append(iso2)
    for agreement in (await session.scalars(select(Agreement).where(agreement_visible()))).all():
        text = " ".join(
            filter(
                None,
                [
                    agreement.title,
                    *(agreement.alt_titles or ()),
                    agreement.type,
                    agreement.place,
                    agreement.summary,
                ],
            )
        )
        documents.append(
            SearchDocument(
                "agreement", agreement.id, text, tuple(parties[agreement.id]), agreement.signed_on
            )
        )

    for figure in (await session.scalars(select(TradeFigure).where(trade_visible()))).all():
        year = figure.year or figure.target_year
        text = " ".join(
            str(part)
            for part in (
                figure.metric,
                figure.kind,
                figure.partner_group,
                figure.note,
                year,
                figure.target_year,
            )
            if part
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

    aliases: dict[int, list[str]] = defaultdict(list)
    for person_id, alias in await session.execute(select(PersonAlias.person_id, PersonAlias.alias)):
        aliases[person_id].append(alias)
    roles: dict[int, list[tuple[str, str | None]]] = defaultdict(list)
    for person_id, title, country in await session.execute(
        select(PersonRole.person_id, PersonRole.title_ru, PersonRole.country_iso2).where(
            published(Evidence.person_role_id, PersonRole.id)
        )
    ):
        roles[person_id].append((title, country))
    for person in (await session.scalars(select(Person))).all():
        if not roles[person.id]:
            continue
        text = " ".join(
            filter(
                None,
                [
                    person.name_ru,
                    person.name_en,
                    *aliases[person.id],
                    *(title for title, _ in roles[person.id]),
                ],
            )
        )
        countries = tuple(c for _, c in roles[person.id] if c)
        documents.append(SearchDocument("person", person.id, text, countries, None))

    for article in (
        await session.scalars(select(Article).where(Article.status == "published"))
    ).all():
        text = " ".join(filter(None, [article.title, article.outlet, article.author]))
        documents.append(SearchDocument("article", article.id, text, (), article.published_at))
    return documents
