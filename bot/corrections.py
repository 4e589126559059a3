"""Corrections an admin makes to a fact, before publishing (review of a draft) or after
(/fix): which fields each kind of fact offers, the lists some are chosen from, and the
parsing and checking of typed values. Pure: knows nothing of Telegram or the database. A
bad value raises `CorrectionError`, whose reason the handler turns into a message."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from decimal import Decimal, InvalidOperation

from bot.matching.countries import HOME_COUNTRY

# The texts a country correction is resolved with: ISO codes of what the text names.
CountryResolver = Callable[[str], tuple[str, ...]]

MAX_INPUT_CHARS = 300
MAX_AMOUNT = Decimal(10) ** 15
YEARS = range(1900, 2101)

# Fields chosen from a list (by position) rather than typed, per kind of fact.
CHOICES: dict[tuple[str, str], tuple[str, ...]] = {
    # the kinds publishing knows how to merge with facts already on file
    ("event", "kind"): (
        "state_visit",
        "official_visit",
        "working_visit",
        "visit",
        "talks",
        "meeting",
        "summit",
        "phone_call",
        "signing",
        "reception",
    ),
    ("agreement", "type"): (
        "договор",
        "соглашение",
        "меморандум",
        "декларация",
        "программа",
        "дорожная карта",
        "протокол",
        "план",
        "документ",
    ),
    ("agreement", "status"): ("planned", "signed", "in_force"),
    ("trade", "currency"): ("USD", "EUR", "RUB", "CNY", "KZT", "percent"),
    ("trade", "metric"): ("turnover", "exports", "imports", "investment", "share", "growth"),
    ("trade", "basis"): ("actual", "target"),
}


class CorrectionError(ValueError):
    """A correction that cannot be applied; `reason` names the message, `detail` is the
    offending part of the input (shown back, escaped)."""

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(reason)
        self.reason = reason
        self.detail = detail


def choices(kind: str, field: str) -> tuple[str, ...] | None:
    return CHOICES.get((kind, field))


def chosen(kind: str, field: str, index: int) -> str:
    options = choices(kind, field)
    if options is None or not 0 <= index < len(options):
        raise CorrectionError("no-such-choice")
    return options[index]


def parse_field(field: str, text: str, resolve: CountryResolver) -> object:
    """A typed value for `field`, checked: a date is (day, precision), countries a tuple of
    ISO codes with Kazakhstan first, an amount a Decimal, a year an int, else a label."""
    if len(text) > MAX_INPUT_CHARS:
        raise CorrectionError("too-long")
    if field == "date":
        return parse_date(text)
    if field == "countries":
        return parse_countries(text, resolve)
    if field == "country":
        return parse_country(text, resolve)
    if field == "value":
        return parse_amount(text)
    if field == "year":
        return parse_year(text)
    return parse_label(text)  # role, place


_DAY = re.compile(r"(\d{1,2})[./-](\d{1,2})[./-](\d{4})")
_ISO_DAY = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_MONTH = re.compile(r"(\d{1,2})[./-](\d{4})")
_YEAR = re.compile(r"\d{4}")


def parse_date(text: str) -> tuple[dt.date, str]:
    """`12.03.2026` (a day), `03.2026` (a month), `2026` (a year), or ISO `2026-03-12`."""
    value = text.strip()
    if match := _DAY.fullmatch(value):
        day, month, year = (int(part) for part in match.groups())
        return _date(year, month, day), "day"
    if match := _ISO_DAY.fullmatch(value):
        year, month, day = (int(part) for part in match.groups())
        return _date(year, month, day), "day"
    if match := _MONTH.fullmatch(value):
        month, year = (int(part) for part in match.groups())
        return _date(year, month, 1), "month"
    if _YEAR.fullmatch(value):
        return _date(int(value), 1, 1), "year"
    raise CorrectionError("date-format")


def _date(year: int, month: int, day: int) -> dt.date:
    if year not in YEARS:
        raise CorrectionError("date-range")
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise CorrectionError("date-invalid") from None


def parse_year(text: str) -> int:
    value = text.strip()
    if not _YEAR.fullmatch(value):
        raise CorrectionError("year-format")
    if int(value) not in YEARS:
        raise CorrectionError("date-range")
    return int(value)


_MULTIPLIERS = {
    "тыс": 10**3,
    "thousand": 10**3,
    "k": 10**3,
    "млн": 10**6,
    "million": 10**6,
    "mln": 10**6,
    "m": 10**6,
    "млрд": 10**9,
    "billion": 10**9,
    "bn": 10**9,
    "трлн": 10**12,
    "trillion": 10**12,
}
_AMOUNT = re.compile(r"(\d[\d\s]*(?:[.,]\d+)?)\s*([^\d\s.]*)\.?")


def parse_amount(text: str) -> Decimal:
    """`2,5 млрд`, `2.5 bn`, `2 500 000 000`: positive, at most 10^15."""
    if text.strip().startswith(("-", "−", "–")):
        raise CorrectionError("amount-range")  # a negative amount, said as such
    match = _AMOUNT.fullmatch(text.strip().lower())
    if match is None:
        raise CorrectionError("amount-format")
    digits, word = match.groups()
    multiplier = _MULTIPLIERS.get(word, 1 if not word else 0)
    if not multiplier:
        raise CorrectionError("amount-format")
    try:
        value = Decimal(re.sub(r"\s", "", digits).replace(",", ".")) * multiplier
    except InvalidOperation:
        raise CorrectionError("amount-format") from None
    if not 0 < value <= MAX_AMOUNT:
        raise CorrectionError("amount-range")
    return value.normalize() if value == value.to_integral() else value


_LIST_SEPARATORS = re.compile(r"\s*(?:[,;]|\s+и\s+|\s+and\s+)\s*", re.IGNORECASE)


def parse_countries(text: str, resolve: CountryResolver) -> tuple[str, ...]:
    """`TJ, Узбекистан`: each part must name one country; Kazakhstan is always a side."""
    codes: list[str] = [HOME_COUNTRY]
    parts = [part for part in _LIST_SEPARATORS.split(text.strip()) if part]
    if not parts:
        raise CorrectionError("countries-empty")
    for part in parts[:12]:
        code = parse_country(part, resolve)
        if code not in codes:
            codes.append(code)
    return tuple(codes)


def parse_country(text: str, resolve: CountryResolver) -> str:
    found = resolve(text.strip())
    if len(found) != 1:
        raise CorrectionError("country-unknown", text.strip()[:40])
    return found[0]


def parse_label(text: str, max_chars: int = 200) -> str:
    """A role, a place, a title: one line of ordinary text, with at least two letters."""
    value = " ".join(text.split())
    value = "".join(char for char in value if char.isprintable())
    if sum(char.isalpha() for char in value) < 2:
        raise CorrectionError("text-empty")
    if len(value) > max_chars:
        raise CorrectionError("too-long")
    return value
