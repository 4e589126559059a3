"""Sums of money, percentages and growth multiples: a yargy grammar of our own.

natasha's MoneyExtractor reads "1,2 млрд долларов" but not "$1,5 млрд" or "2 млрд долл.
США", and knows no тенге; its grammar also costs more than the whole rest of extraction.
The parser below runs only on sentences that contain a digit next to a money word."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import Any

_MULTIPLIERS = {
    "трлн": 10**12, "триллион": 10**12, "trillion": 10**12, "tn": 10**12,
    "млрд": 10**9, "миллиард": 10**9, "billion": 10**9, "bn": 10**9, "b": 10**9,
    "млн": 10**6, "миллион": 10**6, "million": 10**6, "mln": 10**6, "m": 10**6,
    "тыс": 10**3, "тысяча": 10**3, "thousand": 10**3,
}  # fmt: skip
_CURRENCY_WORDS = {
    "доллар": "USD", "долл": "USD", "dollar": "USD", "usd": "USD", "$": "USD",
    "тенге": "KZT", "kzt": "KZT", "tenge": "KZT", "₸": "KZT",
    "евро": "EUR", "euro": "EUR", "eur": "EUR", "€": "EUR",
    "рубль": "RUB", "руб": "RUB", "rub": "RUB", "ruble": "RUB", "rouble": "RUB", "₽": "RUB",
    "юань": "CNY", "yuan": "CNY", "cny": "CNY",
    "сомони": "TJS", "сум": "UZS", "сом": "KGS",
}  # fmt: skip
_CUE = re.compile(
    r"\d.{0,30}(?:трлн|млрд|млн|тыс|доллар|долл|тенге|евро|руб|юан|сомони|billion|million|"
    r"trillion|bn|usd|kzt|eur|%|процент|раз)|[$€₸₽]\s?\d|вдвое|втрое|вчетверо|doubled|tripled|"
    r"миллиард|миллион|триллион",
    re.I,
)


@dataclass(frozen=True, slots=True)
class Amount:
    start: int  # offsets in the sentence given to find_amounts
    end: int
    value: Decimal
    unit: str  # USD | KZT | EUR | RUB | CNY | ... | percent | times
    text: str


def has_amount_cue(sentence: str) -> bool:
    return _CUE.search(sentence) is not None


def _tokenizer() -> Any:
    """yargy's tokenizer with pymorphy2 pointed straight at its Russian dictionaries:
    left to find them itself, pymorphy2 scans every installed package's entry points,
    which costs more than the grammar."""
    import pymorphy2
    import pymorphy2_dicts_ru
    from yargy.morph import MorphAnalyzer
    from yargy.tokenizer import MorphTokenizer

    analyzer = pymorphy2.MorphAnalyzer(path=pymorphy2_dicts_ru.get_path())
    return MorphTokenizer(morph=MorphAnalyzer(raw=analyzer))


@lru_cache(maxsize=1)
def _parser() -> Any:
    from yargy import Parser, or_, rule
    from yargy.predicates import caseless, dictionary, eq, in_, in_caseless, normalized, type

    integer = type("INT")
    number = or_(
        rule(integer, in_(",."), integer),
        rule(integer, integer),  # "1 200" written with a space between thousands
        rule(integer),
        rule(dictionary(set(_NUMBER_WORDS))),  # "двух миллиардов"
    )
    multiplier = rule(
        or_(
            dictionary({"трлн", "триллион", "млрд", "миллиард", "млн", "миллион", "тыс", "тысяча"}),
            in_caseless({"trillion", "billion", "million", "thousand", "bn", "mln", "tn"}),
        ),
        eq(".").optional(),
    )
    currency_word = or_(
        rule(normalized("доллар")),
        rule(caseless("долл"), eq(".").optional(), caseless("США").optional()),
        rule(normalized("тенге")),
        rule(normalized("евро")),
        rule(normalized("рубль")),
        rule(caseless("руб"), eq(".").optional()),
        rule(normalized("юань")),
        rule(normalized("сомони")),
        rule(
            in_caseless({"usd", "kzt", "eur", "rub", "cny", "dollars", "dollar", "tenge", "euros"})
        ),
        rule(in_({"₸", "€", "₽"})),
        # "U.S. dollars", "US dollars"
        rule(caseless("U"), eq("."), caseless("S"), eq("."), in_caseless({"dollars", "dollar"})),
        rule(caseless("US"), in_caseless({"dollars", "dollar"})),
    )
    money = or_(
        rule(eq("$"), number, multiplier.optional(), currency_word.optional()),
        rule(number, multiplier.optional(), eq("$")),
        rule(number, multiplier.optional(), currency_word),
        rule(currency_word, number, multiplier.optional()),
        # "545,2 млн долларов, из них 527,7 млн ...": the currency said once for both
        rule(number, multiplier),
    )
    percent = rule(number, or_(rule(eq("%")), rule(normalized("процент"))))
    times = or_(
        rule(caseless("в"), number, or_(rule(caseless("раза")), rule(caseless("раз")))),
        rule(in_caseless({"вдвое", "втрое", "вчетверо", "doubled", "tripled"})),
    )
    return Parser(or_(money, percent, times), tokenizer=_tokenizer())


_NUMBER_WORDS: dict[str, int | Decimal] = {
    "один": 1, "два": 2, "три": 3, "четыре": 4, "пять": 5, "шесть": 6, "семь": 7,
    "восемь": 8, "девять": 9, "десять": 10, "полтора": Decimal("1.5"), "полтораста": 150,
}  # fmt: skip
_WORD_MULTIPLES = {"вдвое": 2, "втрое": 3, "вчетверо": 4, "doubled": 2, "tripled": 3}


def find_amounts(sentence: str) -> list[Amount]:
    if not has_amount_cue(sentence):
        return []
    found: list[Amount] = []
    for match in _parser().findall(sentence):
        words = [token.value for token in match.tokens]
        start, end = match.span.start, match.span.stop
        amount = _interpret(words, sentence[start:end])
        if amount is None and found and _counts_money(sentence[end:]):
            amount = _in_the_same_currency(words, found[-1].unit)
        if amount is not None:
            found.append(Amount(start, end, amount[0], amount[1], sentence[start:end]))
    return found


def _in_the_same_currency(words: list[str], unit: str) -> tuple[Decimal, str] | None:
    """A scaled number with no currency of its own, after an amount that had one."""
    if unit in ("percent", "times"):
        return None
    lowered = [w.lower() for w in words]
    value = _number(words, lowered)
    multiplier, own_unit = _scale_and_unit(lowered)
    if value is None or own_unit is not None or multiplier == 1:
        return None
    return value * multiplier, unit


def _counts_money(after: str) -> bool:
    """ "527,7 млн пришлись на экспорт" counts money; "20 млн человек" counts people."""
    from bot.matching.morph import analyzer

    following = after.strip().split(" ", 1)[0].strip(".,;:")
    if not following.isalpha():
        return True
    return "NOUN" not in analyzer().parse(following.lower())[0].tag


def _number_word(word: str) -> int | Decimal | None:
    from bot.matching.morph import lemma

    return _NUMBER_WORDS.get(lemma(word.lower()))


def _interpret(words: list[str], text: str) -> tuple[Decimal, str] | None:
    lowered = [w.lower() for w in words]
    if len(lowered) == 1 and lowered[0] in _WORD_MULTIPLES:
        return Decimal(_WORD_MULTIPLES[lowered[0]]), "times"
    value = _number(words, lowered)
    if value is None:
        return None
    if "раза" in lowered or "раз" in lowered:
        return value, "times"
    if "%" in lowered or any(w.startswith("процент") for w in lowered):
        return value, "percent"
    multiplier, unit = _scale_and_unit(lowered)
    if unit is None:
        return None
    return value * multiplier, unit


def _number(words: list[str], lowered: list[str]) -> Decimal | None:
    """The amount's number: digits ("1 200", "4,4"), or a number word ("два")."""
    word_number = next((_number_word(w) for w in lowered if _number_word(w) is not None), None)
    if word_number is not None and not any(w[0].isdigit() for w in words):
        words = [str(word_number) if _number_word(w.lower()) is not None else w for w in words]
    position = 0
    while position < len(words) and not words[position][0].isdigit():
        position += 1
    digits: list[str] = []
    while position < len(words) and (words[position][0].isdigit() or words[position] in ",."):
        digits.append(words[position])
        position += 1
    if not digits:
        return None
    number_text = "".join(digits)
    if len(digits) == 2 and digits[0].isdigit() and digits[1].isdigit():
        # "1 200" is one number; "2025 2 млрд" is a year followed by one
        number_text = digits[0] + digits[1] if len(digits[1]) == 3 else digits[1]
    try:
        return Decimal(number_text.replace(",", "."))
    except InvalidOperation:
        return None


def _scale_and_unit(lowered: list[str]) -> tuple[int, str | None]:
    """ "млрд" / "billion" and the currency, by stem: "долларов", "тенге", "usd"."""
    multiplier = 1
    unit = None
    for word in lowered:
        key = word.rstrip(".")
        for stem, factor in _MULTIPLIERS.items():
            if key == stem or (len(stem) > 3 and key.startswith(stem)):
                multiplier = factor
        for stem, code in _CURRENCY_WORDS.items():
            if key == stem or (len(stem) > 3 and key.startswith(stem)):
                unit = unit or code
    return multiplier, unit
