"""Watched sources and the review queue -> Telegram HTML."""

from __future__ import annotations

from collections.abc import Sequence

from bot.i18n import Translator
from bot.render.html import clip, esc
from store.dto import ItemInfo, SourceInfo


def _state(t: Translator, source: SourceInfo) -> str:
    if not source.active and source.state != "gone":
        return t("feeds-state-paused")
    state = t(f"feeds-state-{source.state}")
    if source.last_error:
        state += " — " + t(f"feeds-error-{_error_key(source.last_error)}", code=source.last_error)
    return state


def _error_key(error: str) -> str:
    known = {"too_large", "timeout", "redirect_loop", "network", "not_a_feed"}
    return error if error in known else "http"


def sources_list(t: Translator, sources: Sequence[SourceInfo]) -> str:
    if not sources:
        return t("feeds-none")
    lines = [t("feeds-header", count=str(len(sources)))]
    for source in sources:
        lines.append(
            t(
                "feeds-item",
                id=str(source.id),
                name=esc(clip(source.name, 80)),
                url=esc(clip(source.feed_url or source.url, 120)),
                trust=t(f"feeds-trust-{source.trust}"),
                state=_state(t, source),
                queued=str(source.queued),
            )
        )
    return "\n".join(lines)


def queue_list(t: Translator, items: Sequence[ItemInfo], parked: Sequence[ItemInfo] = ()) -> str:
    lines = [t("queue-header", count=str(len(items)))] if items else [t("queue-empty")]
    for item in items:
        lines.append(
            t(
                "queue-item",
                id=str(item.id),
                source=esc(clip(item.source_name, 60)),
                title=esc(clip(item.title or item.url or "—", 150)),
            )
        )
    if parked:
        lines.append("\n" + t("queue-parked-header", count=str(len(parked))))
        for item in parked:
            lines.append(
                t(
                    "queue-parked-item",
                    id=str(item.id),
                    source=esc(clip(item.source_name, 60)),
                    title=esc(clip(item.title or item.url or "—", 120)),
                    error=esc(item.error or "—"),
                )
            )
    return "\n".join(lines)


def source_problem(t: Translator, reason: str) -> str:
    return t(f"feeds-problem-{reason}") + "\n" + t("feeds-usage")


def queued_notice(t: Translator, item: ItemInfo) -> str:
    """To each admin, once per article a watched source brought."""
    return t(
        "queue-notice",
        id=str(item.id),
        source=esc(clip(item.source_name, 60)),
        title=esc(clip(item.title or item.url or "—", 200)),
    )
