"""When digests are due. Pure: no clock of its own, no database.

A period is named after the local date of its scheduled moment (daily: 2026-11-21; weekly:
the ISO week, 2026-W47), so each subscription has at most one digest per period whatever
the clock does around daylight-saving changes.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal
from zoneinfo import ZoneInfo

UTC = dt.UTC


@dataclass(frozen=True, slots=True)
class Schedule:
    frequency: Literal["daily", "weekly"]
    local_time: dt.time
    timezone: str
    weekday: int = -1  # 0 = Monday, for weekly schedules

    def period_of(self, day: dt.date) -> str:
        if self.frequency == "daily":
            return day.isoformat()
        year, week, _ = day.isocalendar()
        return f"{year}-W{week:02d}"


def at_local(day: dt.date, local_time: dt.time, zone: ZoneInfo) -> dt.datetime:
    """The UTC instant of a wall-clock time. A time skipped by a spring-forward change is
    read with the offset before the change (PEP 495, fold=0): 02:30 becomes 03:30 local.
    A time that occurs twice in the autumn is its first occurrence."""
    return dt.datetime.combine(day, local_time, tzinfo=zone).astimezone(UTC)


def latest_occurrence(schedule: Schedule, now: dt.datetime) -> tuple[str, dt.datetime]:
    """(period, its scheduled UTC instant) of the newest occurrence at or before `now`."""
    zone = ZoneInfo(schedule.timezone)
    day = now.astimezone(zone).date()
    step = dt.timedelta(days=1)
    if schedule.frequency == "weekly":
        day -= dt.timedelta(days=(day.weekday() - schedule.weekday) % 7)
        step = dt.timedelta(days=7)
    moment = at_local(day, schedule.local_time, zone)
    if moment > now:
        day -= step
        moment = at_local(day, schedule.local_time, zone)
    return schedule.period_of(day), moment


def next_occurrence(schedule: Schedule, now: dt.datetime) -> dt.datetime:
    """The first scheduled instant after `now` (for telling users when to expect it)."""
    zone = ZoneInfo(schedule.timezone)
    _period, moment = latest_occurrence(schedule, now)
    day = moment.astimezone(zone).date()
    step = dt.timedelta(days=7 if schedule.frequency == "weekly" else 1)
    while moment <= now:
        day += step
        moment = at_local(day, schedule.local_time, zone)
    return moment
