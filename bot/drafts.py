"""A draft: an uploaded article read and its facts extracted, nothing stored yet. Made
from bytes in a worker process (see `bot.draft_worker`); kept in FSM state between the
preview and Publish, so it survives a JSON round trip (Redis): `draft_to_state` /
`draft_from_state`. Imports no database and no Telegram code: the worker loads only this."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from pydantic import TypeAdapter

from bot.extraction.documents import Document, load_document
from bot.extraction.extractor import Extractor
from bot.extraction.facts import Extraction
from bot.extraction.shared import shared_extractor
from store.similarity import sketch, text_hash
from store.textnorm import content_hash


@dataclass(frozen=True)
class Edit:
    """One correction made in review, for the audit log."""

    number: int  # the fact's number in the preview
    field: str
    before: str
    after: str


@dataclass(frozen=True)
class Draft:
    token: str  # ties the Publish button to this draft and no other
    filename: str | None
    size: int
    content_hash: str
    text_hash: str
    sketch: list[int]
    text: str
    url: str | None
    extraction: Extraction
    encoding: str = "utf-8"
    source_format: str = "text"
    # the admin's review (bot.review): numbers of dropped facts, corrections made
    dropped: tuple[int, ...] = ()
    edits: tuple[Edit, ...] = ()
    # facts to add to an article published already (a watched source's confident facts
    # went out without review; these are the rest)
    article_id: int | None = None


@lru_cache(maxsize=1)
def _draft_adapter() -> TypeAdapter[Draft]:
    # built on first use, not at import: start-up stays fast
    return TypeAdapter(Draft)


def draft_to_state(draft: Draft) -> dict[str, Any]:
    return dict(_draft_adapter().dump_python(draft, mode="json"))


def draft_from_state(data: Any) -> Draft | None:
    if not isinstance(data, dict):
        return None
    try:
        return _draft_adapter().validate_python(data)
    except ValueError:
        return None


def prepare_draft(data: bytes, filename: str | None, extractor: Extractor | None = None) -> Draft:
    """CPU work (decoding, NER, rules; building the gazetteers the first time): call it in a
    worker thread. Raises DocumentError."""
    document = load_document(data, filename)
    return draft_from_document(
        document, extractor or shared_extractor(), filename=filename, size=len(data), raw=data
    )


def draft_from_document(
    document: Document, extractor: Extractor, *, filename: str | None, size: int, raw: bytes
) -> Draft:
    extraction = extractor.extract(document)
    decoded = raw.decode(document.encoding.replace("-", "_"), errors="replace")
    return Draft(
        token=secrets.token_hex(4),
        filename=filename,
        size=size,
        content_hash=content_hash(decoded),
        text_hash=text_hash(document.text),
        sketch=sketch(document.text),
        text=document.text,
        url=document.url,
        extraction=extraction,
        encoding=document.encoding,
        source_format=document.source_format,
    )
