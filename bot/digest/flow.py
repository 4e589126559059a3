"""The guided /subscribe, as pure data: what has been chosen so far, which question comes
next, and what Back undoes. Each button carries the whole choice it leads to, so any
replica can answer any press; only a typed time zone waits in the chat's state."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Literal

from bot.digest.parse import Frequency

# The zones offered as buttons: the region's own, then where its readers often sit.
COMMON_ZONES = (
    "Asia/Almaty",
    "Asia/Tashkent",
    "Asia/Bishkek",
    "Asia/Dushanbe",
    "Asia/Ashgabat",
    "Europe/Moscow",
    "Europe/Istanbul",
    "Europe/Berlin",
    "Europe/London",
    "America/New_York",
    "UTC",
)
UNCHOSEN = -1
TYPED_ZONE = 99  # the zone was typed; it waits in the chat's state
MAX_FLOW_COUNTRIES = 6  # more in one line: /subscribe daily 09:00 TJ PK UZ ...
ALL = "*"
NONE_YET = "-"

Step = Literal["frequency", "weekday", "time", "zone", "countries", "finish"]
FREQUENCIES: tuple[Frequency, ...] = ("daily", "weekly", "instant")


@dataclass(frozen=True, slots=True)
class FlowChoice:
    frequency: str = NONE_YET  # daily | weekly | instant
    weekday: int = UNCHOSEN
    time: str = NONE_YET  # HHMM
    zone: int = UNCHOSEN  # an index into COMMON_ZONES, or TYPED_ZONE
    countries: str = NONE_YET  # "TJ.PK" while choosing; ALL for every country
    ready: bool = False  # the countries are confirmed

    @property
    def country_codes(self) -> tuple[str, ...]:
        if self.countries in (ALL, NONE_YET):
            return ()
        return tuple(code for code in self.countries.split(".") if code)

    def with_country(self, code: str) -> FlowChoice:
        """`code` added, or taken out if it was chosen; at most MAX_FLOW_COUNTRIES."""
        codes = list(self.country_codes)
        if code in codes:
            codes.remove(code)
        elif len(codes) < MAX_FLOW_COUNTRIES:
            codes.append(code)
        return replace(self, countries=".".join(codes) or NONE_YET)


def next_step(choice: FlowChoice) -> Step:
    if choice.frequency not in FREQUENCIES:
        return "frequency"
    if choice.frequency == "weekly" and choice.weekday == UNCHOSEN:
        return "weekday"
    if choice.frequency != "instant" and choice.time == NONE_YET:
        return "time"
    if choice.frequency != "instant" and choice.zone == UNCHOSEN:
        return "zone"
    if not choice.ready:
        return "countries"
    return "finish"


def back(choice: FlowChoice) -> FlowChoice:
    """The choice one question earlier: the answer to the previous question undone."""
    step = next_step(choice)
    if step == "countries" and choice.frequency != "instant":
        return replace(choice, zone=UNCHOSEN)
    if step == "zone":
        return replace(choice, time=NONE_YET)
    if step == "time" and choice.frequency == "weekly":
        return replace(choice, weekday=UNCHOSEN)
    return replace(choice, frequency=NONE_YET, weekday=UNCHOSEN, time=NONE_YET)


def zone_name(choice: FlowChoice, typed: str | None, default: str) -> str:
    if 0 <= choice.zone < len(COMMON_ZONES):
        return COMMON_ZONES[choice.zone]
    if choice.zone == TYPED_ZONE and typed:
        return typed
    return default
