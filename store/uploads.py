"""Uploaded articles: duplicates, storing facts as new or as more evidence for known ones,
retraction, the upload list, statistics and the audit log. All SQL of the upload flow."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from collections.abc import Callable, Iterable
from dataclasses import asdict
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from store.dto import (
    ArticleRef,
    Duplicate,
    FactFates,
    NewAgreement,
    NewArticle,
    NewEvent,
    NewTradeFigure,
    Restoration,
    Retraction,
    RetractionPlan,
    UploadRow,
    UploadStats,
    is_row_id,
)
from store.models import (
    Agreement,
    AgreementParty,
    Article,
    AuditEntry,
    Event,
    EventCountry,
    EventParticipant,
    Evidence,
    KeyValue,
    Person,
    PersonAlias,
    PersonRole,
    RelationLevel,
    Subscription,
    TradeFigure,
)
from store.similarity import NEAR_COPY_THRESHOLD, similarity
from store.textnorm import name_key, normalize
from store.visibility import evidence_usable

FactColumn = str  # event_id | agreement_id | trade_figure_id | person_role_id


def _ref(article: Article) -> ArticleRef:
    return ArticleRef(
        article.id, article.title, article.outlet, article.published_at, article.status
    )


async def find_duplicate(
    session: AsyncSession, content_hash: str, text_hash: str, sketch: list[int]
) -> Duplicate | None:
    exact = await session.scalar(
        select(Article)
        .where((Article.content_hash == content_hash) | (Article.text_hash == text_hash))
        .limit(1)
    )
    if exact is not None:
        return Duplicate(_ref(exact), 1.0)
    best: tuple[float, int] | None = None
    rows = await session.execute(
        select(Article.id, Article.sketch).where(Article.sketch.is_not(None))
    )
    for article_id, stored in rows:
        score = similarity(sketch, list(stored or []))
        if score >= NEAR_COPY_THRESHOLD and (best is None or score > best[0]):
            best = (score, article_id)
    if best is None:
        return None
    article = await session.get(Article, best[1])
    return Duplicate(_ref(article), best[0]) if article is not None else None


async def create_article(session: AsyncSession, new: NewArticle) -> int:
    key = f"upload-{new.published_at.isoformat()}-{new.text_hash[:10]}"
    article = Article(key=key, status="published", **asdict(new))
    session.add(article)
    await session.flush()
    return article.id


# ---------------------------------------------------------------- people


async def person_id(session: AsyncSession, name: str, known_key: str | None) -> int:
    """The person's row: by gazetteer key, by a name already on file, or a new one."""
    if known_key:
        found = await session.scalar(select(Person.id).where(Person.key == known_key))
        if found is not None:
            return found
    by_alias = await session.scalar(
        select(PersonAlias.person_id).where(PersonAlias.alias == name).limit(1)
    )
    if by_alias is not None:
        return by_alias
    by_name = await session.scalar(select(Person.id).where(Person.name_ru == name).limit(1))
    if by_name is not None:
        return by_name
    by_spelling = await _person_by_spelling(session, name)
    if by_spelling is not None:
        # this spelling is found directly next time; an English one names them in English
        session.add(PersonAlias(person_id=by_spelling, alias=name[:200]))
        person = await session.get(Person, by_spelling)
        if person is not None and person.name_en is None and name.isascii():
            person.name_en = name[:200]
        await session.flush()
        return by_spelling
    key = known_key or "auto-" + hashlib.sha1(normalize(name).encode()).hexdigest()[:12]
    person = Person(key=key, name_ru=name, name_en=None)
    session.add(person)
    await session.flush()
    session.add(PersonAlias(person_id=person.id, alias=name))
    return person.id


async def _person_by_spelling(session: AsyncSession, name: str) -> int | None:
    """A person on file under another spelling of the same name (Cyrillic or Latin,
    Tokayev / Tokaev): compared by `name_key`, only when exactly one person has it."""
    wanted = name_key(name)
    if len(wanted.split()) < 2:
        return None  # a surname alone is too little to be sure
    names = (await session.execute(select(Person.id, Person.name_ru, Person.name_en))).all()
    aliases = (await session.execute(select(PersonAlias.person_id, PersonAlias.alias))).all()
    found = {row[0] for row in names if wanted in {name_key(row[1]), name_key(row[2] or "")}}
    found |= {row[0] for row in aliases if name_key(row[1]) == wanted}
    return found.pop() if len(found) == 1 else None


async def russian_names(session: AsyncSession, person_ids: list[int]) -> list[str]:
    """The people's names as Russian cards show them, in the order asked."""
    query = select(Person.id, Person.name_ru).where(Person.id.in_(person_ids))
    rows = {person: name for person, name in (await session.execute(query)).all()}
    return [rows[person] for person in person_ids if person in rows]


async def role_id(
    session: AsyncSession,
    person: int,
    titles: tuple[str, str | None],
    country: str | None,
    same_role: Callable[[str], str],
) -> tuple[int, bool]:
    """(role id, created): one office of one country is one role, however it is worded
    (`same_role` gives equal keys for equal offices). `titles` are (Russian, English)."""
    title_ru, title_en = titles
    wanted = same_role(title_ru)
    held = (await session.scalars(select(PersonRole).where(PersonRole.person_id == person))).all()
    if country is None:
        # the text names no country ("Foreign Minister Saidov"): the person's known one
        countries = {role.country_iso2 for role in held} - {None}
        country = countries.pop() if len(countries) == 1 else None
    roles = [role for role in held if role.country_iso2 == country]
    for role in roles:
        if same_role(role.title_ru) == wanted or (
            role.title_en and same_role(role.title_en) == wanted
        ):
            if role.title_en is None and title_en:
                role.title_en = title_en[:300]
            return role.id, False
    role = PersonRole(
        person_id=person,
        title_ru=title_ru[:300],
        title_en=title_en[:300] if title_en else None,
        country_iso2=country,
    )
    session.add(role)
    await session.flush()
    return role.id, True


# ---------------------------------------------------------------- events


async def visit_during(
    session: AsyncSession, visit_kinds: Iterable[str], day: dt.date, countries: set[str]
) -> int | None:
    """A visit on file, dated to the day, whose days include `day`, between the same
    countries: talks or a signing then are part of that visit, not an event of their own."""
    candidates = (
        await session.scalars(
            select(Event).where(
                Event.kind.in_(list(visit_kinds)),
                Event.date_precision == "day",
                Event.date_start <= day,
                func.coalesce(Event.date_end, Event.date_start) >= day,
            )
        )
    ).all()
    return await _same_countries(session, candidates, countries)


async def matching_event(
    session: AsyncSession,
    kinds: Iterable[str],
    date_from: dt.date,
    date_to: dt.date,
    countries: set[str],
) -> int | None:
    """An event already on file of the same family, in the same window, between the same
    countries (every country of the smaller set is in the larger)."""
    candidates = (
        await session.scalars(
            select(Event).where(
                Event.kind.in_(list(kinds)),
                Event.date_start >= date_from,
                Event.date_start <= date_to,
            )
        )
    ).all()
    return await _same_countries(session, candidates, countries)


async def _same_countries(
    session: AsyncSession, candidates: Iterable[Event], countries: set[str]
) -> int | None:
    for event in candidates:
        theirs = set(
            (
                await session.scalars(
                    select(EventCountry.iso2).where(EventCountry.event_id == event.id)
                )
            ).all()
        )
        smaller, larger = sorted((theirs, countries), key=len)
        if smaller and smaller <= larger:
            return event.id
    return None


async def create_event(
    session: AsyncSession,
    *,
    new: NewEvent,
    countries: dict[str, str],
    participants: Iterable[int],
) -> int:
    event = Event(**asdict(new))
    session.add(event)
    await session.flush()
    session.add_all(
        EventCountry(event_id=event.id, iso2=code, role=role) for code, role in countries.items()
    )
    session.add_all(EventParticipant(event_id=event.id, person_id=p) for p in set(participants))
    return event.id


async def add_participants(session: AsyncSession, event_id: int, people: Iterable[int]) -> None:
    have = set(
        (
            await session.scalars(
                select(EventParticipant.person_id).where(EventParticipant.event_id == event_id)
            )
        ).all()
    )
    session.add_all(EventParticipant(event_id=event_id, person_id=p) for p in set(people) - have)


# ---------------------------------------------------------------- agreements


async def agreements_like(
    session: AsyncSession, kind: str, parties: set[str]
) -> list[tuple[int, str, list[str], int | None, int | None, set[str]]]:
    """Agreements of this type sharing a party: (id, title, alt titles, period, parties)."""
    # DISTINCT over ids, not rows: PostgreSQL cannot compare the JSON column for equality
    ids = (
        await session.scalars(
            select(AgreementParty.agreement_id)
            .join(Agreement, AgreementParty.agreement_id == Agreement.id)
            .where(Agreement.type == kind, AgreementParty.iso2.in_(sorted(parties) or [""]))
            .distinct()
        )
    ).all()
    rows = (await session.scalars(select(Agreement).where(Agreement.id.in_(ids)))).all()
    result = []
    for agreement in rows:
        their_parties = set(
            (
                await session.scalars(
                    select(AgreementParty.iso2).where(AgreementParty.agreement_id == agreement.id)
                )
            ).all()
        )
        result.append(
            (
                agreement.id,
                agreement.title,
                list(agreement.alt_titles or []),
                agreement.period_start,
                agreement.period_end,
                their_parties,
            )
        )
    return result


async def create_agreement(
    session: AsyncSession, *, new: NewAgreement, parties: Iterable[str]
) -> int:
    agreement = Agreement(title_norm=normalize(new.title), **asdict(new))
    session.add(agreement)
    await session.flush()
    session.add_all(AgreementParty(agreement_id=agreement.id, iso2=code) for code in set(parties))
    return agreement.id


# ---------------------------------------------------------------- trade


async def matching_trade(
    session: AsyncSession,
    *,
    partner: str | None,
    group: str | None,
    metric: str,
    value: Decimal,
    unit: str,
    kind: str,
    year: int | None,
) -> int | None:
    query = select(TradeFigure.id).where(
        TradeFigure.metric == metric,
        TradeFigure.value == value,
        TradeFigure.unit == unit,
        TradeFigure.kind == kind,
    )
    query = query.where(
        TradeFigure.partner_iso2 == partner if partner else TradeFigure.partner_iso2.is_(None)
    )
    if group:
        query = query.where(TradeFigure.partner_group == group)
    if year is not None:
        query = query.where((TradeFigure.year == year) | (TradeFigure.target_year == year))
    return await session.scalar(query.limit(1))


async def create_trade(session: AsyncSession, new: NewTradeFigure) -> int:
    figure = TradeFigure(**asdict(new))
    session.add(figure)
    await session.flush()
    return figure.id


# ---------------------------------------------------------------- evidence


async def add_evidence(
    session: AsyncSession,
    *,
    article_id: int,
    column: FactColumn,
    fact_id: int,
    confidence: float,
    span: tuple[int, int, int],
    extractor: str,
    version: str,
) -> bool:
    """False when this article already supports the fact (two mentions, one source)."""
    existing = await session.scalar(
        select(Evidence.id).where(
            getattr(Evidence, column) == fact_id, Evidence.article_id == article_id
        )
    )
    if existing is not None:
        return False
    start, end, sentence = span
    session.add(
        Evidence(
            article_id=article_id,
            confidence=confidence,
            status="auto",
            extractor=extractor,
            extractor_version=version,
            char_start=start,
            char_end=end,
            sentence_index=sentence,
            **{column: fact_id},
        )
    )
    await session.flush()
    return True


# ---------------------------------------------------------------- retraction and lists

_FACT_COLUMNS = (
    "event_id",
    "agreement_id",
    "trade_figure_id",
    "relation_level_id",
    "person_role_id",
)


_KIND_OF_COLUMN = {
    "event_id": "events",
    "agreement_id": "agreements",
    "trade_figure_id": "trade",
    "relation_level_id": "relations",
    "person_role_id": "people",
}
_TITLES_SHOWN = 8


async def _article(session: AsyncSession, article_id: int, status: str) -> Article | None:
    if not is_row_id(article_id):
        return None
    article = await session.get(Article, article_id)
    return article if article is not None and article.status == status else None


async def _has_other_source(
    session: AsyncSession, column: FactColumn, fact_id: int, article_id: int
) -> bool:
    others = await session.scalar(
        select(func.count())
        .select_from(Evidence)
        .join(Article, Article.id == Evidence.article_id)
        .where(
            getattr(Evidence, column) == fact_id,
            Evidence.article_id != article_id,
            evidence_usable(),
            Article.status == "published",
        )
    )
    return bool(others)


async def fact_fates(session: AsyncSession, article_id: int) -> FactFates:
    """Which of the article's facts rest on it alone, whatever its own status now."""
    evidence = (
        await session.scalars(
            select(Evidence).where(Evidence.article_id == article_id, evidence_usable())
        )
    ).all()
    alone: dict[str, int] = {}
    alone_ids: dict[str, list[int]] = {}
    shared = 0
    for row in evidence:
        column = next(c for c in _FACT_COLUMNS if getattr(row, c) is not None)
        fact_id = getattr(row, column)
        if await _has_other_source(session, column, fact_id, article_id):
            shared += 1
            continue
        kind = _KIND_OF_COLUMN[column]
        alone[kind] = alone.get(kind, 0) + 1
        alone_ids.setdefault(column, []).append(fact_id)
    return FactFates(alone, await _titles(session, alone_ids), shared)


async def _titles(session: AsyncSession, ids: dict[str, list[int]]) -> list[str]:
    events = await session.scalars(
        select(Event.title)
        .where(Event.id.in_(ids.get("event_id", [])))
        .order_by(Event.date_start.desc(), Event.id.desc())
        .limit(_TITLES_SHOWN)
    )
    agreements = await session.scalars(
        select(Agreement.title)
        .where(Agreement.id.in_(ids.get("agreement_id", [])))
        .order_by(Agreement.signed_on.desc(), Agreement.id.desc())
        .limit(_TITLES_SHOWN)
    )
    return [*agreements.all(), *events.all()][:_TITLES_SHOWN]


async def _is_curated(session: AsyncSession, article_id: int) -> bool:
    found = await session.scalar(
        select(Evidence.id)
        .where(Evidence.article_id == article_id, Evidence.status == "curated")
        .limit(1)
    )
    return found is not None


async def retraction_plan(session: AsyncSession, article_id: int) -> RetractionPlan | None:
    """None: no such published article."""
    article = await _article(session, article_id, "published")
    if article is None:
        return None
    return RetractionPlan(
        _ref(article), await _is_curated(session, article_id), await fact_fates(session, article_id)
    )


async def retract(session: AsyncSession, article_id: int) -> Retraction | None:
    """Unpublish: a status, never a deletion, so that `restore` can bring it all back."""
    article = await _article(session, article_id, "published")
    if article is None:
        return None
    fates = await fact_fates(session, article_id)
    article.status = "retracted"
    await session.flush()
    return Retraction(_ref(article), fates.alone_total, fates.shared)


async def restore(session: AsyncSession, article_id: int) -> Restoration | None:
    """Publish a retracted article again, with every fact it supported. None: no such
    retracted article."""
    article = await _article(session, article_id, "retracted")
    if article is None:
        return None
    fates = await fact_fates(session, article_id)
    article.status = "published"
    await session.flush()
    return Restoration(_ref(article), fates.alone_total, fates.shared)


async def recent_articles(
    session: AsyncSession, offset: int, limit: int
) -> tuple[list[UploadRow], int]:
    """Every article, uploaded or curated, published or retracted: newest first."""
    total = await session.scalar(select(func.count()).select_from(Article)) or 0
    facts = (
        select(Evidence.article_id, func.count().label("n"))
        .group_by(Evidence.article_id)
        .subquery()
    )
    rows = await session.execute(
        select(Article, func.coalesce(facts.c.n, 0))
        .outerjoin(facts, facts.c.article_id == Article.id)
        .order_by(Article.ingested_at.desc(), Article.id.desc())
        .offset(offset)
        .limit(limit)
    )
    return [
        UploadRow(_ref(article), article.uploaded_by, article.ingested_at, int(count))
        for article, count in rows
    ], int(total)


async def statistics(session: AsyncSession, now: dt.datetime) -> UploadStats:
    async def count(query: Any) -> int:
        return int(await session.scalar(query) or 0)

    articles = dict(
        (await session.execute(select(Article.status, func.count()).group_by(Article.status))).all()
    )
    facts = {
        "events": await count(select(func.count()).select_from(Event)),
        "agreements": await count(select(func.count()).select_from(Agreement)),
        "trade": await count(select(func.count()).select_from(TradeFigure)),
        "relations": await count(select(func.count()).select_from(RelationLevel)),
        "people": await count(select(func.count()).select_from(Person)),
    }
    evidence = dict(
        (
            await session.execute(select(Evidence.status, func.count()).group_by(Evidence.status))
        ).all()
    )
    return UploadStats(
        articles_published=int(articles.get("published", 0)),
        articles_retracted=int(articles.get("retracted", 0)),
        uploads=await count(
            select(func.count()).select_from(Article).where(Article.uploaded_by.is_not(None))
        ),
        facts=facts,
        auto_evidence=int(evidence.get("auto", 0)),
        curated_evidence=int(evidence.get("curated", 0)),
        subscriptions=await count(
            select(func.count()).select_from(Subscription).where(Subscription.active.is_(True))
        ),
        admin_actions_week=await count(
            select(func.count())
            .select_from(AuditEntry)
            .where(AuditEntry.at >= now - dt.timedelta(days=7))
        ),
    )


async def record_audit(
    session: AsyncSession,
    user_id: int,
    action: str,
    article_id: int | None = None,
    details: dict[str, Any] | None = None,
) -> None:
    session.add(
        AuditEntry(user_id=user_id, action=action, article_id=article_id, details=details or {})
    )
    await session.flush()


# ---------------------------------------------------------------- facts version

FACTS_VERSION_KEY = "facts_version"


async def bump_facts_version(session: AsyncSession) -> None:
    """Tell every process that facts changed (a publish, a retraction, an import), so each
    rebuilds its in-memory indexes: replicas and the CLI share only the database."""
    row = await session.get(KeyValue, FACTS_VERSION_KEY)
    stamp: dict[str, object] = {
        "at": dt.datetime.now(dt.UTC).isoformat(),
        "token": secrets.token_hex(8),
    }
    if row is None:
        session.add(KeyValue(key=FACTS_VERSION_KEY, value=stamp))
    else:
        row.value = stamp
    await session.flush()


async def facts_version(session: AsyncSession) -> str | None:
    row = await session.get(KeyValue, FACTS_VERSION_KEY)
    return str(row.value.get("token")) if row is not None else None


async def copy_evidence(session: AsyncSession, from_article: int, to_article: int) -> int:
    """Every fact `from_article` supports (usably) is supported by `to_article` too: a
    reprint by another outlet. How many links were made."""
    rows = (
        await session.scalars(
            select(Evidence).where(Evidence.article_id == from_article, evidence_usable())
        )
    ).all()
    columns = ("event_id", "agreement_id", "trade_figure_id", "relation_level_id", "person_role_id")
    session.add_all(
        Evidence(
            article_id=to_article,
            **{column: getattr(row, column) for column in columns},
            extractor="reprint",
            confidence=row.confidence,
            status="auto",
        )
        for row in rows
    )
    await session.flush()
    return len(rows)
