"""English lists of documents under one plural head: "signed agreements on aviation,
tourism and agriculture" is one document per subject."""

from __future__ import annotations

from bot.extraction.agreement_status import document_fact
from bot.extraction.article import Article, Sentence, Token
from bot.extraction.document_words import (
    AGREEMENT_HEADS,
    LIST_ENDS,
    LIST_LEADS,
    PLURAL_HEADS,
)
from bot.extraction.facts import AgreementFact, EventFact


def listed_documents(
    article: Article,
    sentence: Sentence,
    head_at: int,
    head_type: str,
    occasion: EventFact | None,
) -> tuple[list[AgreementFact], int] | None:
    """An English plural head with no count, followed by a list of subjects ("signed
    agreements on aviation, tourism and agriculture"): one document per subject, titled
    from the head and the subject ("agreement on tourism"), as the text gives nothing more."""
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
        title = f"{head} on {subject}"
        # the span ends at the head: the words between it and the list say its status
        span = (start_at, head_at, head_at)
        fact = document_fact(article, sentence, span, title, head_type, occasion)
        if fact is not None:
            facts.append(fact)
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


def _subjects(tokens: list[Token], list_at: int) -> tuple[list[tuple[int, int]], int]:
    """(first, last) token of each subject of "A, B, C and D"; the last token read."""
    end_at = list_at
    while end_at < len(tokens):
        word = tokens[end_at].text.lower()
        is_head = word in PLURAL_HEADS or tokens[end_at].lemma in AGREEMENT_HEADS
        if word in LIST_ENDS or is_head:
            break
        if word == "as" and end_at + 1 < len(tokens) and tokens[end_at + 1].text.lower() == "well":
            break
        end_at += 1
    parts: list[tuple[int, int]] = []
    first = list_at
    for at in range(list_at, end_at + 1):
        if at == end_at or tokens[at].text == ",":
            if at > first:
                parts.append((first, at - 1))
            first = at + 1
    # "..., and D" or "C and D": the last "and" of the list separates two subjects
    if parts:
        first, last = parts[-1]
        ands = [at for at in range(first, last + 1) if tokens[at].text.lower() == "and"]
        if ands and len(parts) > 1:
            split = ands[-1]
            parts[-1:] = (
                [(first, split - 1), (split + 1, last)] if split > first else [(split + 1, last)]
            )
    parts = [(lo, hi) for lo, hi in parts if lo <= hi and tokens[lo].text.lower() != "and"]
    return parts, end_at - 1
