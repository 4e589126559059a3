"""Every interface text exists in both languages, and every key the code asks for exists."""

from __future__ import annotations

import re

from fluent.syntax import FluentParser, ast

from bot import LOCALES_DIR, PROJECT_ROOT


def keys(language: str) -> set[str]:
    resource = FluentParser().parse((LOCALES_DIR / language / "bot.ftl").read_text("utf-8"))
    junk = [entry for entry in resource.body if isinstance(entry, ast.Junk)]
    assert not junk, f"{language}: unparsable entries {[j.content[:60] for j in junk]}"
    return {entry.id.name for entry in resource.body if isinstance(entry, ast.Message)}


def test_both_languages_have_the_same_texts() -> None:
    assert keys("ru") == keys("en")


def test_every_literal_key_in_the_code_exists() -> None:
    known = keys("ru")
    used: set[str] = set()
    for folder in ("bot", "handlers"):
        for path in (PROJECT_ROOT / folder).rglob("*.py"):
            used |= set(re.findall(r"\bt\(\s*\"([a-z][a-z0-9-]+)\"", path.read_text("utf-8")))
    missing = used - known
    assert not missing, f"texts asked for but not defined: {sorted(missing)}"
    assert len(used) > 80  # the scan itself works


def test_key_families_are_complete() -> None:
    known = keys("en")
    families = {
        "event-": [
            "state_visit",
            "official_visit",
            "working_visit",
            "visit",
            "talks",
            "meeting",
            "phone_call",
            "summit",
            "signing",
            "statement",
        ],
        "trade-": [
            "turnover",
            "exports",
            "imports",
            "investment",
            "share",
            "growth",
            "actual",
            "target",
        ],
        "agreement-status-": ["planned", "signed", "in_force"],
        "weekday-": [str(day) for day in range(7)],
        "month-": [str(month) for month in range(1, 13)],
        "kind-": ["event", "agreement", "trade", "person", "article"],
        "button-": [
            "agreements",
            "timeline",
            "trade",
            "people",
            "sources",
            "subscribe",
            "pause",
            "resume",
        ],
        "subscription-": ["paused", "resumed"],
    }
    for prefix, members in families.items():
        for member in members:
            assert prefix + member in known


def test_every_relation_level_in_the_seeds_has_a_text() -> None:
    from bot import SEEDS_DIR
    from store.seed_files import read_seeds

    levels = {relation.level for relation in read_seeds(SEEDS_DIR).facts.relations}
    assert {f"level-{level}" for level in levels} <= keys("ru")
