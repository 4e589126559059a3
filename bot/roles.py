"""One office, however an article words it: "Президент Республики Узбекистан", "президента
Узбекистана" and "President" are the same role of an Uzbek official, so a person uploaded
three times keeps one role. The common offices of foreign relations are recognised in
Russian (by lemmas, so any case) and English and get both languages' wording; any other
role is compared by its lemmas. Pure: no database, no Telegram."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from bot.matching.morph import lemma
from store.textnorm import normalize


@dataclass(frozen=True, slots=True)
class Office:
    id: str
    ru: str
    en: str
    # word sequences (Russian lemmas or lower-case English words) that name the office;
    # each sequence of a tuple-of-sequences must occur for that alternative to match
    patterns: tuple[tuple[tuple[str, ...], ...], ...]


def _alt(*sequences: str) -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(sequence.split()) for sequence in sequences)


# The most specific first: "заместитель премьер-министра — министр иностранных дел" is
# that double office, not either half of it.
OFFICES: tuple[Office, ...] = (
    Office(
        "deputy_prime_minister_foreign_minister",
        "Заместитель премьер-министра — министр иностранных дел",
        "Deputy Prime Minister and Minister of Foreign Affairs",
        (
            _alt("заместитель премьер-министр", "министр иностранный дело"),
            _alt("вице-премьер", "министр иностранный дело"),
            _alt("deputy prime minister", "foreign minister"),
            _alt("deputy prime minister", "minister of foreign affairs"),
        ),
    ),
    Office(
        "first_deputy_prime_minister",
        "Первый заместитель премьер-министра",
        "First Deputy Prime Minister",
        (_alt("первый заместитель премьер-министр"), _alt("first deputy prime minister")),
    ),
    Office(
        "deputy_prime_minister",
        "Заместитель премьер-министра",
        "Deputy Prime Minister",
        (
            _alt("заместитель премьер-министр"),
            _alt("вице-премьер"),
            _alt("deputy prime minister"),
            _alt("vice prime minister"),
            _alt("vice premier"),
        ),
    ),
    Office(
        "deputy_foreign_minister",
        "Заместитель министра иностранных дел",
        "Deputy Minister of Foreign Affairs",
        (
            _alt("заместитель министр иностранный дело"),
            _alt("замминистра иностранный дело"),
            _alt("deputy foreign minister"),
            _alt("deputy minister of foreign affairs"),
        ),
    ),
    Office(
        "foreign_minister",
        "Министр иностранных дел",
        "Minister of Foreign Affairs",
        (
            _alt("министр иностранный дело"),
            _alt("глава мид"),
            _alt("foreign minister"),
            _alt("minister of foreign affairs"),
            _alt("foreign affairs minister"),
        ),
    ),
    Office(
        "prime_minister",
        "Премьер-министр",
        "Prime Minister",
        (
            _alt("премьер-министр"),
            _alt("председатель правительство"),
            _alt("prime minister"),
            _alt("premier"),
        ),
    ),
    Office(
        "vice_president",
        "Вице-президент",
        "Vice President",
        (_alt("вице-президент"), _alt("vice president"), _alt("vice-president")),
    ),
    Office("president", "Президент", "President", (_alt("президент"), _alt("president"))),
    Office("ambassador", "Посол", "Ambassador", (_alt("посол"), _alt("ambassador"))),
)

_CYRILLIC = re.compile(r"[а-яёәғқңөұүһі]", re.IGNORECASE)
_LATIN = re.compile(r"[a-z]", re.IGNORECASE)


def is_cyrillic(text: str) -> bool:
    return bool(_CYRILLIC.search(text))


def is_latin_only(text: str) -> bool:
    return bool(_LATIN.search(text)) and not is_cyrillic(text)


# Words of a state's formal name: "Президент Республики Узбекистан" is the president.
_STATE_FORMS = frozenset({"республика", "федерация", "королевство", "республиканский"})
_FILLERS = frozenset({"of", "the", "и", "в", "and"})


def _lemma(word: str) -> str:
    # pymorphy3 reads no hyphenated words: "премьер-министра" is lemmatised by its parts
    return "-".join(lemma(part) for part in word.split("-"))


def _words(title: str) -> list[str]:
    return [_lemma(word) for word in normalize(title).split()]


def _contains(words: list[str], sequence: tuple[str, ...]) -> bool:
    size = len(sequence)
    return any(tuple(words[i : i + size]) == sequence for i in range(len(words) - size + 1))


def office_of(title: str) -> Office | None:
    words = _words(title)
    for office in OFFICES:
        for alternative in office.patterns:
            if all(_contains(words, sequence) for sequence in alternative):
                return office
    return None


def role_key(title: str, is_country_word: Callable[[str], bool] | None = None) -> str:
    """Equal for two wordings of one office. The country is compared apart, so the words
    naming it (`is_country_word`, on the words as written) and a state's formal words are
    left out: "министр торговли Казахстана" is "Министр торговли"."""
    office = office_of(title)
    if office is not None:
        return f"office:{office.id}"
    kept = [
        word
        for word in title.split()
        if not (is_country_word and is_country_word(word.strip(_PUNCTUATION)))
    ]
    words = _words(" ".join(kept))
    return " ".join(w for w in words if w not in _STATE_FORMS and w not in _FILLERS)


_PUNCTUATION = ".,;:!?«»\"'()"


def stored_titles(title: str) -> tuple[str, str | None]:
    """(title_ru, title_en) for a role as an article words it: a recognised office gets
    its wording in the other language; an unrecognised English one keeps its text in both
    (the Russian interface then shows no role rather than English)."""
    office = office_of(title)
    if is_latin_only(title):
        return (office.ru if office else title), title
    return title, (office.en if office else None)
