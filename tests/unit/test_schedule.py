"""Digest schedules: periods, time zones, daylight saving, weekly days; and parsing."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from bot.digest.flow import ALL, MAX_FLOW_COUNTRIES, FlowChoice, back, next_step
from bot.digest.parse import ParseProblem, SubscriptionRequest, parse_subscription, parse_time
from bot.digest.schedule import Schedule, latest_occurrence, next_occurrence
from tests.harness.data import COUNTRIES

UTC = dt.UTC


def utc(*args: int) -> dt.datetime:
    return dt.datetime(*args, tzinfo=UTC)


def test_daily_in_almaty() -> None:
    schedule = Schedule("daily", dt.time(8, 30), "Asia/Almaty")  # UTC+5
    assert latest_occurrence(schedule, utc(2026, 11, 21, 3, 30)) == (
        "2026-11-21",
        utc(2026, 11, 21, 3, 30),
    )
    # A minute earlier it is still yesterday's period.
    assert latest_occurrence(schedule, utc(2026, 11, 21, 3, 29)) == (
        "2026-11-20",
        utc(2026, 11, 20, 3, 30),
    )


def test_local_date_not_utc_date_names_the_period() -> None:
    schedule = Schedule("daily", dt.time(1, 0), "Asia/Tokyo")  # UTC+9: 01:00 is 16:00 UTC
    period, moment = latest_occurrence(schedule, utc(2026, 11, 20, 16, 5))
    assert (period, moment) == ("2026-11-21", utc(2026, 11, 20, 16, 0))


def test_spring_forward_gap_is_sent_once_after_the_gap() -> None:
    # Europe/Berlin skips 02:00-03:00 on 2026-03-29.
    schedule = Schedule("daily", dt.time(2, 30), "Europe/Berlin")
    period, moment = latest_occurrence(schedule, utc(2026, 3, 29, 12, 0))
    assert period == "2026-03-29"
    assert moment == utc(2026, 3, 29, 1, 30)  # 03:30 local, CEST
    assert latest_occurrence(schedule, utc(2026, 3, 28, 12, 0))[1] == utc(2026, 3, 28, 1, 30)


def test_fall_back_repeated_hour_is_one_period() -> None:
    # 02:30 happens twice in Berlin on 2026-10-25; the first one counts, the period once.
    schedule = Schedule("daily", dt.time(2, 30), "Europe/Berlin")
    first = latest_occurrence(schedule, utc(2026, 10, 25, 0, 31))
    second = latest_occurrence(schedule, utc(2026, 10, 25, 1, 31))
    assert first == second == ("2026-10-25", utc(2026, 10, 25, 0, 30))


def test_new_york_dst_shifts_the_utc_hour_not_the_local_one() -> None:
    schedule = Schedule("daily", dt.time(9, 0), "America/New_York")
    assert latest_occurrence(schedule, utc(2026, 3, 7, 20))[1] == utc(2026, 3, 7, 14)  # EST
    assert latest_occurrence(schedule, utc(2026, 3, 9, 20))[1] == utc(2026, 3, 9, 13)  # EDT


def test_weekly_on_a_chosen_day() -> None:
    schedule = Schedule("weekly", dt.time(9, 0), "Asia/Almaty", weekday=4)  # Friday
    # Saturday 2026-11-21: the latest Friday is the 20th, ISO week 47.
    assert latest_occurrence(schedule, utc(2026, 11, 21, 12)) == ("2026-W47", utc(2026, 11, 20, 4))
    assert next_occurrence(schedule, utc(2026, 11, 21, 12)) == utc(2026, 11, 27, 4)
    # On the Friday itself, before 09:00 local, it is still last week's.
    assert latest_occurrence(schedule, utc(2026, 11, 20, 3))[0] == "2026-W46"


def test_weekly_period_across_new_year() -> None:
    schedule = Schedule("weekly", dt.time(9, 0), "UTC", weekday=3)  # Thursday
    assert latest_occurrence(schedule, utc(2027, 1, 1, 12))[0] == "2026-W53"


@pytest.mark.parametrize("text", ["25:99", "24:00", "8:60", "99", "-1:00", ""])
def test_bad_times(text: str) -> None:
    assert parse_time(text) is None


def test_parse_one_line() -> None:
    request = parse_subscription("daily 08:30 Asia/Almaty TJ PK", COUNTRIES, "Asia/Almaty")
    assert request == SubscriptionRequest("daily", -1, dt.time(8, 30), "Asia/Almaty", ("PK", "TJ"))
    weekly = parse_subscription(
        "weekly пятницу 18:00 europe/berlin Таджикистан", COUNTRIES, "Asia/Almaty"
    )
    assert weekly == SubscriptionRequest("weekly", 4, dt.time(18, 0), "Europe/Berlin", ("TJ",))
    assert parse_subscription("", COUNTRIES, "Asia/Almaty") == SubscriptionRequest()


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("daily 25:99", "time"),
        ("daily 08:30 Mars/Olympus", "timezone"),
        ("daily Нарния", "country"),
        ("daily Казахстан", "home_country"),
        ("daily 830", "time"),
    ],
)
def test_parse_problems(text: str, problem: str) -> None:
    result = parse_subscription(text, COUNTRIES, "Asia/Almaty")
    assert isinstance(result, ParseProblem) and result.problem == problem


def test_parse_always() -> None:
    request = parse_subscription("daily 08:30 always", COUNTRIES, "Asia/Almaty")
    assert isinstance(request, SubscriptionRequest) and request.notify_empty


def test_instant_subscriptions_have_no_time_and_no_empty_notes() -> None:
    request = parse_subscription("сразу TJ always", COUNTRIES, "Asia/Almaty")
    assert isinstance(request, SubscriptionRequest)
    assert request.frequency == "instant" and request.countries == ("TJ",)
    assert request.weekday == -1 and not request.notify_empty
    assert parse_subscription("instant friday", COUNTRIES, "Asia/Almaty") == ParseProblem(
        "weekday", "friday"
    )


def test_the_guided_flow_asks_in_order_and_back_undoes_one_answer() -> None:
    choice = FlowChoice()
    answers = [
        ("frequency", {"frequency": "weekly"}),
        ("weekday", {"weekday": 4}),
        ("time", {"time": "1800"}),
        ("zone", {"zone": 2}),
        ("countries", {"countries": ALL, "ready": True}),
    ]
    for step, answer in answers:
        assert next_step(choice) == step
        answered = replace(choice, **answer)  # type: ignore[arg-type]
        if step != "countries":
            assert back(answered) == choice  # Back from the next question undoes this answer
        choice = answered
    assert next_step(choice) == "finish"
    instant = FlowChoice(frequency="instant")
    assert next_step(instant) == "countries" and next_step(back(instant)) == "frequency"
    many = FlowChoice(frequency="instant")
    for code in ("TJ", "PK", "UZ", "KG", "TM", "RU", "CN", "AF"):
        many = many.with_country(code)
    assert len(many.country_codes) == MAX_FLOW_COUNTRIES
    assert "TJ" not in many.with_country("TJ").country_codes
