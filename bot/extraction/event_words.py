"""What the words of a sentence say of an event: where one is named and of what kind,
whether it is still ahead, whether it is only an invitation or an idea, and whether a
signing is reported as an occasion of its own. events.py builds the facts from these."""

from __future__ import annotations

import re
from itertools import takewhile

from bot.extraction.article import Article, Sentence, Token
from bot.extraction.event_merge import FAMILY, KIND_RANK
from bot.extraction.wordlists import word_lists, word_map, word_set

_VISIT_KINDS = word_map("events", "visit_kinds")
_VISIT_WORDS = word_set("events", "visit_words")
SIMPLE_TRIGGERS: dict[str, str] = {
    str(word): str(kind)
    for kind, words in word_lists("events")["simple_triggers"].items()
    for word in words
}
SUMMIT_WORDS = frozenset(w for w, kind in SIMPLE_TRIGGERS.items() if kind == "summit")
_PHONE_WORDS = word_set("events", "phone_words")
_PHONE_CONTEXT = word_set("events", "phone_context")
_CONVERSATIONS = word_set("events", "conversation_words")
_PHONE_HEADS = word_set("events", "phone_heads")
_VIDEO_WORDS = word_set("events", "video_words")
_SESSION_WORDS = word_set("events", "session_words")
_COUNCIL_WORDS = word_set("events", "council_words")
_MULTILATERAL_COUNCIL = word_set("events", "multilateral_council_words")
_BLOCS = word_set("events", "blocs")
_GATHERINGS = word_set("events", "gathering_words")
_LEADERS = word_set("events", "leader_words")
_MANY = word_set("events", "many_words")
_NOT_AFTER = word_set("events", "not_after")
_FUTURE_WORDS = word_set("events", "future_words")
_FUTURE_VERBS = word_set("events", "future_verbs")
_INVITATIONS = word_set("events", "invitation_words")
_SIGNING_WORDS = word_set("events", "signing_words")
_SIGNING_SUBJECTS = word_set("events", "signing_subjects_en")
PROPOSALS = word_set("events", "proposal_words")
_NOT_A_PROPOSAL_AFTER = word_set("events", "proposal_exceptions_after")
_FUTURE_PREFIXES = tuple(word_set("events", "future_prefixes"))
_CLAUSE_BREAKS = frozenset({",", ";", ":", "—", "–", "(", ")"})


def is_future(sentence: Sentence) -> bool:
    """The sentence announces something: a verb of the list in the future tense."""
    return any(_future_verb(token) for token in sentence.tokens)


def _future_verb(token: Token) -> bool:
    return (
        token.tag is not None
        and "futr" in token.tag
        and "VERB" in token.tag
        and token.lemma in _FUTURE_VERBS | {"быть"}
    )


def event_triggers(sentence: Sentence) -> list[tuple[int, str]]:
    """Where the sentence names an event, and its kind: one mention per kind family
    ("визит ... в ходе визита" is one visit), of the most specific kind named."""
    tokens = sentence.tokens
    found = [
        (position, kind)
        for position in range(len(tokens))
        if (kind := _trigger_at(tokens, position)) is not None
    ]
    if any(kind == "reception" for _, kind in found):
        # "посетил Белый дом для участия в церемонии вручения верительных грамот"
        found = [(p, k) for p, k in found if FAMILY[k] not in ("visit", "meeting")]
    seen: set[str] = set()
    unique = []
    for position, kind in found:
        family = FAMILY[kind]
        if family in seen:
            continue
        seen.add(family)
        best = max((k for _, k in found if FAMILY[k] == family), key=lambda k: KIND_RANK.get(k, 0))
        unique.append((position, best))
    return unique


def _trigger_at(tokens: list[Token], position: int) -> str | None:
    token = tokens[position]
    word = token.lemma
    before = tokens[position - 1].lemma if position else ""
    following = tokens[position + 1 : position + 7]
    if before in _NOT_AFTER or before in _PHONE_WORDS | _VIDEO_WORDS:
        return None  # "телефонные переговоры": the call, found at "телефонный"
    if word in _VISIT_WORDS:
        return _visit_kind(tokens, position)
    if word in _SESSION_WORDS and any(t.lemma in _COUNCIL_WORDS for t in following):
        # a council of heads of state or of a bloc meets at a summit; one of two states'
        # governments ("межправительственный совет", "Высший госсовет") at a meeting
        of_many = any(t.lemma in _MULTILATERAL_COUNCIL or t.text in _BLOCS for t in following)
        return "summit" if of_many else "meeting"
    simple = SIMPLE_TRIGGERS.get(word)
    if (simple == "meeting" or word in _GATHERINGS) and _of_many_leaders(tokens, position):
        return "summit"  # "a broader meeting between Scholz and all five leaders"
    if simple == "summit" and _plural(token):
        return None  # "на саммитах ШОС": summits in general
    if simple is not None:
        return simple
    if word == "принять" and "участие" not in {t.lemma for t in tokens[position : position + 3]}:
        # "был принят Президентом", "Рахмон принял министра": a reception
        if any(t.tag is not None and "anim" in t.tag for t in following[:3]) or (
            token.tag is not None and "PRTS" in token.tag
        ):
            return "meeting"
        return None
    if word in _PHONE_WORDS and following and following[0].lemma in _PHONE_HEADS:
        return "phone_call"  # "телефонный разговор", "telephone conversation", "phone call"
    if word in _VIDEO_WORDS and any(t.lemma in _PHONE_HEADS | {"связь"} for t in following):
        return "phone_call"  # "переговоры по видеосвязи", "video call"
    return None


def _of_many_leaders(tokens: list[Token], position: int) -> bool:
    """ "joining heads of states for the Conference", "a meeting between Scholz and all five
    Central Asian leaders": leaders of many states gather (a meeting "between the leaders"
    may be of two, so it takes "all", a number of three or more, or a bloc)."""
    start, end = _clause_bounds(tokens, position)
    clause = tokens[start : end + 1]
    if not any(t.lemma in _LEADERS and _plural_noun(t) for t in clause):
        return False
    if tokens[position].lemma in _GATHERINGS:
        return True
    after = tokens[position + 1 : end + 1][:10]
    # "встретились на саммите глав государств СНГ": those are the summit's leaders
    after = list(takewhile(lambda t: SIMPLE_TRIGGERS.get(t.lemma) != "summit", after))
    return any(
        t.lemma in _MANY or t.text in _BLOCS or (t.text.isdigit() and int(t.text) >= 3)
        for t in after
    ) and any(t.lemma in _LEADERS and _plural_noun(t) for t in after)


def _plural_noun(token: Token) -> bool:
    if token.tag is not None:
        return "plur" in token.tag
    text = token.text.lower()
    return text.endswith("s") and text != token.lemma  # "leaders", "heads"


def _plural(token: Token) -> bool:
    return token.text.lower().endswith(("visits", "summits")) or (
        token.tag is not None and "plur" in token.tag
    )


def _visit_kind(tokens: list[Token], position: int) -> str | None:
    if _plural(tokens[position]):
        return None  # "взаимные визиты", "mutual visits": no one occasion
    kind = "visit"
    for previous in tokens[max(0, position - 2) : position]:
        kind = _VISIT_KINDS.get(previous.lemma, kind)
    return kind


def proposes(tokens: list[Token]) -> bool:
    """An idea put forward, not an event: "предложил провести форум" (but "по инициативе
    грузинской стороны состоялся разговор" took place)."""
    return any(
        token.lemma in PROPOSALS
        and not (position and tokens[position - 1].lemma in _NOT_A_PROPOSAL_AFTER)
        for position, token in enumerate(tokens)
    )


def conversations(sentence: Sentence, triggers: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """In an article about a call, "Разговор состоялся ...": the call, once per sentence."""
    if any(kind == "phone_call" for _, kind in triggers):
        return []
    found = [i for i, t in enumerate(sentence.tokens) if t.lemma in _CONVERSATIONS]
    return [(found[0], "phone_call")] if found else []


def is_conversation(token: Token) -> bool:
    return token.lemma in _CONVERSATIONS


def about_a_call(article: Article) -> bool:
    title = article.document.title or ""
    words = {word.lower() for word in re.findall(r"\w+", title)}
    lemmas = set().union(*(s.lemmas for s in article.sentences)) if article.sentences else set()
    return bool((lemmas | words) & _PHONE_CONTEXT) or "по телефону" in title.lower()


def invited_to(tokens: list[Token], at: int) -> bool:
    """An invitation is not an event: "пригласил посетить Казахстан", "invited to visit"
    (but a visit made "по приглашению" is one)."""
    trigger = tokens[at]
    infinitive = (trigger.tag is not None and "INFN" in trigger.tag) or (
        at > 0 and tokens[at - 1].lemma == "to"
    )
    start, _end = _clause_bounds(tokens, at)
    return infinitive and any(t.lemma in _INVITATIONS for t in tokens[start:at])


def _clause_bounds(tokens: list[Token], at: int) -> tuple[int, int]:
    """The first and last token of the clause token `at` stands in."""
    start = at
    while start > 0 and tokens[start - 1].text not in _CLAUSE_BREAKS:
        start -= 1
    end = at
    while end < len(tokens) - 1 and tokens[end + 1].text not in _CLAUSE_BREAKS:
        end += 1
    return start, end


def signing_at(sentence: Sentence) -> int | None:
    """ "Документ был подписан в Нур-Султане 16 октября 2020 года": a signing of its own."""
    tokens = sentence.tokens
    for position, token in enumerate(tokens):
        if token.lemma not in _SIGNING_WORDS or not token.text[:1].islower():
            continue
        if token.tag is not None and "PRTF" in token.tag:
            continue  # "Договор, подписанный в 1994 году": the document, not an occasion
        if {t.lemma for t in tokens[max(0, position - 3) : position]} & {"когда", "when"}:
            continue  # "оформлены с 1993 года, когда был подписан Договор": history
        if token.tag is None and not {t.lemma for t in tokens[max(0, position - 3) : position]} & (
            _SIGNING_SUBJECTS
        ):
            continue  # "the agreement signed in 2020" (but "was signed", "the sides signed")
        return position
    return None


def is_planned(sentence: Sentence, at: int) -> bool:
    """Whether the event named at token `at` is still ahead: a future word in its clause
    ("will visit", "визит состоится", "ближайший визит"), or after "ahead of"."""
    tokens = sentence.tokens
    start, end = _clause_bounds(tokens, at)
    clause = tokens[start : end + 1]
    # "ближайший визит": such an adjective says so of its own noun only
    next_one = any(t.text.lower().startswith(_FUTURE_PREFIXES) for t in tokens[max(0, at - 2) : at])
    if next_one or any(t.lemma in _FUTURE_WORDS and t.lemma != "ahead" for t in clause):
        return not _held_before_ahead(tokens, at)
    if any(_future_verb(t) for t in clause):
        return True
    return _held_before_ahead(tokens, at) is False and any(
        t.lemma == "ahead" for t in tokens[max(0, at - 4) : at]
    )


def _held_before_ahead(tokens: list[Token], at: int) -> bool:
    """ "The two met ahead of a broader meeting": what comes before "ahead" has happened."""
    return any(t.lemma == "ahead" for t in tokens[at + 1 :])
