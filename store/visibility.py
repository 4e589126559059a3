"""What the public may see: a fact is visible while a published article supports it.
These query fragments are the one place that rule is written."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sqlalchemy import ColumnElement, Select, and_, exists
from sqlalchemy.orm import InstrumentedAttribute, aliased

from store.models import (
    Agreement,
    AgreementParty,
    Article,
    Event,
    EventCountry,
    Evidence,
    TradeFigure,
)

if TYPE_CHECKING:
    # Select is variadic in SQLAlchemy 2.1: any row shape.
    AnySelect = Select[*tuple[Any, ...]]

HOME = "KZ"


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
