"""Cards: the country briefing, a person's profile, and what a lookup that found nothing
says. Renderers return blocks (one entry each); `html.pack` joins them into messages."""

from __future__ import annotations

from collections.abc import Sequence

from bot.briefings import (
    CountryFound,
    CountryHome,
    CountryNotMatched,
    CountryResult,
    CountryWithoutFacts,
    PersonFound,
    PersonMissingQuery,
    PersonResult,
    PersonUnresolved,
    TreatyNotFound,
)
from bot.i18n import Translator
from bot.render import english
from bot.render.facts import (
    CountryName,
    SourceNumbers,
    agreement_line,
    event_line,
    flag,
    format_date,
    more_line,
    role_line,
    section,
    source_label,
    trade_line,
)
from bot.render.html import clip, esc, pack
from store.dto import (
    CountryCard,
    PersonProfile,
    RelationInfo,
    RoleInfo,
)

QUERY_ECHO_LIMIT = 80


# ------------------------------------------------------------------ pieces


def _relation_blocks(
    t: Translator, relations: Sequence[RelationInfo], cite: SourceNumbers
) -> list[str]:
    if not relations:
        return [t("card-level-unknown")]
    current, *earlier = relations
    parts = [t("card-level", level=t(f"level-{current.level}"))]
    if current.since:
        parts.append(t("card-level-since", date=format_date(t, current.since, current.precision)))
    line = " ".join(parts)
    document = english.own_language(t, current.agreement_title, current.agreement_title_en)
    document = document or current.agreement_title
    if document:
        line += "; " + t("card-level-document", title=esc(clip(document, 200)))
    note = english.own_language(t, current.note, current.note_en)
    if note:
        line += f"\n<i>{esc(clip(note, 300))}</i>"
    line += cite.cite(current.sources)
    blocks = [line]
    for older in earlier:
        blocks.append(
            t(
                "card-level-previous",
                level=t(f"level-{older.level}"),
                date=format_date(t, older.since, older.precision),
            )
            + cite.cite(older.sources)
        )
    return blocks


# ------------------------------------------------------------------ whole replies


def country_card(t: Translator, card: CountryCard, country_name: CountryName) -> list[str]:
    cite = SourceNumbers()
    name = country_name(card.country.iso2)
    blocks = [t("card-title", flag=flag(card.country.iso2), name=esc(name))]
    blocks += _relation_blocks(t, card.relations, cite)
    agreements = [agreement_line(t, a, country_name, cite) for a in card.agreements]
    agreements += more_line(t, len(card.agreements), card.agreements_total)
    if card.agreements_total > len(card.agreements):
        agreements.append(t("card-more-agreements", name=esc(card.country.iso2)))
    blocks += section(t("card-agreements", count=str(card.agreements_total)), agreements)
    events = [event_line(t, e, cite, country_name) for e in card.events]
    blocks += section(
        t("card-events", count=str(card.events_total)),
        events + more_line(t, len(card.events), card.events_total),
    )
    trade = [trade_line(t, f, cite) for f in card.trade]
    blocks += section(t("card-trade"), trade + more_line(t, len(card.trade), card.trade_total))
    blocks += section(t("card-people"), [role_line(t, r, country_name) for r in card.people])
    sources = [f"[{n}] {source_label(t, s)}" for n, s in enumerate(cite.order, start=1)]
    blocks += section(
        t("card-sources", count=str(max(card.sources_total, len(cite.order)))),
        sources + more_line(t, len(cite.order), card.sources_total),
    )
    return pack(blocks)


def country_suggestions(
    t: Translator, header: str, codes: Sequence[str], country_name: CountryName
) -> list[str]:
    blocks = [header]
    if codes:
        blocks.append(t("country-suggestions"))
        blocks += [
            t("country-suggestion-item", flag=flag(c), name=esc(country_name(c)), code=c)
            for c in codes
        ]
    else:
        blocks.append(t("country-no-suggestions"))
    return pack(blocks)


def person_profile(t: Translator, profile: PersonProfile, country_name: CountryName) -> list[str]:
    name = english.person_name(t, profile.name_ru, profile.name_en)
    # a Russian reader also sees the Latin spelling; an English one gets no Cyrillic
    other = profile.name_en if t.language != "en" else None
    blocks = [f"<b>{esc(name)}</b>" + (f" ({esc(other)})" if other else "")]
    roles = [role_line(t, r, country_name) + _reported(t, r) for r in profile.roles]
    blocks += section(t("person-roles"), roles)
    cite = SourceNumbers()
    events = [event_line(t, e, cite, country_name) for e in profile.events]
    if events:
        blocks += section(
            t("person-events", count=str(profile.events_total)),
            events + more_line(t, len(profile.events), profile.events_total),
        )
        sources = [f"[{n}] {source_label(t, s)}" for n, s in enumerate(cite.order, start=1)]
        blocks += section(t("card-sources", count=str(len(cite.order))), sources)
    else:
        blocks.append(t("person-no-events"))
    return pack(blocks)


def _reported(t: Translator, role: RoleInfo) -> str:
    """When the sources report the role: one date, or the first and the last."""
    if role.reported is None:
        return ""
    first, last = (format_date(t, day, "day") for day in role.reported)
    return " " + t("person-role-reported", dates=first if first == last else f"{first}–{last}")


def echo_query(query: str) -> str:
    """The user's query, shortened and escaped, to quote back in a reply."""
    return esc(clip(query, QUERY_ECHO_LIMIT))


# ------------------------------------------------------------------ results of the services


def country_result(t: Translator, result: CountryResult, country_name: CountryName) -> list[str]:
    match result:
        case CountryFound(card=card):
            return country_card(t, card, country_name)
        case CountryHome():
            return [t("country-home")]
        case CountryWithoutFacts(iso2=iso2):
            return [t("country-no-facts", flag=flag(iso2), name=esc(country_name(iso2)))]
        case CountryNotMatched(query=query, candidates=candidates, ambiguous=ambiguous):
            key = "country-ambiguous" if ambiguous else "country-not-found"
            return country_suggestions(t, t(key, query=echo_query(query)), candidates, country_name)
    raise AssertionError(result)


def treaty_not_found(t: Translator, result: TreatyNotFound, country_name: CountryName) -> list[str]:
    blocks = [t("treaty-not-found", query=echo_query(result.query))]
    if result.close:
        blocks.append(t("treaty-partial"))
        blocks += [agreement_line(t, a, country_name, None) for a in result.close]
    blocks.append(t("treaty-try"))
    return pack(blocks)


def person_result(t: Translator, result: PersonResult, country_name: CountryName) -> list[str]:
    match result:
        case PersonMissingQuery(known=known, total=total):
            blocks = [t("person-usage")]
            if known:
                blocks.append(t("person-on-file", count=str(total)))
                blocks += [role_line(t, role, country_name) for role in known]
                blocks += more_line(t, len(known), total)
            return pack(blocks)
        case PersonFound(profile=profile):
            return person_profile(t, profile, country_name)
        case PersonUnresolved(
            query=query, candidates=candidates, ambiguous=ambiguous, on_file=on_file
        ):
            key = "person-ambiguous" if ambiguous else "person-not-found"
            blocks = [t(key, query=echo_query(query))]
            if candidates:
                if on_file:
                    blocks.append(t("person-known"))
                elif not ambiguous:
                    blocks.append(t("person-suggestions"))
                blocks += [role_line(t, role, country_name) for role in candidates]
            else:
                blocks.append(t("person-usage"))
            return pack(blocks)
    raise AssertionError(result)
