"""The seed files: read and validated into a SeedBundle. No database here, so extraction
(its gazetteers come from these files) never loads SQLAlchemy."""

from __future__ import annotations

import datetime as dt
import gettext
from collections.abc import Iterable
from decimal import Decimal
from pathlib import Path
from typing import Any, Literal, TypeVar

import pycountry
import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from store.seed_paths import SeedError, seed_fingerprint, seed_paths
from store.textnorm import normalize

Precision = Literal["day", "month", "year"]
ISO2 = str


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _check_iso2(values: Iterable[str]) -> None:
    for code in values:
        if pycountry.countries.get(alpha_2=code) is None:
            raise ValueError(f"unknown ISO 3166 alpha-2 code {code!r}")


class CountryOverride(_Strict):
    name_ru: str | None = None
    name_en: str | None = None
    names: list[str] = Field(default_factory=list)
    short: list[str] = Field(default_factory=list)
    capital_ru: str | None = None
    capital_en: str | None = None
    capitals: list[str] = Field(default_factory=list)
    # Seats of power (Акорда, the Kremlin): they name the country, but are not a city
    residences: list[str] = Field(default_factory=list)
    adjectives: list[str] = Field(default_factory=list)
    demonyms: list[str] = Field(default_factory=list)


class ArticleSeed(_Strict):
    key: str
    title: str
    outlet: str | None
    author: str | None
    url: str | None
    published_at: dt.date
    language: str
    content_hash: str = Field(pattern=r"^[0-9a-f]{64}$")
    seed_file: str | None = None
    # duplicate detection for uploads (bot.extraction.similarity): the hash of the main
    # text's words and a bigram sketch, so a re-upload is recognised without the text
    text_hash: str | None = Field(default=None, pattern=r"^[0-9a-f]{64}$")
    sketch: str | None = None


class RoleSeed(_Strict):
    title_ru: str
    title_en: str | None = None
    country: ISO2 | None = None
    sources: list[str] = Field(min_length=1)

    @field_validator("country")
    @classmethod
    def _iso(cls, value: str | None) -> str | None:
        _check_iso2([value] if value else [])
        return value


class PersonSeed(_Strict):
    key: str
    name_ru: str
    name_en: str | None = None
    patronymic: str | None = None
    aliases: list[str] = Field(default_factory=list)
    roles: list[RoleSeed] = Field(default_factory=list)


class EventSeed(_Strict):
    key: str
    kind: Literal[
        "state_visit",
        "official_visit",
        "working_visit",
        "visit",
        "talks",
        "meeting",
        "phone_call",
        "summit",
        "signing",
        "reception",
        "statement",
    ]
    cameo: str | None = None
    date_start: dt.date
    date_end: dt.date | None = None
    precision: Precision
    place: str | None = None
    level: Literal["head_of_state", "government", "minister"] | None = None
    countries: dict[Literal["visitor", "host", "participant"], list[ISO2]]
    participants: list[str] = Field(default_factory=list)
    title: str
    summary: str | None = None
    title_en: str | None = None
    summary_en: str | None = None
    place_en: str | None = None
    sources: list[str] = Field(min_length=1)

    @model_validator(mode="after")
    def _consistent(self) -> EventSeed:
        _check_iso2(code for codes in self.countries.values() for code in codes)
        if self.date_end and self.date_end < self.date_start:
            raise ValueError("date_end is before date_start")
        return self


class AgreementSeed(_Strict):
    key: str
    title: str
    alt_titles: list[str] = Field(default_factory=list)
    type: Literal[
        "договор",
        "соглашение",
        "меморандум",
        "декларация",
        "программа",
        "дорожная карта",
        "протокол",
        "документ",
    ]
    quantity: int = Field(default=1, ge=1)
    parties: list[ISO2] = Field(min_length=1)
    signed_on: dt.date | None = None
    precision: Precision | None = None
    place: str | None = None
    period: tuple[int, int] | None = None
    status: Literal["planned", "signed", "in_force"]
    signing_event: str | None = None
    summary: str | None = None
    title_en: str | None = None
    summary_en: str | None = None
    sources: list[str] = Field(min_length=1)

    @model_validator(mode="after")
    def _consistent(self) -> AgreementSeed:
        _check_iso2(self.parties)
        if (self.signed_on is None) != (self.precision is None):
            raise ValueError("signed_on and precision go together")
        if self.period and self.period[0] > self.period[1]:
            raise ValueError("period ends before it starts")
        return self


class TradeSeed(_Strict):
    key: str
    reporter: ISO2 | None = "KZ"
    partner: ISO2 | None = None
    partner_group: str | None = None
    metric: Literal["turnover", "exports", "imports", "investment", "share", "growth"]
    value: Decimal = Field(gt=0)
    unit: Literal["USD", "KZT", "EUR", "RUB", "CNY", "percent", "times"]
    year: int | None = None
    year_end: int | None = None
    kind: Literal["actual", "target"]
    target_year: int | None = None
    qualifier: Literal["exceeds", "about", "up_to", "reached"] | None = None
    note: str | None = None
    note_en: str | None = None
    sources: list[str] = Field(min_length=1)

    @model_validator(mode="after")
    def _consistent(self) -> TradeSeed:
        _check_iso2(code for code in (self.reporter, self.partner) if code)
        if self.partner is None and self.partner_group is None:
            raise ValueError("a trade figure needs a partner or a partner_group")
        return self


class RelationSeed(_Strict):
    key: str
    partner: ISO2
    level: str
    since: dt.date | None = None
    precision: Precision | None = None
    agreement: str | None = None
    note: str | None = None
    note_en: str | None = None
    sources: list[str] = Field(min_length=1)


class FactsFile(_Strict):
    events: list[EventSeed] = Field(default_factory=list)
    agreements: list[AgreementSeed] = Field(default_factory=list)
    trade: list[TradeSeed] = Field(default_factory=list)
    relations: list[RelationSeed] = Field(default_factory=list)


class SeedBundle(BaseModel):
    countries: dict[str, CountryOverride]
    articles: list[ArticleSeed]
    people: list[PersonSeed]
    facts: FactsFile
    fingerprint: str


M = TypeVar("M", bound=BaseModel)


# The C parser when PyYAML has it: several times faster on the seed files.
class _SeedLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """Leaves dates as text, so pydantic validates them and names the broken entry."""


_SeedLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _read_yaml(path: Path) -> Any:
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=_SeedLoader)
    except FileNotFoundError:
        raise SeedError(f"{path}: file is missing") from None
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise SeedError(f"{path}: not valid YAML: {exc}".splitlines()[0]) from None


def _describe(error: ValidationError) -> str:
    first = error.errors()[0]
    where = ".".join(str(part) for part in first["loc"])
    return f"{where}: {first['msg']}" if where else str(first["msg"])


def _entry_label(raw: Any, index: int) -> str:
    key = raw.get("key") if isinstance(raw, dict) else None
    return f"entry #{index + 1}" + (f" (key {key!r})" if key else "")


def _parse_list(path: Path, raw: Any, model: type[M], section: str = "") -> list[M]:
    where = f"{path}{' ' + section if section else ''}"
    if raw is None:
        return []
    if not isinstance(raw, list):
        raise SeedError(f"{where}: expected a list of entries")
    parsed: list[M] = []
    for index, item in enumerate(raw):
        try:
            parsed.append(model.model_validate(item))
        except ValidationError as exc:
            raise SeedError(f"{where}, {_entry_label(item, index)}: {_describe(exc)}") from None
    return parsed


def read_seeds(seeds_dir: Path) -> SeedBundle:
    """Read and validate every seed file; raise SeedError naming the file and entry."""
    files = seed_paths(seeds_dir)

    raw_countries = _read_yaml(files[0]) or {}
    if not isinstance(raw_countries, dict):
        raise SeedError(f"{files[0]}: expected a mapping of ISO codes")
    countries: dict[str, CountryOverride] = {}
    for code, body in raw_countries.items():
        try:
            _check_iso2([str(code)])
            countries[str(code)] = CountryOverride.model_validate(body or {})
        except ValueError as exc:  # ValidationError is a ValueError
            detail = _describe(exc) if isinstance(exc, ValidationError) else str(exc)
            raise SeedError(f"{files[0]}, entry {code!r}: {detail}") from None

    articles = _parse_list(files[1], _read_yaml(files[1]), ArticleSeed)
    people = _parse_list(files[2], _read_yaml(files[2]), PersonSeed)

    facts: dict[str, list[Any]] = {"events": [], "agreements": [], "trade": [], "relations": []}
    section_models: dict[str, type[BaseModel]] = {
        "events": EventSeed,
        "agreements": AgreementSeed,
        "trade": TradeSeed,
        "relations": RelationSeed,
    }
    for path in files[3:]:
        body = _read_yaml(path) or {}
        if not isinstance(body, dict):
            raise SeedError(f"{path}: expected sections events / agreements / trade / relations")
        unknown = set(body) - set(section_models)
        if unknown:
            raise SeedError(f"{path}: unknown section(s) {', '.join(sorted(unknown))}")
        for section, model in section_models.items():
            facts[section].extend(_parse_list(path, body.get(section), model, section))

    bundle = SeedBundle(
        countries=countries,
        articles=articles,
        people=people,
        facts=FactsFile.model_validate(facts),
        fingerprint=seed_fingerprint(seeds_dir),
    )
    _check_references(bundle, seeds_dir)
    return bundle


def _check_references(bundle: SeedBundle, seeds_dir: Path) -> None:
    """Keys must be unique and every reference must point at something that exists."""
    article_keys = _unique_keys(seeds_dir / "articles.yaml", (a.key for a in bundle.articles))
    person_keys = _unique_keys(seeds_dir / "people.yaml", (p.key for p in bundle.people))
    facts_dir = seeds_dir / "facts"
    event_keys = _unique_keys(facts_dir, (e.key for e in bundle.facts.events))
    agreement_keys = _unique_keys(facts_dir, (a.key for a in bundle.facts.agreements))
    _unique_keys(facts_dir, (t.key for t in bundle.facts.trade))
    _unique_keys(facts_dir, (r.key for r in bundle.facts.relations))

    def check(where: str, key: str, refs: Iterable[str], known: set[str], what: str) -> None:
        for ref in refs:
            if ref not in known:
                raise SeedError(f"{where}, entry {key!r}: unknown {what} {ref!r}")

    for person in bundle.people:
        for role in person.roles:
            check("people.yaml", person.key, role.sources, article_keys, "source article")
    for ev in bundle.facts.events:
        check("facts events", ev.key, ev.sources, article_keys, "source article")
        check("facts events", ev.key, ev.participants, person_keys, "participant")
    for ag in bundle.facts.agreements:
        check("facts agreements", ag.key, ag.sources, article_keys, "source article")
        check("facts agreements", ag.key, filter(None, [ag.signing_event]), event_keys, "event")
    for tr in bundle.facts.trade:
        check("facts trade", tr.key, tr.sources, article_keys, "source article")
    for rel in bundle.facts.relations:
        check("facts relations", rel.key, rel.sources, article_keys, "source article")
        check(
            "facts relations", rel.key, filter(None, [rel.agreement]), agreement_keys, "agreement"
        )


def _unique_keys(where: Path, keys: Iterable[str]) -> set[str]:
    seen: set[str] = set()
    for key in keys:
        if key in seen:
            raise SeedError(f"{where}: key {key!r} is used twice")
        seen.add(key)
    return seen


def _ru_names() -> gettext.NullTranslations:
    return gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["ru"], fallback=True)


def country_rows(
    overrides: dict[str, CountryOverride],
) -> list[tuple[dict[str, Any], list[tuple[str, str]]]]:
    """Every ISO country with display names and (alias, kind) pairs, curated data on top."""
    ru = _ru_names()
    rows = []
    for country in pycountry.countries:
        code = country.alpha_2
        extra = overrides.get(code, CountryOverride())
        common = getattr(country, "common_name", None)
        official = getattr(country, "official_name", None)
        name_en = extra.name_en or common or country.name
        name_ru = extra.name_ru or ru.gettext(common or country.name)
        aliases: list[tuple[str, str]] = [(code, "code"), (country.alpha_3, "code")]
        for name in (country.name, common, official, name_en, name_ru, *extra.names):
            if name:
                aliases.append((name, "name"))
        for name in (country.name, common, official):
            if name and ru.gettext(name) != name:
                aliases.append((ru.gettext(name), "name"))
        aliases += [(s, "short") for s in extra.short]
        aliases += [(s, "capital") for s in extra.capitals]
        aliases += [(s, "residence") for s in extra.residences]
        aliases += [(s, "adjective") for s in extra.adjectives]
        aliases += [(s, "demonym") for s in extra.demonyms]
        normalised = {(normalize(alias), kind) for alias, kind in aliases if normalize(alias)}
        rows.append(
            (
                {
                    "iso2": code,
                    "iso3": country.alpha_3,
                    "name_ru": name_ru,
                    "name_en": name_en,
                    "capital_ru": extra.capital_ru,
                    "capital_en": extra.capital_en,
                },
                sorted(normalised),
            )
        )
    return rows
