"""Callback data of every button. The prefixes carry a version ("1"): buttons from an older
layout fail to parse and get the "expired" answer instead of doing something else."""

from __future__ import annotations

from typing import Annotated

from aiogram.filters.callback_data import CallbackData
from pydantic import Field

from store.dto import MAX_ROW_ID

# Every number a button carries is bounded here, at the edge: forged data with a number
# beyond them fails to parse, so the press gets the "expired" answer and no query sees it.
RowId = Annotated[int, Field(ge=1, le=MAX_ROW_ID)]
PageNumber = Annotated[int, Field(ge=0, le=1_000_000)]
Weekday = Annotated[int, Field(ge=-1, le=6)]  # -1: not chosen yet


class PageButton(CallbackData, prefix="p1"):
    view: RowId
    page: PageNumber


class OpenButton(CallbackData, prefix="o1"):
    kind: str
    id: RowId


class SectionButton(CallbackData, prefix="s1"):
    country: str
    section: str


class LanguageButton(CallbackData, prefix="l1"):
    language: str


CALLBACK_DATA_LIMIT = 64  # bytes, Telegram's limit


ZoneIndex = Annotated[int, Field(ge=-1, le=99)]
FlowCountries = Annotated[str, Field(pattern=r"^(\*|-|[A-Z]{2}(\.[A-Z]{2}){0,5})$")]


class SubscribeFlow(CallbackData, prefix="f2"):
    """The guided /subscribe (bot.digest.flow.FlowChoice): each press carries the whole
    choice it leads to ("-" / -1 = not chosen yet)."""

    frequency: str  # daily | weekly | instant | cancel
    weekday: Weekday
    time: str  # HHMM
    zone: ZoneIndex  # into bot.digest.flow.COMMON_ZONES; 99: typed
    countries: FlowCountries  # "TJ.PK", "*" for all, "-" none yet
    ready: bool = False


class SubscriptionAction(CallbackData, prefix="a1"):
    action: str  # pause | resume | time | delete (value "yes" once confirmed) | keep
    id: RowId
    value: str = "-"


class UploadButton(CallbackData, prefix="u1"):
    """Publish / Discard under a preview; the token names the draft it was made for."""

    action: str  # publish | discard
    token: str


class ArticlesPage(CallbackData, prefix="r1"):
    page: PageNumber


class RetractButton(CallbackData, prefix="x1"):
    """Under a retraction plan. `curated` is the second, explicit step an article with
    curated facts needs; the handler checks the article again, so a forged step is refused."""

    action: str  # confirm | continue | curated | cancel
    article: RowId


BatchToken = Annotated[str, Field(pattern=r"^([0-9a-f]{8}|-)$")]


class UnsubscribeButton(CallbackData, prefix="n1"):
    """The question `/unsubscribe` asks before removing all, and Undo under a removal."""

    action: str  # all | keep | undo
    batch: BatchToken = "-"


CountryCode = Annotated[str, Field(pattern=r"^([A-Z]{2}|-)$")]


class DigestButton(CallbackData, prefix="g1"):
    """Under a digest: open a country's card (or the list of countries), pause the
    subscription, or ask to end it. The digest itself is never edited by these."""

    action: str  # card | countries | pause | resume | unsubscribe
    id: RowId  # the subscription
    country: CountryCode = "-"


DraftToken = Annotated[str, Field(pattern=r"^[0-9a-f]{8}$")]
FactNumber = Annotated[int, Field(ge=0, le=100_000)]
ChoiceIndex = Annotated[int, Field(ge=-1, le=50)]


class ReviewButton(CallbackData, prefix="v1"):
    """The fact-by-fact review under a preview; the token names the draft it was made for,
    so a press on another admin's (or an old) preview finds nothing to change."""

    token: DraftToken
    action: str  # page | toggle | edit | field | choose
    number: FactNumber = 0
    page: PageNumber = 0
    field: str = "-"
    choice: ChoiceIndex = -1


FactKind = Annotated[str, Field(pattern=r"^[eatp]$")]
Revision = Annotated[int, Field(ge=0, le=1_000_000)]
EvidenceId = Annotated[int, Field(ge=0, le=MAX_ROW_ID)]


class FixButton(CallbackData, prefix="k1"):
    """Under a published fact opened for correction (/fix). `revision` is the one the
    admin saw: a press made on an older one is refused and the fresh fact shown."""

    kind: FactKind  # e | a | t | p, as in `/fix e12`
    id: RowId
    revision: Revision
    action: str  # open | field | choose | hide | show | detach | attach
    field: str = "-"
    choice: ChoiceIndex = -1
    evidence: EvidenceId = 0


class FeedButton(CallbackData, prefix="w1"):
    """Under /feeds: a watched source paused, resumed, removed, or its removal undone."""

    action: str  # pause | resume | remove | undo
    id: RowId


class QueueButton(CallbackData, prefix="q1"):
    """Under /queue: an article from a watched source opened for review, or skipped."""

    action: str  # open | skip
    id: RowId
