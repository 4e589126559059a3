"""Russian names the sources use for places and groups of countries, and their usual
English names (names_en.yaml): one list for showing them in the reader's language and for
finding the city an event took place in."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

NAMES_FILE = Path(__file__).with_name("names_en.yaml")


@lru_cache(maxsize=1)
def _names_file() -> dict[str, dict[str, str]]:
    import yaml  # here: most replies name no place, and start-up loads no YAML

    loaded: dict[str, dict[str, str]] = yaml.safe_load(NAMES_FILE.read_text("utf-8"))
    return loaded


def cities() -> dict[str, str]:
    """Cities (not residences or venues): Russian name -> English name."""
    return dict(_names_file()["places"])


def places_and_venues() -> dict[str, str]:
    file = _names_file()
    return {**file["places"], **file["venues"]}


def groups() -> dict[str, str]:
    return dict(_names_file()["groups"])
