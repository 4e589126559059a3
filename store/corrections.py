"""Corrections of stored facts by admins (/fix): reading a fact with all its sources, and
writing a change, hiding, or detaching one source. Every write names the revision the
admin saw and bumps it; a write against an older revision changes nothing and raises
`StaleRevision`, so two admins editing the same fact never half-apply a change. All SQL of
corrections."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import InstrumentedAttribute

from store.dto import FactSource, FixableFact
from store.mappers import agreement_rows, event_rows, role_info, source_ref, trade_infos
from store.models import (
    Agreement,
    AgreementParty,
    Article,
    Event,
    EventCountry,
    Evidence,
    Person,
    PersonRole,
    TradeFigure,
)
from store.visibility import DETACHED

FactModel = type[Event] | type[Agreement] | type[TradeFigure] | type[PersonRole]
LinkModel = type[EventCountry] | type[AgreementParty]

MODELS: dict[str, tuple[FactModel, InstrumentedAttribute[Any]]] = {
    "event": (Event, Evidence.event_id),
    "agreement": (Agreement, Evidence.agreement_id),
    "trade": (TradeFigure, Evidence.trade_figure_id),
    "person": (PersonRole, Evidence.person_role_id),
}
# The stored columns behind each correctable field, read for the audit's "before".
COLUMNS: dict[str, tuple[str, ...]] = {
    "event": ("kind", "date_start", "date_end", "date_precision", "place"),
    "agreement": ("type", "status", "signed_on", "signed_precision"),
    "trade": ("value", "unit", "metric", "kind", "year", "target_year", "partner_iso2"),
    "person": ("title_ru", "title_en", "country_iso2"),
}


class StaleRevision(RuntimeError):
    """The fact changed since the admin opened it (another admin, another window)."""


async def load_fact(session: AsyncSession, kind: str, fact_id: int) -> FixableFact | None:
    """The fact whether shown or hidden; None when there is no such fact."""
    model, column = MODELS[kind]
    row: Any = await session.get(model, fact_id, populate_existing=True)
    if row is None:
        return None
    values = {name: getattr(row, name) for name in COLUMNS[kind]}
    if kind == "event":
        values["countries"] = await _codes(
            session, EventCountry.iso2, EventCountry.event_id, fact_id
        )
    if kind == "agreement":
        values["countries"] = await _codes(
            session, AgreementParty.iso2, AgreementParty.agreement_id, fact_id
        )
    return FixableFact(
        kind=kind,
        id=fact_id,
        revision=row.revision,
        hidden=row.hidden,
        info=await _info(session, kind, row),
        values=values,
        sources=await _sources(session, column, fact_id),
    )


async def _codes(
    session: AsyncSession,
    code: InstrumentedAttribute[str],
    owner: InstrumentedAttribute[int],
    fact_id: int,
) -> tuple[str, ...]:
    return tuple(sorted((await session.scalars(select(code).where(owner == fact_id))).all()))


async def _info(session: AsyncSession, kind: str, row: Any) -> Any:
    if kind == "event":
        return (await event_rows(session, select(Event).where(Event.id == row.id)))[0]
    if kind == "agreement":
        return (await agreement_rows(session, select(Agreement).where(Agreement.id == row.id)))[0]
    if kind == "trade":
        return (await trade_infos(session, [row]))[0]
    person = await session.get(Person, row.person_id)
    assert person is not None  # a role belongs to a person (foreign key)
    return role_info(row, person)


async def _sources(
    session: AsyncSession, column: InstrumentedAttribute[Any], fact_id: int
) -> tuple[FactSource, ...]:
    rows = (
        await session.execute(
            select(Evidence, Article)
            .join(Article, Article.id == Evidence.article_id)
            .where(column == fact_id, Evidence.status != "rejected")
            .order_by(Article.published_at.desc(), Article.id.desc())
        )
    ).all()
    return tuple(
        FactSource(
            evidence.id,
            source_ref(article),
            article.status,
            evidence.status.startswith(DETACHED),
        )
        for evidence, article in rows
    )


async def change_fact(
    session: AsyncSession,
    kind: str,
    fact_id: int,
    revision: int,
    columns: dict[str, Any],
    countries: Iterable[str] | None = None,
) -> None:
    """Set columns (and the countries or parties) of a fact seen at `revision`."""
    await _bump(session, kind, fact_id, revision, columns)
    if countries is not None and kind == "event":
        await _set_countries(session, EventCountry, "event_id", fact_id, set(countries))
    if countries is not None and kind == "agreement":
        await _set_countries(session, AgreementParty, "agreement_id", fact_id, set(countries))


async def _bump(
    session: AsyncSession, kind: str, fact_id: int, revision: int, columns: dict[str, Any]
) -> None:
    model, _ = MODELS[kind]
    result = await session.execute(
        update(model)
        .where(model.id == fact_id, model.revision == revision)
        .values(**columns, revision=revision + 1)
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:  # type: ignore[attr-defined]
        raise StaleRevision


async def _set_countries(
    session: AsyncSession, link: LinkModel, owner: str, owner_id: int, wanted: set[str]
) -> None:
    """Make the fact's country rows exactly `wanted`; the rows kept keep what they say."""
    owner_column = getattr(link, owner)
    rows: list[Any] = list(
        (await session.scalars(select(link).where(owner_column == owner_id))).all()
    )
    for row in rows:
        if row.iso2 not in wanted:
            await session.delete(row)
    have = {row.iso2 for row in rows}
    # a country added by hand takes part; who visited whom stays as stored for the rest
    extra = {"role": "participant"} if link is EventCountry else {}
    session.add_all(
        link(**{owner: owner_id, "iso2": code}, **extra) for code in sorted(wanted - have)
    )


async def set_hidden(
    session: AsyncSession, kind: str, fact_id: int, revision: int, hidden: bool
) -> None:
    await _bump(session, kind, fact_id, revision, {"hidden": hidden})


async def set_detached(
    session: AsyncSession,
    kind: str,
    fact_id: int,
    revision: int,
    evidence_id: int,
    detached: bool,
) -> bool:
    """Take one article off the fact, or put it back; False when that evidence is not the
    fact's or already in that state (nothing changes then)."""
    _, column = MODELS[kind]
    evidence = await session.scalar(
        select(Evidence).where(Evidence.id == evidence_id, column == fact_id)
    )
    if evidence is None or evidence.status == "rejected":
        return False
    if evidence.status.startswith(DETACHED) == detached:
        return False
    await _bump(session, kind, fact_id, revision, {})
    evidence.status = (
        DETACHED + evidence.status if detached else evidence.status.removeprefix(DETACHED)
    )
    return True
