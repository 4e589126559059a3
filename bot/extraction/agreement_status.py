"""What a document's sentence says of it: status, signing date, parties; and one entry per
document when an article names it more than once."""

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
    title_content_words,
    title_words,
)
from bot.extraction.dates import DateMention
from bot.extraction.document_words import (
    AGREEMENT_HEADS,
    AMENDMENT_WORDS,
    BACK_REFERENCES,
    CLAUSE_BREAKS,
    CLAUSE_WORDS,
    CURRENT,
    DOCUMENT_WORDS,
    ENGLISH_TITLE_ENDS,
    IN_FORCE,
    PACKAGE_WORDS,
    PLANNED,
    PLANS,
    PLURAL_HEADS,
    RATIFICATION,
    SIGNED,
)
from bot.extraction.event_words import PROPOSALS, event_triggers, is_future
from bot.extraction.facts import AgreementFact, EventFact

# tokens around a document's name that may say what became of it
_STATUS_WINDOW = 8
_PERIOD = re.compile(r"(?:(?:на|в|for)\s*)?((?:19|20)\d{2})\s*[-–—]\s*((?:19|20)\d{2})")


def document_fact(
    article: Article,
    sentence: Sentence,
    span: tuple[int, int, int],
    title: str,
    head_type: str,
    occasion: EventFact | None,
    quantity: int = 1,
    *,
    told_before: AgreementFact | None = None,
) -> AgreementFact | None:
    """The document named by the tokens of `span` (start, head, end) and titled `title`:
    its status, date and parties from the sentence around it. `told_before` is the document
    named just before, whose status "the agreements also cover ..." or "was part of the
    package" takes up."""
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
    if any(t.text.lower() in PLANS for t in window):
        lemmas.add("plan")  # "поделился планами на подписание": the noun, not "план" the head
    dates = [d for d in dates if not d.stamp]
    if window:
        dates = [d for d in dates if window[0].start <= d.start < window[-1].end]
    if lemmas & PROPOSALS and not lemmas & SIGNED:
        return None
    if lemmas & (SIGNED | PLANNED | IN_FORCE) or dates:
        status, confidence = _status(lemmas, sentence)
    elif told_before is not None and (
        lemmas & PACKAGE_WORDS or _refers_back(tokens, start_at, head_at)
    ):
        status, confidence = told_before.status, 0.6
    else:
        return None  # a heading or a passing mention: nothing said about the document
    usable_dates = [
        d for d in dates if not (period and d.precision == "year" and d.date.year in period)
    ]
    date = None
    if status in ("signed", "in_force") and not lemmas & RATIFICATION:
        # a ratification vote's day is not the signing's
        date = closest_date(usable_dates, tokens[head_at].start)
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


def _refers_back(tokens: list[Token], start_at: int, head_at: int) -> bool:
    """ "The agreements also cover ...", "эти соглашения": a plural head after "the" or
    "these" speaks of a group of documents the text has already named."""
    head = tokens[head_at]
    plural = head.text.lower() in PLURAL_HEADS or (head.tag is not None and "plur" in head.tag)
    return plural and start_at > 0 and tokens[start_at - 1].lemma in BACK_REFERENCES


def date_from_later_sentence(
    article: Article, sentence: Sentence, found: list[AgreementFact]
) -> AgreementFact | None:
    """ "The document was signed in Nur-Sultan on October 16, 2020": a sentence that names no
    document but "the document", a signing and a day dates the document named last (when
    that one has no date yet)."""
    if not found or found[-1].signed_on is not None or found[-1].status == "planned":
        return None
    if not (sentence.lemmas & DOCUMENT_WORDS and sentence.lemmas & SIGNED):
        return None
    days = [d for d in article.in_sentence(sentence)[1] if d.precision == "day"]
    if len(days) != 1:
        return None
    return replace(found[-1], signed_on=days[0].date, precision="day", status="signed")


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
        if (t.lemma in AGREEMENT_HEADS or t.lemma == "дорожный" or _joint_statement(tokens, i))
        and not start_at <= i <= end_at
    ]
    window_start = start_at - _STATUS_WINDOW
    anchor = start_at
    for i in sorted((i for i in others if i < start_at), reverse=True):
        between = tokens[i + 1 : anchor]
        if _separates(between):
            window_start = max(window_start, i + 1)
            break
        anchor = i
        window_start = i - _STATUS_WINDOW
    window_end = min([end_at + _STATUS_WINDOW, *(i - 1 for i in others if i > end_at)])
    return tokens[max(window_start, 0) : window_end + 1]


def _joint_statement(tokens: list[Token], at: int) -> bool:
    return at > 0 and tokens[at].lemma == "statement" and tokens[at - 1].lemma == "joint"


def _separates(between: list[Token]) -> bool:
    """Whether words between two documents end one statement and start another ("..., а
    министерства работают над программами") rather than list them under one verb
    ("signed a Memorandum on A, a Memorandum on B and ...")."""
    return any(
        t.text in CLAUSE_BREAKS - {","}
        or t.lemma in CLAUSE_WORDS
        or t.text.lower() in ENGLISH_TITLE_ENDS - {"and"}
        or (t.tag is not None and "VERB" in t.tag)
        for t in between
    )


def _status(lemmas: set[str], sentence: Sentence) -> tuple[str, float]:
    if lemmas & CURRENT:
        return "in_force", 0.7  # "the current agreement ... will expire": in force today
    if lemmas & PLANNED or is_future(sentence):
        return "planned", 0.65
    if lemmas & IN_FORCE:
        return "in_force", 0.65
    if lemmas & SIGNED:
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
    if status == "signed" and lemmas & SIGNED and occasion is not None and occasion.date:
        return occasion.date, "day"
    if (
        status == "signed"
        and lemmas & SIGNED
        and event_triggers(sentence)
        and article.document.published_at
    ):
        # "по итогам переговоров подписана программа": signed at the talks reported
        return article.document.published_at.replace(day=1), "month"
    return None, None


def _agreement_key(fact: AgreementFact) -> frozenset[str]:
    return title_content_words(fact.title)


def _amends(fact: AgreementFact) -> bool:
    return any(
        word.startswith(amendment)
        for word in title_words(fact.title)
        for amendment in AMENDMENT_WORDS
    )


def merge_agreements(found: list[AgreementFact]) -> list[AgreementFact]:
    merged: list[AgreementFact] = []
    status_rank = {"signed": 3, "in_force": 2, "planned": 1}
    for fact in found:
        key = _agreement_key(fact)
        target = None
        for position, kept in enumerate(merged):
            if kept.type != fact.type or _amends(kept) != _amends(fact):
                continue  # amendments to an agreement are not that agreement
            wider = len(kept.parties) > 2 or len(fact.parties) > 2
            if wider and set(kept.parties) != set(fact.parties):
                continue  # a three-company memorandum is not the two states' one
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
        if kept.signed_on and fact.signed_on and kept.signed_on.year != fact.signed_on.year:
            merged.append(fact)  # the 1994 agreement and the 2020 one that replaces it
            continue
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
