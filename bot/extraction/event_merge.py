"""One event per occasion: the mentions of one event merged, what happened during a visit
folded into it, and both sides of a bilateral event named."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

from bot.extraction.article import Article, english_lemma, title_words
from bot.extraction.facts import EventFact
from bot.extraction.wordlists import word_set
from bot.matching.countries import HOME_COUNTRY

FAMILY = {
    "state_visit": "visit", "official_visit": "visit", "working_visit": "visit",
    "visit": "visit", "talks": "talks", "meeting": "meeting", "summit": "summit",
    "phone_call": "phone_call", "signing": "signing", "reception": "reception",
}  # fmt: skip
# Kinds that may have more than two sides
MULTILATERAL = frozenset({"summit", "reception"})
KIND_RANK = {"state_visit": 4, "official_visit": 3, "working_visit": 2, "visit": 1}
# Kinds an article names with no side and still means one occasion of its own sides
_ABOUT_ANYONE = frozenset({"phone_call", "summit", "signing"})
# What a visit is made of: talks, meetings, the signing ceremony, a bilateral "summit"
_PART_OF_A_VISIT = frozenset({"talks", "meeting", "signing", "reception", "summit"})
# A visit lasts a few days: what is reported a day before to three days after is part of it
_VISIT_DAYS_BEFORE, _VISIT_DAYS_AFTER = dt.timedelta(days=1), dt.timedelta(days=3)

_CONSULTATIONS = word_set("events", "consultation_words")

# "А затем он принял участие": a later event, not the one just told
_SEQUENCE_WORDS = re.compile(
    r"\b(?:затем|потом|позже|позднее|после этого|на следующий день|then|later|afterwards)\b",
    re.I,
)


# "В ходе этой встречи", "during this meeting": the event just told
_THIS_EVENT = re.compile(
    r"(?:\b[Ээ]т(?:ой|ого|ом|их|и)|\b[Дд]анн\w+|\b[Tt]his|\b[Tt]hat)\s+"
    r"(?:встреч|визит|переговор|бесед|разговор|meeting|visit|talks|conversation|call)"
)


def merge_mentions(mentions: list[EventFact]) -> list[EventFact]:
    """Mentions of the same kind family, place, name and compatible dates are one event."""
    merged: list[EventFact] = []
    for mention in mentions:
        target = None
        # an undated mention is most likely the article's main event: the first one
        order = range(len(merged)) if mention.date is None else range(len(merged) - 1, -1, -1)
        for position in order:
            if _same_occasion(merged[position], mention):
                target = position
                break
        if target is None:
            merged.append(mention)
        else:
            merged[target] = combine(merged[target], mention)
    return merged


def _same_occasion(candidate: EventFact, mention: EventFact) -> bool:
    if candidate.planned != mention.planned:
        return False
    if FAMILY[candidate.kind] != FAMILY[mention.kind] and not _talks_told_as_meeting(
        candidate, mention
    ):
        return False
    if not _names_compatible(candidate.name, mention.name):
        return False
    if candidate.place and mention.place and candidate.place != mention.place:
        return False
    sides, other_sides = set(candidate.countries), set(mention.countries)
    partners, other_partners = sides - {HOME_COUNTRY}, other_sides - {HOME_COUNTRY}
    if candidate.kind not in MULTILATERAL and (
        (len(sides | other_sides) > 2 and not (sides <= other_sides or other_sides <= sides))
        or (partners and other_partners and not partners & other_partners)
    ):
        return False  # Rahmon's visit to Moscow is not Tokayev's to Dushanbe; calls to two
    if FAMILY[candidate.kind] == "visit":
        return _within_visit(candidate, mention) or _within_visit(mention, candidate)
    return _dates_compatible(candidate, mention)


def _talks_told_as_meeting(first: EventFact, second: EventFact) -> bool:
    """ "Токаев провёл переговоры с Си Цзиньпином" and, in another sentence, "на встрече с Си
    Цзиньпином": the same sides and people, one occasion told in two words (within one
    sentence, "встреча после переговоров" are two)."""
    return (
        {first.kind, second.kind} == {"talks", "meeting"}
        and first.evidence.sentence_index != second.evidence.sentence_index
        and set(first.countries) == set(second.countries)
        and bool(first.participants and second.participants)
        and (
            set(first.participants) <= set(second.participants)
            or set(second.participants) <= set(first.participants)
        )
    )


def fold_into_visits(events: list[EventFact]) -> list[EventFact]:
    """Talks, meetings and signings held during a visit are that visit: one occasion.
    Undated ones belong to the first visit with the same sides; dated ones to the visit
    whose days they fall in."""
    if not any(_is_visit(event) for event in events):
        return events
    result = list(events)
    for event in events:
        if event.kind not in _PART_OF_A_VISIT or event.planned:
            continue
        if event.kind == "summit" and (len(event.countries) > 2 or event.precision != "day"):
            continue  # a summit is an occasion of its own, unless "summit talks" on the day
        host = next(
            (
                visit
                for visit in result
                if _is_visit(visit) and _same_sides(visit, event) and _within_visit(visit, event)
            ),
            None,
        )
        if host is not None:
            visit = combine(host, event, keep_kind=True)
            if host.kind == "visit" and _consultations(host, event):
                # "посетил Астану" for the round of political consultations: the talks
                visit = replace(visit, kind="talks")
            result[result.index(host)] = visit
            result.remove(event)
    return result


def _talks_or_meeting(first: EventFact, second: EventFact) -> str:
    """Talks told as a meeting too are talks, the word that says more of what was done;
    but leaders who met on a summit's sidelines had a meeting."""
    return "meeting" if _on_sidelines(first, second) else "talks"


def _on_sidelines(first: EventFact, second: EventFact) -> bool:
    return first.at_summit or second.at_summit


def _said_with(event: EventFact, words: frozenset[str]) -> bool:
    """Whether the sentence an event was told in has one of these lemmas."""
    said = title_words(event.evidence.phrase)
    return bool(words & (said | {english_lemma(word) for word in said}))


def _consultations(visit: EventFact, talks: EventFact) -> bool:
    return talks.kind == "talks" and (
        _said_with(talks, _CONSULTATIONS) or _said_with(visit, _CONSULTATIONS)
    )


def follow_on(mentions: list[EventFact]) -> list[EventFact]:
    """ "Встреча прошла в рамках форума в Астане", "В ходе этой встречи ...": a mention that
    names nobody new, in a sentence just after an event's, tells more of that event."""
    result: list[EventFact] = []
    for mention in mentions:
        target = _told_just_before(result, mention)
        if target is None:
            result.append(mention)
            continue
        previous = result[target]
        # its sides are the event's: other countries it names are what was discussed
        combined = combine(previous, mention, keep_kind=True)
        if {previous.kind, mention.kind} == {"talks", "meeting"} and _on_sidelines(
            previous, mention
        ):
            combined = replace(combined, kind="meeting")
        result[target] = replace(combined, countries=previous.countries or combined.countries)
    return result


def _told_just_before(result: list[EventFact], mention: EventFact) -> int | None:
    """The event a mention goes on telling of, if any: the last one told (within two
    sentences) for a bare meeting or talks; for "this meeting", "этот разговор", the last
    one of its kind."""
    pointed = _THIS_EVENT.search(mention.evidence.phrase) is not None
    loose = FAMILY[mention.kind] in ("meeting", "talks")
    for index in range(len(result) - 1, -1, -1):
        previous = result[index]
        gap = mention.evidence.sentence_index - previous.evidence.sentence_index
        if gap > 2:
            return None
        if gap <= 0 or previous.planned or not _dates_compatible(previous, mention):
            continue
        if pointed and (loose or FAMILY[previous.kind] == FAMILY[mention.kind]):
            return index
        new_people = set(mention.participants) - set(previous.participants)
        if loose and not new_people and index == len(result) - 1:
            return index
    return None


def _is_visit(event: EventFact) -> bool:
    return FAMILY[event.kind] == "visit" and not event.planned


def _same_sides(visit: EventFact, event: EventFact) -> bool:
    return not event.countries or set(event.countries) <= set(visit.countries)


def _within_visit(visit: EventFact, event: EventFact) -> bool:
    if event.date is None or visit.date is None:
        return True
    if visit.precision == "day" and event.precision == "day":
        end = visit.date_end or visit.date
        return visit.date - _VISIT_DAYS_BEFORE <= event.date <= end + _VISIT_DAYS_AFTER
    return _dates_compatible(visit, event)


def inherit_dates(mentions: list[EventFact]) -> list[EventFact]:
    """ "12 марта Токаев прибыл в Ташкент. ... Лидеры провели переговоры": an undated event
    told right after a dated one (within two sentences) happened on that date, with those
    people unless others are named."""
    result: list[EventFact] = []
    for mention in mentions:
        if (
            mention.date is None
            and not mention.planned  # what is still ahead did not happen that day
            and not _SEQUENCE_WORDS.search(mention.evidence.phrase)
        ):
            anchor = next(
                (
                    earlier
                    for earlier in reversed(result)
                    if earlier.date is not None
                    and earlier.precision == "day"
                    and mention.evidence.sentence_index - earlier.evidence.sentence_index == 1
                    and (
                        not mention.participants
                        or set(mention.participants) & set(earlier.participants)
                    )
                ),
                None,
            )
            if anchor is not None:
                mention = replace(
                    mention,
                    date=anchor.date,
                    date_end=anchor.date_end,
                    precision=anchor.precision,
                    participants=mention.participants or anchor.participants,
                    countries=tuple(sorted(set(mention.countries) | set(anchor.countries))),
                    confidence=round(max(mention.confidence - 0.1, 0.4), 2),
                )
        if mention.countries or mention.participants or mention.kind in _ABOUT_ANYONE:
            # still about nobody: no fact (but a call in an article about one is that call,
            # and a summit is one whoever the text names)
            result.append(mention)
    return result


def _names_compatible(first: str | None, second: str | None) -> bool:
    if first is None or second is None:
        return True
    return title_words(first) == title_words(second)


def _dates_compatible(first: EventFact, second: EventFact) -> bool:
    if first.date is None or second.date is None:
        return True
    if "day" == first.precision == second.precision:
        end = first.date_end or first.date
        other_end = second.date_end or second.date
        return first.date <= other_end and second.date <= end
    if "year" in (first.precision, second.precision):
        return first.date.year == second.date.year
    return (first.date.year, first.date.month) == (second.date.year, second.date.month)


def combine(kept: EventFact, other: EventFact, *, keep_kind: bool = False) -> EventFact:
    kind = kept.kind
    if not keep_kind and KIND_RANK.get(other.kind, 0) > KIND_RANK.get(kind, 0):
        kind = other.kind
    if not keep_kind and {kind, other.kind} == {"talks", "meeting"}:
        kind = _talks_or_meeting(kept, other)
    first, last = _span(kept, other)
    precise = _more_precise(kept, other)
    return replace(
        kept,
        kind=kind,
        date=first if precise.date else None,
        date_end=last if last != first else None,
        precision=precise.precision,
        place=kept.place or other.place,
        countries=tuple(sorted(set(kept.countries) | set(other.countries))),
        participants=tuple(dict.fromkeys(kept.participants + other.participants)),
        name=kept.name or other.name,
        confidence=max(kept.confidence, other.confidence),
        evidence=precise.evidence if precise.date else kept.evidence,
        at_summit=kept.at_summit or other.at_summit,
    )


def _span(first: EventFact, second: EventFact) -> tuple[dt.date | None, dt.date | None]:
    """The days two day-precise mentions cover together; otherwise the more precise one's."""
    if first.precision == second.precision == "day" and first.date and second.date:
        days = [first.date, second.date]
        days += [d for d in (first.date_end, second.date_end) if d]
        return min(days), max(days)
    precise = _more_precise(first, second)
    return precise.date, precise.date_end or precise.date


def _more_precise(kept: EventFact, other: EventFact) -> EventFact:
    """The mention whose date says more: a dated one over an undated one, a day over a
    month or a year; the first when they are alike."""
    if kept.date is None or (
        other.date is not None and other.precision == "day" and kept.precision != "day"
    ):
        return other
    return kept


def with_both_sides(article: Article, event: EventFact) -> EventFact:
    """An event of Kazakhstan's foreign relations has two sides: where the sentence names
    one, the other is the article's (Kazakhstan, or its main partner)."""
    if len(event.countries) >= 2:
        return event
    if (
        len(event.countries) == 1
        and HOME_COUNTRY not in event.countries
        and article.country_counts[HOME_COUNTRY]
    ):
        # "Беседа прошла по предложению официального Душанбе": the other side is ours
        return replace(event, countries=tuple(sorted({*event.countries, HOME_COUNTRY})))
    pair = set(article.main_pair())
    if len(pair) < 2:
        return event
    codes = set(event.countries)
    if not codes or codes <= pair:
        codes |= pair
    return replace(event, countries=tuple(sorted(codes)))
