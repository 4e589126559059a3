"""Russian participles agree with the document: "декларация подписана", "соглашение
подписано", "15 документов ... подписаны"; English says "signed" for all."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.i18n import translator
from bot.render.facts import agreement_line
from store.dto import AgreementInfo


def _agreement(type_: str, status: str = "signed", quantity: int = 1) -> AgreementInfo:
    return AgreementInfo(
        1, "Документ о сотрудничестве", type_, quantity, ("KZ", "TJ"), dt.date(2026, 3, 1),
        "day", None, None, None, status, None, (),
    )  # fmt: skip


@pytest.mark.parametrize(
    ("type_", "status", "quantity", "wording"),
    [
        ("договор", "signed", 1, "(договор, подписан)"),
        ("декларация", "signed", 1, "(декларация, подписана)"),
        ("программа", "signed", 1, "(программа, подписана)"),
        ("дорожная карта", "signed", 1, "(дорожная карта, подписана)"),
        ("соглашение", "signed", 1, "(соглашение, подписано)"),
        ("меморандум", "signed", 15, "(меморандум, подписаны)"),
        ("меморандум", "in_force", 3, "(меморандум, действуют)"),
        ("соглашение", "planned", 1, "(соглашение, планируется)"),
    ],
)
def test_russian_participles_agree(type_: str, status: str, quantity: int, wording: str) -> None:
    line = agreement_line(translator("ru"), _agreement(type_, status, quantity), str, None)
    assert wording in line


def test_english_is_plain() -> None:
    line = agreement_line(translator("en"), _agreement("декларация"), str, None)
    assert "(declaration, signed)" in line
