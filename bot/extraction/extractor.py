"""Facts from an article's text: countries, people with roles, events, agreements, trade.

A pure service: a `Document` in, an `Extraction` out; no Telegram, no database. natasha
segments the text and finds names (NER); yargy reads sums of money (`money.py`); the
gazetteers fix countries and known officials; rules of our own, written over lemmas rather
than the seed texts' wording, find events, documents and figures in each sentence.
"""

from __future__ import annotations

import datetime as dt
import re
import threading
from collections import Counter
from dataclasses import dataclass, field, replace
from decimal import Decimal
from functools import lru_cache
from typing import Any

from bot.extraction.dates import DateMention, find_dates
from bot.extraction.documents import Document
from bot.extraction.gazetteer import CountryMention, Gazetteer
from bot.extraction.language import detect_language
from bot.extraction.money import Amount, find_amounts
from bot.matching.countries import HOME_COUNTRY
from bot.matching.morph import analyzer, lemma

EXTRACTOR_NAME = "rules"
EXTRACTOR_VERSION = "1"
_EVIDENCE_CHARS = 300


# ---------------------------------------------------------------- result


@dataclass(frozen=True, slots=True)
class Evidence:
    start: int
    end: int
    phrase: str
    sentence_index: int


@dataclass(frozen=True, slots=True)
class PersonFact:
    name: str
    role: str | None
    country: str | None
    known_key: str | None  # the gazetteer's key when the person is already known
    confidence: float
    evidence: Evidence


@dataclass(frozen=True, slots=True)
class EventFact:
    kind: str
    date: dt.date | None
    date_end: dt.date | None
    precision: str
    place: str | None
    countries: tuple[str, ...]
    participants: tuple[str, ...]
    name: str | None  # a summit's own name, «Центральная Азия — Россия»
    confidence: float
    evidence: Evidence


@dataclass(frozen=True, slots=True)
class AgreementFact:
    title: str
    type: str
    signed_on: dt.date | None
    precision: str | None
    period: tuple[int, int] | None
    parties: tuple[str, ...]
    status: str  # planned | signed | in_force
    quantity: int
    confidence: float
    evidence: Evidence


@dataclass(frozen=True, slots=True)
class TradeFact:
    value: Decimal
    currency: str  # USD | KZT | ... | percent | times
    kind: str  # actual | target
    metric: str  # turnover | exports | imports | investment | share | growth
    year: int | None
    qualifier: str | None  # exceeds | about | up_to | reached
    countries: tuple[str, ...]
    group: str | None  # СНГ, ЕАЭС: a figure for a bloc rather than a country
    confidence: float
    evidence: Evidence


@dataclass(frozen=True)
class Extraction:
    language: str
    title: str | None
    outlet: str | None
    author: str | None
    published_at: dt.date | None
    countries: tuple[str, ...]
    people: tuple[PersonFact, ...] = ()
    events: tuple[EventFact, ...] = ()
    agreements: tuple[AgreementFact, ...] = ()
    trade: tuple[TradeFact, ...] = ()
    warnings: tuple[str, ...] = ()

    @property
    def fact_count(self) -> int:
        return len(self.people) + len(self.events) + len(self.agreements) + len(self.trade)

    def to_json(self) -> dict[str, Any]:
        """Exactly the schema of `python -m bot extract --json`."""
        return {
            "language": self.language,
            "title": self.title,
            "outlet": self.outlet,
            "published_at": _iso(self.published_at),
            "countries": list(self.countries),
            "people": [{"name": p.name, "role": p.role, "country": p.country} for p in self.people],
            "events": [
                {
                    "kind": e.kind,
                    "date": _iso(e.date),
                    "date_end": _iso(e.date_end),
                    "place": e.place,
                    "countries": list(e.countries),
                    "participants": list(e.participants),
                }
                for e in self.events
            ],
            "agreements": [
                {
                    "title": a.title,
                    "type": a.type,
                    "signed_on": _iso(a.signed_on),
                    "period": f"{a.period[0]}-{a.period[1]}" if a.period else None,
                    "parties": list(a.parties),
                    "status": a.status,
                }
                for a in self.agreements
            ],
            "trade": [
                {
                    "value": _number(t.value),
                    "currency": t.currency,
                    "kind": t.kind,
                    "year": t.year,
                    "qualifier": t.qualifier,
                    "countries": list(t.countries),
                }
                for t in self.trade
            ],
            "warnings": list(self.warnings),
        }


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def _number(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)


# ---------------------------------------------------------------- models


class _Models:
    """natasha's segmenter and NER, loaded once, on first use, by whichever thread gets
    there first: ordinary commands never pay for them."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._loaded: tuple[Any, Any] | None = None

    def get(self) -> tuple[Any, Any]:
        if self._loaded is None:
            with self._lock:
                if self._loaded is None:
                    from natasha import NewsEmbedding, NewsNERTagger, Segmenter

                    self._loaded = (Segmenter(), NewsNERTagger(NewsEmbedding()))
        return self._loaded


MODELS = _Models()


def warm_up() -> None:
    """Load every model now (in the background at start-up, or before a benchmark)."""
    MODELS.get()
    detect_language("Казахстан")
    find_amounts("1 млрд долларов")
    analyzer()


# ---------------------------------------------------------------- lexicon

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
_PROPOSALS = frozenset(
    {"предложить", "предлагать", "предложение", "инициатива", "призвать", "призывать",
     "выступить", "propose", "proposal", "suggest"}
)  # fmt: skip
_ROLE_HEADS = frozenset(
    {
        "президент", "премьер-министр", "министр", "вице-премьер", "заместитель", "глава",
        "председатель", "посол", "спикер", "руководитель", "советник", "секретарь", "генсек",
        "мэр", "аким", "хоким", "губернатор", "король", "эмир", "канцлер", "директор",
        "политолог", "эксперт", "депутат", "сенатор", "премьер", "вице-президент",
        "president", "minister", "premier", "ambassador", "chairman", "secretary", "speaker",
        "prime",
    }
)  # fmt: skip
_AGREEMENT_HEADS = {
    "договор": "договор", "соглашение": "соглашение", "меморандум": "меморандум",
    "декларация": "декларация", "программа": "программа", "протокол": "протокол",
    "конвенция": "конвенция", "хартия": "хартия", "коммюнике": "коммюнике",
    "treaty": "договор", "agreement": "соглашение", "memorandum": "меморандум",
    "declaration": "декларация", "programme": "программа", "program": "программа",
    "protocol": "протокол", "roadmap": "дорожная карта", "convention": "конвенция",
}  # fmt: skip
_AGREEMENT_MODIFIERS = frozenset(
    {"совместный", "межправительственный", "двусторонний", "рамочный", "всеобъемлющий",
     "межгосударственный", "межведомственный", "новый", "joint", "intergovernmental",
     "comprehensive", "bilateral"}
)  # fmt: skip
# tokens around a document's name that may say what became of it
_STATUS_WINDOW = 8
_CLAUSE_BREAKS = frozenset({",", ";", ":", "а", "но", "однако", "whereas", "but"})
_COMPLEMENT_STARTS = frozenset(
    {"о", "об", "между", "по", "на", "в", "с", "on", "of", "between", "for"}
)
_CLAUSE_WORDS = frozenset(
    {"который", "что", "где", "когда", "чтобы", "как", "which", "that", "who"}
)
_SIGNED = frozenset(
    {"подписать", "подписание", "заключить", "подписанный", "заключение", "принять",
     "парафировать", "утвердить", "sign", "signed", "signing", "conclude", "adopted"}
)  # fmt: skip
_PLANNED = frozenset(
    {"проработать", "планироваться", "разработать", "проект", "намереваться", "подготовить",
     "предстоящий", "договориться", "plan", "draft", "will"}
)  # fmt: skip
_IN_FORCE = frozenset(
    {"реализация", "выполняться", "реализовываться", "реализоваться", "действовать", "выполнение",
     "исполнение", "вступить", "implement", "implementation", "force"}
)  # fmt: skip
_TRADE_METRICS = {
    "товарооборот": "turnover", "торговля": "turnover", "оборот": "turnover",
    "экспорт": "exports", "импорт": "imports", "инвестиция": "investment",
    "вложение": "investment", "инвестор": "investment", "trade": "turnover",
    "turnover": "turnover", "export": "exports", "import": "imports",
    "investment": "investment",
}  # fmt: skip
_TARGET_WORDS = frozenset(
    {"довести", "цель", "задача", "планировать", "стремиться", "намерен", "нацелить",
     "ориентир", "target", "aim", "goal", "нарастить"}
)  # fmt: skip
# "нарастить до", "довести до", "raise it to": a target when followed by "до"/"to"
_RAISE_VERBS = frozenset(
    {"довести", "нарастить", "увеличить", "поднять", "расширить", "увеличение", "рост",
     "raise", "increase", "boost", "bring"}
)  # fmt: skip
_GROWTH_WORDS = frozenset(
    {"вырасти", "увеличиться", "возрасти", "рост", "прирост", "grow", "increase"}
)
_QUALIFIERS = {
    "превысить": "exceeds", "превышать": "exceeds", "свыше": "exceeds", "более": "exceeds",
    "больше": "exceeds", "over": "exceeds", "exceed": "exceeds", "около": "about",
    "порядка": "about", "почти": "about", "примерно": "about", "приблизительно": "about",
    "about": "about", "nearly": "about", "достигнуть": "reached", "составить": "reached",
    "reach": "reached",
}  # fmt: skip
_GROUPS = {"снг": "СНГ", "еаэс": "ЕАЭС", "шос": "ШОС", "одкб": "ОДКБ", "брикс": "БРИКС",
           "cis": "СНГ", "eaeu": "ЕАЭС", "sco": "ШОС"}  # fmt: skip
_ENGLISH_ROLE = re.compile(
    r"((?:(?:Deputy|Vice|First)\s+)?(?:President|Prime Minister|Foreign Minister|Minister"
    r"(?:\s+of\s+[A-Z][a-z]+(?:\s+(?:and\s+)?[A-Z][a-z]+)*)?|Ambassador|Chairman|Speaker|"
    r"Secretary[- ]General)(?:\s+of\s+(?:the\s+)?[A-Z][\w-]+(?:\s+[A-Z][\w-]+)*)?)\s*,?\s*$"
)
_NOMINATIVE_SURNAME = re.compile(r"(?:ов|ев|ёв|ин|ын|ский|цкий|ова|ева|ёва|ина|ская|цкая)$")
_FEMININE_SURNAME = re.compile(r"(?:ова|ева|ёва|ина|ына)$")
_PATRONYMIC = re.compile(r"(?:ович|евич|ьич|овна|евна|ична|инична)а?$|(?:ович|евич)(?:ем|у|е)$")
_TIME_BEFORE = re.compile(r"\d{1,2}:\d{2}[\s\d|•·]*$")
# The optional word carries its own spaces: a bare "\s*" first would backtrack over every
# start inside a long run of spaces (quadratic time).
_PERIOD = re.compile(r"(?:(?:на|в|for)\s*)?((?:19|20)\d{2})\s*[-–—]\s*((?:19|20)\d{2})")
_QUOTED = re.compile(r"«([^»]{2,120})»|\"([^\"]{2,120})\"")
_ENGLISH_STEMS = re.compile(r"(?:ies|es|s|ed|ing)$")


@dataclass(slots=True)
class _Token:
    text: str
    start: int
    end: int
    lemma: str
    tag: Any = None


@dataclass(slots=True)
class _Sentence:
    index: int
    start: int
    end: int
    text: str
    tokens: list[_Token]
    lemmas: set[str] = field(default_factory=set)


@dataclass(slots=True)
class _PersonMention:
    person: int  # index into the article's people
    start: int
    end: int


@lru_cache(maxsize=100_000)
def _parse(word: str) -> Any:
    return analyzer().parse(word)[0]


def _english_lemma(word: str) -> str:
    lowered = word.lower()
    if len(lowered) > 4:
        return _ENGLISH_STEMS.sub("", lowered) or lowered
    return lowered


def _nominative(word: str, plural: bool | None = None) -> str:
    """`Договора` -> `Договор`, `министром` -> `министр`; case of the first letter kept."""
    if not re.fullmatch(r"[А-Яа-яЁё-]+", word):
        return word
    parsed = _parse(word.lower())
    grammemes = {"nomn"}
    if plural is True:
        grammemes.add("plur")
    elif plural is False or (plural is None and "sing" in parsed.tag):
        grammemes.add("sing")
    inflected = parsed.inflect(grammemes) or parsed.inflect({"nomn"})
    form = inflected.word if inflected else word.lower()
    return form[0].upper() + form[1:] if word[0].isupper() else form


# ---------------------------------------------------------------- the extractor


@dataclass
class _Article:
    document: Document
    language: str
    sentences: list[_Sentence]
    countries: list[CountryMention]
    country_counts: Counter[str]
    dates: list[DateMention]
    doc: Any = None  # natasha's Doc, segmented, for NER
    people: list[PersonFact] = field(default_factory=list)
    mentions: list[_PersonMention] = field(default_factory=list)

    def main_pair(self) -> tuple[str, ...]:
        foreign = [code for code, _ in self.country_counts.most_common() if code != HOME_COUNTRY]
        if not foreign:
            return ()
        return (
            tuple(sorted({HOME_COUNTRY, foreign[0]}))
            if self.country_counts[HOME_COUNTRY]
            else (foreign[0],)
        )

    def in_sentence(
        self, sentence: _Sentence
    ) -> tuple[list[CountryMention], list[DateMention], list[_PersonMention]]:
        return (
            [c for c in self.countries if sentence.start <= c.start < sentence.end],
            [d for d in self.dates if sentence.start <= d.start < sentence.end],
            [m for m in self.mentions if sentence.start <= m.start < sentence.end],
        )


class Extractor:
    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer

    def extract(self, document: Document) -> Extraction:
        language = detect_language(document.text)
        warnings = list(document.warnings)
        if language not in ("ru", "en"):
            # Russian grammar on Kazakh or Uzbek text invents facts: report countries only.
            warnings.append(f"language_not_supported:{language}")
            counts = Counter(m.iso2 for m in self.gazetteer.scan_countries(document.text))
            return Extraction(
                language=language,
                title=document.title,
                outlet=document.outlet,
                author=document.author,
                published_at=document.published_at,
                countries=tuple(code for code, n in counts.most_common() if n >= 2),
                warnings=tuple(warnings),
            )
        if language == "en":
            warnings.append("language_english")
        article = self._prepare(document, language)
        self._find_people(article)
        events = self._find_events(article)
        agreements = self._find_agreements(article, events)
        trade = self._find_trade(article)
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
        return Extraction(
            language=language,
            title=document.title,
            outlet=document.outlet,
            author=document.author,
            published_at=document.published_at,
            countries=countries,
            people=tuple(article.people),
            events=tuple(events),
            agreements=tuple(agreements),
            trade=tuple(trade),
            warnings=tuple(warnings),
        )

    # ------------------------------------------------------------ preparation

    def _prepare(self, document: Document, language: str) -> _Article:
        text = document.text
        segmenter, _ = MODELS.get()
        from natasha import Doc

        doc = Doc(text)
        doc.segment(segmenter)
        sentences: list[_Sentence] = []
        for sent in doc.sents:
            tokens: list[_Token] = []
            for token in sent.tokens:
                word = token.text
                if language == "ru" and re.fullmatch(r"[А-Яа-яЁё]+(?:-[А-Яа-яЁё]+)*", word):
                    parsed = _parse(word.lower())
                    tokens.append(
                        _Token(
                            word,
                            token.start,
                            token.stop,
                            lemma(word.lower().replace("ё", "е")),
                            parsed.tag,
                        )
                    )
                elif language == "en":
                    tokens.append(_Token(word, token.start, token.stop, _english_lemma(word)))
                else:
                    tokens.append(_Token(word, token.start, token.stop, word.lower()))
            # a line break ends a sentence too: headings and list items carry no full stop
            for part in _split_lines(tokens, text):
                start, end = part[0].start, part[-1].end
                sentence = _Sentence(len(sentences), start, end, text[start:end], part)
                sentence.lemmas = {t.lemma for t in part}
                sentences.append(sentence)
        countries = self.gazetteer.scan_countries(text)
        dates = find_dates(text, document.published_at)
        return _Article(
            document=document,
            language=language,
            sentences=sentences,
            countries=countries,
            country_counts=Counter(c.iso2 for c in countries),
            dates=dates,
            doc=doc,
        )

    # ------------------------------------------------------------ people

    def _find_people(self, article: _Article) -> None:
        text = article.document.text
        spans: list[tuple[int, int]] = []
        if article.language == "ru":
            _, ner = MODELS.get()
            article.doc.tag_ner(ner)
            spans = [(s.start, s.stop) for s in article.doc.spans if s.type == "PER"]
        else:
            spans = [
                (m.start(), m.end())
                for m in re.finditer(r"\b[A-Z][a-z]+(?:[- ][A-Z][a-z]+){1,2}\b", text)
            ]
        by_key: dict[str, int] = {}
        author = (article.document.author or "").casefold()
        for start, end in spans:
            start, words = self._strip_role_words(text, start, end)
            if not words:
                continue
            if _TIME_BEFORE.search(text[max(0, start - 16) : start]):
                continue  # "4:20 9 Ануар Калмыков": a byline under the headline
            name_text = " ".join(words)
            if author and name_text.casefold().startswith(author.split(" ")[0]):
                continue
            known = self.gazetteer.people.resolve(name_text).matches
            person_key: str
            known_person = None
            if len(known) == 1:
                known_person = self.gazetteer.known_people[known[0]]
                person_key = known_person.key
                name = (
                    known_person.name_ru
                    if article.language == "ru"
                    else (known_person.name_en or known_person.name_ru)
                )
            else:
                if len(words) < 2 or _PATRONYMIC.search(words[-1].lower()):
                    continue  # a lone surname or "Айдар Кенжебекович" cannot be told apart
                name = self._full_name_nominative(words) if article.language == "ru" else name_text
                person_key = name.casefold()
            sentence = self._sentence_at(article, start)
            role, role_country = self._role_before(article, sentence, start)
            if person_key not in by_key:
                country = role_country or (known_person.country if known_person else None)
                if (
                    role is None
                    and known_person is not None
                    and known_person.role_ru
                    and article.language == "ru"
                ):
                    role, country = known_person.role_ru, known_person.country
                    confidence = 0.7
                else:
                    confidence = 0.9 if role else 0.6
                if role is None and known_person is None:
                    continue  # an unknown name with no role is too often a byline or a quote
                by_key[person_key] = len(article.people)
                article.people.append(
                    PersonFact(
                        name=name,
                        role=role,
                        country=country,
                        known_key=known_person.key if known_person else None,
                        confidence=confidence,
                        evidence=self._evidence(sentence),
                    )
                )
            elif role is not None:
                position = by_key[person_key]
                current = article.people[position]
                if current.confidence < 0.9:
                    article.people[position] = replace(
                        current,
                        role=role,
                        country=role_country or current.country,
                        confidence=0.9,
                        evidence=self._evidence(sentence),
                    )
            article.mentions.append(_PersonMention(by_key[person_key], start, end))

    def _strip_role_words(self, text: str, start: int, end: int) -> tuple[int, list[str]]:
        """NER often takes the title into the name: "Президента Касым-Жомарта Токаева"."""
        words = text[start:end].split()
        while words and (
            words[0].lower().rstrip(".,") in _ROLE_HEADS
            or lemma(words[0].lower()) in _ROLE_HEADS
            or not words[0][:1].isupper()
            or self.gazetteer.is_country_word(words[0].strip(".,;:"))
        ):
            start = text.index(words[0], start) + len(words[0])
            words = words[1:]
        while start < end and text[start] == " ":
            start += 1
        return start, [w.strip('.,;:()«»"') for w in words if w.strip('.,;:()«»"')]

    def _full_name_nominative(self, words: list[str]) -> str:
        """ "Армана Шаккалиева" -> "Арман Шаккалиев", "Айгерим Шаккалиева" stays: the first
        name tells whether a surname in -ова/-ева is a woman's nominative or a man's case."""
        first = words[0].split("-")[0].lower()
        genders = {
            "masc" if "masc" in p.tag else "femn"
            for p in analyzer().parse(first)
            if "Name" in p.tag and ("masc" in p.tag or "femn" in p.tag)
        }
        masculine = genders == {"masc"}
        out = []
        for position, word in enumerate(words):
            if position > 0 and masculine and _FEMININE_SURNAME.search(word.lower()):
                out.append(word[:-1])  # Шаккалиева (genitive of a man's name) -> Шаккалиев
                continue
            out.append("-".join(self._name_part_nominative(part) for part in word.split("-")))
        return " ".join(out)

    @staticmethod
    def _name_part_nominative(part: str) -> str:
        parsed = [
            p
            for p in analyzer().parse(part.lower())
            if {"Name"} <= p.tag.grammemes or {"Surn"} <= p.tag.grammemes
        ]
        if (
            not parsed
            or any("nomn" in p.tag and "sing" in p.tag for p in parsed)
            or _NOMINATIVE_SURNAME.search(part.lower())
        ):
            return part  # "Саидов" is already the nominative; do not guess
        chosen = next((p for p in parsed if "sing" in p.tag), parsed[0])
        inflected = chosen.inflect({"nomn"})
        if inflected is None:
            return part
        return str(inflected.word[0].upper() + inflected.word[1:])

    def _role_before(
        self, article: _Article, sentence: _Sentence, name_start: int
    ) -> tuple[str | None, str | None]:
        """The title written just before a name: "министром иностранных дел Таджикистана"."""
        before = [t for t in sentence.tokens if t.end <= name_start][-9:]
        head_at = None
        other_names = [(m.start, m.end) for m in article.mentions]
        for position in range(len(before) - 1, -1, -1):
            token = before[position]
            if token.text in {",", ".", ";", ":", "(", ")", "—", "–", "-", "«", "»"}:
                break
            if any(start <= token.start < end for start, end in other_names):
                break  # "Президент Туркменистана Сердар Бердымухамедов и Президент ..."
            if token.lemma in _ROLE_HEADS or token.text.lower() in _ROLE_HEADS:
                head_at = position
        if head_at is None:
            return None, None
        tokens = before[head_at:]
        start, stop = tokens[0].start, tokens[-1].end
        role_text = article.document.text[start:stop]
        if article.language == "en":
            english = _ENGLISH_ROLE.search(
                article.document.text[max(0, name_start - 90) : name_start]
            )
            if english is None:
                return None, None
            role_text = english.group(1)
        else:
            # only the head changes case: "министром иностранных дел" -> "министр иностранных дел"
            first = tokens[0].text
            role_text = _nominative(first, plural=False) + role_text[len(first) :]
        countries = self.gazetteer.scan_countries(role_text)
        role_text = role_text[0].upper() + role_text[1:]
        return role_text, countries[-1].iso2 if countries else None

    def _sentence_at(self, article: _Article, position: int) -> _Sentence:
        for sentence in article.sentences:
            if sentence.start <= position < sentence.end:
                return sentence
        return article.sentences[-1]

    def _evidence(self, sentence: _Sentence) -> Evidence:
        phrase = sentence.text.strip()
        if len(phrase) > _EVIDENCE_CHARS:
            phrase = phrase[: _EVIDENCE_CHARS - 1].rstrip() + "…"
        return Evidence(sentence.start, sentence.end, phrase, sentence.index)

    # ------------------------------------------------------------ events

    def _find_events(self, article: _Article) -> list[EventFact]:
        mentions: list[EventFact] = []
        for sentence in article.sentences:
            if sentence.lemmas & (_FUTURE_MARKERS | _PROPOSALS) or self._is_future(sentence):
                continue
            if re.search(r"(?<!\d)\d+\s+раз\b|\bneigh|\btimes\b", sentence.text):
                continue  # "встречались более 10 раз": a count, not one event
            for trigger_at, kind in self._event_triggers(sentence):
                mention = self._event_mention(article, sentence, trigger_at, kind)
                if mention is not None:
                    mentions.append(mention)
        return self._merge_events(article, _inherit_dates(mentions))

    def _is_future(self, sentence: _Sentence) -> bool:
        return any(
            token.tag is not None
            and "futr" in token.tag
            and "VERB" in token.tag
            and token.lemma in _FUTURE_VERBS
            for token in sentence.tokens
        )

    def _event_triggers(self, sentence: _Sentence) -> list[tuple[int, str]]:
        found: list[tuple[int, str]] = []
        tokens = sentence.tokens
        for position, token in enumerate(tokens):
            word = token.lemma
            previous_word = tokens[position - 1].lemma if position else ""
            if previous_word in ("для", "церемония", "ради", "for"):
                continue  # "прибыл для переговоров" (a purpose), "церемония встречи" (a welcome)
            if word in ("визит", "visit"):
                kind = "visit"
                for previous in tokens[max(0, position - 2) : position]:
                    kind = _VISIT_KINDS.get(previous.lemma, kind)
                found.append((position, kind))
            elif word in ("посетить", "посещать", "прибыть", "arrive"):
                found.append((position, "visit"))
            elif word in ("переговоры", "talk", "negotiation"):
                found.append((position, "talks"))
            elif word in ("саммит", "summit") or (
                word == "заседание"
                and any(t.lemma in ("совет", "глава") for t in tokens[position + 1 : position + 4])
            ):
                found.append((position, "summit"))
            elif word in ("встретиться", "встреча", "беседа", "meet", "met", "meeting"):
                found.append((position, "meeting"))
            elif word == "принять" and "участие" not in {
                t.lemma for t in tokens[position : position + 3]
            }:
                # "был принят Президентом", "Рахмон принял министра": a reception
                following = tokens[position + 1 : position + 4]
                if any(t.tag is not None and "anim" in t.tag for t in following) or (
                    token.tag is not None and "PRTS" in token.tag
                ):
                    found.append((position, "meeting"))
            elif (
                word == "телефонный"
                and position + 1 < len(tokens)
                and tokens[position + 1].lemma == "разговор"
            ):
                found.append((position, "phone_call"))
        # one mention per kind family per sentence: "визит ... в ходе визита" is one visit
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

    def _event_mention(
        self, article: _Article, sentence: _Sentence, trigger_at: int, kind: str
    ) -> EventFact | None:
        countries, dates, people = article.in_sentence(sentence)
        trigger = sentence.tokens[trigger_at]
        place = None
        place_country = None
        for mention in countries:
            if mention.kind == "capital":
                place_country = mention.iso2
                names = (
                    self.gazetteer.capital_names_en
                    if article.language == "en"
                    else self.gazetteer.capital_names
                )
                place = names.get(mention.iso2) or self.gazetteer.capital_names.get(mention.iso2)
                break
        codes = {c.iso2 for c in countries if c.kind != "capital"}
        if place_country:
            codes.add(place_country)
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
        date = self._closest_date(dates, trigger.start)
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
            evidence=self._evidence(sentence),
        )

    @staticmethod
    def _nearby_countries(article: _Article, sentence: _Sentence) -> set[str]:
        """Countries of the two sentences before: "Отношения между Казахстаном и
        Таджикистаном ... Они оформлены Договором ..." """
        for previous in article.sentences[max(0, sentence.index - 2) : sentence.index][::-1]:
            codes = {c.iso2 for c in article.in_sentence(previous)[0] if c.kind != "capital"}
            if len(codes) >= 2:
                return codes
        return set()

    @staticmethod
    def _closest_date(dates: list[DateMention], position: int) -> DateMention | None:
        if not dates:
            return None
        return min(dates, key=lambda d: (abs(d.start - position), d.precision != "day"))

    def _merge_events(self, article: _Article, mentions: list[EventFact]) -> list[EventFact]:
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

    # ------------------------------------------------------------ agreements

    def _find_agreements(self, article: _Article, events: list[EventFact]) -> list[AgreementFact]:
        found: list[AgreementFact] = []
        for sentence in article.sentences:
            tokens = sentence.tokens
            for position, token in enumerate(tokens):
                head_type = _AGREEMENT_HEADS.get(token.lemma)
                head_at = position
                if (
                    token.lemma in ("дорожный", "road")
                    and position + 1 < len(tokens)
                    and tokens[position + 1].lemma in ("карта", "map")
                ):
                    head_type, head_at = "дорожная карта", position + 1
                if (
                    token.lemma == "план"
                    and position + 1 < len(tokens)
                    and tokens[position + 1].lemma in ("действие", "мероприятие")
                ):
                    head_type = "план"
                if (
                    token.lemma == "документ"
                    and position + 1 < len(tokens)
                    and tokens[position + 1].text.lower() in ("о", "об", "по")
                ):
                    head_type = "документ"
                if head_type is None:
                    continue
                if position > 0 and tokens[position - 1].lemma in ("дорожный",):
                    continue  # counted at "дорожная"
                fact = self._agreement_at(article, sentence, position, head_at, head_type)
                if fact is not None:
                    found.append(fact)
        return _merge_agreements(found)

    def _agreement_at(
        self, article: _Article, sentence: _Sentence, first_at: int, head_at: int, head_type: str
    ) -> AgreementFact | None:
        tokens = sentence.tokens
        start_at = first_at
        while start_at > 0 and tokens[start_at - 1].lemma in _AGREEMENT_MODIFIERS:
            start_at -= 1
        quantity = 1
        if start_at > 0 and tokens[start_at - 1].text.isdigit():
            quantity = int(tokens[start_at - 1].text)
        end_at = head_at
        position = head_at + 1
        in_quotes = False
        complement = False
        if position < len(tokens):
            nxt = tokens[position]
            complement = (
                nxt.text.lower() in _COMPLEMENT_STARTS
                or nxt.text in ("«", '"')
                or (
                    nxt.tag is not None
                    and ("NOUN" in nxt.tag or "ADJF" in nxt.tag)
                    and "gent" in nxt.tag
                )
            )
        if not complement:
            return None
        while position < len(tokens) and position - head_at <= 18:
            token = tokens[position]
            if token.text in ("«", '"') and not in_quotes:
                in_quotes = True
            elif token.text in ("»", '"') and in_quotes:
                in_quotes = False
            elif not in_quotes:
                if token.text in {",", ".", ";", ":", "(", ")", "—", "–", "!", "?"}:
                    break
                if token.lemma in _CLAUSE_WORDS:
                    break
                if token.tag is not None and (
                    {"VERB", "PRTF", "PRTS", "GRND", "INFN"}
                    & set(str(token.tag).replace(" ", ",").split(","))
                ):
                    break
                if article.language == "en" and token.lemma in {
                    "was",
                    "were",
                    "is",
                    "are",
                    "will",
                    "sign",
                    "signed",
                    "and",
                }:
                    break
                if token.text.lower() in ("и", "а", "and") and position + 1 < len(tokens):
                    following = tokens[position + 1]
                    if following.tag is not None and "VERB" in following.tag:
                        break
                    if (
                        following.lemma in _AGREEMENT_HEADS
                        or following.lemma in _AGREEMENT_MODIFIERS
                        or following.lemma == "дорожный"
                    ):
                        break
            end_at = position
            position += 1
        # drop a dangling preposition or conjunction at the end
        while end_at > head_at and tokens[end_at].text.lower() in _COMPLEMENT_STARTS | {
            "и",
            "а",
            "в",
            "and",
        }:
            end_at -= 1
        if end_at == head_at:
            return None
        words = []
        for index in range(start_at, end_at + 1):
            token = tokens[index]
            if index <= head_at and article.language == "ru":
                words.append((token, _nominative(token.text, plural=quantity > 1 or None)))
            else:
                words.append((token, token.text))
        text = article.document.text
        title = text[words[0][0].start : words[-1][0].end]
        rebuilt = []
        cursor = words[0][0].start
        for token, form in words:
            rebuilt.append(text[cursor : token.start])
            rebuilt.append(form)
            cursor = token.end
        title = "".join(rebuilt).strip()
        title = re.sub(r"\s+", " ", title)
        title = title[0].upper() + title[1:]
        period_match = _PERIOD.search(
            text[words[0][0].start : min(words[-1][0].end + 30, sentence.end)]
        )
        period = (int(period_match[1]), int(period_match[2])) if period_match else None
        if period and period[1] < period[0]:
            period = None
        countries, dates, _ = article.in_sentence(sentence)
        parties = {c.iso2 for c in countries if c.kind != "capital"}
        if len(parties) < 2:
            parties.update(self._nearby_countries(article, sentence) or article.main_pair())
        # What is said of this document is said near it, and not across another one:
        # "подписали Соглашение о ..., а министерства работают над программами" signs no
        # programme.
        others = [
            i
            for i, t in enumerate(tokens)
            if (t.lemma in _AGREEMENT_HEADS or t.lemma == "дорожный")
            and not start_at <= i <= end_at
        ]
        window_start = start_at - _STATUS_WINDOW
        anchor = start_at
        for i in sorted((i for i in others if i < start_at), reverse=True):
            between = tokens[i + 1 : anchor]
            if any(t.text in _CLAUSE_BREAKS for t in between):
                window_start = max(window_start, i + 1)
                break
            # "подписали Соглашение о ... и Программу ...": one verb for the list
            anchor = i
            window_start = i - _STATUS_WINDOW
        window_end = min([end_at + _STATUS_WINDOW, *(i - 1 for i in others if i > end_at)])
        window = tokens[max(window_start, 0) : window_end + 1]
        lemmas = {t.lemma for t in window}
        if window:
            dates = [d for d in dates if window[0].start <= d.start < window[-1].end]
        if lemmas & _PROPOSALS and not lemmas & _SIGNED:
            return None
        if not (lemmas & (_SIGNED | _PLANNED | _IN_FORCE) or dates):
            return None  # a heading or a passing mention: nothing said about the document
        status = "signed"
        confidence = 0.65
        if lemmas & _PLANNED or self._is_future(sentence):
            status = "planned"
        elif lemmas & _IN_FORCE:
            status = "in_force"
        elif lemmas & _SIGNED:
            confidence += 0.15
        head = tokens[head_at]
        usable_dates = [
            d for d in dates if not (period and d.precision == "year" and d.date.year in period)
        ]
        date = self._closest_date(usable_dates, head.start) if status == "signed" else None
        signed_on = date.date if date else None
        precision = date.precision if date else None
        if (
            status == "signed"
            and signed_on is None
            and lemmas & _SIGNED
            and self._event_triggers(sentence)
            and article.document.published_at
        ):
            # "по итогам переговоров подписана программа": signed at the talks reported
            signed_on = article.document.published_at.replace(day=1)
            precision = "month"
        if date:
            confidence += 0.1
        return AgreementFact(
            title=title[:300],
            type=head_type,
            signed_on=signed_on,
            precision=precision,
            period=period,
            parties=tuple(sorted(parties)),
            status=status,
            quantity=quantity,
            confidence=round(min(confidence, 0.95), 2),
            evidence=self._evidence(sentence),
        )

    # ------------------------------------------------------------ trade

    def _find_trade(self, article: _Article) -> list[TradeFact]:
        found: list[TradeFact] = []
        previous_metrics: list[_Token] = []
        for sentence in article.sentences:
            metric_words = [t for t in sentence.tokens if t.lemma in _TRADE_METRICS]
            if not metric_words and previous_metrics and sentence.lemmas & {"он", "it"}:
                metric_words = previous_metrics  # "нарастить его до 2 млрд": the turnover
            previous_metrics = metric_words
            if not metric_words:
                continue
            amounts = find_amounts(sentence.text)
            for amount in amounts:
                fact = self._trade_fact(article, sentence, amount, metric_words, amounts)
                if fact is not None:
                    found.append(fact)
        unique: dict[tuple[Any, ...], TradeFact] = {}
        for fact in found:
            key = (fact.value, fact.currency, fact.kind, fact.metric, fact.year)
            if key not in unique or unique[key].confidence < fact.confidence:
                unique[key] = fact
        return list(unique.values())

    def _trade_fact(
        self,
        article: _Article,
        sentence: _Sentence,
        amount: Amount,
        metric_words: list[_Token],
        amounts_before: list[Amount],
    ) -> TradeFact | None:
        position = sentence.start + amount.start
        before = [t for t in sentence.tokens if t.end <= position][-4:]
        metric = min(metric_words, key=lambda t: abs(t.start - position))
        metric_name = _TRADE_METRICS[metric.lemma]
        if amount.unit == "percent":
            if not sentence.lemmas & {"доля", "удельный", "share"}:
                return None
            metric_name = "share"
        elif amount.unit == "times":
            if not (
                sentence.lemmas & _GROWTH_WORDS
                or amount.text.lower() in ("вдвое", "втрое", "вчетверо")
            ):
                return None
            metric_name = "growth"
        earlier_amounts = [a for a in amounts_before if a.end <= amount.start]
        lead_start = sentence.start + (earlier_amounts[-1].end if earlier_amounts else 0)
        lead = {t.lemma for t in sentence.tokens if lead_start <= t.start < position}
        raise_to = (
            bool(lead & _RAISE_VERBS) and bool(before) and before[-1].text.lower() in ("до", "to")
        )
        kind = "target" if lead & _TARGET_WORDS or raise_to else "actual"
        qualifier = None
        for token in before:
            qualifier = _QUALIFIERS.get(token.lemma, qualifier)
        if qualifier is None and before and before[-1].text.lower() == "до" and kind == "actual":
            qualifier = "up_to"
        if kind == "target" and qualifier == "reached":
            qualifier = None
        countries, dates, _ = article.in_sentence(sentence)
        years = [d for d in dates if not (d.start <= position < d.end)]
        if kind == "target":
            # "довести до 10 млрд к 2030 году": a target's year follows it or says "к/by"
            text = article.document.text
            years = [
                d
                for d in years
                if d.start > position or re.match(r"(?:к|by|на|до)\b", text[d.start : d.end], re.I)
            ]
        year = None
        if years:
            year = min(years, key=lambda d: abs(d.start - position)).date.year
        codes = {c.iso2 for c in countries if c.kind != "capital"}
        group = next((_GROUPS[t.lemma] for t in sentence.tokens if t.lemma in _GROUPS), None)
        if group is None and len(codes - {HOME_COUNTRY}) == 0:
            codes.update(article.main_pair())
        confidence = 0.7 + (0.1 if codes else 0) + (0.1 if year else 0)
        return TradeFact(
            value=amount.value,
            currency=amount.unit,
            kind=kind,
            metric=metric_name,
            year=year,
            qualifier=qualifier,
            countries=tuple(sorted(codes)),
            group=group,
            confidence=round(min(confidence, 0.95), 2),
            evidence=self._evidence(sentence),
        )


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


def _split_lines(tokens: list[_Token], text: str) -> list[list[_Token]]:
    parts: list[list[_Token]] = []
    current: list[_Token] = []
    for token in tokens:
        if current and "\n" in text[current[-1].end : token.start]:
            parts.append(current)
            current = []
        current.append(token)
    if current:
        parts.append(current)
    return parts


# ---------------------------------------------------------------- merging helpers


def _names_compatible(first: str | None, second: str | None) -> bool:
    if first is None or second is None:
        return True
    return _title_words(first) == _title_words(second)


def _title_words(text: str) -> frozenset[str]:
    words = re.findall(r"[А-Яа-яЁёA-Za-z]+", text.lower().replace("ё", "е"))
    return frozenset(lemma(w) for w in words if len(w) > 2)


def title_content_words(title: str) -> frozenset[str]:
    """Lemmas that tell one document from another: "между", "страна", "год" do not. The
    extractor merges mentions by them and publishing matches documents on file by them."""
    return frozenset(w for w in _title_words(title) if w not in _GENERIC_TITLE_WORDS)


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


_GENERIC_TITLE_WORDS = frozenset(
    {"между", "страна", "государство", "республика", "два", "наш", "сторона", "год"}
)


def _agreement_key(fact: AgreementFact) -> frozenset[str]:
    return title_content_words(fact.title)


def _merge_agreements(found: list[AgreementFact]) -> list[AgreementFact]:
    merged: list[AgreementFact] = []
    status_rank = {"signed": 3, "in_force": 2, "planned": 1}
    for fact in found:
        key = _agreement_key(fact)
        target = None
        for position, kept in enumerate(merged):
            if kept.type != fact.type:
                continue
            other = _agreement_key(kept)
            overlap = len(key & other) / max(1, min(len(key), len(other)))
            same_period = kept.period is not None and kept.period == fact.period
            if same_period or (overlap >= 0.75 and (kept.period is None or fact.period is None)):
                target = position
                break
        if target is None:
            merged.append(fact)
            continue
        kept = merged[target]
        longer = fact if len(fact.title) > len(kept.title) else kept
        best_status = max(
            (kept, fact), key=lambda f: (status_rank[f.status], f.signed_on is not None)
        )
        dated = kept if kept.signed_on and (kept.precision == "day" or not fact.signed_on) else fact
        merged[target] = replace(
            kept,
            title=longer.title,
            status=best_status.status,
            signed_on=dated.signed_on if best_status.status == "signed" else None,
            precision=dated.precision if best_status.status == "signed" else None,
            period=kept.period or fact.period,
            parties=tuple(sorted(set(kept.parties) | set(fact.parties))),
            quantity=max(kept.quantity, fact.quantity),
            confidence=max(kept.confidence, fact.confidence),
        )
    return merged
