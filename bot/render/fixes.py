"""Texts of /fix: a published fact opened for correction, with every article behind it."""

from __future__ import annotations

from bot.fixes import fix_ref_of, ref_of
from bot.i18n import Translator
from bot.lists import Entry
from bot.render.facts import (
    CountryName,
    agreement_line,
    event_line,
    role_line,
    source_label,
    trade_line,
)
from bot.render.html import MESSAGE_LIMIT, clip, esc, pack, utf16_length
from bot.render.lists import entry_line
from store.dto import AgreementInfo, EventInfo, FixableFact, RoleInfo, TradeInfo

# the source buttons come three to a row; a fact with more sources is rare
MAX_SOURCES_SHOWN = 12


def fix_card(t: Translator, fact: FixableFact, country_name: CountryName) -> str:
    """The fact as cards show it, whether it is shown at all, and its numbered sources
    (detached and retracted ones marked), then what the buttons do."""
    ref = ref_of(fact.kind, fact.id)
    lines = [
        t("fix-header", ref=ref, kind=t(f"kind-{fact.kind}")),
        _line(t, fact, country_name),
        t("fix-hidden") if fact.hidden else t("fix-shown"),
        t("fix-sources", count=len(fact.sources)),
    ]
    for number, source in enumerate(fact.sources[:MAX_SOURCES_SHOWN], start=1):
        line = f"[{number}] {source_label(t, source.source)}"
        if source.detached:
            line += " " + t("fix-source-detached")
        elif source.article_status != "published":
            line += " " + t("fix-source-retracted")
        lines.append(line)
    lines.append(t("fix-footer", ref=ref))
    text = "\n".join(lines)
    if utf16_length(text) > MESSAGE_LIMIT and isinstance(fact.info, AgreementInfo):
        # one message under its buttons: the document without its summary and details
        lines[1] = agreement_line(t, fact.info, country_name, None)
        text = "\n".join(lines)
    return text


def _line(t: Translator, fact: FixableFact, country_name: CountryName) -> str:
    info = fact.info
    if isinstance(info, EventInfo):
        text = event_line(t, info, None, country_name)
    elif isinstance(info, AgreementInfo):
        text = agreement_line(t, info, country_name, None, with_details=True)
    elif isinstance(info, TradeInfo):
        pair = " — ".join(esc(country_name(c)) for c in (info.reporter, info.partner) if c)
        text = f"{pair}: " + trade_line(t, info, None).removeprefix("• ")
    elif isinstance(info, RoleInfo):
        text = role_line(t, info, country_name)
    else:  # pragma: no cover - FixableFact.info is one of the four
        text = esc(str(info))
    return text


def fix_prompt(t: Translator, fact: FixableFact, field: str) -> str:
    ref = ref_of(fact.kind, fact.id)
    return (
        t("fix-prompt", ref=ref, field=t(f"review-field-{field}"))
        + "\n"
        + t(f"review-hint-{field}")
    )


def found_facts(
    t: Translator, query: str, found: list[Entry], country_name: CountryName
) -> list[str]:
    """What `/fix <words>` found, each with the reference its button opens."""
    if not found:
        return [t("fix-none-found", query=esc(clip(query, 100)))]
    header = t("fix-found", query=esc(clip(query, 100)), count=len(found))
    return fact_choices(header, found, t, country_name)


def card_facts(
    t: Translator, iso2: str, found: list[Entry], country_name: CountryName
) -> list[str]:
    header = t("fix-card-facts", country=esc(country_name(iso2)), count=len(found))
    return fact_choices(header, found, t, country_name)


def fact_choices(
    header: str, found: list[Entry], t: Translator, country_name: CountryName
) -> list[str]:
    """As many messages as the lines need; the buttons go under the last."""
    lines = [header]
    lines += [
        f"• <code>{ref_of(*fix_ref_of(entry))}</code> " + entry_line(t, entry, country_name)
        for entry in found
    ]
    return pack(lines)
