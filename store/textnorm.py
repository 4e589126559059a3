"""Text normalisation shared by matching, title indexing and content hashing."""

from __future__ import annotations

import hashlib
import re
import unicodedata

# Latin letters that look like Cyrillic ones; users paste mixed-script names ("Tаджикистан").
# Applied after casefold, so the lower-case forms of upper-case look-alikes (T, K, M, H, B) count.
_LATIN_TO_CYRILLIC = str.maketrans("acekmhoptxyb", "асекмнортхув")
_PUNCT = re.compile(r"[^\w\s-]+", re.UNICODE)
_SPACES = re.compile(r"\s+")
_DASHES = re.compile(r"[\u2010-\u2015\u2212_]+")
_CYRILLIC = re.compile(r"[а-яё]")
_LATIN = re.compile(r"[a-z]")


def normalize(text: str) -> str:
    """Lower case, `ё` -> `е`, quotes and punctuation dropped, hyphens kept, spaces folded."""
    text = unicodedata.normalize("NFKC", text).casefold().replace("ё", "е")
    text = _DASHES.sub("-", text)
    text = _PUNCT.sub(" ", text)
    text = _SPACES.sub(" ", text).strip()
    words = (_fold_mixed_script(word.strip("-")) for word in text.split(" "))
    return " ".join(word for word in words if word)


def _fold_mixed_script(word: str) -> str:
    """A word mostly in Cyrillic with a few Latin look-alikes is meant to be Cyrillic."""
    if _CYRILLIC.search(word) and _LATIN.search(word):
        return word.translate(_LATIN_TO_CYRILLIC)
    return word


def tokens(text: str) -> list[str]:
    """Words of a normalised text, hyphenated compounds split into their parts."""
    return [part for part in re.split(r"[\s-]+", normalize(text)) if part]


def content_hash(text: str) -> str:
    """sha256 of the text with Unicode and white space normalised (case kept)."""
    folded = _SPACES.sub(" ", unicodedata.normalize("NFKC", text)).strip()
    return hashlib.sha256(folded.encode("utf-8")).hexdigest()


# A practical romanisation of Russian and Kazakh letters (BGN/PCGN-like), as names of the
# region are spelled in English news: shown to English readers (bot.render.english).
CYRILLIC_TO_LATIN = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "yo", "ж": "zh",
    "з": "z", "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
    "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts",
    "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu",
    "я": "ya", "ә": "a", "ғ": "g", "қ": "k", "ң": "ng", "ө": "o", "ұ": "u", "ү": "u",
    "һ": "h", "і": "i",
}  # fmt: skip
# For name keys the rarer spellings fold further; the key below then folds the
# spellings' remaining variants together.
_CYRILLIC_TO_LATIN = CYRILLIC_TO_LATIN | {"щ": "sh", "ң": "n"}
# Ordered: longer spellings first. Tokayev / Tokaev, Mirziyoyev / Mirziyoev, Kassym /
# Kasym, Rakhmon / Rahmon, Sirodzhiddin / Sirojiddin all end up alike.
_SPELLING_FOLDS = (
    ("dzh", "j"), ("zh", "j"), ("kh", "h"), ("yo", "o"), ("yu", "u"), ("ya", "a"),
    ("ye", "e"), ("ts", "c"), ("y", ""), ("'", ""),
)  # fmt: skip
_DOUBLED = re.compile(r"(.)\1+")


def name_key(name: str) -> str:
    """The same for one person's name in Cyrillic and in its usual Latin spellings; words
    kept in order. Used to recognise a person already on file, never shown."""
    text = unicodedata.normalize("NFKC", name).casefold()
    latin = "".join(_CYRILLIC_TO_LATIN.get(char, char) for char in text)
    latin = re.sub(r"[^a-z' ]+", " ", latin.replace("-", " "))
    for spelling, fold in _SPELLING_FOLDS:
        latin = latin.replace(spelling, fold)
    return _SPACES.sub(" ", _DOUBLED.sub(r"\1", latin)).strip()
