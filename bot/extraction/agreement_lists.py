"""English lists of documents under one plural head: "signed agreements on aviation,
tourism and agriculture" is one document per subject."""

from __future__ import annotations

from bot.extraction.agreement_status import document_fact
from bot.extraction.article import Article, Sentence, Token
from bot.extraction.document_words import (
    AGREEMENT_HEADS,
    AMENDMENT_WORDS,
    ENGLISH_SUBJECT_STOP,
    LIST_ENDS,
    LIST_LEADS,
    PLURAL_HEADS,
)
from bot.extraction.facts import AgreementFact, EventFact

# "in transport, logistics, and transit": a preposition whose objects a list may go on with
_OBJECT_PREPOSITIONS = frozenset({"in", "of", "for"})
# a subject this short, with no preposition, after one like "cooperation in transport" is
# one more object of that preposition, not a document of its own
_SHORT_OBJECT = 2

Span = tuple[int, int]


def listed_documents(
    article: Article,
    sentence: Sentence,
    head_at: int,
    head_type: str,
    occasion: EventFact | None,
    told_before: AgreementFact | None = None,
) -> tuple[list[tuple[AgreementFact, Span]], int] | None:
    """An English plural head with no count, followed by a list of subjects ("signed
    agreements on aviation, tourism and agriculture"): one document per subject, titled
    from the head and the subject ("agreement on tourism"), as the text gives nothing more.
    Each document comes with the tokens of its subject; the last token read comes last."""
    tokens = sentence.tokens
    singular = PLURAL_HEADS.get(tokens[head_at].text.lower())
    if article.language != "en" or singular is None:
        return None
    start_at = head_at
    while start_at > 0 and tokens[start_at - 1].text.lower() in ("cooperation", "bilateral"):
        start_at -= 1
    if start_at > 0 and tokens[start_at - 1].text.isdigit():
        return None  # counted: one entry with its count, read the usual way
    list_at = _list_start(tokens, head_at)
    if list_at is None:
        return None
    subjects, list_end = _subjects(tokens, list_at)
    if len(subjects) < 2:
        return None
    text = article.document.text
    head = " ".join([*(t.text.lower() for t in tokens[start_at:head_at]), singular])
    facts = []
    for first, last in subjects:
        subject = text[tokens[first].start : tokens[last].end]
        # "as well as amendments to a 1997 agreement": the amendments are named by that
        amending = tokens[first].lemma in AMENDMENT_WORDS
        title = subject if amending else f"{head} on {subject}"
        # the span ends at the head: the words between it and the list say its status
        span = (start_at, head_at, head_at)
        fact = document_fact(
            article, sentence, span, title, head_type, occasion, told_before=told_before
        )
        if fact is not None:
            facts.append((fact, (first, last)))
    return (facts, list_end) if facts else None


def _list_start(tokens: list[Token], head_at: int) -> int | None:
    if head_at + 1 < len(tokens) and tokens[head_at + 1].text.lower() == "on":
        return head_at + 2
    words = [t.text.lower() for t in tokens]
    for at in range(head_at + 1, min(head_at + 8, len(tokens))):
        for lead in LIST_LEADS:
            if tuple(words[at : at + len(lead)]) == lead:
                return at + len(lead)
    return None


def _subjects(tokens: list[Token], list_at: int) -> tuple[list[Span], int]:
    """(first, last) token of each subject of "A, B, C and D" or "A, B, as well as C"; the
    last token read."""
    end_at = _list_end(tokens, list_at)
    parts: list[Span] = []
    closing = False  # after "as well as": the last subject, whatever "and" it holds
    first = list_at
    at = list_at
    while at <= end_at:
        if at == end_at or tokens[at].text == ",":
            parts.append((first, at - 1))
            first = at + 1
        elif _as_well_as(tokens, at):
            parts.append((first, at - 1))
            first, at, closing = at + 3, at + 2, True
        at += 1
    # "..., as well as a declaration on ...": no subject after it, the list ended before
    closing = closing and _names_something(tokens, parts[-1])
    parts = _join_objects(tokens, [part for part in parts if _names_something(tokens, part)])
    if len(parts) > 1 and not closing:
        # "..., and D" or "C and D": the last "and" of the list separates two subjects
        first, last = parts[-1]
        ands = [at for at in range(first, last + 1) if tokens[at].text.lower() == "and"]
        if ands:
            split = ands[-1]
            parts[-1:] = (
                [(first, split - 1), (split + 1, last)] if split > first else [(split + 1, last)]
            )
    parts = [(_after_and(tokens, lo), hi) for lo, hi in parts]
    return [(lo, hi) for lo, hi in parts if lo <= hi], end_at - 1


def _list_end(tokens: list[Token], list_at: int) -> int:
    """Where the list stops: at its sentence's end or clause break, or at the next document
    named (but "amendments to a 1997 agreement" names one inside a subject)."""
    end_at = list_at
    while end_at < len(tokens):
        word = tokens[end_at].text.lower()
        is_head = word in PLURAL_HEADS or tokens[end_at].lemma in AGREEMENT_HEADS
        inside = any(t.lemma in AMENDMENT_WORDS for t in tokens[max(list_at, end_at - 4) : end_at])
        if word in LIST_ENDS or (is_head and not inside):
            break
        end_at += 1
    return end_at


def _names_something(tokens: list[Token], part: Span) -> bool:
    """A subject has a word of its own, not only "a" or "the"."""
    lo, hi = part
    return any(t.lemma not in ENGLISH_SUBJECT_STOP for t in tokens[lo : hi + 1])


def _as_well_as(tokens: list[Token], at: int) -> bool:
    words = [t.text.lower() for t in tokens[at : at + 3]]
    return words == ["as", "well", "as"]


def _join_objects(tokens: list[Token], parts: list[Span]) -> list[Span]:
    """ "strategic cooperation in transport, logistics, and transit" is one subject: short
    parts after one ending in "in X" go on with that preposition's objects."""
    joined: list[Span] = []
    open_list = False
    for lo, hi in parts:
        words = [t.text.lower() for t in tokens[_after_and(tokens, lo) : hi + 1]]
        short = len(words) <= _SHORT_OBJECT and not _OBJECT_PREPOSITIONS & set(words)
        if joined and open_list and short:
            joined[-1] = (joined[-1][0], hi)
            continue
        tail = {t.text.lower() for t in tokens[max(lo, hi - 2) : hi + 1]}
        open_list = bool(tail & _OBJECT_PREPOSITIONS)
        joined.append((lo, hi))
    return joined


def _after_and(tokens: list[Token], lo: int) -> int:
    return lo + 1 if tokens[lo].text.lower() == "and" else lo
