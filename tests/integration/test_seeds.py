"""Seed files: complete, in our own words, validated, and idempotent to load."""

from __future__ import annotations

import re
import shutil
from decimal import Decimal
from pathlib import Path

import pytest
import yaml
from sqlalchemy import select

from bot import PROJECT_ROOT, SEEDS_DIR
from store import models
from store.db import create_engine, create_session_factory, migrate
from store.seed import load_seeds
from store.seed_files import read_seeds
from store.seed_paths import SeedError
from store.textnorm import content_hash

SHARED_SEEDS = PROJECT_ROOT.parent / "shared" / "seeds"
BUNDLE = read_seeds(SEEDS_DIR)


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower().replace("ё", "е"))


def _prose(node: object, key: str = "") -> list[str]:
    """Every string value in a seed file except names of articles and documents, which are
    cited as published (a title is a name, not a sentence)."""
    if isinstance(node, dict):
        return [text for k, v in node.items() for text in _prose(v, str(k))]
    if isinstance(node, list):
        return [text for item in node for text in _prose(item, key)]
    if isinstance(node, str) and key not in {"title", "alt_titles"}:
        return [node]
    return []


def _seed_values() -> dict[str, str]:
    return {
        path.name: " \n ".join(_prose(yaml.safe_load(path.read_text(encoding="utf-8"))))
        for path in SEEDS_DIR.rglob("*.yaml")
    }


@pytest.mark.skipif(not SHARED_SEEDS.exists(), reason="../shared/seeds is not beside the repo")
def test_no_sentence_of_the_articles_is_copied_into_seeds() -> None:
    """Eight consecutive words in common would be a copied phrase, not a fact or a title."""
    article_ngrams: set[tuple[str, ...]] = set()
    for path in SHARED_SEEDS.glob("*.txt"):
        words = _words(path.read_text(encoding="utf-8"))
        article_ngrams |= {tuple(words[i : i + 8]) for i in range(len(words) - 7)}
    for name, text in _seed_values().items():
        words = _words(text)
        copied = [
            " ".join(words[i : i + 8])
            for i in range(len(words) - 7)
            if tuple(words[i : i + 8]) in article_ngrams
        ]
        assert not copied, f"{name} repeats the articles: {copied[:3]}"


@pytest.mark.skipif(not SHARED_SEEDS.exists(), reason="../shared/seeds is not beside the repo")
def test_article_hashes_match_the_seed_files() -> None:
    for article in BUNDLE.articles:
        text = (SHARED_SEEDS / str(article.seed_file)).read_text(encoding="utf-8")
        assert content_hash(text) == article.content_hash, article.key


def test_every_article_supports_some_fact() -> None:
    cited = {
        s
        for group in (BUNDLE.facts.events, BUNDLE.facts.agreements, BUNDLE.facts.trade)
        for fact in group
        for s in fact.sources
    }
    assert cited == {a.key for a in BUNDLE.articles}


def test_key_agreements_are_curated_with_dates_and_periods() -> None:
    by_key = {a.key: a for a in BUNDLE.facts.agreements}
    allied = by_key["kz-tj-allied-relations-treaty-2024"]
    assert (str(allied.signed_on), allied.precision, allied.type) == (
        "2024-08-22",
        "day",
        "договор",
    )
    # One fact, three articles report it.
    assert len(allied.sources) == 3
    programme = by_key["kz-tj-mfa-cooperation-programme-2026-2028"]
    assert programme.period == (2026, 2028)
    assert set(programme.sources) == {"mfa-kz-tj-2026-02-18", "newsasia-2026-02-17"}
    assert by_key["kz-tj-trade-roadmap-2025-2027"].status == "planned"
    assert str(by_key["kz-tj-basic-relations-treaty-1993"].signed_on) == "1993-01-07"
    assert str(by_key["kz-tj-strategic-partnership-treaty-2015"].signed_on) == "2015-09-14"
    assert by_key["kz-pk-strategic-partnership-declaration-2026"].type == "декларация"
    assert by_key["kz-tj-memoranda-2024-08"].quantity == 15


def test_trade_figures_keep_value_year_kind_and_qualifier() -> None:
    by_key = {t.key: t for t in BUNDLE.facts.trade}
    turnover = by_key["kz-tj-turnover-2025"]
    assert (turnover.value, turnover.year, turnover.kind, turnover.qualifier) == (
        Decimal("1200000000"),
        2025,
        "actual",
        "exceeds",
    )
    assert by_key["kz-tj-turnover-target-2024"].target_year == 2024
    assert by_key["kz-pk-turnover-target-1bn"].value == Decimal("1000000000")
    assert by_key["kz-ru-turnover-2024"].value == Decimal("28000000000")


def test_page_furniture_is_not_in_the_seeds() -> None:
    text = " ".join(_seed_values().values()).lower()
    # The 2011 headline list and the poll on one page are not facts.
    for furniture in ("атамбаев", "зора", "мусульманские силы", "еаэс", "2011"):
        assert furniture not in text


async def _snapshot(session_factory: object) -> dict[str, list[tuple[object, ...]]]:
    tables = [
        models.Country,
        models.CountryAlias,
        models.Article,
        models.Person,
        models.PersonAlias,
        models.PersonRole,
        models.Event,
        models.EventCountry,
        models.EventParticipant,
        models.Agreement,
        models.AgreementParty,
        models.TradeFigure,
        models.RelationLevel,
        models.Evidence,
    ]
    snapshot = {}
    async with session_factory() as session:  # type: ignore[operator]
        for table in tables:
            columns = [c for c in table.__table__.columns]
            rows = (await session.execute(select(*columns))).all()
            snapshot[table.__tablename__] = sorted(map(tuple, rows), key=repr)
    return snapshot


async def test_loading_twice_gives_the_same_rows(tmp_path: Path) -> None:
    engine = create_engine(f"sqlite+aiosqlite:///{tmp_path / 'db.sqlite3'}")
    await migrate(engine)
    factory = create_session_factory(engine)
    async with factory() as session:
        await load_seeds(session, BUNDLE)
        await session.commit()
    first = await _snapshot(factory)
    async with factory() as session:
        await load_seeds(session, BUNDLE)
        await session.commit()
    second = await _snapshot(factory)
    await engine.dispose()
    assert first == second
    assert len(first["countries"]) == 249
    assert len(first["evidence"]) > 50


def _broken_copy(tmp_path: Path, relative: str, old: str, new: str) -> Path:
    target = tmp_path / "seeds"
    shutil.copytree(SEEDS_DIR, target)
    path = target / relative
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return target


@pytest.mark.parametrize(
    ("relative", "old", "new", "expected"),
    [
        (
            "facts/tajikistan.yaml",
            "signed_on: 2024-08-22",
            "signed_on: 2024-13-45",
            r"tajikistan\.yaml agreements, entry #3 \(key 'kz-tj-allied-relations-treaty-2024'\)",
        ),
        (
            "facts/pakistan.yaml",
            "parties: [KZ, PK]",
            "parties: [KZ, XX]",
            r"pakistan\.yaml agreements, entry #1 .*unknown ISO 3166 alpha-2 code 'XX'",
        ),
        (
            "facts/tajikistan.yaml",
            "kind: state_visit",
            "kind: picnic",
            r"tajikistan\.yaml events, entry #1 \(key 'kz-tj-state-visit-2024-08'\): kind",
        ),
        (
            "people.yaml",
            "sources: [dushanbe-summit-2025-10-11]\n\n- key: putin",
            "sources: [no-such-article]\n\n- key: putin",
            r"people\.yaml, entry 'rasulzoda': unknown source article 'no-such-article'",
        ),
        ("facts/pakistan.yaml", "events:", "events: [\n", r"pakistan\.yaml: not valid YAML"),
        (
            "facts/pakistan.yaml",
            "trade:",
            "gossip:",
            r"pakistan\.yaml: unknown section\(s\) gossip",
        ),
        (
            "articles.yaml",
            "key: newsasia-2026-02-17",
            "key: mfa-kz-tj-2026-02-18",
            r"key 'mfa-kz-tj-2026-02-18' is used twice",
        ),
    ],
)
def test_broken_files_are_named_with_the_entry(
    tmp_path: Path, relative: str, old: str, new: str, expected: str
) -> None:
    with pytest.raises(SeedError, match=expected):
        read_seeds(_broken_copy(tmp_path, relative, old, new))


async def test_a_fact_removed_from_the_seeds_leaves_the_cards(tmp_path: Path) -> None:
    """Reloading after a fact was deleted from the files withdraws its curated sources,
    so no card shows it; every other fact keeps its sources."""
    from sqlalchemy import func

    from store.models import Agreement, Evidence

    engine = create_engine(f"sqlite+aiosqlite:///{tmp_path / 'db.sqlite3'}")
    await migrate(engine)
    factory = create_session_factory(engine)
    async with factory() as session:
        await load_seeds(session, BUNDLE)
        await session.commit()
        before = await session.scalar(select(func.count()).select_from(Evidence))
    trimmed_dir = tmp_path / "seeds"
    shutil.copytree(SEEDS_DIR, trimmed_dir)
    path = trimmed_dir / "facts" / "russia-and-region.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index("  - key: ru-tj-labour-migration-documents-2025-10")
    end = text.index("\ntrade:", start)
    path.write_text(text[:start] + text[end + 1 :], encoding="utf-8")
    async with factory() as session:
        await load_seeds(session, read_seeds(trimmed_dir))
        await session.commit()
        removed = await session.scalar(
            select(Agreement.id).where(Agreement.key == "ru-tj-labour-migration-documents-2025-10")
        )
        sources = await session.scalar(
            select(func.count()).select_from(Evidence).where(Evidence.agreement_id == removed)
        )
        after = await session.scalar(select(func.count()).select_from(Evidence))
    await engine.dispose()
    assert sources == 0
    assert after == before - 1  # that document had one source; nothing else changed
