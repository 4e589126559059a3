"""Which files the seeds are, their fingerprint, and the error a broken one raises: no
parsing here, so checking whether the seeds changed costs a few file reads."""

from __future__ import annotations

import hashlib
from pathlib import Path


class SeedError(Exception):
    """A seed file is broken; the message names the file and the entry."""


def seed_paths(seeds_dir: Path) -> list[Path]:
    return [
        seeds_dir / "reference" / "countries.yaml",
        seeds_dir / "articles.yaml",
        seeds_dir / "people.yaml",
        *sorted((seeds_dir / "facts").glob("*.yaml")),
    ]


def seed_fingerprint(seeds_dir: Path) -> str:
    """Hash of the seed files: cheap, so start-up parses them only when they changed."""
    digest = hashlib.sha256()
    for path in seed_paths(seeds_dir):
        if path.exists():
            digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()
