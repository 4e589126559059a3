"""Plain read-only records the repositories return; nothing above store/ sees ORM rows."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

# Integer primary keys are 32-bit on PostgreSQL: an id from outside (a button, a command)
# beyond this is no row of ours, and must not reach a query, where it would be an error.
MAX_ROW_ID = 2**31 - 1
_ROW_ID_TEXT = re.compile(r"[0-9]{1,10}")


def is_row_id(value: int) -> bool:
    return 1 <= value <= MAX_ROW_ID


def parse_row_id(text: str) -> int | None:
    """A row id typed by a user ("12", "#12"), or None. ASCII digits only: str.isdigit()
    also accepts "²" (which int() then refuses) and other scripts' digits."""
    text = text.strip().lstrip("#")
    if not _ROW_ID_TEXT.fullmatch(text):
        return None
    value = int(text)
    return value if is_row_id(value) else None


@dataclass(frozen=True, slots=True)
class SourceRef:
    article_id: int
    title: str
    outlet: str | None
    author: str | None
    published_at: dt.date | None
    url: str | None


@dataclass(frozen=True, slots=True)
class CountryInfo:
    iso2: str
    iso3: str
    name_ru: str
    name_en: str
    capital_ru: str | None
    capital_en: str | None


@dataclass(frozen=True, slots=True)
class CountryAliases:
    iso2: str
    name_ru: str
    name_en: str
    aliases: tuple[tuple[str, str], ...]  # (alias, kind)


@dataclass(frozen=True, slots=True)
class CountryWithData:
    iso2: str
    name_ru: str
    name_en: str
    facts: int


@dataclass(frozen=True, slots=True)
class AgreementInfo:
    id: int
    title: str
    type: str
    quantity: int
    parties: tuple[str, ...]
    signed_on: dt.date | None
    signed_precision: str | None
    place: str | None
    period_start: int | None
    period_end: int | None
    status: str
    summary: str | None
    sources: tuple[SourceRef, ...]
    title_en: str | None = None
    summary_en: str | None = None
    title_en_sure: bool = True  # False: a rendering by rule, shown with the original


@dataclass(frozen=True, slots=True)
class AgreementTitle:
    id: int
    title: str
    alt_titles: tuple[str, ...]
    type: str
    parties: tuple[str, ...]
    year: int | None


@dataclass(frozen=True, slots=True)
class EventInfo:
    id: int
    kind: str
    title: str
    date_start: dt.date | None
    date_end: dt.date | None
    precision: str
    place: str | None
    level: str | None
    countries: tuple[tuple[str, str], ...]  # (iso2, role)
    participants: tuple[str, ...]
    summary: str | None
    sources: tuple[SourceRef, ...]
    # the same people's English names, where known (None where not), in the same order
    participants_en: tuple[str | None, ...] = ()
    title_en: str | None = None
    summary_en: str | None = None
    place_en: str | None = None
    # the country each participant represents, where known, in the same order
    participant_countries: tuple[str | None, ...] = ()
    planned: bool = False  # announced, not yet held


@dataclass(frozen=True, slots=True)
class TradeInfo:
    id: int
    reporter: str | None
    partner: str | None
    partner_group: str | None
    metric: str
    value: Decimal
    unit: str
    year: int | None
    year_end: int | None
    kind: str
    target_year: int | None
    qualifier: str | None
    note: str | None
    sources: tuple[SourceRef, ...]
    note_en: str | None = None


@dataclass(frozen=True, slots=True)
class RelationInfo:
    level: str
    since: dt.date | None
    precision: str | None
    agreement_title: str | None
    agreement_signed_on: dt.date | None
    note: str | None
    sources: tuple[SourceRef, ...]
    agreement_title_en: str | None = None
    note_en: str | None = None


@dataclass(frozen=True, slots=True)
class RoleInfo:
    person_id: int
    name_ru: str
    name_en: str | None
    title_ru: str
    title_en: str | None
    country: str | None
    role_id: int = 0  # which role this is (/fix p<role_id>)
    # the first and the last article date that report the role (in /person)
    reported: tuple[dt.date, dt.date] | None = None


@dataclass(frozen=True, slots=True)
class PersonNames:
    person_id: int
    name_ru: str
    name_en: str | None
    aliases: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class CountryCard:
    country: CountryInfo
    relations: tuple[RelationInfo, ...]  # newest first; the first is the current level
    agreements: tuple[AgreementInfo, ...]
    agreements_total: int
    events: tuple[EventInfo, ...]
    events_total: int
    trade: tuple[TradeInfo, ...]
    trade_total: int
    people: tuple[RoleInfo, ...]
    sources_total: int  # articles behind all of the country's facts, not only those shown


@dataclass(frozen=True, slots=True)
class PersonProfile:
    person_id: int
    name_ru: str
    name_en: str | None
    roles: tuple[RoleInfo, ...]
    events: tuple[EventInfo, ...]
    events_total: int


@dataclass(frozen=True, slots=True)
class StoredView:
    id: int
    kind: str
    params: dict[str, Any]
    created_at: dt.datetime


@dataclass(frozen=True, slots=True)
class SearchDocument:
    kind: str  # event | agreement | trade | person | article
    id: int
    text: str
    countries: tuple[str, ...]
    date: dt.date | None
    amount: Decimal | None = None  # trade figures: the value, so "2 млрд" finds it
    unit: str | None = None
    codes: tuple[str, ...] = ()  # coded values (event kind, metric) the bot puts into words


@dataclass(frozen=True, slots=True)
class SubscriptionInfo:
    id: int
    chat_id: int
    chat_type: str
    frequency: str
    weekday: int
    local_time: str
    timezone: str
    countries: tuple[str, ...]
    language: str
    notify_empty: bool
    paused: bool
    active: bool
    covered_until: dt.datetime
    created_at: dt.datetime


@dataclass(frozen=True, slots=True)
class SubscribeOutcome:
    subscription: SubscriptionInfo | None
    created: bool
    too_many: bool = False


@dataclass(frozen=True, slots=True)
class DueDelivery:
    subscription_id: int
    period: str
    due_at: dt.datetime


@dataclass(frozen=True, slots=True)
class ClaimedDelivery:
    id: int
    subscription: SubscriptionInfo
    period: str
    covers_from: dt.datetime
    covers_to: dt.datetime
    attempts: int
    payload: list[str] | None
    messages_sent: int


@dataclass(frozen=True, slots=True)
class DigestStats:
    subscriptions_active: int
    subscriptions_paused: int
    subscriptions_deactivated: int
    deliveries: dict[str, int]
    last_runs: list[tuple[dt.datetime, int]]


@dataclass(frozen=True, slots=True)
class ArticleRef:
    id: int
    title: str
    outlet: str | None
    published_at: dt.date | None
    status: str


@dataclass(frozen=True, slots=True)
class Duplicate:
    article: ArticleRef
    similarity: float  # 1.0 for the same text


@dataclass(frozen=True, slots=True)
class UploadRow:
    article: ArticleRef
    uploaded_by: int | None
    ingested_at: dt.datetime
    facts: int


@dataclass(frozen=True, slots=True)
class Retraction:
    article: ArticleRef
    facts_gone: int  # facts no other published article supports any more
    facts_kept: int


@dataclass(frozen=True, slots=True)
class FactFates:
    """What an article's facts do when it goes (or comes back): `alone` facts rest on it
    only and appear or disappear with it; `shared` ones other published articles support."""

    alone: dict[str, int]  # events | agreements | trade | relations | people -> how many
    alone_titles: list[str]  # events and documents among them, newest first, a few
    shared: int

    @property
    def alone_total(self) -> int:
        return sum(self.alone.values())


@dataclass(frozen=True, slots=True)
class RetractionPlan:
    """What `/retract` would do, shown before the admin confirms."""

    article: ArticleRef
    curated: bool  # curated seed facts rest on it: a second, explicit confirmation
    fates: FactFates


@dataclass(frozen=True, slots=True)
class Restoration:
    article: ArticleRef
    facts_back: int  # facts visible again thanks to it
    facts_shared: int


@dataclass(frozen=True, slots=True)
class UploadStats:
    articles_published: int
    articles_retracted: int
    uploads: int
    facts: dict[str, int]
    auto_evidence: int
    curated_evidence: int
    subscriptions: int
    admin_actions_week: int


# ------------------------------------------------------------------ what uploads write


@dataclass(frozen=True)
class NewArticle:
    title: str
    outlet: str | None
    author: str | None
    url: str | None
    published_at: dt.date
    language: str
    content_hash: str
    text_hash: str
    sketch: list[int]
    text: str
    uploaded_by: int


# The CAMEO code an event of each kind gets when its source names none.
CAMEO_BY_KIND = {
    "state_visit": "042",
    "official_visit": "042",
    "working_visit": "042",
    "visit": "042",
    "meeting": "043",
    "summit": "044",
    "talks": "046",
    "phone_call": "041",
    "signing": "057",
    "reception": "043",  # hosting an ambassador who presents credentials
}


@dataclass(frozen=True)
class NewEvent:
    key: str
    kind: str
    cameo: str | None
    date_start: dt.date | None
    date_end: dt.date | None
    date_precision: str | None
    place: str | None
    level: str | None
    title: str
    planned: bool = False


@dataclass(frozen=True)
class NewAgreement:
    key: str
    title: str
    type: str
    signed_on: dt.date | None
    signed_precision: str | None
    period_start: int | None
    period_end: int | None
    status: str
    quantity: int | None
    alt_titles: list[str] = field(default_factory=list)
    title_en: str | None = None  # rendered by rule at publishing
    title_en_sure: bool | None = None


@dataclass(frozen=True)
class NewTradeFigure:
    key: str
    reporter_iso2: str | None
    partner_iso2: str | None
    partner_group: str | None
    metric: str
    value: Decimal
    unit: str
    year: int | None
    target_year: int | None
    kind: str
    qualifier: str | None


@dataclass(frozen=True, slots=True)
class FactSource:
    """One article behind a fact, as an admin correcting it sees it."""

    evidence_id: int
    source: SourceRef
    article_status: str  # published | retracted
    detached: bool  # an admin took this article off the fact (/fix); it can be put back


@dataclass(frozen=True, slots=True)
class FixableFact:
    """A stored fact opened for correction: what the cards show (`info`), the values a
    correction may change (`values`, by field), and every article behind it."""

    kind: str  # event | agreement | trade | person
    id: int
    revision: int  # a correction names it; a write against an older one is refused
    hidden: bool
    info: EventInfo | AgreementInfo | TradeInfo | RoleInfo
    values: dict[str, Any]
    sources: tuple[FactSource, ...]


@dataclass(frozen=True, slots=True)
class ArticleCard:
    """An article as a search result opens it: where and when it appeared, and the facts
    on file that it supports (visible ones, newest first)."""

    source: SourceRef
    events: tuple[EventInfo, ...]
    agreements: tuple[AgreementInfo, ...]
    trade: tuple[TradeInfo, ...]


# ------------------------------------------------------------------ watched sources


@dataclass(frozen=True, slots=True)
class SourceInfo:
    id: int
    url: str
    feed_url: str | None
    name: str
    trust: str
    active: bool
    state: str
    interval_seconds: int
    etag: str | None
    last_modified: str | None
    next_poll_at: dt.datetime
    last_polled_at: dt.datetime | None
    failures: int
    last_error: str | None
    allowed_hosts: tuple[str, ...]
    polled_once: bool
    queued: int = 0  # items waiting for review


@dataclass(frozen=True, slots=True)
class NewItem:
    guid: str
    url: str | None
    title: str | None
    summary: str | None
    published_at: dt.datetime | None


@dataclass(frozen=True, slots=True)
class ItemInfo:
    id: int
    source_id: int
    source_name: str
    guid: str
    url: str | None
    title: str | None
    summary: str | None
    published_at: dt.datetime | None
    status: str
    attempts: int
    error: str | None
    draft: dict[str, Any] | None
