"""Entity resolution for countries, people and agreement titles. Pure: no SQL, no Telegram."""

from bot.matching.countries import CountryIndex, CountryMatch, CountryRecord, CountryResolution
from bot.matching.people import PersonIndex, PersonRecord, PersonResolution
from bot.matching.titles import TitleHit, TitleIndex, TitleRecord

__all__ = [
    "CountryIndex",
    "CountryMatch",
    "CountryRecord",
    "CountryResolution",
    "PersonIndex",
    "PersonRecord",
    "PersonResolution",
    "TitleHit",
    "TitleIndex",
    "TitleRecord",
]
