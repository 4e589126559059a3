"""Dates in Russian and English news text, resolved against the article's own date:
"22-23 августа 2024 года", "вчера, 22 августа", "в прошлом году", "15 марта т. г.",
"в октябре 2025 года", "в 2022 году", "August 22, 2024".

Regular expressions rather than natasha's DatesExtractor: the yargy grammar behind it costs
about 25 ms per kilobyte, which alone would break the extraction speed target, and it
resolves neither ranges nor relative dates."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace
from typing import Literal

Precision = Literal["day", "month", "year"]

_MONTHS = {
    "январ": 1, "феврал": 2, "март": 3, "апрел": 4, "мая": 5, "май": 5, "мае": 5, "июн": 6,
    "июл": 7, "август": 8, "сентябр": 9, "октябр": 10, "ноябр": 11, "декабр": 12,
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_MONTH_RE = (
    r"(?P<month>январ[яье]|феврал[яье]|март[ае]?|апрел[яье]|ма[яйе]|июн[яье]|июл[яье]|"
    r"август[ае]?|сентябр[яье]|октябр[яье]|ноябр[яье]|декабр[яье]|"
    r"january|february|march|april|may|june|july|august|september|october|november|december|"
    r"jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\.?"
)
_YEAR_TAIL = r"(?:\s*(?:года|году|год|г\.?|гг\.?))?"
_THIS_YEAR = r"(?P<this>т\.\s*г\.|текущего года|этого года|сего года|нынешнего года|this year)"

_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "range_ru",
        re.compile(
            r"\b(?P<day>\d{1,2})\s*[-–—]\s*(?P<day2>\d{1,2})\s+"
            + _MONTH_RE
            + rf"(?:\s+(?P<year>\d{{4}}){_YEAR_TAIL}|\s+{_THIS_YEAR})?",
            re.I,
        ),
    ),
    (
        "day_ru",
        re.compile(
            r"\b(?P<day>\d{1,2})\s+"
            + _MONTH_RE
            + rf"(?:\s+(?P<year>\d{{4}}){_YEAR_TAIL}|\s+{_THIS_YEAR})?",
            re.I,
        ),
    ),
    (
        "day_en",
        re.compile(_MONTH_RE + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<year>\d{4})\b", re.I),
    ),
    (
        # "Oct. 12", "September 16": a capitalised English month and a day, no year
        "day_en_short",
        re.compile(
            r"\b(?P<month>(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]{0,6})\.?\s{1,3}"
            r"(?P<day>\d{1,2})(?:st|nd|rd|th)?\b(?![.,]?\d)"
        ),
    ),
    ("numeric", re.compile(r"\b(?P<day>\d{1,2})\.(?P<mnum>\d{1,2})\.(?P<year>\d{4})\b")),
    ("iso", re.compile(r"\b(?P<year>\d{4})-(?P<mnum>\d{2})-(?P<day>\d{2})\b")),
    (
        # "в январе-октябре (этого года)", "In January-July": a period of the year the
        # article reports in, unless a year is given
        "month_range",
        re.compile(
            r"\b(?:в|во|in|за|for)\s+(?:январ[еья]|january)\s*[-–—]\s*"
            + _MONTH_RE
            + rf"(?:\s+(?P<year>\d{{4}}){_YEAR_TAIL}|\s+{_THIS_YEAR})?",
            re.I,
        ),
    ),
    (
        "month_year",
        re.compile(
            r"\b(?:в|во|in|с|до|к)\s+" + _MONTH_RE + rf"\s+(?P<year>\d{{4}}){_YEAR_TAIL}", re.I
        ),
    ),
    (
        # "в январе", "in January": the latest such month not after the article
        "month_alone",
        re.compile(
            r"\b(?:[Вв]о?|[Ii]n|[Ss]ince|[Сс])\s+(?P<month>январ[ея]|феврал[ея]|марте|апрел[ея]|мае|"
            r"июн[ея]|июл[ея]|августе|сентябр[ея]|октябр[ея]|ноябр[ея]|декабр[ея]|January|"
            r"February|March|April|May|June|July|August|September|October|November|December)"
            r"\b(?!\s*[-–—]|\s+\d)"
        ),
    ),
    (
        "year",
        re.compile(
            r"\b(?:в|во|на|к|in|by|по итогам|за|of|during)\s+(?P<year>(?:19|20)\d{2})\s*"
            r"(?:года|году|год|г\.)?(?![\d–-])",
            re.I,
        ),
    ),
    (
        "last_year",
        re.compile(r"\b(?:в|за)\s+прошлом\s+году|\bв\s+прошлом\s+году|\blast year\b", re.I),
    ),
    ("today", re.compile(r"\b(?:сегодня|сегодняшн\w+|today)\b", re.I)),
    (
        "weekday",
        re.compile(
            r"\b(?:в|во|on|last)\s+(?P<weekday>понедельник|вторник|среду|четверг|пятницу|"
            r"субботу|воскресенье|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b",
            re.I,
        ),
    ),
    ("yesterday", re.compile(r"\b(?:вчера|yesterday)\b(?![,\s]+\d)", re.I)),
)


@dataclass(frozen=True, slots=True)
class DateMention:
    start: int
    end: int
    date: dt.date
    precision: Precision
    date_end: dt.date | None = None
    relative: bool = False  # resolved against the article's date
    # "09 апреля 2015, 13:59" closing a line: when the page was posted, no fact's date
    stamp: bool = False


_WEEKDAYS = {
    "понедельник": 0, "вторник": 1, "среду": 2, "четверг": 3, "пятницу": 4, "субботу": 5,
    "воскресенье": 6, "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4,
    "saturday": 5, "sunday": 6,
}  # fmt: skip


def is_calendar_word(word: str) -> bool:
    """A whole month or weekday name, or a month's abbreviation: "Wednesday", "Oct."."""
    word = word.lower().rstrip(".")
    return word in _MONTHS or word in _WEEKDAYS


def _month_number(token: str) -> int:
    token = token.lower().rstrip(".")
    for stem, number in _MONTHS.items():
        if token.startswith(stem):
            return number
    return 0


def _safe(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _year_without(month: int, day: int, reference: dt.date | None) -> int | None:
    """A day and month with no year is the latest such date not after the article."""
    if reference is None:
        return None
    candidate = _safe(reference.year, month, day or 1)
    if candidate is not None and candidate > reference + dt.timedelta(days=31):
        return reference.year - 1
    return reference.year


_COMPARED_WITH = re.compile(
    r"(?:по сравнению с|в сравнении с|compared (?:with|to))\s{1,3}"
    r"(?:(?:аналогичным периодом|the same period (?:of|in)|прошлым|last)\s{1,3})?"
    r"((?:19|20)\d{2})\b",
    re.I,
)


def find_dates(text: str, reference: dt.date | None) -> list[DateMention]:
    """Every date the text gives. Dates without a year are read against `reference` (the
    article's date); when the page does not say when it was published, against the end of
    the latest year the text names ("2 декабря" in a text about "октябре 2017 года")."""
    if reference is None:
        years = [m.date.year for m in _find_dates(text, None) if not m.relative]
        # "по сравнению с аналогичным периодом 2021 года": the text's own year is the next
        years += [int(year) + 1 for year in _COMPARED_WITH.findall(text)]
        if years:
            return _find_dates(text, dt.date(max(years), 12, 31))
    return _find_dates(text, reference)


# a date and a time closing a line: a posting time stamp
_TIME_STAMP = re.compile(r",?[ \t]{0,3}\d{1,2}:\d{2}[ \t]{0,10}(?:\n|$)")  # bounded: linear


def _find_dates(text: str, reference: dt.date | None) -> list[DateMention]:
    taken: list[tuple[int, int]] = []
    found: list[DateMention] = []
    for name, pattern in _PATTERNS:
        for match in pattern.finditer(text):
            if any(s < match.end() and match.start() < e for s, e in taken):
                continue
            mention = _resolve(name, match, reference)
            if mention is None:
                continue
            taken.append((match.start(), match.end()))
            if _TIME_STAMP.match(text, match.end()):
                mention = replace(mention, stamp=True)
            found.append(mention)
    found.sort(key=lambda m: m.start)
    return found


def _resolve(name: str, match: re.Match[str], reference: dt.date | None) -> DateMention | None:
    groups = match.groupdict()
    start, end = match.start(), match.end()
    if name in ("today", "yesterday", "last_year"):
        return _relative(name, start, end, reference)
    if name == "weekday":
        return _weekday(groups.get("weekday") or "", start, end, reference)
    if name == "year":
        year = int(groups.get("year") or 0)
        if not 1900 <= year <= 2100:
            return None
        return DateMention(start, end, dt.date(year, 1, 1), "year")
    month = int(groups["mnum"]) if groups.get("mnum") else _month_number(groups.get("month") or "")
    if not month:
        return None
    day = int(groups["day"]) if groups.get("day") else 0
    year_and_guess = _year_of(groups, month, day, reference)
    if year_and_guess is None:
        return None
    year, relative = year_and_guess
    if name in ("month_year", "month_range", "month_alone"):
        date = _safe(year, month, 1)
        return DateMention(start, end, date, "month", relative=relative) if date else None
    date = _safe(year, month, day)
    if date is None:
        return None
    date_end = _safe(year, month, int(groups["day2"])) if groups.get("day2") else None
    if date_end is not None and date_end < date:
        date_end = None
    return DateMention(start, end, date, "day", date_end=date_end, relative=relative)


def _relative(name: str, start: int, end: int, reference: dt.date | None) -> DateMention | None:
    """ "сегодня", "вчера", "в прошлом году": against the article's date, if it has one."""
    if reference is None:
        return None
    if name == "today":
        return DateMention(start, end, reference, "day", relative=True)
    if name == "yesterday":
        return DateMention(start, end, reference - dt.timedelta(days=1), "day", relative=True)
    return DateMention(start, end, dt.date(reference.year - 1, 1, 1), "year", relative=True)


def _weekday(word: str, start: int, end: int, reference: dt.date | None) -> DateMention | None:
    """ "в среду", "on Wednesday": news tells the week it is published in, so the latest such
    day not after the article's date."""
    if reference is None:
        return None
    back = (reference.weekday() - _WEEKDAYS[word.lower()]) % 7
    return DateMention(start, end, reference - dt.timedelta(days=back), "day", relative=True)


def _year_of(
    groups: dict[str, str | None], month: int, day: int, reference: dt.date | None
) -> tuple[int, bool] | None:
    """The year written, "this year" against the article's date, or the guess for a day
    and month without one; with whether it was inferred."""
    if groups.get("year"):
        return int(str(groups["year"])), False
    if groups.get("this") and reference is not None:
        return reference.year, True
    guessed = _year_without(month, day, reference)
    return None if guessed is None else (guessed, True)
