"""Events: visits, talks, meetings, calls, summits, credentials ceremonies and signings, one
per occasion, held or still ahead, with their date, place, countries and participants.
Mentions are found here, sentence by sentence; event_merge.py makes one event of each
occasion."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Literal

from bot.extraction.article import (
    Article,
    PersonMention,
    Sentence,
    Token,
    closest_date,
    evidence,
)
from bot.extraction.cities import city_index
from bot.extraction.dates import DateMention
from bot.extraction.event_merge import (
    MULTILATERAL,
    fold_into_visits,
    follow_on,
    inherit_dates,
    merge_mentions,
    with_both_sides,
)
from bot.extraction.event_words import (
    SUMMIT_WORDS,
    about_a_call,
    conversations,
    event_triggers,
    invited_to,
    is_conversation,
    is_planned,
    proposes,
    signing_at,
)
from bot.extraction.facts import EventFact, PersonFact
from bot.extraction.gazetteer import CountryMention, Gazetteer
from bot.extraction.wordlists import word_set
from bot.matching.countries import HOME_COUNTRY

_REMOTE = frozenset({"phone_call"})  # an event with no place of its own
_RELATIVE_CLAUSE_WORDS = word_set("events", "relative_clause_words")
# A date further than this from the event's word is most likely some other thing's date
_DATE_REACH = 120
# "правительства двух стран подписали", "the two sides signed": the article's own two
_BOTH_SIDES = re.compile(
    r"\b(?:правительства|главы|лидеры|президенты|министры|стороны) (?:двух|обеих) "
    r"(?:стран|государств)|\bстороны подписали|\b(?:the two|both) (?:countries|sides|"
    r"governments|leaders) signed|\bthe (?:sides|parties) signed",
    re.I,
)
_QUOTED = re.compile(r"«([^»]{2,120})»|\"([^\"]{2,120})\"")
_COUNT = re.compile(r"(?<!\d)\d+\s+раз\b|\btimes\b")
# A paragraph's first word in capitals, then a comma, full stop or dash: a dateline
_DATELINE = re.compile(r"(?m)^\s*([A-ZА-ЯЁ][A-ZА-ЯЁ-]{2,24})\s*[,.—–-]\s")
# bounded repeats: a pattern run over a megabyte must stay linear
_POSSESSIVE = re.compile(r"([A-Z][\w-]{1,40})[’']s\s{1,3}(?:\w{1,30}\s{1,3})?$")


def _placed_by_dateline(event: EventFact, place: str, country: str) -> EventFact:
    """An event with no place in its sentence, held in the dateline's country, took place
    where the news was filed (a phone call takes place nowhere)."""
    if event.place or event.kind in _REMOTE or event.planned or country not in event.countries:
        return event
    return replace(event, place=place)


def _nearest_city(article: Article, sentence: Sentence, trigger: Token) -> str | None:
    """A city (not a capital: those are countries' too) the sentence names in the event's
    own clause, the one nearest the event's word, in the article's language."""
    at = trigger.start
    found = [
        city
        for city in city_index().find(sentence)
        if not _in_a_later_clause(sentence, trigger, city.at)
    ]
    if not found:
        return None
    city = min(found, key=lambda city: abs(city.at - at))
    return city.english if article.language == "en" else city.russian


def _ahead(article: Article, date: DateMention) -> bool:
    published = article.document.published_at
    return published is not None and date.date >= published


def _reported_month(article: Article, event: EventFact) -> EventFact:
    """A held event the text does not date is filed under the month the article reports
    it in, at month precision (the curated seed facts do the same); a planned one stays
    undated."""
    published = article.document.published_at
    if event.date is not None or event.planned or published is None:
        return event
    return replace(event, date=published.replace(day=1), precision="month")


def _event_date(dates: list[DateMention], at: int) -> DateMention | None:
    near = [d for d in dates if abs(d.start - at) <= _DATE_REACH and not d.stamp]
    return closest_date(near, at)


def _two_sides(
    article: Article,
    codes: set[str],
    preferred_sides: list[set[str]],
    mentions: list[CountryMention],
    at: int,
) -> set[str]:
    """A bilateral event has Kazakhstan and one partner: among several countries named, the
    one a participant represents, else the host, else the article's partner, else the one
    named nearest."""
    partners = codes - {HOME_COUNTRY}
    if HOME_COUNTRY not in codes or len(partners) < 2:
        return codes
    for preferred in (*preferred_sides, set(article.main_pair())):
        chosen = partners & preferred
        if len(chosen) == 1:
            return {HOME_COUNTRY, *chosen}
    nearest = min(
        (m for m in mentions if m.iso2 in partners), key=lambda m: abs(m.start - at), default=None
    )
    return {HOME_COUNTRY, nearest.iso2} if nearest else codes


class EventFinder:
    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer

    def find(self, article: Article) -> list[EventFact]:
        on_the_phone = about_a_call(article)
        mentions = [
            mention
            for sentence in article.sentences
            for mention in self._sentence_mentions(article, sentence, on_the_phone)
        ]
        merged = merge_mentions(inherit_dates(follow_on(mentions)))
        dateline = self._dateline(article)
        if dateline is not None:
            merged = [_placed_by_dateline(event, *dateline) for event in merged]
        events = fold_into_visits([with_both_sides(article, event) for event in merged])
        return [_reported_month(article, event) for event in events]

    def _sentence_mentions(
        self, article: Article, sentence: Sentence, on_the_phone: bool
    ) -> list[EventFact]:
        """Each event a sentence names, one per kind family; a signing only where it names
        no other event."""
        if proposes(sentence.tokens) or _COUNT.search(sentence.text):
            return []  # an idea, "встречались более 10 раз": no one event
        triggers = event_triggers(sentence)
        if on_the_phone:
            triggers += conversations(sentence, triggers)
        signing = signing_at(sentence)
        if not triggers and signing is not None:
            triggers = [(signing, "signing")]
        mentions = []
        for trigger_at, kind in triggers:
            if invited_to(sentence.tokens, trigger_at):
                continue
            if on_the_phone and is_conversation(sentence.tokens[trigger_at]):
                kind = "phone_call"  # "Разговор состоялся по инициативе турецкой стороны"
            mention = self._event_mention(article, sentence, trigger_at, kind)
            if mention is not None:
                mentions.append(mention)
        return mentions

    def _dateline(self, article: Article) -> tuple[str, str] | None:
        """The capital a paragraph opens with in capitals ("АСТАНА, 15 ноября", "ASTANA,
        Dec. 25", "ASTANA. KAZINFORM"): where the news was filed. (place, its country)"""
        for match in _DATELINE.finditer(article.document.text):
            word = match.group(1).title()
            for mention in self.gazetteer.scan_countries(word):
                if mention.kind == "capital":
                    place = self.gazetteer.capital_as_written(mention, word)
                    return (place, mention.iso2) if place else None
        return None

    def _event_mention(
        self, article: Article, sentence: Sentence, trigger_at: int, kind: str
    ) -> EventFact | None:
        countries, dates, people = article.in_sentence(sentence)
        trigger = sentence.tokens[trigger_at]
        planned = is_planned(sentence, trigger_at)
        if kind == "signing" and planned:
            return None  # a document to be signed is the document's news, not an occasion
        place, place_country = self._where(article, sentence, countries, trigger, kind)
        participants, parties = self._participants(article, sentence, people, trigger)
        codes = self._sides(article, sentence, kind, trigger, place_country, parties)
        date = _event_date(dates, trigger.start)
        if planned and date is not None and not _ahead(article, date):
            date = None  # a date told of a plan is when it was made, not when it is due
        if kind == "signing" and date is None and place is None:
            return None  # a signing is an occasion of its own only with its own day or place
        both_sides = kind == "signing" and _BOTH_SIDES.search(sentence.text) is not None
        if not codes and not participants and date is not None and not both_sides:
            # dated but about nobody we know: nothing to tie it to (a signing by "the two
            # countries" is the article's two sides')
            return None
        if kind not in MULTILATERAL:
            hosts = {place_country} if place_country else set()
            codes = _two_sides(article, codes, [parties, hosts], countries, trigger.start)
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
            name=_summit_name(sentence, trigger) if kind == "summit" else None,
            confidence=round(min(confidence, 0.95), 2),
            evidence=evidence(sentence),
            planned=planned,
            at_summit=_at_a_summit(sentence, kind),
        )

    def _where(
        self,
        article: Article,
        sentence: Sentence,
        countries: list[CountryMention],
        trigger: Token,
        kind: str,
    ) -> tuple[str | None, str | None]:
        """The city the event took place in, and the country a capital named stands for."""
        own = [c for c in countries if not _in_a_later_clause(sentence, trigger, c.start)]
        place, place_country = self._capital(article, own)
        if kind in _REMOTE:
            # "по предложению официального Душанбе": a side of the call, not where it was
            return None, place_country
        if place is None:
            place = _nearest_city(article, sentence, trigger)
        return place, place_country

    def _sides(
        self,
        article: Article,
        sentence: Sentence,
        kind: str,
        trigger: Token,
        place_country: str | None,
        parties: set[str],
    ) -> set[str]:
        """The countries taking part: those the sentence names, the host, the participants'."""
        countries = article.in_sentence(sentence)[0]
        if kind == "reception":
            # the envoys' countries and the host's, not the languages they spoke
            named = {c.iso2 for c in countries if c.kind not in ("capital", "demonym")}
            return named | {HOME_COUNTRY} | parties
        if self._owner(article, trigger) is not None:
            # "Scholz's visit comes after Putin threatened ...": the owner's side and the
            # host's; the rest of the sentence is backdrop
            return ({place_country} if place_country else set()) | parties
        text = article.document.text
        codes = {
            c.iso2
            for c in countries
            if c.kind != "capital"
            # "in what has been Russia's backyard": a backdrop where the people are named
            and not (parties and text[c.end : c.end + 2] in ("'s", "’s"))
        }
        # "встретились в Минске на саммите": the host of the summit, not of their meeting
        if place_country and kind not in MULTILATERAL and not _at_a_summit(sentence, kind):
            codes.add(place_country)  # the host; a summit's host need not be a party
        return codes | parties

    def _participants(
        self, article: Article, sentence: Sentence, people: list[PersonMention], trigger: Token
    ) -> tuple[list[str], set[str]]:
        """The people named in the sentence (or, for "он", the one named just before), and
        the countries they represent; only the owner of "Scholz's visit"."""
        owner = self._owner(article, trigger)
        if owner is not None:
            return (
                ([owner.name], {owner.country} if owner.country else set())
                if owner
                else ([], set())
            )
        if not people and sentence.lemmas & {"он", "она", "he", "she"} and sentence.index > 0:
            # "А затем он принял участие в заседании": the person the text spoke of last
            previous = article.sentences[sentence.index - 1]
            people = article.in_sentence(previous)[2][-1:]
        participants: list[str] = []
        parties: set[str] = set()
        for person_mention in people:
            person = article.people[person_mention.person]
            if person.name not in participants:
                participants.append(person.name)
            if person.country:
                parties.add(person.country)
        return participants, parties

    def _owner(self, article: Article, trigger: Token) -> PersonFact | Literal[False] | None:
        """Whose event "Scholz's visit" is: the person of the article with that surname
        (False when there is none: the event is still nobody else's)."""
        before = article.document.text[max(0, trigger.start - 40) : trigger.start]
        possessive = _POSSESSIVE.search(before)
        if possessive is None:
            return None
        surname = possessive.group(1)
        return next((p for p in article.people if p.name.split()[-1] == surname), False)

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
                place = self.gazetteer.capital_as_written(mention, article.document.text)
                return place or names.get(mention.iso2), mention.iso2
        return None, None


def _in_a_later_clause(sentence: Sentence, trigger: Token, at: int) -> bool:
    """ "... during the visit, after which he will join the forum in Dushanbe": what is named
    after "which", "где" or "который" that follows the event's word is that clause's."""
    return any(
        trigger.start < token.start < at and token.lemma in _RELATIVE_CLAUSE_WORDS
        for token in sentence.tokens
    )


def _at_a_summit(sentence: Sentence, kind: str) -> bool:
    """ "Лидеры встретились в Минске на саммите": talks or a meeting on the sidelines of a
    summit the sentence tells of as held (not "ahead of a broader summit")."""
    return kind in ("meeting", "talks") and any(
        token.lemma in SUMMIT_WORDS and not is_planned(sentence, position)
        for position, token in enumerate(sentence.tokens)
    )


def _summit_name(sentence: Sentence, trigger: Token) -> str | None:
    """A summit's own name: in quotes after the word, or what follows "заседание"."""
    quoted = _QUOTED.search(sentence.text[trigger.start - sentence.start :])
    if quoted:
        return quoted.group(1) or quoted.group(2)
    if trigger.lemma == "заседание":
        tail = sentence.text[trigger.end - sentence.start :]
        return re.split(r"[,.;:(]| в | во ", tail, maxsplit=1)[0].strip()[:120] or None
    return None
