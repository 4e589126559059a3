"""Texts of the upload flow: the preview of an extracted article and its fact-by-fact
review, duplicates, results, the upload list, retraction and /stats. Everything from the
article is escaped: it is other people's text and may hold anything."""

from __future__ import annotations

from bot.corrections import CorrectionError
from bot.drafts import Draft
from bot.extraction.documents import BAD_HEADER_DATE
from bot.extraction.facts import AgreementFact, EventFact, Extraction, PersonFact, TradeFact
from bot.i18n import Translator
from bot.render.facts import (
    AGREEMENT_TYPE_IDS,
    CountryName,
    agreement_status,
    flag,
    format_amount,
    format_date,
    format_date_range,
    planned_when,
)
from bot.render.html import clip, esc
from bot.review import ARTICLE, Fact, numbered
from bot.uploads import Published
from store.dto import (
    ArticleRef,
    Duplicate,
    FactFates,
    Restoration,
    Retraction,
    RetractionPlan,
    UploadRow,
    UploadStats,
)

_PHRASE_LIMIT = 160
# Facts on one page of the review: with their sentences, well inside a message's limit.
REVIEW_PAGE_SIZE = 5


def _countries(codes: tuple[str, ...], country_name: CountryName) -> str:
    return ", ".join(f"{flag(code)} {esc(country_name(code))}" for code in codes) or "—"


def _confidence(value: float) -> str:
    return f"{round(value * 100)}%"


def _phrase(t: Translator, fact: PersonFact | EventFact | AgreementFact | TradeFact) -> str:
    return t("upload-phrase", phrase=esc(clip(fact.evidence.phrase, _PHRASE_LIMIT)))


def _person(t: Translator, person: PersonFact, country_name: CountryName) -> str:
    role = esc(clip(person.role or "—", 120))
    where = (
        f" · {flag(person.country)} {esc(country_name(person.country))}" if person.country else ""
    )
    return (
        f"• <b>{esc(clip(person.name, 100))}</b> — {role}{where} "
        f"({_confidence(person.confidence)})\n{_phrase(t, person)}"
    )


def _event(t: Translator, event: EventFact, country_name: CountryName) -> str:
    when = format_date_range(t, event.date, event.date_end, event.precision)
    if event.planned:  # stored as announced, never as held
        when = planned_when(t, when, dated=event.date is not None)
    place = f", {esc(event.place)}" if event.place else ""
    name = f" «{esc(clip(event.name, 80))}»" if event.name else ""
    who = ", ".join(esc(clip(p, 60)) for p in event.participants[:5])
    people = f"\n  {who}" if who else ""
    return (
        f"• {when}{place} — <b>{t('event-' + event.kind)}</b>{name} · "
        f"{_countries(event.countries, country_name)} ({_confidence(event.confidence)}){people}\n"
        f"{_phrase(t, event)}"
    )


def _agreement(t: Translator, fact: AgreementFact, country_name: CountryName) -> str:
    kind = t(f"agreement-type-{AGREEMENT_TYPE_IDS.get(fact.type, 'documents')}")
    status = agreement_status(t, fact.status, fact.type, fact.quantity)
    when = f", {format_date(t, fact.signed_on, fact.precision)}" if fact.signed_on else ""
    period = (
        " · " + t("agreement-period", start=str(fact.period[0]), end=str(fact.period[1]))
        if fact.period
        else ""
    )
    quantity = f" ×{fact.quantity}" if fact.quantity > 1 else ""
    return (
        f"• <b>{esc(clip(fact.title, 200))}</b>{quantity} — {kind}, {status}{when}{period} · "
        f"{_countries(fact.parties, country_name)} ({_confidence(fact.confidence)})\n"
        f"{_phrase(t, fact)}"
    )


def _trade(t: Translator, fact: TradeFact, country_name: CountryName) -> str:
    qualifier = f"{t('trade-qualifier-' + fact.qualifier)} " if fact.qualifier else ""
    year = f", {t('trade-year', year=str(fact.year))}" if fact.year else ""
    who = esc(fact.group) if fact.group else _countries(fact.countries, country_name)
    amount = format_amount(t, fact.value, fact.currency)
    return (
        f"• {t('trade-' + fact.metric)}: {qualifier}<b>{amount}"
        f"</b> — {t('trade-' + fact.kind)}{year} · {who} ({_confidence(fact.confidence)})\n"
        f"{_phrase(t, fact)}"
    )


def preview_header(t: Translator, draft: Draft, country_name: CountryName) -> str:
    """The article as read: its fields, warnings, and how many facts of each kind."""
    extraction: Extraction = draft.extraction
    blocks = [
        t("upload-preview-header"),
        t("upload-field-title", value=esc(clip(extraction.title or "—", 300))),
        t("upload-field-outlet", value=esc(clip(extraction.outlet or "—", 100))),
        t("upload-field-date", value=format_date(t, extraction.published_at, "day")),
        t("upload-field-language", value=esc(extraction.language)),
        t("upload-field-countries", value=_countries(extraction.countries[:12], country_name)),
    ]
    if extraction.language != "ru":
        blocks.append(t("upload-not-russian", language=esc(extraction.language)))
    for warning in extraction.warnings:
        code, _, value = warning.partition(":")
        if code == BAD_HEADER_DATE:
            blocks.append(t("upload-bad-header-date", value=esc(clip(value, 20))))
    counts = [
        t(f"upload-count-{kind}", count=len(facts))
        for kind, facts in (
            ("people", extraction.people),
            ("events", extraction.events),
            ("agreements", extraction.agreements),
            ("trade", extraction.trade),
        )
        if facts
    ]
    blocks.append(t("upload-no-facts") if not counts else ", ".join(counts))
    return "\n".join(blocks)


def review_pages(draft: Draft) -> int:
    return max(1, -(-draft.extraction.fact_count // REVIEW_PAGE_SIZE))


def review_page(t: Translator, draft: Draft, page: int, country_name: CountryName) -> str:
    """One page of numbered facts, each with its sentence and confidence, marked kept or
    dropped; the footer says what Publish will store."""
    facts = numbered(draft.extraction)
    first = page * REVIEW_PAGE_SIZE
    shown = facts[first : first + REVIEW_PAGE_SIZE]
    kept = len(facts) - len(draft.dropped)
    blocks: list[str] = [_draft_article(t, draft)]
    if facts:
        blocks.append(
            t(
                "review-page-header",
                first=first + 1,
                last=first + len(shown),
                total=len(facts),
                kept=kept,
            )
        )
    for offset, fact in enumerate(shown):
        number = first + offset + 1
        mark = "✖️" if number in draft.dropped else "✅"
        line = f"{mark} <b>{number}.</b> {_fact(t, fact, country_name).removeprefix('• ')}"
        if number in draft.dropped:
            line += "\n" + t("review-dropped")
        blocks.append(line)
    blocks.append("")
    blocks.append(t("upload-preview-footer", kept=kept, total=len(facts)))
    return "\n".join(blocks)


def _fact(t: Translator, fact: Fact, country_name: CountryName) -> str:
    if isinstance(fact, PersonFact):
        return _person(t, fact, country_name)
    if isinstance(fact, EventFact):
        return _event(t, fact, country_name)
    if isinstance(fact, AgreementFact):
        return _agreement(t, fact, country_name)
    return _trade(t, fact, country_name)


def field_label(t: Translator, field: str) -> str:
    return t(f"review-field-{field}")


def choice_label(t: Translator, field: str, value: str) -> str:
    """How a choice reads on its button."""
    if field == "kind":
        return t(f"event-{value}")
    if field == "type":
        return t(f"agreement-type-{AGREEMENT_TYPE_IDS.get(value, 'documents')}")
    if field == "status":
        return t(f"agreement-status-{value}", type="other")
    if field in {"metric", "basis"}:
        return t(f"trade-{value}")
    return t("review-currency-percent") if value == "percent" else value


def field_question(t: Translator, number: int) -> str:
    if number == ARTICLE:
        return t("review-choose-article-field")
    return t("review-choose-field", number=number)


def correction_prompt(t: Translator, number: int, field: str) -> str:
    label = field_label(t, field)
    if number == ARTICLE:
        prompt = t("review-prompt-article", field=label)
    else:
        prompt = t("review-prompt", number=number, field=label)
    return prompt + "\n" + t(f"review-hint-{field}")


def _draft_article(t: Translator, draft: Draft) -> str:
    extraction = draft.extraction
    line = t(
        "review-article",
        title=esc(clip(extraction.title or "—", 120)),
        outlet=esc(clip(extraction.outlet or "—", 60)),
        date=format_date(t, extraction.published_at, "day"),
    )
    if draft.url:
        line += "\n" + t("review-article-url", url=esc(clip(draft.url, 200)))
    return line


def correction_error(t: Translator, error: CorrectionError) -> str:
    return t(f"review-error-{error.reason}", detail=esc(clip(error.detail, 40)))


def duplicate(t: Translator, found: Duplicate) -> str:
    article = found.article
    return t(
        "upload-duplicate",
        id=str(article.id),
        title=esc(clip(article.title, 200)),
        date=format_date(t, article.published_at, "day"),
        similarity=str(round(found.similarity * 100)),
        status=t(f"article-status-{article.status}"),
    )


def published(t: Translator, result: Published) -> str:
    kinds = ("people", "events", "agreements", "trade")
    created = sum(result.created.values())
    merged = sum(result.merged.values())
    details = ", ".join(
        t(f"upload-count-{kind}", count=result.created.get(kind, 0) + result.merged.get(kind, 0))
        for kind in kinds
        if result.created.get(kind) or result.merged.get(kind)
    )
    return t(
        "upload-published",
        id=str(result.article_id),
        created=created,
        merged=merged,
        details=details or "—",
    )


def upload_list(t: Translator, rows: list[UploadRow], page: int, pages: int) -> str:
    lines = [t("articles-header", page=page + 1, pages=max(pages, 1))]
    for row in rows:
        article = row.article
        status = t(f"article-status-{article.status}")
        if row.uploaded_by is None:
            status = t("article-curated", status=status)
        lines.append(
            t(
                "articles-item",
                id=str(article.id),
                title=esc(clip(article.title, 120)),
                date=format_date(t, article.published_at, "day"),
                status=status,
                facts=row.facts,
            )
        )
    return "\n".join(lines)


def _fates(t: Translator, fates: FactFates) -> list[str]:
    if not fates.alone:
        lines = [t("retract-nothing-disappears")]
    else:
        counts = ", ".join(
            t(f"upload-count-{kind}", count=count) for kind, count in sorted(fates.alone.items())
        )
        lines = [t("retract-disappears", total=fates.alone_total, counts=counts)]
        lines += [f"• {esc(clip(title, 160))}" for title in fates.alone_titles]
        if fates.alone_total > len(fates.alone_titles) and fates.alone_titles:
            lines.append(t("retract-and-more", count=fates.alone_total - len(fates.alone_titles)))
    if fates.shared:
        lines.append(t("retract-stays", count=fates.shared))
    return lines


def _article_line(t: Translator, article: ArticleRef) -> str:
    return t(
        "retract-article",
        id=str(article.id),
        title=esc(clip(article.title, 200)),
        outlet=esc(clip(article.outlet or "—", 80)),
        date=format_date(t, article.published_at, "day"),
    )


def retraction_plan(t: Translator, plan: RetractionPlan) -> str:
    """The question before a retraction: what goes, what stays, and how to undo it."""
    lines = [t("retract-question"), _article_line(t, plan.article), *_fates(t, plan.fates)]
    if plan.curated:
        lines.append(t("retract-curated-warning"))
    lines.append(t("retract-undo-hint", id=str(plan.article.id)))
    return "\n".join(lines)


def curated_confirmation(t: Translator, plan: RetractionPlan) -> str:
    return t(
        "retract-curated-question",
        id=str(plan.article.id),
        title=esc(clip(plan.article.title, 200)),
        gone=plan.fates.alone_total,
    )


def retracted(t: Translator, result: Retraction) -> str:
    return t(
        "retract-done",
        id=str(result.article.id),
        title=esc(clip(result.article.title, 200)),
        gone=result.facts_gone,
        kept=result.facts_kept,
    )


def restored(t: Translator, result: Restoration) -> str:
    return t(
        "restore-done",
        id=str(result.article.id),
        title=esc(clip(result.article.title, 200)),
        back=result.facts_back,
        shared=result.facts_shared,
    )


def stats(t: Translator, figures: UploadStats) -> str:
    return t(
        "stats-text",
        published=figures.articles_published,
        retracted=figures.articles_retracted,
        uploads=figures.uploads,
        events=figures.facts["events"],
        agreements=figures.facts["agreements"],
        trade=figures.facts["trade"],
        relations=figures.facts["relations"],
        people=figures.facts["people"],
        auto=figures.auto_evidence,
        curated=figures.curated_evidence,
        subscriptions=figures.subscriptions,
        actions=figures.admin_actions_week,
    )
