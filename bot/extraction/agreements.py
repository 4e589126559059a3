"""Agreements: documents signed, planned or in force, with their type, title, date,
period and parties. Here the document's name is found and its title read; what the
sentence says of it is in agreement_status.py, English lists in agreement_lists.py."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

from bot.extraction.agreement_lists import listed_documents
from bot.extraction.agreement_status import (
    date_from_later_sentence,
    document_fact,
    merge_agreements,
)
from bot.extraction.article import Article, Sentence, Token, nominative
from bot.extraction.dates import is_calendar_word
from bot.extraction.document_words import (
    AGREEMENT_HEADS,
    AGREEMENT_MODIFIERS,
    AMENDMENT_WORDS,
    CLAUSE_WORDS,
    COMPLEMENT_STARTS,
    ENGLISH_SUBJECT_STOP,
    ENGLISH_TITLE_ENDS,
    NUMBER_WORDS,
    VAGUE_GROUPS,
)
from bot.extraction.facts import AgreementFact, EventFact

_TITLE_REACH = 24  # tokens after the head a title may run to
_TITLE_BREAKS = frozenset({",", ".", ";", ":", "(", ")", "—", "–", "!", "?"})
_VERB_FORMS = frozenset({"VERB", "PRTF", "PRTS", "GRND", "INFN"})
_DANGLING = frozenset({"и", "а", "в", "and"})
# a joint statement, declaration or communiqué is named by that alone
_NAMED_BY_JOINT = frozenset({"заявление", "декларация", "коммюнике"})


def find_agreements(article: Article, events: list[EventFact]) -> list[AgreementFact]:
    occasion = _occasion(events)
    found: list[AgreementFact] = []
    for sentence in article.sentences:
        tokens = sentence.tokens
        title_end = -1
        before = len(found)
        told_before = _told_before(found, sentence)
        for position in range(len(tokens)):
            if position <= title_end:
                continue  # "Memorandum on ... a water programme": inside another title
            head_type, head_at = _head(article, tokens, position)
            if head_type is None:
                continue
            if position > 0 and tokens[position - 1].lemma in ("дорожный",):
                continue  # counted at "дорожная"
            listed = listed_documents(article, sentence, position, head_type, occasion, told_before)
            read = (
                listed
                if listed is not None  # "agreements on A, B and C": one per subject
                else _agreement_at(
                    article, sentence, (position, head_at), head_type, occasion, told_before
                )
            )
            if read is None:
                continue
            facts, title_end = read
            for fact, (first, last) in facts:
                found.append(fact)
                amended = amended_inside(article, sentence, fact, (first, last))
                if amended is not None:
                    found.append(amended)
        if len(found) == before and (dated := date_from_later_sentence(article, sentence, found)):
            found[-1] = dated
    return merge_agreements(found)


def _told_before(found: list[AgreementFact], sentence: Sentence) -> AgreementFact | None:
    """The document named last, if within the two sentences before this one."""
    if found and sentence.index - found[-1].evidence.sentence_index <= 2:
        return found[-1]
    return None


def _head(article: Article, tokens: list[Token], position: int) -> tuple[str | None, int]:
    """The document type a token heads, if any, and where its head noun is."""
    token = tokens[position]
    head_type = AGREEMENT_HEADS.get(token.lemma)
    head_at = position
    if (
        token.lemma in ("дорожный", "road")
        and position + 1 < len(tokens)
        and tokens[position + 1].lemma in ("карта", "map")
    ):
        head_type, head_at = "дорожная карта", position + 1
    if (
        token.lemma == "план"
        and position + 1 < len(tokens)
        and tokens[position + 1].lemma in ("действие", "мероприятие")
    ):
        head_type = "план"
    if token.text.lower() == "plan" and article.language == "en":
        head_type = "план"  # "a plan for trade ... cooperation": its complement decides
    if token.lemma == "statement" and position > 0 and tokens[position - 1].lemma == "joint":
        head_type = "заявление"
    if (
        token.lemma == "документ"
        and position + 1 < len(tokens)
        and tokens[position + 1].text.lower() in ("о", "об", "по")
    ):
        head_type = "документ"
    return head_type, head_at


def _occasion(events: list[EventFact]) -> EventFact | None:
    """The one occasion the article reports to the day (a visit, talks): documents it
    says were signed, without a date of their own, were signed there."""
    dated = {(e.date, e.date_end) for e in events if e.date is not None and e.precision == "day"}
    if len(dated) != 1:
        return None
    return next(e for e in events if e.date is not None and e.precision == "day")


def _agreement_at(
    article: Article,
    sentence: Sentence,
    where: tuple[int, int],
    head_type: str,
    occasion: EventFact | None,
    told_before: AgreementFact | None,
) -> tuple[list[tuple[AgreementFact, tuple[int, int]]], int] | None:
    """The document whose name starts at the first token of `where` and whose head is at
    the second; with its head and the last token of its title, then the last token read."""
    first_at, head_at = where
    tokens = sentence.tokens
    start_at = first_at
    while start_at > 0 and tokens[start_at - 1].lemma in AGREEMENT_MODIFIERS:
        start_at -= 1
    quantity = _count_before(tokens, start_at)
    if quantity == 1 and any(
        t.lemma in VAGUE_GROUPS for t in tokens[max(0, start_at - 3) : start_at]
    ):
        return None  # "several agreements and memoranda": no document anyone can cite
    named_before = _subject_start(article, tokens, start_at)
    signed_with = _signed_with(article, tokens, head_at)
    joint = start_at < head_at and head_type in _NAMED_BY_JOINT  # "a joint statement"
    if not (
        _has_complement(tokens, head_at)
        or named_before < start_at
        or quantity > 1
        or signed_with is not None
        or joint
    ):
        return None  # a bare "соглашение": which one is not said
    start_at = named_before
    end_at = _title_end(article, tokens, head_at)
    if end_at == head_at and start_at == head_at and quantity == 1 and signed_with is None:
        return None
    if joint and start_at == head_at:
        start_at = head_at - 1
    opens = start_at > 0 and tokens[start_at - 1].text in ("«", '"', "“")
    if opens and any(t.text in ("»", '"', "”") for t in tokens[start_at : end_at + 1]):
        start_at -= 1  # «Дорожная карта» развития ...: the quote the name opens with
    title = _title(article, tokens[start_at : end_at + 1], head_at - start_at, quantity)
    said_of_it = end_at  # the title's own words say nothing of the document's status
    if signed_with is not None:  # "an agreement signed with UBM to build three plants"
        end_at = signed_with
        title += " " + article.document.text[tokens[head_at + 2].start : tokens[end_at].end]
    fact = document_fact(
        article,
        sentence,
        (start_at, head_at, said_of_it),
        title,
        head_type,
        occasion,
        quantity,
        told_before=told_before,
    )
    return ([(fact, (head_at, said_of_it))], end_at) if fact is not None else None


def _signed_with(article: Article, tokens: list[Token], head_at: int) -> int | None:
    """ "a $62 million agreement signed with UBM to build three plants": the partner and
    purpose name the document; the last token of them."""
    if (
        article.language != "en"
        or head_at + 3 >= len(tokens)
        or tokens[head_at + 1].lemma != "sign"
        or tokens[head_at + 2].text.lower() != "with"
    ):
        return None
    end_at = _title_end(article, tokens, head_at + 1)
    return end_at if end_at > head_at + 2 else None


def amended_inside(
    article: Article, sentence: Sentence, fact: AgreementFact, span: tuple[int, int]
) -> AgreementFact | None:
    """ "a protocol on amendments to the 1997 agreement on ...": the document amended, named
    inside the other's title (the tokens of `span`), is one too, in force before; dated by
    the year before its head if the text gives one, never by the day the amendments were
    signed."""
    tokens = sentence.tokens
    first_at, end_at = span
    for position in range(first_at, end_at + 1):
        if tokens[position].lemma not in AMENDMENT_WORDS:
            continue
        for inner in range(position + 1, min(position + 5, end_at + 1)):
            inner_type = AGREEMENT_HEADS.get(tokens[inner].lemma)
            if inner_type is None or not _has_complement(tokens, inner):
                continue
            inner_end = _title_end(article, tokens, inner)
            title = _title(article, tokens[inner : inner_end + 1], 0, 1)
            year = tokens[inner - 1].text if tokens[inner - 1].text.isdigit() else None
            signed_on = dt.date(int(year), 1, 1) if year and 1900 < int(year) < 2100 else None
            return replace(
                fact,
                title=title,
                type=inner_type,
                status="signed",
                signed_on=signed_on,
                precision="year" if signed_on else None,
                period=None,
                quantity=1,
            )
    return None


def _count_before(tokens: list[Token], start_at: int) -> int:
    """The count written before a head: "20 agreements", "seven memoranda", "пять
    соглашений" (1 when there is none)."""
    if start_at == 0:
        return 1
    before = tokens[start_at - 1]
    if before.text.isdigit():
        return int(before.text)
    return NUMBER_WORDS.get(before.lemma, NUMBER_WORDS.get(before.text.lower(), 1))


def _subject_start(article: Article, tokens: list[Token], start_at: int) -> int:
    """Where an English title begins when the words before the head name the document:
    "military cooperation agreement", "Strategic Partnership and Cooperation Agreement"."""
    if article.language != "en":
        return start_at
    capitalised = tokens[start_at].text[:1].isupper()
    position = start_at
    while position > 0 and start_at - position < (6 if capitalised else 3):
        word = tokens[position - 1]
        if capitalised:
            if not (word.text[:1].isupper() or word.text == "and") or word.text in ("The", "A"):
                break
        elif not word.text.isalpha() or not word.text.islower():
            break
        in_a_name = capitalised and word.text in ("and", "of")  # "Partnership and Cooperation"
        if not in_a_name and (word.lemma in ENGLISH_SUBJECT_STOP or word.lemma in AGREEMENT_HEADS):
            break
        if word.text.isdigit() or word.lemma in NUMBER_WORDS:
            break  # "seven memoranda": a count, said apart
        position -= 1
    while position < start_at and tokens[position].text == "and":
        position += 1
    return position


def _has_complement(tokens: list[Token], head_at: int) -> bool:
    """What follows the head names the document: "о ...", a quote, a noun in the genitive."""
    if head_at + 1 < len(tokens) and tokens[head_at + 1].text in ("»", '"', "“", "”"):
        head_at += 1  # «дорожной карты» развития ...: the name goes on after the quote
    if head_at + 1 >= len(tokens):
        return False
    following = tokens[head_at + 1]
    return (
        following.text.lower() in COMPLEMENT_STARTS
        or following.text in ("«", '"')
        or (
            following.tag is not None
            and ("NOUN" in following.tag or "ADJF" in following.tag)
            and "gent" in following.tag
        )
    )


def _title_end(article: Article, tokens: list[Token], head_at: int) -> int:
    """The last token of the title: up to a clause break, a verb, or the next document."""
    end_at = head_at
    position = head_at + 1
    in_quotes = False
    while position < len(tokens) and position - head_at <= _TITLE_REACH:
        token = tokens[position]
        if token.text in ("«", '"') and not in_quotes:
            in_quotes = True
        elif token.text in ("»", '"') and in_quotes:
            in_quotes = False
        elif not in_quotes and _ends_title(article, tokens, position):
            break
        end_at = position
        position += 1
    # drop a dangling preposition or conjunction at the end
    while end_at > head_at and tokens[end_at].text.lower() in COMPLEMENT_STARTS | _DANGLING:
        end_at -= 1
    return end_at


def _ends_title(article: Article, tokens: list[Token], position: int) -> bool:
    token = tokens[position]
    if token.text in _TITLE_BREAKS or token.lemma in CLAUSE_WORDS:
        return True
    if token.lemma == "в" and position + 1 < len(tokens) and tokens[position + 1].lemma == "ход":
        return True  # "... в ходе встречи": the occasion, not the title
    if token.text in ("on", "in") and position + 1 < len(tokens):
        when = tokens[position + 1].text
        if when.isdigit() or is_calendar_word(when):
            return True  # "... with Russia on Wednesday": when, not what
    ahead = " ".join(t.text.lower() for t in tokens[position : position + 3])
    if ahead.startswith(("in the near", "in the coming", "в ближайшее", "в скором")):
        return True  # when it is to be signed, not what it is called
    if token.tag is not None and _VERB_FORMS & set(str(token.tag).replace(" ", ",").split(",")):
        return True
    if article.language == "en" and {token.lemma, token.text.lower()} & ENGLISH_TITLE_ENDS:
        return True
    if token.text.lower() in ("и", "а", "and") and position + 1 < len(tokens):
        following = tokens[position + 1]
        if following.tag is not None and "VERB" in following.tag:
            return True  # "... и подписали"
        return (
            following.lemma in AGREEMENT_HEADS
            or following.lemma in AGREEMENT_MODIFIERS
            or following.lemma == "дорожный"
        )  # "... и Программу ...": the next document
    return False


def _title(article: Article, words: list[Token], head_at: int, quantity: int) -> str:
    """The title as written, its head (and what precedes it) in the nominative."""
    text = article.document.text
    rebuilt = []
    cursor = words[0].start
    for index, token in enumerate(words):
        form = token.text
        if index <= head_at and article.language == "ru":
            form = nominative(token.text, plural=quantity > 1 or None)
        rebuilt.append(text[cursor : token.start])
        rebuilt.append(form)
        cursor = token.end
    title = re.sub(r"\s+", " ", "".join(rebuilt).strip())
    first = next((i for i, ch in enumerate(title) if ch.isalpha()), 0)  # after a quote
    return title[:first] + title[first].upper() + title[first + 1 :]
