"""Articles from files: `extract FILE [--json]` (a dry run that needs no database),
`import PATH... [--publish]` and `fingerprint FILE...`. None of them loads aiogram."""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bot.config import Settings
    from bot.drafts import Draft
    from store.db import Session as AsyncSession
from bot.extraction.documents import (
    ACCEPTED_EXTENSIONS,
    MAX_UPLOAD_BYTES,
    DocumentError,
    load_document,
)
from bot.extraction.shared import shared_extractor

REASONS = {
    "empty": "empty file",
    "too_large": f"larger than {MAX_UPLOAD_BYTES // 1000} KB",
    "binary": "not a text file",
    "archive": "an archive (unpack it first)",
    "encoding": "unknown text encoding",
    "no_text": "no article text after cleaning",
}


def extract_command(args: argparse.Namespace) -> int:
    # needs no database and no settings: a pure dry run
    from bot.logs import configure_logging

    configure_logging("ERROR")
    return extract(args.file, args.json)


def import_command(args: argparse.Namespace) -> int:
    import asyncio  # here: `extract` needs no event loop, and the import costs

    from bot.cli.settings import settings_or_exit

    summary = asyncio.run(import_files(settings_or_exit(), args.paths, args.publish))
    print_summary(summary, args.publish)
    return 1 if summary.failed and not summary.imported else 0


def fingerprint_command(args: argparse.Namespace) -> int:
    return fingerprint(args.files)


def _read(path: Path) -> bytes:
    # Never read more than one byte past the limit: a 5 GB file costs nothing.
    with path.open("rb") as handle:
        return handle.read(MAX_UPLOAD_BYTES + 1)


def extract(path_text: str, as_json: bool) -> int:
    path = Path(path_text)
    if not path.is_file():
        print(f"No such file: {path}", file=sys.stderr)
        return 2
    try:
        document = load_document(_read(path), path.name)
    except DocumentError as error:
        print(f"{path}: {REASONS.get(error.reason, error.reason)}", file=sys.stderr)
        return 1
    extraction = shared_extractor().extract(document)
    if as_json:
        print(json.dumps(extraction.to_json(), ensure_ascii=False))
        return 0
    data = extraction.to_json()
    print(f"Title: {data['title'] or '—'}")
    print(f"Outlet: {data['outlet'] or '—'}   Date: {data['published_at'] or '—'}")
    print(f"Language: {data['language']}   Countries: {', '.join(data['countries']) or '—'}")
    for kind in ("people", "events", "agreements", "trade"):
        items = data[kind]
        print(f"\n{kind.capitalize()} ({len(items)}):")
        for item in items:
            print("  - " + "; ".join(f"{k}: {v}" for k, v in item.items() if v not in (None, [])))
    if data["warnings"]:
        print("\nWarnings: " + ", ".join(data["warnings"]))
    return 0


def collect(paths: list[str]) -> tuple[list[Path], list[tuple[str, str]]]:
    """Files to import (folders walked, sorted) and the paths that are not usable."""
    files: list[Path] = []
    missing: list[tuple[str, str]] = []
    for text in paths:
        path = Path(text)
        if path.is_dir():
            files += sorted(
                p
                for p in path.rglob("*")
                if p.is_file() and p.suffix.lower() in ACCEPTED_EXTENSIONS
            )
        elif path.is_file():
            files.append(path)
        else:
            missing.append((text, "not found"))
    return files, missing


@dataclass
class ImportSummary:
    imported: list[str] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)


async def _import_one(
    session: AsyncSession, name: str, draft: Draft, publish_now: bool, summary: ImportSummary
) -> None:
    from bot.uploads import Published, PublishFailed, find_duplicate, publish_draft

    found = await find_duplicate(session, draft)
    if found is None and publish_now:
        outcome = await publish_draft(session, draft, user_id=0)
        if isinstance(outcome, PublishFailed):
            summary.failed.append((name, "the database refused it"))
            return
        if isinstance(outcome, Published):
            facts = sum(outcome.created.values()) + sum(outcome.merged.values())
            summary.imported.append(f"{name} -> article #{outcome.article_id}, {facts} facts")
            return
        found = outcome
    if found is not None:
        summary.duplicates.append(
            f"{name} = article #{found.article.id} «{found.article.title}»"
            f" ({round(found.similarity * 100)}%)"
        )
        return
    summary.imported.append(f"{name}: {draft.extraction.fact_count} facts (dry run)")


async def import_files(settings: Settings, paths: list[str], publish_now: bool) -> ImportSummary:
    import asyncio

    from tqdm import tqdm

    from bot.drafts import draft_from_document
    from bot.runtime import prepare_database

    files, missing = collect(paths)
    summary = ImportSummary(failed=list(missing))
    runtime = await prepare_database(settings)
    extractor = shared_extractor()
    batch_hashes: dict[str, str] = {}
    try:
        for path in tqdm(files, desc="importing", unit="file", file=sys.stderr):
            name = str(path)
            if path.suffix.lower() not in ACCEPTED_EXTENSIONS:
                summary.failed.append((name, "not a .txt, .md or .html file"))
                continue
            try:
                raw = _read(path)
                document = load_document(raw, path.name)
                draft: Draft = await asyncio.to_thread(
                    draft_from_document,
                    document,
                    extractor,
                    filename=path.name,
                    size=len(raw),
                    raw=raw,
                )
            except DocumentError as error:
                summary.failed.append((name, REASONS.get(error.reason, error.reason)))
                continue
            if draft.text_hash in batch_hashes:
                summary.duplicates.append(f"{name} = {batch_hashes[draft.text_hash]}")
                continue
            async with runtime.session_factory() as session:
                await _import_one(session, name, draft, publish_now, summary)
            batch_hashes.setdefault(draft.text_hash, name)
    finally:
        await runtime.close()
    return summary


def print_summary(summary: ImportSummary, publish_now: bool) -> None:
    verb = "Imported" if publish_now else "Would import (add --publish to store)"
    print(f"{verb}: {len(summary.imported)}")
    for line in summary.imported:
        print(f"  {line}")
    print(f"Duplicates: {len(summary.duplicates)}")
    for line in summary.duplicates:
        print(f"  {line}")
    print(f"Failed: {len(summary.failed)}")
    reasons = Counter(reason for _, reason in summary.failed)
    for name, reason in summary.failed:
        print(f"  {name}: {reason}")
    if reasons:
        print("  (" + ", ".join(f"{reason}: {count}" for reason, count in reasons.items()) + ")")


def fingerprint(paths: list[str]) -> int:
    """The duplicate-detection fields of articles.yaml for article files: the hash of the
    main text's words and its bigram sketch (the text itself is never stored)."""
    from store.similarity import encode_sketch, sketch, text_hash

    status = 0
    for text in paths:
        path = Path(text)
        try:
            document = load_document(_read(path), path.name)
        except (OSError, DocumentError) as error:
            print(f"# {path}: {error}", file=sys.stderr)
            status = 1
            continue
        print(f"# {path.name}")
        print(f"  text_hash: {text_hash(document.text)}")
        print(f"  sketch: {encode_sketch(sketch(document.text))}")
    return status
