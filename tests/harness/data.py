"""The seed data's country index, for matching and schedule tests."""

from __future__ import annotations

from bot import SEEDS_DIR
from bot.matching import (
    CountryIndex,
    CountryRecord,
)
from store.seed_files import country_rows, read_seeds

BUNDLE = read_seeds(SEEDS_DIR)

COUNTRIES = CountryIndex.build(
    [
        CountryRecord(v["iso2"], v["name_ru"], v["name_en"], tuple(a))
        for v, a in country_rows(BUNDLE.countries)
    ]
)
