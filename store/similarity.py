"""Duplicate detection without keeping other people's texts: a normalised hash for exact
copies and a bottom-k sketch of word bigrams for near-copies.

The sketch keeps the k smallest 64-bit hashes of an article's word bigrams; two sketches
estimate the Jaccard similarity of the bigram sets (Broder, 1997). Bigrams rather than
longer shingles, so a near-copy with a few words edited still scores above 0.9."""

from __future__ import annotations

import base64
import hashlib
import itertools
import re
import unicodedata

SKETCH_SIZE = 128
NEAR_COPY_THRESHOLD = 0.9
_WORDS = re.compile(r"\w+", re.UNICODE)


def _words(text: str) -> list[str]:
    folded = unicodedata.normalize("NFKC", text).casefold().replace("ё", "е")
    return _WORDS.findall(folded)


def text_hash(text: str) -> str:
    """sha256 of the words alone: case, punctuation and spacing do not make a new text."""
    return hashlib.sha256(" ".join(_words(text)).encode("utf-8")).hexdigest()


def _hash64(value: str) -> int:
    return int.from_bytes(hashlib.blake2b(value.encode("utf-8"), digest_size=8).digest(), "big")


def sketch(text: str) -> list[int]:
    words = _words(text)
    shingles = {f"{a} {b}" for a, b in itertools.pairwise(words)} or set(words)
    return sorted({_hash64(shingle) for shingle in shingles})[:SKETCH_SIZE]


def similarity(first: list[int], second: list[int]) -> float:
    """Estimated Jaccard similarity of the two texts' bigram sets, 0..1."""
    if not first or not second:
        return 0.0
    k = min(SKETCH_SIZE, len(set(first) | set(second)))
    union_bottom = sorted(set(first) | set(second))[:k]
    both = set(first) & set(second)
    return sum(1 for value in union_bottom if value in both) / k


def encode_sketch(values: list[int]) -> str:
    """A sketch as compact text, for the seed files."""
    return base64.b64encode(b"".join(v.to_bytes(8, "big") for v in values)).decode("ascii")


def decode_sketch(text: str) -> list[int]:
    raw = base64.b64decode(text)
    return [int.from_bytes(raw[i : i + 8], "big") for i in range(0, len(raw), 8)]
