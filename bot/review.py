"""Reviewing a draft fact by fact before it is published: numbering, dropping and keeping,
and corrections of the fields extraction gets wrong most (parsed and checked by
`bot.corrections`). Pure: knows nothing of Telegram or the database."""

from __future__ import annotations

import dataclasses
import datetime as dt

from bot.corrections import (
    MAX_INPUT_CHARS,
    CorrectionError,
    CountryResolver,
    choices,
    chosen,
    parse_date,
    parse_field,
    parse_label,
)
from bot.drafts import Draft, Edit
from bot.extraction.facts import AgreementFact, EventFact, Extraction, PersonFact, TradeFact
from bot.extraction.source_url import article_url, outlet_of

Fact = PersonFact | EventFact | AgreementFact | TradeFact

# The fields a correction may change, per kind of fact, in the order the buttons show.
FIELDS: dict[type, tuple[str, ...]] = {
    PersonFact: ("role", "country"),
    EventFact: ("kind", "date", "countries", "place"),
    AgreementFact: ("type", "status", "date", "countries"),
    TradeFact: ("value", "currency", "metric", "basis", "year", "countries"),
}
KIND_NAMES: dict[type, str] = {
    PersonFact: "person",
    EventFact: "event",
    AgreementFact: "agreement",
    TradeFact: "trade",
}
# Number 0 in a review is the article itself; these are the fields an admin may set.
ARTICLE = 0
ARTICLE_FIELDS = ("title", "outlet", "published", "url")


# ------------------------------------------------------------------ numbering, keep / drop


def numbered(extraction: Extraction) -> list[Fact]:
    """Every fact in preview order; a fact's number is its position plus one."""
    return [*extraction.people, *extraction.events, *extraction.agreements, *extraction.trade]


def split_by_confidence(draft: Draft, threshold: float) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """(numbers of the facts at or above `threshold`, numbers of the others)."""
    facts = numbered(draft.extraction)
    sure = tuple(n for n, fact in enumerate(facts, start=1) if fact.confidence >= threshold)
    return sure, tuple(n for n in range(1, len(facts) + 1) if n not in sure)


def fact_at(draft: Draft, number: int) -> Fact:
    facts = numbered(draft.extraction)
    if not 1 <= number <= len(facts):
        raise CorrectionError("no-such-fact")
    return facts[number - 1]


def toggle(draft: Draft, number: int) -> Draft:
    """Drop a kept fact, or keep a dropped one."""
    fact_at(draft, number)
    dropped = set(draft.dropped) ^ {number}
    return dataclasses.replace(draft, dropped=tuple(sorted(dropped)))


def reviewed_extraction(draft: Draft) -> Extraction:
    """What Publish stores: the corrected facts the admin kept."""
    extraction = draft.extraction
    if not draft.dropped:
        return extraction
    kept = [number not in draft.dropped for number in range(1, extraction.fact_count + 1)]
    people_end = len(extraction.people)
    events_end = people_end + len(extraction.events)
    agreements_end = events_end + len(extraction.agreements)

    def keep(facts: tuple[Fact, ...], offset: int) -> tuple[Fact, ...]:
        return tuple(fact for index, fact in enumerate(facts) if kept[offset + index])

    people = keep(extraction.people, 0)
    # a dropped person is wrong wherever they appear: not a participant of any event either
    dropped_names = {p.name for p in extraction.people} - {p.name for p in people}  # type: ignore[union-attr]
    events = tuple(
        dataclasses.replace(
            event,
            participants=tuple(n for n in event.participants if n not in dropped_names),
        )
        for event in keep(extraction.events, people_end)
        if isinstance(event, EventFact)
    )
    return dataclasses.replace(
        extraction,
        people=people,  # type: ignore[arg-type]
        events=events,
        agreements=keep(extraction.agreements, events_end),  # type: ignore[arg-type]
        trade=keep(extraction.trade, agreements_end),  # type: ignore[arg-type]
    )


def describe(fact: Fact) -> str:
    """A short plain label for the audit log."""
    if isinstance(fact, PersonFact):
        return f"person {fact.name} ({fact.role or '-'})"
    if isinstance(fact, EventFact):
        return f"event {fact.kind} {fact.date} {','.join(fact.countries)}"
    if isinstance(fact, AgreementFact):
        return f"agreement {fact.title[:120]}"
    return f"trade {fact.metric} {fact.value} {fact.currency} {fact.kind} {fact.year}"


def dropped_labels(draft: Draft) -> list[str]:
    facts = numbered(draft.extraction)
    return [f"#{number} {describe(facts[number - 1])}" for number in draft.dropped]


# ------------------------------------------------------------------ corrections


def fields_of(fact: Fact) -> tuple[str, ...]:
    return FIELDS[type(fact)]


def fields_at(draft: Draft, number: int) -> tuple[str, ...]:
    """What may be corrected under `number`: the article's fields (0) or a fact's."""
    return ARTICLE_FIELDS if number == ARTICLE else fields_of(fact_at(draft, number))


def choices_at(draft: Draft, number: int, field: str) -> tuple[str, ...] | None:
    return None if number == ARTICLE else choices_of(fact_at(draft, number), field)


def choices_of(fact: Fact, field: str) -> tuple[str, ...] | None:
    return choices(KIND_NAMES[type(fact)], field)


def choose(draft: Draft, number: int, field: str, index: int) -> Draft:
    """A field set from its list of choices, by position."""
    fact = fact_at(draft, number)
    return _apply(draft, number, fact, field, chosen(KIND_NAMES[type(fact)], field, index))


def correct(draft: Draft, number: int, field: str, text: str, resolve: CountryResolver) -> Draft:
    """A field set from the admin's typed value."""
    if number == ARTICLE:
        return correct_article(draft, field, text)
    fact = fact_at(draft, number)
    if field not in fields_of(fact) or choices_of(fact, field) is not None:
        raise CorrectionError("no-such-field")
    value = parse_field(field, text, resolve)
    return _apply(draft, number, fact, field, value)


def correct_article(draft: Draft, field: str, text: str) -> Draft:
    """The article's title, outlet, date of publication or address."""
    if field not in ARTICLE_FIELDS:
        raise CorrectionError("no-such-field")
    if len(text) > MAX_INPUT_CHARS * 2:
        raise CorrectionError("too-long")
    extraction = draft.extraction
    if field == "url":
        before = draft.url
        url = article_url(text)
        if url is None:
            raise CorrectionError("url-invalid")
        corrected = with_url(draft, url)
        return _article_edit(corrected, field, before, url)
    value: object
    if field == "published":
        day, precision = parse_date(text)
        if precision != "day":
            raise CorrectionError("date-day-needed")
        value, before_value = day, extraction.published_at
        changed = dataclasses.replace(extraction, published_at=day)
    else:  # title, outlet
        value = parse_label(text, max_chars=300 if field == "title" else 100)
        before_value = getattr(extraction, field)
        changed = dataclasses.replace(extraction, **{field: value})  # type: ignore[arg-type]
    corrected = dataclasses.replace(draft, extraction=changed)
    return _article_edit(corrected, field, before_value, value)


def with_url(draft: Draft, url: str) -> Draft:
    """The article's address (from a caption or a correction); a page that did not name
    its outlet gets the link's host as one."""
    extraction = draft.extraction
    if extraction.outlet is None:
        extraction = dataclasses.replace(extraction, outlet=outlet_of(url))
    return dataclasses.replace(draft, url=url, extraction=extraction)


def _article_edit(draft: Draft, field: str, before: object, after: object) -> Draft:
    edit = Edit(ARTICLE, field, f"{field}={_text(before)}", f"{field}={_text(after)}")
    return dataclasses.replace(draft, edits=(*draft.edits, edit))


def _apply(draft: Draft, number: int, fact: Fact, field: str, value: object) -> Draft:
    changes = _changes(fact, field, value)
    before = {name: getattr(fact, name) for name in changes}
    updated = dataclasses.replace(fact, **changes)  # type: ignore[arg-type]
    edit = Edit(number, field, _plain(before), _plain(changes))
    return dataclasses.replace(
        draft,
        extraction=_replace_fact(draft.extraction, fact, updated),
        edits=(*draft.edits, edit),
    )


def _changes(fact: Fact, field: str, value: object) -> dict[str, object]:
    if field == "date":
        assert isinstance(value, tuple)
        day, precision = value
        if isinstance(fact, EventFact):
            return {"date": day, "date_end": None, "precision": precision}
        return {"signed_on": day, "precision": precision}
    if field == "countries":
        return {"parties" if isinstance(fact, AgreementFact) else "countries": value}
    if field == "basis":
        return {"kind": value}
    return {field: value}


def _plain(values: dict[str, object]) -> str:
    return "; ".join(f"{name}={_text(value)}" for name, value in values.items())


def _text(value: object) -> str:
    if isinstance(value, tuple):
        return ",".join(str(item) for item in value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _replace_fact(extraction: Extraction, old: Fact, new: Fact) -> Extraction:
    for name in ("people", "events", "agreements", "trade"):
        facts: tuple[Fact, ...] = getattr(extraction, name)
        if any(fact is old for fact in facts):
            replaced = tuple(new if fact is old else fact for fact in facts)
            return dataclasses.replace(extraction, **{name: replaced})  # type: ignore[arg-type]
    raise CorrectionError("no-such-fact")
