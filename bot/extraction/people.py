"""People: names the NER finds or the gazetteer knows, in the nominative, with the role
the text gives them and the country they represent."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from dataclasses import replace

from bot.extraction.article import (
    Article,
    PersonMention,
    Sentence,
    evidence,
    nominative,
    sentence_at,
)
from bot.extraction.dates import is_calendar_word
from bot.extraction.facts import PersonFact
from bot.extraction.gazetteer import Gazetteer, KnownPerson
from bot.extraction.models import MODELS
from bot.extraction.wordlists import word_set
from bot.matching.morph import analyzer, lemma

# Capitalised words in a row, with the particles of Arabic and European names and the
# lower-case tail of a Korean one: "Tamim bin Hamad Al Thani", "Moon Jae-in", "Viktor Orbán".
_NAME_WORD = r"[A-Z][a-zà-öø-ÿ'’]+"
_ENGLISH_NAME = re.compile(
    rf"\b{_NAME_WORD}(?:(?:-|\s)(?:(?:bin|bint|ibn|al|de|van|von)\s)?{_NAME_WORD}|-[a-z]+){{1,6}}"
)
_FORMER = word_set("people", "former")
_ROLE_HEADS = word_set("people", "role_heads")


# An English title: its head, then what it is "of" or "for" ("Chairman of the Board of
# QazaqGaz", "Minister for Presidential Affairs", "Secretary of State for Foreign, ...")
_ENGLISH_ROLE_CORE = (
    r"(?:(?:Deputy|Vice|First)\s+)?(?:President|Prime Minister|Foreign Minister|Minister|"
    r"Ambassador|Chairman|Chairwoman|Speaker|Secretary of State|Secretary[- ]General|Chancellor|"
    r"Amir|Emir|King|Crown Prince)"
    r"(?:\s+(?:of|for)\s+(?:the\s+)?[A-Z][\w.-]+(?:(?:,|\s+and)?\s+[A-Z][\w.-]+)*)*"
)
_ENGLISH_ROLE = re.compile(rf"({_ENGLISH_ROLE_CORE})\s*,?\s*(?:Sheikh\s*)?$")
# "Akylbek Japarov, Chairman of the Cabinet of Ministers of the Kyrgyz Republic"
_ENGLISH_ROLE_AFTER = re.compile(rf"[ \t]{{0,3}},\s{{1,3}}(?:the\s{{1,3}})?({_ENGLISH_ROLE_CORE})")


_NOMINATIVE_SURNAME = re.compile(r"(?:ов|ев|ёв|ин|ын|ский|цкий|ова|ева|ёва|ина|ская|цкая)$")


_FEMININE_SURNAME = re.compile(r"(?:ова|ева|ёва|ина|ына)$")
# particles of Arabic and other names: left as written
_NAME_PARTICLES = word_set("people", "name_particles")
# an instrumental ending on a foreign name: at least four letters, then a consonant, then -ом/-ем
_FOREIGN_INSTRUMENTAL = re.compile(r"^[а-яё-]{3,}[бвгджзклмнпрстфхцчшщ](?:ом|ем)$")


_PATRONYMIC = re.compile(r"(?:ович|евич|ьич|овна|евна|ична|инична)а?$|(?:ович|евич)(?:ем|у|е)$")


_TIME_BEFORE = re.compile(r"\d{1,2}:\d{2}[\s\d|•·]*$")


class PeopleFinder:
    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer

    def find(self, article: Article) -> None:
        """Fills the article's people and the mentions of them, sentence by sentence."""
        text = article.document.text
        by_key: dict[str, int] = {}
        author = (article.document.author or "").casefold()
        for start, end in _name_spans(article):
            start, words = self._strip_role_words(text, start, end)
            if not words:
                continue
            if _TIME_BEFORE.search(text[max(0, start - 16) : start]):
                continue  # "4:20 9 Ануар Калмыков": a byline under the headline
            if author and " ".join(words).casefold().startswith(author.split(" ")[0]):
                continue
            sentence = sentence_at(article, start)
            identity = self._identify(article, words, _after_oblique_title(sentence, start))
            if identity is None:
                told = _named_before(article, words)
                if told is not None:  # "Both Scholz and ...": the Olaf Scholz named before
                    article.mentions.append(PersonMention(told, start, end))
                continue
            person_key, name, known = identity
            role, role_country = self._role_before(article, sentence, start)
            if role is None and article.language == "en":
                role, role_country = self._role_after(text, end)
            if person_key not in by_key:
                fact = _first_mention(article, name, known, role, role_country, sentence)
                if fact is None:
                    continue  # an unknown name with no role is too often a byline or a quote
                by_key[person_key] = len(article.people)
                article.people.append(fact)
            elif role is not None:
                _better_role(article, by_key[person_key], role, role_country, sentence)
            article.mentions.append(PersonMention(by_key[person_key], start, end))
        if article.language == "en":
            _surnames_alone(article)

    def _identify(
        self, article: Article, words: list[str], oblique: bool = False
    ) -> tuple[str, str, KnownPerson | None] | None:
        """(key, name as shown, the known person) for a name; None for one that cannot be
        told apart: a lone surname, or a first name with a patronymic."""
        name_text = " ".join(words)
        known = self.gazetteer.people.resolve(name_text).matches
        if len(known) == 1:
            person = self.gazetteer.known_people[known[0]]
            shown = person.name_ru
            if article.language != "ru":
                # as the page spells it (Berdimuhamedow, not our Berdimuhamedov), when whole
                shown = name_text if len(words) >= 2 else (person.name_en or person.name_ru)
            return person.key, shown, person
        if len(words) < 2 or _PATRONYMIC.search(words[-1].lower()):
            return None
        name = self._full_name_nominative(words, oblique) if article.language == "ru" else name_text
        return name.casefold(), name, None

    def _strip_role_words(self, text: str, start: int, end: int) -> tuple[int, list[str]]:
        """The name without the title a span took in with it: "Президента Касым-Жомарта
        Токаева", "Hungarian Prime Minister Viktor Orbán": everything up to the last title
        or country word goes."""
        words = text[start:end].split()
        # words of a country's name of several words ("Saudi Arabia", "South Korea")
        in_a_name = _words_within(
            text[start:end],
            [(m.start, m.end) for m in self.gazetteer.scan_countries(text[start:end])],
        )
        cut = 0
        for index, word in enumerate(words):
            leading_lower = index == cut and not word[:1].isupper()  # not "bin" mid-name
            if leading_lower or self._is_title_word(word) or index in in_a_name:
                cut = index + 1
        for word in words[:cut]:
            start = text.index(word, start) + len(word)
        while start < end and text[start] == " ":
            start += 1
        kept = [w.strip('.,;:()«»"') for w in words[cut:] if w.strip('.,;:()«»"')]
        if kept:
            kept[-1] = _without_possessive(kept[-1])  # "Scholz's visit": Scholz
        return start, kept

    def _is_title_word(self, word: str) -> bool:
        lowered = word.lower().rstrip(".,")
        return (
            lowered in _ROLE_HEADS
            or lowered in _FORMER
            or lemma(lowered) in _ROLE_HEADS
            or self.gazetteer.is_country_word(_without_possessive(word.strip(".,;:")))
        )

    def _full_name_nominative(self, words: list[str], oblique: bool = False) -> str:
        """ "Армана Шаккалиева" -> "Арман Шаккалиев", "Айгерим Шаккалиева" stays: the first
        name tells whether a surname in -ова/-ева is a woman's nominative or a man's case.
        After a title in the genitive or accusative ("Президента Ильхама Алиева"), a first
        name that may be a man's in that case is one (Ильхама is also a woman's name)."""
        first = words[0].split("-")[0].lower()
        genders = {
            "masc" if "masc" in p.tag else "femn"
            for p in analyzer().parse(first)
            if "Name" in p.tag and ("masc" in p.tag or "femn" in p.tag)
        }
        masculine = genders == {"masc"}
        out = []
        man_in_case = _man_in_oblique_case(first) if oblique else None
        if man_in_case is not None and len(words) > 1 and "-" not in words[0]:
            # "Президента Ильхама Алиева": Ильхам, not the woman's name Ильхама
            masculine = True
            out.append(man_in_case[0].upper() + man_in_case[1:])
            words = ["", *words[1:]]
        for position, word in enumerate(words):
            if not word:
                continue  # the first name, already put in the nominative
            if position > 0 and masculine and _FEMININE_SURNAME.search(word.lower()):
                out.append(word[:-1])  # Шаккалиева (genitive of a man's name) -> Шаккалиев
                continue
            if position > 0 and masculine and word.lower().endswith("и"):
                out.append(word)  # a man's surname in -и does not decline: Нуриддин Азизи
                continue
            out.append("-".join(self._name_part_nominative(part) for part in word.split("-")))
        return " ".join(out)

    @staticmethod
    def _name_part_nominative(part: str) -> str:
        if part.lower() in _NAME_PARTICLES:
            return part  # "Аль Сауд", "бин Салман": never a word to decline
        parsed = [
            p
            for p in analyzer().parse(part.lower())
            if {"Name"} <= p.tag.grammemes or {"Surn"} <= p.tag.grammemes
        ]
        if not parsed and _FOREIGN_INSTRUMENTAL.search(part.lower()):
            return part[:-2]  # "с Си Цзиньпином": a name the dictionary does not know
        if (
            not parsed
            or any("nomn" in p.tag and "sing" in p.tag for p in parsed)
            or _NOMINATIVE_SURNAME.search(part.lower())
        ):
            return part  # "Саидов" is already the nominative; do not guess
        chosen = next((p for p in parsed if "sing" in p.tag), parsed[0])
        inflected = chosen.inflect({"nomn"})
        if inflected is None:
            return part
        return str(inflected.word[0].upper() + inflected.word[1:])

    def _english_role(self, text: str, offset: int, role: re.Match[str]) -> str:
        """The title, with the country word written before it: "German Chancellor", "US
        Ambassador" (the country the person represents)."""
        role_text = role.group(1)
        before = _country_word_before(text, max(0, offset) + role.start(1))
        if before and self.gazetteer.is_country_word(_without_possessive(before)):
            return f"{before} {role_text}"
        return role_text

    def _role_after(self, text: str, name_end: int) -> tuple[str | None, str | None]:
        """An English title written after the name, between commas."""
        after = _ENGLISH_ROLE_AFTER.match(text, name_end)
        if after is None:
            return None, None
        role_text = after.group(1)
        countries = self.gazetteer.scan_countries(role_text)
        return role_text, countries[-1].iso2 if countries else None

    def _role_before(
        self, article: Article, sentence: Sentence, name_start: int
    ) -> tuple[str | None, str | None]:
        """The title written just before a name: "министром иностранных дел Таджикистана"."""
        before = [t for t in sentence.tokens if t.end <= name_start][-9:]
        head_at = None
        other_names = [(m.start, m.end) for m in article.mentions]
        for position in range(len(before) - 1, -1, -1):
            token = before[position]
            if token.text in {",", ".", ";", ":", "(", ")", "—", "–", "-", "«", "»"}:
                break
            if any(start <= token.start < end for start, end in other_names):
                break  # "Президент Туркменистана Сердар Бердымухамедов и Президент ..."
            if token.tag is not None and "VERB" in token.tag:
                break  # "Президенты разных стран позвонили Токаеву": not his title
            if token.lemma in _ROLE_HEADS or token.text.lower() in _ROLE_HEADS:
                head_at = position
        if head_at is None:
            return None, None
        tokens = before[head_at:]
        start, stop = tokens[0].start, tokens[-1].end
        role_text = article.document.text[start:stop]
        if article.language == "en":
            english = _ENGLISH_ROLE.search(
                article.document.text[max(0, name_start - 90) : name_start]
            )
            if english is None:
                return None, None
            role_text = self._english_role(article.document.text, name_start - 90, english)
        else:
            # only the head changes case: "министром иностранных дел" -> "министр иностранных дел"
            first = tokens[0].text
            role_text = nominative(first, plural=False) + role_text[len(first) :]
        countries = self.gazetteer.scan_countries(role_text)
        role_text = role_text[0].upper() + role_text[1:]
        return role_text, countries[-1].iso2 if countries else None


def _man_in_oblique_case(first_name: str) -> str | None:
    """A man's first name in the genitive or accusative, as the dictionary has it; its
    nominative."""
    for parsed in analyzer().parse(first_name):
        grammemes = parsed.tag.grammemes
        if {"Name", "masc"} <= grammemes and grammemes & {"gent", "accs"}:
            return str(parsed.normal_form)
    return None


def _after_oblique_title(sentence: Sentence | None, name_start: int) -> bool:
    """Whether the title just before a name is in an oblique case ("Президента
    Азербайджана Ильхама Алиева"): the name is in that case as well."""
    if sentence is None:
        return False
    before = [t for t in sentence.tokens if t.end <= name_start][-6:]
    for token in reversed(before):
        if token.lemma in _ROLE_HEADS and token.tag is not None:
            return "nomn" not in token.tag and bool({"gent", "accs"} & set(token.tag.grammemes))
    return False


def _words_within(text: str, spans: list[tuple[int, int]]) -> set[int]:
    """The indices of the whitespace-separated words of `text` inside any of `spans`."""
    inside = set()
    for index, word in enumerate(re.finditer(r"\S+", text)):
        if any(start <= word.start() < end for start, end in spans):
            inside.add(index)
    return inside


def _country_word_before(text: str, at: int) -> str | None:
    """The word right before position `at`, when capitalised ("German", "US", "Qatar’s")."""
    # "U.S." ends in a full stop; "Ukraine." ends the sentence before
    word = re.search(r"([A-Z](?:\w*|(?:\.[A-Z])+\.)(?:[’']s)?)\s+$", text[max(0, at - 40) : at])
    return word.group(1) if word else None


def _name_spans(article: Article) -> list[tuple[int, int]]:
    """Where names are: natasha's NER in Russian; capitalised word pairs and triples in
    English, for the gazetteer and the role rules to sort out."""
    if article.language == "ru":
        _, ner = MODELS.get()
        article.doc.tag_ner(ner)
        return [(s.start, s.stop) for s in article.doc.spans if s.type == "PER"]
    return [(m.start(), m.end()) for m in _ENGLISH_NAME.finditer(article.document.text)]


def _named_before(article: Article, words: list[str]) -> int | None:
    """The one person already named whose surname a lone word is ("Scholz" after "Olaf
    Scholz", "Лукашенко", "Токаева" after "Касым-Жомарт Токаев"); None when none or several."""
    if len(words) != 1:
        return None
    word = words[0].casefold()
    found = [
        index
        for index, person in enumerate(article.people)
        if " " in person.name and _same_surname(word, person.name.split()[-1].casefold())
    ]
    return found[0] if len(found) == 1 else None


def _surnames_alone(article: Article) -> None:
    """English names are found two words at a time: "Both Scholz and ..." is a mention of
    the Olaf Scholz named before, too."""
    text = article.document.text
    taken = sorted((m.start, m.end) for m in article.mentions)
    taken_starts = [lo for lo, _ in taken]
    surnames = Counter(person.name.split()[-1] for person in article.people)
    for index, person in enumerate(article.people):
        surname_text = person.name.split()[-1]
        if " " not in person.name or surnames[surname_text] > 1:
            continue  # "Aliyev" alone may be the father or the son
        if is_calendar_word(surname_text):
            continue  # Theresa May: "on May 5" is a date
        first_seen = min((m.start for m in article.mentions if m.person == index), default=0)
        surname = re.escape(surname_text)
        for match in re.finditer(rf"\b{surname}\b", text[first_seen:]):
            start, end = first_seen + match.start(), first_seen + match.end()
            # inside a mention already found ("Olaf Scholz")? the last one starting before
            before = bisect_right(taken_starts, start) - 1
            if before < 0 or start >= taken[before][1]:
                article.mentions.append(PersonMention(index, start, end))
    article.mentions.sort(key=lambda mention: mention.start)


def _same_surname(word: str, surname: str) -> bool:
    # a Russian surname in another case adds an ending of up to two letters
    return word == surname or (word.startswith(surname) and len(word) - len(surname) <= 2)


def _first_mention(
    article: Article,
    name: str,
    known: KnownPerson | None,
    role: str | None,
    role_country: str | None,
    sentence: Sentence,
) -> PersonFact | None:
    country = role_country or (known.country if known else None)
    if role is None and known is not None and known.role_ru and article.language == "ru":
        role, country = known.role_ru, known.country
        confidence = 0.7
    else:
        confidence = 0.9 if role else 0.6
    if role is None and known is None:
        return None
    return PersonFact(
        name=name,
        role=role,
        country=country,
        known_key=known.key if known else None,
        confidence=confidence,
        evidence=evidence(sentence),
    )


def _better_role(
    article: Article, position: int, role: str, role_country: str | None, sentence: Sentence
) -> None:
    """A later mention that gives a role the first one lacked."""
    current = article.people[position]
    if current.confidence < 0.9:
        article.people[position] = replace(
            current,
            role=role,
            country=role_country or current.country,
            confidence=0.9,
            evidence=evidence(sentence),
        )


def _without_possessive(word: str) -> str:
    """ "Kazakhstan’s President ...": the country, for the role rules."""
    for ending in ("’s", "'s"):
        if word.endswith(ending):
            return word[: -len(ending)]
    return word
