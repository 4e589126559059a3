"""Corrections typed by an admin: whatever the text, a correction either applies a value
within bounds or raises `CorrectionError` and leaves the draft as it was."""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.corrections import MAX_AMOUNT, CorrectionError, parse_amount, parse_date, parse_year
from bot.drafts import Draft, draft_from_state, draft_to_state
from bot.extraction.facts import (
    AgreementFact,
    EventFact,
    Evidence,
    Extraction,
    PersonFact,
    TradeFact,
)
from bot.review import choose, correct, numbered, reviewed_extraction, toggle

EVIDENCE = Evidence(0, 10, "Встреча в Бишкеке.", 0)
COUNTRIES = {"кыргызстан": "KG", "kg": "KG", "таджикистан": "TJ", "tj": "TJ", "uz": "UZ"}


def resolve(text: str) -> tuple[str, ...]:
    code = COUNTRIES.get(text.strip().casefold())
    return (code,) if code else ()


def make_draft() -> Draft:
    person = PersonFact("Асан Усенов", "министр", "KG", None, 0.9, EVIDENCE)
    event = EventFact(
        "talks",
        dt.date(2026, 5, 4),
        None,
        "day",
        "Бишкек",
        ("KZ", "KG"),
        ("Асан Усенов",),
        None,
        0.8,
        EVIDENCE,
    )
    agreement = AgreementFact(
        "Соглашение о водных ресурсах",
        "соглашение",
        None,
        None,
        None,
        ("KZ", "KG"),
        "signed",
        1,
        0.8,
        EVIDENCE,
    )
    trade = TradeFact(
        Decimal(1_500_000_000),
        "USD",
        "actual",
        "turnover",
        2025,
        None,
        ("KZ", "KG"),
        None,
        0.9,
        EVIDENCE,
    )
    extraction = Extraction(
        language="ru",
        title="Переговоры в Бишкеке",
        outlet=None,
        author=None,
        published_at=dt.date(2026, 5, 5),
        countries=("KZ", "KG"),
        people=(person,),
        events=(event,),
        agreements=(agreement,),
        trade=(trade,),
    )
    return Draft("abcd1234", "a.txt", 10, "h", "t", [], "text", None, extraction)


DRAFT = make_draft()
TYPED_FIELDS = [
    (1, "role"),
    (1, "country"),
    (2, "date"),
    (2, "countries"),
    (2, "place"),
    (3, "date"),
    (3, "countries"),
    (4, "value"),
    (4, "year"),
    (4, "countries"),
]


@settings(max_examples=300, deadline=None)
@given(field=st.sampled_from(TYPED_FIELDS), text=st.text(max_size=400))
def test_any_typed_text_applies_a_bounded_value_or_is_refused(
    field: tuple[int, str], text: str
) -> None:
    number, name = field
    try:
        corrected = correct(DRAFT, number, name, text, resolve)
    except CorrectionError as error:
        assert error.reason  # a named message, never another exception
        return
    assert len(corrected.edits) == 1 and corrected.edits[0].field == name
    fact = numbered(corrected.extraction)[number - 1]
    if isinstance(fact, TradeFact):
        assert 0 < fact.value <= MAX_AMOUNT and (fact.year is None or 1900 <= fact.year <= 2100)
    if isinstance(fact, EventFact) and fact.date is not None:
        assert 1900 <= fact.date.year <= 2100
    if isinstance(fact, EventFact | TradeFact):
        assert fact.countries[0] == "KZ" and len(set(fact.countries)) == len(fact.countries)
    if name in {"role", "place"}:
        value = fact.role if isinstance(fact, PersonFact) else getattr(fact, "place", "")
        assert value and value.isprintable() and len(value) <= 200
    # a corrected draft survives the round trip through FSM storage
    assert draft_from_state(draft_to_state(corrected)) == corrected


@given(text=st.text(max_size=60) | st.from_regex(r"-?[\d.,\- ]{1,20}( млрд| bn)?", fullmatch=True))
def test_parsers_return_bounded_values_or_raise_correction_errors(text: str) -> None:
    with contextlib.suppress(CorrectionError):
        day, precision = parse_date(text)
        assert 1900 <= day.year <= 2100 and precision in {"day", "month", "year"}
    with contextlib.suppress(CorrectionError):
        assert 1900 <= parse_year(text) <= 2100
    with contextlib.suppress(CorrectionError):
        assert 0 < parse_amount(text) <= MAX_AMOUNT


@pytest.mark.parametrize(
    ("text", "day", "precision"),
    [
        ("15.03.2026", dt.date(2026, 3, 15), "day"),
        ("2026-03-15", dt.date(2026, 3, 15), "day"),
        (" 03.2026 ", dt.date(2026, 3, 1), "month"),
        ("2026", dt.date(2026, 1, 1), "year"),
    ],
)
def test_dates_keep_the_precision_typed(text: str, day: dt.date, precision: str) -> None:
    assert parse_date(text) == (day, precision)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("31.02.2026", "date-invalid"),
        ("13.2026", "date-invalid"),
        ("1800", "date-range"),
        ("15 марта", "date-format"),
        ("", "date-format"),
    ],
)
def test_bad_dates_are_named(text: str, reason: str) -> None:
    with pytest.raises(CorrectionError) as raised:
        parse_date(text)
    assert raised.value.reason == reason


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("2,5 млрд", Decimal("2500000000")),
        ("2.5 bn", Decimal("2500000000")),
        ("300 млн", Decimal("300000000")),
        ("1 500 000", Decimal("1500000")),
        ("0.5", Decimal("0.5")),
    ],
)
def test_amounts(text: str, value: Decimal) -> None:
    assert parse_amount(text) == value


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("-5", "amount-range"),
        ("0", "amount-range"),
        ("10" * 9, "amount-range"),
        ("5 zł", "amount-format"),
    ],
)
def test_bad_amounts_are_named(text: str, reason: str) -> None:
    with pytest.raises(CorrectionError) as raised:
        parse_amount(text)
    assert raised.value.reason == reason


def test_unknown_country_and_too_long_text_change_nothing() -> None:
    for text, reason in [("Марс", "country-unknown"), ("KG, Марс", "country-unknown")]:
        with pytest.raises(CorrectionError) as raised:
            correct(DRAFT, 2, "countries", text, resolve)
        assert raised.value.reason == reason
    with pytest.raises(CorrectionError) as raised:
        correct(DRAFT, 1, "role", "x" * 10_000, resolve)
    assert raised.value.reason == "too-long"
    assert correct(DRAFT, 2, "countries", "таджикистан", resolve).extraction.events[
        0
    ].countries == (
        "KZ",
        "TJ",
    )


def test_fields_and_choices_outside_the_lists_are_refused() -> None:
    for number, field in [(1, "date"), (2, "title"), (9, "date"), (0, "role")]:
        with pytest.raises(CorrectionError):
            correct(DRAFT, number, field, "2026", resolve)
    with pytest.raises(CorrectionError):
        choose(DRAFT, 2, "kind", 99)
    with pytest.raises(CorrectionError):
        choose(DRAFT, 2, "date", 0)  # a typed field has no list
    chosen = choose(DRAFT, 3, "status", 2)
    assert chosen.extraction.agreements[0].status == "in_force"


@given(numbers=st.lists(st.integers(min_value=1, max_value=4), max_size=12))
def test_toggles_and_what_publish_keeps(numbers: list[int]) -> None:
    draft = DRAFT
    for number in numbers:
        draft = toggle(draft, number)
    dropped = {n for n in set(numbers) if numbers.count(n) % 2}
    assert set(draft.dropped) == dropped
    kept = reviewed_extraction(draft)
    assert kept.fact_count == DRAFT.extraction.fact_count - len(dropped)
    if 1 in dropped:  # a dropped person is no event's participant either
        assert all("Асан Усенов" not in e.participants for e in kept.events)


def test_a_date_correction_on_an_agreement_sets_signed_on_and_precision() -> None:
    corrected = correct(DRAFT, 3, "date", "05.2026", resolve)
    agreement = corrected.extraction.agreements[0]
    assert (agreement.signed_on, agreement.precision) == (dt.date(2026, 5, 1), "month")
    assert corrected.edits[0].before == "signed_on=None; precision=None"
    assert dataclasses.replace(corrected, edits=()).extraction != DRAFT.extraction
