"""Agreements: documents signed, planned or in force, with their type, title, date,
period and parties."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

from bot.extraction.article import (
    Article,
    Sentence,
    Token,
    closest_date,
    evidence,
    nearby_countries,
    nominative,
    title_content_words,
)
from bot.extraction.dates import DateMention
from bot.extraction.events import PROPOSALS, event_triggers, is_future
from bot.extraction.facts import AgreementFact, EventFact

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
    {"о", "об", "между", "по", "на", "в", "с", "on", "of", "between", "for", "to"}
)


_CLAUSE_WORDS = frozenset(
    {"который", "что", "где", "когда", "чтобы", "как", "which", "that", "who"}
)


# English words come as `english_lemma` gives them: "adopted" -> "adopt", "inked" -> "ink"
_SIGNED = frozenset(
    {"подписать", "подписание", "заключить", "подписанный", "заключение", "принять",
     "парафировать", "утвердить", "sign", "signed", "signing", "conclude", "conclud",
     "adopted", "adopt", "approv", "ink", "seal", "endors", "issu", "reach", "reached"}
)  # fmt: skip


_PLANNED = frozenset(
    {"проработать", "планироваться", "разработать", "проект", "намереваться", "подготовить",
     "предстоящий", "договориться", "plan", "plann", "draft", "will", "prepar", "negotiat"}
)  # fmt: skip


_IN_FORCE = frozenset(
    {"реализация", "выполняться", "реализовываться", "реализоваться", "действовать", "выполнение",
     "исполнение", "вступить", "implement", "implementation", "force", "ratifi", "ratify"}
)  # fmt: skip


# The optional word carries its own spaces: a bare "\s*" first would backtrack over every
# start inside a long run of spaces (quadratic time).
_TITLE_REACH = 24  # tokens after the head a title may run to
_TITLE_BREAKS = frozenset({",", ".", ";", ":", "(", ")", "—", "–", "!", "?"})
_VERB_FORMS = frozenset({"VERB", "PRTF", "PRTS", "GRND", "INFN"})
_ENGLISH_TITLE_ENDS = frozenset(
    {"was", "were", "is", "are", "will", "sign", "signed", "and", "during", "reach", "amid"}
)
_DANGLING = frozenset({"и", "а", "в", "and"})
_PERIOD = re.compile(r"(?:(?:на|в|for)\s*)?((?:19|20)\d{2})\s*[-–—]\s*((?:19|20)\d{2})")


def find_agreements(article: Article, events: list[EventFact]) -> list[AgreementFact]:
    occasion = _occasion(events)
    found: list[AgreementFact] = []
    for sentence in article.sentences:
        tokens = sentence.tokens
        title_end = -1
        for position in range(len(tokens)):
            if position <= title_end:
                continue  # "Memorandum on ... a water programme": inside another title
            head_type, head_at = _head(article, tokens, position)
            if head_type is None:
                continue
            if position > 0 and tokens[position - 1].lemma in ("дорожный",):
                continue  # counted at "дорожная"
            listed = _listed(article, sentence, position, head_type, occasion)
            if listed is not None:  # "agreements on A, B and C": one per subject
                facts, title_end = listed
                found.extend(facts)
                continue
            read = _agreement_at(article, sentence, position, head_at, head_type, occasion)
            if read is not None:
                fact, title_end = read
                found.append(fact)
    return _merge_agreements(found)


# "agreements were reached in areas such as A, B and C": where an English list begins
_LIST_LEADS = (
    ("areas", "such", "as"), ("fields", "such", "as"), ("areas", "of"), ("fields", "of"),
    ("spheres", "of"), ("areas", "including"), ("such", "as"),
)  # fmt: skip
_PLURAL_HEADS = {
    "agreements": "agreement", "memoranda": "memorandum", "memorandums": "memorandum",
    "treaties": "treaty", "protocols": "protocol",
}  # fmt: skip
_LIST_ENDS = frozenset({".", ";", ":", "(", ")", "which", "that", "while", "who"})


def _listed(
    article: Article,
    sentence: Sentence,
    head_at: int,
    head_type: str,
    occasion: EventFact | None,
) -> tuple[list[AgreementFact], int] | None:
    """An English plural head with no count, followed by a list of subjects ("signed
    agreements on aviation, tourism and agriculture"): one document per subject, titled
    from the head and the subject ("agreement on tourism"), as the text gives nothing more."""
    tokens = sentence.tokens
    singular = _PLURAL_HEADS.get(tokens[head_at].text.lower())
    if article.language != "en" or singular is None:
        return None
    start_at = head_at
    while start_at > 0 and tokens[start_at - 1].text.lower() in ("cooperation", "bilateral"):
        start_at -= 1
    if start_at > 0 and tokens[start_at - 1].text.isdigit():
        return None  # counted: one entry with its count, read the usual way
    list_at = _list_start(tokens, head_at)
    if list_at is None:
        return None
    subjects, list_end = _subjects(tokens, list_at)
    if len(subjects) < 2:
        return None
    text = article.document.text
    head = " ".join([*(t.text.lower() for t in tokens[start_at:head_at]), singular])
    facts = []
    for first, last in subjects:
        subject = text[tokens[first].start : tokens[last].end]
        title = f"{head} on {subject}"
        # the span ends at the head: the words between it and the list say its status
        span = (start_at, head_at, head_at)
        fact = _fact(article, sentence, span, title, head_type, occasion)
        if fact is not None:
            facts.append(fact)
    return (facts, list_end) if facts else None


def _list_start(tokens: list[Token], head_at: int) -> int | None:
    if head_at + 1 < len(tokens) and tokens[head_at + 1].text.lower() == "on":
        return head_at + 2
    words = [t.text.lower() for t in tokens]
    for at in range(head_at + 1, min(head_at + 8, len(tokens))):
        for lead in _LIST_LEADS:
            if tuple(words[at : at + len(lead)]) == lead:
                return at + len(lead)
    return None


def _subjects(tokens: list[Token], list_at: int) -> tuple[list[tuple[int, int]], int]:
    """(first, last) token of each subject of "A, B, C and D"; the last token read."""
    end_at = list_at
    while end_at < len(tokens):
        word = tokens[end_at].text.lower()
        is_head = word in _PLURAL_HEADS or tokens[end_at].lemma in _AGREEMENT_HEADS
        if word in _LIST_ENDS or is_head:
            break
        if word == "as" and end_at + 1 < len(tokens) and tokens[end_at + 1].text.lower() == "well":
            break
        end_at += 1
    parts: list[tuple[int, int]] = []
    first = list_at
    for at in range(list_at, end_at + 1):
        if at == end_at or tokens[at].text == ",":
            if at > first:
                parts.append((first, at - 1))
            first = at + 1
    # "..., and D" or "C and D": the last "and" of the list separates two subjects
    if parts:
        first, last = parts[-1]
        ands = [at for at in range(first, last + 1) if tokens[at].text.lower() == "and"]
        if ands and len(parts) > 1:
            split = ands[-1]
            parts[-1:] = (
                [(first, split - 1), (split + 1, last)] if split > first else [(split + 1, last)]
            )
    parts = [(lo, hi) for lo, hi in parts if lo <= hi and tokens[lo].text.lower() != "and"]
    return parts, end_at - 1


def _head(article: Article, tokens: list[Token], position: int) -> tuple[str | None, int]:
    """The document type a token heads, if any, and where its head noun is."""
    token = tokens[position]
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
    if token.text.lower() == "plan" and article.language == "en":
        head_type = "план"  # "a plan for trade ... cooperation": its complement decides
    if token.lemma == "statement" and position > 0 and tokens[position - 1].lemma == "joint":
        head_type = "заявление"
    if (
        token.lemma == "документ"
        and position + 1 < len(tokens)
        and tokens[position + 1].text.lower() in ("о", "об", "по")
    ):
        head_type = "документ"
    return head_type, head_at


def _occasion(events: list[EventFact]) -> EventFact | None:
    """The one occasion the article reports to the day (a visit, talks): documents it
    says were signed, without a date of their own, were signed there."""
    dated = {(e.date, e.date_end) for e in events if e.date is not None and e.precision == "day"}
    if len(dated) != 1:
        return None
    return next(e for e in events if e.date is not None and e.precision == "day")


def _agreement_at(
    article: Article,
    sentence: Sentence,
    first_at: int,
    head_at: int,
    head_type: str,
    occasion: EventFact | None,
) -> tuple[AgreementFact, int] | None:
    """The document whose head is at `head_at`, and the last token of its title."""
    tokens = sentence.tokens
    start_at = first_at
    while start_at > 0 and tokens[start_at - 1].lemma in _AGREEMENT_MODIFIERS:
        start_at -= 1
    quantity = 1
    if start_at > 0 and tokens[start_at - 1].text.isdigit():
        quantity = int(tokens[start_at - 1].text)
    if not _has_complement(tokens, head_at):
        return None  # a bare "соглашение": which one is not said
    end_at = _title_end(article, tokens, head_at)
    if end_at == head_at:
        return None
    title = _title(article, tokens[start_at : end_at + 1], head_at - start_at, quantity)
    fact = _fact(
        article, sentence, (start_at, head_at, end_at), title, head_type, occasion, quantity
    )
    return (fact, end_at) if fact is not None else None


def _fact(
    article: Article,
    sentence: Sentence,
    span: tuple[int, int, int],
    title: str,
    head_type: str,
    occasion: EventFact | None,
    quantity: int = 1,
) -> AgreementFact | None:
    """The document named by the tokens of `span` (start, head, end) and titled `title`:
    its status, date and parties from the sentence around it."""
    tokens = sentence.tokens
    start_at, head_at, end_at = span
    text = article.document.text
    period = _period(text[tokens[start_at].start : min(tokens[end_at].end + 30, sentence.end)])
    countries, dates, _ = article.in_sentence(sentence)
    parties = {c.iso2 for c in countries if c.kind != "capital"}
    if len(parties) < 2:
        parties.update(nearby_countries(article, sentence) or article.main_pair())
    window = _status_window(tokens, start_at, end_at)
    # the title's own words say nothing of its status: "... on the joint implementation of"
    lemmas = {
        t.lemma for t in window if not tokens[start_at].start <= t.start <= tokens[end_at].start
    }
    if window:
        dates = [d for d in dates if window[0].start <= d.start < window[-1].end]
    if lemmas & PROPOSALS and not lemmas & _SIGNED:
        return None
    if not (lemmas & (_SIGNED | _PLANNED | _IN_FORCE) or dates):
        return None  # a heading or a passing mention: nothing said about the document
    status, confidence = _status(lemmas, sentence)
    usable_dates = [
        d for d in dates if not (period and d.precision == "year" and d.date.year in period)
    ]
    date = closest_date(usable_dates, tokens[head_at].start) if status == "signed" else None
    signed_on, precision = _signing_date(article, sentence, date, status, lemmas, occasion)
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
        evidence=evidence(sentence),
    )


def _has_complement(tokens: list[Token], head_at: int) -> bool:
    """What follows the head names the document: "о ...", a quote, a noun in the genitive."""
    if head_at + 1 >= len(tokens):
        return False
    following = tokens[head_at + 1]
    return (
        following.text.lower() in _COMPLEMENT_STARTS
        or following.text in ("«", '"')
        or (
            following.tag is not None
            and ("NOUN" in following.tag or "ADJF" in following.tag)
            and "gent" in following.tag
        )
    )


def _title_end(article: Article, tokens: list[Token], head_at: int) -> int:
    """The last token of the title: up to a clause break, a verb, or the next document."""
    end_at = head_at
    position = head_at + 1
    in_quotes = False
    while position < len(tokens) and position - head_at <= _TITLE_REACH:
        token = tokens[position]
        if token.text in ("«", '"') and not in_quotes:
            in_quotes = True
        elif token.text in ("»", '"') and in_quotes:
            in_quotes = False
        elif not in_quotes and _ends_title(article, tokens, position):
            break
        end_at = position
        position += 1
    # drop a dangling preposition or conjunction at the end
    while end_at > head_at and tokens[end_at].text.lower() in _COMPLEMENT_STARTS | _DANGLING:
        end_at -= 1
    return end_at


def _ends_title(article: Article, tokens: list[Token], position: int) -> bool:
    token = tokens[position]
    if token.text in _TITLE_BREAKS or token.lemma in _CLAUSE_WORDS:
        return True
    if token.lemma == "в" and position + 1 < len(tokens) and tokens[position + 1].lemma == "ход":
        return True  # "... в ходе встречи": the occasion, not the title
    if token.tag is not None and _VERB_FORMS & set(str(token.tag).replace(" ", ",").split(",")):
        return True
    if article.language == "en" and {token.lemma, token.text.lower()} & _ENGLISH_TITLE_ENDS:
        return True
    if token.text.lower() in ("и", "а", "and") and position + 1 < len(tokens):
        following = tokens[position + 1]
        if following.tag is not None and "VERB" in following.tag:
            return True  # "... и подписали"
        return (
            following.lemma in _AGREEMENT_HEADS
            or following.lemma in _AGREEMENT_MODIFIERS
            or following.lemma == "дорожный"
        )  # "... и Программу ...": the next document
    return False


def _title(article: Article, words: list[Token], head_at: int, quantity: int) -> str:
    """The title as written, its head (and what precedes it) in the nominative."""
    text = article.document.text
    rebuilt = []
    cursor = words[0].start
    for index, token in enumerate(words):
        form = token.text
        if index <= head_at and article.language == "ru":
            form = nominative(token.text, plural=quantity > 1 or None)
        rebuilt.append(text[cursor : token.start])
        rebuilt.append(form)
        cursor = token.end
    title = re.sub(r"\s+", " ", "".join(rebuilt).strip())
    return title[0].upper() + title[1:]


def _period(near_title: str) -> tuple[int, int] | None:
    """ "на 2025-2027 годы" just after the title: the years the document covers."""
    match = _PERIOD.search(near_title)
    if not match:
        return None
    period = (int(match[1]), int(match[2]))
    return period if period[0] <= period[1] else None


def _status_window(tokens: list[Token], start_at: int, end_at: int) -> list[Token]:
    """What is said of this document is said near it, and not across another one:
    "подписали Соглашение о ..., а министерства работают над программами" signs no
    programme; "подписали Соглашение о ... и Программу ...": one verb for the list."""
    others = [
        i
        for i, t in enumerate(tokens)
        if (t.lemma in _AGREEMENT_HEADS or t.lemma == "дорожный") and not start_at <= i <= end_at
    ]
    window_start = start_at - _STATUS_WINDOW
    anchor = start_at
    for i in sorted((i for i in others if i < start_at), reverse=True):
        between = tokens[i + 1 : anchor]
        if any(t.text in _CLAUSE_BREAKS for t in between):
            window_start = max(window_start, i + 1)
            break
        anchor = i
        window_start = i - _STATUS_WINDOW
    window_end = min([end_at + _STATUS_WINDOW, *(i - 1 for i in others if i > end_at)])
    return tokens[max(window_start, 0) : window_end + 1]


def _status(lemmas: set[str], sentence: Sentence) -> tuple[str, float]:
    if lemmas & _PLANNED or is_future(sentence):
        return "planned", 0.65
    if lemmas & _IN_FORCE:
        return "in_force", 0.65
    if lemmas & _SIGNED:
        return "signed", 0.8
    return "signed", 0.65


def _signing_date(
    article: Article,
    sentence: Sentence,
    date: DateMention | None,
    status: str,
    lemmas: set[str],
    occasion: EventFact | None,
) -> tuple[dt.date | None, str | None]:
    if date is not None:
        return date.date, date.precision
    if status == "signed" and lemmas & _SIGNED and occasion is not None and occasion.date:
        return occasion.date, "day"
    if (
        status == "signed"
        and lemmas & _SIGNED
        and event_triggers(sentence)
        and article.document.published_at
    ):
        # "по итогам переговоров подписана программа": signed at the talks reported
        return article.document.published_at.replace(day=1), "month"
    return None, None


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
