"""The upload service: bytes -> draft (main text, metadata, extracted facts) -> published
article with its facts, or nothing. Knows nothing of Telegram; the handlers and the
`import` command both use it.

A draft is kept in FSM state between the preview and Publish, so it must survive a JSON
round trip (Redis); `draft_to_state` / `draft_from_state` do that."""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from decimal import Decimal
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from bot.directory import Directory, refresh_directory
from bot.drafts import Draft
from bot.extraction.article import title_content_words
from bot.extraction.facts import (
    EXTRACTOR_NAME,
    EXTRACTOR_VERSION,
    AgreementFact,
    EventFact,
    PersonFact,
    TradeFact,
)
from bot.extraction.gazetteer import Gazetteer
from bot.extraction.shared import shared_extractor
from bot.extraction.title_en import title_in_english
from bot.i18n import translator
from bot.matching.countries import HOME_COUNTRY
from bot.review import dropped_labels, reviewed_extraction
from bot.roles import is_latin_only, role_key, stored_titles
from store import dto
from store import uploads as store
from store.db import StoreConflict, StoreUnavailable, unit_of_work
from store.dto import CAMEO_BY_KIND, NewAgreement, NewArticle, NewEvent, NewTradeFigure

log = logging.getLogger(__name__)
_VISIT_KINDS = ("state_visit", "official_visit", "working_visit", "visit")
# What happens during a visit is reported as part of it ("talks were held during the
# visit"): one occasion, one event, with the sources of every article reporting it.
_PART_OF_A_VISIT = frozenset({"talks", "signing", "meeting", "reception"})
_FAMILIES: dict[str, tuple[str, ...]] = {
    **{kind: _VISIT_KINDS for kind in _VISIT_KINDS},
    "talks": ("talks",),
    "meeting": ("meeting",),
    "summit": ("summit",),
    "phone_call": ("phone_call",),
    "signing": ("signing",),
    "reception": ("reception",),
}


@dataclass(frozen=True)
class Published:
    article_id: int
    created: dict[str, int] = field(default_factory=dict)  # kind -> new facts
    merged: dict[str, int] = field(default_factory=dict)  # kind -> known facts, new source


@dataclass(frozen=True)
class PublishFailed:
    """The database failed mid-publish; nothing was stored and the draft can be retried."""


PublishOutcome = Published | dto.Duplicate | PublishFailed


async def publish_draft(
    session: AsyncSession,
    draft: Draft,
    user_id: int,
    directory: Directory | None = None,
    *,
    gazetteer: Gazetteer | None = None,
) -> PublishOutcome:
    """The Publish use case, in one transaction: article, facts, audit row and the facts
    version for other processes; then this process's indexes. A race with the same text
    published a moment ago comes back as that duplicate."""
    try:
        async with unit_of_work(session):
            result = await publish(
                session, draft, user_id, gazetteer or shared_extractor().gazetteer
            )
            await store.bump_facts_version(session)
    except StoreConflict:
        duplicate = await find_duplicate(session, draft)
        return duplicate if duplicate is not None else PublishFailed()
    except StoreUnavailable:
        log.exception("publishing an upload failed")
        return PublishFailed()
    if directory is not None:
        await refresh_directory(directory, session)
    return result


async def discard_draft(session: AsyncSession, draft: Draft, user_id: int) -> None:
    async with unit_of_work(session):
        await store.record_audit(session, user_id, "discard", None, {"file": draft.filename})


async def plan_retraction(session: AsyncSession, article_id: int) -> dto.RetractionPlan | None:
    """What retracting would hide, for the admin to confirm. None: no such published
    article."""
    return await store.retraction_plan(session, article_id)


async def retract_article(
    session: AsyncSession,
    article_id: int,
    user_id: int,
    directory: Directory | None = None,
    *,
    curated_confirmed: bool = False,
) -> dto.Retraction | dto.RetractionPlan | None:
    """Unpublish an article, audited; facts other articles support stay, and `restore`
    brings it all back. An article curated facts rest on needs `curated_confirmed`: without
    it nothing changes and its plan comes back. None: no such published article."""
    async with unit_of_work(session):
        plan = await store.retraction_plan(session, article_id)
        if plan is None or (plan.curated and not curated_confirmed):
            return plan
        result = await store.retract(session, article_id)
        if result is None:
            return None
        details = {
            "facts_gone": result.facts_gone,
            "facts_kept": result.facts_kept,
            "curated": plan.curated,
        }
        await store.record_audit(session, user_id, "retract", result.article.id, details)
        await store.bump_facts_version(session)
    if directory is not None:
        await refresh_directory(directory, session)
    return result


async def restore_article(
    session: AsyncSession, article_id: int, user_id: int, directory: Directory | None = None
) -> dto.Restoration | None:
    """Publish a retracted article again with its facts, audited. None: no such retracted
    article."""
    async with unit_of_work(session):
        result = await store.restore(session, article_id)
        if result is None:
            return None
        details = {"facts_back": result.facts_back, "facts_shared": result.facts_shared}
        await store.record_audit(session, user_id, "restore", result.article.id, details)
        await store.bump_facts_version(session)
    if directory is not None:
        await refresh_directory(directory, session)
    return result


async def recent_articles(
    session: AsyncSession, offset: int, limit: int
) -> tuple[list[dto.UploadRow], int]:
    return await store.recent_articles(session, offset, limit)


async def upload_statistics(session: AsyncSession) -> dto.UploadStats:
    return await store.statistics(session, dt.datetime.now(dt.UTC))


async def find_duplicate(session: AsyncSession, draft: Draft) -> dto.Duplicate | None:
    return await store.find_duplicate(session, draft.content_hash, draft.text_hash, draft.sketch)


async def publish(
    session: AsyncSession, draft: Draft, user_id: int, gazetteer: Gazetteer
) -> Published:
    """Store the article and its facts; the caller commits (or rolls back: all or nothing).
    A fact already on file gets this article as one more source instead of a copy. Only
    what the admin kept is stored, with their corrections."""
    extraction = reviewed_extraction(draft)
    article_id = draft.article_id or await store.create_article(
        session, _new_article(draft, user_id)
    )
    counts = _Counts()
    people_ids: dict[str, int] = {}
    by_name = {person.name: person for person in extraction.people}
    for person in extraction.people:
        people_ids[person.name] = await _store_person(
            session, article_id, person, gazetteer, counts
        )
    # visits first, so talks during a visit reported by the same article join it
    for event in sorted(extraction.events, key=lambda e: e.kind not in _VISIT_KINDS):
        await _store_event(session, article_id, event, people_ids, by_name, gazetteer, counts)
    for agreement in extraction.agreements:
        await _store_agreement(session, article_id, agreement, gazetteer, counts)
    for figure in extraction.trade:
        await _store_trade(session, article_id, figure, counts)
    await store.record_audit(
        session,
        user_id,
        "publish",
        article_id,
        {
            "created": counts.created,
            "merged": counts.merged,
            "file": draft.filename,
            "dropped": dropped_labels(draft),
            "changed": [asdict(edit) for edit in draft.edits],
        },
    )
    return Published(article_id, counts.created, counts.merged)


def _new_article(draft: Draft, user_id: int) -> NewArticle:
    extraction = draft.extraction
    return NewArticle(
        title=(extraction.title or _fallback_title(draft))[:500],
        outlet=extraction.outlet,
        author=extraction.author,
        url=draft.url,
        published_at=extraction.published_at or dt.date.today(),
        language=extraction.language,
        content_hash=draft.content_hash,
        text_hash=draft.text_hash,
        sketch=draft.sketch,
        text=draft.text,
        uploaded_by=user_id,
    )


async def add_reprint(session: AsyncSession, draft: Draft, original_id: int, user_id: int) -> int:
    """Another outlet's near copy of a published article: stored as an article of its own
    that supports the same facts (so they show one more outlet), with no facts of its own.
    Returns the new article's id."""
    async with unit_of_work(session):
        article_id = await store.create_article(session, _new_article(draft, user_id))
        linked = await store.copy_evidence(session, original_id, article_id)
        details = {"of": original_id, "facts": linked}
        await store.record_audit(session, user_id, "reprint", article_id, details)
        await store.bump_facts_version(session)
    return article_id


@dataclass
class _Counts:
    created: dict[str, int] = field(default_factory=dict)
    merged: dict[str, int] = field(default_factory=dict)

    def add(self, kind: str, created: bool) -> None:
        target = self.created if created else self.merged
        target[kind] = target.get(kind, 0) + 1


def _fallback_title(draft: Draft) -> str:
    first_line = draft.text.strip().split("\n", 1)[0]
    return first_line[:120] + ("…" if len(first_line) > 120 else "")


def _span(fact: Any) -> tuple[int, int, int]:
    evidence = fact.evidence
    return evidence.start, evidence.end, evidence.sentence_index


async def _evidence(
    session: AsyncSession, article_id: int, column: str, fact_id: int, fact: Any
) -> bool:
    return await store.add_evidence(
        session,
        article_id=article_id,
        column=column,
        fact_id=fact_id,
        confidence=fact.confidence,
        span=_span(fact),
        extractor=EXTRACTOR_NAME,
        version=EXTRACTOR_VERSION,
    )


async def _store_person(
    session: AsyncSession,
    article_id: int,
    person: PersonFact,
    gazetteer: Gazetteer,
    counts: _Counts,
) -> int:
    person_row = await store.person_id(session, person.name, person.known_key)
    if person.role:

        def same_role(title: str) -> str:
            return role_key(title, gazetteer.is_country_word)

        titles = stored_titles(person.role)
        role, created = await store.role_id(session, person_row, titles, person.country, same_role)
        await _evidence(session, article_id, "person_role_id", role, person)
        counts.add("people", created)
    return person_row


def _fact_key(prefix: str, *parts: object) -> str:
    digest = hashlib.sha1("|".join(str(p) for p in parts).encode()).hexdigest()[:16]
    return f"auto-{prefix}-{digest}"


def _window(event: EventFact) -> tuple[dt.date, dt.date]:
    assert event.date is not None
    if event.precision == "year":
        return dt.date(event.date.year, 1, 1), dt.date(event.date.year, 12, 31)
    if event.precision == "month":
        start = event.date.replace(day=1)
        following = (start + dt.timedelta(days=32)).replace(day=1)
        return start, following - dt.timedelta(days=1)
    end = event.date_end or event.date
    # a month-precision event on file is stored on the 1st: look back to it
    return event.date.replace(day=1), end


def _level(people: Iterable[PersonFact]) -> str | None:
    roles = " ".join((p.role or "").lower() for p in people)
    if "президент" in roles or "president" in roles:
        return "head_of_state"
    if "премьер" in roles or "prime" in roles:
        return "government"
    if "министр" in roles or "minister" in roles:
        return "minister"
    return None


async def _known_event(session: AsyncSession, event: EventFact) -> int | None:
    """The event on file this one is: the same occasion, or the visit it took place in."""
    assert event.date is not None
    countries = set(event.countries)
    if event.kind in _PART_OF_A_VISIT and event.precision == "day":
        visit = await store.visit_during(session, _VISIT_KINDS, event.date, countries)
        if visit is not None:
            return visit
    date_from, date_to = _window(event)
    return await store.matching_event(session, _FAMILIES[event.kind], date_from, date_to, countries)


def _place_in_russian(place: str | None, gazetteer: Gazetteer) -> str | None:
    for code, english in gazetteer.capital_names_en.items():
        if place == english and code in gazetteer.capital_names:
            return gazetteer.capital_names[code]
    return place


def _country_roles(event: EventFact, place: str | None, gazetteer: Gazetteer) -> dict[str, str]:
    """Who visited whom, when a visit's place is a capital; everyone else takes part."""
    host = next((code for code, name in gazetteer.capital_names.items() if name == place), None)
    if event.kind not in _VISIT_KINDS or host is None:
        return {code: "participant" for code in event.countries}
    return {code: "host" if code == host else "visitor" for code in event.countries}


async def _store_event(
    session: AsyncSession,
    article_id: int,
    event: EventFact,
    people_ids: dict[str, int],
    people: dict[str, PersonFact],
    gazetteer: Gazetteer,
    counts: _Counts,
) -> None:
    if event.date is None and not event.planned:
        return
    participants = [people_ids[name] for name in event.participants if name in people_ids]
    # an announced event is never the held one on file, nor dated like one
    known = None if event.planned else await _known_event(session, event)
    if known is not None:
        await store.add_participants(session, known, participants)
        await _evidence(session, article_id, "event_id", known, event)
        counts.add("events", False)
        return
    # stored in Russian, the language of the curated facts: an English article's
    # "Astana" and "Kassym-Jomart Tokayev" are put in the words a Russian card uses
    place = _place_in_russian(event.place, gazetteer)
    names = await store.russian_names(session, participants[:3]) or [
        gazetteer.country_name(code) for code in event.countries
    ]
    label = translator("ru")(f"event-{event.kind}")
    if event.name:
        label += f" «{event.name}»"
    title = f"{label}: {', '.join(names)}" + (f" ({place})" if place else "")
    level_people = [people[name] for name in event.participants if name in people]
    event_id = await store.create_event(
        session,
        new=NewEvent(
            key=_fact_key("event", article_id, event.kind, event.date, event.countries),
            kind=event.kind,
            cameo=CAMEO_BY_KIND.get(event.kind),
            date_start=event.date,
            date_end=event.date_end,
            date_precision=event.precision,
            place=place,
            level=_level(level_people),
            title=title[:500],
            planned=event.planned,
        ),
        countries=_country_roles(event, place, gazetteer),
        participants=participants,
    )
    await _evidence(session, article_id, "event_id", event_id, event)
    counts.add("events", True)


def _same_agreement(
    fact: AgreementFact, title: str, alt_titles: list[str], period: tuple[int | None, int | None]
) -> bool:
    if fact.period and period[0] is not None and fact.period == period:
        return True
    mine = title_content_words(fact.title)
    for candidate in (title, *alt_titles):
        theirs = title_content_words(candidate)
        if mine and theirs and len(mine & theirs) / min(len(mine), len(theirs)) >= 0.75:
            return True
    return False


def _english_title(title: str, gazetteer: Gazetteer) -> dict[str, Any]:
    """A Russian title rendered by rule for English readers; an English one needs none."""
    if is_latin_only(title):
        return {}
    rendering = title_in_english(title, gazetteer)
    return {"title_en": rendering.text[:500], "title_en_sure": rendering.sure}


async def _store_agreement(
    session: AsyncSession,
    article_id: int,
    fact: AgreementFact,
    gazetteer: Gazetteer,
    counts: _Counts,
) -> None:
    parties = set(fact.parties)
    for agreement_id, title, alt_titles, start, end, their_parties in await store.agreements_like(
        session, fact.type, parties
    ):
        if parties and their_parties and not parties <= their_parties | {HOME_COUNTRY}:
            continue
        if _same_agreement(fact, title, alt_titles, (start, end)):
            await _evidence(session, article_id, "agreement_id", agreement_id, fact)
            counts.add("agreements", False)
            return
    agreement_id = await store.create_agreement(
        session,
        new=NewAgreement(
            key=_fact_key("agreement", article_id, fact.title, fact.parties),
            title=fact.title[:500],
            type=fact.type,
            signed_on=fact.signed_on,
            signed_precision=fact.precision,
            period_start=fact.period[0] if fact.period else None,
            period_end=fact.period[1] if fact.period else None,
            status=fact.status,
            quantity=fact.quantity,
            **_english_title(fact.title, gazetteer),
        ),
        parties=parties,
    )
    await _evidence(session, article_id, "agreement_id", agreement_id, fact)
    counts.add("agreements", True)


async def _store_trade(
    session: AsyncSession, article_id: int, fact: TradeFact, counts: _Counts
) -> None:
    foreign = [code for code in fact.countries if code != HOME_COUNTRY]
    partner = foreign[0] if foreign else None
    if partner is None and fact.group is None:
        return  # a figure with no counterpart is not a bilateral fact
    value = Decimal(fact.value)
    known = await store.matching_trade(
        session,
        partner=partner,
        group=fact.group,
        metric=fact.metric,
        value=value,
        unit=fact.currency,
        kind=fact.kind,
        year=fact.year,
    )
    if known is not None:
        await _evidence(session, article_id, "trade_figure_id", known, fact)
        counts.add("trade", False)
        return
    figure_id = await store.create_trade(
        session,
        NewTradeFigure(
            key=_fact_key("trade", article_id, fact.metric, fact.value, fact.countries, fact.year),
            reporter_iso2=HOME_COUNTRY if HOME_COUNTRY in fact.countries else None,
            partner_iso2=partner,
            partner_group=fact.group,
            metric=fact.metric,
            value=value,
            unit=fact.currency,
            year=fact.year if fact.kind == "actual" else None,
            target_year=fact.year if fact.kind == "target" else None,
            kind=fact.kind,
            qualifier=fact.qualifier,
        ),
    )
    await _evidence(session, article_id, "trade_figure_id", figure_id, fact)
    counts.add("trade", True)
