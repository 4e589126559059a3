"""Reading `/subscribe daily 08:30 Asia/Almaty TJ PK` and its parts. Pure."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import cache
from typing import Literal
from zoneinfo import ZoneInfo, available_timezones

from bot.matching.countries import HOME_COUNTRY, CountryIndex

_TIME = re.compile(r"^(\d{1,2})[:.](\d{2})$")
Frequency = Literal["daily", "weekly", "instant"]
FREQUENCIES: dict[str, Frequency] = {
    "daily": "daily", "day": "daily", "ежедневно": "daily", "день": "daily",
    "ежедневный": "daily", "weekly": "weekly", "week": "weekly", "еженедельно": "weekly",
    "неделя": "weekly", "еженедельный": "weekly", "instant": "instant",
    "instantly": "instant", "сразу": "instant", "мгновенно": "instant",
    "немедленно": "instant",
}  # fmt: skip
WEEKDAYS = {
    "mon": 0, "monday": 0, "пн": 0, "понедельник": 0, "tue": 1, "tuesday": 1, "вт": 1,
    "вторник": 1, "wed": 2, "wednesday": 2, "ср": 2, "среда": 2, "среду": 2, "thu": 3,
    "thursday": 3, "чт": 3, "четверг": 3, "fri": 4, "friday": 4, "пт": 4, "пятница": 4,
    "пятницу": 4, "sat": 5, "saturday": 5, "сб": 5, "суббота": 5, "субботу": 5, "sun": 6,
    "sunday": 6, "вс": 6, "воскресенье": 6,
}  # fmt: skip
MAX_COUNTRIES = 10
INSTANT_TIME = dt.time(0, 0)  # stored for an instant subscription, which has no time
# "/subscribe daily 08:30 always": a short note even when there is nothing new.
NOTIFY_EMPTY_WORDS = {"always", "всегда", "empty", "пустые"}

Problem = Literal[
    "time", "timezone", "country", "weekday", "too_many_countries", "home_country", "word"
]


@dataclass(frozen=True)
class SubscriptionRequest:
    frequency: Frequency = "daily"
    weekday: int = -1
    local_time: dt.time = dt.time(9, 0)
    timezone: str = "Asia/Almaty"
    countries: tuple[str, ...] = ()
    notify_empty: bool = False  # also send a short "nothing new" note

    @property
    def countries_key(self) -> str:
        return ",".join(sorted(self.countries))


@dataclass(frozen=True)
class ParseProblem:
    problem: Problem
    value: str = ""
    suggestions: tuple[str, ...] = field(default=())


def parse_time(text: str) -> dt.time | None:
    match = _TIME.match(text.strip())
    if not match:
        return None
    hours, minutes = int(match.group(1)), int(match.group(2))
    if hours > 23 or minutes > 59:
        return None
    return dt.time(hours, minutes)


@cache
def _zones_by_lower_name() -> dict[str, str]:
    return {name.lower(): name for name in available_timezones()}


def parse_timezone(text: str) -> str | None:
    """An IANA zone, in any letter case ("asia/almaty")."""
    name = _zones_by_lower_name().get(text.strip().lower())
    if name is None:
        return None
    ZoneInfo(name)  # available_timezones() lists only loadable zones; this documents it
    return name


@dataclass
class _Words:
    """What the words read so far asked for."""

    timezone: str
    frequency: Frequency = "daily"
    weekday: int | None = None
    local_time: dt.time = dt.time(9, 0)
    codes: list[str] = field(default_factory=list)
    notify_empty: bool = False


def parse_subscription(
    text: str, countries: CountryIndex, default_timezone: str
) -> SubscriptionRequest | ParseProblem:
    words = _Words(default_timezone)
    for word in text.split()[:20]:
        if _is_setting(word):
            problem = _read_setting(word, words)
        else:
            problem = _read_country(word, words, countries)
        if problem is not None:
            return problem
    if len(words.codes) > MAX_COUNTRIES:
        return ParseProblem("too_many_countries", str(MAX_COUNTRIES))
    if words.frequency == "instant":
        # no time of day, and never a "nothing new" note: it comes when there is news
        return SubscriptionRequest(
            "instant", -1, INSTANT_TIME, words.timezone, tuple(sorted(words.codes))
        )
    # Weekly with no day named: Monday. Daily ignores a weekday.
    weekday = words.weekday
    day = (0 if weekday is None else weekday) if words.frequency == "weekly" else -1
    return SubscriptionRequest(
        words.frequency,
        day,
        words.local_time,
        words.timezone,
        tuple(sorted(words.codes)),
        words.notify_empty,
    )


def _is_setting(word: str) -> bool:
    lowered = word.lower()
    return (
        lowered in NOTIFY_EMPTY_WORDS
        or lowered in FREQUENCIES
        or lowered in WEEKDAYS
        or "/" in word
        or lowered in {"utc", "gmt"}
        or bool(_TIME.match(word) or re.fullmatch(r"\d+([:.]\d*)?", word))
    )


def _read_setting(word: str, words: _Words) -> ParseProblem | None:
    lowered = word.lower()
    if lowered in NOTIFY_EMPTY_WORDS:
        words.notify_empty = True
    elif lowered in FREQUENCIES:
        words.frequency = FREQUENCIES[lowered]
    elif lowered in WEEKDAYS and words.frequency != "instant":
        words.weekday, words.frequency = WEEKDAYS[lowered], "weekly"
    elif lowered in WEEKDAYS:
        return ParseProblem("weekday", word[:20])
    elif _TIME.match(word):
        parsed = parse_time(word)
        if parsed is None:
            return ParseProblem("time", word[:20])
        words.local_time = parsed
    elif "/" in word or lowered in {"utc", "gmt"}:
        zone = parse_timezone(word)
        if zone is None:
            return ParseProblem("timezone", word[:60])
        words.timezone = zone
    else:  # digits that are no time of day
        return ParseProblem("time", word[:20])
    return None


def _read_country(word: str, words: _Words, countries: CountryIndex) -> ParseProblem | None:
    resolution = countries.resolve(word)
    code = resolution.partner
    if code == HOME_COUNTRY:
        return ParseProblem("home_country", word[:60])
    if code is None:
        return ParseProblem("country", word[:60], resolution.suggestions[:3])
    if code not in words.codes:
        words.codes.append(code)
    return None
