"""Facts from an article's text: countries, people with roles, events, agreements, trade.

A pure service: a `Document` in, an `Extraction` out; no Telegram, no database. natasha
segments the text and finds names (NER); yargy reads sums of money (`money.py`); the
gazetteers fix countries and known officials; rules of our own, written over lemmas rather
than the seed texts' wording, find events, documents and figures in each sentence.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace

from bot.extraction.agreements import find_agreements
from bot.extraction.article import Article, Sentence, Token, english_lemma, parse_word, split_lines
from bot.extraction.dates import find_dates
from bot.extraction.documents import Document
from bot.extraction.events import EventFinder
from bot.extraction.facts import Extraction
from bot.extraction.gazetteer import CountryMention, Gazetteer
from bot.extraction.language import detect_language
from bot.extraction.models import MODELS
from bot.extraction.people import PeopleFinder
from bot.extraction.trade import find_trade
from bot.matching.countries import HOME_COUNTRY
from bot.matching.morph import lemma


class Extractor:
    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer
        self.people = PeopleFinder(gazetteer)
        self.events = EventFinder(gazetteer)

    def extract(self, document: Document) -> Extraction:
        language = detect_language(document.text)
        warnings = list(document.warnings)
        if language not in ("ru", "en"):
            # Russian grammar on Kazakh or Uzbek text invents facts: report countries only.
            warnings.append(f"language_not_supported:{language}")
            counts = Counter(m.iso2 for m in self.gazetteer.scan_countries(document.text))
            frequent = tuple(code for code, n in counts.most_common() if n >= 2)
            return _without_facts(document, language, frequent, warnings)
        if language == "en":
            warnings.append("language_english")
        article = self._prepare(document, language)
        self.people.find(article)
        if not _about_foreign_relations(article):
            # Uzbek-Tajik talks, a regional investment story: officials, documents and sums
            # there are no facts of Kazakhstan's foreign relations, whatever the rules find.
            warnings += ["not_about_foreign_relations", "no_facts"]
            return _without_facts(document, language, (), warnings)
        events = self.events.find(article)
        agreements = find_agreements(article, events)
        trade = find_trade(article)
        in_facts: set[str] = set()
        for event in events:
            in_facts.update(event.countries)
        for agreement in agreements:
            in_facts.update(agreement.parties)
        for figure in trade:
            in_facts.update(figure.countries)
        in_facts.update(p.country for p in article.people if p.country)
        countries = tuple(
            code for code, count in article.country_counts.most_common() if code in in_facts
        )
        if not countries and article.country_counts:
            countries = (article.country_counts.most_common(1)[0][0],)
        if not (events or agreements or trade or article.people):
            warnings.append("no_facts")
        return replace(
            _without_facts(document, language, countries, warnings),
            people=tuple(article.people),
            events=tuple(events),
            agreements=tuple(agreements),
            trade=tuple(trade),
        )

    def _prepare(self, document: Document, language: str) -> Article:
        text = document.text
        segmenter, _ = MODELS.get()
        from natasha import Doc

        doc = Doc(text)
        doc.segment(segmenter)
        sentences: list[Sentence] = []
        for sent in doc.sents:
            tokens: list[Token] = []
            for token in sent.tokens:
                word = token.text
                if language == "ru" and re.fullmatch(r"[А-Яа-яЁё]+(?:-[А-Яа-яЁё]+)*", word):
                    parsed = parse_word(word.lower())
                    tokens.append(
                        Token(
                            word,
                            token.start,
                            token.stop,
                            _lemma_ru(word.lower().replace("ё", "е")),
                            parsed.tag,
                        )
                    )
                elif language == "en":
                    tokens.append(Token(word, token.start, token.stop, english_lemma(word)))
                else:
                    tokens.append(Token(word, token.start, token.stop, word.lower()))
            # a line break ends a sentence too: headings and list items carry no full stop
            for part in split_lines(tokens, text):
                start, end = part[0].start, part[-1].end
                sentence = Sentence(len(sentences), start, end, text[start:end], part)
                sentence.lemmas = {t.lemma for t in part}
                sentences.append(sentence)
        countries = [c for c in self.gazetteer.scan_countries(text) if not _in_a_currency(text, c)]
        dates = find_dates(text, document.published_at)
        return Article(
            document=document,
            language=language,
            sentences=sentences,
            countries=countries,
            country_counts=Counter(c.iso2 for c in countries),
            dates=dates,
            doc=doc,
        )


def _lemma_ru(word: str) -> str:
    """A word's lemma; of a compound the dictionary does not know, its last part's
    ("премьер-министром" -> "премьер-министр")."""
    found = lemma(word)
    head, _, last = word.rpartition("-")
    if found == word and head:
        return f"{head}-{lemma(last)}"
    return found


def _without_facts(
    document: Document, language: str, countries: tuple[str, ...], warnings: list[str]
) -> Extraction:
    return Extraction(
        language=language,
        title=document.title,
        outlet=document.outlet,
        author=document.author,
        published_at=document.published_at,
        countries=countries,
        warnings=tuple(warnings),
    )


def _about_foreign_relations(article: Article) -> bool:
    """Kazakhstan (by name, or one of its officials) and another state in the text itself."""
    home = article.country_counts[HOME_COUNTRY] > 0 or any(
        person.country == HOME_COUNTRY for person in article.people
    )
    foreign = any(code != HOME_COUNTRY for code in article.country_counts)
    return home and foreign


# "4,5 млрд долларов США", "757 million U.S. dollars": a currency, not a party.
_DOLLARS_BEFORE = re.compile(r"(?:доллар\w*|долл\.?)\s{0,3}$", re.I)
_DOLLARS_AFTER = re.compile(r"\.?\s{0,3}dollars?\b", re.I)


def _in_a_currency(text: str, mention: CountryMention) -> bool:
    return bool(
        _DOLLARS_BEFORE.search(text[max(0, mention.start - 15) : mention.start])
        or _DOLLARS_AFTER.match(text, mention.end)
    )
