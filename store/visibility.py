"""What the public may see: a fact is visible while a published article supports it.
These query fragments are the one place that rule is written."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sqlalchemy import ColumnElement, Select, and_, exists, func, select
from sqlalchemy.orm import InstrumentedAttribute, aliased

from store.models import (
    Agreement,
    AgreementParty,
    Article,
    Event,
    EventCountry,
    Evidence,
    PersonRole,
    TradeFigure,
)

if TYPE_CHECKING:
    # Select is variadic in SQLAlchemy 2.1: any row shape.
    AnySelect = Select[*tuple[Any, ...]]

HOME = "KZ"


# Evidence an admin detached from its fact (/fix) keeps its old status after this prefix,
# so reattaching restores it exactly; rejected evidence never counts either.
DETACHED = "detached-"


def evidence_usable() -> ColumnElement[bool]:
    return and_(Evidence.status != "rejected", ~Evidence.status.startswith(DETACHED))


def published(fact_column: InstrumentedAttribute[Any], fact_id: Any) -> ColumnElement[bool]:
    # Nested rather than joined: the only way to evaluate it is from the fact's own evidence
    # rows (indexed) to each article by primary key, whatever the planner's statistics say.
    return exists().where(
        fact_column == fact_id,
        evidence_usable(),
        exists().where(Article.id == Evidence.article_id, Article.status == "published"),
    )


def event_visible() -> ColumnElement[bool]:
    return and_(Event.hidden.is_(False), published(Evidence.event_id, Event.id))


def agreement_visible() -> ColumnElement[bool]:
    return and_(Agreement.hidden.is_(False), published(Evidence.agreement_id, Agreement.id))


def trade_visible() -> ColumnElement[bool]:
    return and_(TradeFigure.hidden.is_(False), published(Evidence.trade_figure_id, TradeFigure.id))


def role_visible() -> ColumnElement[bool]:
    return and_(PersonRole.hidden.is_(False), published(Evidence.person_role_id, PersonRole.id))


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


def current_role() -> ColumnElement[bool]:
    """A person's role shown in lists and cards: of their visible roles for one country,
    the one the newest published article supports. One office worded two ways by two
    outlets, or an old post and a new one, so show the person once."""
    newest = (
        select(func.max(Article.published_at))
        .join(Evidence, Evidence.article_id == Article.id)
        .where(
            Evidence.person_role_id == PersonRole.id,
            evidence_usable(),
            Article.status == "published",
        )
        .scalar_subquery()
    )
    ranked = (
        select(
            PersonRole.id.label("role_id"),
            func.row_number()
            .over(
                partition_by=(PersonRole.person_id, PersonRole.country_iso2),
                order_by=(newest.desc().nulls_last(), PersonRole.id.desc()),
            )
            .label("rank"),
        )
        .where(role_visible())
        .subquery()
    )
    return PersonRole.id.in_(select(ranked.c.role_id).where(ranked.c.rank == 1))
