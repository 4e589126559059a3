"""Events: visits, talks, meetings, calls and summits, one per occasion, with their date,
place, countries and participants."""

from __future__ import annotations

import re
from dataclasses import replace

from bot.extraction.article import Article, Sentence, Token, closest_date, evidence, title_words
from bot.extraction.cities import city_index
from bot.extraction.facts import EventFact
from bot.extraction.gazetteer import CountryMention, Gazetteer

_VISIT_KINDS = {"государственный": "state_visit", "официальный": "official_visit",
                "рабочий": "working_visit", "state": "state_visit", "official": "official_visit",
                "working": "working_visit"}  # fmt: skip


_KIND_RANK = {"state_visit": 4, "official_visit": 3, "working_visit": 2, "visit": 1}


_FAMILY = {
    "state_visit": "visit", "official_visit": "visit", "working_visit": "visit",
    "visit": "visit", "talks": "talks", "meeting": "meeting", "summit": "summit",
    "phone_call": "phone_call",
}  # fmt: skip


_FUTURE_MARKERS = frozenset(
    {"планироваться", "ожидаться", "предстоящий", "намереваться", "предстоять", "подготовка",
     "will", "plan"}
)  # fmt: skip


# "состоится", "подпишут": what is announced has not happened yet
_FUTURE_VERBS = frozenset({"состояться", "пройти", "посетить", "прибыть", "провести", "подписать"})


# "предложил провести форум", "призвал создать совет": ideas, not facts that happened
PROPOSALS = frozenset(
    {"предложить", "предлагать", "предложение", "инициатива", "призвать", "призывать",
     "выступить", "propose", "proposal", "suggest"}
)  # fmt: skip


_QUOTED = re.compile(r"«([^»]{2,120})»|\"([^\"]{2,120})\"")


_PHONE_WORDS = frozenset({"телефонный", "telephone", "phone"})
_PHONE_HEADS = frozenset({"разговор", "переговоры", "conversation", "call", "talk"})
# Words that name an event of one kind wherever they stand.
_SIMPLE_TRIGGERS = {
    **dict.fromkeys(("посетить", "посещать", "прибыть", "arrive"), "visit"),
    **dict.fromkeys(("переговоры", "talk", "negotiation"), "talks"),
    **dict.fromkeys(("саммит", "summit"), "summit"),
    **dict.fromkeys(("встретиться", "встреча", "беседа", "meet", "met", "meeting"), "meeting"),
}


def is_future(sentence: Sentence) -> bool:
    return any(
        token.tag is not None
        and "futr" in token.tag
        and "VERB" in token.tag
        and token.lemma in _FUTURE_VERBS
        for token in sentence.tokens
    )


def event_triggers(sentence: Sentence) -> list[tuple[int, str]]:
    """Where the sentence names an event, and its kind: one mention per kind family
    ("визит ... в ходе визита" is one visit), of the most specific kind named."""
    tokens = sentence.tokens
    found = [
        (position, kind)
        for position in range(len(tokens))
        if (kind := _trigger_at(tokens, position)) is not None
    ]
    seen: set[str] = set()
    unique = []
    for position, kind in found:
        family = _FAMILY[kind]
        if family in seen:
            continue
        seen.add(family)
        best = max(
            (k for p, k in found if _FAMILY[k] == family), key=lambda k: _KIND_RANK.get(k, 0)
        )
        unique.append((position, best))
    return unique


def _trigger_at(tokens: list[Token], position: int) -> str | None:
    token = tokens[position]
    word = token.lemma
    before = tokens[position - 1].lemma if position else ""
    if before in ("для", "церемония", "ради", "for"):
        return None  # "прибыл для переговоров" (a purpose), "церемония встречи" (a welcome)
    if before in _PHONE_WORDS:
        return None  # "телефонные переговоры": the call, found at "телефонный"
    if word in ("визит", "visit"):
        kind = "visit"
        for previous in tokens[max(0, position - 2) : position]:
            kind = _VISIT_KINDS.get(previous.lemma, kind)
        return kind
    simple = _SIMPLE_TRIGGERS.get(word)
    if simple is not None:
        return simple
    following = tokens[position + 1 : position + 4]
    if word == "заседание" and any(t.lemma in ("совет", "глава") for t in following[:3]):
        return "summit"
    if word == "принять" and "участие" not in {t.lemma for t in tokens[position : position + 3]}:
        # "был принят Президентом", "Рахмон принял министра": a reception
        if any(t.tag is not None and "anim" in t.tag for t in following) or (
            token.tag is not None and "PRTS" in token.tag
        ):
            return "meeting"
        return None
    if word in _PHONE_WORDS and following and following[0].lemma in _PHONE_HEADS:
        return "phone_call"  # "телефонный разговор", "telephone conversation", "phone call"
    return None


# A paragraph's first word in capitals, then a comma, full stop or dash: a dateline
_DATELINE = re.compile(r"(?m)^\s*([A-ZА-ЯЁ][A-ZА-ЯЁ-]{2,24})\s*[,.—–-]\s")
_REMOTE = frozenset({"phone_call"})  # an event with no place of its own


def _placed_by_dateline(event: EventFact, place: str, country: str) -> EventFact:
    """An event with no place in its sentence, held in the dateline's country, took place
    where the news was filed (a phone call takes place nowhere)."""
    if event.place or event.kind in _REMOTE or country not in event.countries:
        return event
    return replace(event, place=place)


def _nearest_city(article: Article, sentence: Sentence, at: int) -> str | None:
    """A city (not a capital: those are countries' too) the sentence names, the one
    nearest the event's word, in the article's language."""
    found = city_index().find(sentence)
    if not found:
        return None
    city = min(found, key=lambda city: abs(city.at - at))
    return city.english if article.language == "en" else city.russian


class EventFinder:
    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer

    def find(self, article: Article) -> list[EventFact]:
        mentions: list[EventFact] = []
        for sentence in article.sentences:
            if sentence.lemmas & (_FUTURE_MARKERS | PROPOSALS) or is_future(sentence):
                continue
            if re.search(r"(?<!\d)\d+\s+раз\b|\bneigh|\btimes\b", sentence.text):
                continue  # "встречались более 10 раз": a count, not one event
            for trigger_at, kind in event_triggers(sentence):
                mention = self._event_mention(article, sentence, trigger_at, kind)
                if mention is not None:
                    mentions.append(mention)
        merged = self._merge_events(article, _inherit_dates(mentions))
        dateline = self._dateline(article)
        if dateline is not None:
            merged = [_placed_by_dateline(event, *dateline) for event in merged]
        return [_with_both_sides(article, event) for event in merged]

    def _dateline(self, article: Article) -> tuple[str, str] | None:
        """The capital a paragraph opens with in capitals ("АСТАНА, 15 ноября", "ASTANA,
        Dec. 25", "ASTANA. KAZINFORM"): where the news was filed. (place, its country)"""
        for match in _DATELINE.finditer(article.document.text):
            for mention in self.gazetteer.scan_countries(match.group(1).title()):
                if mention.kind == "capital":
                    place, _country = self._capital(article, [mention])
                    return (place, mention.iso2) if place else None
        return None

    def _event_mention(
        self, article: Article, sentence: Sentence, trigger_at: int, kind: str
    ) -> EventFact | None:
        countries, dates, people = article.in_sentence(sentence)
        trigger = sentence.tokens[trigger_at]
        place, place_country = self._capital(article, countries)
        codes = {c.iso2 for c in countries if c.kind != "capital"}
        if place_country:
            codes.add(place_country)
        if place is None:
            place = _nearest_city(article, sentence, trigger.start)
        participants: list[str] = []
        if not people and sentence.lemmas & {"он", "она", "he", "she"} and sentence.index > 0:
            # "А затем он принял участие в заседании": the person the text spoke of last
            previous = article.sentences[sentence.index - 1]
            earlier = article.in_sentence(previous)[2]
            people = earlier[-1:]
        for person_mention in people:
            person = article.people[person_mention.person]
            if person.name not in participants:
                participants.append(person.name)
            if person.country:
                codes.add(person.country)
        date = closest_date(dates, trigger.start)
        if not codes and not participants and date is not None:
            return None  # dated but about nobody we know: nothing to tie it to
        name = None
        if kind == "summit":
            quoted = _QUOTED.search(sentence.text[trigger.start - sentence.start :])
            if quoted:
                name = quoted.group(1) or quoted.group(2)
            elif trigger.lemma == "заседание":
                tail = sentence.text[trigger.end - sentence.start :]
                name = re.split(r"[,.;:(]| в | во ", tail, maxsplit=1)[0].strip()[:120] or None
        confidence = (
            0.55 + (0.15 if date else 0) + (0.1 if participants else 0) + (0.1 if place else 0)
        )
        return EventFact(
            kind=kind,
            date=date.date if date else None,
            date_end=date.date_end if date else None,
            precision=date.precision if date else "month",
            place=place,
            countries=tuple(sorted(codes)),
            participants=tuple(participants),
            name=name,
            confidence=round(min(confidence, 0.95), 2),
            evidence=evidence(sentence),
        )

    def _capital(
        self, article: Article, countries: list[CountryMention]
    ) -> tuple[str | None, str | None]:
        """The capital the sentence names, as the article's language writes it, and its
        country (a capital is a place and a party at once)."""
        for mention in countries:
            if mention.kind == "capital":
                names = (
                    self.gazetteer.capital_names_en
                    if article.language == "en"
                    else self.gazetteer.capital_names
                )
                place = names.get(mention.iso2) or self.gazetteer.capital_names.get(mention.iso2)
                return place, mention.iso2
        return None, None

    def _merge_events(self, article: Article, mentions: list[EventFact]) -> list[EventFact]:
        merged: list[EventFact] = []
        for mention in mentions:
            target = None
            # an undated mention is most likely the article's main event: the first one
            order = range(len(merged)) if mention.date is None else range(len(merged) - 1, -1, -1)
            for position in order:
                candidate = merged[position]
                if _FAMILY[candidate.kind] != _FAMILY[mention.kind]:
                    continue
                if not _names_compatible(candidate.name, mention.name):
                    continue
                if candidate.place and mention.place and candidate.place != mention.place:
                    continue
                if (
                    mention.date is None
                    or candidate.date is None
                    or _dates_compatible(candidate, mention)
                ):
                    target = position
                    break
            if target is None:
                merged.append(mention)
            else:
                merged[target] = _combine_events(merged[target], mention)
        published = article.document.published_at
        result = []
        for event in merged:
            if event.date is None and published is not None:
                # undated in the text: the month the article reports it in
                event = replace(event, date=published.replace(day=1), precision="month")
            result.append(event)
        # a bare "встреча" with nobody named, in the month of a visit or talks, is that event
        final = [
            event
            for event in result
            if not (
                event.kind == "meeting"
                and not event.participants
                and any(
                    other is not event
                    and other.date
                    and event.date
                    and (other.date.year, other.date.month) == (event.date.year, event.date.month)
                    for other in result
                )
            )
        ]
        return final


# "А затем он принял участие": a later event, not the one just told
_SEQUENCE_WORDS = re.compile(
    r"\b(?:затем|потом|позже|позднее|после этого|на следующий день|then|later|afterwards)\b",
    re.I,
)


def _inherit_dates(mentions: list[EventFact]) -> list[EventFact]:
    """ "12 марта Токаев прибыл в Ташкент. ... Лидеры провели переговоры": an undated event
    told right after a dated one (within two sentences) happened on that date, with those
    people unless others are named."""
    result: list[EventFact] = []
    for mention in mentions:
        if mention.date is None and not _SEQUENCE_WORDS.search(mention.evidence.phrase):
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
        if mention.countries or mention.participants:
            result.append(mention)  # still about nobody: no fact
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


def _combine_events(kept: EventFact, other: EventFact) -> EventFact:
    kind = kept.kind
    if _KIND_RANK.get(other.kind, 0) > _KIND_RANK.get(kind, 0):
        kind = other.kind
    precise = kept
    if kept.date is None or (
        other.date is not None and other.precision == "day" and kept.precision != "day"
    ):
        precise = other
    return replace(
        kept,
        kind=kind,
        date=precise.date,
        date_end=precise.date_end or (kept.date_end if precise is not kept else None),
        precision=precise.precision,
        place=kept.place or other.place,
        countries=tuple(sorted(set(kept.countries) | set(other.countries))),
        participants=tuple(dict.fromkeys(kept.participants + other.participants)),
        name=kept.name or other.name,
        confidence=max(kept.confidence, other.confidence),
        evidence=precise.evidence if precise.date else kept.evidence,
    )


def _with_both_sides(article: Article, event: EventFact) -> EventFact:
    """An event of Kazakhstan's foreign relations has two sides: where the sentence names
    one, the other is the article's (Kazakhstan, or its main partner)."""
    if len(event.countries) >= 2:
        return event
    pair = set(article.main_pair())
    if len(pair) < 2:
        return event
    codes = set(event.countries)
    if not codes or codes <= pair:
        codes |= pair
    return replace(event, countries=tuple(sorted(codes)))
