"""Trade and investment figures: value, currency, metric, actual or target, year, and the
countries (or bloc) they are for."""

from __future__ import annotations

import re
from typing import Any

from bot.extraction.article import Article, Sentence, Token, evidence
from bot.extraction.dates import DateMention
from bot.extraction.facts import TradeFact
from bot.extraction.money import Amount, find_amounts
from bot.extraction.wordlists import word_map, word_set
from bot.matching.countries import HOME_COUNTRY

_TRADE_METRICS = word_map("trade", "metrics")


_BACK_REFERENCES = word_set("trade", "back_references")
_YEAR_AFTER_REACH = 6  # characters between a figure and its year: " in ", " в "
_TARGET_WORDS = word_set("trade", "target_words")


# "нарастить до", "довести до", "raise it to": a target when followed by "до"/"to"
_RAISE_VERBS = word_set("trade", "raise_verbs")


_GROWTH_WORDS = word_set("trade", "growth_words")


_QUALIFIERS = word_map("trade", "qualifiers")


_GROUPS = word_map("trade", "groups")


def find_trade(article: Article) -> list[TradeFact]:
    found: list[TradeFact] = []
    previous_metrics: list[Token] = []
    for sentence in article.sentences:
        amounts = find_amounts(sentence.text)
        metric_words = [t for t in sentence.tokens if t.lemma in _TRADE_METRICS]
        if previous_metrics and _refers_back(sentence, metric_words, amounts):
            # "нарастить его до 2 млрд", "the figure fell to $3 billion": the turnover
            metric_words = previous_metrics
        previous_metrics = metric_words
        for amount in amounts:
            unnamed = None if metric_words else _unnamed_metric(sentence, amount)
            if not metric_words and unnamed is None:
                continue
            fact = _trade_fact(article, sentence, amount, metric_words, amounts, unnamed)
            if fact is not None:
                found.append(fact)
    unique: dict[tuple[Any, ...], TradeFact] = {}
    for fact in found:
        key = (fact.value, fact.currency, fact.kind, fact.metric, fact.year)
        if key not in unique or unique[key].confidence < fact.confidence:
            unique[key] = fact
    return list(unique.values())


def _trade_fact(
    article: Article,
    sentence: Sentence,
    amount: Amount,
    metric_words: list[Token],
    amounts_before: list[Amount],
    unnamed: str | None = None,
) -> TradeFact | None:
    """The figure `amount` stands for; `unnamed`: its metric when no word names one (a
    deal's value, an export offer), always a target."""
    position = sentence.start + amount.start
    before = [t for t in sentence.tokens if t.end <= position][-4:]
    earlier_amounts = [a for a in amounts_before if a.end <= amount.start]
    lead_start = sentence.start + (earlier_amounts[-1].end if earlier_amounts else 0)
    metric_name = unnamed or _TRADE_METRICS[_metric_word(metric_words, lead_start, position).lemma]
    if amount.unit == "percent":
        if not sentence.lemmas & {"доля", "удельный", "share"}:
            return None
        metric_name = "share"
    elif amount.unit == "times":
        if not (
            sentence.lemmas & _GROWTH_WORDS or amount.text.lower() in ("вдвое", "втрое", "вчетверо")
        ):
            return None
        metric_name = "growth"
    lead = {t.lemma for t in sentence.tokens if lead_start <= t.start < position}
    raise_to = (
        bool(lead & _RAISE_VERBS) and bool(before) and before[-1].text.lower() in ("до", "to")
    )
    deal_value = _values_a_deal(sentence, position, sentence.start + amount.end)
    kind = "target" if lead & _TARGET_WORDS or raise_to or deal_value or unnamed else "actual"
    qualifier = None
    for token in before:
        qualifier = _QUALIFIERS.get(token.lemma, qualifier)
    if qualifier is None and before and before[-1].text.lower() == "до" and kind == "actual":
        qualifier = "up_to"
    if kind == "target" and qualifier == "reached":
        qualifier = None
    countries, dates, _ = article.in_sentence(sentence)
    years = [d for d in dates if not (d.start <= position < d.end) and not d.stamp]
    if kind == "target":
        # "довести до 10 млрд к 2030 году": a target's year follows it or says "к/by"
        text = article.document.text
        years = [
            d
            for d in years
            if d.start > position or re.match(r"(?:к|by|на|до)\b", text[d.start : d.end], re.I)
        ]
    year = _year_of_figure(years, position, sentence.start + amount.end)
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
        evidence=evidence(sentence),
    )


def _refers_back(sentence: Sentence, metric_words: list[Token], amounts: list[Amount]) -> bool:
    """ "It", "the figure" and no metric of its own before its first amount."""
    if not sentence.lemmas & _BACK_REFERENCES or not amounts:
        return False
    first = sentence.start + amounts[0].start
    return not any(t.start < first for t in metric_words)


def _metric_word(metric_words: list[Token], lead_start: int, position: int) -> Token:
    """What the figure measures: the metric named before it in its own clause ("товарооборот
    составил 545 млн, из них экспорт 527 млн"), else the nearest one."""
    before = [t for t in metric_words if lead_start <= t.start < position]
    if before:
        return before[-1]
    return min(metric_words, key=lambda t: abs(t.start - position))


# "a $6.1 billion agreement", "deals worth $2 billion", "соглашения на сумму 2 млрд":
# the value of documents still to be carried out, which is a target, not trade done
_DEAL_WORDS = word_set("trade", "deal_words")
_OFFER_VERBS = word_set("trade", "export_offer_verbs")
_OFFER_GOODS = word_set("trade", "export_offer_goods")
_WORTH = re.compile(
    r"(?:worth|valued at|на сумму|общей стоимостью|стоимостью|"
    r"(?:соглашени|контракт|договор|документ)\w{0,3}\s{1,3}на)\s{0,3}$",
    re.I,
)  # "соглашений на 1 млрд": bounded, so that it stays linear


def _unnamed_metric(sentence: Sentence, amount: Amount) -> str | None:
    """What a figure no word names measures: the value of a deal is investment ("a $62
    million agreement to build three plants"); goods offered are exports ("offers goods
    worth $700 million")."""
    if amount.unit in ("percent", "times"):
        return None
    start, end = sentence.start + amount.start, sentence.start + amount.end
    if sentence.lemmas & _OFFER_VERBS and sentence.lemmas & _OFFER_GOODS:
        return "exports"
    if _values_a_deal(sentence, start, end):
        return "investment"
    return None


def _values_a_deal(sentence: Sentence, start: int, end: int) -> bool:
    """The figure is the value of a deal: "worth"/"на сумму" just before it, or a document
    word right after it ("a $6.1 billion agreement")."""
    text = sentence.text
    before = text[max(0, start - sentence.start - 25) : start - sentence.start]
    after = text[end - sentence.start : end - sentence.start + 40].lower().split()
    following = [word.strip(".,;:()") for word in after[:2]]
    return bool(_WORTH.search(before)) or bool(set(following) & _DEAL_WORDS)


def _year_of_figure(years: list[DateMention], position: int, end: int) -> int | None:
    """The year right after the figure ("4,2 млрд в 2019 году", "$4.2 billion in 2019"),
    else the nearest one."""
    following = [d for d in years if 0 <= d.start - end <= _YEAR_AFTER_REACH]
    if following:
        return min(following, key=lambda d: d.start).date.year
    if not years:
        return None
    return min(years, key=lambda d: abs(d.start - position)).date.year
