"""SQLAlchemy 2 typed models: the data model of ../shared/DESIGN.md.

Facts (events, agreements, trade figures, relation levels, person roles) each
carry Evidence rows pointing at the articles that report them; a fact reported
by two articles is one row here with two evidence rows.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    Numeric,
    String,
    Text,
    UniqueConstraint,
    false,
    func,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

# Stable constraint names, so Alembic migrations are reproducible on SQLite and PostgreSQL.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


def _utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class Country(Base):
    __tablename__ = "countries"

    iso2: Mapped[str] = mapped_column(String(2), primary_key=True)
    iso3: Mapped[str] = mapped_column(String(3), unique=True)
    name_ru: Mapped[str] = mapped_column(String(200))
    name_en: Mapped[str] = mapped_column(String(200))
    capital_ru: Mapped[str | None] = mapped_column(String(100))
    capital_en: Mapped[str | None] = mapped_column(String(100))


class CountryAlias(Base):
    """Every way a user may name a country: codes, names, short forms, capitals, adjectives."""

    __tablename__ = "country_aliases"
    __table_args__ = (UniqueConstraint("iso2", "alias", "kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    iso2: Mapped[str] = mapped_column(ForeignKey("countries.iso2", ondelete="CASCADE"), index=True)
    alias: Mapped[str] = mapped_column(String(200))
    # code | name | short | capital | demonym | adjective (a stem such as "таджикск")
    kind: Mapped[str] = mapped_column(String(20))


class Article(Base):
    __tablename__ = "articles"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(100), unique=True)
    title: Mapped[str] = mapped_column(String(500))
    outlet: Mapped[str | None] = mapped_column(String(200))
    author: Mapped[str | None] = mapped_column(String(200))
    url: Mapped[str | None] = mapped_column(String(1000))
    published_at: Mapped[dt.date | None] = mapped_column(Date, index=True)
    ingested_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_utcnow)
    language: Mapped[str] = mapped_column(String(8), default="ru")
    content_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    # sha256 of the main text's words (bot.extraction.similarity.text_hash): the same
    # article pasted with other spacing or from another file format is still a copy.
    text_hash: Mapped[str | None] = mapped_column(String(64), index=True)
    # bottom-k sketch of word bigrams, for "at least 90% similar" without keeping the text
    sketch: Mapped[list[int] | None] = mapped_column(JSON)
    text: Mapped[str | None] = mapped_column(Text)
    uploaded_by: Mapped[int | None] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(20), default="published", index=True)


class Person(Base):
    __tablename__ = "people"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(100), unique=True)
    name_ru: Mapped[str] = mapped_column(String(200))
    name_en: Mapped[str | None] = mapped_column(String(200))


class PersonAlias(Base):
    __tablename__ = "person_aliases"
    __table_args__ = (UniqueConstraint("person_id", "alias"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    alias: Mapped[str] = mapped_column(String(200), index=True)


class PersonRole(Base):
    __tablename__ = "person_roles"
    __table_args__ = (UniqueConstraint("person_id", "title_ru", "country_iso2"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    title_ru: Mapped[str] = mapped_column(String(300))
    title_en: Mapped[str | None] = mapped_column(String(300))
    country_iso2: Mapped[str | None] = mapped_column(ForeignKey("countries.iso2"), index=True)
    valid_from: Mapped[dt.date | None] = mapped_column(Date)
    valid_to: Mapped[dt.date | None] = mapped_column(Date)
    # Admin corrections after publishing (/fix): bumped by each one, so two admins editing
    # the same fact cannot half-apply a change; an edited fact is not reset by seeding.
    revision: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    hidden: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())


class Event(Base):
    __tablename__ = "events"
    __table_args__ = (Index("ix_events_date_start_id", "date_start", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(100), unique=True)
    # state_visit | official_visit | working_visit | visit | talks | meeting | phone_call
    # | summit | signing | reception | statement
    kind: Mapped[str] = mapped_column(String(30))
    cameo: Mapped[str | None] = mapped_column(String(4))
    date_start: Mapped[dt.date | None] = mapped_column(Date)
    date_end: Mapped[dt.date | None] = mapped_column(Date)
    date_precision: Mapped[str] = mapped_column(String(5), default="day")  # day | month | year
    place: Mapped[str | None] = mapped_column(String(200))
    level: Mapped[str | None] = mapped_column(String(30))  # head_of_state | government | minister
    title: Mapped[str] = mapped_column(String(500))
    summary: Mapped[str | None] = mapped_column(Text)
    # the same texts in English (curated, or written by an admin); None: generated when shown
    title_en: Mapped[str | None] = mapped_column(String(500))
    summary_en: Mapped[str | None] = mapped_column(Text)
    place_en: Mapped[str | None] = mapped_column(String(200))
    # Admin corrections after publishing (/fix): bumped by each one, so two admins editing
    # the same fact cannot half-apply a change; an edited fact is not reset by seeding.
    revision: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    hidden: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    # announced, not yet held ("will visit", "визит состоится")
    planned: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_utcnow)


class EventCountry(Base):
    __tablename__ = "event_countries"

    event_id: Mapped[int] = mapped_column(
        ForeignKey("events.id", ondelete="CASCADE"), primary_key=True
    )
    iso2: Mapped[str] = mapped_column(ForeignKey("countries.iso2"), primary_key=True, index=True)
    role: Mapped[str] = mapped_column(String(20))  # visitor | host | participant


class EventParticipant(Base):
    __tablename__ = "event_participants"

    event_id: Mapped[int] = mapped_column(
        ForeignKey("events.id", ondelete="CASCADE"), primary_key=True
    )
    person_id: Mapped[int] = mapped_column(
        ForeignKey("people.id", ondelete="CASCADE"), primary_key=True, index=True
    )


class Agreement(Base):
    __tablename__ = "agreements"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(100), unique=True)
    title: Mapped[str] = mapped_column(String(500))
    title_norm: Mapped[str] = mapped_column(String(500))
    # Other names the sources use for the same document, searched like the title.
    alt_titles: Mapped[list[str]] = mapped_column(JSON, default=list)
    # договор | соглашение | меморандум | декларация | программа | дорожная карта | протокол
    # | документ
    type: Mapped[str] = mapped_column(String(30))
    signed_on: Mapped[dt.date | None] = mapped_column(Date, index=True)
    signed_precision: Mapped[str | None] = mapped_column(String(5))
    place: Mapped[str | None] = mapped_column(String(200))
    period_start: Mapped[int | None] = mapped_column(Integer)
    period_end: Mapped[int | None] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(20))  # planned | signed | in_force
    quantity: Mapped[int] = mapped_column(Integer, default=1)  # "15 memoranda" is one row
    summary: Mapped[str | None] = mapped_column(Text)
    title_en: Mapped[str | None] = mapped_column(String(500))
    summary_en: Mapped[str | None] = mapped_column(Text)
    # False: rendered by rule with a word the glossary lacks, shown beside the original
    title_en_sure: Mapped[bool | None] = mapped_column(Boolean)
    signing_event_id: Mapped[int | None] = mapped_column(
        ForeignKey("events.id", ondelete="SET NULL")
    )
    # Admin corrections after publishing (/fix): bumped by each one, so two admins editing
    # the same fact cannot half-apply a change; an edited fact is not reset by seeding.
    revision: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    hidden: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_utcnow)


class AgreementParty(Base):
    __tablename__ = "agreement_parties"

    agreement_id: Mapped[int] = mapped_column(
        ForeignKey("agreements.id", ondelete="CASCADE"), primary_key=True
    )
    iso2: Mapped[str] = mapped_column(ForeignKey("countries.iso2"), primary_key=True, index=True)


class TradeFigure(Base):
    __tablename__ = "trade_figures"
    __table_args__ = (Index("ix_trade_figures_partner_year", "partner_iso2", "year"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(100), unique=True)
    reporter_iso2: Mapped[str | None] = mapped_column(ForeignKey("countries.iso2"), index=True)
    partner_iso2: Mapped[str | None] = mapped_column(ForeignKey("countries.iso2"))
    partner_group: Mapped[str | None] = mapped_column(String(100))  # e.g. "СНГ"
    # turnover | exports | imports | investment | share | growth
    metric: Mapped[str] = mapped_column(String(20))
    value: Mapped[Decimal] = mapped_column(Numeric(20, 4))
    unit: Mapped[str] = mapped_column(String(10))  # USD | KZT | percent | times
    year: Mapped[int | None] = mapped_column(Integer)
    year_end: Mapped[int | None] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(10))  # actual | target
    target_year: Mapped[int | None] = mapped_column(Integer)
    qualifier: Mapped[str | None] = mapped_column(String(20))  # exceeds | about | up_to | reached
    note: Mapped[str | None] = mapped_column(Text)
    note_en: Mapped[str | None] = mapped_column(Text)
    # Admin corrections after publishing (/fix): bumped by each one, so two admins editing
    # the same fact cannot half-apply a change; an edited fact is not reset by seeding.
    revision: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    hidden: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_utcnow)


class RelationLevel(Base):
    """The level of Kazakhstan's relations with a country, and the document that set it."""

    __tablename__ = "relation_levels"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(100), unique=True)
    partner_iso2: Mapped[str] = mapped_column(ForeignKey("countries.iso2"), index=True)
    level: Mapped[str] = mapped_column(String(40))  # allied | strategic_partnership | ...
    since: Mapped[dt.date | None] = mapped_column(Date)
    since_precision: Mapped[str | None] = mapped_column(String(5))
    agreement_id: Mapped[int | None] = mapped_column(
        ForeignKey("agreements.id", ondelete="SET NULL")
    )
    note: Mapped[str | None] = mapped_column(Text)
    note_en: Mapped[str | None] = mapped_column(Text)


class Evidence(Base):
    """Ties exactly one fact to one article that reports it."""

    __tablename__ = "evidence"
    __table_args__ = (
        CheckConstraint(
            "(CASE WHEN event_id IS NULL THEN 0 ELSE 1 END)"
            " + (CASE WHEN agreement_id IS NULL THEN 0 ELSE 1 END)"
            " + (CASE WHEN trade_figure_id IS NULL THEN 0 ELSE 1 END)"
            " + (CASE WHEN relation_level_id IS NULL THEN 0 ELSE 1 END)"
            " + (CASE WHEN person_role_id IS NULL THEN 0 ELSE 1 END) = 1",
            name="exactly_one_fact",
        ),
        # NULLs are distinct in unique constraints, so each pair guards one kind of fact.
        UniqueConstraint("event_id", "article_id"),
        UniqueConstraint("agreement_id", "article_id"),
        UniqueConstraint("trade_figure_id", "article_id"),
        UniqueConstraint("relation_level_id", "article_id"),
        UniqueConstraint("person_role_id", "article_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), index=True
    )
    event_id: Mapped[int | None] = mapped_column(
        ForeignKey("events.id", ondelete="CASCADE"), index=True
    )
    agreement_id: Mapped[int | None] = mapped_column(
        ForeignKey("agreements.id", ondelete="CASCADE"), index=True
    )
    trade_figure_id: Mapped[int | None] = mapped_column(
        ForeignKey("trade_figures.id", ondelete="CASCADE"), index=True
    )
    relation_level_id: Mapped[int | None] = mapped_column(
        ForeignKey("relation_levels.id", ondelete="CASCADE"), index=True
    )
    person_role_id: Mapped[int | None] = mapped_column(
        ForeignKey("person_roles.id", ondelete="CASCADE"), index=True
    )
    sentence_index: Mapped[int | None] = mapped_column(Integer)
    char_start: Mapped[int | None] = mapped_column(Integer)
    char_end: Mapped[int | None] = mapped_column(Integer)
    extractor: Mapped[str] = mapped_column(String(50), default="curated")
    extractor_version: Mapped[str] = mapped_column(String(20), default="1")
    confidence: Mapped[float] = mapped_column(Float, default=1.0)
    status: Mapped[str] = mapped_column(String(20), default="curated")  # curated | auto | rejected
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_utcnow)


class AuditEntry(Base):
    """Every admin action: who did what to which article, and when."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(BigInteger, index=True)
    # upload_preview | upload_refused | publish | discard | retract | restore | import | fix
    action: Mapped[str] = mapped_column(String(30))
    article_id: Mapped[int | None] = mapped_column(
        ForeignKey("articles.id", ondelete="SET NULL"), index=True
    )
    details: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_utcnow, index=True)


class KeyValue(Base):
    """Small bookkeeping values, such as the fingerprint of the seed files last loaded."""

    __tablename__ = "kv"

    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[dict[str, object]] = mapped_column(JSON)
    updated_at: Mapped[dt.datetime] = mapped_column(
        DateTime(timezone=True), default=_utcnow, onupdate=func.now()
    )


class UserSetting(Base):
    """What a user chose (the interface language), remembered across sessions."""

    __tablename__ = "user_settings"

    user_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    language: Mapped[str] = mapped_column(String(8))
    updated_at: Mapped[dt.datetime] = mapped_column(
        DateTime(timezone=True), default=_utcnow, onupdate=_utcnow
    )


class ListView(Base):
    """A paged list a user opened: its kind and parameters, so a button carries only the id
    and a page number (callback data is limited to 64 bytes), and any replica can serve it."""

    __tablename__ = "list_views"

    id: Mapped[int] = mapped_column(primary_key=True)
    # The chat it was opened in: a button pressed anywhere else finds no view.
    chat_id: Mapped[int | None] = mapped_column(BigInteger)
    kind: Mapped[str] = mapped_column(String(30))
    params: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_at: Mapped[dt.datetime] = mapped_column(
        DateTime(timezone=True), default=_utcnow, index=True
    )


class Subscription(Base):
    """A chat's standing order for digests. The same chat may hold several, but never two
    with the same schedule and filter (the unique constraint, not the code, guarantees it)."""

    __tablename__ = "subscriptions"
    __table_args__ = (
        UniqueConstraint(
            "chat_id", "frequency", "weekday", "local_time", "timezone", "countries_key"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    chat_id: Mapped[int] = mapped_column(BigInteger, index=True)
    chat_type: Mapped[str] = mapped_column(String(20))
    created_by: Mapped[int | None] = mapped_column(BigInteger)
    frequency: Mapped[str] = mapped_column(String(10))  # daily | weekly
    weekday: Mapped[int] = mapped_column(Integer, default=-1)  # 0 = Monday; -1 for daily
    local_time: Mapped[str] = mapped_column(String(5))  # HH:MM in `timezone`
    timezone: Mapped[str] = mapped_column(String(64))
    countries_key: Mapped[str] = mapped_column(String(200), default="")  # "PK,TJ"; "" = all
    language: Mapped[str] = mapped_column(String(8), default="ru")
    notify_empty: Mapped[bool] = mapped_column(Boolean, default=False)
    paused: Mapped[bool] = mapped_column(Boolean, default=False)
    active: Mapped[bool] = mapped_column(Boolean, default=True, index=True)
    deactivated_reason: Mapped[str | None] = mapped_column(String(200))
    # Entries published from this moment on belong to its first digest.
    covered_until: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_utcnow)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_utcnow)


class DigestRun(Base):
    """One scheduling tick that found digests due."""

    __tablename__ = "digest_runs"

    id: Mapped[int] = mapped_column(primary_key=True)
    started_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_utcnow)
    created: Mapped[int] = mapped_column(Integer, default=0)


class Delivery(Base):
    """The ledger: one row per subscription and period. UNIQUE(subscription, period) is what
    makes "at most one digest per period" hold whatever the scheduler or a restart does."""

    __tablename__ = "deliveries"
    __table_args__ = (
        UniqueConstraint("subscription_id", "period"),
        Index("ix_deliveries_status_next_attempt", "status", "next_attempt_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    subscription_id: Mapped[int] = mapped_column(
        ForeignKey("subscriptions.id", ondelete="CASCADE"), index=True
    )
    run_id: Mapped[int | None] = mapped_column(ForeignKey("digest_runs.id", ondelete="SET NULL"))
    period: Mapped[str] = mapped_column(String(20))  # 2026-11-21 (daily) or 2026-W47 (weekly)
    due_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    covers_from: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    covers_to: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    # pending | claimed | sent | empty | failed | deactivated
    status: Mapped[str] = mapped_column(String(20), default="pending")
    claimed_by: Mapped[str | None] = mapped_column(String(100))
    claimed_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_utcnow)
    payload: Mapped[list[str] | None] = mapped_column(JSON)  # the composed messages
    messages_sent: Mapped[int] = mapped_column(Integer, default=0)
    error: Mapped[str | None] = mapped_column(String(500))
    finished_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))


class ProcessedUpdate(Base):
    """Update ids already handled: Telegram re-posts an update it thinks was not received,
    and with several webhook replicas only a shared table can tell."""

    __tablename__ = "processed_updates"

    update_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    seen_at: Mapped[dt.datetime] = mapped_column(
        DateTime(timezone=True), default=_utcnow, index=True
    )


class FeedSource(Base):
    """A source the admins trust: an RSS, Atom or JSON Feed (or a page naming one), polled
    politely. `trust`: review (every article waits for an admin) or auto (confident facts
    are published, the rest wait)."""

    __tablename__ = "feed_sources"

    id: Mapped[int] = mapped_column(primary_key=True)
    url: Mapped[str] = mapped_column(String(1000), unique=True)  # as the admin gave it
    feed_url: Mapped[str | None] = mapped_column(String(1000))  # found on the page, if any
    name: Mapped[str] = mapped_column(String(200))
    trust: Mapped[str] = mapped_column(String(10), default="review")  # review | auto
    active: Mapped[bool] = mapped_column(Boolean, default=True)  # False: paused
    # ok | error (retrying with back-off) | gone (404/410: paused until resumed) | removed
    state: Mapped[str] = mapped_column(String(10), default="ok")
    interval_seconds: Mapped[int] = mapped_column(Integer, default=900)
    etag: Mapped[str | None] = mapped_column(String(300))
    last_modified: Mapped[str | None] = mapped_column(String(100))
    next_poll_at: Mapped[dt.datetime] = mapped_column(
        DateTime(timezone=True), default=_utcnow, index=True
    )
    last_polled_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    failures: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(String(500))
    # hosts other than the feed's own whose article pages may be fetched
    allowed_hosts: Mapped[list[str]] = mapped_column(JSON, default=list)
    polled_once: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_utcnow)


class FeedItem(Base):
    """One item a source listed, recorded before it is processed: a crash mid-item resumes
    it, and the same item is never taken twice. status: seen | queued | published |
    skipped | irrelevant | duplicate | parked (failed three times)."""

    __tablename__ = "feed_items"
    __table_args__ = (UniqueConstraint("source_id", "guid"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    source_id: Mapped[int] = mapped_column(
        ForeignKey("feed_sources.id", ondelete="CASCADE"), index=True
    )
    guid: Mapped[str] = mapped_column(String(500))
    url: Mapped[str | None] = mapped_column(String(1000), index=True)  # canonical
    title: Mapped[str | None] = mapped_column(String(500))
    summary: Mapped[str | None] = mapped_column(Text)  # the feed's own text of it
    published_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    status: Mapped[str] = mapped_column(String(12), default="seen", index=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    error: Mapped[str | None] = mapped_column(String(500))
    draft: Mapped[dict[str, Any] | None] = mapped_column(JSON)  # the extraction, for review
    article_id: Mapped[int | None] = mapped_column(ForeignKey("articles.id", ondelete="SET NULL"))
    announced: Mapped[bool] = mapped_column(Boolean, default=False)  # admins were told
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_utcnow)
